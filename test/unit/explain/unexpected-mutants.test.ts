/** What the unexpected-success rules (src/explain/rules/unexpected.ts) say when a ping or neighbour entry worked although the step expected it not to: exact text, fix, weight and id, and when they stay silent. */
import { describe, expect, it } from 'vitest';
import { addressAlreadyOnBridge, answeredLocally, loAlreadyUp, neighStillResolved, staleNeighbourOnPort } from '../../../src/explain/rules/unexpected.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { check, direct, edited, exp, fixture, link, PING_OK, ran, step } from './helpers.js';


/** A link like lo of the host, renamed and changed. */
function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  return { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, ...o };
}

const noReply = (target: string, from = 'host') => exp.ping(target, from, { succeeds: false });

describe('staleNeighbourOnPort', () => {
  it('names the port, its bridge and the entry’s states; weight 90', () => {
    const state = edited('diag-stale-neigh', (s) => (s.neigh[0].state = ['STALE', 'PROBE']));
    expect(direct(staleNeighbourOnPort, { state, failed: [noReply('192.168.100.2')] })).toEqual([
      {
        id: 'stale:host:veth0-0:192.168.100.2',
        weight: 90,
        text: 'The ping still works because the kernel still remembers the MAC of 192.168.100.2 (the entry on veth0-0 is STALE PROBE), learned before veth0-0 joined br0; with the MAC known, no ARP is needed. Once the entry expires the ping fails. Make the kernel forget it now.',
        fix: 'ip neigh flush dev veth0-0',
      },
    ]);
  });

  it('from a namespace, flushed there', () => {
    const state = edited('diag-stale-neigh', (s) => (link(s, 'veth0-1', 'ns0').master = 'br1'));
    const [f] = direct(staleNeighbourOnPort, { state, lang: 'zh', failed: [noReply('192.168.100.1', 'ns0')] });
    expect(f.id).toBe('stale:ns0:veth0-1:192.168.100.1');
    expect(f.text).toContain('veth0-1 上的表项是 DELAY');
    expect(f.text).toContain('veth0-1 加入 br1 之前');
    expect(f.fix).toBe('ip netns exec ns0 ip neigh flush dev veth0-1');
  });

  it('says nothing for a ping that was meant to work, a local target, a port-less egress or an entry not resolved', () => {
    const stale = fixture('diag-stale-neigh');
    expect(direct(staleNeighbourOnPort, { state: stale, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
    const local = edited('diag-stale-neigh', (s) => s.neigh.push({ ns: 'host', dst: '192.168.100.1', dev: 'veth0-0', lladdr: '02:00:00:00:00:01', state: ['REACHABLE'] }));
    expect(direct(staleNeighbourOnPort, { state: local, failed: [noReply('192.168.100.1')] })).toEqual([]);
    const noPort = edited('diag-stale-neigh', (s) => (link(s, 'veth0-0').master = undefined));
    expect(direct(staleNeighbourOnPort, { state: noPort, failed: [noReply('192.168.100.2')] })).toEqual([]);
    const incomplete = edited('diag-stale-neigh', (s) => (s.neigh[0] = { ns: 'host', dst: '192.168.100.2', dev: 'veth0-0', state: ['INCOMPLETE'] }));
    expect(direct(staleNeighbourOnPort, { state: incomplete, failed: [noReply('192.168.100.2')] })).toEqual([]);
    const none = edited('diag-stale-neigh', (s) => (s.neigh = []));
    expect(direct(staleNeighbourOnPort, { state: none, failed: [noReply('192.168.100.2')] })).toEqual([]);
  });
});

describe('addressAlreadyOnBridge', () => {
  it('moves the address back to the veth port; weight 85', () => {
    expect(direct(addressAlreadyOnBridge, { state: fixture('state-bridge-fixed'), failed: [noReply('192.168.100.2')] })).toEqual([
      {
        id: 'early:host:br0',
        weight: 85,
        text: 'The ping works because 192.168.100.1/24 is already on br0: that is the fix a later step makes. To see the failure first, put the address back on veth0-0.',
        fix: 'ip addr del 192.168.100.1/24 dev br0 && ip addr add 192.168.100.1/24 dev veth0-0',
      },
    ]);
  });

  it('keeps the prefix the bridge has, and the namespace the ping ran in', () => {
    const state = edited('state-bridge-fixed', (s) => {
      for (const l of s.links) if (l.ns === 'host' && l.name !== 'lo') l.ns = 'nsb';
      link(s, 'br0', 'nsb').addrs = [{ local: '192.168.100.1', prefixlen: 16 }];
      s.routes = [{ ns: 'nsb', dst: '192.168.0.0/16', dev: 'br0' }];
    });
    const [f] = direct(addressAlreadyOnBridge, { state, failed: [noReply('192.168.100.2', 'nsb')] });
    expect(f.id).toBe('early:nsb:br0');
    expect(f.text).toContain('192.168.100.1/16 is already on br0');
    expect(f.fix).toBe('ip netns exec nsb ip addr del 192.168.100.1/16 dev br0 && ip addr add 192.168.100.1/16 dev veth0-0');
  });

  it('says nothing without a veth port of that bridge, a bridge egress or a source address, or for a local target', () => {
    const cases: [string, LabState, string][] = [
      ['no port', edited('state-bridge-fixed', (s) => (link(s, 'veth0-0').master = undefined)), '192.168.100.2'],
      ['port of another bridge', edited('state-bridge-fixed', (s) => (link(s, 'veth0-0').master = 'br1')), '192.168.100.2'],
      ['a dummy port', edited('state-bridge-fixed', (s) => (link(s, 'veth0-0').kind = 'dummy')), '192.168.100.2'],
      ['no bridge egress', fixture('diag-stale-neigh'), '192.168.100.2'],
      ['a bond with a veth port is no bridge', edited('state-bridge-fixed', (s) => (link(s, 'br0').kind = 'bond')), '192.168.100.2'],
      ['no source', edited('state-bridge-fixed', (s) => (link(s, 'br0').addrs = [])), '192.168.100.2'],
      ['local target', fixture('state-bridge-fixed'), '192.168.100.1'],
    ];
    for (const [what, state, target] of cases) expect(direct(addressAlreadyOnBridge, { state, failed: [noReply(target)] }), what).toEqual([]);
    expect(direct(addressAlreadyOnBridge, { state: fixture('state-bridge-fixed'), failed: [exp.ping('192.168.100.2')] })).toEqual([]);
  });

  it('a port of the bridge is found among several interfaces', () => {
    const state = edited('state-bridge-fixed', (s) => {
      s.links.splice(1, 0, extra(s, { name: 'dum0', kind: 'dummy', master: 'br0' }), extra(s, { name: 'vethZ', kind: 'veth', master: 'br9' }));
    });
    const [f] = direct(addressAlreadyOnBridge, { state, failed: [noReply('192.168.100.2')] });
    expect(f.fix).toBe('ip addr del 192.168.100.1/24 dev br0 && ip addr add 192.168.100.1/24 dev veth0-0');
  });
});

describe('loAlreadyUp', () => {
  it('brings lo down again in that namespace; weight 85', () => {
    expect(direct(loAlreadyUp, { state: fixture('state-across-ns0'), failed: [noReply('192.168.100.2', 'ns0')] })).toEqual([
      {
        id: 'loup:ns0',
        weight: 85,
        text: 'The ping to 192.168.100.2 works because lo in ns0 is already up, so the namespace can reach its own address. To see the failure, bring lo down again.',
        fix: 'ip netns exec ns0 ip link set down lo',
      },
    ]);
  });

  it('says nothing in the host, for a target not local, with lo down or missing, or for a ping meant to work', () => {
    const across = fixture('state-across-ns0');
    expect(direct(loAlreadyUp, { state: across, failed: [noReply('192.168.100.1')] })).toEqual([]);
    expect(direct(loAlreadyUp, { state: across, failed: [noReply('192.168.100.1', 'ns0')] })).toEqual([]);
    expect(direct(loAlreadyUp, { state: fixture('diag-lo-down'), failed: [noReply('192.168.100.2', 'ns0')] })).toEqual([]);
    const noLo = edited('state-across-ns0', (s) => (s.links = s.links.filter((l) => !(l.ns === 'ns0' && l.name === 'lo'))));
    expect(direct(loAlreadyUp, { state: noLo, failed: [noReply('192.168.100.2', 'ns0')] })).toEqual([]);
    expect(direct(loAlreadyUp, { state: across, failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([]);
  });
});

describe('answeredLocally', () => {
  it('a typed ping the host answered itself: names the interface holding the address; weight 70', () => {
    expect(direct(answeredLocally, { state: fixture('state-veth-pair'), failed: [exp.exit('nonzero')], commands: [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)] })).toEqual([
      { id: 'local:host:192.168.100.2', weight: 70, claims: ['command:0', 'ran:0:0'], text: 'The ping was answered by the host namespace itself: 192.168.100.2 is its own address (on veth0-1), so the packet never went through a cable.', fix: undefined },
    ]);
  });

  it('names the host’s own interface holding the address, not one elsewhere with it', () => {
    const state = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'd0', kind: 'dummy', addrs: [{ local: '192.168.100.2', prefixlen: 24 }] })));
    const [f] = direct(answeredLocally, { state, failed: [exp.exit(1)], commands: [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)] });
    expect(f.text).toContain('192.168.100.2 is its own address (on d0)');
  });

  it('names the namespace the check pings from, and pings from there', () => {
    const [f] = direct(answeredLocally, {
      state: fixture('diag-addr-wrong-ns'),
      failed: [exp.exit(1)],
      passed: [exp.ping('10.0.0.9', 'ns1', { succeeds: false }), exp.ping('192.168.100.2', 'ns0', { succeeds: false })],
      commands: [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)],
    });
    expect(f).toEqual({
      id: 'local:host:192.168.100.2',
      weight: 70,
      claims: ['command:0', 'ran:0:0'],
      text: 'The ping ran in the host namespace, where 192.168.100.2 is a local address, so the host namespace answered itself. The check pings from ns0: `ip netns exec ns0 ping -c 1 -W 1 192.168.100.2`',
      fix: undefined,
    });
  });

  it('a loopback address nobody holds: only when a check pings it from elsewhere', () => {
    const c = (passed: ReturnType<typeof exp.ping>[]) => direct(answeredLocally, { state: fixture('state-across-ns0'), failed: [exp.exit(1)], passed, commands: [ran('ping -c 1 127.0.0.5', 0, '', PING_OK)] });
    expect(c([exp.ping('127.0.0.5', 'ns0', { succeeds: false })])[0].text).toContain('The check pings from ns0: `ip netns exec ns0 ping -c 1 -W 1 127.0.0.5`');
    expect(c([exp.ping('127.0.0.5', 'host', { succeeds: false })])).toEqual([]);
    expect(c([exp.ping('127.0.0.6', 'ns0', { succeeds: false })])).toEqual([]);
    expect(c([])).toEqual([]);
  });

  it('says nothing from a namespace, with -I, for a target not local, or a ping meant to work', () => {
    const across = fixture('state-across-ns0');
    expect(direct(answeredLocally, { state: across, failed: [exp.exit(1)], commands: [ran('ip netns exec ns0 ping -c 1 192.168.100.2', 0, '', PING_OK)] })).toEqual([]);
    expect(direct(answeredLocally, { state: fixture('state-veth-pair'), failed: [exp.exit(1)], commands: [ran('ping -c 1 -I veth0-0 192.168.100.2', 0, '', PING_OK)] })).toEqual([]);
    expect(direct(answeredLocally, { state: across, failed: [exp.exit(1)], commands: [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)] })).toEqual([]);
    expect(direct(answeredLocally, { state: fixture('state-veth-pair'), failed: [exp.exit(0)], commands: [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)] })).toEqual([]);
  });
});

describe('a ping the learner typed that was answered', () => {
  it('each rule that explains it accounts for that command (claims), and from a check claims nothing', () => {
    const typed = (cmd: string) => ({ failed: [exp.exit(1)], commands: [ran('true'), ran(`ip link show; ${cmd}`, 0, '', PING_OK)] });
    const claims = ['command:1', 'ran:1:1'];
    expect(direct(staleNeighbourOnPort, { state: fixture('diag-stale-neigh'), ...typed('ping -c 1 192.168.100.2') }).map((f) => f.claims)).toEqual([claims]);
    expect(direct(addressAlreadyOnBridge, { state: fixture('state-bridge-fixed'), ...typed('ping -c 1 192.168.100.2') }).map((f) => f.claims)).toEqual([claims]);
    expect(direct(loAlreadyUp, { state: fixture('state-across-ns0'), ...typed('ip netns exec ns0 ping -c 1 192.168.100.2') }).map((f) => f.claims)).toEqual([claims]);
    expect(direct(answeredLocally, { state: fixture('state-veth-pair'), ...typed('ping -c 1 192.168.100.2') }).map((f) => f.claims)).toEqual([claims]);
    expect(direct(loAlreadyUp, { state: fixture('state-across-ns0'), failed: [noReply('192.168.100.2', 'ns0')] }).map((f) => f.claims)).toEqual([undefined]);
  });
});

describe('neighStillResolved', () => {
  it('on a bridge port: learned before it joined; weight 80', () => {
    expect(direct(neighStillResolved, { state: fixture('diag-stale-neigh'), failed: [exp.neigh('192.168.100.2', 'veth0-0', 'host', false)] })).toEqual([
      {
        id: 'stale:host:veth0-0:192.168.100.2',
        weight: 80,
        text: 'The entry for 192.168.100.2 on veth0-0 is still REACHABLE: it was learned before veth0-0 joined br0, and the kernel keeps it until it expires. Flush it to see what happens now.',
        fix: 'ip neigh flush dev veth0-0',
      },
    ]);
  });

  it('elsewhere: left over from earlier traffic, all its states named', () => {
    const state = edited('state-across-ns0', (s) => s.neigh.push({ ns: 'ns0', dst: '192.168.100.1', dev: 'veth0-1', lladdr: 'ae:20:98:fe:0e:a9', state: ['STALE', 'PERMANENT'] }));
    expect(direct(neighStillResolved, { state, failed: [exp.neigh('192.168.100.1', 'veth0-1', 'ns0', false)] })).toEqual([
      { id: 'stale:ns0:veth0-1:192.168.100.1', weight: 80, text: 'The entry for 192.168.100.1 on veth0-1 is still STALE PERMANENT, left over from earlier traffic.', fix: 'ip netns exec ns0 ip neigh flush dev veth0-1' },
    ]);
  });

  it('the interface is looked up in the namespace of the check', () => {
    const state = edited('diag-stale-neigh', (s) => {
      link(s, 'veth0-1', 'ns0').name = 'veth0-0';
      s.neigh[1].dev = 'veth0-0';
    });
    const [f] = direct(neighStillResolved, { state, failed: [exp.neigh('192.168.100.1', 'veth0-0', 'ns0', false)] });
    expect(f.text).toBe('The entry for 192.168.100.1 on veth0-0 is still DELAY, left over from earlier traffic.');
  });

  it('an entry on an interface that is gone: no bridge to blame', () => {
    const state = edited('state-across-ns0', (s) => s.neigh.push({ ns: 'host', dst: '192.168.100.2', dev: 'veth9', lladdr: 'ae:20:98:fe:0e:a9', state: ['REACHABLE'] }));
    const [f] = direct(neighStillResolved, { state, failed: [exp.neigh('192.168.100.2', 'veth9', 'host', false)] });
    expect(f.text).toBe('The entry for 192.168.100.2 on veth9 is still REACHABLE, left over from earlier traffic.');
  });

  it('says nothing for an entry that should be resolved, is not, or is missing', () => {
    const stale = fixture('diag-stale-neigh');
    expect(direct(neighStillResolved, { state: stale, failed: [exp.neigh('192.168.100.2', 'veth0-0', 'host', true)] })).toEqual([]);
    expect(direct(neighStillResolved, { state: stale, failed: [exp.neigh('192.168.100.9', 'veth0-0', 'host', false)] })).toEqual([]);
    expect(direct(neighStillResolved, { state: fixture('state-bridge-broken'), failed: [exp.neigh('192.168.100.2', 'veth0-0', 'host', false)] })).toEqual([]);
    expect(direct(neighStillResolved, { state: stale, passed: [exp.neigh('192.168.100.2', 'veth0-0', 'host', false)] })).toEqual([]);
  });
});
