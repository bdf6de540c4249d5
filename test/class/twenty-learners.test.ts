/**
 * Twenty headless learners (`check --join`, each in its own real sandbox) join one headless class, and
 * /v1/status shows every one of them with all their steps passed. In the full tier three run the shipped course; the others
 * run a 26-step fixture course (a veth pair per step) that is cheaper on a small machine. At most
 * CONCURRENCY checks run at once, so the suite stays fair to a 2-core machine; all twenty are joined
 * to the class for the whole test.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { hostNetwork, sandboxWorks } from '../integration/helpers.js';
import { FULL as FULL_TIER } from '../setup/tier.js';
import { BIN, CODE, FAST_COURSE, ROOT, cleanup, startClass, status, tempState, type RunningClass } from './helpers.js';

const CONCURRENCY = Number(process.env.CLASS_TEST_CONCURRENCY ?? 5);
const LEARNERS = 20;
/** Learners on the shipped course: none by default (its `check --join` is tested in headless-modules), three in the full tier. */
const SHIPPED = FULL_TIER ? 3 : 0;

function check(args: string[], state: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, 'check', ...args], { cwd: ROOT, env: { ...process.env, XDG_STATE_HOME: state, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    // 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
    p.once('close', (code) => resolve({ code, out }));
  });
}

let c: RunningClass | undefined;
afterAll(async () => {
  await c?.stop('SIGKILL');
  cleanup();
});

describe.skipIf(!sandboxWorks())('a class of twenty', () => {
  it(
    'twenty learners run check --join; /v1/status has every one with 25+ passed steps',
    async () => {
      const hostBefore = hostNetwork();
      const state = tempState();
      c = await startClass(tempState());
      const jobs = Array.from({ length: LEARNERS }, (_, i) => {
        const full = i < SHIPPED;
        return { name: `learner ${String(i + 1).padStart(2, '0')}`, full, args: full ? ['--lang', 'en'] : ['--lessons', FAST_COURSE] };
      });
      const results: { name: string; full: boolean; code: number | null; out: string }[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < jobs.length) {
            const job = jobs[next++];
            const r = await check([...job.args, '--join', c!.url, '--code', CODE, '--name', job.name], state);
            results.push({ name: job.name, full: job.full, ...r });
          }
        }),
      );
      const s = await status(c.url);
      expect(s.learners).toHaveLength(LEARNERS);
      for (const r of results) {
        expect(r.out, r.name).toMatch(/Class: \d+ events delivered/);
        const l = s.learners.find((x: any) => x.name === r.name);
        // What the class shows is exactly what the learner's own run reported, step by step.
        const passed = [...r.out.matchAll(/^✔ (\d+\.\d+) /gm)].map((m) => m[1]);
        const failed = [...r.out.matchAll(/^✘ (\d+\.\d+) /gm)].map((m) => m[1]);
        expect(l.done, r.name).toEqual(passed);
        expect(l.done.length, r.name).toBeGreaterThanOrEqual(25);
        expect(l).toMatchObject({ mode: 'check', left: true, attempts: passed.length + failed.length, failedAttempts: failed.length });
        // The fixture course always passes whole; the shipped course's own health is test/integration/course.test.ts's job.
        if (!r.full) expect({ code: r.code, finished: l.finished }, `${r.name}:\n${r.out}`).toEqual({ code: 0, finished: true });
      }
      expect(s.learners.map((l: any) => l.name).sort()).toEqual(jobs.map((j) => j.name).sort());
      expect(hostNetwork()).toEqual(hostBefore);
    },
    900_000,
  );
});
