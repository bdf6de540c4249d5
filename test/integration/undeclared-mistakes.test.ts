/**
 * Mistakes no lesson declares (in no `wrong:` list, matched by no `explain:`
 * entry of their step), on the real kernel, through the UI's engine: a typed
 * attempt fails, its first explanation names the mistake, and every fix offered
 * (once proven in the background) makes the step pass when typed next, on the
 * lab as the learner left it, without a reset. Three per lesson; the default run
 * takes the first of each lesson (test/setup/tier.ts), NETNS_TUTOR_FULL=1 all.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardSandbox } from '../setup/guard.mjs';
import { FULL, sample } from '../setup/tier.js';
import { Session } from '../../src/engine/session.js';
import type { Explanation, StepResult } from '../../src/engine/types.js';
import { loadCourse } from '../../src/lesson/load-course.js';
import { findStep } from '../../src/lesson/refs.js';
import { packRegex } from '../../src/text/pack-regex.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function canUnshare(): boolean {
  if (process.platform !== 'linux') return false;
  const args = process.geteuid?.() === 0 ? ['--net', 'true'] : ['--user', '--map-current-user', '--net', 'true'];
  return spawnSync('unshare', args, { stdio: 'ignore' }).status === 0;
}

const RUNNABLE = guardSandbox() && canUnshare();

interface Case {
  ref: string;
  cmd: string;
  /** The first explanation says this. */
  first: RegExp;
}

const SERVER = "echo hello from ns1 | ip netns exec ns1 nc -l -n -v -N -p 8080 & trap 'kill $! 2>/dev/null' EXIT; until ip netns exec ns1 ss -tln | grep -q ':8080 '; do sleep 0.1; done";

/** Three per lesson, the cheapest first (the default run takes the first of each lesson). */
const CASES: Case[] = [
  { ref: '1.2', cmd: 'ip -br adr; ip route', first: /"adr"/ },
  { ref: '1.1', cmd: 'ip -br link set down lo', first: /switched lo off/ },
  { ref: '1.2', cmd: 'ip -br addr show eth0; ip route', first: /eth0/ },
  { ref: '2.3', cmd: 'ip addr add 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.2/24 dev veth0-l', first: /veth0-l/ },
  { ref: '2.1', cmd: 'ip link add veth0-0 type veth peer name veth1-1', first: /peer is not called `veth0-1`|veth1-1/ },
  { ref: '2.4', cmd: 'ping -c 1 -W 1 192.168.100.20', first: /Nobody has 192\.168\.100\.20/ },
  { ref: '3.3', cmd: 'ip netns exec ns0 ip link set up veth0-l', first: /veth0-l/ },
  { ref: '3.2', cmd: 'ip netns del ns0', first: /deleted namespace ns0/ },
  { ref: '3.6', cmd: 'ip netns exec ns0 ping -c 1 -W 1 192.168.100.9', first: /192\.168\.100\.9/ },
  { ref: '4.2', cmd: 'ip netns exec ns0 ip lnk set up lo', first: /"lnk"/ },
  { ref: '4.2', cmd: 'ip netns exec ns0 ip link set lo upp', first: /upp/ },
  { ref: '4.2', cmd: 'ip netns exec ns0 ip link del veth0-1', first: /deleted the veth pair/ },
  { ref: '5.3', cmd: 'ip link set veth0-0 master br9', first: /br9/ },
  { ref: '5.3', cmd: 'brctl addif br0 veth0-l', first: /veth0-l/ },
  { ref: '5.3', cmd: 'ip netns exec ns0 ip link del veth0-1', first: /deleted the veth pair/ },
  { ref: '6.1', cmd: 'ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br9', first: /br9/ },
  { ref: '6.1', cmd: 'ip netns exec ns0 ip link del veth0-1', first: /deleted the veth pair/ },
  { ref: '6.1', cmd: 'ip netns del ns0', first: /deleted namespace ns0/ },
  { ref: '7.3', cmd: 'ip -n ns1 link set up lo; ip -n ns1 link set up veth1-1; ip -n ns1 addr add 192.168.100.3/24 dev veth1-l', first: /veth1-l/ },
  { ref: '7.1', cmd: 'ip netns add ns1; ip link add veth1-0 type veth peer name veth1-1', first: /veth1-1 is not in ns1/ },
  { ref: '7.2', cmd: 'ip link set up veth1-0', first: /veth1-0 is not a port of br0/ },
  { ref: '8.1', cmd: 'ip netns add upstream; ip link add wan0 type veth peer name isp1; ip link set isp1 netns upstream', first: /isp1/ },
  { ref: '8.2', cmd: 'ip addr add 203.0.113.1/24 dev wan9; ip link set up wan0; ip -n upstream link set up lo; ip -n upstream addr add 203.0.113.10/24 dev isp0; ip -n upstream link set up isp0', first: /wan9/ },
  { ref: '8.1', cmd: 'ip netns add upstrem; ip link add wan0 type veth peer name isp0; ip link set isp0 netns upstrem', first: /upstrem/ },
  { ref: '9.2', cmd: 'ip netns exec upstrem nc -n -v -w 1 192.168.100.3 8080', first: /upstrem/ },
  { ref: '9.3', cmd: `nft add chain ip nat prerouting '{ type nat hook prerouting priority dstnat; }'; nft add rule ip nat prerouting iifname "wan0" tcp dport 8080 dnat to 192.168.100.3; ${SERVER}; ip netns exec upstrem nc -n -v -w 2 203.0.113.1 8080`, first: /upstrem/ },
  { ref: '9.1', cmd: `${SERVER}; ip netns exec ns9 nc -n -v -w 2 192.168.100.3 8080`, first: /ns9/ },
  { ref: '10.2', cmd: 'ip -n hosta addr add 10.0.0.1/24 dev eth0; ip -n hosta link set up eth0; ip -n hosta link set up lo; ip -n hostb addr add 10.0.1.2/24 dev eth0; ip -n hostb link set up eth0; ip -n hostb link set up lo', first: /10\.0\.1\.2/ },
  { ref: '10.3', cmd: 'ip -n hosta link add vxlan42 type vxlan id 42 dstport 4789 local 10.0.0.1 remote 10.0.0.2 dev eth0; ip -n hosta addr add 10.42.0.1/24 dev vxlan24; ip -n hosta link set up vxlan42; ip -n hosta -d link show vxlan42', first: /vxlan24/ },
  { ref: '10.3', cmd: 'ip -n hosta link add vxlan42 type vxlan id 42 dstport 4789 local 10.0.0.1 remote 10.0.0.2 dev eth0; ip -n hosta addr add 10.42.0.1/24 dev vxlan42; ip -n hosta -d link show vxlan42', first: /vxlan42 that is up|vxlan42 is DOWN/ },
];

/** At most `n` cases at once, whatever the runner's maxConcurrency: each one already proves up to three fixes in parallel. */
function limiter(n: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (run) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await run();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Runs the mistake, waits for the proofs, and returns the final explanations. */
async function attempt(s: Session, ref: string, command: string): Promise<StepResult> {
  let last: Explanation[] | undefined;
  const done = new Promise<void>((resolve) => {
    const off = s.subscribe((e) => {
      if (e.type === 'explanations' && e.ref === ref) {
        last = e.explanations;
        if (!e.proving) (off(), resolve());
      }
    });
  });
  const r = await s.runStep(ref, { command });
  if (r.proving) await done;
  return { ...r, explanations: last ?? r.explanations };
}

describe.skipIf(!RUNNABLE)('undeclared mistakes in every lesson, on the real kernel', () => {
  const course = loadCourse(`${ROOT}lessons/en`).course!;
  const lessonOf = (c: Case) => c.ref.split('.')[0];

  it('three per lesson, for every lesson of the course', () => {
    const per = new Map<string, number>();
    for (const c of CASES) per.set(lessonOf(c), (per.get(lessonOf(c)) ?? 0) + 1);
    expect([...per.keys()]).toEqual(course.lessons.map((_, i) => String(i + 1)));
    for (const n of per.values()) expect(n).toBeGreaterThanOrEqual(3);
  });

  // Each case waits mostly on its own sandboxes (replays, pings, proofs): a few at once.
  const slot = limiter(3);
  // By default the first mistake of lessons 1 to 4 (each case replays the course, and every proof again); all 30 in the full tier.
  const cases = sample(FULL ? CASES : CASES.filter((c) => Number(lessonOf(c)) <= 4), lessonOf);
  it.concurrent.each(cases)('$ref $cmd', (c) => slot(async () => {
    // Undeclared: in no wrong list of the course.
    for (const l of course.lessons) for (const st of l.steps) expect(st.wrong.map((w) => w.command)).not.toContain(c.cmd);
    const step = findStep(course, c.ref)!.step;
    const s = new Session({ course, lang: 'en' });
    try {
      const r = await attempt(s, c.ref, c.cmd);
      expect(r.passed).toBe(false);
      // ... and matched by no explain entry of its step (the lesson's own words for it would be a declaration).
      const output = r.commands.map((k) => k.output).join('');
      const typed = r.commands.map((k) => k.command).join('\n');
      const declared = step.explain.filter(
        (e) =>
          (e.output === undefined || packRegex(e.output, 'mi').test(output)) &&
          (e.command === undefined || packRegex(e.command, 'mi').test(typed)) &&
          !(e.unless?.output !== undefined && packRegex(e.unless.output, 'mi').test(output)) &&
          !(e.unless?.command !== undefined && packRegex(e.unless.command, 'mi').test(typed)),
      );
      expect(declared.map((e) => e.line), `declared by the lesson: ${output}`).toEqual([]);
      const all = r.explanations.map((e) => `${e.source}: ${e.text}${e.fix ? ` [fix: ${e.fix}]` : ''}`).join('\n');
      expect(r.explanations[0]?.text, all).toMatch(c.first);
      expect(s.labPosition(c.ref)).toBe('as-left');
      // Every fix offered, typed next on the lab as the mistake left it.
      const fixes = r.explanations.flatMap((e) => (e.fix ? [e.fix] : []));
      for (const [i, fix] of fixes.entries()) {
        // The mistake again from the step's start (its proofs are not awaited: the fix typed next stops them).
        if (i > 0) expect((await s.runStep(c.ref, { command: c.cmd })).passed).toBe(false);
        const after = await s.runStep(c.ref, { command: fix });
        expect(after.passed, `${fix}: ${after.checks.filter((k) => !k.passed).map((k) => k.label).join(', ')}`).toBe(true);
      }
    } finally {
      await s.close();
    }
  }), 120_000 * Math.ceil(cases.length / 3));
});
