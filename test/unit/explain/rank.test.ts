import { describe, expect, it } from 'vitest';
import { combinedFix, compareDrafts, fixesToProve, settle, type Draft } from '../../../src/explain/rank.js';
import { contradicts, effectsOf } from '../../../src/explain/effects.js';
import { proveFixes } from '../../../src/engine/proofs.js';

const d = (text: string, o: Partial<Draft> = {}): Draft => ({ text, source: 'builtin', accounts: 1, weight: 50, ...o });

describe('ranking', () => {
  it('what accounts for more of what happened comes first, then a proven fix, then weight, then the lesson', () => {
    const a = d('a', { accounts: 4, weight: 10 });
    const b = d('b', { accounts: 1, weight: 99, fix: 'ip link set up x' });
    const c = d('c', { accounts: 1, weight: 60 });
    const l = d('l', { accounts: 1, weight: 60, source: 'lesson' });
    expect(settle([c, b, l, a]).map((e) => e.text)).toEqual(['a', 'b', 'l', 'c']);
    // A proven fix lifts an explanation above a heavier one that accounts for as much.
    const p = d('p', { accounts: 1, weight: 10, fix: 'ip link set up y' });
    expect(settle([b, p], (f) => (f === 'ip link set up y' ? true : undefined)).map((e) => e.text)).toEqual(['p', 'b']);
  });

  it('ties are broken by text, whatever the input order', () => {
    const xs = [d('zeta'), d('alpha'), d('mid')];
    expect(settle(xs).map((e) => e.text)).toEqual(['alpha', 'mid', 'zeta']);
    expect(settle([...xs].reverse()).map((e) => e.text)).toEqual(['alpha', 'mid', 'zeta']);
    expect(compareDrafts(d('same', { fix: 'a' }), d('same', { fix: 'b' }))).toBeLessThan(0);
  });

  it('a fix is shown only once proven, and only once in the list', () => {
    const fix = 'ip netns exec ns0 ip link set up lo';
    const out = settle([d('one', { fix, weight: 90 }), d('two', { fix, weight: 80 })], (f) => (f === fix ? true : undefined));
    expect(out).toEqual([{ text: 'one', fix, source: 'builtin' }, { text: 'two', source: 'builtin' }]);
    expect(settle([d('one', { fix })])).toEqual([{ text: 'one', source: 'builtin' }]);
  });

  it('the same change spelt otherwise is shown once too: the second explanation keeps its words, without a fix', () => {
    const a = 'ip -n upstream link set wan0 netns 1 && ip link set isp0 netns upstream';
    const b = 'ip netns exec upstream ip link set wan0 netns 1 && ip link set isp0 netns upstream';
    const out = settle([d('lesson words', { fix: a, weight: 100 }), d('built-in words', { fix: b, weight: 92 })], () => true);
    expect(out).toEqual([{ text: 'lesson words', fix: a, source: 'builtin' }, { text: 'built-in words', source: 'builtin' }]);
    // A different change keeps its own fix; a fix that changes nothing modelled is compared by its words only.
    const c = 'ip link set up wan0';
    expect(settle([d('one', { fix: a, weight: 90 }), d('two', { fix: c, weight: 80 })], () => true).map((e) => e.fix)).toEqual([a, c]);
    expect(settle([d('one', { fix: 'sysctl -w net.ipv4.ip_forward=1', weight: 90 }), d('two', { fix: 'sysctl net.ipv4.ip_forward=1', weight: 80 })], () => true).map((e) => e.fix)).toEqual(['sysctl -w net.ipv4.ip_forward=1', 'sysctl net.ipv4.ip_forward=1']);
  });

  it('once a fix is proven, explanations whose own fix failed are left out; plain diagnoses stay', () => {
    const proof = (f: string) => (f === 'brctl addif br0 veth0-0' ? true : f === 'ip netns exec ns0 ip link set veth0-1 netns 1' ? false : undefined);
    const out = settle([d('plug the host end', { fix: 'brctl addif br0 veth0-0' }), d('bring veth0-1 back', { fix: 'ip netns exec ns0 ip link set veth0-1 netns 1', weight: 99 }), d('a fact')], proof);
    expect(out.map((e) => e.text)).toEqual(['plug the host end', 'a fact']);
  });
});

describe('contradictions', () => {
  it('reads what a fix changes from the command itself', () => {
    expect(effectsOf('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1')).toEqual([{ object: 'addr:ns0/veth0-1/192.168.100.2', property: 'exists', value: '1' }]);
    expect(effectsOf('brctl addif br0 veth0-0 && ip link set veth0-0 nomaster')).toEqual([{ object: 'link:host/veth0-0', property: 'master', value: '' }]);
    expect(effectsOf('ip link set veth0-1 netns 1')).toEqual([{ object: 'link:*/veth0-1', property: 'ns', value: 'host' }]);
    expect(contradicts(effectsOf('ip addr add 10.0.0.1/24 dev veth0-0'), effectsOf('ip addr del 10.0.0.1/24 dev veth0-0'))).toBe(true);
    expect(contradicts(effectsOf('ip link set up veth0-0'), effectsOf('ip link set up veth0-1'))).toBe(false);
  });

  it('two explanations that pull one thing two ways are never shown together: the better ranked, or the proven one, stays', () => {
    const back = d('put the address back on veth0-0', { fix: 'ip addr add 192.168.100.1/24 dev veth0-0', weight: 90 });
    const move = d('the address belongs on br0', { fix: 'ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0', weight: 80 });
    expect(settle([back, move]).map((e) => e.text)).toEqual(['put the address back on veth0-0']);
    const out = settle([back, move], (f) => f === move.fix);
    expect(out).toEqual([{ text: 'the address belongs on br0', fix: move.fix, source: 'builtin' }]);
    // Opposite moves of one interface.
    expect(settle([d('to ns0', { fix: 'ip link set veth0-1 netns ns0' }), d('to ns1', { fix: 'ip link set veth0-1 netns ns1' })])).toHaveLength(1);
  });
});

describe('proving', () => {
  it('proves the best fixes, each once, at most the limit, and several partial fixes together', async () => {
    const drafts = [d('typo', { fix: 'ip link set up veth0-0', accounts: 3 }), d('down', { fix: 'ip link set up veth0-1' }), d('down too', { fix: 'ip link set up veth0-0' })];
    expect(fixesToProve(drafts, 1)).toEqual(['ip link set up veth0-0']);
    expect(fixesToProve(drafts, 5)).toEqual(['ip link set up veth0-0', 'ip link set up veth0-1']);
    const combined = combinedFix(drafts)!;
    expect(combined).toBe('ip link set up veth0-0 && ip link set up veth0-1');
    // A fake lab: the step passes only when both ends come up.
    const ran: string[] = [];
    const proofs = await proveFixes([...fixesToProve(drafts, 3), combined], async (fix) => {
      ran.push(fix);
      return fix.includes('veth0-0') && fix.includes('veth0-1');
    });
    expect(ran.sort()).toEqual([combined, 'ip link set up veth0-0', 'ip link set up veth0-1'].sort());
    const out = settle(drafts, (f) => proofs.get(f), combined);
    expect(out[0]).toEqual({ text: 'typo', fix: combined, source: 'builtin' });
    expect(out.some((e) => e.fix === 'ip link set up veth0-1')).toBe(false);
  });

  it('no combined fix when one explanation\'s own fix is enough: the part that did nothing is not offered again', () => {
    // The learner brought up the wrong end; bringing up the right one alone passes.
    const drafts = [d('that set up the other end', { fix: 'ip link set up veth0-1', accounts: 2 }), d('veth0-0 is down', { fix: 'ip link set up veth0-0' })];
    const combined = combinedFix(drafts)!;
    const proofs = new Map([
      ['ip link set up veth0-1', false],
      ['ip link set up veth0-0', true],
      [combined, true],
    ]);
    const out = settle(drafts, (f) => proofs.get(f), combined);
    expect(out).toEqual([{ text: 'veth0-0 is down', fix: 'ip link set up veth0-0', source: 'builtin' }]);
  });

  it('a proof that throws counts as failed, and an aborted run stops proving', async () => {
    const proofs = await proveFixes(['a', 'b'], async (fix) => {
      if (fix === 'a') throw new Error('lab died');
      return true;
    }, { concurrency: 1 });
    expect([...proofs]).toEqual([['a', false], ['b', true]]);
    const ac = new AbortController();
    const seen: string[] = [];
    await proveFixes(['x', 'y', 'z'], async (fix) => {
      seen.push(fix);
      ac.abort();
      return true;
    }, { concurrency: 1, signal: ac.signal, onProof: (f) => seen.push(`proved ${f}`) });
    expect(seen).toEqual(['x']);
  });
});
