import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NODE_AGENT_SOURCE, PERL_AGENT_SOURCE } from './agent-source.js';
import { ipv4SetupLines } from './ipv4-defaults.js';
import { findTool, labPath } from './tools.js';

export type LabMode = 'root' | 'rootless';

export type LabErrorCode = 'userns-apparmor' | 'userns-max' | 'userns-limit' | 'userns-disabled' | 'userns-failed' | 'root-failed' | 'no-unshare' | 'closed';

/** A failure to build or use the sandbox, with a code the front ends turn into advice. */
export class LabError extends Error {
  constructor(
    readonly code: LabErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface CommandResult {
  command: string;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs?: number;
  onOutput?: (chunk: string, fd: 1 | 2) => void;
  signal?: AbortSignal;
}

export interface RunningCommand {
  id: number;
  done: Promise<CommandResult>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Sandbox set-up, run as the first program inside the new namespaces. /run/netns
 * may not exist on the host; creating it there would touch the host, so a
 * tmpfs goes over /run and the directory is made inside it (the lab's IPv4
 * defaults keep their files there too).
 */
const SETUP = [
  'set -e',
  'mount -t tmpfs -o mode=755 netns-tutor /run; mkdir /run/netns',
  'mount -t sysfs sysfs /sys',
  'ip link set lo up',
  ...ipv4SetupLines(),
  'exec "$@"',
].join('\n');

/** Perl when it is there (it starts ten times faster than Node.js), else Node.js. NETNS_TUTOR_AGENT=node|perl forces one. */
export function agentCommand(): string[] {
  const want = process.env.NETNS_TUTOR_AGENT;
  const perl = want !== 'node' ? findTool('perl') : undefined;
  if (perl) return [perl, '-e', PERL_AGENT_SOURCE, agentTag()];
  return [process.execPath, '--max-old-space-size=32', '-e', NODE_AGENT_SOURCE, agentTag()];
}

/** Names the agent process in `ps`, so tests and instructors can find a tutor's labs. */
export function agentTag(): string {
  return `netns-tutor-agent:${process.env.NETNS_TUTOR_TAG ?? process.pid}`;
}

export function defaultMode(): LabMode {
  return process.geteuid?.() === 0 ? 'root' : 'rootless';
}

export function unshareArgs(mode: LabMode): string[] {
  const user = mode === 'rootless' ? ['--user', '--map-current-user', '--keep-caps'] : [];
  return [...user, '--net', '--mount', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private'];
}

interface Pending {
  command: string;
  started: number;
  stdout: string;
  stderr: string;
  output: string;
  cancelled: boolean;
  opts: RunOptions;
  resolve: (r: CommandResult) => void;
}

/** Every lab still open in this process, so that an exiting tutor can take them down. */
export const liveLabs = new Set<Lab>();

/** One sandbox: fresh network, mount and PID namespaces (plus a user namespace when rootless). */
export class Lab {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private closed = false;
  private closedPromise: Promise<void>;

  private constructor(
    private readonly proc: ChildProcess,
    readonly mode: LabMode,
    readonly startedMs: number,
  ) {
    this.closedPromise = new Promise((resolve) => proc.once('close', () => resolve()));
    liveLabs.add(this);
    proc.once('close', () => liveLabs.delete(this));
  }

  static async start(mode: LabMode = defaultMode()): Promise<Lab> {
    const t0 = performance.now();
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: labPath(), LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
    delete env.LANGUAGE;
    const proc = spawn(
      'unshare',
      [...unshareArgs(mode), '--', '/bin/sh', '-c', SETUP, 'netns-tutor-setup', ...agentCommand()],
      // Own process group: a Ctrl+C in the terminal is the tutor's to handle, not the sandbox's.
      { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env },
    );
    const lab = new Lab(proc, mode, t0);
    await lab.waitReady();
    return lab;
  }

  private waitReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      let stderr = '';
      let buf = '';
      let ready = false;
      const onErr = (d: Buffer) => (stderr += d.toString());
      this.proc.stderr!.on('data', onErr);
      this.proc.once('error', (e: NodeJS.ErrnoException) => {
        reject(new LabError(e.code === 'ENOENT' ? 'no-unshare' : 'root-failed', e.message));
      });
      this.proc.once('close', () => {
        this.closed = true;
        if (!ready) reject(diagnoseStartFailure(this.mode, stderr.trim()));
        for (const [id, p] of this.pending) this.finish(id, p, { code: null, signal: 'SIGKILL', timedOut: false });
      });
      this.proc.stdout!.setEncoding('utf8');
      this.proc.stdout!.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (!line) continue;
          const msg = parseAgentLine(line);
          if (!msg) continue;
          if (msg.ev === 'ready') {
            ready = true;
            resolve();
          } else this.onMessage(msg);
        }
      });
      this.proc.stdin!.on('error', () => {});
    });
  }

  private onMessage(msg: AgentMessage): void {
    if (msg.ev === 'ready') return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.ev === 'out') {
      if (msg.fd === 1) p.stdout += msg.data;
      else p.stderr += msg.data;
      p.output += msg.data;
      p.opts.onOutput?.(msg.data, msg.fd);
    } else this.finish(msg.id, p, msg);
  }

  private finish(id: number, p: Pending, status: { code: number | null; signal: string | null; timedOut: boolean }): void {
    this.pending.delete(id);
    p.resolve({
      command: p.command,
      code: status.code,
      signal: status.signal,
      timedOut: status.timedOut,
      cancelled: p.cancelled,
      stdout: p.stdout,
      stderr: p.stderr,
      output: p.output,
      durationMs: performance.now() - p.started,
    });
  }

  /** Starts a shell command line inside the sandbox, in its own process group. */
  spawn(command: string, opts: RunOptions = {}): RunningCommand {
    const id = this.nextId++;
    const kill = (signal: NodeJS.Signals = 'SIGKILL') => this.send({ op: 'kill', id, signal });
    const done = new Promise<CommandResult>((resolve) => {
      const p: Pending = { command, started: performance.now(), stdout: '', stderr: '', output: '', cancelled: false, opts, resolve };
      if (this.closed) {
        resolve({ command, code: null, signal: 'SIGKILL', timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 0 });
        return;
      }
      this.pending.set(id, p);
      if (opts.signal) {
        const onAbort = () => {
          p.cancelled = true;
          kill('SIGKILL');
        };
        if (opts.signal.aborted) onAbort();
        else opts.signal.addEventListener('abort', onAbort, { once: true });
      }
      this.send({ op: 'run', id, cmd: command, timeoutMs: opts.timeoutMs ?? 10_000 });
    });
    return { id, done, kill };
  }

  run(command: string, opts: RunOptions = {}): Promise<CommandResult> {
    return this.spawn(command, opts).done;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private send(msg: { op: 'run'; id: number; cmd: string; timeoutMs: number } | { op: 'kill'; id: number; signal: string }): void {
    if (this.closed) return;
    const line = msg.op === 'run' ? `R ${msg.id} ${Math.round(msg.timeoutMs)} ${Buffer.from(msg.cmd, 'utf8').toString('hex')}` : `K ${msg.id} ${msg.signal}`;
    this.proc.stdin!.write(line + '\n');
  }

  /** Ends the sandbox and everything in it. Safe to call twice. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.proc.stdin!.end();
      const t = setTimeout(() => this.killNow(), 2000);
      await this.closedPromise;
      clearTimeout(t);
    }
  }

  /** Synchronous last resort for process exit handlers. */
  killNow(): void {
    try {
      this.proc.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

type AgentMessage =
  | { ev: 'ready' }
  | { ev: 'out'; id: number; fd: 1 | 2; data: string }
  | { ev: 'exit'; id: number; code: number | null; signal: string | null; timedOut: boolean };

export function parseAgentLine(line: string): AgentMessage | undefined {
  const f = line.split(' ');
  if (f[0] === 'READY') return { ev: 'ready' };
  if (f[0] === 'O') return { ev: 'out', id: Number(f[1]), fd: f[2] === '1' ? 1 : 2, data: Buffer.from(f[3] ?? '', 'hex').toString('utf8') };
  if (f[0] === 'X') return { ev: 'exit', id: Number(f[1]), code: f[2] === '-' ? null : Number(f[2]), signal: f[3] === '-' ? null : f[3], timedOut: f[4] === '1' };
  return undefined;
}

function readSys(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Turns unshare's complaint into the reason a learner can act on. */
export function diagnoseStartFailure(mode: LabMode, stderr: string): LabError {
  if (mode === 'root') return new LabError('root-failed', stderr);
  if (readSys('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') return new LabError('userns-apparmor', stderr);
  if (readSys('/proc/sys/user/max_user_namespaces') === '0') return new LabError('userns-max', stderr);
  if (readSys('/proc/sys/kernel/unprivileged_userns_clone') === '0') return new LabError('userns-disabled', stderr);
  if (/No space left on device/.test(stderr)) return new LabError('userns-limit', stderr);
  return new LabError('userns-failed', stderr);
}
