/**
 * The built-in diagnosis end to end: `netns-tutor try REF --json -- CMD` runs a
 * wrong command in a real sandbox, in place of a step, and the explanations must
 * name what went wrong. The course is test/fixtures/diag-course (it follows the
 * article, declares no explain/wrong entries, and its refs never move), so every
 * explanation checked here comes from src/explain. The wrong commands are our
 * own, not taken from any lesson's `wrong:` list.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { guardSandbox } from '../setup/guard.mjs';
import { sample } from '../setup/tier.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COURSE = join(ROOT, 'test/fixtures/diag-course');
const BUILT = existsSync(join(ROOT, 'dist/cli.js'));

function canUnshare(): boolean {
  if (process.platform !== 'linux') return false;
  const args = process.geteuid?.() === 0 ? ['--net', 'true'] : ['--user', '--map-current-user', '--net', 'true'];
  return spawnSync('unshare', args, { stdio: 'ignore' }).status === 0;
}

const RUNNABLE = guardSandbox() && BUILT && canUnshare();
const STATE = RUNNABLE ? mkdtempSync(join(tmpdir(), 'netns-tutor-try-')) : '';
afterAll(() => {
  if (STATE) rmSync(STATE, { recursive: true, force: true });
});

interface TryJson {
  passed: boolean;
  explanations: { text: string; fix?: string; source: string }[];
}

/** An explanation as the learner reads it: the diagnosis, then its proven fix as code. */
const shown = (e: TryJson['explanations'][number]) => (e.fix ? `${e.text}\n\`${e.fix}\`` : e.text);

function tryStep(ref: string, command: string, lang: 'en' | 'zh' = 'en'): TryJson {
  const args = ['bin/netns-tutor.js', '--lessons', COURSE, '--lang', lang, 'try', ref, '--json', '--', command];
  const env = { ...process.env, XDG_STATE_HOME: STATE, NO_COLOR: '1' };
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  } catch (err) {
    // A failed step exits 1; its JSON is on stdout all the same.
    const e = err as { status?: number; stdout?: string; stderr?: string };
    if (e.status !== 1 || !e.stdout) throw new Error(`try ${ref} exited ${e.status}: ${e.stderr}`);
    stdout = e.stdout;
  }
  return JSON.parse(stdout) as TryJson;
}

interface Case {
  ref: string;
  cmd: string;
  /** Every pattern must match one explanation (the same one). */
  says: (string | RegExp)[];
  lang?: 'en' | 'zh';
  /** The first explanation must be the matching one. */
  first?: boolean;
}

const CASES: Case[] = [
  { ref: '1.2', cmd: 'ip link set up veth00', says: ['closest name is veth0-0', '`ip link set up veth0-0 && ip link set up veth0-1`'], first: true },
  { ref: '1.2', cmd: 'ip link set up veth0-0 veth0-1', says: ['one interface at a time', '`ip link set veth0-0 up && ip link set veth0-1 up`'] },
  { ref: '1.3', cmd: 'ip addr add 192.168.100.1/24 veth0-0; ip addr add 192.168.100.2/24 dev veth0-1', says: ['keyword dev', '`ip addr add 192.168.100.1/24 dev veth0-0`'], first: true },
  { ref: '1.3', cmd: 'ip addr add 192.168.100.1 dev veth0-0 && ip addr add 192.168.100.2/24 dev veth0-1', says: ['veth0-0 has 192.168.100.1/32 instead of 192.168.100.1/24', 'ip assumes /32'] },
  { ref: '2.1', cmd: 'ip nets add ns0', says: ['no object "nets"', '`ip netns add ns0`'], first: true },
  { ref: '2.2', cmd: 'ip link set veth0-0 netns ns0', says: ['veth0-0 is in ns0 and veth0-1 stayed in the host namespace', '`ip netns exec ns0 ip link set veth0-0 netns 1 && ip link set veth0-1 netns ns0`'], first: true },
  { ref: '2.2', cmd: 'ip link set ns0 netns veth0-1', says: ['takes the interface first', '`ip link set veth0-1 netns ns0`'], first: true },
  { ref: '2.2', cmd: 'ip link set veth0-1 netns ns1', says: ['no namespace ns1', 'ns0', '`ip link set veth0-1 netns ns0`'], first: true },
  { ref: '2.3', cmd: 'ip link set up veth0-1', says: ['veth0-1 is in ns0', '`ip netns exec ns0 ip link set up veth0-1`'], first: true },
  { ref: '2.3', cmd: 'ip link set up veth0-1', lang: 'zh', says: ['veth0-1 在 ns0 里', '`ip netns exec ns0 ip link set up veth0-1`'] },
  { ref: '2.3', cmd: 'ip netns exec ns0 ip link set veth0-1 upp', says: ['"upp"', '`ip netns exec ns0 ip link set veth0-1 up`'], first: true },
  { ref: '2.4', cmd: 'ip addr add 192.168.100.2/24 dev veth0-0', says: ['192.168.100.2/24 is on veth0-0 in the host namespace', 'veth0-1 in ns0', '`ip addr del 192.168.100.2/24 dev veth0-0 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`'], first: true },
  { ref: '2.5', cmd: 'ip link set up lo', says: ['ran in the host namespace', '`ip netns exec ns0 ip link set up lo`'], first: true },
  { ref: '2.5', cmd: 'ip netns exec ns0 ip link set up dev lo0', says: ['closest name is lo', '`ip netns exec ns0 ip link set up dev lo`'] },
  { ref: '3.1', cmd: 'ip link add br0 type bridg && ip link set up br0', says: ['"bridg"', '`ip link add br0 type bridge && ip link set up br0`'], first: true },
  { ref: '3.1', cmd: 'brctl addbr br0 && ip netns exec ns0 ip link set up br0', says: ['br0 is in the host namespace', '`ip link set up br0`'] },
  { ref: '3.1', cmd: 'ip link add br0 type veth && ip link set up br0', says: ['br0 in host is a veth, not a bridge', '`ip link del br0 && ip link add br0 type bridge && ip link set up br0`'], first: true },
  { ref: '3.2', cmd: 'brctl addif veth0-0 br0', says: ['brctl addif takes the bridge first', '`brctl addif br0 veth0-0`'], first: true },
  { ref: '3.2', cmd: 'brctl addif veth0-0 br0', lang: 'zh', says: ['把 veth0-0 当成了网桥', '`brctl addif br0 veth0-0`'], first: true },
  { ref: '3.2', cmd: 'ip link set br0 master veth0-0', says: ['`master` names the bridge', '`ip link set veth0-0 master br0`'], first: true },
  { ref: '3.2', cmd: 'ping -c 1 -W 1 192.168.100.2 >/dev/null; brctl addif br0 veth0-0', says: ['still remembers the MAC of 192.168.100.2', '`ip neigh flush dev veth0-0`'], first: true },
  { ref: '3.3', cmd: 'ip addr add 192.168.100.1/24 dev br0', says: ['delivered to br0, not to veth0-0', '`ip addr del 192.168.100.1/24 dev veth0-0`'], first: true },
  { ref: '3.3', cmd: 'ip addr del 192.168.100.1 dev veth0-0 && ip addr add 192.168.100.1 dev br0', says: ['br0 has 192.168.100.1/32', '`ip addr del 192.168.100.1/32 dev br0 && ip addr add 192.168.100.1/24 dev br0`'] },
];

const matches = (text: string, p: string | RegExp) => (typeof p === 'string' ? text.includes(p) : p.test(text));

describe.skipIf(!RUNNABLE)('try: built-in explanations for wrong commands', () => {
  // By default one case in each language (the rules themselves are unit-tested on recorded states); NETNS_TUTOR_FULL=1 runs all 24.
  const picked = sample(CASES, (c) => (c.lang === 'zh' ? 'zh' : 'en'));
  it.each(picked.map((c) => ({ ...c, lang: c.lang ?? 'en' })))('$ref [$lang] $cmd', (c) => {
    const r = tryStep(c.ref, c.cmd, c.lang);
    expect(r.passed).toBe(false);
    const hit = r.explanations.find((x) => c.says.every((p) => matches(shown(x), p)));
    expect(hit, `no explanation says ${c.says.join(' + ')}:\n${r.explanations.map(shown).join('\n')}`).toBeDefined();
    if (c.first) expect(r.explanations[0]).toBe(hit);
  }, 60_000);

  it('the right answer passes, so the course itself is sound', () => {
    const r = tryStep('3.3', 'ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0');
    expect(r.passed).toBe(true);
    expect(r.explanations).toEqual([]);
  }, 60_000);
});
