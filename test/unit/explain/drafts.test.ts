import { describe, expect, it } from 'vitest';
import { explainDrafts } from '../../../src/engine/explanations.js';
import { settle } from '../../../src/explain/rank.js';
import type { Expectation } from '../../../src/lesson/types.js';
import { check, edited, exp, link, ran, step } from './helpers.js';

/** veth0-1 in ns0, still down: what the learner's typo left. */
const down = () => edited('state-across-ns0', (s) => (link(s, 'veth0-1', 'ns0').up = false));
const needsUp: Expectation = { ...exp.link('veth0-1', 'ns0', { up: true }), explain: 'veth0-1 is in ns0 but `DOWN`: `ip netns exec ns0 ip link set up veth0-1`' };

describe('explainDrafts: the lesson and the built-in diagnosis offering the same fix', () => {
  it('a typo in the learner command: the built-in finding that names it stays, and comes first', () => {
    const commands = [ran('ip netns exec ns0 ip link set up veth0-l', 1, 'Cannot find device "veth0-l"\n')];
    const drafts = explainDrafts({ step: step([needsUp], ['ip netns exec ns0 ip link set up veth0-1']), commands, checks: [check(needsUp)], state: down(), before: down(), lang: 'en' });
    const fix = 'ip netns exec ns0 ip link set up veth0-1';
    const shown = settle(drafts, (f) => (f === fix ? true : undefined));
    expect(shown[0].source).toBe('builtin');
    expect(shown[0].text).toContain('veth0-l');
    expect(shown[0].fix).toBe(fix);
    // The lesson's words are still there, without repeating the fix.
    expect(shown.some((e) => e.source === 'lesson' && !e.fix)).toBe(true);
  });

  it('the built-in finding that accounts for no more than the lesson says the same thing again: left out', () => {
    const commands = [ran('ip netns exec ns0 ip link show')];
    const drafts = explainDrafts({ step: step([needsUp], ['ip netns exec ns0 ip link set up veth0-1']), commands, checks: [check(needsUp)], state: down(), before: down(), lang: 'en' });
    const same = drafts.filter((d) => d.fix === 'ip netns exec ns0 ip link set up veth0-1');
    expect(same.map((d) => d.source)).toEqual(['lesson']);
  });
});

describe('explainDrafts: what a text accounts for', () => {
  it("quoting the step's own command, which the learner also typed, accounts for nothing: the finding about the mistake ranks first", () => {
    const addr: Expectation = { ...exp.output('127\\.0\\.0\\.1/8'), explain: 'The output should show `127.0.0.1/8` on `lo`. Run `ip -br addr`, then `ip route`.' };
    const commands = [ran('ip -br addr show eth0; ip route', 0, 'Device "eth0" does not exist.\n', 'default via 10.0.0.1 dev x\n')];
    const drafts = explainDrafts({ step: step([addr], ['ip -br addr', 'ip route']), commands, checks: [check(addr)], state: down(), before: down(), lang: 'en' });
    const shown = settle(drafts);
    expect(shown[0].source).toBe('builtin');
    expect(shown[0].text).toContain('eth0');
    const lesson = drafts.find((d) => d.source === 'lesson')!;
    expect(lesson.accounts).toBe(1);
  });
});

describe('explainDrafts: a typed ping to the wrong address', () => {
  it("the finding that names the learner's target comes before the lesson's words about the right one", () => {
    const exit: Expectation = { ...exp.exit(0), explain: 'No answer from 192.168.100.1. Check that veth0-0 is `UP` with 192.168.100.1/24.' };
    const loss = 'PING 192.168.100.9 (192.168.100.9) 56(84) bytes of data.\n\n--- 192.168.100.9 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n';
    const commands = [ran('ip netns exec ns0 ping -c 1 -W 1 192.168.100.9', 1, '', loss)];
    const state = edited('state-across-ns0', () => {});
    const shown = settle(explainDrafts({ step: step([exit], ['ip netns exec ns0 ping -c 1 -W 1 192.168.100.1']), commands, checks: [check(exit)], state, before: state, lang: 'en' }));
    expect(shown[0].source).toBe('builtin');
    expect(shown[0].text).toContain('Nobody has 192.168.100.9');
  });
});
