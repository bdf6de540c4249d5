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
