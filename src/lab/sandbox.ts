/** One lab: starts the confined sandbox with its agent, and runs commands in it over the agent's line protocol. */
import { readFileSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { NODE_AGENT_SOURCE, PERL_AGENT_SOURCE } from './agent-source.js';
import { launchCommand, type LabMode } from './confine.js';
import { OutputCollector } from './output.js';
import { findTool } from './tools.js';
import { LabError, defaultMode, liveLabs } from './lab-error.js';

export type { LabMode } from './confine.js';

export interface CommandResult {
  command: string;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Output as kept: at most the head and the tail, with a note of what was dropped between, and no control sequences. */
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  /** Bytes of output dropped between the head and the tail that were kept (0 when all was kept). */
  droppedBytes?: number;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs?: number;
  /** Streams the output, cleaned of control sequences, as it arrives. */
  onOutput?: (chunk: string, fd: 1 | 2) => void;
  /** Streams the output's raw bytes instead, and keeps none of it (the lab shell's terminal relay). */
  onRaw?: (bytes: Buffer, fd: 1 | 2) => void;
  /** Gives the command a stdin pipe, fed by RunningCommand.write. */
  input?: boolean;
  signal?: AbortSignal;
}

export interface RunningCommand {
  id: number;
  done: Promise<CommandResult>;
  kill(signal?: NodeJS.Signals): void;
  write(bytes: Buffer): void;
  endInput(): void;
}

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

/** A sandbox that is not ready by then will not be: the tutor says so instead of waiting. */
const START_TIMEOUT_MS = 20_000;
/** A line from the agent is hex of at most 64 KiB; anything much longer is not the agent speaking. */
const MAX_LINE = 1 << 20;

interface Pending {
  command: string;
  started: number;
  out: OutputCollector;
  cancelled: boolean;
  opts: RunOptions;
  resolve: (r: CommandResult) => void;
}

/** One sandbox (see confine.ts for what it is made of). */
export class Lab {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private closed = false;
  private closedPromise: Promise<void>;

  private constructor(
    private readonly proc: ResultPromise,
    readonly mode: LabMode,
    readonly startedMs: number,
  ) {
    this.closedPromise = new Promise((resolve) => proc.once('close', () => resolve()));
    liveLabs.add(this);
    proc.once('close', () => liveLabs.delete(this));
  }

  static async start(mode: LabMode = defaultMode()): Promise<Lab> {
    const t0 = performance.now();
    const { file, args, env } = launchCommand(mode, agentCommand());
    const proc = execa(file, args, {
      env,
      extendEnv: false,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      // Own process group: a Ctrl+C in the terminal is the tutor's to handle, not the sandbox's.
      detached: true,
    });
    const lab = new Lab(proc, mode, t0);
    await lab.waitReady();
    return lab;
  }

  private waitReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      let stderr = '';
      let buf = '';
      let ready = false;
      const timer = setTimeout(() => {
        if (ready) return;
        reject(new LabError(this.mode === 'root' ? 'root-failed' : 'userns-failed', `the sandbox was not ready after ${START_TIMEOUT_MS / 1000} s`));
        this.killNow();
      }, START_TIMEOUT_MS);
      this.proc.stderr!.on('data', (d: Buffer) => {
        if (stderr.length < 65536) stderr += d.toString();
      });
      this.proc.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new LabError(e.code === 'ENOENT' ? 'no-unshare' : this.mode === 'root' ? 'root-failed' : 'userns-failed', e.message));
      });
      this.proc.once('close', () => {
        clearTimeout(timer);
        this.closed = true;
        if (!ready) reject(diagnoseStartFailure(this.mode, stderr.trim()));
        for (const [id, p] of this.pending) this.finish(id, p, { code: null, signal: 'SIGKILL', timedOut: false });
      });
      this.proc.stdout!.setEncoding('latin1');
      this.proc.stdout!.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const msg = line ? parseAgentLine(line) : undefined;
          if (!msg) continue;
          if (msg.ev === 'ready') {
            ready = true;
            clearTimeout(timer);
            resolve();
          } else this.onMessage(msg);
        }
        if (buf.length > MAX_LINE) this.killNow();
      });
      this.proc.stdin!.on('error', () => {});
    });
  }

  private onMessage(msg: AgentMessage): void {
    if (msg.ev === 'ready') return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.ev === 'out') {
      if (p.opts.onRaw) return p.opts.onRaw(msg.data, msg.fd);
      const text = p.out.add(msg.fd, msg.data);
      if (text) p.opts.onOutput?.(text, msg.fd);
    } else if (msg.ev === 'dropped') {
      if (p.opts.onRaw) return;
      const note = p.out.dropped(msg.bytes);
      p.opts.onOutput?.(note, 1);
    } else this.finish(msg.id, p, msg);
  }

  private finish(id: number, p: Pending, status: { code: number | null; signal: string | null; timedOut: boolean }): void {
    this.pending.delete(id);
    for (const { fd, text } of p.out.flush()) p.opts.onOutput?.(text, fd);
    p.resolve({
      command: p.command,
      code: status.code,
      signal: status.signal,
      timedOut: status.timedOut,
      cancelled: p.cancelled,
      ...p.out.result(),
      droppedBytes: p.out.droppedBytes,
      durationMs: performance.now() - p.started,
    });
  }

  /** Starts a shell command line inside the sandbox. */
  spawn(command: string, opts: RunOptions = {}): RunningCommand {
    const id = this.nextId++;
    const kill = (signal: NodeJS.Signals = 'SIGKILL') => this.send(`K ${id} ${signal}`);
    let onAbort: (() => void) | undefined;
    const settled = new Promise<CommandResult>((resolve) => {
      const p: Pending = { command, started: performance.now(), out: new OutputCollector(), cancelled: false, opts, resolve };
      if (this.closed) {
        resolve({ command, code: null, signal: 'SIGKILL', timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', droppedBytes: 0, durationMs: 0 });
        return;
      }
      this.pending.set(id, p);
      if (opts.signal) {
        onAbort = () => {
          p.cancelled = true;
          kill('SIGKILL');
        };
        if (opts.signal.aborted) onAbort();
        else opts.signal.addEventListener('abort', onAbort, { once: true });
      }
      this.send(`R ${id} ${Math.round(opts.timeoutMs ?? 10_000)} ${opts.input ? 'i' : '-'} ${Buffer.from(command, 'utf8').toString('hex')}`);
    });
    // One signal serves every command of a replay: each command lets go of it when it ends.
    const done = settled.then((r) => {
      if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
      return r;
    });
    return {
      id,
      done,
      kill,
      write: (bytes) => {
        for (let i = 0; i < bytes.length; i += 32768) this.send(`I ${id} ${bytes.subarray(i, i + 32768).toString('hex')}`);
      },
      endInput: () => this.send(`C ${id}`),
    };
  }

  /**
   * Stops every process that finished commands left running (a server started with `&`).
   * Commands sent after this start once they are gone.
   */
  stopLeftovers(): void {
    this.send('S');
  }

  run(command: string, opts: RunOptions = {}): Promise<CommandResult> {
    return this.spawn(command, opts).done;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private send(line: string): void {
    if (this.closed) return;
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

  /** Synchronous last resort for process exit handlers: the launcher's death takes the lab's PID namespace with it. */
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
  | { ev: 'out'; id: number; fd: 1 | 2; data: Buffer }
  | { ev: 'dropped'; id: number; bytes: number }
  | { ev: 'exit'; id: number; code: number | null; signal: string | null; timedOut: boolean };

export function parseAgentLine(line: string): AgentMessage | undefined {
  const f = line.split(' ');
  if (f[0] === 'READY') return { ev: 'ready' };
  if (f[0] === 'O') return { ev: 'out', id: Number(f[1]), fd: f[2] === '1' ? 1 : 2, data: Buffer.from(f[3] ?? '', 'hex') };
  if (f[0] === 'D') return { ev: 'dropped', id: Number(f[1]), bytes: Number(f[2]) || 0 };
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
  // As root the lab still needs a user namespace; only a zero limit forbids root one.
  if (mode === 'root') return new LabError('root-failed', readSys('/proc/sys/user/max_user_namespaces') === '0' ? `${stderr}\nuser.max_user_namespaces = 0: sudo sysctl -w user.max_user_namespaces=15000` : stderr);
  if (readSys('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') return new LabError('userns-apparmor', stderr);
  if (readSys('/proc/sys/user/max_user_namespaces') === '0') return new LabError('userns-max', stderr);
  if (readSys('/proc/sys/kernel/unprivileged_userns_clone') === '0') return new LabError('userns-disabled', stderr);
  if (/No space left on device/.test(stderr)) return new LabError('userns-limit', stderr);
  return new LabError('userns-failed', stderr);
}
