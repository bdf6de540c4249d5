/** What the reachability rules (src/explain/rules/reachability.ts) make of pings that got no reply: which pings count, where each stops, the exact text, fix, weight, id and covers, and when a rule stays silent. */
import { describe, expect, it } from 'vitest';
import { Ctx } from '../../../src/explain/rules/context.js';
import {
  bridgePortTrap,
  egressDown,
  localTargetViaInterface,
  loDownOwnAddress,
  neighbourUnresolved,
  noReturnRoute,
  noRouteToTarget,
  parsePing,
  peerDown,
  pingAttempts,
  pingFromMissingNamespace,
  replyCount,
  targetNowhere,
  targetOwnerDown,
  wrongGateway,
} from '../../../src/explain/rules/reachability.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { type Case, check, direct, inputOf, edited, exp, fixture, link, PING_LOSS, PING_OK, ran, step } from './helpers.js';



/** A link like lo of the host, renamed and changed. */
function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  return { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, ...o };
}

describe('parsePing', () => {
  it('the last word that is no option is the target; -I in both spellings is the interface', () => {
    expect(parsePing(['ping', '-c', '1', '-I', 'veth0-0', '10.0.0.1'])).toEqual({ target: '10.0.0.1', iface: 'veth0-0' });
    expect(parsePing(['ping', '-Ibr0', '-q', '10.0.0.1'])).toEqual({ target: '10.0.0.1', iface: 'br0' });
    expect(parsePing(['ping', '10.0.0.1', '10.0.0.2'])).toEqual({ target: '10.0.0.2', iface: undefined });
    expect(parsePing(['ping', '10.0.0.1', '-q', '-4'])).toEqual({ target: '10.0.0.1', iface: undefined });
    expect(parsePing(['ping'])).toEqual({ target: undefined, iface: undefined });
    expect(parsePing(['ping', '-I'])).toEqual({ target: undefined, iface: undefined });
  });

  it('skips the value of every option that takes one', () => {
    for (const o of ['-c', '-W', '-w', '-i', '-s', '-t', '-Q', '-l', '-p', '-M', '-m', '-S', '-T', '-F']) expect(parsePing(['ping', '10.0.0.1', o, '5']), o).toEqual({ target: '10.0.0.1', iface: undefined });
  });
});

describe('replyCount', () => {
  it('reads the summary, else counts reply lines, else knows nothing', () => {
    expect(replyCount(PING_OK)).toBe(1);
    expect(replyCount(PING_LOSS)).toBe(0);
    expect(replyCount('12 packets transmitted, 12 received, 0% packet loss')).toBe(12);
    expect(replyCount('3 packets transmitted, 2 packets received, 33% packet loss')).toBe(2);
    expect(replyCount('64 bytes from 10.0.0.1: icmp_seq=1\n64 bytes from 10.0.0.1: icmp_seq=2\n')).toBe(2);
    expect(replyCount('PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n')).toBeUndefined();
    expect(replyCount(' 64 bytes from 10.0.0.1\n')).toBeUndefined();
  });
});

describe('pingAttempts', () => {
  const state = fixture('state-across-ns0');
  const attempts = (c: Omit<Case, 'state'>) => pingAttempts(new Ctx(inputOf({ state, ...c })));

  it('failed ping checks, both ways, each once', () => {
    expect(attempts({ failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' }), exp.ping('192.168.100.1', 'ns0', { succeeds: false }), exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] })).toEqual([
      { from: 'host', target: '192.168.100.2', iface: 'veth0-0', replied: false, expectReply: true },
      { from: 'ns0', target: '192.168.100.1', iface: undefined, replied: true, expectReply: false },
    ]);
  });

  it('the same ping with another interface or another expectation is another attempt', () => {
    const a = attempts({ failed: [exp.ping('192.168.100.2'), exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' }), exp.ping('192.168.100.2', 'host', { succeeds: false }), exp.ping('192.168.100.2', 'ns0'), exp.ping('192.168.100.1')] });
    expect(a).toHaveLength(5);
  });

  it('a failed resolved-neighbour check is a ping out of that device; an unresolved one is not', () => {
    expect(attempts({ failed: [exp.neigh('192.168.100.2', 'veth0-0'), exp.neigh('192.168.100.1', 'veth0-1', 'ns0', false)] })).toEqual([{ from: 'host', target: '192.168.100.2', iface: 'veth0-0', replied: false, expectReply: true }]);
  });

  it('typed pings, judged against a failed exit check: only those that did not do what it wanted', () => {
    const commands = [ran('ping -c 1 192.168.100.9', 1, '', PING_LOSS), ran('ip netns exec ns0 ping -c 1 -I veth0-1 192.168.100.1', 0, '', PING_OK), ran('echo ping 10.0.0.1'), ran('ping -c 1 ns0', 2), ran('ping -c 1', 2), ran('ping -c 1 a192.168.100.9', 2), ran('ping -c 1 192.168.100.9.1', 2), ran('ping -c 1 192.168.100', 2)];
    expect(attempts({ failed: [exp.exit(0)], commands })).toEqual([{ from: 'host', target: '192.168.100.9', iface: undefined, replied: false, expectReply: true, typed: expect.objectContaining({ index: 0, pos: 0, text: 'ping -c 1 192.168.100.9' }) }]);
    expect(attempts({ failed: [exp.exit(1)], commands })).toEqual([{ from: 'ns0', target: '192.168.100.1', iface: 'veth0-1', replied: true, expectReply: false, typed: expect.objectContaining({ index: 1, pos: 0 }) }]);
  });

  it('with a summary, the replies count, not the exit status', () => {
    expect(attempts({ failed: [exp.exit(0)], commands: [ran('ping -c 2 -w 1 192.168.100.2', 1, '', PING_OK)] })).toEqual([]);
    expect(attempts({ failed: [exp.exit(0)], commands: [ran('ping -c 1 192.168.100.9', 0, '', PING_LOSS)] })).toHaveLength(1);
  });

  it('without a summary, the exit status says whether it replied', () => {
    expect(attempts({ failed: [exp.exit(0)], commands: [ran('ping -c 1 192.168.100.9', 1, 'ping: sendmsg: Network is unreachable\n')] })).toEqual([{ from: 'host', target: '192.168.100.9', iface: undefined, replied: false, expectReply: true, typed: expect.objectContaining({ index: 0, pos: 0 }) }]);
    expect(attempts({ failed: [exp.exit(0)], commands: [ran('ping -c 1 192.168.100.9', 0, '')] })).toEqual([]);
    expect(attempts({ failed: [exp.exit(1)], commands: [ran('ping -c 1 192.168.100.9', 0, '')] })).toHaveLength(1);
  });

  it('an output check: a pattern about loss wants no reply, unless it must not match', () => {
    const lost = [ran('ping -c 1 192.168.100.9', 1, '', PING_LOSS)];
    const ok = [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)];
    expect(attempts({ failed: [exp.output('1 received')], commands: lost })).toHaveLength(1);
    expect(attempts({ failed: [exp.output('100% packet loss')], commands: ok })).toEqual([{ from: 'host', target: '192.168.100.2', iface: undefined, replied: true, expectReply: false, typed: expect.objectContaining({ index: 0, pos: 0 }) }]);
    expect(attempts({ failed: [exp.output('100% packet loss', false)], commands: lost })).toHaveLength(1);
    expect(attempts({ failed: [exp.output('bytes from', false)], commands: ok })).toHaveLength(1);
    for (const pattern of ['loss', '100%', '0 received', 'Destination Host Unreachable', 'LOSS']) expect(attempts({ failed: [exp.output(pattern)], commands: ok }), pattern).toHaveLength(1);
    expect(attempts({ failed: [exp.output('10 received')], commands: ok })).toEqual([]);
    expect(attempts({ failed: [exp.output('10 received')], commands: lost })).toHaveLength(1);
  });

  it('the first failed exit or output check decides; other kinds are passed over', () => {
    const lost = [ran('ping -c 1 192.168.100.9', 1, '', PING_LOSS)];
    expect(attempts({ failed: [exp.link('veth0-0'), exp.exit(0), exp.exit(1)], commands: lost })).toHaveLength(1);
    expect(attempts({ failed: [exp.exit(1), exp.exit(0)], commands: lost })).toEqual([]);
  });

  it('with no failed exit or output check: a ping should reply, unless the step expects a failure somewhere', () => {
    const lost = [ran('ping -c 1 192.168.100.9', 1, '', PING_LOSS)];
    expect(attempts({ failed: [exp.link('veth0-0')], commands: lost })).toHaveLength(1);
    expect(attempts({ failed: [exp.link('veth0-0')], passed: [exp.exit(1)], commands: lost })).toEqual([]);
    expect(attempts({ failed: [exp.link('veth0-0')], passed: [exp.exit(0)], commands: lost })).toHaveLength(1);
    expect(attempts({ failed: [exp.link('veth0-0')], passed: [exp.ping('192.168.100.1', 'ns0', { succeeds: false })], commands: lost })).toEqual([]);
    expect(attempts({ failed: [exp.link('veth0-0')], passed: [exp.ping('192.168.100.1', 'ns0')], commands: lost })).toHaveLength(1);
  });
});

const noReply = (target: string, from = 'host') => exp.ping(target, from, { succeeds: false });

describe('pingFromMissingNamespace', () => {
  it('a ping from a namespace that does not exist: create it; weight 75', () => {
    expect(direct(pingFromMissingNamespace, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.1', 'ns5')] })).toEqual([
      {
        id: 'ns:ns5',
        weight: 75,
        text: 'Namespace ns5 does not exist yet. `ip netns exec`, `ip -n` and `ip link set … netns` only find namespaces created with `ip netns add`, which pins them under /run/netns. Create it first.',
        fix: 'ip netns add ns5',
      },
    ]);
  });

  it('not for an existing namespace, nor a ping meant to fail', () => {
    expect(direct(pingFromMissingNamespace, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.1', 'ns0'), exp.ping('192.168.100.1')] })).toEqual([]);
    expect(direct(pingFromMissingNamespace, { state: fixture('state-across-ns0'), failed: [noReply('192.168.100.1', 'ns5')] })).toEqual([]);
  });
});

describe('loDownOwnAddress', () => {
  it('weight 92, covering the down lo, the neighbour and the missing route', () => {
    expect(direct(loDownOwnAddress, { state: fixture('diag-lo-down'), failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([
      {
        id: 'lo:ns0',
        weight: 92,
        covers: ['linkdown:ns0:lo', 'neigh:ns0:192.168.100.2', 'noroute:ns0:192.168.100.2'],
        text: "lo in ns0 is DOWN, and 192.168.100.2 is ns0's own address. Packets to a namespace's own addresses are delivered through its loopback, so with lo down the ping gets no answer; a new namespace starts with lo down.",
        fix: 'ip netns exec ns0 ip link set up lo',
      },
    ]);
  });

  it('not for another address, with lo up or missing, from a missing namespace, or for a ping meant to fail', () => {
    expect(direct(loDownOwnAddress, { state: fixture('diag-lo-down'), failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([]);
    expect(direct(loDownOwnAddress, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([]);
    const noLo = edited('diag-lo-down', (s) => (s.links = s.links.filter((l) => !(l.ns === 'ns0' && l.name === 'lo'))));
    expect(direct(loDownOwnAddress, { state: noLo, failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([]);
    const missing = edited('diag-lo-down', (s) => (s.namespaces = []));
    expect(direct(loDownOwnAddress, { state: missing, failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([]);
    expect(direct(loDownOwnAddress, { state: fixture('diag-lo-down'), failed: [noReply('192.168.100.2', 'ns0')] })).toEqual([]);
  });
});

describe('localTargetViaInterface', () => {
  it('both ends of a pair in one namespace: move one out (creating ns0 only when missing); weight 90', () => {
    const state = edited('diag-pair-bound', (s) => (s.namespaces = ['ns0']));
    expect(direct(localTargetViaInterface, { state, failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] })).toEqual([
      {
        id: 'martian:host:192.168.100.2',
        weight: 90,
        covers: ['neigh:host:192.168.100.2'],
        text: '192.168.100.2 belongs to veth0-1, which is in the host namespace too, so for the kernel it is a local address (`ip route get 192.168.100.2` says "local … dev lo"). Forced out of veth0-0 with -I, the ARP request reaches veth0-1 with a sender address that is also local, and the kernel drops it as a martian source; the neighbour entry stays INCOMPLETE. Give each end its own namespace.',
        fix: 'ip link set veth0-1 netns ns0',
      },
    ]);
    const [f] = direct(localTargetViaInterface, { state: fixture('diag-pair-bound'), failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] });
    expect(f.fix).toBe('ip netns add ns0 && ip link set veth0-1 netns ns0');
  });

  it('a local address on an interface that is no peer of the -I one: ping it without -I', () => {
    const state = edited('diag-pair-bound', (s) => s.links.push(extra(s, { name: 'dummy0', kind: 'dummy', addrs: [{ local: '10.0.0.1', prefixlen: 24 }] })));
    const [f] = direct(localTargetViaInterface, { state, failed: [exp.ping('10.0.0.1', 'host', { iface: 'veth0-0' })] });
    expect(f.text).toBe('10.0.0.1 is a local address of the host namespace (on dummy0; `ip route get 10.0.0.1` says "local … dev lo"). Forcing the ping out of veth0-0 with -I makes the other side drop the request as a martian source. Ping it without -I: `ping -c 1 10.0.0.1`');
    const inNs = edited('state-across-ns0', (s) => s.links.push(extra(s, { ns: 'ns0', name: 'dummy0', kind: 'dummy', addrs: [{ local: '10.0.0.1', prefixlen: 24 }] })));
    const [ns] = direct(localTargetViaInterface, { state: inNs, failed: [exp.ping('10.0.0.1', 'ns0', { iface: 'veth0-1' })] });
    expect(ns.text).toContain('`ip netns exec ns0 ip route get 10.0.0.1`');
    expect(ns.text).toContain('Ping it without -I: `ip netns exec ns0 ping -c 1 10.0.0.1`');
    // A veth that is not the -I interface's peer is no pair to split.
    const veth = edited('diag-pair-bound', (s) => s.links.push(extra(s, { name: 'vethX', kind: 'veth', addrs: [{ local: '10.0.0.1', prefixlen: 24 }], peer: { ns: 'host', ifindex: 1 } })));
    expect(direct(localTargetViaInterface, { state: veth, failed: [exp.ping('10.0.0.1', 'host', { iface: 'veth0-0' })] })[0].text).toContain('is a local address of');
    const lone = edited('diag-pair-bound', (s) => s.links.push(extra(s, { name: 'vethY', kind: 'veth', addrs: [{ local: '10.0.0.1', prefixlen: 24 }] })));
    expect(direct(localTargetViaInterface, { state: lone, failed: [exp.ping('10.0.0.1', 'host', { iface: 'veth0-0' })] })[0].text).toContain('is a local address of the host namespace (on vethY;');
  });

  it('the owner is the one in the namespace of the ping, not one elsewhere with the same address', () => {
    const state = edited('diag-pair-bound', (s) => {
      s.namespaces = ['ns0', 'ns1'];
      s.links.unshift({ ...extra(s, { ns: 'ns1', name: 'far0', kind: 'dummy', addrs: [{ local: '192.168.100.2', prefixlen: 24 }] }) });
    });
    const [f] = direct(localTargetViaInterface, { state, failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] });
    expect(f.text).toContain('192.168.100.2 belongs to veth0-1');
    expect(f.fix).toBe('ip link set veth0-1 netns ns0');
  });

  it('without lo in the namespace it still explains; with lo down it leaves that to loDownOwnAddress', () => {
    const noLo = edited('diag-pair-bound', (s) => (s.links = s.links.filter((l) => l.name !== 'lo')));
    expect(direct(localTargetViaInterface, { state: noLo, failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] })).toHaveLength(1);
    const loDown = edited('diag-pair-bound', (s) => (link(s, 'lo').up = false));
    expect(direct(localTargetViaInterface, { state: loDown, failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] })).toEqual([]);
  });

  it('not without -I, out of the interface that has the address, for an address nobody here has, or not local', () => {
    const state = fixture('diag-pair-bound');
    expect(direct(localTargetViaInterface, { state, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(localTargetViaInterface, { state, failed: [exp.ping('192.168.100.1', 'host', { iface: 'veth0-0' })] })).toEqual([]);
    expect(direct(localTargetViaInterface, { state, failed: [exp.ping('127.0.0.5', 'host', { iface: 'veth0-0' })] })).toEqual([]);
    expect(direct(localTargetViaInterface, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] })).toEqual([]);
  });
});

describe('noRouteToTarget', () => {
  it('no address toward the target: one for the interface on its link, free in the owner’s subnet; weight 84', () => {
    expect(direct(noRouteToTarget, { state: fixture('diag-moved-up-noaddr'), failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([
      {
        id: 'noroute:ns0:192.168.100.1',
        weight: 84,
        covers: ['neigh:ns0:192.168.100.1'],
        text: 'ns0 has no route to 192.168.100.1 ("Network is unreachable"): none of its interfaces has an address in that subnet, and it is an address with its prefix (such as /24) that gives a namespace its route to a subnet. Give veth0-1 one.',
        fix: 'ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
    const wide = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 16 }]));
    expect(direct(noRouteToTarget, { state: wide, failed: [exp.ping('192.168.100.1', 'ns0')] })[0].fix).toBe('ip netns exec ns0 ip addr add 192.168.0.1/16 dev veth0-1');
  });

  it('a down interface is brought up first', () => {
    const [f] = direct(noRouteToTarget, { state: fixture('diag-moved-down'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(f.fix).toBe('ip netns exec ns0 ip link set up veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
  });

  it('the step’s own address for that interface, in that namespace, wins', () => {
    const c = (reference: string[]) => direct(noRouteToTarget, { state: fixture('diag-moved-up-noaddr'), reference, failed: [exp.ping('192.168.100.1', 'ns0')] })[0].fix;
    expect(c(['ip netns exec ns0 ip link set up veth0-1', 'ip netns exec ns0 ip addr add 192.168.100.7/24 dev veth0-1'])).toBe('ip netns exec ns0 ip addr add 192.168.100.7/24 dev veth0-1');
    expect(c(['ip addr add 192.168.100.7/24 dev veth0-1'])).toBe('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
    expect(c(['ip netns exec ns0 ip addr add 192.168.100.7/24 dev veth0-9'])).toBe('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
    expect(c(['ip netns exec ns0 ip addr del 192.168.100.7/24 dev veth0-1'])).toBe('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
    expect(c(['ip netns exec ns0 ip route add 192.168.100.7/24 dev veth0-1'])).toBe('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
    expect(c(['ip netns exec ns0 ip addr add dev veth0-1'])).toBe('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
    expect(c(['ip netns exec ns0 ping -c 1 192.168.100.1', 'ip netns exec ns0 ip addr add 192.168.100.8/24 dev veth0-1'])).toBe('ip netns exec ns0 ip addr add 192.168.100.8/24 dev veth0-1');
  });

  it('for a target nobody has: a veth without address, else any interface without, else the first', () => {
    const lead = (links: LinkState[]) => {
      const state = edited('diag-lo-only-ns', (s) => s.links.push(...links));
      return direct(noRouteToTarget, { state, failed: [exp.ping('192.168.100.77', 'ns0')] })[0].fix;
    };
    const s = fixture('diag-lo-only-ns');
    const d0 = extra(s, { ns: 'ns0', name: 'd0', kind: 'dummy', addrs: [{ local: '10.9.9.9', prefixlen: 24 }] });
    const dX = extra(s, { ns: 'ns0', name: 'dX', kind: 'dummy' });
    const vA = extra(s, { ns: 'ns0', name: 'vA', kind: 'veth' });
    const vB = extra(s, { ns: 'ns0', name: 'vB', kind: 'veth', addrs: [{ local: '10.9.8.9', prefixlen: 24 }] });
    expect(lead([d0, vB, dX, vA])).toBe('ip netns exec ns0 ip addr add 192.168.100.1/24 dev vA');
    expect(lead([d0, vB, dX])).toBe('ip netns exec ns0 ip addr add 192.168.100.1/24 dev dX');
    expect(lead([d0, vB])).toBe('ip netns exec ns0 ip addr add 192.168.100.1/24 dev d0');
  });

  it('only lo: nothing to give an address to; weight 80', () => {
    expect(direct(noRouteToTarget, { state: fixture('diag-lo-only-ns'), failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([
      { id: 'noroute:ns0:192.168.100.1', weight: 80, covers: ['neigh:ns0:192.168.100.1'], text: 'ns0 has no route to 192.168.100.1: it has no interface but lo. Move one end of a veth pair into it, e.g. `ip link set veth0-1 netns ns0`.', fix: undefined },
    ]);
  });

  it('an interface with an address there but down: bring it up; weight 86, covering its being down', () => {
    const state = edited('state-across-ns0', (s) => {
      s.links.splice(2, 0, extra(s, { ns: 'ns0', name: 'dA', kind: 'dummy', up: false, addrs: [{ local: '10.1.1.1', prefixlen: 24 }] }));
      Object.assign(link(s, 'veth0-1', 'ns0'), { up: false, carrier: false });
      s.routes = s.routes.filter((r) => r.ns !== 'ns0');
    });
    expect(direct(noRouteToTarget, { state, failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([
      {
        id: 'noroute:ns0:192.168.100.1',
        weight: 86,
        covers: ['neigh:ns0:192.168.100.1', 'linkdown:ns0:veth0-1'],
        text: 'ns0 has no route to 192.168.100.1: veth0-1 has an address in that subnet but is DOWN, and the kernel withdraws the routes of a down interface ("Network is unreachable").',
        fix: 'ip netns exec ns0 ip link set up veth0-1',
      },
    ]);
  });

  it('a /32 in the target’s /24: replace it with a /24; weight 86', () => {
    expect(direct(noRouteToTarget, { state: fixture('diag-prefix32'), failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([
      {
        id: 'noroute:ns0:192.168.100.1',
        weight: 86,
        covers: ['neigh:ns0:192.168.100.1'],
        text: 'ns0 has no route to 192.168.100.1: veth0-1 has 192.168.100.2/32, and a /32 covers only the address itself, so the kernel added no route to the subnet.',
        fix: 'ip netns exec ns0 ip addr del 192.168.100.2/32 dev veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
    const other = edited('diag-prefix32', (s) => (link(s, 'veth0-1', 'ns0').addrs = [{ local: '10.0.0.2', prefixlen: 32 }]));
    expect(direct(noRouteToTarget, { state: other, failed: [exp.ping('192.168.100.1', 'ns0')] })[0].weight).toBe(84);
    const wide = edited('diag-prefix32', (s) => (link(s, 'veth0-1', 'ns0').addrs = [{ local: '192.168.100.2', prefixlen: 31 }]));
    expect(direct(noRouteToTarget, { state: wide, failed: [exp.ping('192.168.100.1', 'ns0')] })[0].weight).toBe(84);
  });

  it('another subnet beyond a router: a default route through it; weight 86', () => {
    const state = edited('diag-routed-wrong-gateway', (s) => (s.routes = s.routes.filter((r) => !(r.ns === 'c1' && r.dst === 'default'))));
    expect(direct(noRouteToTarget, { state, failed: [exp.ping('10.0.2.2', 'c1')] })).toEqual([
      {
        id: 'noroute:c1:10.0.2.2',
        weight: 86,
        covers: ['neigh:c1:10.0.2.2'],
        text: 'c1 has no route to 10.0.2.2: that subnet is on none of its links, so packets to it must go through a router. 10.0.1.1 (router, on the link of eth0) can reach it. Add a route through it.',
        fix: 'ip netns exec c1 ip route add default via 10.0.1.1 dev eth0',
      },
    ]);
  });

  it('not with a route, with -I, for a local target, or for a ping meant to fail', () => {
    expect(direct(noRouteToTarget, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(noRouteToTarget, { state: fixture('diag-moved-up-noaddr'), failed: [exp.ping('192.168.100.1', 'ns0', { iface: 'veth0-1' })] })).toEqual([]);
    expect(direct(noRouteToTarget, { state: fixture('diag-lo-only-ns'), failed: [exp.ping('127.0.0.1', 'ns0')] })).toEqual([]);
    expect(direct(noRouteToTarget, { state: fixture('diag-moved-up-noaddr'), failed: [noReply('192.168.100.1', 'ns0')] })).toEqual([]);
  });
});

describe('wrongGateway', () => {
  it('a gateway nobody on the link has: the router that can reach the target; weight 88', () => {
    expect(direct(wrongGateway, { state: fixture('diag-routed-wrong-gateway'), failed: [exp.ping('10.0.2.2', 'c1')] })).toEqual([
      {
        id: 'gateway:c1:default',
        weight: 88,
        covers: ['neigh:c1:10.0.2.2', 'neigh:c1:10.0.1.5'],
        text: '' + 'c1 sends packets for 10.0.2.2 to the gateway 10.0.1.5, but nobody on that link has 10.0.1.5, so its ARP request goes unanswered. The router on the link of eth0 is 10.0.1.1 (router).',
        fix: 'ip netns exec c1 ip route replace default via 10.0.1.1 dev eth0',
      },
    ]);
  });

  /** The recorded routed lab with c1's gateway at c2, which cannot reach the upstream side. */
  const viaC2 = () =>
    edited('state-routed', (s) => {
      s.routes = s.routes.filter((r) => !(r.ns === 'c2' && r.dst === 'default'));
      s.routes.find((r) => r.ns === 'c1' && r.dst === 'default')!.gateway = '10.0.1.12';
    });

  it('a gateway on the link that cannot reach the target: names where it is, and the router that can', () => {
    const [f] = direct(wrongGateway, { state: viaC2(), failed: [exp.ping('203.0.113.10', 'c1')] });
    expect(f.text).toBe('c1 sends packets for 203.0.113.10 to the gateway 10.0.1.12 in c2, which has no route to 203.0.113.10 itself. The router that can reach it is 10.0.1.1 (the host namespace, on the link of eth0).');
    expect(f.fix).toBe('ip netns exec c1 ip route replace default via 10.0.1.1 dev eth0');
    expect(f.covers).toEqual(['neigh:c1:203.0.113.10', 'neigh:c1:10.0.1.12']);
  });

  it('a gateway that is the namespace’s own address is nobody on the link', () => {
    const state = edited('diag-routed-wrong-gateway', (s) => (s.routes.find((r) => r.ns === 'c1' && r.dst === 'default')!.gateway = '10.0.1.2'));
    const [f] = direct(wrongGateway, { state, failed: [exp.ping('10.0.2.2', 'c1')] });
    expect(f.text).toContain('to the gateway 10.0.1.2, but nobody on that link has 10.0.1.2');
  });

  it('prefers the router on the link the route leaves by', () => {
    const state = edited('diag-routed-wrong-gateway', (s) => {
      const c1 = s.links.findIndex((l) => l.ns === 'c1' && l.name === 'eth0');
      s.links.splice(c1, 0, { ...link(s, 'eth0', 'c1'), ifindex: 3, name: 'eth1', mac: '02:00:00:00:01:03', addrs: [{ local: '10.0.3.2', prefixlen: 24 }], peer: { ns: 'router', ifindex: 4 } });
      s.links.push({ ...link(s, 'r-c1', 'router'), ifindex: 4, name: 'r-c1b', mac: '02:00:00:00:01:04', addrs: [{ local: '10.0.3.1', prefixlen: 24 }], peer: { ns: 'c1', ifindex: 3 } });
    });
    const [f] = direct(wrongGateway, { state, failed: [exp.ping('10.0.2.2', 'c1')] });
    expect(f.fix).toBe('ip netns exec c1 ip route replace default via 10.0.1.1 dev eth0');
    const other = edited('diag-routed-wrong-gateway', (s) => {
      s.links.push({ ...link(s, 'eth0', 'c1'), ifindex: 3, name: 'eth1', mac: '02:00:00:00:01:03', addrs: [{ local: '10.0.3.2', prefixlen: 24 }], peer: { ns: 'router', ifindex: 4 } });
      s.links.push({ ...link(s, 'r-c1', 'router'), ifindex: 4, name: 'r-c1b', mac: '02:00:00:00:01:04', addrs: [{ local: '10.0.3.1', prefixlen: 24 }], peer: { ns: 'c1', ifindex: 3 } });
      s.routes = s.routes.filter((r) => !(r.ns === 'router' && r.dev === 'r-c1'));
      link(s, 'r-c1', 'router').addrs = [];
    });
    expect(direct(wrongGateway, { state: other, failed: [exp.ping('10.0.2.2', 'c1')] })[0].fix).toBe('ip netns exec c1 ip route replace default via 10.0.3.1 dev eth1');
  });

  it('not when the gateway reaches the target, by a route or as its own address', () => {
    expect(direct(wrongGateway, { state: fixture('state-routed'), failed: [exp.ping('203.0.113.10', 'c1')] })).toEqual([]);
    const own = edited('state-routed', (s) => (s.routes = s.routes.filter((r) => !(r.ns === 'host' && r.dst === '203.0.113.0/24'))));
    expect(direct(wrongGateway, { state: own, failed: [exp.ping('203.0.113.1', 'c1')] })).toEqual([]);
  });

  it('not for a local target, a route without gateway or egress, or without a router to offer', () => {
    expect(direct(wrongGateway, { state: fixture('diag-routed-wrong-gateway'), failed: [exp.ping('10.0.1.2', 'c1')] })).toEqual([]);
    expect(direct(wrongGateway, { state: fixture('diag-routed-wrong-gateway'), failed: [exp.ping('10.0.1.9', 'c1')] })).toEqual([]);
    const noDev = edited('diag-routed-wrong-gateway', (s) => (s.routes.find((r) => r.ns === 'c1' && r.dst === 'default')!.dev = 'eth9'));
    expect(direct(wrongGateway, { state: noDev, failed: [exp.ping('10.0.2.2', 'c1')] })).toEqual([]);
    const noRouter = edited('diag-routed-wrong-gateway', (s) => (s.routes = s.routes.filter((r) => r.ns !== 'router')));
    expect(direct(wrongGateway, { state: noRouter, failed: [exp.ping('10.0.2.2', 'c1')] })).toEqual([]);
  });
});

describe('egressDown', () => {
  it('the interface the ping must leave by is down; weight 84', () => {
    const state = edited('state-veth-created', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 24 }]));
    expect(direct(egressDown, { state, failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] })).toEqual([
      { id: 'linkdown:host:veth0-0', weight: 84, covers: ['neigh:host:192.168.100.2'], text: 'veth0-0 is DOWN in the host namespace. New interfaces start administratively down and stay so until they are set up.', fix: 'ip link set up veth0-0' },
    ]);
  });

  it('not when it is up, missing, or the target is local', () => {
    expect(direct(egressDown, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth0-0' })] })).toEqual([]);
    expect(direct(egressDown, { state: fixture('state-veth-created'), failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth9' })] })).toEqual([]);
    const local = edited('state-veth-created', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 24 }]));
    expect(direct(egressDown, { state: local, failed: [exp.ping('192.168.100.1', 'host', { iface: 'veth0-0' })] })).toEqual([]);
  });
});

describe('bridgePortTrap', () => {
  it('the ping leaves through a port holding the address: weight 93, covering the neighbour and the second subnet', () => {
    expect(direct(bridgePortTrap, { state: fixture('state-bridge-broken'), failed: [exp.ping('192.168.100.2')] })).toEqual([
      {
        id: 'trap:host:veth0-0',
        weight: 93,
        covers: ['neigh:host:192.168.100.2', 'subnet2:host:*'],
        text: '' + 'veth0-0 is a port of br0 but still holds 192.168.100.1/24. The ARP reply for 192.168.100.2 does come back in through veth0-0, but a bridge takes every frame arriving on its ports: it is delivered to br0, not to veth0-0. So the neighbour entry for 192.168.100.2 on veth0-0 stays INCOMPLETE and the ping has no MAC to send to. Put the address on the bridge.',
        fix: 'ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0',
      },
    ]);
  });

  it('names the entry’s own states, INCOMPLETE when there is none', () => {
    const text = (neigh: LabState['neigh']) => direct(bridgePortTrap, { state: edited('state-bridge-broken', (s) => (s.neigh = neigh)), failed: [exp.ping('192.168.100.2')] })[0].text;
    expect(text([{ ns: 'host', dst: '192.168.100.2', dev: 'veth0-0', state: ['FAILED', 'NOARP'] }])).toContain('stays FAILED NOARP and');
    expect(text([{ ns: 'host', dst: '192.168.100.2', dev: 'veth0-0', state: [] }])).toContain('stays INCOMPLETE and');
    expect(text([])).toContain('stays INCOMPLETE and');
  });

  it('the reply must leave through a port: named from the far side', () => {
    const [f] = direct(bridgePortTrap, { state: fixture('state-bridge-broken'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(f).toEqual({
      id: 'trap:host:veth0-0',
      weight: 93,
      covers: ['neigh:ns0:192.168.100.1', 'subnet2:host:*'],
      text: 'The request reaches the host namespace, but the reply must leave through veth0-0, which holds 192.168.100.1/24 although it is a port of br0. The ARP reply for 192.168.100.2 comes back in through veth0-0 and is delivered to br0, not to veth0-0, so the entry for 192.168.100.2 on veth0-0 stays INCOMPLETE and no reply is sent. Put the address on the bridge.',
      fix: 'ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev br0',
    });
  });

  it('when the bridge already has that subnet, the port only loses its address; in the port’s namespace', () => {
    const state = edited('diag-same-subnet', (s) => {
      for (const l of s.links) if (l.ns === 'host' && l.name !== 'lo') l.ns = 'nsb';
      for (const r of s.routes) if (r.ns === 'host') r.ns = 'nsb';
      for (const n of s.neigh) if (n.ns === 'host') n.ns = 'nsb';
      s.namespaces.push('nsb');
    });
    const [f] = direct(bridgePortTrap, { state, failed: [exp.ping('192.168.100.2', 'nsb')] });
    expect(f.fix).toBe('ip netns exec nsb ip addr del 192.168.100.1/24 dev veth0-0');
    expect(f.text).toContain('stays INCOMPLETE');
  });

  it('a port whose bridge is not in its namespace: the address still moves to the master', () => {
    const state = edited('state-bridge-broken', (s) => (link(s, 'veth0-0').master = 'brX'));
    const [f] = direct(bridgePortTrap, { state, failed: [exp.ping('192.168.100.2')] });
    expect(f.fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0 && ip addr add 192.168.100.1/24 dev brX');
  });

  it('a port that is down, or holds no address, traps nothing on the way out', () => {
    const down = edited('state-bridge-broken', (s) => (link(s, 'veth0-0').up = false));
    expect(direct(bridgePortTrap, { state: down, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    const bare = edited('state-bridge-broken', (s) => (link(s, 'veth0-0').addrs = []));
    expect(direct(bridgePortTrap, { state: bare, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(bridgePortTrap, { state: fixture('state-bridge-broken'), failed: [exp.ping('192.168.100.1')] })).toEqual([]);
  });

  it('no trap on the way back when the far side’s route leaves by a plain interface, or it has no route back', () => {
    expect(direct(bridgePortTrap, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([]);
    const noBack = edited('state-bridge-broken', (s) => (s.routes = s.routes.filter((r) => r.ns !== 'host')));
    expect(direct(bridgePortTrap, { state: noBack, failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([]);
    const bareBack = edited('state-bridge-broken', (s) => {
      link(s, 'veth0-0').addrs = [];
      s.links.push(extra(s, { name: 'd0', kind: 'dummy', addrs: [{ local: '192.168.100.1', prefixlen: 32 }] }));
    });
    expect(direct(bridgePortTrap, { state: bareBack, failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([]);
  });
});

describe('peerDown', () => {
  it('no carrier because the other end is down: weight 87, id of that end', () => {
    expect(direct(peerDown, { state: fixture('diag-peer-down'), failed: [exp.ping('192.168.100.2')] })).toEqual([
      {
        id: 'linkdown:ns0:veth0-1',
        weight: 87,
        covers: ['neigh:host:192.168.100.2'],
        text: 'veth0-0 has no carrier (NO-CARRIER) because the other end of the pair, veth0-1 in ns0, is DOWN: a veth pair is like a cable, and the link is up only when both ends are up.',
        fix: 'ip netns exec ns0 ip link set up veth0-1',
      },
    ]);
  });

  it('not with a carrier, an egress down, another kind, a peer up or none, or a local target', () => {
    const cases: [string, LabState][] = [
      ['carrier', edited('diag-peer-down', (s) => (link(s, 'veth0-0').carrier = true))],
      ['egress down', edited('diag-peer-down', (s) => (link(s, 'veth0-0').up = false))],
      ['not a veth', edited('diag-peer-down', (s) => (link(s, 'veth0-0').kind = 'dummy'))],
      ['peer up', edited('diag-peer-down', (s) => (link(s, 'veth0-1', 'ns0').up = true))],
      ['no peer', edited('diag-peer-down', (s) => (link(s, 'veth0-0').peer = undefined))],
    ];
    for (const [what, state] of cases) expect(direct(peerDown, { state, failed: [exp.ping('192.168.100.2')] }), what).toEqual([]);
    expect(direct(peerDown, { state: fixture('diag-peer-down'), failed: [exp.ping('192.168.100.1', 'host', { iface: 'veth0-0' })] })).toEqual([]);
  });
});

describe('targetNowhere', () => {
  it('the far end has no address: give it the target with the source’s prefix; weight 82', () => {
    expect(direct(targetNowhere, { state: fixture('diag-moved-up-noaddr'), failed: [exp.ping('192.168.100.2')] })).toEqual([
      {
        id: 'nobody:192.168.100.2',
        weight: 82,
        covers: ['neigh:host:192.168.100.2'],
        claims: undefined,
        text: 'Nobody has 192.168.100.2: the other end, veth0-1 in ns0, has no address, so nobody answers the ARP request for 192.168.100.2.',
        fix: 'ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
    const wide = edited('diag-moved-up-noaddr', (s) => {
      link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 16 }];
      s.routes = [{ ns: 'host', dst: '192.168.0.0/16', dev: 'veth0-0' }];
    });
    expect(direct(targetNowhere, { state: wide, failed: [exp.ping('192.168.100.2')] })[0].fix).toBe('ip netns exec ns0 ip addr add 192.168.100.2/16 dev veth0-1');
    const noSource = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-0').addrs = []));
    expect(direct(targetNowhere, { state: noSource, failed: [exp.ping('192.168.100.2')] })[0].fix).toBe('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
  });

  it('the far end has other addresses: all named, the first offered; weight 80', () => {
    const state = edited('diag-far-end-other', (s) => link(s, 'veth0-1', 'ns0').addrs.push({ local: '10.0.0.3', prefixlen: 8 }));
    expect(direct(targetNowhere, { state, failed: [exp.ping('192.168.100.2')] })).toEqual([
      {
        id: 'nobody:192.168.100.2',
        weight: 80,
        covers: ['neigh:host:192.168.100.2'],
        claims: undefined,
        text: 'Nobody has 192.168.100.2: the other end, veth0-1 in ns0, has 192.168.100.3/24, 10.0.0.3/8. Was the address mistyped? `ping -c 1 192.168.100.3`',
        fix: undefined,
      },
    ]);
  });

  it('a far end that is a bridge port: the bridge is the one to hold the address', () => {
    const state = edited('diag-moved-up-noaddr', (s) => {
      link(s, 'veth0-1', 'ns0').master = 'brN';
      s.links.push(extra(s, { ns: 'ns0', name: 'brN', kind: 'bridge', addrs: [{ local: '192.168.100.4', prefixlen: 24 }] }));
    });
    const [f] = direct(targetNowhere, { state, failed: [exp.ping('192.168.100.2')] });
    expect(f.text).toContain('the other end, brN in ns0, has 192.168.100.4/24');
    const missing = edited('diag-moved-up-noaddr', (s) => (link(s, 'veth0-1', 'ns0').master = 'brN'));
    expect(direct(targetNowhere, { state: missing, failed: [exp.ping('192.168.100.2')] })[0].weight).toBe(70);
  });

  it('no far end: nobody in the lab has it; weight 70; a typed ping is claimed, as a failure and as what the learner ran', () => {
    const state = edited('state-across-ns0', (s) => (link(s, 'veth0-0').kind = 'dummy'));
    expect(direct(targetNowhere, { state, failed: [exp.exit(0)], commands: [ran('echo'), ran('ping -c 1 192.168.100.9', 1, '', PING_LOSS)] })).toEqual([
      { id: 'nobody:192.168.100.9', weight: 70, covers: ['neigh:host:192.168.100.9'], claims: ['command:1', 'ran:1:0'], text: 'No interface in the lab has 192.168.100.9, so the ARP request for it gets no answer. Check the addresses with `ip -br addr` in each namespace.', fix: undefined },
    ]);
  });

  it('not when someone has it, for a local target, or without an egress', () => {
    expect(direct(targetNowhere, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(targetNowhere, { state: fixture('state-across-ns0'), failed: [exp.ping('127.0.0.9')] })).toEqual([]);
    expect(direct(targetNowhere, { state: fixture('state-across-ns0'), failed: [exp.ping('10.9.9.9')] })).toEqual([]);
  });
});

describe('targetOwnerDown', () => {
  it('the interface holding the target is down: weight 83', () => {
    const state = edited('state-bridge-fixed', (s) => Object.assign(link(s, 'veth0-1', 'ns0'), { up: false, carrier: false }));
    expect(direct(targetOwnerDown, { state, failed: [exp.ping('192.168.100.2')] })).toEqual([
      {
        id: 'linkdown:ns0:veth0-1',
        weight: 83,
        covers: ['neigh:host:192.168.100.2'],
        text: 'veth0-1 is in ns0 but DOWN. An interface starts down when it is made, and is set down again whenever it moves to another namespace (which also clears its addresses).',
        fix: 'ip netns exec ns0 ip link set up veth0-1',
      },
    ]);
  });

  it('not when it is up, or the target is local', () => {
    expect(direct(targetOwnerDown, { state: fixture('state-bridge-fixed'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    const state = edited('state-across-ns0', (s) => s.links.push(extra(s, { ns: 'ns0', name: 'd0', kind: 'dummy', up: false, addrs: [{ local: '10.0.0.1', prefixlen: 24 }] })));
    expect(direct(targetOwnerDown, { state, failed: [exp.ping('10.0.0.1', 'ns0')] })).toEqual([]);
  });
});

describe('noReturnRoute', () => {
  it('one link, the far end with a narrower prefix: give it the source’s prefix; weight 84', () => {
    expect(direct(noReturnRoute, { state: fixture('diag-prefix32'), failed: [exp.ping('192.168.100.2')] })).toEqual([
      {
        id: 'noreturn:ns0:192.168.100.1',
        weight: 84,
        covers: ['neigh:host:192.168.100.2'],
        text: 'The request reaches veth0-1 in ns0, but ns0 has no route back to 192.168.100.1: veth0-1 has 192.168.100.2/32, which does not cover 192.168.100.1, so the reply cannot be sent. Give veth0-1 the same prefix as the other side.',
        fix: 'ip netns exec ns0 ip addr del 192.168.100.2/32 dev veth0-1 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1',
      },
    ]);
  });

  it('across a router: a route or a translated source, no prefix change', () => {
    const fs = direct(noReturnRoute, { state: fixture('state-routed'), failed: [exp.ping('203.0.113.10', 'c1')] });
    expect(fs).toEqual([
      {
        id: 'noreturn:upstream:10.0.1.11',
        weight: 84,
        covers: ['neigh:c1:203.0.113.10'],
        text: 'The request reaches upstream still from 10.0.1.11, and upstream has no route back to that address, so the reply cannot be sent. Across a router the way back is either a route in upstream to 10.0.1.11, or a source address translated on the way out (masquerade) to one upstream can reach.',
        fix: undefined,
      },
    ]);
  });

  it('not when the far end is down, has a route back, holds the source itself, or there is no source', () => {
    expect(direct(noReturnRoute, { state: edited('diag-prefix32', (s) => (link(s, 'veth0-1', 'ns0').up = false)), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(noReturnRoute, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    const holds = edited('diag-prefix32', (s) => link(s, 'veth0-1', 'ns0').addrs.push({ local: '192.168.100.1', prefixlen: 32 }));
    expect(direct(noReturnRoute, { state: holds, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    const noSource = edited('diag-prefix32', (s) => (link(s, 'veth0-0').addrs = []));
    expect(direct(noReturnRoute, { state: noSource, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(noReturnRoute, { state: fixture('diag-prefix32'), failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([]);
  });
});

describe('neighbourUnresolved', () => {
  it('a FAILED entry: flush it once fixed, and watch the ARP; weight 40', () => {
    const state = edited('state-across-ns0', (s) => s.neigh.push({ ns: 'host', dst: '192.168.100.2', dev: 'veth0-0', state: ['FAILED'] }));
    expect(direct(neighbourUnresolved, { state, failed: [exp.ping('192.168.100.2')] })).toEqual([
      {
        id: 'neigh:host:192.168.100.2',
        weight: 40,
        text: 'The ARP request for 192.168.100.2 on veth0-0 (the host namespace) went unanswered, and the entry is FAILED: the kernel remembers the failure for a while and drops packets to that address meanwhile. Watch the ARP exchange with `tcpdump -n -i veth0-0 arp`.',
        fix: 'ip neigh flush dev veth0-0',
      },
    ]);
  });

  it('an INCOMPLETE entry, in a namespace', () => {
    const state = edited('state-across-ns0', (s) => s.neigh.push({ ns: 'ns0', dst: '192.168.100.1', dev: 'veth0-1', state: ['INCOMPLETE'] }));
    expect(direct(neighbourUnresolved, { state, failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual([
      { id: 'neigh:ns0:192.168.100.1', weight: 40, text: 'The ARP request for 192.168.100.1 on veth0-1 (ns0) went unanswered (entry INCOMPLETE), so the ping has no MAC address to send to. Watch where the reply goes with `ip netns exec ns0 tcpdump -n -i veth0-1 arp`.' },
    ]);
    // No fix: flushing an entry that is still being asked for changes nothing (only a FAILED one is offered the flush).
  });

  it('through a gateway, the entry of the gateway', () => {
    const [f] = direct(neighbourUnresolved, { state: fixture('diag-routed-wrong-gateway'), failed: [exp.ping('10.0.2.2', 'c1')] });
    expect(f.id).toBe('neigh:c1:10.0.2.2');
    expect(f.text).toContain('The ARP request for 10.0.1.5 on eth0 (c1) went unanswered, and the entry is FAILED');
  });

  it('not for a resolved entry, none, or no egress', () => {
    expect(direct(neighbourUnresolved, { state: fixture('diag-stale-neigh'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(direct(neighbourUnresolved, { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    const state = edited('state-across-ns0', (s) => s.neigh.push({ ns: 'host', dst: '192.168.100.2', dev: 'veth0-0', state: ['FAILED'] }));
    expect(direct(neighbourUnresolved, { state, failed: [exp.ping('192.168.100.2', 'host', { iface: 'veth9' })] })).toEqual([]);
  });
});
