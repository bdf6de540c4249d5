/** A real terminal for end-to-end tests: tmux on its own socket, with what the tutor left behind and the host's network to compare. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guardSandbox } from '../setup/guard.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'netns-tutor.js');

export function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Can this machine give the tutor a sandbox? Trying costs a throwaway namespace, never the host's. */
function namespacesWork(): boolean {
  const args = process.geteuid?.() === 0 ? ['--net', '--mount', '--fork', 'true'] : ['--user', '--map-current-user', '--net', '--mount', '--fork', 'true'];
  return spawnSync('unshare', args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

export const canRun = process.platform === 'linux' && has('tmux') && has('unshare') && has('ip') && guardSandbox() && namespacesWork();

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function hostNetwork(): string {
  const link = execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' });
  const netns = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  return `${link}\n--\n${netns}`;
}

/** PIDs and command lines of every process below `pid`. */
export function descendants(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    const r = spawnSync('pgrep', ['-P', String(p)], { encoding: 'utf8' });
    for (const c of (r.stdout ?? '').split('\n').filter(Boolean).map(Number)) {
      const cmd = spawnSync('ps', ['-o', 'args=', '-p', String(c)], { encoding: 'utf8' }).stdout?.trim() ?? '';
      out.push({ pid: c, cmd });
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** An environment without CI markers: Ink renders nothing live when it thinks it runs in CI. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of Object.keys(env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete env[k];
  env.TERM = 'xterm-256color';
  // tmux runs the pane through $SHELL, else the login shell, which is nologin for system users.
  env.SHELL = env.SHELL && !env.SHELL.endsWith('nologin') ? env.SHELL : '/bin/sh';
  return env;
}

let counter = 0;

export class Term {
  readonly socket = `netns-tutor-e2e-${process.pid}-${++counter}`;
  readonly state = mkdtempSync(join(tmpdir(), 'netns-tutor-e2e-state-'));
  panePid = 0;

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env: cleanEnv({ XDG_STATE_HOME: this.state }) });
  }

  /** `as`: a command that runs the tutor as someone else (setpriv …), in this terminal. */
  start(args: string[], env: Record<string, string> = {}, size: { columns: number; rows: number } = { columns: 100, rows: 30 }, as: string[] = []): void {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const cmd = [...as, 'env', '-u', 'CI', `XDG_STATE_HOME=${this.state}`, ...vars, process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    this.tmux('new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), '-s', 'e2e', `${cmd}; echo __EXIT=$?; sleep 600`);
    this.panePid = Number(this.tmux('display', '-p', '-t', 'e2e', '#{pane_pid}').trim());
  }

  screen(colour = false): string {
    return this.tmux('capture-pane', '-p', ...(colour ? ['-e'] : []), '-t', 'e2e');
  }

  history(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-t', 'e2e');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'e2e', ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'e2e', '-l', text);
  }

  async waitFor(test: RegExp | string, ms = 30_000, from: () => string = () => this.screen()): Promise<string> {
    const end = Date.now() + ms;
    for (;;) {
      const s = from();
      if (typeof test === 'string' ? s.includes(test) : test.test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${String(test)}; screen:\n${s}`);
      await sleep(100);
    }
  }

  /** What still runs under the pane, except the shell's own `sleep` that keeps it open. */
  leftovers(): { pid: number; cmd: string }[] {
    return descendants(this.panePid).filter((p) => !/^sleep 600$/.test(p.cmd));
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      /* already gone */
    }
    rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
    rmSync(this.state, { recursive: true, force: true });
  }
}

