/** What each address rule (src/explain/rules/addresses.ts) reports alone: exact text, fix, id, weight, covers, and when it stays silent. */
import { describe, expect, it } from 'vitest';
import {
  addrDeviceAbsent,
  addrDifferent,
  addrInOtherNamespace,
  addrLostOnMove,
  addrMissing,
  addrOnWrongInterface,
  addrStillPresent,
  addrWrongPrefix,
  sameSubnetTwice,
} from '../../../src/explain/rules/addresses.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { type Case, check, direct, edited, exp, fixture, link, PING_LOSS, ran } from './helpers.js';


/** A new interface like the host's lo, renamed and changed. */
function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  const l: LinkState = { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, peer: undefined, master: undefined, ...o };
  s.links.push(l);
  return l;
}

describe('addrDeviceAbsent', () => {
  it('an interface in another namespace: where it is, and how to move it', () => {
    const fs = direct(addrDeviceAbsent, { state: fixture('state-veth-pair'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(fs).toEqual([
      {
        id: 'where:veth0-1',
        weight: 85,
        text: 'veth0-1 is in the host namespace, not in ns0. An interface lives in exactly one network namespace, and `ip link set veth0-1 netns …` moves it.',
        fix: 'ip netns add ns0 && ip link set veth0-1 netns ns0',
      },
    ]);
  });

  it('an interface nowhere: says it must exist first, with no fix', () => {
    const fs = direct(addrDeviceAbsent, { state: fixture('state-across-ns0'), failed: [exp.addr('10.0.0.1/24', 'br0', 'ns0')] });
    expect(fs).toEqual([
      { id: 'missing:ns0:br0', weight: 60, text: 'ns0 has no interface br0, so it cannot hold 10.0.0.1/24. Create br0 or move it there first (`ip -br link` in each namespace shows where the interfaces are).', fix: undefined },
    ]);
  });

  it('silent when the interface is there, or the address should be gone', () => {
    expect(direct(addrDeviceAbsent, { state: fixture('state-across-ns0'), failed: [exp.addr('10.0.0.1/24', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(addrDeviceAbsent, { state: fixture('state-across-ns0'), failed: [exp.addr('10.0.0.1/24', 'br0', 'host', false)] })).toEqual([]);
  });
});

describe('addrInOtherNamespace', () => {
  it('the address in the host instead of ns0: exact text, covers and fix', () => {
    const fs = direct(addrInOtherNamespace, { state: fixture('diag-addr-wrong-ns'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(fs).toEqual([
      {
        id: 'addr:ns0:veth0-1:192.168.100.2/24',
        weight: 86,
        covers: ['noroute:ns0:*', 'nobody:192.168.100.2'],
        text: '192.168.100.2/24 is on veth0-0 in the host namespace, but it should be on veth0-1 in ns0: the command ran in the wrong namespace (each namespace has its own interfaces and addresses). Move it.',
        fix: 'ip addr del 192.168.100.2/24 dev veth0-0 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
  });

  it('the other way round: from ns0 back to the host, the prefix it really has', () => {
    const state = edited('state-across-ns0', (s) => link(s, 'veth0-1', 'ns0').addrs.push({ local: '192.168.100.7', prefixlen: 32 }));
    const [f] = direct(addrInOtherNamespace, { state, failed: [exp.addr('192.168.100.7/24', 'veth0-0')] });
    expect(f.text).toBe('192.168.100.7/32 is on veth0-1 in ns0, but it should be on veth0-0 in the host namespace: the command ran in the wrong namespace (each namespace has its own interfaces and addresses). Move it.');
    expect(f.fix).toBe('ip netns exec ns0 ip addr del 192.168.100.7/32 dev veth0-1 && ip addr add 192.168.100.7/24 dev veth0-0');
  });

  it('silent when the address is only in the right namespace, or the interface is not there', () => {
    // On another interface of ns0 itself: not another namespace.
    const same = edited('state-across-ns0', (s) => (link(s, 'lo', 'ns0').addrs = [{ local: '192.168.100.9', prefixlen: 24 }]));
    expect(direct(addrInOtherNamespace, { state: same, failed: [exp.addr('192.168.100.9/24', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(addrInOtherNamespace, { state: fixture('diag-addr-wrong-ns'), failed: [exp.addr('192.168.100.2/24', 'veth9', 'ns0')] })).toEqual([]);
    expect(direct(addrInOtherNamespace, { state: fixture('diag-addr-wrong-ns'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0', false)] })).toEqual([]);
  });
});

describe('addrWrongPrefix', () => {
  it('/32: the prefix left out, exact text, id, weight and fix', () => {
    const fs = direct(addrWrongPrefix, { state: fixture('diag-prefix32'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(fs).toEqual([
      {
        id: 'addr:ns0:veth0-1:192.168.100.2/24',
        weight: 84,
        text: 'veth0-1 has 192.168.100.2/32 instead of 192.168.100.2/24. Without "/24", ip assumes /32: an address that covers only itself, so the kernel adds no route to the rest of the subnet. Replace it.',
        fix: 'ip netns exec ns0 ip addr del 192.168.100.2/32 dev veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
  });

  it('another prefix: picks the address with the wanted IP among others', () => {
    const state = edited('state-across-ns0', (s) => (link(s, 'veth0-0').addrs = [{ local: '10.0.0.1', prefixlen: 8 }, { local: '192.168.100.1', prefixlen: 16 }]));
    const fs = direct(addrWrongPrefix, { state, failed: [exp.addr('192.168.100.1/24', 'veth0-0')] });
    expect(fs).toEqual([
      {
        id: 'addr:host:veth0-0:192.168.100.1/24',
        weight: 84,
        text: 'veth0-0 has 192.168.100.1/16 instead of 192.168.100.1/24: the prefix length decides which subnet the kernel reaches directly through veth0-0. Replace it.',
        fix: 'ip addr del 192.168.100.1/16 dev veth0-0 && ip addr add 192.168.100.1/24 dev veth0-0',
      },
    ]);
  });

  it('silent when the prefix is right, the interface is missing, or the address should be gone', () => {
    const state = fixture('state-across-ns0');
    expect(direct(addrWrongPrefix, { state, failed: [exp.addr('192.168.100.1/24', 'veth0-0')] })).toEqual([]);
    expect(direct(addrWrongPrefix, { state, failed: [exp.addr('192.168.100.1/16', 'veth9')] })).toEqual([]);
    expect(direct(addrWrongPrefix, { state, failed: [exp.addr('192.168.100.1/16', 'veth0-0', 'host', false)] })).toEqual([]);
  });
});

describe('addrOnWrongInterface', () => {
  it('on a port instead of its bridge', () => {
    const fs = direct(addrOnWrongInterface, { state: fixture('state-bridge-broken'), failed: [exp.addr('192.168.100.1/24', 'br0')] });
    expect(fs).toEqual([
      {
        id: 'addr:host:br0:192.168.100.1/24',
        weight: 85,
        text: '192.168.100.1/24 is on veth0-0, a port of br0, instead of on the bridge. Frames arriving on a bridge port are handed to the bridge, so the IP stack hears them on br0, never on veth0-0: the address belongs on the bridge.',
        fix: 'ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0',
      },
    ]);
  });

  it('on another interface of the namespace, in Chinese too', () => {
    const state = edited('state-across-ns0', (s) => extra(s, { ns: 'ns0', name: 'dummy0', kind: 'dummy', addrs: [{ local: '10.1.1.1', prefixlen: 16 }] }));
    const [f] = direct(addrOnWrongInterface, { state, failed: [exp.addr('10.1.1.1/24', 'veth0-1', 'ns0')] });
    expect(f.id).toBe('addr:ns0:veth0-1:10.1.1.1/24');
    expect(f.text).toBe('10.1.1.1/16 is on dummy0 instead of veth0-1 (in ns0).');
    expect(f.fix).toBe('ip netns exec ns0 ip addr del 10.1.1.1/16 dev dummy0 && ip netns exec ns0 ip addr add 10.1.1.1/24 dev veth0-1');
    const [zh] = direct(addrOnWrongInterface, { state, lang: 'zh', failed: [exp.addr('10.1.1.1/24', 'veth0-1', 'ns0')] });
    expect(zh.text).toBe('10.1.1.1/16 配在了 dummy0 上，而不是 ns0 的 veth0-1 上。');
  });

  it('silent when the address is only elsewhere, only on the right interface, or the interface is missing', () => {
    // 192.168.100.1 is in the host, not in ns0.
    expect(direct(addrOnWrongInterface, { state: fixture('state-across-ns0'), failed: [exp.addr('192.168.100.1/24', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(addrOnWrongInterface, { state: fixture('state-across-ns0'), failed: [exp.addr('192.168.100.2/16', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(addrOnWrongInterface, { state: fixture('state-bridge-broken'), failed: [exp.addr('192.168.100.1/24', 'br9')] })).toEqual([]);
    expect(direct(addrOnWrongInterface, { state: fixture('state-bridge-broken'), failed: [exp.addr('192.168.100.1/24', 'br0', 'host', false)] })).toEqual([]);
  });
});

describe('addrLostOnMove', () => {
  const want = exp.addr('192.168.100.2/24', 'veth0-1', 'ns0');

  it('a moved end without addresses: exact text, id, weight and fix', () => {
    const fs = direct(addrLostOnMove, { state: fixture('diag-moved-up-noaddr'), failed: [want] });
    expect(fs).toEqual([
      {
        id: 'addr:ns0:veth0-1:192.168.100.2/24',
        weight: 82,
        text: "veth0-1 in ns0 has no address. Moving an interface into another namespace clears its IP addresses (they belonged to the old namespace's IP stack), so it needs one again inside ns0.",
        fix: 'ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
  });

  it('silent when the end has an address, is no veth, has its peer beside it or none, or the address is elsewhere', () => {
    const withAddr = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-1', 'ns0').addrs = [{ local: '10.0.0.2', prefixlen: 24 }]));
    expect(direct(addrLostOnMove, { state: withAddr, failed: [want] })).toEqual([]);
    const notVeth = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-1', 'ns0').kind = 'dummy'));
    expect(direct(addrLostOnMove, { state: notVeth, failed: [want] })).toEqual([]);
    const noPeer = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-1', 'ns0').peer = undefined));
    expect(direct(addrLostOnMove, { state: noPeer, failed: [want] })).toEqual([]);
    const samNs = edited('diag-moved-up-noaddr', (s) => {
      link(s, 'veth0-0').ns = 'ns0';
      link(s, 'veth0-1', 'ns0').peer = { ns: 'ns0', ifindex: 3 };
    });
    expect(direct(addrLostOnMove, { state: samNs, failed: [want] })).toEqual([]);
    const owned = edited('diag-moved-up-noaddr', (s) => link(s, 'veth0-0').addrs.push({ local: '192.168.100.2', prefixlen: 24 }));
    expect(direct(addrLostOnMove, { state: owned, failed: [want] })).toEqual([]);
    expect(direct(addrLostOnMove, { state: fixture('diag-moved-up-noaddr'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0', false)] })).toEqual([]);
    expect(direct(addrLostOnMove, { state: fixture('diag-moved-up-noaddr'), failed: [exp.addr('192.168.100.2/24', 'veth9', 'ns0')] })).toEqual([]);
  });

  it("the host's end: only when the state before shows that same veth (same MAC) in another namespace", () => {
    const state = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-0').addrs = []));
    const hostWant = exp.addr('192.168.100.1/24', 'veth0-0');
    expect(direct(addrLostOnMove, { state, failed: [hostWant] })).toEqual([]);
    const movedBefore = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-0').ns = 'ns9'));
    const [f] = direct(addrLostOnMove, { state, before: movedBefore, failed: [hostWant] });
    expect(f.text).toBe("veth0-0 in the host namespace has no address. Moving an interface into another namespace clears its IP addresses (they belonged to the old namespace's IP stack), so it needs one again inside the host namespace.");
    expect(f.fix).toBe('ip addr add 192.168.100.1/24 dev veth0-0');
    // Before, it was already in the host; or another interface was elsewhere; or it was not a veth.
    expect(direct(addrLostOnMove, { state, before: fixture('diag-moved-up-noaddr'), failed: [hostWant] })).toEqual([]);
    const otherMac = edited('diag-moved-up-noaddr', (s) => Object.assign(link(s, 'veth0-0'), { ns: 'ns9', mac: '02:00:00:00:00:99' }));
    expect(direct(addrLostOnMove, { state, before: otherMac, failed: [hostWant] })).toEqual([]);
    const notVeth = edited('diag-moved-up-noaddr', (s) => Object.assign(link(s, 'veth0-0'), { ns: 'ns9', kind: 'dummy' }));
    expect(direct(addrLostOnMove, { state, before: notVeth, failed: [hostWant] })).toEqual([]);
  });
});

describe('addrDifferent', () => {
  const want = exp.addr('192.168.100.2/24', 'veth0-1', 'ns0');

  it('a typo the learner added: exact text, id, weight and fix', () => {
    const fs = direct(addrDifferent, { state: fixture('diag-far-end-other'), failed: [want], commands: [ran('ip netns exec ns0 ip addr add 192.168.100.3/24 dev veth0-1')] });
    expect(fs).toEqual([
      {
        id: 'addr:ns0:veth0-1:192.168.100.2/24',
        weight: 78,
        text: 'veth0-1 has 192.168.100.3/24, not 192.168.100.2/24: probably a typo in the address.',
        fix: 'ip netns exec ns0 ip addr del 192.168.100.3/24 dev veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
  });

  it('names the address in the wanted subnet (by the shorter of both prefixes), not simply the first', () => {
    const state = edited('diag-far-end-other', (s) => (link(s, 'veth0-1', 'ns0').addrs = [{ local: '10.1.1.1', prefixlen: 8 }, { local: '192.168.5.3', prefixlen: 16 }]));
    const commands = [ran('ip -n ns0 addr add 10.1.1.1/8 dev veth0-1; ip -n ns0 a add 192.168.5.3/16 dev veth0-1')];
    const [f] = direct(addrDifferent, { state, failed: [want], commands });
    expect(f.text).toBe('veth0-1 has 192.168.5.3/16, not 192.168.100.2/24: probably a typo in the address.');
    // With none in the subnet, the first address.
    const [g] = direct(addrDifferent, { state, failed: [exp.addr('172.16.0.2/24', 'veth0-1', 'ns0')], commands });
    expect(g.text).toBe('veth0-1 has 10.1.1.1/8, not 172.16.0.2/24: probably a typo in the address.');
  });

  it('silent unless an `ip addr add` of the learner put that address there', () => {
    const state = fixture('diag-far-end-other');
    expect(direct(addrDifferent, { state, failed: [want] })).toEqual([]);
    expect(direct(addrDifferent, { state, failed: [want], commands: [ran('ip netns exec ns0 ip addr del 192.168.100.3/24 dev veth0-1')] })).toEqual([]);
    expect(direct(addrDifferent, { state, failed: [want], commands: [ran('ip netns exec ns0 ip route add 192.168.100.3/24 dev veth0-1')] })).toEqual([]);
    expect(direct(addrDifferent, { state, failed: [want], commands: [ran('ip netns exec ns0 ip addr add 192.168.100.4/24 dev veth0-1')] })).toEqual([]);
    expect(direct(addrDifferent, { state, failed: [want], commands: [ran('echo ip addr add 192.168.100.3/24 dev veth0-1')] })).toEqual([]);
  });

  it('silent when the address is there, the interface has none or is missing, or the address should be gone', () => {
    const add = [ran('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1')];
    expect(direct(addrDifferent, { state: fixture('state-across-ns0'), failed: [want], commands: add })).toEqual([]);
    const two = edited('state-across-ns0', (s) => link(s, 'veth0-1', 'ns0').addrs.push({ local: '192.168.100.3', prefixlen: 24 }));
    expect(direct(addrDifferent, { state: two, failed: [want], commands: add })).toEqual([]);
    // An `ip addr add` without an address does not make an empty interface a typo.
    expect(direct(addrDifferent, { state: fixture('diag-moved-up-noaddr'), failed: [want], commands: [ran('ip netns exec ns0 ip addr add dev veth0-1')] })).toEqual([]);
    expect(direct(addrDifferent, { state: fixture('diag-far-end-other'), failed: [exp.addr('192.168.100.2/24', 'veth9', 'ns0')], commands: [ran('ip addr add 192.168.100.3/24 dev veth9')] })).toEqual([]);
    expect(direct(addrDifferent, { state: fixture('diag-far-end-other'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0', false)], commands: [ran('ip -n ns0 addr add 192.168.100.3/24 dev veth0-1')] })).toEqual([]);
  });
});

describe('addrMissing', () => {
  it('an interface with no address at all: exact text, id, weight and fix', () => {
    const fs = direct(addrMissing, { state: fixture('diag-moved-up-noaddr'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] });
    expect(fs).toEqual([
      { id: 'addr:ns0:veth0-1:192.168.100.2/24', weight: 60, text: 'veth0-1 in ns0 does not have 192.168.100.2/24 (it has no IPv4 address at all).', fix: 'ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1' },
    ]);
  });

  it('silent when the interface has some address, the address is elsewhere, the interface is missing, or it should be gone', () => {
    expect(direct(addrMissing, { state: fixture('diag-far-end-other'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(addrMissing, { state: fixture('diag-addr-wrong-ns'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(addrMissing, { state: fixture('diag-moved-up-noaddr'), failed: [exp.addr('192.168.100.2/24', 'veth9', 'ns0')] })).toEqual([]);
    expect(direct(addrMissing, { state: fixture('diag-moved-up-noaddr'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0', false)] })).toEqual([]);
  });
});

describe('addrStillPresent', () => {
  it('on a bridge port: exact text, id, weight and fix', () => {
    const fs = direct(addrStillPresent, { state: fixture('state-bridge-broken'), failed: [exp.addr('192.168.100.1/24', 'veth0-0', 'host', false)] });
    expect(fs).toEqual([
      {
        id: 'addrgone:host:veth0-0:192.168.100.1/24',
        weight: 75,
        text: '192.168.100.1/24 is still on veth0-0. veth0-0 is a port of br0 now, and frames arriving on a port are handed to the bridge, so the address on the port never gets answers and adds a second route to its subnet.',
        fix: 'ip addr del 192.168.100.1/24 dev veth0-0',
      },
    ]);
  });

  it('elsewhere, in a namespace', () => {
    const fs = direct(addrStillPresent, { state: fixture('state-across-ns0'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0', false)] });
    expect(fs).toEqual([{ id: 'addrgone:ns0:veth0-1:192.168.100.2/24', weight: 75, text: '192.168.100.2/24 is still on veth0-1.', fix: 'ip netns exec ns0 ip addr del 192.168.100.2/24 dev veth0-1' }]);
  });

  it('silent when the prefix differs, the interface is missing, or the address is wanted', () => {
    const state = fixture('state-across-ns0');
    expect(direct(addrStillPresent, { state, failed: [exp.addr('192.168.100.2/16', 'veth0-1', 'ns0', false)] })).toEqual([]);
    expect(direct(addrStillPresent, { state, failed: [exp.addr('192.168.100.7/24', 'veth0-1', 'ns0', false)] })).toEqual([]);
    expect(direct(addrStillPresent, { state, failed: [exp.addr('192.168.100.2/24', 'veth9', 'ns0', false)] })).toEqual([]);
    expect(direct(addrStillPresent, { state, failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0')] })).toEqual([]);
  });
});

describe('sameSubnetTwice', () => {
  /** state-across-ns0 with a second interface in the host holding 192.168.100.5/24. */
  const twice = (o: Partial<LinkState> = {}, routeDev?: string) =>
    edited('state-across-ns0', (s) => {
      extra(s, { name: 'dummy0', kind: 'dummy', addrs: [{ local: '192.168.100.5', prefixlen: 24 }], ...o });
      if (routeDev) s.routes.unshift({ ns: 'host', dst: '192.168.100.0/24', dev: routeDev, prefsrc: '192.168.100.5' });
    });

  it('drops the subnet from the interface the kernel uses by mistake: exact text, id, weight and fix', () => {
    const fs = direct(sameSubnetTwice, { state: twice({}, 'dummy0'), failed: [exp.ping('192.168.100.2')] });
    expect(fs).toEqual([
      {
        id: 'subnet2:host:192.168.100.0/24',
        weight: 80,
        text: 'In the host namespace, 192.168.100.0/24 is on both veth0-0 and dummy0. That makes two routes to one subnet, and the kernel uses only the first one (`ip route` lists it first: dev dummy0), so traffic may leave by the wrong interface. Keep the subnet on one interface.',
        fix: 'ip addr del 192.168.100.5/24 dev dummy0',
      },
    ]);
  });

  it('when the first interface is the one used, drops it from there', () => {
    const [f] = direct(sameSubnetTwice, { state: twice(), failed: [exp.ping('192.168.100.2')] });
    expect(f.text).toContain('(`ip route` lists it first: dev veth0-0)');
    expect(f.fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0');
  });

  it('without any route, blames the first interface listed', () => {
    const state = twice();
    state.routes = [];
    const [f] = direct(sameSubnetTwice, { state, failed: [exp.ping('192.168.100.2')] });
    expect(f.text).toContain('dev veth0-0)');
    expect(f.fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0');
  });

  it('a bridge port loses it, whichever of the two it is', () => {
    const [first] = direct(sameSubnetTwice, { state: fixture('diag-same-subnet'), failed: [exp.ping('192.168.100.2')] });
    expect(first.fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0');
    expect(first.text).toContain('192.168.100.0/24 is on both veth0-0 and br0');
    // The port listed second, the kernel using the first.
    const second = twice({ master: 'br7' });
    const [f] = direct(sameSubnetTwice, { state: second, failed: [exp.ping('192.168.100.2')] });
    expect(f.fix).toBe('ip addr del 192.168.100.5/24 dev dummy0');
  });

  it('the network is that of the shorter prefix', () => {
    const state = twice({ addrs: [{ local: '192.168.7.5', prefixlen: 16 }] }, 'veth0-0');
    const [f] = direct(sameSubnetTwice, { state, failed: [exp.ping('192.168.100.2')] });
    expect(f.id).toBe('subnet2:host:192.168.0.0/16');
    expect(f.text).toContain('192.168.0.0/16 is on both veth0-0 and dummy0');
    expect(f.fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0');
    // Routed through the other interface: its address goes, with its own prefix.
    state.routes.unshift({ ns: 'host', dst: '192.168.100.0/24', dev: 'dummy0' });
    const [g] = direct(sameSubnetTwice, { state, failed: [exp.ping('192.168.100.2')] });
    expect(g.fix).toBe('ip addr del 192.168.7.5/16 dev dummy0');
  });

  it('looks at each namespace a failed check or a failed ping is about', () => {
    const state = twice({}, 'dummy0');
    const ids = (c: Partial<Case>) => direct(sameSubnetTwice, { state, ...c }).map((f) => f.id);
    const id = 'subnet2:host:192.168.100.0/24';
    // A ping to an address of the host, from ns0.
    expect(ids({ failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([id]);
    expect(ids({ failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([]);
    expect(ids({ failed: [exp.addr('10.0.0.1/24', 'veth0-0')] })).toEqual([id]);
    expect(ids({ failed: [exp.addr('10.0.0.1/24', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(ids({ failed: [exp.neigh('192.168.100.2', 'veth0-0')] })).toEqual([id]);
    expect(ids({ failed: [exp.link('veth0-0')] })).toEqual([]);
    expect(ids({ passed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(ids({ commands: [ran('ping -c 1 192.168.100.2', 1, '', PING_LOSS)] })).toEqual([id]);
    expect(ids({ commands: [ran('ip netns exec ns0 ping -c 1 192.168.100.9', 1, '', PING_LOSS)] })).toEqual([]);
    expect(ids({ commands: [ran('ping -c 1 192.168.100.2')] })).toEqual([]);
    expect(ids({ commands: [ran('ip link show', 1)] })).toEqual([]);
  });

  it('leaves lo, interfaces without addresses, and the two ends of one pair alone', () => {
    const lo = edited('state-across-ns0', (s) => (link(s, 'lo').addrs = [{ local: '192.168.100.9', prefixlen: 24 }]));
    expect(direct(sameSubnetTwice, { state: lo, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    const empty = edited('state-across-ns0', (s) => extra(s, { name: 'dummy0', kind: 'dummy' }));
    expect(direct(sameSubnetTwice, { state: empty, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(sameSubnetTwice, { state: fixture('diag-pair-bound'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    // Two veths of different pairs are not spared.
    const pairs = edited('diag-pair-bound', (s) => (link(s, 'veth0-1').peer = { ns: 'host', ifindex: 99 }));
    expect(direct(sameSubnetTwice, { state: pairs, failed: [exp.ping('192.168.100.2')] }).map((f) => f.id)).toEqual(['subnet2:host:192.168.100.0/24']);
    // One of several addresses in the subnet is enough.
    const several = edited('state-across-ns0', (s) => extra(s, { name: 'dummy0', kind: 'dummy', addrs: [{ local: '10.0.0.5', prefixlen: 24 }, { local: '192.168.100.5', prefixlen: 24 }] }));
    expect(direct(sameSubnetTwice, { state: several, failed: [exp.ping('192.168.100.2')] }).map((f) => f.id)).toEqual(['subnet2:host:192.168.100.0/24']);
    const other = edited('state-across-ns0', (s) => extra(s, { name: 'dummy0', kind: 'dummy', addrs: [{ local: '10.0.0.1', prefixlen: 24 }] }));
    expect(direct(sameSubnetTwice, { state: other, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
  });
});
