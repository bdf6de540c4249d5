/**
 * Kill the tutor at every step of the shipped course. For each step (from
 * `list --json`, so the test follows the course as it changes), the tutor runs
 * until its transcript prints `-- L.S ` (the step has started), then gets
 * SIGINT, SIGTERM, SIGHUP or SIGKILL in rotation. Afterwards the host's links,
 * addresses, routes, named namespaces and mounts are as before, and nothing of
 * the tutor or its lab is alive: not the processes it had when killed, not the
 * agent (found by NETNS_TUTOR_TAG), and no process at all in the lab's network
 * or PID namespace. Runs are concurrent: each has its own sandbox.
 *
 * Two tiers (test/setup/tier.ts). With NETNS_TUTOR_FULL=1, every step, each
 * reached by `check --verbose` checking the whole course up to it. By default,
 * the first step of each lesson: the course's first by `check --verbose`, the
 * others by `start L.S` without a terminal (the same headless transcript, after
 * replaying the earlier steps' commands without their checks), so that a late
 * step costs seconds, not the course up to it.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readlinkSync } from 'node:fs';
import { describe, it, beforeAll, expect, type ExpectStatic } from 'vitest';
import { FULL, sample } from '../setup/tier.js';
import { hostNetwork, processesMatching, sandboxWorks, sleep, waitFor } from '../integration/helpers.js';
import { BIN, ROOT, cleanEnv, crashSigns, hasLessons, listSteps, processTree, shippedCourseDir, survivors, type ListedStep } from './helpers.js';

const SANDBOX = sandboxWorks();
const COURSE = shippedCourseDir('en');
const LESSON_ARGS = process.env.NETNS_RELIABILITY_COURSE ? ['--lessons', COURSE] : [];
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const;
/** The tutor's exit status for each signal it handles (src/cli/main.ts installSignalHandlers). */
const EXIT_FOR: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** "Shortly after" the step starts, varied so that kills land in commands, in checks and in between. */
const DELAYS = [0, 15, 40];

let steps: ListedStep[] = [];
let listError = '';
if (SANDBOX) {
  try {
    steps = hasLessons(COURSE) ? listSteps(COURSE) : [];
  } catch (e) {
    listError = (e as Error).message;
  }
}

function nsOf(pid: number, kind: 'net' | 'pid'): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return undefined;
  }
}

/** Every live process in one of these namespaces (net:[…] or pid:[…] links). */
function processesIn(namespaces: Set<string>): string[] {
  const found: string[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    for (const kind of ['net', 'pid'] as const) {
      const ns = nsOf(pid, kind);
      if (ns && namespaces.has(ns)) {
        found.push(`${pid} in ${ns}`);
        break;
      }
    }
  }
  return found;
}

interface KillPlan {
  /** The course's last step: it may finish and close the lab between its start line and the signal. */
  last?: boolean;
  /** How the tutor gets there: `check --verbose` (the default) or `start REF`. */
  args?: string[];
  /** Step ref, or a phase before the first step. */
  at: string;
  /** The transcript line that says we are there. */
  marker: (line: string) => boolean;
  signal: (typeof SIGNALS)[number];
  delayMs: number;
}

let before: Record<string, string> = {};

async function killAt(plan: KillPlan, expect: ExpectStatic): Promise<void> {
  const tag = `rel-kill-${process.pid}-${plan.at}-${plan.signal}`;
  const child = spawn(process.execPath, [BIN, ...(plan.args ?? ['check', '--verbose']), ...LESSON_ARGS], {
    cwd: ROOT,
    env: cleanEnv({ NETNS_TUTOR_TAG: tag, NO_COLOR: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let reached = false;
  let buf = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      if (plan.marker(buf.slice(0, nl))) reached = true;
      buf = buf.slice(nl + 1);
    }
  });
  let gone = false;
  void exited.then(() => (gone = true));
  // A replay (`start L.S`) runs the commands of every earlier step first: on a loaded machine that can take a while.
  const ok = await waitFor(() => reached || gone, plan.args ? 90_000 : 45_000);
  expect(ok && reached, `never reached ${plan.at} (exited: ${gone})\n--- stdout\n${stdout.slice(-3000)}\n--- stderr\n${stderr}`).toBe(true);
  if (plan.delayMs) await sleep(plan.delayMs);
  // Everything the tutor runs right now, and the lab's namespaces, taken just before the signal.
  const tree = processTree(child.pid!);
  const ownNs = new Set([nsOf(process.pid, 'net'), nsOf(process.pid, 'pid')]);
  const labNs = new Set<string>();
  // Holding the namespaces open keeps their inode numbers from being reused by a lab started meanwhile.
  const held: number[] = [];
  for (const p of tree) {
    for (const kind of ['net', 'pid'] as const) {
      const ns = nsOf(p.pid, kind);
      if (!ns || ownNs.has(ns) || labNs.has(ns)) continue;
      try {
        held.push(openSync(`/proc/${p.pid}/ns/${kind}`, 'r'));
        labNs.add(ns);
      } catch {
        /* that process is gone already */
      }
    }
  }
  const killedAt = Date.now();
  child.kill(plan.signal);
  try {
    await afterKill(plan, expect, { exited, tree, labNs, tag, killedAt, out: () => stdout, err: () => stderr });
  } finally {
    for (const fd of held) closeSync(fd);
  }
}

/** The course ran to its end before the signal landed (the last step can take a millisecond). */
const FINISHED = /^(All \d+ steps passed|\d+ of \d+ steps failed)/m;

async function afterKill(
  plan: KillPlan,
  expect: ExpectStatic,
  k: { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; tree: ReturnType<typeof processTree>; labNs: Set<string>; tag: string; killedAt: number; out: () => string; err: () => string },
): Promise<void> {
  const { exited, tree, labNs, tag, killedAt } = k;
  const exit = await Promise.race([exited, sleep(10_000).then(() => undefined)]);
  const stderr = k.err();
  expect(exit, `the tutor did not exit within 10 s of ${plan.signal}`).toBeDefined();
  if (FINISHED.test(k.out())) {
    // Too late to interrupt anything: the lab was already closed. Any ending will do, the checks below still apply.
  } else if (plan.signal === 'SIGKILL') expect(exit!.signal).toBe('SIGKILL');
  else {
    expect(exit, `exit after ${plan.signal}\n${stderr}`).toEqual({ code: EXIT_FOR[plan.signal], signal: null });
    expect(stderr).toContain('Interrupted: the sandbox and everything in it are gone.');
  }
  expect(crashSigns(stderr), stderr).toEqual([]);
  // The lab may take a moment to notice (SIGKILL: its stdin closes), but not long.
  const clean = await waitFor(() => processesMatching(tag).length === 0 && survivors(tree).length === 0 && processesIn(labNs).length === 0, 5_000);
  expect(clean, `left behind after ${plan.signal} at ${plan.at}:\n${[...processesMatching(tag), ...survivors(tree), ...processesIn(labNs)].join('\n')}`).toBe(true);
  if (!FINISHED.test(k.out()) && !plan.last) expect(labNs.size, 'the lab was running when the signal came').toBeGreaterThan(0);
  expect(Date.now() - killedAt).toBeLessThan(15_000);
  expect(hostNetwork()).toEqual(before);
}

describe.skipIf(!SANDBOX)('kill the tutor at every step: nothing is left behind', () => {
  beforeAll(() => {
    before = hostNetwork();
  });

  it('the course lists its steps, and the kills cover every lesson and every signal', () => {
    if (listError) throw new Error(listError);
    if (!steps.length) throw new Error(`no steps in ${COURSE}: the shipped course is not there yet`);
    const chosen = sample(steps, (s) => s.lesson);
    expect(new Set(chosen.map((s) => s.lesson))).toEqual(new Set(steps.map((s) => s.lesson)));
    expect(chosen.length).toBeGreaterThanOrEqual(SIGNALS.length);
    if (FULL) expect(chosen).toEqual(steps);
  });

  describe.concurrent('signals', () => {
    it('while the sandbox starts (SIGTERM at "Sandbox ready")', async ({ expect }) => {
      await killAt({ at: 'ready', marker: (l) => l.startsWith('Sandbox ready'), signal: 'SIGTERM', delayMs: 0 }, expect);
    });

    const chosen = sample(steps, (s) => s.lesson);
    chosen.forEach((s, i) => {
      const signal = SIGNALS[i % SIGNALS.length];
      const delayMs = DELAYS[Math.floor(i / SIGNALS.length) % DELAYS.length];
      const args = FULL || s === steps[0] ? undefined : ['start', s.ref];
      it(`${signal} during ${s.ref} ${s.title} (+${delayMs} ms${args ? `, by ${args.join(' ')}` : ''})`, async ({ expect }) => {
        await killAt({ at: s.ref, args, marker: (l) => l.startsWith(`-- ${s.ref} `), signal, delayMs, last: s === steps[steps.length - 1] }, expect);
      }, 150_000);
    });
  });

  it('after all of it, the host network is as it was', ({ expect }) => {
    expect(hostNetwork()).toEqual(before);
  });
});
