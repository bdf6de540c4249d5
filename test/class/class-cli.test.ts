/**
 * The built CLI as instructor and learners: a headless class on loopback, killed with SIGKILL and
 * brought back, and a learner (`check --join`, real sandboxes) whose class is down until its run ends.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostNetwork, sandboxWorks } from '../integration/helpers.js';
import { BIN, CODE, COURSE_EVENT, ROOT, cleanup, resetSeqs, send, startClass, status, tempState, type RunningClass } from './helpers.js';

const MINI = join(ROOT, 'test/fixtures/lessons/mini');
const running: RunningClass[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop('SIGKILL');
  resetSeqs();
});
afterAll(() => cleanup());

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT });
});

describe('class on the command line', () => {
  it('killed with SIGKILL mid-class and restarted with --resume: every learner as they were, same code and port', async () => {
    const state = tempState();
    const c = await startClass(state);
    running.push(c);
    // 30 learners sending at once, some of them many batches.
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const id = `learner-kill-${i}`;
        await send(c.url, id, `L${i}`, [COURSE_EVENT, { type: 'open', ref: '1.1' }]);
        for (let k = 0; k < i % 5; k++) await send(c.url, id, `L${i}`, [{ type: 'attempt', ref: '1.1', commands: [`try ${k}`], typed: true, passed: k === 3 }]);
      }),
    );
    const before = await status(c.url);
    await c.stop('SIGKILL');
    running.pop();
    const again = await startClass(state, ['--resume'], c.port);
    running.push(again);
    expect(again.output()).toMatch(/Class resumed with 30 learners/);
    expect(again.port).toBe(c.port);
    const after = await status(again.url);
    const strip = (s: typeof before) => s.learners.map(({ onStepMs: _a, lastSeen: _b, ...rest }: any) => rest);
    expect(strip(after)).toEqual(strip(before));
    expect(after.learners.find((l: any) => l.name === 'L4')).toMatchObject({ attempts: 4, done: ['1.1'] });
    // Still taking events after the restart, and a learner's resent batch is not counted twice.
    expect((await send(again.url, 'learner-kill-0', 'L0', [{ type: 'open', ref: '1.2' }])).status).toBe(200);
    expect((await status(again.url)).learners.find((l: any) => l.name === 'L0').current).toBe('1.2');
  });

  it('a class started again with the same code in the same state directory is the same class', async () => {
    const state = tempState();
    const c = await startClass(state);
    running.push(c);
    await send(c.url, 'learner-same-1', 'Ann', [COURSE_EVENT]);
    await c.stop('SIGKILL');
    running.pop();
    const again = await startClass(state);
    running.push(again);
    expect((await status(again.url)).learners.map((l: any) => l.name)).toEqual(['Ann']);
  });

  it('refuses a bad --port or --code, and --resume with nothing to resume, with a message', () => {
    const state = tempState();
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, XDG_STATE_HOME: state } });
    let r = run(['class', '--headless', '--port', '99999']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--port needs a port number/);
    r = run(['class', '--headless', '--code', 'a b']);
    expect(r.stderr).toMatch(/--code must be/);
    r = run(['class', '--headless', '--resume']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no class to resume/);
    r = run(['check', '--join', 'ftp://x', '--code', 'X']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--join needs the address/);
    for (const args of [['list'], ['check', '--mutants'], ['class', '--headless']]) {
      r = run([...args, '--join', 'http://127.0.0.1:9', '--code', 'X']);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--join works with the tutor/);
    }
    r = run(['check', '--name', 'Ann']);
    expect(r.stderr).toMatch(/--name is for joining a class: add --join URL/);
    expect(r.stderr + r.stdout).not.toMatch(/at .*\.js:\d+/);
  });

  it.skipIf(!sandboxWorks())('a learner whose class is down finishes the course; its events arrive when the class comes back', async () => {
    const hostBefore = hostNetwork();
    const state = tempState();
    // Find a port, then leave it closed until the learner has finished.
    const probe = await startClass(tempState());
    const port = probe.port;
    await probe.stop('SIGKILL');
    const learner = spawn(process.execPath, [BIN, 'check', '--lessons', MINI, '--join', `http://127.0.0.1:${port}`, '--code', CODE, '--name', 'Offline Olga', '--join-wait', '120'], {
      cwd: ROOT,
      env: { ...process.env, XDG_STATE_HOME: state, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    learner.stdout.on('data', (d) => (out += d));
    learner.stderr.on('data', (d) => (out += d));
    // 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
    const exited = new Promise<number | null>((r) => learner.once('close', (code) => r(code)));
    for (let i = 0; !/unreachable .*waiting up to 120 s/.test(out); i++) {
      if (i > 1200 || learner.exitCode !== null) throw new Error(`the learner never said it was waiting:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toMatch(/All 5 steps passed/);
    const c = await startClass(tempState(), [], port);
    running.push(c);
    expect(await exited).toBe(0);
    expect(out).toMatch(/Class: \d+ events delivered/);
    const [olga] = (await status(c.url)).learners;
    expect(olga).toMatchObject({ name: 'Offline Olga', done: ['1.1', '1.2', '1.3', '1.4', '1.5'], finished: true, left: true, mode: 'check' });
    expect(hostNetwork()).toEqual(hostBefore);
  });
});
