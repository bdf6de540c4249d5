// What a fix command would change (src/explain/effects.ts), read from the command alone, and an explanation as Markdown (present.ts).
import { describe, expect, it } from 'vitest';
import { contradicts, effectsOf, impliedBy } from '../../../src/explain/effects.js';
import { explanationMarkdown } from '../../../src/explain/present.js';

const fx = (cmd: string) => effectsOf(cmd).map((e) => `${e.object} ${e.property}=${e.value}`);

describe('effectsOf', () => {
  it('brctl: bridges made and removed, ports added and taken off; anything else changes nothing', () => {
    expect(fx('brctl addbr br0')).toEqual(['link:host/br0 exists=1']);
    expect(fx('brctl delbr br0')).toEqual(['link:host/br0 exists=0']);
    expect(fx('brctl addif br0 veth0-0')).toEqual(['link:host/veth0-0 master=br0']);
    expect(fx('brctl delif br0 veth0-0')).toEqual(['link:host/veth0-0 master=']);
    expect([fx('brctl show'), fx('brctl addbr'), fx('brctl addif br0'), fx('brctl delif br0'), fx('brctl delbr')]).toEqual([[], [], [], [], []]);
  });

  it('ip netns add and delete; other netns verbs and a missing name change nothing', () => {
    expect(fx('ip netns add ns0')).toEqual(['netns:ns0 exists=1']);
    expect(fx('ip netns del ns0')).toEqual(['netns:ns0 exists=0']);
    expect([fx('ip netns list'), fx('ip netns add'), fx('ip netns exec ns0 true')]).toEqual([[], [], []]);
  });

  it('ip link: add (both ends of a pair), delete, and each property set changes', () => {
    expect(fx('ip link add veth0-0 type veth peer name veth0-1')).toEqual(['link:host/veth0-0 exists=1', 'link:host/veth0-1 exists=1']);
    expect(fx('ip link add br0 type bridge')).toEqual(['link:host/br0 exists=1']);
    expect(fx('ip link add name br1 type bridge')).toEqual(['link:host/br1 exists=1']);
    expect(fx('ip link del veth0-0')).toEqual(['link:host/veth0-0 exists=0']);
    expect(fx('ip link set veth0-0 up')).toEqual(['link:host/veth0-0 up=1']);
    expect(fx('ip link set dev veth0-0 down')).toEqual(['link:host/veth0-0 up=0']);
    expect(fx('ip link set veth0-0 nomaster')).toEqual(['link:host/veth0-0 master=']);
    expect(fx('ip link set veth0-0 master br0')).toEqual(['link:host/veth0-0 master=br0']);
    expect(fx('ip link set veth0-1 netns ns0')).toEqual(['link:*/veth0-1 ns=ns0']);
    expect(fx('ip link set veth0-1 netns 1')).toEqual(['link:*/veth0-1 ns=host']);
    expect(fx('ip link set veth0-0 name v0')).toEqual(['link:host/veth0-0 exists=0', 'link:host/v0 exists=1']);
    expect(fx('ip link set veth0-0 up master br0')).toEqual(['link:host/veth0-0 up=1', 'link:host/veth0-0 master=br0']);
    expect([fx('ip link show veth0-0'), fx('ip link set'), fx('ip link add type dummy'), fx('ip link set veth0-0 mtu 1400')]).toEqual([[], [], [], []]);
  });

  it('in a namespace, the objects are that namespace’s', () => {
    expect(fx('ip netns exec ns0 ip link set lo up')).toEqual(['link:ns0/lo up=1']);
    expect(fx('ip -n ns0 addr add 10.0.0.1/24 dev veth0-1')).toEqual(['addr:ns0/veth0-1/10.0.0.1 exists=1']);
  });

  it('addresses and routes', () => {
    expect(fx('ip addr add 192.168.100.1/24 dev br0')).toEqual(['addr:host/br0/192.168.100.1 exists=1']);
    expect(fx('ip addr del 192.168.100.1/24 dev veth0-0')).toEqual(['addr:host/veth0-0/192.168.100.1 exists=0']);
    expect([fx('ip addr show'), fx('ip addr add 192.168.100.1/24')]).toEqual([[], []]);
    // A flush of the whole device removes every address on it; one narrowed by scope or prefix is not modelled.
    expect(fx('ip -n ns0 addr flush dev br0')).toEqual(['addr:ns0/br0/* exists=0']);
    expect([fx('ip addr flush dev br0 scope global'), fx('ip addr flush dev br0 to 10.0.0.0/8'), fx('ip addr flush')]).toEqual([[], [], []]);
    expect(fx('ip route add 10.0.1.0/24 via 10.0.0.1')).toEqual(['route:host/10.0.1.0/24 via=10.0.0.1/']);
    expect(fx('ip route replace 10.0.1.0/24 dev veth0-0')).toEqual(['route:host/10.0.1.0/24 via=/veth0-0']);
    expect(fx('ip route del 10.0.1.0/24')).toEqual(['route:host/10.0.1.0/24 via=']);
    expect([fx('ip route show'), fx('ip route add')]).toEqual([[], []]);
  });

  it('a command line: every simple command, the later change of a property winning', () => {
    expect(fx('ip link set veth0-0 up && ip link set veth0-0 down; ip netns add ns1')).toEqual(['link:host/veth0-0 up=0', 'netns:ns1 exists=1']);
    expect(fx('echo hello; ping -c 1 10.0.0.1')).toEqual([]);
  });
});

describe('impliedBy', () => {
  const e = (object: string, value: string, property = 'exists') => ({ object, property, value });
  it('the last change of that property decides, a wildcard one included', () => {
    expect(impliedBy([e('addr:host/d/*', '0')], e('addr:host/d/10.0.0.1', '0'))).toBe(true);
    expect(impliedBy([e('addr:host/d/*', '0'), e('addr:host/d/10.0.0.1', '1')], e('addr:host/d/10.0.0.1', '0'))).toBe(false);
    expect(impliedBy([e('addr:host/d/10.0.0.1', '1'), e('addr:host/d/*', '0')], e('addr:host/d/10.0.0.1', '0'))).toBe(true);
    expect(impliedBy([e('addr:host/d/*', '0')], e('addr:host/dd/10.0.0.1', '0'))).toBe(false);
    expect(impliedBy([e('addr:host/d/*', '0')], e('addr:ns0/d/10.0.0.1', '0'))).toBe(false);
    expect(impliedBy([e('link:host/d', '1', 'up')], e('link:host/d', '1', 'exists'))).toBe(false);
    expect(impliedBy([], e('link:host/d', '1'))).toBe(false);
    expect(impliedBy([e('link:host/d', '1', 'up')], e('link:host/d', '1', 'up'))).toBe(true);
  });
});

describe('contradicts', () => {
  it('only the same property of the same object set to different values', () => {
    const up = effectsOf('ip link set veth0-0 up');
    expect(contradicts(up, effectsOf('ip link set veth0-0 down'))).toBe(true);
    expect(contradicts(up, up)).toBe(false);
    expect(contradicts(up, effectsOf('ip link set veth0-1 down'))).toBe(false);
    expect(contradicts(up, effectsOf('ip link set veth0-0 master br0'))).toBe(false);
    expect(contradicts([], up)).toBe(false);
    expect(contradicts(effectsOf('ip link set veth0-1 netns ns0'), effectsOf('ip link set veth0-1 netns ns1'))).toBe(true);
  });
});

describe('explanationMarkdown', () => {
  it('the diagnosis, then the proven fix on its own line; no fix, no line', () => {
    expect(explanationMarkdown({ text: 'veth0-0 is down.', fix: 'ip link set up veth0-0', source: 'builtin' }, 'en')).toBe('veth0-0 is down.\nFix: `ip link set up veth0-0`');
    expect(explanationMarkdown({ text: 'veth0-0 is down.', source: 'builtin' }, 'en')).toBe('veth0-0 is down.');
    expect(explanationMarkdown({ text: 'x', fix: 'y', source: 'lesson' }, 'zh')).toMatch(/^x\n.*`y`/);
    expect(explanationMarkdown({ text: 'x', fix: 'y', source: 'lesson' }, 'zh')).not.toBe(explanationMarkdown({ text: 'x', fix: 'y', source: 'lesson' }, 'en'));
  });
});
