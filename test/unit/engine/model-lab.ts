// A lab in memory that understands the few ip commands the walk fixture uses, and prints its state as the snapshot script would.
import type { CommandResult, Lab, RunOptions } from '../../../src/lab/sandbox.js';
import { SNAPSHOT_SCRIPT } from '../../../src/lab/state.js';

interface ModelLink {
  ns: string;
  name: string;
  up: boolean;
}

/** `hang` runs until its signal aborts, `cut-short` ends as cancelled at once, `fail` exits 1; `a && b` runs b only after a worked; `ip` commands change the model; any other command succeeds and does nothing. */
export class ModelLab {
  readonly mode = 'rootless' as const;
  readonly startedMs = performance.now();
  isClosed = false;
  links: ModelLink[] = [];
  namespaces: string[] = [];
  /** Commands run, in order: SETTINGS for the lesson settings script; state reads are not listed. */
  ran: string[] = [];
  /** State reads, in order: 'all' for the whole lab, else the sections read. */
  reads: string[] = [];

  stopLeftovers(): void {}

  async close(): Promise<void> {
    this.isClosed = true;
  }

  async run(command: string, opts: RunOptions = {}): Promise<CommandResult> {
    const result = (r: Partial<CommandResult>): CommandResult => ({ command, code: 0, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 1, ...r });
    if (command.includes('snap()')) {
      this.reads.push(command === SNAPSHOT_SCRIPT ? 'all' : (/@@batch \$1 ([\w,]+)/.exec(command)?.[1] ?? ''));
      return result({ stdout: this.snapshot(command) });
    }
    this.ran.push(command.includes('NETNS_TUTOR_TEST_NO_IPV4_DEFAULTS') ? 'SETTINGS' : command);
    if (command === 'hang') {
      const signal = opts.signal;
      await new Promise<void>((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve(), { once: true })));
      return result({ code: null, signal: 'SIGKILL', cancelled: true });
    }
    if (command === 'cut-short') return result({ code: null, signal: 'SIGKILL', cancelled: true });
    for (const part of command.split(' && ')) {
      if (part === 'fail') return result({ code: 1 });
      const error = this.apply(part);
      if (error) return result({ code: 1, stderr: error, output: error });
    }
    return result({});
  }

  /** A capture that cannot start (no tcpdump in the model). */
  spawn(command: string) {
    this.ran.push(command);
    return { id: 1, done: Promise.resolve({ command, code: 1, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: 'tcpdump: not in a model lab\n', output: '', durationMs: 0 }), kill: () => {}, write: () => {}, endInput: () => {} };
  }

  private find(name: string, ns = 'host'): ModelLink | undefined {
    return this.links.find((l) => l.name === name && l.ns === ns);
  }

  /** An error message, or undefined when the command worked. */
  private apply(command: string): string | undefined {
    let m: RegExpExecArray | null;
    if ((m = /^ip link add (\S+) type veth peer name (\S+)$/.exec(command))) {
      this.links.push({ ns: 'host', name: m[1], up: false }, { ns: 'host', name: m[2], up: false });
    } else if ((m = /^ip link set (?:up (\S+)|(\S+) up)$/.exec(command))) {
      const l = this.find(m[1] ?? m[2]);
      if (!l) return `Cannot find device "${m[1] ?? m[2]}"\n`;
      l.up = true;
    } else if ((m = /^ip netns add (\S+)$/.exec(command))) {
      this.namespaces.push(m[1]);
    } else if ((m = /^ip link set (\S+) netns (\S+)$/.exec(command))) {
      const l = this.find(m[1]);
      if (!l) return `Cannot find device "${m[1]}"\n`;
      Object.assign(l, { ns: m[2], up: false });
    }
    return undefined;
  }

  private snapshot(script: string): string {
    const sections = /@@batch \$1 ([\w,]+)/.exec(script)?.[1].split(',') ?? [];
    const lines = (ns: string) =>
      sections.map((s) => {
        if (s === 'links') return JSON.stringify(this.links.filter((l) => l.ns === ns).map((l, i) => ({ ifindex: i + 2, ifname: l.name, flags: l.up ? ['UP'] : [], linkinfo: { info_kind: 'veth' }, operstate: l.up ? 'LOWERLAYERDOWN' : 'DOWN', address: `02:00:00:00:00:0${i}`, addr_info: [] })));
        if (s === 'ids' && ns === 'host') return JSON.stringify(this.namespaces.map((name, id) => ({ name, id })));
        return '[]';
      });
    return ['host', ...this.namespaces].map((ns) => [`@@batch ${ns} ${sections.join(',')}`, ...lines(ns)].join('\n')).join('\n') + '\n';
  }
}

/** Model labs as a session's startLab: the first is the learner's, later ones usually copies made for proofs (which `copyDelayMs` slows). */
export function modelLabs(opts: { copyDelayMs?: number } = {}): { labs: ModelLab[]; start: () => Promise<Lab> } {
  const labs: ModelLab[] = [];
  return {
    labs,
    start: async () => {
      const lab = new ModelLab();
      labs.push(lab);
      if (labs.length > 1 && opts.copyDelayMs) await new Promise((r) => setTimeout(r, opts.copyDelayMs));
      return lab as unknown as Lab;
    },
  };
}
