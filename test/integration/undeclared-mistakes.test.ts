/**
 * Mistakes no lesson declares, on the real kernel, through the UI's engine: a
 * typed attempt fails, its first explanation names the mistake, and every fix
 * offered (once proven in the background) makes the step pass when typed next,
 * on the lab as the learner left it, without a reset.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardSandbox } from '../setup/guard.mjs';
import { Session } from '../../src/engine/session.js';
import type { Explanation } from '../../src/engine/types.js';
import { loadCourse } from '../../src/lesson/course.js';

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

const CASES: Case[] = [
  { ref: '1.1', cmd: 'ip -br lnik', first: /lnik/ },
  { ref: '1.1', cmd: 'ip -br link show dev veth9', first: /veth9/ },
  { ref: '1.2', cmd: 'ip -br addr; ip ruote', first: /ruote/ },
  { ref: '2.1', cmd: 'ip link add veth0-0 type veth peer name veth0-0', first: /two different names|veth0-0/ },
  { ref: '2.3', cmd: 'ip addr add 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.2/24 dev veth0-O', first: /veth0-O/ },
  { ref: '2.4', cmd: 'ping 192.168.100.2', first: /timeout killed it/ },
  { ref: '3.2', cmd: 'ip link set veth0-1 netns ns9', first: /ns9/ },
  { ref: '3.3', cmd: 'ip netns exec ns0 ip link set up veth0-l', first: /veth0-l/ },
  { ref: '3.5', cmd: 'ping -I veth0-0 192.168.100.2', first: /timeout killed it/ },
  { ref: '4.2', cmd: 'ip netns exec ns0 ip lnk set up lo', first: /lnk/ },
  { ref: '4.2', cmd: 'ip netns exec ns0 ping 192.168.100.2', first: /timeout killed it/ },
  { ref: '4.2', cmd: 'ip netns exec ns0 ip link del veth0-1', first: /deleted the veth pair/ },
  { ref: '5.1', cmd: 'brctl addbr br0 && ip link set up bro', first: /bro\b/ },
  { ref: '5.3', cmd: 'ip link set veth0-0 master br9', first: /br9/ },
  { ref: '5.3', cmd: 'ip netns exec ns0 ip link del veth0-1', first: /deleted the veth pair/ },
  { ref: '6.1', cmd: 'ip netns exec ns0 ip link del veth0-1', first: /deleted the veth pair/ },
  { ref: '6.1', cmd: 'ip netns del ns0', first: /deleted namespace ns0/ },
  { ref: '6.1', cmd: 'ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br9', first: /br9/ },
];

/** Runs the mistake, waits for the proofs, and returns the final explanations. */
async function attempt(s: Session, ref: string, command: string): Promise<{ passed: boolean; explanations: Explanation[] }> {
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
  return { passed: r.passed, explanations: last ?? r.explanations };
}

describe.skipIf(!RUNNABLE)('undeclared mistakes in every lesson, on the real kernel', () => {
  const course = loadCourse(`${ROOT}lessons/en`).course!;

  it.each(CASES)('$ref $cmd', async (c) => {
    for (const l of course.lessons) for (const st of l.steps) expect(st.wrong.map((w) => w.command)).not.toContain(c.cmd);
    const s = new Session({ course, lang: 'en' });
    try {
      const r = await attempt(s, c.ref, c.cmd);
      expect(r.passed).toBe(false);
      expect(r.explanations[0]?.text, r.explanations.map((e) => e.text).join('\n')).toMatch(c.first);
      expect(s.labPosition(c.ref)).toBe('as-left');
      const fix = r.explanations.find((e) => e.fix)?.fix;
      if (fix) {
        const after = await s.runStep(c.ref, { command: fix });
        expect(after.passed, `${fix}: ${after.checks.filter((k) => !k.passed).map((k) => k.label).join(', ')}`).toBe(true);
      }
    } finally {
      await s.close();
    }
  }, 180_000);
});
