/**
 * End to end: the built binary in a real terminal (tmux), driven by keys.
 * Each test uses its own tmux socket and a course written to a temp folder,
 * and checks afterwards that the machine's own network is as it was and
 * that nothing the tutor started is still running.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { guardSandbox } from '../setup/guard.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'netns-tutor.js');

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Can this machine give the tutor a sandbox? Trying costs a throwaway namespace, never the host's. */
function namespacesWork(): boolean {
  const args = process.geteuid?.() === 0 ? ['--net', '--mount', '--fork', 'true'] : ['--user', '--map-current-user', '--net', '--mount', '--fork', 'true'];
  return spawnSync('unshare', args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

const canRun = process.platform === 'linux' && has('tmux') && has('unshare') && has('ip') && guardSandbox() && namespacesWork();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hostNetwork(): string {
  const link = execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' });
  const netns = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  return `${link}\n--\n${netns}`;
}

/** PIDs and command lines of every process below `pid`. */
function descendants(pid: number): { pid: number; cmd: string }[] {
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

class Term {
  readonly socket = `netns-tutor-e2e-${process.pid}-${++counter}`;
  readonly state = mkdtempSync(join(tmpdir(), 'netns-tutor-e2e-state-'));
  panePid = 0;

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env: cleanEnv({ XDG_STATE_HOME: this.state }) });
  }

  start(args: string[], env: Record<string, string> = {}): void {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const cmd = ['env', '-u', 'CI', `XDG_STATE_HOME=${this.state}`, ...vars, process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    this.tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'e2e', `${cmd}; echo __EXIT=$?; sleep 600`);
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
