import { describe, expect, it } from 'vitest';
import { reachabilityRules } from '../../../src/explain/rules/reachability.js';
import { edited, exp, familyTracker, fixture, link, PING_LOSS, ran } from './helpers.js';

const t = familyTracker(reachabilityRules);

describe('pingFromMissingNamespace', () => {
  it('creates the namespace', () => {
    const text = t.by('pingFromMissingNamespace', { state: fixture('state-veth-pair'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(text).toContain('`ip netns add ns0`');
  });
});

describe('loDownOwnAddress', () => {
  it('explains the article’s lo-down remark', () => {
    const text = t.by('loDownOwnAddress', { state: fixture('diag-lo-down'), failed: [exp.ping('192.168.100.2', 'ns0')] });
    expect(text).toContain('lo in ns0 is DOWN, and 192.168.100.2 is ns0\'s own address');
    expect(text).toContain('`ip netns exec ns0 ip link set up lo`');
  });

  it('from a failed ping command, in Chinese', () => {
    const text = t.by('loDownOwnAddress', {
      state: fixture('diag-lo-down'),
      lang: 'zh',
      failed: [exp.exit(0)],
      commands: [ran('ip netns exec ns0 ping -c 1 -W 1 192.168.100.2', 1, '', PING_LOSS)],
    });
    expect(text).toContain('ns0 里的 lo 是 DOWN 的');
    expect(text).toContain('`ip netns exec ns0 ip link set up lo`');
  });
});

describe('localTargetViaInterface', () => {
  it('explains the martian source with both ends in one namespace', () => {
    const text = t.by('localTargetViaInterface', { state: fixture('diag-pair-bound'), failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] });
    expect(text).toContain('`ip route get 192.168.100.2`');
    expect(text).toContain('martian source');
    expect(text).toContain('`ip netns add ns0 && ip link set veth0-1 netns ns0`');
  });

  it('from the learner’s own ping -I', () => {
    const text = t.by('localTargetViaInterface', {
      state: fixture('diag-pair-bound'),
      failed: [exp.exit(0)],
      commands: [ran('ping -c 1 -W 1 -I veth0-0 192.168.100.2', 1, '', PING_LOSS)],
    });
    expect(text).toContain('192.168.100.2 belongs to veth0-1, which is in the host namespace too');
  });
});

describe('noRouteToTarget', () => {
  it('no address in the namespace: suggests one', () => {
    const text = t.by('noRouteToTarget', { state: fixture('diag-moved-up-noaddr'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(text).toContain('ns0 has no route to 192.168.100.1');
    expect(text).toContain('`ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });

  it('reads “Network is unreachable” from a command and brings the interface up too', () => {
    const text = t.by('noRouteToTarget', {
      state: fixture('diag-moved-down'),
      failed: [exp.exit(0)],
      commands: [ran('ip netns exec ns0 ping -c 1 192.168.100.1', 2, 'ping: connect: Network is unreachable\n')],
    });
    expect(text).toContain('`ip netns exec ns0 ip link set up veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });

  it('a /32 address gives no route', () => {
    const text = t.by('noRouteToTarget', { state: fixture('diag-prefix32'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(text).toContain('a /32 covers only the address itself');
  });

  it('a down interface loses its routes', () => {
    const state = edited('state-across-ns0', (s) => {
      Object.assign(link(s, 'veth0-1', 'ns0'), { up: false, carrier: false });
      s.routes = s.routes.filter((r) => r.ns !== 'ns0');
    });
    const text = t.by('noRouteToTarget', { state, failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(text).toContain('veth0-1 has an address in that subnet but is DOWN');
  });

  it('a namespace with nothing but lo', () => {
    const text = t.by('noRouteToTarget', { state: fixture('diag-lo-only-ns'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(text).toContain('it has no interface but lo');
  });
});

describe('egressDown', () => {
  it('ping -I through a down interface', () => {
    const state = edited('state-veth-created', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 24 }]));
    const text = t.by('egressDown', { state, failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] });
    expect(text).toContain('veth0-0 is DOWN');
    expect(text).toContain('`ip link set up veth0-0`');
  });
});

describe('bridgePortTrap', () => {
  it('explains that the ARP reply goes to the bridge, not the port', () => {
    const fs = t.all({ state: fixture('state-bridge-broken'), failed: [exp.ping('192.168.100.2')] });
    expect(fs[0].rule).toBe('bridgePortTrap');
    expect(fs[0].text).toContain('veth0-0 is a port of br0 but still holds 192.168.100.1/24');
    expect(fs[0].text).toContain('delivered to br0, not to veth0-0');
    expect(fs[0].text).toContain('stays INCOMPLETE');
    expect(fs[0].fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0');
    expect(fs.map((f) => f.rule)).not.toContain('neighbourUnresolved');
    t.by('bridgePortTrap', { state: fixture('state-bridge-broken'), failed: [exp.ping('192.168.100.2')] });
  });

  it('in Chinese', () => {
    const text = t.by('bridgePortTrap', { state: fixture('state-bridge-broken'), lang: 'zh', failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('应答被交给了 br0，而不是 veth0-0');
    expect(text).toContain('`ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0`');
  });

  it('from ns0: the reply has to leave through the port', () => {
    const text = t.by('bridgePortTrap', { state: fixture('state-bridge-broken'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(text).toContain('the reply must leave through veth0-0');
  });

  it('from an unresolved neighbour expectation', () => {
    const text = t.by('bridgePortTrap', { state: fixture('state-bridge-broken'), failed: [exp.neigh('192.168.100.2', 'veth0-0')] });
    expect(text).toContain('neighbour entry for 192.168.100.2 on veth0-0 stays INCOMPLETE');
  });

  it('when br0 already has the address, only removes it from the port', () => {
    const fs = t.all({ state: fixture('diag-same-subnet'), failed: [exp.ping('192.168.100.2')] });
    expect(fs[0].rule).toBe('bridgePortTrap');
    expect(fs[0].fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0');
    expect(fs.map((f) => f.rule)).not.toContain('sameSubnetTwice');
    t.by('bridgePortTrap', { state: fixture('diag-same-subnet'), failed: [exp.ping('192.168.100.2')] });
  });
});

describe('peerDown', () => {
  it('no carrier because the other end is down', () => {
    const text = t.by('peerDown', { state: fixture('diag-peer-down'), failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('veth0-0 has no carrier (NO-CARRIER) because the other end of the pair, veth0-1 in ns0, is DOWN');
    expect(text).toContain('`ip netns exec ns0 ip link set up veth0-1`');
  });
});

describe('targetNowhere', () => {
  it('the far end has no address', () => {
    const text = t.by('targetNowhere', { state: fixture('diag-moved-up-noaddr'), failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('the other end, veth0-1 in ns0, has no address');
    expect(text).toContain('`ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });

  it('the far end has another address', () => {
    const text = t.by('targetNowhere', { state: fixture('diag-far-end-other'), failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('has 192.168.100.3/24');
  });

  it('a typed ping to an address nobody has: the finding accounts for that failed command', () => {
    const loss = PING_LOSS.replaceAll('192.168.100.2', '192.168.100.9');
    const c = { state: fixture('state-across-ns0'), failed: [exp.exit(0)], commands: [ran('ip netns exec ns0 ping -c 1 -W 1 192.168.100.9', 1, '', loss)] };
    const f = t.all(c).find((x) => x.rule === 'targetNowhere')!;
    expect(f.text).toContain('Nobody has 192.168.100.9');
    expect(f.claims).toEqual(['command:0', 'ran:0:0']);
    // From a check, not a typed command: nothing to claim.
    const fromCheck = t.all({ state: fixture('diag-far-end-other'), failed: [exp.ping('192.168.100.2')] }).find((x) => x.rule === 'targetNowhere')!;
    expect(fromCheck.claims).toBeUndefined();
  });

  it('nobody at all', () => {
    const state = edited('state-across-ns0', (s) => (link(s, 'veth0-0').peer = undefined));
    const text = t.by('targetNowhere', { state, failed: [exp.ping('192.168.100.9')] });
    expect(text).toContain('No interface in the lab has 192.168.100.9');
  });
});

describe('targetOwnerDown', () => {
  it('the interface holding the target is down', () => {
    const state = edited('state-bridge-fixed', (s) => Object.assign(link(s, 'veth0-1', 'ns0'), { up: false, carrier: false }));
    const text = t.by('targetOwnerDown', { state, failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('veth0-1 is in ns0 but DOWN');
  });
});

describe('noReturnRoute', () => {
  it('a /32 on the far end leaves no way back', () => {
    const text = t.by('noReturnRoute', { state: fixture('diag-prefix32'), failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('ns0 has no route back to 192.168.100.1');
    expect(text).toContain('`ip netns exec ns0 ip addr del 192.168.100.2/32 dev veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });
});

describe('noReturnRoute across a router (recorded routed lab: c1 → host → upstream, no NAT)', () => {
  it('says the reply has no way back and what would give it one, and offers no prefix change', () => {
    const fs = t.all({ state: fixture('state-routed'), failed: [exp.ping('203.0.113.10', 'c1')] });
    const f = fs.find((x) => x.rule === 'noReturnRoute');
    expect(f?.text).toContain('reaches upstream still from 10.0.1.11');
    expect(f?.text).toContain('masquerade');
    expect(f?.fix).toBeUndefined();
    expect(fs.map((x) => x.text).join('\n')).not.toMatch(/same prefix/);
  });
});

describe('neighbourUnresolved', () => {
  it('a FAILED entry with nothing else to blame', () => {
    const state = edited('state-across-ns0', (s) => s.neigh.push({ ns: 'host', dst: '192.168.100.2', dev: 'veth0-0', state: ['FAILED'] }));
    const text = t.by('neighbourUnresolved', { state, failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('the entry is FAILED');
    expect(text).toContain('`ip neigh flush dev veth0-0`');
    expect(text).toContain('`tcpdump -n -i veth0-0 arp`');
  });
});

describe('ping attempts', () => {
  it('does not explain a ping the step expected to fail', () => {
    const fs = t.all({ state: fixture('state-bridge-broken'), passed: [exp.exit(1)], failed: [exp.addr('192.168.100.1/24', 'br0')], commands: [ran('ping -c 1 -W 0.5 192.168.100.2', 1, '', PING_LOSS)] });
    expect(fs.map((f) => f.rule)).not.toContain('bridgePortTrap');
  });
});

describe('noRouteToTarget suggestions', () => {
  it('prefers the step’s own address for the interface', () => {
    const text = t.by('noRouteToTarget', { state: fixture('diag-addr-wrong-ns'), failed: [exp.ping('192.168.100.1', 'ns0')], reference: ['ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1'] });
    expect(text).toContain('`ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1`');
  });

  it('is left out when the address was simply added in the wrong namespace', () => {
    const fs = t.all({ state: fixture('diag-addr-wrong-ns'), failed: [exp.addr('192.168.100.2/24', 'veth0-1', 'ns0'), exp.ping('192.168.100.1', 'ns0')] });
    expect(fs.map((f) => f.rule)).toEqual(['addrInOtherNamespace']);
  });
});

describe('sentences', () => {
  it('capitalise the host namespace when it opens a sentence', () => {
    const state = edited('state-across-ns0', (s) => {
      link(s, 'veth0-0').addrs = [];
      s.routes = s.routes.filter((r) => r.ns !== 'host');
    });
    const text = t.by('noRouteToTarget', { state, failed: [exp.ping('192.168.100.2')] });
    expect(text).toMatch(/^The host namespace has no route to 192\.168\.100\.2/);
  });
});

describe('a routed lab: a router namespace, two subnets, eth0 in both c1 and c2', () => {
  const routed = () => fixture('diag-routed-wrong-gateway');
  const withoutDefault = () => edited('diag-routed-wrong-gateway', (s) => (s.routes = s.routes.filter((r) => !(r.ns === 'c1' && r.dst === 'default'))));

  it('a default route through a gateway nobody has: names the router on the link, and replaces the route', () => {
    const fs = t.all({ state: routed(), failed: [exp.ping('10.0.2.2', 'c1')] });
    expect(fs[0].rule).toBe('wrongGateway');
    expect(fs[0].text).toContain('gateway 10.0.1.5, but nobody on that link has 10.0.1.5');
    expect(fs[0].fix).toBe('ip netns exec c1 ip route replace default via 10.0.1.1 dev eth0');
    expect(fs.map((f) => f.fix ?? '').join('\n')).not.toMatch(/ip addr add 10\.0\.2\./);
    t.by('wrongGateway', { state: routed(), failed: [exp.ping('10.0.2.2', 'c1')] });
  });

  it('a gateway that cannot reach the target, and no other router: nothing is said', () => {
    const state = edited('diag-routed-wrong-gateway', (s) => {
      s.routes = s.routes.filter((r) => !(r.ns === 'router' && r.dst === '10.0.2.0/24'));
      s.links.push({ ns: 'c3', ifindex: 2, name: 'eth0', kind: 'veth', mac: '02:00:00:00:03:02', up: true, carrier: true, operstate: 'UP', addrs: [{ local: '10.0.1.5', prefixlen: 24 }], peer: { ns: 'router', ifindex: 9 } });
    });
    // The router has lost its route to 10.0.2.0/24, and nobody else can reach it: no router to suggest, so nothing is said.
    expect(t.all({ state, failed: [exp.ping('10.0.2.2', 'c1')] }).map((f) => f.rule)).not.toContain('wrongGateway');
  });

  it('no route at all to another subnet: a route through the router, never an address in the other subnet', () => {
    const fs = t.all({ state: withoutDefault(), failed: [exp.ping('10.0.2.2', 'c1')] });
    expect(fs[0].rule).toBe('noRouteToTarget');
    expect(fs[0].text).toContain('on none of its links');
    expect(fs[0].fix).toBe('ip netns exec c1 ip route add default via 10.0.1.1 dev eth0');
  });

  it('with no router that reaches the target, the rule says nothing', () => {
    const state = edited('diag-routed-wrong-gateway', (s) => {
      s.routes = s.routes.filter((r) => r.ns !== 'router' && !(r.ns === 'c1' && r.dst === 'default'));
      s.links = s.links.filter((l) => l.name !== 'r-c2');
    });
    expect(t.all({ state, failed: [exp.ping('10.0.2.2', 'c1')] }).map((f) => f.rule)).not.toContain('noRouteToTarget');
  });
});
