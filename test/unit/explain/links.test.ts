import { describe, expect, it } from 'vitest';
import { linkRules } from '../../../src/explain/rules/links.js';
import { edited, exp, familyTracker, fixture, ran } from './helpers.js';

const t = familyTracker(linkRules);

describe('wrongVethEndMoved', () => {
  it('sees that veth0-0 went into ns0 instead of veth0-1', () => {
    const text = t.by('wrongVethEndMoved', { state: fixture('diag-wrong-end'), failed: [exp.link('veth0-1', 'ns0')] });
    expect(text).toContain('veth0-0 is in ns0 and veth0-1 stayed in the host namespace');
    expect(text).toContain('`ip netns exec ns0 ip link set veth0-0 netns 1 && ip link set veth0-1 netns ns0`');
  });

  it('gives one explanation when both ends are checked, in Chinese too', () => {
    const fs = t.all({ state: fixture('diag-wrong-end'), lang: 'zh', failed: [exp.link('veth0-1', 'ns0'), exp.link('veth0-0', 'host')] });
    expect(fs.filter((f) => f.rule === 'wrongVethEndMoved')).toHaveLength(1);
    expect(fs[0].text).toContain('移错了一端');
    expect(fs.map((f) => f.rule)).not.toContain('linkInOtherNamespace');
  });

  it('is found from the staying end’s expectation alone', () => {
    const text = t.by('wrongVethEndMoved', { state: fixture('diag-wrong-end'), failed: [exp.link('veth0-0', 'host')], passed: [exp.link('veth0-1', 'ns0', { exists: false })] });
    expect(text).toContain('`ip netns exec ns0 ip link set veth0-0 netns 1 && ip link set veth0-1 netns ns0`');
  });
});

describe('peerMisnamed', () => {
  it('a veth made with another peer name: the rename is the only explanation of the name, ahead of a typo guess', () => {
    const state = edited('diag-wrong-end', (s) => {
      const v0 = s.links.find((l) => l.name === 'veth0-0')!;
      Object.assign(v0, { ns: 'host', name: 'veth0-O' });
      s.links.find((l) => l.name === 'veth0-1')!.name = 'veth0-0';
      v0.peer = { ns: 'host', ifindex: 2 };
      s.links.find((l) => l.name === 'veth0-0')!.peer = { ns: 'host', ifindex: 3 };
    });
    const c = { state, failed: [exp.link('veth0-1')], passed: [exp.link('veth0-0')] };
    const text = t.by('peerMisnamed', c);
    expect(text).toBe('In the host namespace, the other end of veth0-0 is called veth0-O, and the step wants it named veth0-1. Rename it.\n`ip link set dev veth0-O name veth0-1`');
    expect(t.all(c).map((f) => f.rule)).not.toContain('linkMissing');
  });
});

describe('linkInOtherNamespace', () => {
  it('moves it back to the host with netns 1', () => {
    const text = t.by('linkInOtherNamespace', { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'host')] });
    expect(text).toContain('veth0-1 is in ns0, not in the host namespace');
    expect(text).toContain('`ip netns exec ns0 ip link set veth0-1 netns 1`');
  });

  it('creates the namespace first when needed', () => {
    const text = t.by('linkInOtherNamespace', { state: fixture('state-veth-pair'), failed: [exp.link('veth0-1', 'ns0')] });
    expect(text).toContain('`ip netns add ns0 && ip link set veth0-1 netns ns0`');
  });
});

describe('linkMissing', () => {
  it('uses the step’s command to create it', () => {
    const text = t.by('linkMissing', { state: fixture('state-empty'), failed: [exp.link('veth0-0')], reference: ['ip link add veth0-0 type veth peer name veth0-1'] });
    expect(text).toContain('There is no veth0-0 in the host namespace');
    expect(text).toContain('`ip link add veth0-0 type veth peer name veth0-1`');
  });

  it('guesses the pair’s name without a model answer', () => {
    const text = t.by('linkMissing', { state: fixture('state-empty'), failed: [exp.link('veth0-0')] });
    expect(text).toContain('`ip link add veth0-0 type veth peer name veth0-1`');
  });

  it('spots a near name and renames it', () => {
    const text = t.by('linkMissing', { state: fixture('diag-typo-name'), failed: [exp.link('veth0-1')] });
    expect(text).toContain('there is veth01');
    expect(text).toContain('`ip link set veth01 name veth0-1`');
  });
});

describe('linkUnexpected', () => {
  it('moves rather than deletes when the step wants it elsewhere', () => {
    const text = t.by('linkUnexpected', { state: fixture('state-veth-pair'), failed: [exp.link('veth0-1', 'host', { exists: false })], passed: [exp.netns('ns0')], reference: [] });
    expect(text).toContain('`ip link del veth0-1`');
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['ns0']));
    const move = t.by('linkUnexpected', { state, failed: [exp.link('veth0-1', 'host', { exists: false })], passed: [exp.link('veth0-1', 'ns0')] });
    expect(move).toContain('`ip link set veth0-1 netns ns0`');
    // When the other expectation fails too, one explanation says it all.
    const fs = t.all({ state, failed: [exp.link('veth0-1', 'host', { exists: false }), exp.link('veth0-1', 'ns0')] });
    expect(fs.map((f) => f.rule)).toEqual(['linkInOtherNamespace']);
  });
});

describe('linkDown', () => {
  it("says that an interface starts down, and moving sets it down again", () => {
    const text = t.by('linkDown', { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'ns0', { up: true })] });
    expect(text).toBe('veth0-1 is in ns0 but DOWN. An interface starts down when it is made, and is set down again whenever it moves to another namespace (which also clears its addresses).\n`ip netns exec ns0 ip link set up veth0-1`');
  });

  it('in Chinese', () => {
    const text = t.by('linkDown', { state: fixture('diag-moved-down'), lang: 'zh', failed: [exp.link('veth0-1', 'ns0', { up: true })] });
    expect(text).toContain('每次移到另一个命名空间后也会被重新置为 down');
    expect(text).toContain('`ip netns exec ns0 ip link set up veth0-1`');
  });

  it('knows lo of a new namespace, a new bridge and a new interface', () => {
    expect(t.by('linkDown', { state: fixture('diag-moved-down'), failed: [exp.link('lo', 'ns0', { up: true })] })).toContain('Every new network namespace gets its own loopback');
    expect(t.by('linkDown', { state: fixture('diag-bridge-down'), failed: [exp.link('br0', 'host', { up: true })] })).toContain('`ip link set up br0`');
    expect(t.by('linkDown', { state: fixture('state-veth-created'), failed: [exp.link('veth0-0', 'host', { up: true })] })).toContain('New interfaces start administratively down');
  });
});

describe('linkUnexpectedlyUp', () => {
  it('sets it down', () => {
    const text = t.by('linkUnexpectedlyUp', { state: fixture('state-across-ns0'), failed: [exp.link('lo', 'ns0', { up: false })] });
    expect(text).toContain('`ip netns exec ns0 ip link set down lo`');
  });
});

describe('commandInWrongNamespace', () => {
  it('sees lo brought up in the host instead of ns0', () => {
    const fs = t.all({ state: fixture('diag-lo-down'), failed: [exp.link('lo', 'ns0', { up: true })], commands: [ran('ip link set up lo')] });
    expect(fs[0].rule).toBe('commandInWrongNamespace');
    expect(fs.map((f) => f.rule)).not.toContain('linkDown');
    const text = t.by('commandInWrongNamespace', { state: fixture('diag-lo-down'), failed: [exp.link('lo', 'ns0', { up: true })], commands: [ran('ip link set up lo')] });
    expect(text).toContain('`ip link set up lo` ran in the host namespace');
    expect(text).toContain('`ip netns exec ns0 ip link set up lo`');
  });

  it('comes before the lo-down explanation of the failed ping', () => {
    const fs = t.all({ state: fixture('diag-lo-down'), failed: [exp.link('lo', 'ns0', { up: true }), exp.ping('192.168.100.2', 'ns0')], commands: [ran('ip link set up lo')] });
    expect(fs.map((f) => f.rule)).toEqual(['commandInWrongNamespace', 'loDownOwnAddress']);
  });
});

describe('namespaceState', () => {
  it('creates a missing namespace, notices a near name, deletes an extra one', () => {
    expect(t.by('namespaceState', { state: fixture('state-veth-pair'), failed: [exp.netns('ns0')] })).toContain('`ip netns add ns0`');
    const near = edited('state-veth-pair', (s) => (s.namespaces = ['ns1']));
    expect(t.by('namespaceState', { state: near, failed: [exp.netns('ns0')] })).toContain('there is ns1');
    expect(t.by('namespaceState', { state: fixture('state-across-ns0'), failed: [exp.netns('ns0', false)] })).toContain('`ip netns del ns0`');
  });
});

describe('linkMissing for a bridge', () => {
  it('does not talk about veth pairs', () => {
    const text = t.by('linkMissing', { state: fixture('state-across-ns0'), failed: [exp.link('br0')] });
    expect(text).toBe('There is no bridge br0 in the host namespace: it was never created, or it was deleted. Create it.\n`ip link add br0 type bridge`');
  });

  it('writes Chinese without spaces between Chinese words', () => {
    const text = t.by('linkMissing', { state: fixture('state-across-ns0'), lang: 'zh', failed: [exp.link('br0')] });
    expect(text).toBe('主机命名空间里没有网桥 br0：要么从没创建过，要么已经被删了。创建它。\n`ip link add br0 type bridge`');
  });
});
