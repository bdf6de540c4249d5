/**
 * End to end: the built binary in a real terminal (tmux), driven by keys.
 * Each test uses its own tmux socket and a course written to a temp folder,
 * and checks afterwards that the machine's own network is as it was and
 * that nothing the tutor started is still running.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, Term, canRun, descendants, hostNetwork } from './term.js';

const NS_LESSON = `---
id: namespaces
title: Namespaces
---

## Make a namespace {#add}

Create a namespace called ns0.

\`\`\`sh run
ip netns add ns0
\`\`\`

\`\`\`yaml step
expect:
  - netns: ns0
hints: [ip netns add creates one., ip netns add ns0]
\`\`\`
`;

const VETH_LESSON = `---
id: veth-pair
title: A veth pair
---

## Create the pair {#create}

A veth pair is one device with two faces.

\`\`\`sh run
ip link add veth0-0 type veth peer name veth0-1
\`\`\`

\`\`\`yaml step
expect:
  - link: veth0-0
  - link: veth0-1
    up: false
hints: [Both ends at once., ip link add veth0-0 type veth peer name veth0-1]
why: Both ends appear together.
\`\`\`

## Move one end {#move}

\`\`\`sh run
ip link set veth0-1 netns ns0
\`\`\`

\`\`\`yaml step
expect:
  - link: veth0-1
    in: ns0
hints: [ip link set … netns, ip link set veth0-1 netns ns0]
\`\`\`
`;

const SLOW_LESSON = `---
id: slow
title: A slow step
---

## Wait {#wait}

This step takes a minute unless you cancel it.

\`\`\`sh run
ip link add veth9-0 type veth peer name veth9-1
sleep 60
\`\`\`

\`\`\`yaml step
timeout: 120
expect:
  - exit: 0
hints: [wait, sleep 60]
\`\`\`
`;

const courseDirs: string[] = [];

function course(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'netns-tutor-e2e-lessons-'));
  courseDirs.push(dir);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe.skipIf(!canRun)('the built tutor in a terminal', () => {
  let before = '';
  const terms: Term[] = [];
  const term = () => {
    const t = new Term();
    terms.push(t);
    return t;
  };

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    before = hostNetwork();
  }, 120_000);

  afterEach(() => {
    while (terms.length) terms.pop()!.kill();
  });

  afterAll(() => {
    for (const d of courseDirs) rmSync(d, { recursive: true, force: true });
    expect(hostNetwork()).toBe(before);
  });

  test('start at the veth step, run it, see the command and a passed check; q leaves nothing behind', async () => {
    const t = term();
    t.start(['--lessons', course({ '01-ns.md': NS_LESSON, '02-veth.md': VETH_LESSON }), 'start', '2.1'], { NO_COLOR: '1' });
    await t.waitFor(/Lesson 2\/2 · step 1\/2 +Enter run/);
    t.keys('Enter');
    const s = await t.waitFor('Step passed');
    expect(s).toContain('✔ $ ip link add veth0-0 type veth peer name veth0-1');
    expect(s).toMatch(/✔ .*veth0-0/);
    expect(s).toMatch(/│ veth0-[01] ▼ down +├─+┐.*\n.*│ veth0-[01] ▼ down +├─+┘/);
    expect(s).toContain('Both ends appear together.');
    // NO_COLOR: not one colour on screen.
    expect(t.screen(true)).not.toMatch(/\u001b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;5;\d+)m/);
    // The replayed namespace shows in the topology.
    t.keys('Enter');
    await t.waitFor(/step 2\/2 +Enter run/);
    expect(t.screen()).toContain('┌─ ns0');
    t.keys('q');
    await t.waitFor('__EXIT=0');
    expect(t.leftovers()).toEqual([]);
    expect(hostNetwork()).toBe(before);
  }, 90_000);

  test('Ctrl+C cancels a running step, a second Ctrl+C quits; nothing is left', async () => {
    const t = term();
    t.start(['--lessons', course({ '01-slow.md': SLOW_LESSON }), 'start', '1.1']);
    await t.waitFor(/step 1\/1 +Enter run/);
    t.keys('Enter');
    await t.waitFor('Running…');
    await t.waitFor('✔ $ ip link add veth9-0');
    const running = descendants(t.panePid).map((p) => p.cmd).join('\n');
    expect(running).toMatch(/unshare/);
    t.keys('C-c');
    const s = await t.waitFor('cancelled before it finished');
    expect(s).toContain('Cancelled. Press Ctrl+C again to quit.');
    expect(s).toContain('$ sleep 60  (cancelled)');
    t.keys('C-c');
    await t.waitFor('__EXIT=130');
    expect(t.leftovers()).toEqual([]);
    expect(hostNetwork()).toBe(before);
  }, 90_000);

  test('s opens a shell in the lab; on exit the step is checked again', async () => {
    const t = term();
    t.start(['--lessons', course({ '01-ns.md': NS_LESSON, '02-veth.md': VETH_LESSON }), 'start', '2.1']);
    await t.waitFor(/step 1\/2 +Enter run/);
    t.keys('s');
    await t.waitFor('[netns-tutor lab] $');
    // Typed at once: every key must reach the shell, none the tutor.
    t.type('ip link add veth0-0 type veth peer name veth0-1');
    t.keys('Enter');
    t.type('ip -br link show veth0-0; exit');
    t.keys('Enter');
    const s = await t.waitFor('Re-checked the lab after your shell.');
    expect(t.history()).toMatch(/veth0-0@veth0-1 +DOWN/);
    expect(s).toContain('Step passed');
    expect(s).toMatch(/│ veth0-[01] ▼ down +├─+┐.*\n.*│ veth0-[01] ▼ down +├─+┘/);
    t.keys('q');
    await t.waitFor('__EXIT=0');
    expect(t.leftovers()).toEqual([]);
  }, 90_000);

  // After `su`, the terminal still belongs to the user who opened it; the tutor (as another user) cannot reopen it.
  const asNobody = ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups'];
  const nobodyCanSandbox = process.getuid?.() === 0 && spawnSync(asNobody[0], [...asNobody.slice(1), 'unshare', '--user', '--map-current-user', '--net', 'true']).status === 0;
  test.skipIf(!nobodyCanSandbox)('s on a terminal of another user (after su): says why, and the tutorial goes on', async () => {
    const t = term();
    // Somewhere that user can reach: the run's own temporary folder is private to it.
    const home = mkdtempSync('/tmp/nt-e2e-nobody-');
    courseDirs.push(home);
    writeFileSync(join(home, '01-ns.md'), NS_LESSON);
    chmodSync(home, 0o777);
    t.start(['--lessons', home, 'start', '1.1'], { HOME: home, XDG_STATE_HOME: home }, undefined, asNobody);
    await t.waitFor(/step 1\/1 +Enter run/);
    await t.waitFor('runs in: the step’s starting lab');
    t.keys('s');
    const s = await t.waitFor('belongs to another user');
    expect(s).toMatch(/su --pty/);
    expect(s).not.toMatch(/EACCES|    at /);
    t.keys('Enter');
    await t.waitFor('Step passed');
    t.keys('q');
    await t.waitFor('__EXIT=0');
    expect(t.leftovers()).toEqual([]);
  }, 90_000);

  const shipped = join(ROOT, 'lessons', 'en');
  const hasShipped = existsSync(shipped) && readdirSync(shipped).some((f) => f.endsWith('.md'));
  test.skipIf(!hasShipped)('the shipped course: start 2.1 runs and passes', async () => {
    const t = term();
    t.start(['--lang', 'en', 'start', '2.1']);
    await t.waitFor(/Lesson 2\/\d+ · step 1\/\d+ +Enter run/, 60_000);
    t.keys('Enter');
    const s = await t.waitFor(/Step passed|Not yet/, 60_000);
    expect(s).toMatch(/✔ \$ /);
    expect(s).toContain('Step passed');
    t.keys('q');
    await t.waitFor('__EXIT=0');
    expect(t.leftovers()).toEqual([]);
  }, 180_000);
});
