/** What each interface and namespace rule (src/explain/rules/links.ts) reports alone: exact text, fix, id, weight, covers, and when it stays silent. */
import { describe, expect, it } from 'vitest';
import { Ctx, type Finding } from '../../../src/explain/rules/context.js';
import {
  commandInWrongNamespace,
  downFinding,
  guessPeerName,
  linkDown,
  linkInOtherNamespace,
  linkMissing,
  linkUnexpected,
  linkUnexpectedlyUp,
  namespaceState,
  peerMisnamed,
  wrongVethEndMoved,
} from '../../../src/explain/rules/links.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { type Case, check, direct, inputOf, edited, exp, fixture, link, ran, step } from './helpers.js';



/** A new interface like the host's lo, renamed and changed. */
function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  const l: LinkState = { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, peer: undefined, master: undefined, ...o };
  s.links.push(l);
  return l;
}

describe('guessPeerName', () => {
  it('swaps a final -0 and -1, else appends p', () => {
    expect(guessPeerName('veth0-0')).toBe('veth0-1');
    expect(guessPeerName('veth3-1')).toBe('veth3-0');
    expect(guessPeerName('a-0b')).toBe('a-0bp');
    expect(guessPeerName('a-1b')).toBe('a-1bp');
    expect(guessPeerName('vethA')).toBe('vethAp');
    expect(guessPeerName('v-0-0')).toBe('v-0-1');
    expect(guessPeerName('v-1-1')).toBe('v-1-0');
  });
});

describe('wrongVethEndMoved', () => {
  const state = () => fixture('diag-wrong-end');

  it('from the moved end’s expectation: exact text, fix, id, weight and covers', () => {
    const fs = direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-1', 'ns0')] });
    expect(fs).toEqual([
      {
        id: 'wrongend:veth0-0+veth0-1',
        weight: 92,
        text: 'The other end of the pair was moved: veth0-0 is in ns0 and veth0-1 stayed in the host namespace. A veth works from either end, but the lesson (and the addresses that follow) expect veth0-1 in ns0. Swap them.',
        fix: 'ip netns exec ns0 ip link set veth0-0 netns 1 && ip link set veth0-1 netns ns0',
        covers: ['where:veth0-1', 'where:veth0-0', 'linkdown:ns0:veth0-1', 'extra:host:veth0-1'],
      },
    ]);
  });

  it('from the staying end’s expectation, when the step also wants the other end in the namespace', () => {
    const fs = direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-0', 'host')], passed: [exp.link('veth0-1', 'ns0', { exists: false })] });
    expect(fs).toEqual([
      {
        id: 'wrongend:veth0-0+veth0-1',
        weight: 92,
        text: 'The other end of the pair was moved: veth0-0 is in ns0 and veth0-1 stayed in the host namespace. A veth works from either end, but the lesson (and the addresses that follow) expect veth0-1 in ns0. Swap them.',
        fix: 'ip netns exec ns0 ip link set veth0-0 netns 1 && ip link set veth0-1 netns ns0',
        covers: ['where:veth0-0', 'where:veth0-1', 'extra:host:veth0-1'],
      },
    ]);
  });

  it('between two named namespaces, the fix names them (no netns 1)', () => {
    const s = edited('diag-wrong-end', (x) => {
      x.namespaces.push('ns1');
      link(x, 'veth0-1').ns = 'ns1';
      link(x, 'veth0-0', 'ns0').peer = { ns: 'ns1', ifindex: 2 };
    });
    const [f] = direct(wrongVethEndMoved, { state: s, failed: [exp.link('veth0-1', 'ns0')] });
    expect(f.fix).toBe('ip netns exec ns0 ip link set veth0-0 netns ns1 && ip netns exec ns1 ip link set veth0-1 netns ns0');
    expect(f.text).toContain('veth0-1 stayed in ns1');
    // Seen from veth0-0's expectation in ns1, both ways round: each loop of the rule says it once.
    const fs = direct(wrongVethEndMoved, { state: s, failed: [exp.link('veth0-0', 'ns1')], passed: [exp.link('veth0-1', 'ns0')] });
    expect(fs.map((x) => [x.id, x.fix])).toEqual([
      ['wrongend:veth0-0+veth0-1', 'ip netns exec ns1 ip link set veth0-1 netns ns0 && ip netns exec ns0 ip link set veth0-0 netns ns1'],
      ['wrongend:veth0-0+veth0-1', 'ip netns exec ns0 ip link set veth0-0 netns ns1 && ip netns exec ns1 ip link set veth0-1 netns ns0'],
    ]);
    expect(fs[1].text).toContain('veth0-0 is in ns0 and veth0-1 stayed in ns1');
  });

  it('a namesake already in the wanted namespace is not the end that was moved', () => {
    const s = edited('diag-wrong-end', (x) => {
      x.links.unshift({ ...link(x, 'lo'), ns: 'ns0', ifindex: 40, name: 'veth0-1', kind: 'dummy', up: false });
      x.links.unshift({ ...link(x, 'lo'), ns: 'host', ifindex: 41, name: 'veth0-0', kind: 'dummy' });
    });
    expect(direct(wrongVethEndMoved, { state: s, failed: [exp.link('veth0-1', 'ns0', { up: true })] }).map((f) => f.id)).toEqual(['wrongend:veth0-0+veth0-1']);
    expect(direct(wrongVethEndMoved, { state: s, failed: [exp.link('veth0-0', 'host', { up: true })], passed: [exp.link('veth0-1', 'ns0')] }).map((f) => f.id)).toEqual(['wrongend:veth0-0+veth0-1']);
  });

  it('silent for the staying end when its peer is in a third namespace, or the check wants it gone', () => {
    const s = edited('diag-wrong-end', (x) => {
      x.namespaces.push('ns1');
      link(x, 'veth0-1').ns = 'ns1';
      link(x, 'veth0-0', 'ns0').peer = { ns: 'ns1', ifindex: 2 };
    });
    expect(direct(wrongVethEndMoved, { state: s, failed: [exp.link('veth0-0', 'host')], passed: [exp.link('veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(wrongVethEndMoved, { state: fixture('diag-wrong-end'), failed: [exp.link('veth0-0', 'host', { exists: false })], passed: [exp.link('veth0-1', 'ns0')] })).toEqual([]);
  });

  it('silent for the staying end when the step does not want its peer in the namespace', () => {
    expect(direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-0', 'host')] })).toEqual([]);
    // A port expectation with that name is no link expectation; nor is the peer wanted in another namespace.
    expect(direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-0', 'host')], passed: [exp.port('veth0-1', 'br0', 'ns0')] })).toEqual([]);
    expect(direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-0', 'host')], passed: [exp.link('veth0-1', 'ns7')] })).toEqual([]);
    expect(direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-0', 'host')], passed: [exp.link('veth0-9', 'ns0')] })).toEqual([]);
  });

  it('silent when nothing was swapped', () => {
    expect(direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-1', 'ns0', { exists: false })] })).toEqual([]);
    // The interface is in the right place already, or is no veth, or its peer is elsewhere.
    expect(direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-0', 'ns0')] })).toEqual([]);
    const dummy = edited('diag-wrong-end', (x) => (link(x, 'veth0-1').kind = 'dummy'));
    expect(direct(wrongVethEndMoved, { state: dummy, failed: [exp.link('veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(wrongVethEndMoved, { state: state(), failed: [exp.link('veth0-1', 'ns7')] })).toEqual([]);
    const noPeer = edited('diag-wrong-end', (x) => (link(x, 'veth0-1').peer = undefined));
    expect(direct(wrongVethEndMoved, { state: noPeer, failed: [exp.link('veth0-1', 'ns0')] })).toEqual([]);
    // Both ends in the host: the first lesson's pair.
    expect(direct(wrongVethEndMoved, { state: fixture('state-veth-pair'), failed: [exp.link('veth0-1', 'host'), exp.link('veth0-0', 'host')], passed: [exp.link('veth0-1', 'host')] })).toEqual([]);
    // Seen from an end wanted in ns0 but left in the host: said once, from that end (the host's end never moved).
    const once = direct(wrongVethEndMoved, { state: fixture('state-across-ns0'), failed: [exp.link('veth0-0', 'ns0')], passed: [exp.link('veth0-1', 'host')] });
    expect(once.map((f) => f.fix)).toEqual(['ip netns exec ns0 ip link set veth0-1 netns 1 && ip link set veth0-0 netns ns0']);
  });
});

describe('linkInOtherNamespace', () => {
  it('moves it back to the host: exact text, fix, id, weight and covers', () => {
    const fs = direct(linkInOtherNamespace, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'host')] });
    expect(fs).toEqual([
      {
        id: 'where:veth0-1',
        weight: 85,
        text: 'veth0-1 is in ns0, not in the host namespace. An interface lives in exactly one network namespace, and `ip link set veth0-1 netns …` moves it.',
        fix: 'ip netns exec ns0 ip link set veth0-1 netns 1',
        covers: ['missing:host:veth0-1', 'extra:ns0:veth0-1'],
      },
    ]);
  });

  it('into an existing namespace without creating it again', () => {
    const [f] = direct(linkInOtherNamespace, { state: fixture('diag-moved-up-noaddr'), failed: [exp.link('veth0-0', 'ns0')] });
    expect(f.fix).toBe('ip link set veth0-0 netns ns0');
    const [g] = direct(linkInOtherNamespace, { state: fixture('state-veth-pair'), failed: [exp.link('veth0-0', 'ns3')] });
    expect(g.fix).toBe('ip netns add ns3 && ip link set veth0-0 netns ns3');
  });

  it('silent when it is there, nowhere, or should be gone', () => {
    expect(direct(linkInOtherNamespace, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(linkInOtherNamespace, { state: fixture('diag-moved-down'), failed: [exp.link('veth7', 'host')] })).toEqual([]);
    expect(direct(linkInOtherNamespace, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'host', { exists: false })] })).toEqual([]);
  });
});

describe('linkMissing', () => {
  it('a near name: renamed where it is, exact text, id and weight', () => {
    const state = edited('diag-typo-name', (s) => (link(s, 'veth01').ns = 'ns0'));
    const fs = direct(linkMissing, { state, failed: [exp.link('veth0-1')] });
    expect(fs).toEqual([{ id: 'missing:host:veth0-1', weight: 75, text: 'There is no veth0-1, but there is veth01 in ns0: a typo when it was created? Rename it.', fix: 'ip netns exec ns0 ip link set veth01 name veth0-1' }]);
  });

  it('a name the step itself wants is no typo, but one it wants gone, or as a port only, may be', () => {
    const state = edited('state-across-ns0', (s) => extra(s, { name: 'tapx1', kind: 'tun' }));
    const created = (fs: Finding[]) => fs.map((f) => f.weight);
    expect(created(direct(linkMissing, { state, failed: [exp.link('tapx2')], passed: [exp.link('tapx1')] }))).toEqual([60]);
    expect(created(direct(linkMissing, { state, failed: [exp.link('tapx2')], passed: [exp.link('tapx1', 'host', { exists: false })] }))).toEqual([75]);
    expect(created(direct(linkMissing, { state, failed: [exp.link('tapx2')], passed: [exp.port('tapx1', 'br0')] }))).toEqual([75]);
  });

  it('created by the step’s own command, in its namespace, then brought up when the check wants it up', () => {
    const fs = direct(linkMissing, { state: fixture('state-across-ns0'), failed: [exp.link('wan1-0', 'ns0', { up: true })], reference: ['ip -n ns0 link add wan1-0 type veth peer name wan1-1'] });
    expect(fs).toEqual([
      {
        id: 'missing:ns0:wan1-0',
        weight: 60,
        text: 'There is no wan1-0 in ns0, nor anywhere else in the lab: it was never created, or it was deleted (deleting one end of a veth pair, or the namespace holding it, removes both ends). Create it.',
        fix: 'ip netns exec ns0 ip link add wan1-0 type veth peer name wan1-1 && ip netns exec ns0 ip link set up wan1-0',
      },
    ]);
  });

  it('a bridge the step makes with brctl, or any br… name, is called a bridge', () => {
    const [f] = direct(linkMissing, { state: fixture('state-across-ns0'), failed: [exp.link('sw0')], reference: ['brctl addbr sw0'] });
    expect(f.text).toBe('There is no bridge sw0 in the host namespace: it was never created, or it was deleted. Create it.');
    expect(f.fix).toBe('brctl addbr sw0');
    const [g] = direct(linkMissing, { state: fixture('state-across-ns0'), failed: [exp.link('sw1')], reference: ['ip link add sw1 type bridge'] });
    expect(g.text).toContain('There is no bridge sw1');
    // A step command that makes a br… veth: no bridge.
    const [h] = direct(linkMissing, { state: fixture('state-across-ns0'), failed: [exp.link('brv')], reference: ['ip link add brv type veth peer name brw'] });
    expect(h.text).toContain('There is no brv in the host namespace');
    expect(h.fix).toBe('ip link add brv type veth peer name brw');
    const [i] = direct(linkMissing, { state: fixture('state-across-ns0'), failed: [exp.link('br5', 'ns0', { up: false })] });
    expect(i.text).toContain('There is no bridge br5 in ns0');
    expect(i.fix).toBe('ip netns exec ns0 ip link add br5 type bridge');
  });

  it('without a step command: a veth pair named by the usual convention, not brought up unless wanted up', () => {
    const [f] = direct(linkMissing, { state: fixture('state-across-ns0'), failed: [exp.link('wan2-1')], reference: ['ip link add other type veth peer name other2'] });
    expect(f.fix).toBe('ip link add wan2-1 type veth peer name wan2-0');
    const [g] = direct(linkMissing, { state: fixture('state-across-ns0'), failed: [exp.link('tap', 'host', { up: true })] });
    expect(g.fix).toBe('ip link add tap type veth peer name tapp && ip link set up tap');
  });

  it('silent when the interface exists anywhere, or should be gone', () => {
    expect(direct(linkMissing, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'host')] })).toEqual([]);
    expect(direct(linkMissing, { state: fixture('diag-moved-down'), failed: [exp.link('veth5', 'host', { exists: false })] })).toEqual([]);
  });
});

describe('linkUnexpected', () => {
  it('deleted when the step wants it nowhere: exact text, fix, id, weight', () => {
    const fs = direct(linkUnexpected, { state: fixture('state-across-ns0'), failed: [exp.link('veth0-1', 'ns0', { exists: false })] });
    expect(fs).toEqual([{ id: 'extra:ns0:veth0-1', weight: 65, text: 'veth0-1 still exists in ns0.', fix: 'ip netns exec ns0 ip link del veth0-1' }]);
  });

  it('moved when the step wants it in another namespace', () => {
    const fs = direct(linkUnexpected, { state: fixture('state-across-ns0'), failed: [exp.link('veth0-1', 'ns0', { exists: false })], passed: [exp.link('veth0-1', 'host')] });
    expect(fs).toEqual([
      { id: 'extra:ns0:veth0-1', weight: 70, text: 'veth0-1 is still in ns0, but it should have moved; the kernel keeps the pair connected across namespaces.', fix: 'ip netns exec ns0 ip link set veth0-1 netns 1' },
    ]);
  });

  it('only a link expectation that wants it to exist elsewhere counts as a move', () => {
    const weights = (passed: Case['passed']) => direct(linkUnexpected, { state: fixture('state-across-ns0'), failed: [exp.link('veth0-1', 'ns0', { exists: false })], passed }).map((f) => f.weight);
    expect(weights([exp.port('veth0-1', 'br0')])).toEqual([65]);
    expect(weights([exp.link('veth0-1', 'host', { exists: false })])).toEqual([65]);
    expect(weights([exp.link('veth0-9', 'host')])).toEqual([65]);
  });

  it('silent when it is gone, or is wanted', () => {
    expect(direct(linkUnexpected, { state: fixture('state-across-ns0'), failed: [exp.link('veth0-1', 'host', { exists: false })] })).toEqual([]);
    expect(direct(linkUnexpected, { state: fixture('state-across-ns0'), failed: [exp.link('veth0-1', 'ns0')] })).toEqual([]);
  });
});

describe('linkDown and downFinding', () => {
  it('a moved veth: exact text, fix, id and weight', () => {
    const fs = direct(linkDown, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'ns0', { up: true })] });
    expect(fs).toEqual([{ id: 'linkdown:ns0:veth0-1', weight: 75, text: 'veth0-1 is in ns0 but DOWN. An interface starts down when it is made, and is set down again whenever it moves to another namespace (which also clears its addresses).', fix: 'ip netns exec ns0 ip link set up veth0-1' }]);
  });

  it('lo by name or by kind, a bridge, a new interface, and a veth whose peer is beside it', () => {
    const key = (state: LabState, name: string, ns = 'host') => direct(linkDown, { state, failed: [exp.link(name, ns, { up: true })] })[0]?.text;
    expect(key(fixture('diag-moved-down'), 'lo', 'ns0')).toBe('lo in ns0 is DOWN. Every new network namespace gets its own loopback, and it starts down until someone brings it up.');
    const loKind = edited('diag-moved-down', (s) => extra(s, { ns: 'ns0', name: 'lo2', kind: 'loopback', up: false }));
    expect(key(loKind, 'lo2', 'ns0')).toContain('lo in ns0 is DOWN');
    const loName = edited('diag-moved-down', (s) => (link(s, 'lo', 'ns0').kind = ''));
    expect(key(loName, 'lo', 'ns0')).toContain('lo in ns0 is DOWN');
    expect(key(fixture('diag-bridge-down'), 'br0')).toBe('The bridge br0 is DOWN: a bridge is created down and stays down, whatever its ports do, until it is set up.');
    expect(key(fixture('state-veth-created'), 'veth0-0')).toBe('veth0-0 is DOWN in the host namespace. New interfaces start administratively down and stay so until they are set up.');
    const noPeer = edited('diag-moved-down', (s) => (link(s, 'veth0-1', 'ns0').peer = undefined));
    expect(key(noPeer, 'veth0-1', 'ns0')).toContain('veth0-1 is DOWN in ns0');
    const dummy = edited('diag-moved-down', (s) => (link(s, 'veth0-1', 'ns0').kind = 'dummy'));
    expect(key(dummy, 'veth0-1', 'ns0')).toContain('veth0-1 is DOWN in ns0');
  });

  it('downFinding takes the weight it is given', () => {
    const state = fixture('diag-bridge-down');
    const ctx = new Ctx(inputOf({ state }));
    expect(downFinding(ctx, link(state, 'br0'), 78)).toEqual({ id: 'linkdown:host:br0', weight: 78, text: 'The bridge br0 is DOWN: a bridge is created down and stays down, whatever its ports do, until it is set up.' });
    expect(ctx.fixes.get('The bridge br0 is DOWN: a bridge is created down and stays down, whatever its ports do, until it is set up.')).toBe('ip link set up br0');
  });

  it('silent when it is up, missing, not wanted up, or should be gone', () => {
    expect(direct(linkDown, { state: fixture('state-across-ns0'), failed: [exp.link('veth0-1', 'ns0', { up: true })] })).toEqual([]);
    expect(direct(linkDown, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-9', 'ns0', { up: true })] })).toEqual([]);
    expect(direct(linkDown, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'ns0')] })).toEqual([]);
    expect(direct(linkDown, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'ns0', { up: false })] })).toEqual([]);
    expect(direct(linkDown, { state: fixture('diag-moved-down'), failed: [exp.link('veth0-1', 'ns0', { exists: false, up: true })] })).toEqual([]);
  });
});

describe('linkUnexpectedlyUp', () => {
  it('sets it down: exact text, fix, id and weight', () => {
    const fs = direct(linkUnexpectedlyUp, { state: fixture('state-across-ns0'), failed: [exp.link('lo', 'ns0', { up: false })] });
    expect(fs).toEqual([{ id: 'linkup:ns0:lo', weight: 65, text: 'lo is still UP in ns0.', fix: 'ip netns exec ns0 ip link set down lo' }]);
  });

  it('silent when it is down, missing, not wanted down, or should be gone', () => {
    expect(direct(linkUnexpectedlyUp, { state: fixture('diag-moved-down'), failed: [exp.link('lo', 'ns0', { up: false })] })).toEqual([]);
    expect(direct(linkUnexpectedlyUp, { state: fixture('state-across-ns0'), failed: [exp.link('lo9', 'ns0', { up: false })] })).toEqual([]);
    expect(direct(linkUnexpectedlyUp, { state: fixture('state-across-ns0'), failed: [exp.link('lo', 'ns0')] })).toEqual([]);
    expect(direct(linkUnexpectedlyUp, { state: fixture('state-across-ns0'), failed: [exp.link('lo', 'ns0', { up: true })] })).toEqual([]);
    expect(direct(linkUnexpectedlyUp, { state: fixture('state-across-ns0'), failed: [exp.link('lo', 'ns0', { exists: false, up: false })] })).toEqual([]);
  });
});

describe('commandInWrongNamespace', () => {
  const want = exp.link('lo', 'ns0', { up: true });

  it('lo brought up in the host instead of ns0: exact text, fix, id, weight and covers', () => {
    const fs = direct(commandInWrongNamespace, { state: fixture('diag-lo-down'), failed: [want], commands: [ran('ip link set up lo')] });
    expect(fs).toEqual([
      {
        id: 'wrongns:ns0:lo',
        weight: 94,
        covers: ['linkdown:ns0:lo'],
        text: '`ip link set up lo` ran in the host namespace, which has its own lo; the lo in ns0 is a different interface and was not touched. Each namespace has its own interfaces, even its own lo.',
        fix: 'ip netns exec ns0 ip link set up lo',
      },
    ]);
  });

  it('repeats the learner’s flags, or sets it up when there were none; one finding for several commands', () => {
    const fs = direct(commandInWrongNamespace, { state: fixture('diag-lo-down'), failed: [want], commands: [ran('ip link set lo down; ip link set lo up')] });
    expect(fs).toHaveLength(1);
    expect(fs[0].text).toContain('`ip link set lo down` ran in the host namespace');
    expect(fs[0].fix).toBe('ip netns exec ns0 ip link set down lo');
    const [g] = direct(commandInWrongNamespace, { state: fixture('diag-lo-down'), failed: [want], commands: [ran('ip link set lo mtu 1400')] });
    expect(g.fix).toBe('ip netns exec ns0 ip link set up lo');
    const [h] = direct(commandInWrongNamespace, { state: fixture('diag-lo-down'), failed: [want], commands: [ran('ip link set lo nomaster up')] });
    expect(h.fix).toBe('ip netns exec ns0 ip link set nomaster up lo');
  });

  it('silent for commands in the right namespace, other commands, a namespace without that interface, a missing target', () => {
    const state = fixture('diag-lo-down');
    expect(direct(commandInWrongNamespace, { state, failed: [want], commands: [ran('ip -n ns0 link set up lo')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [want], commands: [ran('ip link show lo; ping -c 1 127.0.0.1')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [want], commands: [ran('ip address set dev lo')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [want], commands: [ran('ip -n ns7 link set up lo')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [want], commands: [ran('ip addr add 127.0.0.2/8 dev lo')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [want], commands: [ran('ip link set up veth0-0')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [exp.link('veth0-1', 'ns0', { up: true })], commands: [ran('ip link set up veth0-1')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [exp.link('lo', 'ns5', { up: true })], commands: [ran('ip link set up lo')] })).toEqual([]);
    expect(direct(commandInWrongNamespace, { state, failed: [exp.link('lo', 'ns0', { exists: false })], commands: [ran('ip link set up lo')] })).toEqual([]);
  });
});

describe('namespaceState', () => {
  it('missing, near, or still there: exact text, fix, id and weight', () => {
    expect(direct(namespaceState, { state: fixture('state-veth-pair'), failed: [exp.netns('ns0')] })).toEqual([{ id: 'ns:ns0', weight: 65, text: 'Namespace ns0 does not exist yet. `ip netns exec`, `ip -n` and `ip link set … netns` only find namespaces created with `ip netns add`, which pins them under /run/netns. Create it first.', fix: 'ip netns add ns0' }]);
    const near = edited('state-veth-pair', (s) => (s.namespaces = ['ns1']));
    expect(direct(namespaceState, { state: near, failed: [exp.netns('ns0')] })).toEqual([{ id: 'ns:ns0', weight: 75, text: 'There is no namespace ns0, but there is ns1: a typo?', fix: 'ip netns add ns0' }]);
    expect(direct(namespaceState, { state: fixture('state-across-ns0'), failed: [exp.netns('ns0', false)] })).toEqual([{ id: 'ns:ns0', weight: 65, text: 'Namespace ns0 still exists.', fix: 'ip netns del ns0' }]);
  });

  it('silent without a failed namespace check', () => {
    expect(direct(namespaceState, { state: fixture('state-veth-pair'), failed: [exp.link('ns0')], passed: [exp.netns('ns0')] })).toEqual([]);
  });
});

describe('a pair whose second end got another name (10.1: `peer name eth1` where both ends are eth0)', () => {
  const end = (ns: string, name: string, ifindex: number, peer: { ns: string; ifindex: number }): LinkState => ({ ns, ifindex, name, kind: 'veth', mac: `02:00:00:00:00:0${ifindex}`, up: false, carrier: false, operstate: 'DOWN', addrs: [], peer });
  const state = (): LabState => ({ namespaces: ['hosta', 'hostb'], links: [end('hosta', 'eth0', 2, { ns: 'hostb', ifindex: 3 }), end('hostb', 'eth1', 3, { ns: 'hosta', ifindex: 2 })], neigh: [], fdb: [], routes: [] });
  const c = { state: state(), failed: [exp.link('eth0', 'hostb')], passed: [exp.link('eth0', 'hosta')] };

  it('peerMisnamed: rename the other end, in its namespace; exact text, fix, id, weight and covers', () => {
    expect(direct(peerMisnamed, c)).toEqual([
      {
        id: 'misnamed:hostb:eth0',
        weight: 88,
        text: 'In hostb, the other end of eth0 is called eth1, and the step wants it named eth0. Rename it.',
        fix: 'ip netns exec hostb ip link set dev eth1 name eth0',
        covers: ['missing:hostb:eth0', 'where:eth0'],
      },
    ]);
    expect(direct(peerMisnamed, { ...c, lang: 'zh' })[0].text).toBe('hostb 里，eth0 的另一端叫 eth1，而这一步要它叫 eth0。给它改个名。');
  });

  it('the link found elsewhere is wanted where it is: no rule moves it, and no "wrong end" is said', () => {
    expect(direct(wrongVethEndMoved, c)).toEqual([]);
    expect(direct(linkInOtherNamespace, c)).toEqual([]);
  });

  it('peerMisnamed stays quiet when its assumptions fail', () => {
    // The peer is not wanted where it is; the link there is itself wanted; the wanted name is there already; not a veth.
    expect(direct(peerMisnamed, { state: state(), failed: [exp.link('eth0', 'hostb')] })).toEqual([]);
    expect(direct(peerMisnamed, { ...c, passed: [...c.passed, exp.link('eth1', 'hostb')] })).toEqual([]);
    expect(direct(peerMisnamed, { ...c, failed: [exp.link('eth0', 'hostb', { up: true })], state: { ...state(), links: [...state().links, { ...end('hostb', 'eth0', 4, { ns: 'hosta', ifindex: 2 }) }] } })).toEqual([]);
    const notVeth = state();
    notVeth.links[1].kind = 'dummy';
    expect(direct(peerMisnamed, { ...c, state: notVeth })).toEqual([]);
    expect(direct(peerMisnamed, { ...c, failed: [exp.link('eth0', 'hostb', { exists: false })] })).toEqual([]);
  });
});

