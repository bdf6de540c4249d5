/**
 * A hostile environment: missing tools, no user namespaces, no privileges, no
 * terminal, NO_COLOR, a broken state directory. Each must give a message that
 * says what to do, a non-zero exit where the course cannot run, and never a
 * crash. Root-only simulations are skipped rootless, sandbox runs where no
 * sandbox can be built; everything else runs in both modes.
 *
 * Cost (test/setup/tier.ts): by default each missing tool is tried with
 * `check` and one other command in turn, each headless command of the
 * NO_COLOR table runs in one of its two variants in turn, and the Chinese
 * transcript starts at the last lesson; NETNS_TUTOR_FULL=1 runs them all.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL } from '../setup/tier.js';
import { hostNetwork, processesMatching, sandboxWorks, waitFor } from '../integration/helpers.js';
import { BIN, IS_ROOT, ROOT, expectNoCrash, expectNoEscapes, hasLessons, listSteps, locations, pool, runCli, runProgram, shippedCourseDir, type Run } from './helpers.js';

const SANDBOX = sandboxWorks();
const MINI = join(ROOT, 'test/fixtures/lessons/mini');
const SHIPPED = shippedCourseDir('en');
/** The tutor appends these to PATH (src/lab/tools.ts labPath): a tool living there cannot be hidden by PATH. */
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];
const REQUIRED: Record<string, string> = { unshare: 'util-linux', setpriv: 'util-linux', ip: 'iproute2', bridge: 'iproute2', ping: 'iputils-ping', tcpdump: 'tcpdump' };

let tmp = '';
beforeAll(() => {
  if (SANDBOX && hasLessons(SHIPPED)) {
    void shippedWithoutBrctl();
    for (const lang of ['en', 'zh']) if (hasLessons(shippedCourseDir(lang))) void transcript(lang, !FULL ? lastLessonStart() : undefined);
  }
  tmp = mkdtempSync(join(tmpdir(), 'nt-env-'));
  // Other uids must reach what is in here: the learners simulated rootless, and the lab itself as root (it runs as nobody).
  chmodSync(tmp, 0o755);
});
afterAll(() => {
  if (!tmp) return;
  // Read-only leftovers (rootless chmod) must become writable again to be removed.
  spawnSync('chmod', ['-R', 'u+w', tmp]);
  rmSync(tmp, { recursive: true, force: true });
});

/** Arguments for the shipped course: none by default, --lessons when NETNS_RELIABILITY_COURSE overrides it. */
const shippedArgs = (): string[] => (process.env.NETNS_RELIABILITY_COURSE ? ['--lessons', SHIPPED] : []);

/**
 * The runs of the shipped course wait on the kernel (pings that must time out)
 * more than they use the CPU: they start together, in the background, when the
 * file starts, and overlap the many short tests; the tests that judge them await them here.
 */
const background = new Map<string, Promise<Run>>();
function inBackground(key: string, start: () => Promise<Run>): Promise<Run> {
  if (!background.has(key)) background.set(key, start());
  return background.get(key)!;
}
const shippedWithoutBrctl = () => inBackground('check --json without brctl', () => runCli(['check', '--json', ...shippedArgs()], { env: { NETNS_TUTOR_WITHOUT: 'brctl' } }));
/** `netns-tutor [start REF] < /dev/null | cat`: literally the documented pipeline, with the tutor's own status kept by pipefail. */
const transcript = (lang: string, from?: string) =>
  inBackground(`transcript ${lang}`, () => {
    const args = [...(from ? ['start', from] : []), ...shippedArgs(), ...(lang === 'zh' ? ['--lang', 'zh'] : [])].map((a) => `'${a}'`).join(' ');
    return runProgram(['bash', '-c', `set -o pipefail; '${process.execPath}' '${BIN}' ${args} < /dev/null | cat`]);
  });

function expectToolMessage(r: Run, tool: string, what: string): void {
  expectNoCrash(r, what);
  expect(r.code, `${what}: exit status\n${r.stdout}\n${r.stderr}`).toBe(1);
  const text = r.stdout + r.stderr;
  expect(text, what).toMatch(new RegExp(`\\b${tool}\\b`));
  expect(text, `${what}: install command`).toContain(`sudo apt-get install`);
  expect(text, `${what}: package`).toMatch(new RegExp(`apt-get install[^\\n]*\\b${REQUIRED[tool]}\\b`));
}

/** A directory of symlinks to every program on a normal PATH, except `tool`. */
function pathWithout(tool: string): string {
  const dir = join(tmp, `path-without-${tool}`);
  if (existsSync(dir)) return dir;
  mkdirSync(dir);
  const dirs = [...new Set([...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin', '/bin'])].filter((d) => d && !SBIN.includes(d));
  for (const d of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      if (n === tool || existsSync(join(dir, n))) continue;
      try {
        symlinkSync(join(d, n), join(dir, n));
      } catch {
        /* a name seen twice */
      }
    }
  }
  return dir;
}

describe('a required tool is missing', () => {
  /** Commands that stop before any sandbox, the message their whole output; `check` runs for every tool, the others in turn (all with NETNS_TUTOR_FULL=1). */
  const stopping: [string, string[]][] = [
    ['start --plain', ['start', '--plain', '--lessons', MINI]],
    ['try', ['try', '1.1', '--lessons', MINI, '--', 'true']],
    ['check --mutants', ['check', '--mutants', '--lessons', MINI]],
  ];
  Object.keys(REQUIRED).forEach((tool, i) => {
    const others = FULL ? stopping : [stopping[i % stopping.length]];
    const doctor = FULL || i === 0;
    const names = ['check', ...others.map(([n]) => n), ...(doctor ? ['doctor'] : [])];
    it(`${tool} (NETNS_TUTOR_WITHOUT=${tool}): ${names.join(', ')} name it and its package`, async () => {
      const env = { NETNS_TUTOR_WITHOUT: tool };
      const [check, ...rest] = await Promise.all([runCli(['check', '--lessons', MINI], { env }), ...others.map(([, args]) => runCli(args, { env }))]);
      for (const [r, name] of [[check, 'check'], ...rest.map((r, k) => [r, others[k][0]] as const)] as const) {
        expectToolMessage(r, tool, `${name} without ${tool}`);
        expect(r.stdout, `${name} without ${tool}`).toBe('');
      }
      if (!doctor) return;
      const [text, json] = await Promise.all([runCli(['doctor'], { env }), runCli(['doctor', '--json'], { env })]);
      expectToolMessage(text, tool, `doctor without ${tool}`);
      const doc = JSON.parse(json.stdout);
      expect(json.code).toBe(1);
      expect(doc.ok).toBe(false);
      expect(doc.findings).toContainEqual(expect.objectContaining({ id: `tool:${tool}`, status: 'fail', fix: expect.stringContaining(REQUIRED[tool]) }));
    });
  });

  it(`every command is tried without some tool, and doctor without ${FULL ? 'at least three' : 'one'}`, () => {
    const tools = Object.keys(REQUIRED);
    const tried = new Set(tools.flatMap((_, i) => (FULL ? stopping : [stopping[i % stopping.length]]).map(([n]) => n)));
    expect([...tried].sort()).toEqual(stopping.map(([n]) => n).sort());
    expect(tools.filter((_, i) => FULL || i === 0).length).toBeGreaterThanOrEqual(FULL ? 3 : 1);
  });

  // Every hideable tool in the full tier; by default the first one (the symlink farm and doctor's probe are costly).
  const hideable = Object.keys(REQUIRED).filter((tool) => locations(tool, SBIN).length === 0);
  for (const tool of Object.keys(REQUIRED)) {
    // Only tools that do not (also) live in an sbin directory can be hidden by PATH on this machine.
    const inSbin = locations(tool, SBIN).length > 0;
    if (!inSbin && !FULL && tool !== hideable[0]) continue;
    it.skipIf(inSbin)(`${tool} absent from PATH (a symlink farm of every other program)${inSbin ? ` — skipped: ${tool} is in ${SBIN.join(':')}, which the tutor always searches` : ''}`, async () => {
      const env = { PATH: pathWithout(tool) };
      const [check, doctor] = await Promise.all([runCli(['check', '--lessons', MINI], { env }), runCli(['doctor'], { env })]);
      expectToolMessage(check, tool, `check with PATH lacking ${tool}`);
      expectToolMessage(doctor, tool, `doctor with PATH lacking ${tool}`);
    });
  }

  it('all of them: one message listing every tool, each package once', async () => {
    const r = await runCli(['check', '--lessons', MINI], { env: { NETNS_TUTOR_WITHOUT: Object.keys(REQUIRED).join(',') } });
    for (const tool of Object.keys(REQUIRED)) expectToolMessage(r, tool, `check without ${tool}`);
    const install = /sudo apt-get install ([^\n(]*)/.exec(r.stderr)![1].trim().split(/\s+/);
    expect(install.sort()).toEqual([...new Set(Object.values(REQUIRED))].sort());
  });
});

describe.skipIf(!SANDBOX)('brctl is missing: not an error, the lessons run their iproute2 equivalent', () => {
  it('the shipped course passes, each brctl step substituted and said so', async () => {
    expect(hasLessons(SHIPPED), `no lessons in ${SHIPPED} yet`).toBe(true);
    const env = { NETNS_TUTOR_WITHOUT: 'brctl' };
    // The text report's note is the same for any course: the small one (it uses brctl too) shows it at a fraction of the cost.
    const [json, text] = await Promise.all([shippedWithoutBrctl(), runCli(['check', '--lessons', MINI], { env })]);
    expectNoCrash(json, 'check --json without brctl');
    const r = JSON.parse(json.stdout);
    const failed = (r.steps ?? []).filter((x: any) => !x.passed);
    expect(r.passed, `failed steps: ${JSON.stringify(failed).slice(0, 4000)}`).toBe(true);
    expect(json.code).toBe(0);
    const usesBrctl = listSteps(SHIPPED).filter((s) => s.commands.some((c) => /\bbrctl\b/.test(c)));
    for (const s of usesBrctl) {
      const got = r.steps.find((x: any) => x.ref === s.ref);
      expect(got, s.ref).toMatchObject({ substituted: 'brctl', passed: true });
      expect(got.commands.some((c: any) => /\bbrctl\b/.test(c.command)), `${s.ref} still ran brctl`).toBe(false);
    }
    expect(usesBrctl.length, 'the shipped course has brctl steps to substitute').toBeGreaterThan(0);
    expectNoCrash(text, 'check --lessons mini without brctl');
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toContain('brctl is not installed: running the iproute2 equivalent');
  });

  it('brctl absent from PATH too, where this machine allows hiding it', async () => {
    if (locations('brctl', SBIN).length) return; // it lives in sbin here: covered by NETNS_TUTOR_WITHOUT above
    const r = await runCli(['check', '--json', '--lessons', MINI], { env: { PATH: pathWithout('brctl') } });
    expect(JSON.parse(r.stdout).passed).toBe(true);
  });

  it('doctor warns (exit 0) and says the lessons use the iproute2 equivalent', async () => {
    const r = await runCli(['doctor'], { env: { NETNS_TUTOR_WITHOUT: 'brctl' } });
    expectNoCrash(r, 'doctor without brctl');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/brctl is not installed \(optional/);
    expect(r.stdout).toContain('bridge-utils');
  });
});

/**
 * `unshare -U` as the current user (or nobody, for root) with --keep-caps:
 * inside, the tutor is an unprivileged user (rootless mode) yet may write the
 * namespace's own sysctl. Nothing on the host changes.
 */
function inUserns(prelude: string): string[] {
  const uid = IS_ROOT ? 65534 : process.getuid!();
  const gid = IS_ROOT ? 65534 : process.getgid!();
  return ['unshare', '-U', `--map-user=${uid}`, `--map-group=${gid}`, '--keep-caps', '--', '/bin/sh', '-c', `${prelude}\nexec "$@"`, 'sh'];
}

const MAX0 = inUserns('echo 0 > /proc/sys/user/max_user_namespaces || exit 97');

/** `n` nested user namespaces: the kernel refuses to nest more than 32, whatever the sysctls say. */
function nested(n: number): string[] {
  const uid = IS_ROOT ? 65534 : process.getuid!();
  const gid = IS_ROOT ? 65534 : process.getgid!();
  const s = `n=$1; shift; if [ "$n" -gt 0 ]; then exec unshare -U --map-user=${uid} --map-group=${gid} --keep-caps -- /bin/sh -c "$0" "$0" $((n-1)) "$@"; fi; exec "$@"`;
  return ['/bin/sh', '-c', s, s, String(n)];
}

function probe(argv: string[]): boolean {
  // true when the wrapper itself works but `unshare --user` inside it fails
  const r = spawnSync(argv[0], [...argv.slice(1), '/bin/sh', '-c', 'if unshare --user true 2>/dev/null; then echo WORKS; else echo BLOCKED; fi'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'BLOCKED';
}

const MAX0_WORKS = probe(MAX0);
/** The smallest nesting at which one more user namespace is refused (33 levels below the host's, fewer in a container). */
let DEPTH: string[] | undefined;
for (let n = 33; n >= 1 && probe(nested(n)); n--) DEPTH = nested(n);

describe('no user namespaces for an unprivileged user', () => {
  it.skipIf(!MAX0_WORKS)('user.max_user_namespaces = 0: check, start, try and doctor explain why and what to do', async () => {
    const opts = { argv0: [...MAX0, process.execPath, BIN] };
    const [check, start, tryR, doctor, doctorJson] = await Promise.all([
      runCli(['check', '--lessons', MINI], opts),
      runCli(['start', '--plain', '--lessons', MINI], opts),
      runCli(['try', '1.1', '--lessons', MINI, '--', 'true'], opts),
      runCli(['doctor'], opts),
      runCli(['doctor', '--json'], opts),
    ]);
    for (const [name, r] of [['check', check], ['start --plain', start], ['try', tryR]] as const) {
      expectNoCrash(r, name);
      expect(r.code, `${name}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain('user.max_user_namespaces = 0');
      expect(r.stderr).toMatch(/sudo/);
      expect(r.stderr).toContain('sudo sysctl -w user.max_user_namespaces=');
    }
    expectNoCrash(doctor, 'doctor');
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/✘ user namespaces are disabled \(user\.max_user_namespaces=0\)/);
    expect(doctor.stdout).toContain('sudo sysctl -w user.max_user_namespaces=');
    const j = JSON.parse(doctorJson.stdout);
    expect(j).toMatchObject({ ok: false, mode: 'rootless' });
    expect(j.findings).toContainEqual(expect.objectContaining({ id: 'userns', status: 'fail' }));
  });

  it.skipIf(!DEPTH)('user namespaces nested 32 deep (unshare says ENOSPC though no sysctl shows why): the limit is named, with the detail', async () => {
    const opts = { argv0: [...DEPTH!, process.execPath, BIN] };
    const [check, doctor] = await Promise.all([runCli(['check', '--lessons', MINI], opts), runCli(['doctor'], opts)]);
    expectNoCrash(check, 'check');
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/No more user namespaces can be created here \(unshare: .*No space left on device\)/);
    expect(check.stderr).toMatch(/32 user namespaces deep/);
    expect(check.stderr).toMatch(/sudo/);
    expect(check.stderr).toContain('netns-tutor doctor');
    expectNoCrash(doctor, 'doctor');
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/✘ No more user namespaces can be created here/);
  });

  it.skipIf(!IS_ROOT)('root without CAP_SYS_ADMIN (a container without --privileged): says which capabilities are missing', async () => {
    const opts = { argv0: ['setpriv', '--bounding-set=-sys_admin', '--inh-caps=-sys_admin', '--', process.execPath, BIN] };
    const [check, doctor] = await Promise.all([runCli(['check', '--lessons', MINI], opts), runCli(['doctor'], opts)]);
    expectNoCrash(check, 'check');
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/could not start even as root/);
    expect(check.stderr).toContain('CAP_SYS_ADMIN');
    expect(check.stderr).toMatch(/--privileged/);
    expectNoCrash(doctor, 'doctor');
    expect(doctor.code).toBe(1);
  });
});

/** The first step of the shipped course's last lesson. */
let lastStart: string | undefined;
function lastLessonStart(): string | undefined {
  if (lastStart || !SANDBOX || !hasLessons(SHIPPED)) return lastStart;
  const steps = listSteps(SHIPPED);
  return (lastStart = steps.find((s) => s.lesson === steps[steps.length - 1].lesson)?.ref);
}

describe.skipIf(!SANDBOX)('no terminal: `netns-tutor < /dev/null | cat`', () => {
  const langs = ['en', 'zh'].filter((l) => hasLessons(shippedCourseDir(l)));
  const marks: Record<string, { ready: string; pass: RegExp }> = {
    en: { ready: 'Sandbox ready', pass: /All \d+ steps passed/ },
    zh: { ready: '沙盒已就绪', pass: /全部 \d+ 个步骤通过/ },
  };

  it('the shipped course exists (at least English)', () => {
    expect(langs, `no lessons in ${SHIPPED}`).toContain('en');
  });

  for (const lang of ['en', 'zh']) {
    // By default from the last lesson (`start L.1`: the earlier steps replayed unchecked; the whole course is `check`'s test); from the start in the full tier.
    const from = !FULL ? lastLessonStart() : undefined;
    it(`${lang}: a plain transcript, no escape bytes, exit 0 when the course passes${from ? ` (from ${from})` : ''}`, async () => {
      expect(langs, `no ${lang} lessons in ${shippedCourseDir(lang)}`).toContain(lang);
      const r = await transcript(lang, from);
      expectNoCrash(r, 'transcript');
      expectNoEscapes(r.stdout + r.stderr, 'transcript');
      // The failing steps' headings and checks first, then the end of the transcript.
      const failing = r.stdout.split('\n').filter((l) => /^-- \d+\.\d+ |✘/.test(l)).filter((l, i, a) => l.includes('✘') || a[i + 1]?.includes('✘'));
      expect(r.code, `${failing.join('\n')}\n…\n${r.stdout.slice(-3000)}${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(marks[lang].ready);
      expect(r.stdout).toMatch(new RegExp(`^-- ${(from ?? '1.1').replace('.', '\\.')} `, 'm'));
      expect(r.stdout).toMatch(/^== /m);
      expect(r.stdout).toMatch(marks[lang].pass);
    });
  }

  it('a course with a failing step: the transcript says so, exit 1, still no escapes', async () => {
    const dir = join(tmp, 'failing');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '01-f.md'),
      '---\nid: f\ntitle: Fails\n---\n\n## **Bold** `code` step {#s}\n\nA [link](http://x) and *emphasis*.\n\n```sh run\nip link add veth0-0 type veth\n```\n\n```yaml step\nexpect:\n  - link: veth0-1\nhints: [peer]\n```\n',
    );
    const r = await runCli(['--lessons', dir]);
    expectNoCrash(r, 'failing transcript');
    expectNoEscapes(r.stdout + r.stderr, 'failing transcript');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘/);
  });
});

describe('stdout closed early (`| head -1`, `| true`)', () => {
  /** `node BIN ARGS | READER`, with the tutor's exit status printed after the reader's output. */
  const piped = (args: string[], reader: string, env: Record<string, string> = {}) =>
    runProgram(['bash', '-c', `'${process.execPath}' '${BIN}' ${args.map((a) => `'${a}'`).join(' ')} | ${reader}; echo "tutor-exit=\${PIPESTATUS[0]}"`], { env });

  it.skipIf(!SANDBOX)('check --verbose | head -1: the lab is gone and the host untouched', async () => {
    const tag = `rel-epipe-${process.pid}`;
    const before = hostNetwork();
    const r = await piped(['check', '--verbose', '--lessons', MINI], 'head -1', { NETNS_TUTOR_TAG: tag });
    expect(r.stdout).toMatch(/tutor-exit=\d+/);
    expect(await waitFor(() => processesMatching(tag).length === 0, 5000), processesMatching(tag).join('\n')).toBe(true);
    expect(hostNetwork()).toEqual(before);
  });

  it.skipIf(!SANDBOX)('check --verbose | head -1: no "Error: write EPIPE" stack trace', async () => {
    const r = await piped(['check', '--verbose', '--lessons', MINI], 'head -1');
    expectNoCrash({ ...r, signal: null }, 'check --verbose | head -1');
  });

  it('list | true, lint | true, --help | true: no "Error: write EPIPE" stack trace', async () => {
    for (const args of [['list', '--lessons', MINI], ['lint', MINI], ['--help']]) {
      const r = await piped(args, 'true');
      expectNoCrash({ ...r, signal: null }, `${args.join(' ')} | true`);
      expect(r.stdout).toMatch(/tutor-exit=0/);
    }
  });
});

// Full tier only: the escape-free output of every command is also shown by hostile-input.test.ts in the default run.
describe.skipIf(!FULL)('NO_COLOR=1, and plain pipes: no escape byte in any headless output', () => {
  const bad = join(ROOT, 'test/fixtures/bad-lessons/expect-unknown-kind');
  const commands: string[][] = [
    ['--plain', '--lessons', MINI],
    ['start', '--plain', '--lessons', MINI],
    ['start', '1.3', '--plain', '--lessons', MINI],
    ['list', '--lessons', MINI],
    ['list', '--json', '--lessons', MINI],
    ['check', '--lessons', MINI],
    ['check', '--json', '--lessons', MINI],
    ['check', '--verbose', '--lessons', MINI],
    ['check', '--mutants', '--lessons', MINI],
    ['try', '1.1', '--lessons', MINI, '--', 'ip link add veth0-0 type veth'],
    ['try', '1.1', '--json', '--lessons', MINI, '--', 'ip link add veth0-0 type veth'],
    ['lint', MINI],
    ['lint', bad],
    ['check', '--lessons', bad],
    ['doctor'],
    ['doctor', '--json'],
    ['progress', '--lessons', MINI],
    ['progress', '--json', '--lessons', MINI],
    ['--help'],
    ['check', '--help'],
    ['--version'],
    ['no-such-command'],
    ['start', '9.9', '--lessons', MINI],
    ['present', '--pace', 'soon', '--lessons', MINI],
    ['check', '--lang', 'xx'],
    ['check', '--lessons', MINI, '--lang', 'zh'],
  ];
  const variants = ['NO_COLOR=1', 'no NO_COLOR, TERM=xterm-256color'] as const;
  variants.forEach((variant, v) => {
    // By default each command runs in one variant, in turn; with NETNS_TUTOR_FULL=1 in both.
    const mine = commands.filter((_, i) => FULL || i % variants.length === v);
    it(`${variant}: ${mine.length} commands`, async () => {
      const env = { NO_COLOR: variant === 'NO_COLOR=1' ? '1' : undefined, XDG_STATE_HOME: join(tmp, 'state-nocolor') };
      const runs = await pool(mine, 4, (args) => runCli(args, { env }));
      runs.forEach((r, i) => {
        const what = `${variant}: netns-tutor ${mine[i].join(' ')}`;
        expectNoEscapes(r.stdout, `${what} (stdout)`);
        expectNoEscapes(r.stderr, `${what} (stderr)`);
        expectNoCrash(r, what);
        expect(r.stdout + r.stderr, `${what}: printed nothing`).not.toBe('');
      });
    });
  });
});

describe('a broken state directory or progress file', () => {
  const miniKey = MINI; // the course key is its resolved folder
  const done = { ref: '1.1', lesson: 'test', step: 'create', at: '2026-11-28T17:00:00.000Z' };
  const valid = JSON.stringify({ version: 1, courses: { [miniKey]: { current: '1.2', done: [done] } } });

  /** Runs `args` with XDG_STATE_HOME=state; for a read-only state as root, inside a private mount namespace with a read-only bind mount. */
  function withState(args: string[], state: string, readOnly = false): Promise<Run> {
    const env = { XDG_STATE_HOME: state };
    if (readOnly && IS_ROOT) {
      const script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"';
      return runCli(args, { env, argv0: ['unshare', '-m', '-n', '--propagation', 'private', '--', '/bin/sh', '-c', script, state, process.execPath, BIN] });
    }
    return runCli(args, { env });
  }

  function makeState(name: string, progress?: string | 'dir', readOnly = false): string {
    const state = join(tmp, name);
    mkdirSync(join(state, 'netns-tutor'), { recursive: true });
    if (progress === 'dir') mkdirSync(join(state, 'netns-tutor', 'progress.json'));
    else if (progress !== undefined) writeFileSync(join(state, 'netns-tutor', 'progress.json'), progress);
    if (readOnly && !IS_ROOT) {
      chmodSync(join(state, 'netns-tutor'), 0o555);
      chmodSync(state, 0o555);
    }
    return state;
  }

  async function expectProgressWorks(state: string, readOnly: boolean, completed: number): Promise<{ text: Run; json: Run }> {
    const [text, json] = await Promise.all([withState(['progress', '--lessons', MINI], state, readOnly), withState(['progress', '--json', '--lessons', MINI], state, readOnly)]);
    for (const [name, r] of [['progress', text], ['progress --json', json]] as const) {
      expectNoCrash(r, name);
      expectNoEscapes(r.stdout + r.stderr, name);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    }
    expect(text.stdout).toMatch(new RegExp(`: ${completed}/5 steps completed`));
    const j = JSON.parse(json.stdout);
    expect(j).toMatchObject({ total: 5, completed, course: MINI });
    expect(j.file).toBe(join(state, 'netns-tutor', 'progress.json'));
    return { text, json };
  }

  const checkIt = SANDBOX ? it : it.skip;

  it('XDG_STATE_HOME does not exist: progress and progress --json work (nothing done yet)', async () => {
    await expectProgressWorks(join(tmp, 'no', 'such', 'dir'), false, 0);
  });

  it('XDG_STATE_HOME is a regular file: progress and progress --json work', async () => {
    const f = join(tmp, 'state-is-a-file');
    writeFileSync(f, 'not a directory\n');
    await expectProgressWorks(f, false, 0);
  });

  it('read-only state directory with a valid progress file: progress reads it', async () => {
    await expectProgressWorks(makeState('ro-valid', valid, true), true, 1);
  });

  it('read-only state directory with a corrupt progress file: a note naming the file, the file is left alone', async () => {
    const state = makeState('ro-corrupt', '{"version": 1, "courses": {', true);
    const { text } = await expectProgressWorks(state, true, 0);
    expect(text.stderr).toContain(join(state, 'netns-tutor', 'progress.json'));
    expect(readFileSync(join(state, 'netns-tutor', 'progress.json'), 'utf8')).toBe('{"version": 1, "courses": {');
  });

  it('corrupt progress file (garbage): progress notes it, keeps the garbage as progress.json.corrupt, and starts afresh', async () => {
    const state = makeState('corrupt', 'garbage \u0000\u00ff{{{');
    const text = await withState(['progress', '--lessons', MINI], state);
    expectNoCrash(text, 'progress');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/: 0\/5 steps completed/);
    expect(text.stderr).toContain(join(state, 'netns-tutor', 'progress.json'));
    expect(readFileSync(join(state, 'netns-tutor', 'progress.json.corrupt'), 'utf8')).toBe('garbage \u0000\u00ff{{{');
    writeFileSync(join(state, 'netns-tutor', 'progress.json'), 'garbage again');
    const json = await withState(['progress', '--json', '--lessons', MINI], state);
    expectNoCrash(json, 'progress --json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ completed: 0, total: 5 });
  });

  it('progress.json is a directory: progress and progress --json work', async () => {
    await expectProgressWorks(makeState('json-is-dir', 'dir'), false, 0);
  });

  // Valid JSON of the wrong shape. The store accepts any object with version 1 and an object `courses`.
  const shapes: [string, string][] = [
    ['null', 'null'],
    ['a list', '[]'],
    ['a string', '"progress"'],
    ['version 2', '{"version": 2, "courses": {}}'],
    ['courses is a list', '{"version": 1, "courses": []}'],
    ['this course is null', JSON.stringify({ version: 1, courses: { [miniKey]: null } })],
  ];
  for (const [name, content] of shapes) {
    it(`progress file of the wrong shape (${name}): progress and progress --json work`, async () => {
      await expectProgressWorks(makeState(`shape-${name.replace(/\W+/g, '-')}`, content), false, 0);
    });
  }

  describe('former product bugs, kept as regression tests (see docs/reliability.md)', () => {
    const crashing: [string, string][] = [
      ['this course has no done list', JSON.stringify({ version: 1, courses: { [miniKey]: {} } })],
      ['done holds null', JSON.stringify({ version: 1, courses: { [miniKey]: { done: [null] } } })],
      ['done is a number', JSON.stringify({ version: 1, courses: { [miniKey]: { done: 3 } } })],
    ];
    for (const [name, content] of crashing) {
      it(`progress file of the wrong shape (${name}): showProgress crashes ("unexpected error")`, async () => {
        await expectProgressWorks(makeState(`crash-${name.replace(/\W+/g, '-')}`, content), false, 0);
      });
    }

    it('progress --json with a corrupt progress file says so (stderr note or a field); today it is silent and the file is moved away', async () => {
      const state = makeState('corrupt-json-note', 'garbage');
      const r = await withState(['progress', '--json', '--lessons', MINI], state);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      const noted = r.stderr.includes('progress.json') || Object.keys(j).some((k) => /problem|warning|corrupt/i.test(k));
      expect(noted).toBe(true);
    });
  });

  checkIt('check still works whatever the state directory: missing, a file, read-only, corrupt', async () => {
    const states: [string, string, boolean][] = [
      ['missing', join(tmp, 'no', 'such', 'dir2'), false],
      ['a file', join(tmp, 'state-is-a-file'), false],
      ['read-only', makeState('ro-check', valid, true), true],
      ['corrupt', makeState('corrupt-check', '}{'), false],
    ];
    if (!existsSync(states[1][1])) writeFileSync(states[1][1], 'x');
    const runs = await Promise.all(states.map(([, s, ro]) => withState(['check', '--lessons', MINI], s, ro)));
    runs.forEach((r, i) => {
      expectNoCrash(r, `check with state ${states[i][0]}`);
      expect(r.code, `check with state ${states[i][0]}:\n${r.stdout}\n${r.stderr}`).toBe(0);
    });
  });
});
