import { describe, expect, it } from 'vitest';
import { addressRules } from '../../../src/explain/rules/addresses.js';
import { edited, exp, familyTracker, fixture, link, ran } from './helpers.js';

const t = familyTracker(addressRules);

describe('addrDeviceAbsent', () => {
  it('says the interface is not in that namespace', () => {
    const text = t.by('addrDeviceAbsent', { state: fixture('state-veth-pair'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(text).toContain('veth0-1 is in the host namespace, not in ns0');
    expect(text).toContain('`ip netns add ns0 && ip link set veth0-1 netns ns0`');
  });

  it('says when the interface exists nowhere', () => {
    const text = t.by('addrDeviceAbsent', { state: fixture('state-empty'), failed: [exp.addr('192.168.100.1/24', 'br0')] });
    expect(text).toContain('has no interface br0');
  });
});

describe('addrInOtherNamespace', () => {
  it('sees the address added in the host instead of ns0', () => {
    const text = t.by('addrInOtherNamespace', { state: fixture('diag-addr-wrong-ns'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(text).toContain('192.168.100.2/24 is on veth0-0 in the host namespace');
    expect(text).toContain('`ip addr del 192.168.100.2/24 dev veth0-0 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });
});

describe('addrWrongPrefix', () => {
  it('explains /32 when the prefix was left out', () => {
    const text = t.by('addrWrongPrefix', { state: fixture('diag-prefix32'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(text).toContain('veth0-1 has 192.168.100.2/32 instead of 192.168.100.2/24');
    expect(text).toContain('ip assumes /32');
    expect(text).toContain('`ip netns exec ns0 ip addr del 192.168.100.2/32 dev veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });

  it('in Chinese, and for other prefixes', () => {
    expect(t.by('addrWrongPrefix', { state: fixture('diag-prefix32'), lang: 'zh', failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] })).toContain('ip 默认用 /32');
    const s16 = edited('state-across-ns0', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 16 }]));
    expect(t.by('addrWrongPrefix', { state: s16, failed: [exp.addr('192.168.100.1/24', 'veth0-0')] })).toContain('192.168.100.1/16 instead of 192.168.100.1/24');
  });
});

describe('addrOnWrongInterface', () => {
  it('moves the address from the port to the bridge', () => {
    const text = t.by('addrOnWrongInterface', { state: fixture('state-bridge-broken'), failed: [exp.addr('192.168.100.1/24', 'br0')] });
    expect(text).toContain('192.168.100.1/24 is on veth0-0, a port of br0');
    expect(text).toContain('`ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0`');
  });

  it('names the other interface in general', () => {
    const text = t.by('addrOnWrongInterface', { state: fixture('state-veth-pair'), failed: [exp.addr('192.168.100.1/24', 'veth0-1')] });
    expect(text).toContain('192.168.100.1/24 is on veth0-0 instead of veth0-1');
  });
});

describe('addrLostOnMove', () => {
  it('explains that a move clears addresses', () => {
    const text = t.by('addrLostOnMove', { state: fixture('diag-moved-up-noaddr'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(text).toContain('veth0-1 in ns0 has no address');
    expect(text).toContain('clears its IP addresses');
    expect(text).toContain('`ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });

  it("stays quiet about the host's end, which never moved (its peer did)", () => {
    const state = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-0', 'host').addrs = []));
    const fs = t.all({ state, failed: [exp.addr('192.168.100.1/24', 'veth0-0', 'host')] });
    expect(fs.map((f) => f.rule)).not.toContain('addrLostOnMove');
    // Unless the state before the command shows it elsewhere.
    const before = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-0', 'host').ns = 'ns9'));
    const moved = t.all({ state, before, failed: [exp.addr('192.168.100.1/24', 'veth0-0', 'host')] });
    expect(moved.map((f) => f.rule)).toContain('addrLostOnMove');
  });
});

describe('addrDifferent', () => {
  it('sees a mistyped address', () => {
    const text = t.by('addrDifferent', { state: fixture('diag-far-end-other'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')], commands: [ran('ip netns exec ns0 ip addr add 192.168.100.3/24 dev veth0-1')] });
    expect(text).toContain('veth0-1 has 192.168.100.3/24, not 192.168.100.2/24');
    expect(text).toContain('ip addr del 192.168.100.3/24 dev veth0-1');
  });

  it('says nothing about an address the learner did not add (it is no typo of theirs)', () => {
    const fs = t.all({ state: fixture('diag-routed-wrong-gateway'), failed: [exp.addr('10.0.2.3/24', 'eth0', 'c2')], commands: [ran('ip addr add 10.0.2.3/24 dev eth0', 1, 'Cannot find device "eth0"\n')] });
    expect(fs.map((f) => f.rule)).not.toContain('addrDifferent');
  });
});

describe('addrMissing', () => {
  it('adds it', () => {
    const text = t.by('addrMissing', { state: fixture('state-veth-created'), failed: [exp.addr('192.168.100.1/24', 'veth0-0')] });
    expect(text).toContain('`ip addr add 192.168.100.1/24 dev veth0-0`');
  });
});

describe('addrStillPresent', () => {
  it('on a bridge port: explains why it must go', () => {
    const text = t.by('addrStillPresent', { state: fixture('state-bridge-broken'), failed: [exp.addr('192.168.100.1/24', 'veth0-0', 'host', false)] });
    expect(text).toContain('veth0-0 is a port of br0 now');
    expect(text).toContain('`ip addr del 192.168.100.1/24 dev veth0-0`');
  });

  it('elsewhere: just removes it', () => {
    const text = t.by('addrStillPresent', { state: fixture('state-veth-pair'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'host', false)] });
    expect(text).toBe('192.168.100.2/24 is still on veth0-1.\n`ip addr del 192.168.100.2/24 dev veth0-1`');
  });
});

describe('sameSubnetTwice', () => {
  it('explains two routes to one subnet and drops the one the kernel wrongly uses', () => {
    const state = edited('state-across-ns0', (s) => {
      s.links.push({ ...link(s, 'veth0-0'), ifindex: 7, name: 'veth1-0', peer: undefined, master: undefined, addrs: [{ local: '192.168.100.5', prefixlen: 24 }] });
      s.routes.unshift({ ns: 'host', dst: '192.168.100.0/24', dev: 'veth1-0', prefsrc: '192.168.100.5' });
    });
    const text = t.by('sameSubnetTwice', { state, failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('192.168.100.0/24 is on both veth0-0 and veth1-0');
    expect(text).toContain('dev veth1-0');
    expect(text).toContain('`ip addr del 192.168.100.5/24 dev veth1-0`');
  });

  it('with a bridge and its port, removes it from the port', () => {
    const text = t.by('sameSubnetTwice', { state: fixture('diag-same-subnet'), failed: [exp.addr('192.168.100.1/24', 'veth0-0', 'host', false)] });
    expect(text).toContain('`ip addr del 192.168.100.1/24 dev veth0-0`');
  });

  it('leaves the first lesson’s two ends of one pair alone', () => {
    const fs = t.all({ state: fixture('diag-pair-bound'), failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] });
    expect(fs.map((f) => f.rule)).not.toContain('sameSubnetTwice');
  });
});
