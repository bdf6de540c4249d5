/** How findings() (src/explain/diagnose.ts) merges what the rules and the check kinds found: one per id, the heavier or the first, covers, claims, a rule that throws, strict mode. */
import { describe, expect, it } from 'vitest';
import { diagnose, findings, RULE_FAMILIES, RULES, type DiagnosisInput } from '../../../src/explain/diagnose.js';
import type { Finding, Rule } from '../../../src/explain/rules/context.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import type { Expectation } from '../../../src/lesson/types.js';
import { check, diagnoseCase, edited, exp, fixture, link, step } from './helpers.js';

const sysctl = (value: string, inNs = 'host'): Expectation => ({ line: 1, kind: 'sysctl', name: 'net.ipv4.ip_forward', value, in: inNs });
const withSysctl = (value: string): LabState => edited('state-across-ns0', (s) => (s.sysctls = [{ ns: 'host', name: 'net.ipv4.ip_forward', value }]));

function input(o: Partial<DiagnosisInput> & { state: LabState }): DiagnosisInput {
  const expectations = (o.checks ?? []).map((c) => c.expectation);
  return { step: step(expectations), commands: [], checks: [], lang: 'en', ...o };
}

describe('one finding per id', () => {
  it('at equal weight, the rule that comes first keeps it', () => {
    // linkInOtherNamespace (links) and addrDeviceAbsent (addresses) both say where veth0-1 is, as where:veth0-1, weight 85.
    const fs = diagnoseCase({ state: fixture('state-veth-pair'), failed: [exp.link('veth0-1', 'ns0'), exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(fs.map((f) => [f.id, f.rule, f.family, f.weight])).toEqual([['where:veth0-1', 'linkInOtherNamespace', 'links', 85]]);
    expect(fs[0].fix).toBe('ip netns add ns0 && ip link set veth0-1 netns ns0');
    expect(fs[0].covers).toEqual(['missing:ns0:veth0-1', 'extra:host:veth0-1']);
  });

  it('a heavier finding replaces a lighter one, whichever rule comes first', () => {
    // linkMissing (60) comes before bridgeMissing (70): both as missing:host:br0.
    const fs = diagnoseCase({ state: fixture('state-across-ns0'), failed: [exp.link('br0'), exp.port('veth0-0', 'br0')] });
    expect(fs.map((f) => [f.id, f.rule, f.weight])).toEqual([
      ['port:veth0-0', 'portNotEnslaved', 75],
      ['missing:host:br0', 'bridgeMissing', 70],
    ]);
    // addrInOtherNamespace (86) comes before addrWrongPrefix (84): the lighter one does not replace it.
    const state = edited('diag-prefix32', (s) => link(s, 'veth0-0').addrs.push({ local: '192.168.100.2', prefixlen: 24 }));
    const gs = diagnoseCase({ state, failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(gs.map((f) => [f.id, f.rule, f.weight])).toEqual([['addr:ns0:veth0-1:192.168.100.2/24', 'addrInOtherNamespace', 86]]);
  });
});

describe('covers', () => {
  it('a finding hides the less specific ones it covers, by prefix with *', () => {
    const state = fixture('diag-addr-wrong-ns');
    const alone = diagnoseCase({ state, failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(alone.map((f) => f.id)).toEqual(['noroute:ns0:192.168.100.1']);
    const both = diagnoseCase({ state, failed: [exp.ping('192.168.100.1', 'ns0'), exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(both.map((f) => f.id)).toEqual(['addr:ns0:veth0-1:192.168.100.2/24']);
    // Only ids with that prefix: a missing namespace (ns:…) stays.
    const more = diagnoseCase({ state, failed: [exp.ping('192.168.100.1', 'ns0'), exp.addr('192.168.100.2/24', 'veth0-1', 'ns0'), exp.netns('ns5')] });
    expect(more.map((f) => f.id)).toEqual(['addr:ns0:veth0-1:192.168.100.2/24', 'ns:ns5']);
  });

  it('a finding that covers another exactly hides it, and hides nothing it does not name', () => {
    // linkInOtherNamespace would say where:veth0-1 and where:veth0-0; the swapped pair covers both.
    const fs = diagnoseCase({ state: fixture('diag-wrong-end'), failed: [exp.link('veth0-1', 'ns0'), exp.link('veth0-0', 'host'), exp.link('lo', 'ns0', { up: true })] });
    expect(fs.map((f) => f.id)).toEqual(['wrongend:veth0-0+veth0-1', 'linkdown:ns0:lo']);
  });

  it('an address in the wrong namespace does not hide a down link that holds an address of that subnet: two causes, both told', () => {
    // addrInOtherNamespace (86) covers noroute:ns0:* only when ns0 has no down link with an address of the subnet.
    const state = edited('state-across-ns0', (s) => {
      link(s, 'veth0-1', 'ns0').up = false;
      link(s, 'veth0-0').addrs.push({ local: '192.168.100.7', prefixlen: 24 });
      s.routes = s.routes.filter((r) => r.ns !== 'ns0');
    });
    expect(diagnoseCase({ state, failed: [exp.ping('192.168.100.1', 'ns0')] }).map((f) => [f.id, f.weight])).toEqual([['noroute:ns0:192.168.100.1', 86]]);
    const both = diagnoseCase({ state, failed: [exp.ping('192.168.100.1', 'ns0'), exp.addr('192.168.100.7/24', 'veth0-1', 'ns0')] });
    expect(both.map((f) => [f.id, f.weight])).toEqual([
      ['addr:ns0:veth0-1:192.168.100.7/24', 86],
      ['noroute:ns0:192.168.100.1', 86],
    ]);
    // With that link up, its subnet is routed: the address elsewhere is the one cause, and it covers "no route".
    link(state, 'veth0-1', 'ns0').up = true;
    const one = diagnoseCase({ state, failed: [exp.ping('192.168.100.1', 'ns0'), exp.addr('192.168.100.7/24', 'veth0-1', 'ns0')] });
    expect(one.map((f) => f.id)).not.toContain('noroute:ns0:192.168.100.1');
    expect(one.map((f) => f.id)).toContain('addr:ns0:veth0-1:192.168.100.7/24');
  });
});

describe('two findings that cover each other at equal weight', () => {
  /** Runs `fn` with extra rules registered after the built-in ones, then takes them out again. */
  function withRules<T>(extra: Record<string, Rule>, fn: () => T): T {
    Object.assign(RULES, extra);
    try {
      return fn();
    } finally {
      for (const name of Object.keys(extra)) delete RULES[name];
    }
  }
  const rule = (f: Finding): Rule => () => [f];

  it('at equal weight, a finding still hides one it covers that does not cover it back, in either order', () => {
    const state = fixture('state-empty');
    const run = () => findings(input({ state })).map((f) => [f.rule, f.id]);
    expect(withRules({ zzFirst: rule({ id: 't:a', weight: 50, text: 'A', covers: ['t:*'] }), zzSecond: rule({ id: 't:b', weight: 50, text: 'B' }) }, run)).toEqual([['zzFirst', 't:a']]);
    expect(withRules({ zzFirst: rule({ id: 't:b', weight: 50, text: 'B' }), zzSecond: rule({ id: 't:a', weight: 50, text: 'A', covers: ['t:b'] }) }, run)).toEqual([['zzSecond', 't:a']]);
  });

  it('the earlier one stays; a heavier one wins whatever the order', () => {
    const state = fixture('state-empty');
    const run = () => findings(input({ state })).map((f) => [f.rule, f.id]);
    expect(withRules({ zzFirst: rule({ id: 't:a', weight: 50, text: 'A', covers: ['t:b'] }), zzSecond: rule({ id: 't:b', weight: 50, text: 'B', covers: ['t:a'] }) }, run)).toEqual([['zzFirst', 't:a']]);
    expect(withRules({ zzFirst: rule({ id: 't:b', weight: 50, text: 'B', covers: ['t:a'] }), zzSecond: rule({ id: 't:a', weight: 50, text: 'A', covers: ['t:*'] }) }, run)).toEqual([['zzFirst', 't:b']]);
    expect(withRules({ zzFirst: rule({ id: 't:a', weight: 50, text: 'A', covers: ['t:b'] }), zzSecond: rule({ id: 't:b', weight: 51, text: 'B', covers: ['t:a'] }) }, run)).toEqual([['zzSecond', 't:b']]);
    // Neither covers the other: both stay, heavier first; one text is said once.
    expect(withRules({ zzFirst: rule({ id: 't:a', weight: 50, text: 'A' }), zzSecond: rule({ id: 't:b', weight: 51, text: 'B', covers: ['t:c'] }) }, run)).toEqual([['zzSecond', 't:b'], ['zzFirst', 't:a']]);
    expect(withRules({ zzFirst: rule({ id: 't:a', weight: 50, text: 'same' }), zzSecond: rule({ id: 't:b', weight: 50, text: 'same' }) }, run)).toEqual([['zzFirst', 't:a']]);
    expect(RULES.zzFirst).toBeUndefined();
  });

  it('a check kind’s own explanation replaces a lighter rule finding with its id, not a heavier one', () => {
    const checks = [check(sysctl('1'))];
    const id = 'sysctl:host:net.ipv4.ip_forward';
    const run = () => findings(input({ state: withSysctl('0'), checks })).map((f) => [f.rule, f.weight]);
    expect(withRules({ zzLight: rule({ id, weight: 10, text: 'light' }) }, run)).toEqual([['kind:sysctl', 60]]);
    expect(withRules({ zzHeavy: rule({ id, weight: 90, text: 'heavy' }) }, run)).toEqual([['zzHeavy', 90]]);
  });
});

describe('what the check kinds explain', () => {
  it('a failed check whose kind explains itself claims that check, with its fix', () => {
    const fs = findings(input({ state: withSysctl('0'), checks: [check(exp.link('veth0-0'), true), check(sysctl('1'))] }), { strict: true });
    expect(fs).toHaveLength(1);
    const f = fs[0];
    expect([f.id, f.weight, f.rule, f.family, f.fix]).toEqual(['sysctl:host:net.ipv4.ip_forward', 60, 'kind:sysctl', 'kinds', 'sysctl -w net.ipv4.ip_forward=1']);
    expect(f.claims).toEqual(['check:1']);
    expect(f.text).toContain('net.ipv4.ip_forward');
    expect(diagnose(input({ state: withSysctl('0'), checks: [check(sysctl('1'))] }))).toEqual([f.text]);
  });

  it('a passed check explains nothing; of two with one id, the first stays', () => {
    expect(findings(input({ state: withSysctl('0'), checks: [check(sysctl('0'), true)] }))).toEqual([]);
    const fs = findings(input({ state: withSysctl('0'), checks: [check(sysctl('1')), check(sysctl('2'))] }));
    expect(fs.map((f) => f.claims)).toEqual([['check:0']]);
    expect(fs[0].fix).toBe('sysctl -w net.ipv4.ip_forward=1');
  });

  it('a kind finding without a fix has no fix field', () => {
    const route: Expectation = { line: 1, kind: 'route', dst: 'default', via: '10.9.9.9', in: 'host', exists: true };
    const fs = findings(input({ state: fixture('state-across-ns0'), checks: [check(route)] }), { strict: true });
    expect(fs.map((f) => [f.id, f.rule, f.weight, 'fix' in f])).toEqual([['route-gateway:host:10.9.9.9', 'kind:route', 70, false]]);
  });
});

describe('a rule that throws', () => {
  /** A state read wrongly: ns0's lo without its address list, which the address rules walk. */
  const broken = () =>
    edited('state-across-ns0', (s) => {
      delete (link(s, 'lo', 'ns0') as Partial<LinkState>).addrs;
    });

  it('is skipped, and the other rules still explain; in strict mode it throws', () => {
    const checks = [check(exp.addr('10.0.0.1/24', 'veth0-1', 'ns0')), check(exp.link('veth9', 'ns0'))];
    const fs = findings(input({ state: broken(), checks }));
    expect(fs.map((f) => f.rule)).toContain('linkMissing');
    expect(() => findings(input({ state: broken(), checks }), { strict: true })).toThrow(TypeError);
  });
});

describe('the rule registry', () => {
  it('RULES holds every rule of every family, by its own name', () => {
    for (const family of Object.values(RULE_FAMILIES)) for (const [name, rule] of Object.entries(family)) expect(RULES[name]).toBe(rule);
    expect(Object.keys(RULE_FAMILIES)).toEqual(['commandErrors', 'syntax', 'links', 'addresses', 'bridge', 'reachability', 'unexpected', 'mistakes']);
  });
});
