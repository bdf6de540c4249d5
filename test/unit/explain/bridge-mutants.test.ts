/** What each bridge rule (src/explain/rules/bridge.ts) reports alone: exact text, fix (ip or brctl, as the learner works), id, weight, covers, and when it stays silent. */
import { describe, expect, it } from 'vitest';
import { bridgeMissing, bridgeOrPortDown, notLearned, portNotEnslaved, portOnWrongBridge, portStillEnslaved, sameMacDiffers } from '../../../src/explain/rules/bridge.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import type { Expectation } from '../../../src/lesson/types.js';
import { type Case, check, direct, edited, exp, fixture, link, PING_LOSS, ran, step } from './helpers.js';


/** A new interface like the host's lo, renamed and changed. */
function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  const l: LinkState = { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, peer: undefined, master: undefined, ...o };
  s.links.push(l);
  return l;
}

const capture = (iface: string, inNs: string): Expectation => ({ line: 1, kind: 'capture', iface, in: inNs, shows: [], hides: [] });

describe('which tool the fix uses', () => {
  const state = () => fixture('diag-not-enslaved');
  const fixOf = (c: Partial<Case>) => direct(portNotEnslaved, { state: state(), failed: [exp.port('veth0-0', 'br0')], ...c })[0].fix;

  it('the learner’s own bridging command decides, then the step’s commands, else ip', () => {
    expect(fixOf({})).toBe('ip link set veth0-0 master br0');
    expect(fixOf({ reference: ['ip link add br0 type bridge', 'brctl addif br0 veth0-0'] })).toBe('brctl addif br0 veth0-0');
    expect(fixOf({ reference: ['brctl addif br0 veth0-0'], commands: [ran('ip link add br0 type bridge')] })).toBe('ip link set veth0-0 master br0');
    expect(fixOf({ reference: ['brctl addif br0 veth0-0'], commands: [ran('ip link set veth0-0 master br0')] })).toBe('ip link set veth0-0 master br0');
    expect(fixOf({ reference: ['ip link set veth0-0 master br0'], commands: [ran('brctl show')] })).toBe('brctl addif br0 veth0-0');
    // A command that has nothing to do with bridges does not decide.
    expect(fixOf({ reference: ['brctl addif br0 veth0-0'], commands: [ran('ip link set up veth0-0; ip addr add 10.0.0.1/24 dev veth0-0; ip foo; bridge link')] })).toBe('brctl addif br0 veth0-0');
    expect(fixOf({ reference: ['ip link set up br0'] })).toBe('ip link set veth0-0 master br0');
  });
});

describe('bridgeMissing', () => {
  it('no bridge: creates it and brings it up, exact text, id and weight', () => {
    const fs = direct(bridgeMissing, { state: fixture('state-across-ns0'), failed: [exp.port('veth0-1', 'br1', 'ns0')] });
    expect(fs).toEqual([{ id: 'missing:ns0:br1', weight: 70, text: 'There is no bridge br1 in ns0 yet.', fix: 'ip netns exec ns0 ip link add br1 type bridge && ip netns exec ns0 ip link set up br1' }]);
    const [b] = direct(bridgeMissing, { state: fixture('state-across-ns0'), failed: [exp.port('veth0-0', 'br0')], reference: ['brctl addbr br0'] });
    expect(b.fix).toBe('brctl addbr br0 && ip link set up br0');
  });

  it('a learned check needs its bridge too', () => {
    const fs = direct(bridgeMissing, { state: fixture('state-across-ns0'), failed: [exp.learned('br0', 'veth0-1', 'ns0')] });
    expect(fs.map((f) => [f.id, f.fix])).toEqual([['missing:host:br0', 'ip link add br0 type bridge && ip link set up br0']]);
  });

  it('no bridge but another kind: recreates it, exact text, id and weight', () => {
    const state = edited('state-across-ns0', (s) => extra(s, { name: 'br0', kind: 'dummy' }));
    const fs = direct(bridgeMissing, { state, failed: [exp.port('veth0-0', 'br0')] });
    expect(fs).toEqual([
      { id: 'notbridge:host:br0', weight: 85, text: 'br0 exists but is a dummy device, not a bridge (it was created without "type bridge"), so it cannot take ports. Recreate it.', fix: 'ip link del br0 && ip link add br0 type bridge' },
    ]);
    const unknown = edited('state-across-ns0', (s) => extra(s, { name: 'br0', kind: '' }));
    const [u] = direct(bridgeMissing, { state: unknown, failed: [exp.port('veth0-0', 'br0')], reference: ['brctl addbr br0'] });
    expect(u.text).toContain('br0 exists but is a ? device');
    expect(u.fix).toBe('ip link del br0 && brctl addbr br0');
  });

  it('silent when the bridge is there, or the port check wants it gone', () => {
    expect(direct(bridgeMissing, { state: fixture('diag-not-enslaved'), failed: [exp.port('veth0-0', 'br0'), exp.learned('br0', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(bridgeMissing, { state: fixture('state-across-ns0'), failed: [exp.port('veth0-0', 'br0', 'host', false)] })).toEqual([]);
  });
});

describe('portNotEnslaved', () => {
  it('attaches it: exact text, id, weight and fix', () => {
    const fs = direct(portNotEnslaved, { state: fixture('diag-not-enslaved'), failed: [exp.port('veth0-0', 'br0')] });
    expect(fs).toEqual([{ id: 'port:veth0-0', weight: 75, text: 'veth0-0 is not a port of br0 yet: creating a bridge attaches nothing to it.', fix: 'ip link set veth0-0 master br0' }]);
  });

  it('creates the bridge first when there is none', () => {
    const [f] = direct(portNotEnslaved, { state: fixture('state-across-ns0'), failed: [exp.port('veth0-1', 'br1', 'ns0')] });
    expect(f.fix).toBe('ip netns exec ns0 ip link add br1 type bridge && ip netns exec ns0 ip link set veth0-1 master br1');
    const [g] = direct(portNotEnslaved, { state: fixture('state-across-ns0'), failed: [exp.port('veth0-0', 'br1')], reference: ['brctl addbr br1'] });
    expect(g.fix).toBe('brctl addbr br1 && brctl addif br1 veth0-0');
  });

  it('an interface in another namespace: moved, then attached; exact text, id and weight', () => {
    const state = edited('diag-wrong-end', (s) => extra(s, { name: 'br0', kind: 'bridge' }));
    const fs = direct(portNotEnslaved, { state, failed: [exp.port('veth0-0', 'br0')] });
    expect(fs).toEqual([
      { id: 'where:veth0-0', weight: 85, text: 'veth0-0 is in ns0, but a port must be in the same namespace as its bridge br0 (the host namespace).', fix: 'ip netns exec ns0 ip link set veth0-0 netns 1 && ip link set veth0-0 master br0' },
    ]);
  });

  it('silent when it is a port already, the bridge is no bridge, the interface is nowhere, or it should not be a port', () => {
    expect(direct(portNotEnslaved, { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br0')] })).toEqual([]);
    const dummy = edited('state-across-ns0', (s) => extra(s, { name: 'br0', kind: 'dummy' }));
    expect(direct(portNotEnslaved, { state: dummy, failed: [exp.port('veth0-0', 'br0')] })).toEqual([]);
    expect(direct(portNotEnslaved, { state: fixture('diag-not-enslaved'), failed: [exp.port('veth5', 'br0')] })).toEqual([]);
    expect(direct(portNotEnslaved, { state: fixture('diag-not-enslaved'), failed: [exp.port('veth0-0', 'br0', 'host', false)] })).toEqual([]);
  });
});

describe('portOnWrongBridge', () => {
  it('moves it over with ip, or off and on with brctl: exact text, id and weight', () => {
    const fs = direct(portOnWrongBridge, { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br0')] });
    expect(fs).toEqual([{ id: 'port:veth0-0', weight: 80, text: 'veth0-0 is a port of br1, not of br0: an interface belongs to one bridge at a time.', fix: 'ip link set veth0-0 master br0' }]);
    const [b] = direct(portOnWrongBridge, { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br0')], reference: ['brctl addif br0 veth0-0'] });
    expect(b.fix).toBe('brctl delif br1 veth0-0 && brctl addif br0 veth0-0');
  });

  it('silent when it is on the right bridge, on none, missing, or should not be a port', () => {
    expect(direct(portOnWrongBridge, { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br1')] })).toEqual([]);
    expect(direct(portOnWrongBridge, { state: fixture('diag-not-enslaved'), failed: [exp.port('veth0-0', 'br0')] })).toEqual([]);
    expect(direct(portOnWrongBridge, { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br0', 'ns0')] })).toEqual([]);
    expect(direct(portOnWrongBridge, { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br0', 'host', false)] })).toEqual([]);
  });
});

describe('portStillEnslaved', () => {
  it('takes it off with ip or brctl: exact text, id and weight', () => {
    const fs = direct(portStillEnslaved, { state: fixture('state-bridge-broken'), failed: [exp.port('veth0-0', 'br0', 'host', false)] });
    expect(fs).toEqual([{ id: 'port:veth0-0', weight: 70, text: 'veth0-0 is still a port of br0.', fix: 'ip link set veth0-0 nomaster' }]);
    const [b] = direct(portStillEnslaved, { state: fixture('state-bridge-broken'), failed: [exp.port('veth0-0', 'br0', 'host', false)], commands: [ran('brctl show br0')] });
    expect(b.fix).toBe('brctl delif br0 veth0-0');
  });

  it('silent when it is a port of another bridge, of none, or should be one', () => {
    expect(direct(portStillEnslaved, { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br0', 'host', false)] })).toEqual([]);
    expect(direct(portStillEnslaved, { state: fixture('diag-not-enslaved'), failed: [exp.port('veth0-0', 'br0', 'host', false)] })).toEqual([]);
    expect(direct(portStillEnslaved, { state: fixture('state-bridge-broken'), failed: [exp.port('veth0-0', 'br0')] })).toEqual([]);
  });
});

describe('sameMacDiffers', () => {
  it('not a port yet, whichever side names the bridge: exact text, id, weight, covers and fix', () => {
    const want = {
      id: 'mac:br0:veth0-0',
      weight: 70,
      covers: ['port:veth0-0'],
      text: 'br0 and veth0-0 have different MACs because veth0-0 is not a port of br0: a bridge whose MAC was not set by hand takes the smallest MAC among its ports, and veth0-0 is not one of them yet.',
      fix: 'ip link set veth0-0 master br0',
    };
    expect(direct(sameMacDiffers, { state: fixture('diag-not-enslaved'), failed: [exp.sameMac('br0', 'veth0-0')] })).toEqual([want]);
    expect(direct(sameMacDiffers, { state: fixture('diag-not-enslaved'), failed: [exp.sameMac('veth0-0', 'br0')] })).toEqual([want]);
  });

  /** state-bridge-fixed with two more ports of br0, MACs as given, and br0's MAC. */
  const ports = (bridgeMac: string, macs: Record<string, string>) =>
    edited('state-bridge-fixed', (s) => {
      for (const [name, mac] of Object.entries(macs)) {
        const l = s.links.find((x) => x.name === name) ?? extra(s, { name, kind: 'veth', master: 'br0' });
        l.mac = mac;
      }
      link(s, 'br0').mac = bridgeMac;
    });

  it('the bridge has the numerically smallest MAC of its ports, wherever that port is listed', () => {
    const state = ports('02:00:00:00:00:01', { 'veth0-0': '02:00:00:00:00:05', vethB: '02:00:00:00:00:01', vethA: '0a:00:00:00:00:00' });
    const fs = direct(sameMacDiffers, { state, failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(fs).toEqual([
      {
        id: 'mac:br0:veth0-0',
        weight: 70,
        text: "br0 has the MAC of vethB (02:00:00:00:00:01), not of veth0-0: a bridge takes the numerically smallest MAC among its ports, and vethB's is smaller. Take vethB off the bridge to see br0 switch: `ip link set vethB nomaster`.",
        fix: undefined,
      },
    ]);
    // The check names the lowest port itself, which has the bridge's MAC: set by hand after all.
    const [g] = direct(sameMacDiffers, { state: ports('02:00:00:00:00:01', { 'veth0-0': '02:00:00:00:00:01', vethA: '02:00:00:00:00:09' }), failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(g.weight).toBe(60);
  });

  it('a MAC set by hand: sets it to the port’s, exact text, id, weight and fix', () => {
    const state = ports('aa:aa:aa:aa:aa:aa', { 'veth0-0': '02:00:00:00:00:05', vethA: '02:00:00:00:00:03' });
    const fs = direct(sameMacDiffers, { state, failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(fs).toEqual([
      { id: 'mac:br0:veth0-0', weight: 60, text: "br0 no longer follows its ports' MACs: once a bridge's MAC is set by hand, the kernel stops picking it from the ports. Set it to veth0-0's.", fix: 'ip link set br0 address 02:00:00:00:00:05' },
    ]);
    // A port without a MAC counts as the smallest.
    const [g] = direct(sameMacDiffers, { state: ports('02:00:00:00:00:03', { 'veth0-0': '02:00:00:00:00:05', vethA: '02:00:00:00:00:03', vethB: '' }), failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(g.weight).toBe(60);
    const [h] = direct(sameMacDiffers, { state: ports('', { 'veth0-0': '02:00:00:00:00:05', vethA: '02:00:00:00:00:03', vethB: '' }), failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(h.text).toContain('br0 has the MAC of vethB');
  });

  it('silent without a bridge among the two, or when one is missing', () => {
    expect(direct(sameMacDiffers, { state: fixture('diag-not-enslaved'), failed: [exp.sameMac('veth0-0', 'lo')] })).toEqual([]);
    expect(direct(sameMacDiffers, { state: fixture('diag-not-enslaved'), failed: [exp.sameMac('br0', 'veth9')] })).toEqual([]);
    expect(direct(sameMacDiffers, { state: fixture('diag-not-enslaved'), failed: [exp.sameMac('br9', 'br0')] })).toEqual([]);
    expect(direct(sameMacDiffers, { state: fixture('diag-not-enslaved'), failed: [exp.sameMac('br0', 'veth0-0', 'ns0')] })).toEqual([]);
  });
});

describe('notLearned', () => {
  const want = exp.learned('br0', 'veth0-1', 'ns0');

  it('no traffic yet: a ping to the bridge’s address from the source’s namespace, in the text; exact text, id, weight', () => {
    const fs = direct(notLearned, { state: fixture('diag-not-learned'), failed: [want] });
    expect(fs).toEqual([
      {
        id: 'learned:br0:veth0-1',
        weight: 65,
        text: "br0 has not learned veth0-1's MAC (26:dd:b7:83:18:d0) yet: a bridge learns a MAC only when a frame from it arrives on a port, and forgets it after 5 minutes without traffic. Send something from ns0: `ip netns exec ns0 ping -c 1 -W 1 192.168.100.1`",
        fix: undefined,
      },
    ]);
  });

  it('without an address on the bridge, another address of its namespace (not loopback), else 192.168.100.1', () => {
    // A ping only looks: it stays in the text.
    const ping = (state: LabState) => /`([^`]*)`$/.exec(direct(notLearned, { state, failed: [want] })[0].text)?.[1];
    const other = edited('diag-not-learned', (s) => {
      link(s, 'br0').addrs = [];
      link(s, 'veth0-0').addrs = [{ local: '10.9.0.1', prefixlen: 24 }];
    });
    expect(ping(other)).toBe('ip netns exec ns0 ping -c 1 -W 1 10.9.0.1');
    const none = edited('diag-not-learned', (s) => (link(s, 'br0').addrs = []));
    expect(ping(none)).toBe('ip netns exec ns0 ping -c 1 -W 1 192.168.100.1');
  });

  it('the source’s other end not a port: attach it; exact text, id, weight', () => {
    const fs = direct(notLearned, { state: fixture('diag-not-enslaved'), failed: [want] });
    expect(fs).toEqual([
      { id: 'learned:br0:veth0-1', weight: 75, text: "br0 cannot learn the MAC of veth0-1: its other end veth0-0 is not a port of br0, so veth0-1's frames never pass through the bridge.", fix: 'ip link set veth0-0 master br0' },
    ]);
  });

  it('a source that is no veth, or has no peer, just needs traffic', () => {
    const dummy = edited('diag-not-enslaved', (s) => (link(s, 'veth0-1', 'ns0').kind = 'dummy'));
    expect(direct(notLearned, { state: dummy, failed: [want] }).map((f) => f.weight)).toEqual([65]);
    const noPeer = edited('diag-not-enslaved', (s) => (link(s, 'veth0-1', 'ns0').peer = undefined));
    expect(direct(notLearned, { state: noPeer, failed: [want] }).map((f) => f.weight)).toEqual([65]);
  });

  it('silent when the bridge is down (another rule says so), missing or no bridge, or the source is missing', () => {
    const down = edited('diag-not-learned', (s) => (link(s, 'br0').up = false));
    expect(direct(notLearned, { state: down, failed: [want] })).toEqual([]);
    expect(direct(notLearned, { state: fixture('state-across-ns0'), failed: [want] })).toEqual([]);
    const dummy = edited('diag-not-learned', (s) => (link(s, 'br0').kind = 'dummy'));
    expect(direct(notLearned, { state: dummy, failed: [want] })).toEqual([]);
    expect(direct(notLearned, { state: fixture('diag-not-learned'), failed: [exp.learned('br0', 'veth0-1', 'host')] })).toEqual([]);
  });
});

describe('bridgeOrPortDown', () => {
  it('a down bridge with ports: weight 78, its own words', () => {
    const fs = direct(bridgeOrPortDown, { state: fixture('diag-bridge-down'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(fs).toEqual([{ id: 'linkdown:host:br0', weight: 78, text: 'The bridge br0 is DOWN: a bridge is created down and stays down, whatever its ports do, until it is set up.', fix: 'ip link set up br0' }]);
  });

  it('a down port: exact text, id, weight and fix', () => {
    const state = edited('diag-not-learned', (s) => {
      link(s, 'veth0-0').up = false;
      link(s, 'veth0-0').ns = 'ns0';
      link(s, 'br0').ns = 'ns0';
    });
    const fs = direct(bridgeOrPortDown, { state, failed: [exp.port('veth0-0', 'br0', 'ns0')] });
    expect(fs).toEqual([{ id: 'linkdown:ns0:veth0-0', weight: 78, text: 'veth0-0, a port of br0, is DOWN: a bridge forwards only through ports that are up.', fix: 'ip netns exec ns0 ip link set up veth0-0' }]);
  });

  it('says nothing of a down bridge without ports, or of down interfaces that are no port', () => {
    const state = edited('diag-bridge-down', (s) => {
      link(s, 'veth0-0').master = undefined;
      link(s, 'lo').up = false;
    });
    expect(direct(bridgeOrPortDown, { state, failed: [exp.ping('192.168.100.2')] })).toEqual([]);
  });

  it('looks in the namespaces of the failed checks and failed pings only', () => {
    const state = fixture('diag-bridge-down');
    const ids = (c: Partial<Case>) => direct(bridgeOrPortDown, { state, ...c }).map((f) => f.id);
    const id = ['linkdown:host:br0'];
    expect(ids({ failed: [exp.ping('192.168.100.1', 'ns0')] })).toEqual(id);
    expect(ids({ failed: [exp.ping('192.168.100.2', 'host')] })).toEqual(id);
    expect(ids({ failed: [exp.ping('192.168.100.2', 'ns0')] })).toEqual([]);
    expect(ids({ failed: [exp.learned('br0', 'veth0-1', 'ns0')] })).toEqual(id);
    expect(ids({ failed: [exp.learned('br0', 'veth0-1', 'ns0', 'ns0')] })).toEqual([]);
    expect(ids({ failed: [exp.neigh('192.168.100.2', 'veth0-0')] })).toEqual(id);
    expect(ids({ failed: [exp.neigh('192.168.100.2', 'veth0-1', 'ns0')] })).toEqual([]);
    expect(ids({ failed: [capture('veth0-0', 'host')] })).toEqual(id);
    expect(ids({ failed: [capture('veth0-1', 'ns0')] })).toEqual([]);
    expect(ids({ failed: [exp.port('veth0-0', 'br0')] })).toEqual(id);
    expect(ids({ failed: [exp.link('br0', 'host', { up: true })] })).toEqual([]);
    expect(ids({ passed: [exp.ping('192.168.100.2')] })).toEqual([]);
    expect(ids({ commands: [ran('ping -c 1 192.168.100.2', 1, '', PING_LOSS)] })).toEqual(id);
    expect(ids({ commands: [ran('ping -c 1 192.168.100.2')] })).toEqual([]);
    expect(ids({ commands: [ran('ip netns exec ns0 ping -c 1 192.168.100.1', 1, '', PING_LOSS)] })).toEqual([]);
    expect(ids({ commands: [ran('ip link show', 1)] })).toEqual([]);
  });
});
