import { describe, expect, it } from 'vitest';
import { unexpectedRules } from '../../../src/explain/rules/unexpected.js';
import { edited, exp, familyTracker, fixture, PING_OK, ran } from './helpers.js';

const t = familyTracker(unexpectedRules);

describe('staleNeighbourOnPort', () => {
  it('a ping that should fail works thanks to a remembered MAC', () => {
    const text = t.by('staleNeighbourOnPort', { state: fixture('diag-stale-neigh'), failed: [exp.ping('192.168.100.2', 'host', { succeeds: false })] });
    expect(text).toContain('the entry on veth0-0 is REACHABLE');
    expect(text).toContain('before veth0-0 joined br0');
    expect(text).toContain('`ip neigh flush dev veth0-0`');
  });

  it('from a ping command whose exit status was expected to be 1, in Chinese', () => {
    const text = t.by('staleNeighbourOnPort', { state: fixture('diag-stale-neigh'), lang: 'zh', failed: [exp.exit(1)], commands: [ran('ping -c 1 -W 0.5 192.168.100.2', 0, '', PING_OK)] });
    expect(text).toContain('内核还记得 192.168.100.2 的 MAC');
    expect(text).toContain('`ip neigh flush dev veth0-0`');
  });
});

describe('addressAlreadyOnBridge', () => {
  it('a later step’s fix is already in place', () => {
    const text = t.by('addressAlreadyOnBridge', { state: fixture('state-bridge-fixed'), failed: [exp.ping('192.168.100.2', 'host', { succeeds: false })] });
    expect(text).toContain('192.168.100.1/24 is already on br0');
    expect(text).toContain('`ip addr del 192.168.100.1/24 dev br0 && ip addr add 192.168.100.1/24 dev veth0-0`');
  });

  it('also when the output should have shown the loss', () => {
    const text = t.by('addressAlreadyOnBridge', { state: fixture('state-bridge-fixed'), failed: [exp.output('100% packet loss')], commands: [ran('ping -c 1 -W 0.5 192.168.100.2', 0, '', PING_OK)] });
    expect(text).toContain('already on br0');
  });
});

describe('loAlreadyUp', () => {
  it('lo is already up in ns0', () => {
    const text = t.by('loAlreadyUp', { state: fixture('state-across-ns0'), failed: [exp.ping('192.168.100.2', 'ns0', { succeeds: false })] });
    expect(text).toContain('lo in ns0 is already up');
    expect(text).toContain('`ip netns exec ns0 ip link set down lo`');
  });
});

describe('answeredLocally', () => {
  it('the ping ran where the target is local', () => {
    const text = t.by('answeredLocally', { state: fixture('state-veth-pair'), failed: [exp.exit('nonzero')], commands: [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)] });
    expect(text).toContain('192.168.100.2 is its own address (on veth0-1)');
  });

  it('names the namespace the check pings from', () => {
    const text = t.by('answeredLocally', {
      state: fixture('diag-addr-wrong-ns'),
      failed: [exp.exit(1)],
      passed: [exp.ping('192.168.100.2', 'ns0', { succeeds: false })],
      commands: [ran('ping -c 1 192.168.100.2', 0, '', PING_OK)],
    });
    expect(text).toContain('The check pings from ns0');
    expect(text).toContain('`ip netns exec ns0 ping -c 1 -W 1 192.168.100.2`');
  });
});

describe('neighStillResolved', () => {
  it('on a bridge port', () => {
    const text = t.by('neighStillResolved', { state: fixture('diag-stale-neigh'), failed: [exp.neigh('192.168.100.2', 'veth0-0', 'host', false)] });
    expect(text).toContain('learned before veth0-0 joined br0');
    expect(text).toContain('`ip neigh flush dev veth0-0`');
  });

  it('elsewhere', () => {
    const state = edited('state-across-ns0', (s) => s.neigh.push({ ns: 'ns0', dst: '192.168.100.1', dev: 'veth0-1', lladdr: 'ae:20:98:fe:0e:a9', state: ['STALE'] }));
    const text = t.by('neighStillResolved', { state, failed: [exp.neigh('192.168.100.1', 'veth0-1', 'ns0', false)] });
    expect(text).toContain('`ip netns exec ns0 ip neigh flush dev veth0-1`');
  });
});
