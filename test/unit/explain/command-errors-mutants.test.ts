/** What the command-error rules (src/explain/rules/command-errors.ts) make of failed commands' output: which segment, which finding, its text, fix, weight and id. */
import { describe, expect, it } from 'vitest';
import {
  addressAlreadyAssigned,
  addressNotFound,
  alreadyBridgePort,
  alreadyExists,
  commandNotFound,
  deviceNotFound,
  iprouteEquivalent,
  namespaceNotFound,
  operationNotPermitted,
} from '../../../src/explain/rules/command-errors.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { direct, edited, exp, fixture, link, ran, step } from './helpers.js';


function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  return { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, ...o };
}

describe('iprouteEquivalent', () => {
  it('brctl subcommands with their arguments, and nothing without them', () => {
    expect(iprouteEquivalent(['brctl', 'addbr', 'br0'])).toBe('ip link add br0 type bridge');
    expect(iprouteEquivalent(['brctl', 'delbr', 'br0'])).toBe('ip link del br0');
    expect(iprouteEquivalent(['brctl', 'addif', 'br0', 'veth0-0'])).toBe('ip link set veth0-0 master br0');
    expect(iprouteEquivalent(['brctl', 'delif', 'br0', 'veth0-0'])).toBe('ip link set veth0-0 nomaster');
    expect(iprouteEquivalent(['brctl', 'show'])).toBe('bridge link show');
    expect(iprouteEquivalent(['brctl', 'show', 'br0'])).toBe('bridge link show master br0');
    expect(iprouteEquivalent(['brctl', 'showmacs', 'br0'])).toBe('bridge fdb show br br0');
    for (const argv of [['brctl', 'addbr'], ['brctl', 'delbr'], ['brctl', 'addif', 'br0'], ['brctl', 'delif', 'br0'], ['brctl', 'showmacs'], ['brctl', 'stp', 'br0', 'on'], ['brctl']]) expect(iprouteEquivalent(argv), argv.join(' ')).toBeUndefined();
  });

  it('net-tools programs, whatever their arguments; other programs have none', () => {
    expect(iprouteEquivalent(['ifconfig', '-a'])).toBe('ip addr show');
    expect(iprouteEquivalent(['arp', '-n'])).toBe('ip neigh show');
    expect(iprouteEquivalent(['route', 'show'])).toBe('ip route show');
    expect(iprouteEquivalent(['route', 'delif', 'a', 'b'])).toBe('ip route show');
    expect(iprouteEquivalent(['ip', 'link'])).toBeUndefined();
  });
});

describe('commandNotFound', () => {
  const state = fixture('state-empty');
  const notFound = (line: string) => direct(commandNotFound, { state, commands: [ran('brctl addbr br0', 127, `${line}\n`)] });

  it('reads every shell’s way of saying it, and nothing else', () => {
    for (const line of ['sh: 1: brctl: not found', '/bin/sh: 1: brctl: not found', 'bash: brctl: command not found', 'bash: line 12: brctl: command not found', 'sh: 12: brctl: not found', 'brctl: command not found']) {
      const fs = notFound(line);
      expect(fs.map((f) => [f.id, f.weight, f.fix]), line).toEqual([['notfound:brctl', 85, 'ip link add br0 type bridge']]);
    }
    expect(notFound('RTNETLINK answers: not found')).toEqual([]);
  });

  it('one finding per program, however many lines say it', () => {
    expect(direct(commandNotFound, { state, commands: [ran('brctl addbr br0; brctl addbr br1', 127, 'sh: 1: brctl: not found\nsh: 1: brctl: not found\n')] })).toHaveLength(1);
  });

  it('the iprouteEquivalent comes from the part of the line that ran the missing program, in that command', () => {
    const fs = direct(commandNotFound, { state, commands: [ran('brctl addbr br1', 0), ran('echo start; ip netns exec ns0 brctl addif br0 veth0-1', 127, 'sh: 1: brctl: not found\n')] });
    expect(fs.map((f) => f.fix)).toEqual(['ip netns exec ns0 ip link set veth0-1 master br0']);
  });

  it('a missing program without an iproute2 equivalent: install it, no fix', () => {
    const [f] = direct(commandNotFound, { state, commands: [ran('brctl stp br0 on', 127, 'sh: 1: brctl: not found\n')] });
    expect(f.text).toBe('brctl is not installed on this machine (the shell answered "not found"). It comes in the bridge-utils package (Fedora: bridge-utils); install it outside the tutor with `sudo apt-get install bridge-utils`.');
    expect(f.fix).toBeUndefined();
  });

  it('a typo inside a script: the program it meant, not another command of the step', () => {
    const [f] = direct(commandNotFound, { state, commands: [ran('ip link show'), ran('./setup.sh', 127, './setup.sh: 3: brtcl: not found\n')] });
    expect(f.text).toContain('you probably meant brctl');
    expect(`${f.text} ${f.fix ?? ''}`).not.toContain('ip link show');
  });
});

describe('operationNotPermitted', () => {
  const state = fixture('state-empty');

  it('a sudo anywhere in the line is what was refused, even when the error does not say sudo', () => {
    const fs = direct(operationNotPermitted, { state, commands: [ran('ip link show'), ran('echo hi; sudo ip link add br0 type bridge', 2, 'RTNETLINK answers: Operation not permitted\n')] });
    expect(fs).toEqual([{ id: 'eperm:1', weight: 85, text: expect.stringContaining('Run the command without sudo') as unknown as string, fix: 'ip link add br0 type bridge' }]);
  });

  it('no sudo in the command that failed: the ip, brctl or bridge part of it is named', () => {
    for (const [line, part] of [
      ['echo go && ip link add br0 type bridge', 'ip link add br0 type bridge'],
      ['echo go && brctl addbr br0', 'brctl addbr br0'],
      ['echo go && bridge fdb add 02:00:00:00:00:01 dev veth0-0', 'bridge fdb add 02:00:00:00:00:01 dev veth0-0'],
    ]) {
      const fs = direct(operationNotPermitted, { state, commands: [ran('sudo true'), ran(line, 2, 'RTNETLINK answers: Operation not permitted\n')] });
      expect(fs.map((f) => [f.id, f.weight, f.fix]), line).toEqual([['eperm:1', 70, part]]);
      expect(fs[0].text).toContain(`The kernel refused \`${part}\``);
    }
  });

  it('a sysctl key: its own id and weight', () => {
    const fs = direct(operationNotPermitted, { state, commands: [ran('true'), ran('sysctl -w kernel.x=1', 1, 'sysctl: permission denied on key "kernel.x"\n')] });
    expect(fs.map((f) => [f.id, f.weight])).toEqual([['eperm:1', 80]]);
  });
});

describe('alreadyBridgePort', () => {
  const line = (dev: string, br: string) => `device ${dev} is already a member of a bridge; can't add it to bridge ${br}.\n`;

  it('already on that very bridge: weight 60, nothing to fix', () => {
    const fs = direct(alreadyBridgePort, { state: fixture('state-bridge-broken'), commands: [ran('brctl addif br0 veth0-0', 1, line('veth0-0', 'br0'))] });
    expect(fs).toEqual([{ id: 'port:veth0-0', weight: 60, text: 'veth0-0 is already a port of br0: nothing to do. Check with `bridge link show`.', fix: undefined }]);
  });

  it('on another bridge in a namespace: taken off there first, weight 80', () => {
    const state = edited('state-across-ns0', (s) => {
      link(s, 'veth0-1', 'ns0').master = 'br1';
      s.links.push(extra(s, { ns: 'ns0', name: 'br1', kind: 'bridge' }), extra(s, { ns: 'ns0', name: 'br0', kind: 'bridge' }));
    });
    const fs = direct(alreadyBridgePort, { state, commands: [ran('ip netns exec ns0 brctl addif br0 veth0-1', 1, line('veth0-1', 'br0'))] });
    expect(fs.map((f) => [f.id, f.weight, f.fix])).toEqual([['port:veth0-1', 80, 'ip netns exec ns0 brctl delif br1 veth0-1 && brctl addif br0 veth0-1']]);
  });

  it('says nothing when the lab shows no such port, or no such interface', () => {
    expect(direct(alreadyBridgePort, { state: fixture('state-across-ns0'), commands: [ran('brctl addif br0 veth0-0', 1, line('veth0-0', 'br0'))] })).toEqual([]);
    expect(direct(alreadyBridgePort, { state: fixture('state-across-ns0'), commands: [ran('brctl addif br0 veth9', 1, line('veth9', 'br0'))] })).toEqual([]);
  });
});

describe('addressNotFound', () => {
  it('reads only the ip addr del with an address and a device, in the command that failed', () => {
    const state = edited('state-veth-pair', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 24 }]));
    const fs = direct(addressNotFound, {
      state,
      commands: [
        ran('ip addr del 192.168.100.2/24 dev veth0-1'),
        ran('echo a; ip link show; ip addr show dev veth0-0; ip addr add 10.1.1.1/24 dev veth0-0; ip addr del 10.2.2.2/24; ip addr del dev veth0-0; ip addr del 192.168.100.1/32 dev veth0-0', 2, 'Error: ipv4: Address not found.\n'),
      ],
    });
    expect(fs.map((f) => [f.id, f.weight, f.fix])).toEqual([['addrdel:host:192.168.100.1', 80, 'ip addr del 192.168.100.1/24 dev veth0-0']]);
    expect(fs[0].text).toBe('veth0-0 has 192.168.100.1/24, not 192.168.100.1/32: `ip addr del` must name the address with the prefix it really has.');
  });

  it('the same interface name in another namespace is another interface', () => {
    const fs = direct(addressNotFound, { state: fixture('diag-routed-wrong-gateway'), commands: [ran('ip -n c2 addr del 10.0.1.2/24 dev eth0', 2, 'Error: ipv4: Address not found.\n')] });
    expect(fs.map((f) => f.fix)).toEqual(['ip netns exec c1 ip addr del 10.0.1.2/24 dev eth0']);
    expect(fs[0].text).toContain('10.0.1.2 is on eth0 in c1, not in c2');
  });

  it('on another interface of the same namespace: the fix deletes it there', () => {
    const [f] = direct(addressNotFound, { state: fixture('state-bridge-fixed'), commands: [ran('ip addr del 192.168.100.1/24 dev veth0-0', 2, 'Error: ipv4: Address not found.\n')] });
    expect(f.fix).toBe('ip addr del 192.168.100.1/24 dev br0');
    expect(f.id).toBe('addrdel:host:192.168.100.1');
  });
});

describe('addressAlreadyAssigned', () => {
  it('reads only the ip addr add of the command that failed, and its ids', () => {
    const state = edited('state-veth-pair', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 32 }]));
    const fs = direct(addressAlreadyAssigned, {
      state,
      commands: [
        ran('ip addr add 192.168.100.2/24 dev veth0-1'),
        ran('echo a; ip link show; ip addr del 192.168.100.2/24 dev veth0-1; ip addr add 192.168.100.2/24; ip addr add dev veth0-1; ip addr add 192.168.100.1/24 dev veth0-0', 2, 'Error: ipv4: Address already assigned.\n'),
      ],
    });
    expect(fs.map((f) => [f.id, f.weight])).toEqual([['addrexists:host:veth0-0:192.168.100.1', 80]]);
    const same = direct(addressAlreadyAssigned, { state: fixture('state-veth-pair'), commands: [ran('ip addr add 192.168.100.1/24 dev veth0-0', 2, 'Error: ipv4: Address already assigned.\n')] });
    expect(same.map((f) => [f.id, f.weight])).toEqual([['addrexists:host:veth0-0:192.168.100.1', 60]]);
  });

  it('nothing when the interface does not hold that address, or does not exist', () => {
    for (const cmd of ['ip addr add 192.168.100.7/24 dev veth0-0', 'ip addr add 192.168.100.1/24 dev veth9']) expect(direct(addressAlreadyAssigned, { state: fixture('state-veth-pair'), commands: [ran(cmd, 2, 'Error: ipv4: Address already assigned.\n')] }), cmd).toEqual([]);
  });
});

describe('alreadyExists', () => {
  const exists = 'RTNETLINK answers: File exists\n';

  it('a namespace: its id', () => {
    const [f] = direct(alreadyExists, { state: fixture('state-across-ns0'), commands: [ran('ip netns add ns0', 1, 'Cannot create namespace file "/run/netns/ns0": File exists\n')] });
    expect([f.id, f.weight, f.fix]).toEqual(['nsexists:ns0', 70, 'ip netns del ns0']);
  });

  it('brctl addbr: in the namespace the command ran in, or the host when no part of it names the bridge', () => {
    const state = edited('state-across-ns0', (s) => s.links.push(extra(s, { ns: 'ns0', name: 'br0', kind: 'bridge' })));
    const line = "device br0 already exists; can't create bridge with the same name\n";
    const [f] = direct(alreadyExists, { state, commands: [ran('ip netns exec ns0 brctl addbr br0', 1, line)] });
    expect([f.id, f.fix]).toEqual(['exists:ns0:br0', 'ip netns exec ns0 ip link del br0']);
    expect(f.text).toContain('br0 already exists in ns0');
    const [g] = direct(alreadyExists, { state, commands: [ran('./mkbridge.sh', 1, line)] });
    expect([g.id, g.fix]).toEqual(['exists:host:br0', 'ip link del br0']);
    expect(g.text).toContain('br0 already exists in the host namespace');
  });

  it('ip link add: names the end that exists (the peer here), in the command that failed only', () => {
    const state = edited('state-veth-pair', (s) => (s.links = s.links.filter((l) => l.name !== 'veth0-0')));
    const fs = direct(alreadyExists, { state, commands: [ran('ip link add dummy0 type dummy'), ran('echo x && ip link add veth0-0 type veth peer name veth0-1', 2, exists)] });
    expect(fs.map((f) => [f.id, f.weight, f.fix])).toEqual([['exists:host:veth0-1', 70, 'ip link del veth0-1']]);
    expect(fs[0].text).toContain('veth0-1 already exists in the host namespace');
  });

  it('a name that does not exist yet is still the one blamed when nothing else does; none, no finding', () => {
    const fs = direct(alreadyExists, { state: fixture('state-empty'), commands: [ran('ip link add veth5 type veth peer name veth6', 2, exists)] });
    expect(fs.map((f) => f.id)).toEqual(['exists:host:veth5']);
    expect(direct(alreadyExists, { state: fixture('state-empty'), commands: [ran('ip link add type dummy', 2, exists)] })).toEqual([]);
  });

  it('a veth with one name twice: the next number, however many digits', () => {
    const [f] = direct(alreadyExists, { state: fixture('state-empty'), commands: [ran('ip link add veth19 type veth peer name veth19', 2, exists)] });
    expect(f.fix).toBe('ip link add veth19 type veth peer name veth20');
  });

  it('a rename and a route: ids, weights and the look-only commands in the text; other verbs give nothing', () => {
    const [r] = direct(alreadyExists, { state: fixture('state-veth-pair'), commands: [ran('ip link set veth0-0 name veth0-1', 2, exists)] });
    expect([r.id, r.weight]).toEqual(['exists:host:veth0-1', 70]);
    expect(r.text).toContain('`ip -br link`');
    const [q] = direct(alreadyExists, { state: fixture('state-across-ns0'), commands: [ran('ip -n ns0 route add 192.168.100.0/24 dev veth0-1', 2, exists)] });
    expect([q.id, q.weight]).toEqual(['routeexists:ns0', 65]);
    expect(q.text).toContain('`ip netns exec ns0 ip route show`');
    for (const cmd of ['ip route del 10.0.0.0/24', 'ip addr add 10.0.0.1/24 dev veth0-0 name x', 'ip neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev veth0-0']) expect(direct(alreadyExists, { state: fixture('state-veth-pair'), commands: [ran(cmd, 2, exists)] }), cmd).toEqual([]);
  });
});

describe('namespaceNotFound', () => {
  it('a name that is an interface is left to netnsReversed', () => {
    expect(direct(namespaceNotFound, { state: fixture('state-across-ns0'), commands: [ran('ip netns exec veth0-0 ip link show', 1, 'Cannot open network namespace "veth0-0": No such file or directory\n')] })).toEqual([]);
  });

  it('a misspelt namespace covers the move findings only for ip link set … netns', () => {
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['ns0']));
    const [move] = direct(namespaceNotFound, { state, commands: [ran('ip link set veth0-1 netns nso', 255, 'Error: argument "nso" is wrong: Invalid "netns" value\n')] });
    expect([move.id, move.weight, move.covers]).toEqual(['ns:nso', 86, ['where:veth0-1', 'extra:host:veth0-1']]);
    for (const cmd of ['ip netns exec nso ip link show veth0-1', 'ip netns exec nso ping -c 1 192.168.100.1', 'ip netns exec nso ip addr add 10.0.0.1/24 dev veth0-1']) {
      const fs = direct(namespaceNotFound, { state, commands: [ran(cmd, 1, 'Cannot open network namespace "nso": No such file or directory\n')] });
      expect(fs.map((f) => [f.id, f.covers]), cmd).toEqual([['ns:nso', []]]);
    }
  });
});

describe('deviceNotFound', () => {
  const cannot = (dev: string) => `Cannot find device "${dev}"\n`;

  it('the step’s creator of a missing device: ip link add name …, or exactly brctl addbr of that name', () => {
    const a = direct(deviceNotFound, { state: fixture('state-empty'), reference: ['ip link add name br0 type bridge'], commands: [ran('ip link set up br0', 1, cannot('br0'))] });
    expect(a.map((f) => [f.id, f.weight, f.fix])).toEqual([['dev:host:br0', 60, 'ip link add name br0 type bridge']]);
    const b = direct(deviceNotFound, { state: fixture('state-empty'), reference: ['echo addbr br0', 'tcpdump -i br0', 'brctl addif br0 veth0-0', 'brctl addbr br1', 'brctl addbr br0'], commands: [ran('ip link set up br0', 1, cannot('br0'))] });
    expect(b.map((f) => f.fix)).toEqual(['brctl addbr br0']);
  });

  it('says nothing for a command with no words, a namespace that does not exist, a device that is there after all, or a namespace name', () => {
    const state = fixture('state-across-ns0');
    for (const [cmd, dev] of [
      ['', 'veth0-1'],
      ['ip netns exec ns9 ip link set up veth0-1', 'veth0-1'],
      ['ip link set up veth0-0', 'veth0-0'],
      ['ip link set ns0 netns veth0-0', 'ns0'],
    ]) expect(direct(deviceNotFound, { state, commands: [ran(cmd, 1, cannot(dev))] }), cmd).toEqual([]);
  });

  it('the namespace the step names decides between two interfaces of one name, whichever expectation names it', () => {
    const state = fixture('diag-routed-wrong-gateway');
    const cmd = [ran('ip link set up eth0', 1, cannot('eth0'))];
    const byName = direct(deviceNotFound, { state, failed: [exp.link('eth0', 'c2'), exp.link('lo', 'c1'), exp.addr('10.0.1.9/24', 'lo', 'c1')], commands: cmd });
    expect(byName.map((f) => f.fix)).toEqual(['ip netns exec c2 ip link set up eth0']);
    expect(direct(deviceNotFound, { state, commands: cmd })).toEqual([]);
  });

  it('already moved: look at it where it is', () => {
    const [f] = direct(deviceNotFound, { state: fixture('state-across-ns0'), commands: [ran('ip link set veth0-1 netns ns0', 1, cannot('veth0-1'))] });
    expect(f.text).toContain('`ip netns exec ns0 ip link show veth0-1`');
    const [g] = direct(deviceNotFound, { state: fixture('state-across-ns0'), commands: [ran('ip link add link veth0-1 name mv0 netns ns0 type macvlan', 1, cannot('veth0-1'))] });
    expect(g.text).not.toContain('already in ns0');
  });

  it('a bridge of that name on both sides does not hold the port back: run it over there', () => {
    const state = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'br0', kind: 'bridge' }), extra(s, { ns: 'ns0', name: 'br0', kind: 'bridge' })));
    const [f] = direct(deviceNotFound, { state, commands: [ran('ip link set veth0-1 master br0', 1, cannot('veth0-1'))] });
    expect(f.fix).toBe('ip netns exec ns0 ip link set veth0-1 master br0');
    expect(f.text).toContain('ran in the host namespace, but veth0-1 is in ns0');
  });

  it('a typo: the interface the goal names (if it exists) wins over other near names', () => {
    const cmd = [ran('ip addr add 192.168.100.1/24 dev veth0-7', 2, cannot('veth0-7'))];
    const fs = direct(deviceNotFound, { state: fixture('state-veth-pair'), failed: [exp.addr('192.168.100.1/24', 'veth0-9'), exp.addr('192.168.100.1/24', 'veth0-0')], commands: cmd });
    expect(fs.map((f) => [f.weight, f.fix])).toEqual([[80, 'ip addr add 192.168.100.1/24 dev veth0-0']]);
  });

  it('a typo for an interface of another namespace is run there', () => {
    const [f] = direct(deviceNotFound, { state: fixture('diag-routed-wrong-gateway'), commands: [ran('ip link set up r-c3', 1, cannot('r-c3'))] });
    expect(f.fix).toBe('ip netns exec router ip link set up r-c1');
  });
});
