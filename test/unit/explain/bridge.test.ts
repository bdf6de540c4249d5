import { describe, expect, it } from 'vitest';
import { bridgeRules } from '../../../src/explain/rules/bridge.js';
import { edited, exp, familyTracker, fixture, link, ran } from './helpers.js';

const t = familyTracker(bridgeRules);

describe('bridgeMissing', () => {
  it('creates the bridge, with brctl when the step uses brctl', () => {
    const text = t.by('bridgeMissing', { state: fixture('state-across-ns0'), failed: [exp.port('veth0-0', 'br0')], reference: ['brctl addbr br0', 'brctl addif br0 veth0-0'] });
    expect(text).toContain('There is no bridge br0 in the host namespace yet');
    expect(text).toContain('`brctl addbr br0 && ip link set up br0`');
  });

  it('sees a br0 that is no bridge', () => {
    const state = edited('state-across-ns0', (s) => s.links.push({ ...link(s, 'veth0-0'), ifindex: 8, name: 'br0', kind: 'dummy', peer: undefined, addrs: [] }));
    const text = t.by('bridgeMissing', { state, failed: [exp.port('veth0-0', 'br0')] });
    expect(text).toContain('br0 exists but is a dummy device, not a bridge');
    expect(text).toContain('`ip link del br0 && ip link add br0 type bridge`');
  });
});

describe('portNotEnslaved', () => {
  it('attaches the port with the learner’s tool', () => {
    const text = t.by('portNotEnslaved', { state: fixture('diag-not-enslaved'), failed: [exp.port('veth0-0', 'br0')], reference: ['brctl addif br0 veth0-0'] });
    expect(text).toContain('veth0-0 is not a port of br0 yet');
    expect(text).toContain('`brctl addif br0 veth0-0`');
  });

  it('in Chinese, with ip', () => {
    const text = t.by('portNotEnslaved', { state: fixture('diag-not-enslaved'), lang: 'zh', failed: [exp.port('veth0-0', 'br0')] });
    expect(text).toContain('veth0-0 还不是 br0 的端口');
    expect(text).toContain('`ip link set veth0-0 master br0`');
  });

  it('brings a port back into the bridge’s namespace', () => {
    const state = edited('diag-wrong-end', (s) => s.links.push({ ...link(s, 'lo'), ifindex: 9, name: 'br0', kind: 'bridge', addrs: [] }));
    const text = t.by('portNotEnslaved', { state, failed: [exp.port('veth0-0', 'br0')] });
    expect(text).toContain('veth0-0 is in ns0, but a port must be in the same namespace as its bridge br0');
    expect(text).toContain('`ip netns exec ns0 ip link set veth0-0 netns 1 && ip link set veth0-0 master br0`');
  });
});

describe('portOnWrongBridge', () => {
  it('moves the port to the right bridge', () => {
    const text = t.by('portOnWrongBridge', { state: fixture('diag-wrong-bridge'), failed: [exp.port('veth0-0', 'br0')] });
    expect(text).toContain('veth0-0 is a port of br1, not of br0');
    expect(text).toContain('`ip link set veth0-0 master br0`');
  });
});

describe('portStillEnslaved', () => {
  it('takes it off', () => {
    const text = t.by('portStillEnslaved', { state: fixture('state-bridge-broken'), failed: [exp.port('veth0-0', 'br0', 'host', false)] });
    expect(text).toContain('`ip link set veth0-0 nomaster`');
  });
});

describe('sameMacDiffers', () => {
  it('explains that the bridge takes its MAC from its ports', () => {
    const text = t.by('sameMacDiffers', { state: fixture('diag-not-enslaved'), failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(text).toContain('because veth0-0 is not a port of br0');
    expect(text).toContain('smallest MAC among its ports');
  });

  it('names the port with the smaller MAC', () => {
    const state = edited('state-bridge-fixed', (s) => {
      s.links.push({ ...link(s, 'veth0-0'), ifindex: 9, name: 'veth1-0', mac: '02:00:00:00:00:01', peer: undefined, addrs: [] });
      link(s, 'br0').mac = '02:00:00:00:00:01';
    });
    const text = t.by('sameMacDiffers', { state, failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(text).toContain('br0 has the MAC of veth1-0 (02:00:00:00:00:01)');
  });

  it('notices a MAC set by hand', () => {
    const state = edited('state-bridge-fixed', (s) => (link(s, 'br0').mac = 'aa:aa:aa:aa:aa:aa'));
    const text = t.by('sameMacDiffers', { state, failed: [exp.sameMac('br0', 'veth0-0')] });
    expect(text).toContain('set by hand');
    expect(text).toContain('`ip link set br0 address ae:20:98:fe:0e:a9`');
  });
});

describe('notLearned', () => {
  it('asks for traffic from the other side', () => {
    const text = t.by('notLearned', { state: fixture('diag-not-learned'), failed: [exp.learned('br0', 'veth0-1', 'ns0')] });
    expect(text).toContain('a bridge learns a MAC only when a frame from it arrives on a port');
    expect(text).toContain('`ip netns exec ns0 ping -c 1 -W 1 192.168.100.1`');
  });

  it('says when the other end is not a port', () => {
    const text = t.by('notLearned', { state: fixture('diag-not-enslaved'), failed: [exp.learned('br0', 'veth0-1', 'ns0')] });
    expect(text).toContain('its other end veth0-0 is not a port of br0');
    expect(text).toContain('`ip link set veth0-0 master br0`');
  });
});

describe('bridgeOrPortDown', () => {
  it('finds a down bridge behind a failed ping', () => {
    const text = t.by('bridgeOrPortDown', { state: fixture('diag-bridge-down'), failed: [exp.ping('192.168.100.1', 'ns0')] });
    expect(text).toContain('The bridge br0 is DOWN');
    expect(text).toContain('`ip link set up br0`');
  });

  it('finds a down port', () => {
    const state = edited('state-bridge-fixed', (s) => Object.assign(link(s, 'veth0-0'), { up: false, carrier: false, operstate: 'DOWN' }));
    const text = t.by('bridgeOrPortDown', { state, failed: [exp.ping('192.168.100.2')] });
    expect(text).toContain('veth0-0, a port of br0, is DOWN');
  });
});

describe('the fix uses the learner’s tool', () => {
  it('ip when the learner used ip, even if the step uses brctl', () => {
    const text = t.by('portNotEnslaved', { state: fixture('diag-not-enslaved'), failed: [exp.port('veth0-0', 'br0')], reference: ['brctl addif br0 veth0-0'], commands: [ran('ip link set br0 master veth0-0', 2, 'RTNETLINK answers: Operation not supported\n')] });
    expect(text).toContain('`ip link set veth0-0 master br0`');
  });
});
