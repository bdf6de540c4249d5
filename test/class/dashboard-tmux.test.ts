/**
 * End to end in tmux: the class dashboard at 80×24 with three learners, one stuck on a failing step;
 * and a learner's tutor joined to a class, showing the link and sending steps and hints.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { BIN, CODE, COURSE_EVENT, ROOT, cleanup, send, startClass, status, tempState } from './helpers.js';

const hasTmux = spawnSync('sh', ['-c', 'command -v tmux'], { stdio: 'ignore' }).status === 0;
const socket = `nt-class-e2e-${process.pid}`;
const state = tempState();

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}
const screen = () => tmux('capture-pane', '-p', '-t', 'class');

/** Runs the built CLI in a tmux window called `class`, in an 80×24 terminal. */
function open(args: string[], env: Record<string, string>): void {
  const vars = Object.entries({ NO_COLOR: '1', TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${v}`);
  const cmd = ['env', '-u', 'CI', ...vars, process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const shell = process.env.SHELL && !process.env.SHELL.endsWith('nologin') ? process.env.SHELL : '/bin/sh';
  execFileSync('tmux', ['-L', socket, 'new-session', '-d', '-x', '80', '-y', '24', '-s', 'class', `${cmd}; echo __EXIT=$?; sleep 600`], { env: { ...process.env, SHELL: shell } });
}

async function waitFor(test: RegExp, ms = 30_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (test.test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${test}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    /* already gone */
  }
  rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
  cleanup();
});

describe.skipIf(!hasTmux)('the class dashboard in a terminal', () => {
  it('three learners, the stuck one first; Enter shows what they typed and were told; q stops the class', async () => {
    const port = await freePort();
    open(['class', '--host', '127.0.0.1', '--port', String(port), '--code', CODE], { XDG_STATE_HOME: state });
    await waitFor(/Waiting for learners/);
    const url = `http://127.0.0.1:${port}`;

    const t = Date.now() - 4 * 60_000;
    await send(url, 'learner-ann-1', 'Ann', [COURSE_EVENT, { type: 'open', ref: '1.1' }, { type: 'attempt', ref: '1.1', commands: ['ip link add veth0-0 type veth peer name veth0-1'], typed: false, passed: true }, { type: 'open', ref: '1.2' }], t);
    const bo: object[] = [COURSE_EVENT];
    for (const s of COURSE_EVENT.type === 'join' ? COURSE_EVENT.course.steps : []) bo.push({ type: 'open', ref: s.ref }, { type: 'attempt', ref: s.ref, commands: ['x'], typed: false, passed: true });
    await send(url, 'learner-bo-01', 'Bo', bo as any, t);
    await send(url, 'learner-cleo1', 'Cleo', [COURSE_EVENT, { type: 'open', ref: '1.1' }, { type: 'attempt', ref: '1.1', commands: ['ip link add veth0-0 type veth peer name veth0-1'], typed: false, passed: true }, { type: 'open', ref: '1.2' }], t);
    for (let i = 0; i < 3; i++)
      await send(url, 'learner-cleo1', 'Cleo', [
        { type: 'attempt', ref: '1.2', commands: ['ip link set veth0 up'], typed: true, passed: false, failing: 'veth0-1 is up in ns0', explanation: 'There is no veth0: the pair is veth0-0 and veth0-1.' },
        { type: 'hint', ref: '1.2', shown: i + 1 },
      ]);

    let s = await waitFor(/3 learners · 1 stuck · 1 finished/);
    const rows = s.split('\n');
    const first = rows.findIndex((l) => /NAME +AT +STEPS/.test(l)) + 1;
    expect(rows[first]).toMatch(/^›!Cleo +1\.2 +✔✘ ··· · +4m\d\d +3\/0 +veth0-1 is up in ns0/);
    expect(rows[first + 1]).toMatch(/^ {2}Ann +1\.2 +✔● ··· ·/);
    expect(rows[first + 2]).toMatch(/^ ✔Bo +✔ +✔✔ ✔✔✔ ✔ +0\/0/);
    expect(s).toMatch(/Now on: 1\.2 ×2 \(1!\)/);
    for (const l of rows) expect(l.length).toBeLessThanOrEqual(80);

    tmux('send-keys', '-t', 'class', 'Enter');
    s = await waitFor(/Cleo · at 1\.2/);
    expect(s).toContain('4 attempts (3 failed) · 3 hints · 0 whys');
    expect(s).toContain('✘ 1.2 (typed)');
    expect(s).toContain('$ ip link set veth0 up');
    expect(s).toContain('Told: There is no veth0: the pair is veth0-0 and veth0-1.');

    tmux('send-keys', '-t', 'class', 'Escape');
    await waitFor(/NAME +AT +STEPS/);
    tmux('send-keys', '-t', 'class', 'Tab');
    s = await waitFor(/STEP +TITLE +PASSED/);
    expect(s).toMatch(/1\.2 +Step 1\.2 +1 +2 +1! +1× veth0-1 is up in ns0/);

    tmux('send-keys', '-t', 'class', 'q');
    s = await waitFor(/__EXIT=0/);
    expect(s).toMatch(/Class stopped/);
    tmux('kill-server');
  }, 90_000);

  it.skipIf(!sandboxWorks())('a learner’s tutor joined to a class shows the link and shares the step they ran and the hint they opened', async () => {
    const c = await startClass(tempState());
    try {
      open(['--lessons', join(ROOT, 'test/fixtures/lessons/mini'), '--join', c.url, '--code', CODE, '--name', 'Uma', 'start', '1.1'], { XDG_STATE_HOME: tempState() });
      await waitFor(/class: connected.*Enter run/, 60_000);
      tmux('send-keys', '-t', 'class', 'h');
      await waitFor(/nudge/);
      tmux('send-keys', '-t', 'class', 'Enter');
      await waitFor(/Step passed/, 60_000);
      let uma: any;
      for (let i = 0; i < 100 && !(uma?.attempts >= 1); i++) {
        [uma] = (await status(c.url)).learners;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(uma).toMatchObject({ name: 'Uma', mode: 'learn', current: '1.1', done: ['1.1'], attempts: 1, hints: 1 });
      tmux('send-keys', '-t', 'class', 'q');
      const s = await waitFor(/__EXIT=0/);
      expect(s).toMatch(/Class: \d+ events delivered/);
      expect((await status(c.url)).learners[0].left).toBe(true);
    } finally {
      await c.stop('SIGKILL');
    }
  }, 120_000);
});
