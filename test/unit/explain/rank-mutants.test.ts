/** How src/explain/rank.ts orders, filters and combines explanations: every rank key, ties, duplicates, proven and failed fixes, combined fixes, untested fixes. */
import { describe, expect, it } from 'vitest';
import { combinedFix, compareDrafts, fixesToProve, settle, type Draft } from '../../../src/explain/rank.js';

const d = (text: string, o: Partial<Draft> = {}): Draft => ({ text, source: 'builtin', accounts: 1, weight: 50, ...o });
const proofs = (m: Record<string, boolean>) => (f: string) => m[f];

describe('compareDrafts', () => {
  it('each key decides alone when the ones before it tie, with the sign of "better first"', () => {
    expect(compareDrafts(d('a', { accounts: 2 }), d('b', { accounts: 1 }))).toBe(-1);
    expect(compareDrafts(d('a', { accounts: 1 }), d('b', { accounts: 3 }))).toBe(2);
    expect(compareDrafts(d('a', { weight: 60 }), d('b', { weight: 50 }))).toBe(-10);
    expect(compareDrafts(d('b', { weight: 50 }), d('a', { weight: 60 }))).toBe(10);
    expect(compareDrafts(d('z', { source: 'lesson' }), d('a'))).toBe(-1);
    expect(compareDrafts(d('a'), d('z', { source: 'lesson' }))).toBe(1);
    const proof = proofs({ 'ip link set up x': true, 'ip link set up y': false });
    expect(compareDrafts(d('z', { fix: 'ip link set up x' }), d('a', { weight: 99 }), proof)).toBe(-1);
    expect(compareDrafts(d('a', { fix: 'ip link set up y' }), d('z', { fix: 'ip link set up x' }), proof)).toBe(1);
    // Without a proof, a fix counts for nothing.
    expect(compareDrafts(d('b', { fix: 'ip link set up x' }), d('a'))).toBe(1);
  });

  it('ties: by text, then by fix (none first), else equal', () => {
    expect(compareDrafts(d('a'), d('b'))).toBe(-1);
    expect(compareDrafts(d('b'), d('a'))).toBe(1);
    expect(compareDrafts(d('same', { fix: 'b' }), d('same', { fix: 'a' }))).toBe(1);
    expect(compareDrafts(d('same', { fix: 'a' }), d('same', { fix: 'b' }))).toBe(-1);
    expect(compareDrafts(d('same'), d('same', { fix: 'a' }))).toBe(-1);
    expect(compareDrafts(d('same', { fix: 'a' }), d('same'))).toBe(1);
    expect(compareDrafts(d('same', { fix: 'a' }), d('same', { fix: 'a' }))).toBe(0);
    expect(compareDrafts(d('same'), d('same'))).toBe(0);
    expect(compareDrafts(d('same'), d('same', { fix: 'A' }))).toBe(-1);
    expect(compareDrafts(d('same', { fix: 'A' }), d('same'))).toBe(1);
  });
});

describe('settle', () => {
  it('keeps the source and says nothing of a fix that was not proven', () => {
    expect(settle([d('l', { source: 'lesson', fix: 'ip link set up a' }), d('b')])).toEqual([
      { text: 'l', source: 'lesson' },
      { text: 'b', source: 'builtin' },
    ]);
  });

  it('of two explanations with one text, the better ranked stays, or the one whose fix is proven', () => {
    const hi = d('x', { weight: 90, fix: 'ip link set up a' });
    const lo = d('x', { weight: 10, fix: 'ip link set up b' });
    expect(settle([lo, hi])).toEqual([{ text: 'x', source: 'builtin' }]);
    expect(settle([lo, hi], () => undefined, undefined, false)).toEqual([{ text: 'x', untested: 'ip link set up a', source: 'builtin' }]);
    expect(settle([hi, lo], proofs({ 'ip link set up b': true }))).toEqual([{ text: 'x', fix: 'ip link set up b', source: 'builtin' }]);
    expect(settle([lo, hi], proofs({ 'ip link set up a': true }))).toEqual([{ text: 'x', fix: 'ip link set up a', source: 'builtin' }]);
  });

  it('explanations that do not contradict each other all stay, best first', () => {
    const out = settle([d('a', { fix: 'ip link set up veth0-0', weight: 10 }), d('b', { fix: 'ip link set up veth0-1', weight: 20 })]);
    expect(out.map((e) => e.text)).toEqual(['b', 'a']);
  });

  it('a proven fix that contradicts a better ranked one wins', () => {
    const up = d('up', { fix: 'ip link set up veth0-0', weight: 90 });
    const down = d('down', { fix: 'ip link set down veth0-0', weight: 10 });
    expect(settle([up, down]).map((e) => e.text)).toEqual(['up']);
    expect(settle([down, up]).map((e) => e.text)).toEqual(['up']);
    // Proven beats accounting for more, in a contradiction; the kept ones are then ranked again.
    const more = d('more', { fix: 'ip link set down veth0-0', accounts: 2 });
    const other = d('other', { fix: 'ip link set up veth0-9', accounts: 3 });
    expect(settle([more, up, other], proofs({ 'ip link set up veth0-0': true }))).toEqual([
      { text: 'other', source: 'builtin' },
      { text: 'up', fix: 'ip link set up veth0-0', source: 'builtin' },
    ]);
    expect(settle([up, down], proofs({ 'ip link set down veth0-0': true }))).toEqual([{ text: 'down', fix: 'ip link set down veth0-0', source: 'builtin' }]);
  });

  it('without any proven fix, explanations whose fix failed stay (nothing better is known)', () => {
    const out = settle([d('a', { fix: 'ip link set up a' }), d('b', { fix: 'ip link set up b' })], proofs({ 'ip link set up a': false }));
    expect(out.map((e) => e.text)).toEqual(['a', 'b']);
  });

  describe('a combined fix', () => {
    const a = d('a', { fix: 'ip link set up a', weight: 90 });
    const b = d('b', { fix: 'ip link set up b', weight: 80 });
    const plain = d('plain', { weight: 85 });
    const combined = 'ip link set up a && ip link set up b';

    it('goes with the best explanation whose fix is part of it; the other parts stay, without a fix, each naming a cause it repairs', () => {
      const out = settle([b, plain, a], proofs({ [combined]: true, 'ip link set up a': false, 'ip link set up b': false }), combined);
      expect(out).toEqual([
        { text: 'a', fix: combined, source: 'builtin' },
        { text: 'plain', source: 'builtin' },
        { text: 'b', source: 'builtin' },
      ]);
      // A fix not proven either way (past the limit of proofs) stays with its explanation, without the fix.
      const unknown = d('unknown', { fix: 'ip link set up d', weight: 70 });
      expect(settle([a, b, unknown], proofs({ [combined]: true, 'ip link set up a': false, 'ip link set up b': false }), combined).map((e) => e.text)).toEqual(['a', 'b', 'unknown']);
      // A failed fix that is no part of it still goes.
      const elsewhere = d('elsewhere', { fix: 'ip link set up c', weight: 95 });
      expect(settle([elsewhere, a, b], proofs({ [combined]: true, 'ip link set up a': false, 'ip link set up b': false, 'ip link set up c': false }), combined).map((e) => e.text)).toEqual(['a', 'b']);
    });

    it('goes with an explanation of a change rather than one that only says to look again', () => {
      const look = d('look', { fix: 'ip -br link', weight: 99 });
      const withLook = `${combined} && ip -br link`;
      const out = settle([look, a, b], proofs({ [withLook]: true, 'ip -br link': false, 'ip link set up a': false, 'ip link set up b': false }), withLook);
      expect(out).toEqual([
        { text: 'look', source: 'builtin' },
        { text: 'a', fix: withLook, source: 'builtin' },
        { text: 'b', source: 'builtin' },
      ]);
    });

    it('skips explanations without a fix or with a fix that is not part of it', () => {
      const other = d('other', { fix: 'ip link set up c', weight: 99 });
      const out = settle([other, d('nofix', { weight: 98 }), b], proofs({ [combined]: true }), combined);
      expect(out).toEqual([
        { text: 'other', source: 'builtin' },
        { text: 'nofix', source: 'builtin' },
        { text: 'b', fix: combined, source: 'builtin' },
      ]);
    });

    it('is not offered unless proven, nor when one explanation’s own fix is proven', () => {
      expect(settle([a, b], proofs({ [combined]: false }), combined).map((e) => e.fix)).toEqual([undefined, undefined]);
      expect(settle([a, b], proofs({}), combined).map((e) => e.fix)).toEqual([undefined, undefined]);
      expect(settle([a, b], proofs({ [combined]: true, 'ip link set up b': true }), combined)).toEqual([
        { text: 'b', fix: 'ip link set up b', source: 'builtin' },
        { text: 'a', source: 'builtin' },
      ]);
    });
  });

  it('without proofs run, each explanation carries its fix as untested; with proofs, never', () => {
    const out = settle([d('a', { fix: 'ip link set up a', weight: 60 }), d('b')], () => undefined, undefined, false);
    expect(out).toEqual([
      { text: 'a', untested: 'ip link set up a', source: 'builtin' },
      { text: 'b', source: 'builtin' },
    ]);
    const proven = settle([d('a', { fix: 'ip link set up a' })], proofs({ 'ip link set up a': true }), undefined, false);
    expect(proven).toEqual([{ text: 'a', fix: 'ip link set up a', source: 'builtin' }]);
    expect(settle([d('a', { fix: 'ip link set up a' })], () => undefined, undefined, true)).toEqual([{ text: 'a', source: 'builtin' }]);
  });
});

describe('combinedFix', () => {
  it('joins the consistent fixes, each simple command once', () => {
    expect(combinedFix([d('a', { fix: 'ip link set up a && ip link set up b', weight: 60 }), d('b', { fix: 'ip link set up b; ip link set up c' })])).toBe('ip link set up a && ip link set up b && ip link set up c');
  });

  it("leaves out a part whose changes the earlier parts already made: deleting an address a flush took away would fail", () => {
    const swap = d('swap', { fix: 'ip addr flush dev veth0-0 && ip addr flush dev veth0-1', weight: 100 });
    const one = d('one', { fix: 'ip addr del 192.168.100.1/24 dev veth0-1 && ip addr add 192.168.100.1/24 dev veth0-0', weight: 80 });
    const two = d('two', { fix: 'ip addr del 192.168.100.2/24 dev veth0-0 && ip addr add 192.168.100.2/24 dev veth0-1', weight: 70 });
    expect(combinedFix([swap, one, two])).toBe('ip addr flush dev veth0-0 && ip addr flush dev veth0-1 && ip addr add 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.2/24 dev veth0-1');
    // A flush of another device, or in another namespace, takes nothing from this one: the delete stays.
    const other = d('o', { fix: 'ip addr flush dev a && ip -n ns0 addr flush dev b', weight: 90 });
    expect(combinedFix([other, d('x', { fix: 'ip addr del 10.0.0.1/24 dev b', weight: 10 })])).toBe('ip addr flush dev a && ip -n ns0 addr flush dev b && ip addr del 10.0.0.1/24 dev b');
    // The same move spelt otherwise (`ip -n` and `ip netns exec`) runs once: the second would fail, the link being there already.
    expect(combinedFix([d('l', { fix: 'ip -n upstream link set wan0 netns 1 && ip link set isp0 netns upstream', weight: 100 }), d('b', { fix: 'ip netns exec upstream ip link set wan0 netns 1 && ip link set isp0 netns upstream', weight: 92 })], ['ip -br link'])).toBe(
      'ip -n upstream link set wan0 netns 1 && ip link set isp0 netns upstream && ip -br link',
    );
    // A part that changes nothing modelled always stays.
    expect(combinedFix([d('p', { fix: 'ip link set up a', weight: 90 }), d('q', { fix: 'sysctl -w net.ipv4.ip_forward=1', weight: 10 })])).toBe('ip link set up a && sysctl -w net.ipv4.ip_forward=1');
  });

  it("with the step's look commands: one fix is enough, and they come last, each once", () => {
    const looks = ['ip netns exec ns0 ip route get 203.0.113.10'];
    expect(combinedFix([d('a', { fix: 'ip -n ns0 route replace default via 10.0.0.1' })], looks)).toBe('ip -n ns0 route replace default via 10.0.0.1 && ip netns exec ns0 ip route get 203.0.113.10');
    expect(combinedFix([d('a', { fix: `ip link set up a && ${looks[0]}` })], looks)).toBe(`ip link set up a && ${looks[0]}`);
    expect(combinedFix([d('a', { fix: 'ip link set up a', weight: 60 }), d('b', { fix: 'ip link set up b' })], looks)).toBe(`ip link set up a && ip link set up b && ${looks[0]}`);
    expect(combinedFix([d('a')], looks)).toBeUndefined();
  });

  it('a fix that only looks goes after every change, whichever explanation offered it first', () => {
    const look = 'ip netns exec ns0 ip route get 203.0.113.10';
    const drafts = [d('show', { fix: look, weight: 100 }), d('ns0', { fix: 'ip -n ns0 route replace default via 10.0.0.1', weight: 90 }), d('ns1', { fix: 'ip -n ns1 route replace default via 10.0.0.1', weight: 80 })];
    expect(combinedFix(drafts)).toBe(`ip -n ns0 route replace default via 10.0.0.1 && ip -n ns1 route replace default via 10.0.0.1 && ${look}`);
    expect(combinedFix(drafts, [look, 'ip -br addr'])).toBe(`ip -n ns0 route replace default via 10.0.0.1 && ip -n ns1 route replace default via 10.0.0.1 && ${look} && ip -br addr`);
  });

  it('nothing with fewer than two different fixes, or when the second contradicts the first', () => {
    expect(combinedFix([])).toBeUndefined();
    expect(combinedFix([d('a', { fix: 'ip link set up a' }), d('b')])).toBeUndefined();
    expect(combinedFix([d('a', { fix: 'ip link set up a' }), d('b', { fix: 'ip link set up a' })])).toBeUndefined();
    expect(combinedFix([d('a', { fix: 'ip link set up a' }), d('b', { fix: 'ip link set down a' })])).toBeUndefined();
  });
});

describe('fixesToProve', () => {
  it('best first, each once, drafts without a fix skipped, at most the limit', () => {
    const drafts = [d('c', { fix: 'ip link set up c', weight: 10 }), d('n', { weight: 99 }), d('a', { fix: 'ip link set up a', weight: 90 }), d('b', { fix: 'ip link set up a', weight: 80 })];
    expect(fixesToProve(drafts, 5)).toEqual(['ip link set up a', 'ip link set up c']);
    expect(fixesToProve(drafts, 1)).toEqual(['ip link set up a']);
    expect(fixesToProve(drafts, 0)).toEqual([]);
  });
});
