// runShell on a real pseudo-terminal (made by util-linux `script`): the shell it starts, bytes relayed both ways, raw mode on and off, a terminal that goes away.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runShell } from '../../../src/engine/shell.js';
import type { CommandResult, Lab, RunOptions } from '../../../src/lab/sandbox.js';

/** A pseudo-terminal held open by `script`: write to `keys` to type, read `screen` for what reaches it. */
interface Terminal {
  path: string;
  keys: Writable;
  screen: () => string;
  proc: ChildProcessByStdio<Writable, Readable, null>;
}

const terminals: Terminal[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) if (t.proc.exitCode === null) t.proc.kill('SIGKILL');
});

async function openTerminal(): Promise<Terminal> {
  const proc = spawn('script', ['-q', '-c', 'tty; exec sleep 60', '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
  const deadline = Date.now() + 5000;
  while (!/\/dev\/pts\/\d+\r?\n/.test(out)) {
    if (Date.now() > deadline) throw new Error(`script gave no terminal: ${JSON.stringify(out)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const path = /(\/dev\/pts\/\d+)/.exec(out)![1];
  const start = out.length;
  const t = { path, keys: proc.stdin, screen: () => out.slice(start), proc };
  terminals.push(t);
  return t;
}

/** The terminal's line settings, read by another process. */
const raw = (path: string) => / -icanon /.test(spawnSync('stty', ['-F', path, '-a'], { encoding: 'utf8' }).stdout);

/** A lab whose one spawned command the test drives: what the shell was asked to run, what it was sent, and how it ends. */
function shellLab() {
  const got = { command: '', opts: {} as RunOptions, typed: '', kills: [] as string[], ended: false };
  let finish!: () => void;
  const lab = {
    spawn(command: string, opts: RunOptions) {
      got.command = command;
      got.opts = opts;
      const done = new Promise<CommandResult>((r) => (finish = () => r({ command, code: 0, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 1 })));
      return { id: 1, done, kill: (s: string) => got.kills.push(s), write: (d: Buffer) => (got.typed += d.toString()), endInput: () => (got.ended = true) };
    },
  };
  return { lab: lab as unknown as Lab, got, exit: () => finish() };
}

const until = async (what: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

function withShellEnv<T>(shell: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.SHELL;
  if (shell === undefined) delete process.env.SHELL;
  else process.env.SHELL = shell;
  return body().finally(() => (saved === undefined ? delete process.env.SHELL : (process.env.SHELL = saved)));
}

describe('runShell on a pseudo-terminal', () => {
  it("relays the lab's output to the terminal and the learner's keys to the lab, in raw mode until the shell exits", async () => {
    const t = await openTerminal();
    const { lab, got, exit } = shellLab();
    const running = withShellEnv('/bin/bash', () => runShell(lab, t.path));
    await until(() => got.command !== '');
    // Not a terminal here, so the usual size.
    expect(got.command).toContain("stty rows 24 cols 80 2>/dev/null; exec '\\''/bin/bash'\\'' --norc --noprofile -i'");
    expect(got.opts).toMatchObject({ timeoutMs: 24 * 3600 * 1000, input: true });
    expect(raw(t.path)).toBe(true);
    got.opts.onRaw!(Buffer.from('lab says hi\r\n'), 1);
    await until(() => t.screen().includes('lab says hi'));
    t.keys.write('ls\r');
    await until(() => got.typed === 'ls\r');
    // Raw mode: the keys are not echoed by the terminal.
    expect(t.screen()).not.toContain('ls');
    exit();
    await running;
    expect(raw(t.path)).toBe(false);
    expect(got.kills).toEqual([]);
  });

  it('a shell the tutor does not know, or none, is replaced by /bin/sh', async () => {
    for (const shell of ['/usr/bin/fish', undefined, '/bin/bashful']) {
      const t = await openTerminal();
      const { lab, got, exit } = shellLab();
      const running = withShellEnv(shell, () => runShell(lab, t.path));
      await until(() => got.command !== '');
      expect(got.command, String(shell)).toContain("exec '\\''/bin/sh'\\'' -i'");
      exit();
      await running;
    }
    for (const [shell, line] of [
      ['/usr/local/bin/zsh', "exec '\\''/usr/local/bin/zsh'\\'' -f -i'"],
      // A bare name is looked up on the lab's PATH.
      ['bash', "exec '\\''bash'\\'' --norc --noprofile -i'"],
    ]) {
      const t = await openTerminal();
      const { lab, got, exit } = shellLab();
      const running = withShellEnv(shell, () => runShell(lab, t.path));
      await until(() => got.command !== '');
      expect(got.command).toContain(line);
      exit();
      await running;
    }
  });

  it('a terminal that goes away ends the shell: its input ends, and output that cannot be shown kills it', async () => {
    const t = await openTerminal();
    const { lab, got, exit } = shellLab();
    const running = runShell(lab, t.path);
    await until(() => got.command !== '');
    t.proc.kill('SIGKILL');
    // The learner's side hung up: the shell's input ends (a shell exits at the end of its input)…
    await until(() => got.ended);
    expect(got.kills).toEqual([]);
    // …and output that can no longer be shown kills it.
    got.opts.onRaw!(Buffer.from('anyone there?'), 1);
    expect(got.kills).toEqual(['SIGKILL']);
    exit();
    await running;
  });
});
