/** The example course (lessons/examples/two-namespaces): well formed, complete, and passing for real, every time. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lesson/load-course.js';
import type { Expectation } from '../../src/lesson/types.js';
import { cli, hostNetwork, sandboxWorks } from '../integration/helpers.js';
import { cliAsync, EXAMPLE, hasEscapes, parseJson } from './helpers.js';

const course = loadCourse(EXAMPLE).course;
const steps = course?.lessons.flatMap((l) => l.steps) ?? [];
const expectations = steps.flatMap((s) => s.expect);
const pings = expectations.filter((e): e is Extract<Expectation, { kind: 'ping' }> => e.kind === 'ping');
const ADDR: Record<string, string> = { host: '192.168.100.1', ns1: '192.168.100.11', ns2: '192.168.100.12' };

describe('example course: lessons/examples/two-namespaces', () => {
  it('lints clean', () => {
    const r = cli(['lint', EXAMPLE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^3 lesson files, no errors\./);
  });

  it('is the topology it promises: ns1 and ns2 on br0 through veth1-*/veth2-*, in 192.168.100.0/24', () => {
    expect(course).toBeDefined();
    const commands = steps.flatMap((s) => s.commands).join('\n');
    for (const c of [
      'ip link add br0 type bridge',
      'ip addr add 192.168.100.1/24 dev br0',
      'ip netns add ns1',
      'ip netns add ns2',
      'ip link add veth1-0 type veth peer name veth1-1',
      'ip link add veth2-0 type veth peer name veth2-1',
      'ip link set veth1-0 master br0',
      'ip link set veth2-0 master br0',
      'ip netns exec ns1 ip addr add 192.168.100.11/24 dev veth1-1',
      'ip netns exec ns2 ip addr add 192.168.100.12/24 dev veth2-1',
    ])
      expect(commands).toContain(c);
    // Traffic stays in the lab's own subnet.
    for (const a of commands.match(/\b\d+\.\d+\.\d+\.\d+\b/g) ?? []) expect(a).toMatch(/^192\.168\.100\./);
  });

  it('pings every pair in both directions, and has a ping that must fail', () => {
    const allPairs = steps.find((s) => s.id === 'all-pairs')!;
    const got = allPairs.expect.filter((e) => e.kind === 'ping') as typeof pings;
    for (const from of Object.keys(ADDR))
      for (const to of Object.keys(ADDR)) if (from !== to) expect(got.some((p) => p.from === from && p.target === ADDR[to] && p.succeeds), `${from} → ${to}`).toBe(true);
    expect(pings.some((p) => !p.succeeds)).toBe(true);
  });

  it('shows that the bridge learned both MACs', () => {
    const learned = expectations.filter((e) => e.kind === 'learned') as Extract<Expectation, { kind: 'learned' }>[];
    expect(learned.map((e) => [e.bridge, e.macOf, e.macIn])).toEqual(
      expect.arrayContaining([
        ['br0', 'veth1-1', 'ns1'],
        ['br0', 'veth2-1', 'ns2'],
      ]),
    );
  });

  it('helps at every step: two hints or more ending with the commands, a why, explanations and wrong answers', () => {
    for (const s of steps) {
      expect(s.hints.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.hints[s.hints.length - 1].trim(), `${s.id}: the last hint is the command`).toBe(s.commands.join('\n'));
      expect(s.why, s.id).toBeTruthy();
    }
    expect(steps.filter((s) => s.explain.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(steps.flatMap((s) => s.wrong).length).toBeGreaterThanOrEqual(5);
  });

  describe.skipIf(!sandboxWorks())('on the real kernel', () => {
    it('passes check three times over, concurrently (twice as data, once as plain text without escape codes), and the host network stays as it was', async () => {
      const before = hostNetwork();
      const [plain, ...runs] = await Promise.all([cliAsync(['check', '--lessons', EXAMPLE]), cliAsync(['check', '--json', '--lessons', EXAMPLE]), cliAsync(['check', '--json', '--lessons', EXAMPLE])]);
      for (const r of runs) {
        const j = parseJson(r);
        const failed = j.steps.filter((s: any) => !s.passed).map((s: any) => `${s.ref}: ${s.checks.filter((c: any) => !c.passed).map((c: any) => `${c.label} (${c.actual})`).join('; ')}`);
        expect(failed).toEqual([]);
        expect(j.passed).toBe(true);
        expect(r.code).toBe(0);
        expect(j.steps).toHaveLength(steps.length);
        // The ping that must fail is reported as a pass that "failed as expected".
        const expectedFailures = j.steps.flatMap((s: any) => s.checks).filter((c: any) => c.kind === 'ping' && c.expectedFailure);
        expect(expectedFailures.length).toBeGreaterThanOrEqual(1);
      }
      expect(plain.code, `${plain.stdout}\n${plain.stderr}`).toBe(0);
      expect(plain.stdout).toContain(`All ${steps.length} steps passed`);
      expect(hasEscapes(plain.stdout)).toBe(false);
      expect(hostNetwork()).toEqual(before);
    });

    it('every wrong answer fails its step with its explanation (check --mutants)', async () => {
      const r = await cliAsync(['check', '--mutants', '--json', '--lessons', EXAMPLE]);
      const j = parseJson(r);
      const bad = j.results.filter((m: any) => !m.passed).map((m: any) => `${m.ref} $ ${m.command}: stepFailed=${m.stepFailed} got ${m.explanations.map((e: any) => e.text).join(' | ')}`);
      expect(bad).toEqual([]);
      expect(j.passed).toBe(true);
      expect(j.mutants).toBe(steps.flatMap((s) => s.wrong).length);
      expect(r.code).toBe(0);
    });
  });
});
