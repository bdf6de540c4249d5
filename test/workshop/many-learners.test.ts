/**
 * A class on one machine: many learners (different unprivileged users, so
 * rootless sandboxes) checking the course at the same time. Every run passes,
 * no run sees another's lab, and the machine's own network is left as it was.
 *
 * Needs root, to become those users with setpriv (no accounts are created:
 * uids 61001-61004 are used bare). Skipped otherwise.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostNetwork, processesMatching, sandboxWorks, waitFor } from '../integration/helpers.js';
import { courseUnderTest, isRoot, parseJson, ROOT, run, type RunResult } from './helpers.js';
import { FULL } from '../setup/tier.js';

const UIDS = [61001, 61002, 61003, 61004];
const RUNS_PER_UID = 1;

function setprivArgs(uid: number): string[] {
  return ['--reuid', String(uid), '--regid', String(uid), '--clear-groups'];
}

/** Can an unprivileged uid build a rootless sandbox here (no AppArmor or sysctl block)? */
function rootlessWorks(): boolean {
  if (!isRoot) return false;
  const r = spawnSync('setpriv', [...setprivArgs(UIDS[0]), 'unshare', '--user', '--map-current-user', '--net', '--mount', '--propagation', 'private', 'true']);
  return r.status === 0;
}

const canRun = isRoot && sandboxWorks() && rootlessWorks();

interface Learner {
  uid: number;
  home: string;
}

/** The CLI as those users can read it: the repository itself, or a world-readable copy of what it needs. */
function readableApp(base: string): string {
  const probe = spawnSync('setpriv', [...setprivArgs(UIDS[0]), process.execPath, join(ROOT, 'bin/netns-tutor.js'), '--version'], { encoding: 'utf8' });
  if (probe.status === 0) return ROOT;
  const app = join(base, 'app');
  for (const part of ['bin', 'dist', 'lessons', 'package.json']) cpSync(join(ROOT, part), join(app, part), { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', app]);
  return app;
}

/** The class tests' 26-step fixture course, readable by the learners. */
function fastCourse(app: string): string {
  const src = join(ROOT, 'test/class/fixtures/fast-course');
  if (app === ROOT) return src;
  const dst = join(app, 'fast-course');
  cpSync(src, dst, { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', dst]);
  return dst;
}

const made: string[] = [];

function prepare(): { base: string; app: string; learners: Learner[] } {
  const base = mkdtempSync('/tmp/nt-many-');
  made.push(base);
  chmodSync(base, 0o755);
  const learners = UIDS.map((uid) => {
    const home = join(base, `home-${uid}`);
    mkdirSync(join(home, '.state'), { recursive: true });
    chownSync(home, uid, uid);
    chownSync(join(home, '.state'), uid, uid);
    return { uid, home };
  });
  return { base, app: readableApp(base), learners };
}

/** Runs the tutor as a learner, with a clean environment of their own. */
function asLearner(l: Learner, app: string, args: string[], tag: string): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: l.home,
    XDG_STATE_HOME: join(l.home, '.state'),
    USER: `learner${l.uid}`,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    NETNS_TUTOR_TAG: tag,
  };
  return run('setpriv', [...setprivArgs(l.uid), process.execPath, join(app, 'bin/netns-tutor.js'), ...args], { cwd: l.home, env, timeoutMs: 600_000 });
}

/** Link names and named namespaces in an `ip -br link; ip netns list` output. */
function labView(output: string): { links: string[]; netns: string[] } {
  const [links, netns] = output.split('--netns--');
  return {
    links: links.split('\n').filter((l) => l.trim()).map((l) => l.trim().split(/\s+/)[0].split('@')[0]),
    netns: (netns ?? '').split('\n').filter((l) => l.trim()).map((l) => l.trim().split(/\s+/)[0]),
  };
}

describe.skipIf(!canRun)('many learners on one machine (root: setpriv to uids 61001-61004)', () => {
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it(`${UIDS.length * RUNS_PER_UID} concurrent checks by ${UIDS.length} users all pass, and the host network is unchanged`, async () => {
    const { app, learners } = prepare();
    // The shipped course in the full tier; by default a cheaper 26-step pack (what is tested is isolation, not the course).
    const course = FULL ? courseUnderTest(app) : { label: 'the fast fixture course', args: ['--lessons', fastCourse(app)] };
    const before = hostNetwork();
    const tagBase = `many${process.pid}`;
    const jobs = learners.flatMap((l) => Array.from({ length: RUNS_PER_UID }, (_, i) => ({ l, tag: `${tagBase}-${l.uid}-${i}` })));
    const results = await Promise.all(jobs.map(({ l, tag }) => asLearner(l, app, ['check', '--json', ...course.args], tag)));
    results.forEach((r, i) => {
      const who = `${course.label}, uid ${jobs[i].l.uid} run ${i}`;
      const j = parseJson(r);
      const failed = j.steps.filter((s: any) => !s.passed).map((s: any) => `${s.ref}: ${s.checks.filter((c: any) => !c.passed).map((c: any) => `${c.label} (${c.actual})`).join('; ')}`);
      expect(failed, who).toEqual([]);
      expect(j.passed, who).toBe(true);
      expect(j.mode, who).toBe('rootless');
      expect(r.code, who).toBe(0);
    });
    // Every run checked the same number of steps.
    expect(new Set(results.map((r) => parseJson(r).steps.length)).size).toBe(1);
    expect(hostNetwork()).toEqual(before);
    expect(await waitFor(() => processesMatching(tagBase).length === 0, 5000)).toBe(true);
  }, 600_000);

  it("one learner's lab is invisible to another learner and to the host", async () => {
    const { app, learners } = prepare();
    const course = courseUnderTest(app);
    const before = hostNetwork();
    const list = parseJson(await asLearner(learners[0], app, ['list', '--json', ...course.args], `iso${process.pid}`));
    // The last step in the full tier; by default one early enough to be cheap, with a named namespace built (3.2).
    const last = FULL || !list.steps.some((s: { ref: string }) => s.ref === '3.2') ? list.steps[list.steps.length - 1].ref : '3.2';
    const marker = `sleep 6.${process.pid % 1000}`;
    // Learner A: the whole course built up, then a look around that lingers.
    const a = asLearner(learners[0], app, ['try', last, '--json', ...course.args, '--', `ip -br link; echo --netns--; ip netns list; ${marker}`], `isoA${process.pid}`);
    expect(await waitFor(() => processesMatching(marker).length > 0, 120_000)).toBe(true);
    // Learner B, while A's lab is alive: a fresh lab sees only its loopback.
    const b = parseJson(await asLearner(learners[1], app, ['try', '1.1', '--json', ...course.args, '--', 'ip -br link; echo --netns--; ip netns list'], `isoB${process.pid}`));
    expect(processesMatching(marker).length, "A's lab ended before B looked").toBeGreaterThan(0);
    const during = hostNetwork();
    const aView = labView(parseJson(await a).commands[0].output);
    const bView = labView(b.commands[0].output);
    expect(aView.netns.length, `A's lab at ${last} has named namespaces`).toBeGreaterThan(0);
    expect(aView.links.filter((n) => n !== 'lo').length, `A's lab at ${last} has links besides lo`).toBeGreaterThan(0);
    expect(bView).toEqual({ links: ['lo'], netns: [] });
    // Nor does the machine itself see A's links or namespaces.
    expect(during).toEqual(before);
    expect(hostNetwork()).toEqual(before);
  }, 300_000);
});
