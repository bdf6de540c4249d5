import { describe, expect, it } from 'vitest';
import { commandErrorRules } from '../../../src/explain/rules/command-errors.js';
import { edited, exp, familyTracker, fixture, link, ran, step } from './helpers.js';

const t = familyTracker(commandErrorRules);

describe('deviceNotFound', () => {
  it('names the namespace the interface is really in, with the ip netns exec form', () => {
    const text = t.by('deviceNotFound', { state: fixture('state-across-ns0'), commands: [ran('ip link set up veth0-1', 1, 'Cannot find device "veth0-1"\n')] });
    expect(text).toContain('veth0-1 is in ns0');
    expect(text).toContain('`ip netns exec ns0 ip link set up veth0-1`');
  });

  it('finds the error after 40,000 lines of other output, reading only the first and last lines of it', async () => {
    const noise = 'y\n'.repeat(40_000);
    const text = t.by('deviceNotFound', { state: fixture('state-across-ns0'), commands: [ran('yes | head -40000; ip link set up veth0-1', 1, `${noise}Cannot find device "veth0-1"\n`)] });
    expect(text).toContain('veth0-1 is in ns0');
    const { Ctx } = await import('../../../src/explain/rules/context.js');
    const ctx = new Ctx({ step: step([]), commands: [ran('yes', 1, noise + 'last words\n')], checks: [], state: fixture('state-across-ns0'), lang: 'en' });
    const lines = ctx.errorLines();
    expect(lines.length).toBe(200);
    expect(lines.at(-1)?.line).toBe('last words');
    expect(ctx.errorLines()).toBe(lines);
  });

  it('says it in Chinese too', () => {
    const text = t.by('deviceNotFound', { state: fixture('state-across-ns0'), lang: 'zh', commands: [ran('ip link set up veth0-1', 1, 'Cannot find device "veth0-1"\n')] });
    expect(text).toContain('veth0-1 在 ns0 里');
    expect(text).toContain('`ip netns exec ns0 ip link set up veth0-1`');
  });

  it('drops ip netns exec when the interface is in the host namespace', () => {
    const text = t.by('deviceNotFound', { state: fixture('state-across-ns0'), commands: [ran('ip netns exec ns0 ip addr add 192.168.100.1/24 dev veth0-0', 1, 'Cannot find device "veth0-0"\n')] });
    expect(text).toContain('veth0-0 is in the host namespace');
    expect(text).toContain('`ip addr add 192.168.100.1/24 dev veth0-0`');
  });

  it('understands ip -n NS as running in NS', () => {
    const text = t.by('deviceNotFound', { state: fixture('state-across-ns0'), commands: [ran('ip -n ns0 link set up veth0-0', 1, 'Cannot find device "veth0-0"\n')] });
    expect(text).toContain('`ip link set up veth0-0`');
  });

  it('suggests the nearest name for a typo', () => {
    const text = t.by('deviceNotFound', { state: fixture('state-veth-pair'), commands: [ran('ip link set up veth00', 1, 'Cannot find device "veth00"\n')] });
    expect(text).toMatch(/closest name is veth0-0/);
    expect(text).toContain('`ip link set up veth0-0`');
  });

  it('says the interface is missing and how the step creates it', () => {
    const text = t.by('deviceNotFound', {
      state: fixture('state-empty'),
      reference: ['ip link add veth0-0 type veth peer name veth0-1', 'ip link set up veth0-0'],
      commands: [ran('ip link set up veth0-0', 1, 'Cannot find device "veth0-0"\n')],
    });
    expect(text).toContain('No interface called veth0-0 exists anywhere');
    expect(text).toContain('`ip link add veth0-0 type veth peer name veth0-1`');
  });

  it('without a model answer, points at ip -br link', () => {
    const text = t.by('deviceNotFound', { state: fixture('state-empty'), commands: [ran('ip link show dummy7', 1, 'Device "dummy7" does not exist.\n')] });
    expect(text).toContain('`ip -br link`');
  });

  it('asks to bring the port back when the bridge is in the namespace it left', () => {
    const state = edited('diag-wrong-end', (s) => s.links.push({ ...link(s, 'lo'), ifindex: 9, name: 'br0', kind: 'bridge', addrs: [] }));
    const text = t.by('deviceNotFound', { state, commands: [ran('brctl addif br0 veth0-0', 1, 'interface veth0-0 does not exist!\n')] });
    expect(text).toContain('veth0-0 is in ns0, while br0 is in the host namespace');
    expect(text).toContain('`ip netns exec ns0 ip link set veth0-0 netns 1 && brctl addif br0 veth0-0`');
  });

  it('knows the interface was already moved', () => {
    const text = t.by('deviceNotFound', { state: fixture('state-across-ns0'), commands: [ran('ip link set veth0-1 netns ns0', 1, 'Cannot find device "veth0-1"\n')] });
    expect(text).toContain('already in ns0');
  });

  it('reads ping -I and tcpdump -i complaints', () => {
    const ping = t.by('deviceNotFound', { state: fixture('state-across-ns0'), commands: [ran('ping -c 1 -I veth0-1 192.168.100.1', 2, 'ping: SO_BINDTODEVICE veth0-1: No such device\n')] });
    expect(ping).toContain('`ip netns exec ns0 ping -c 1 -I veth0-1 192.168.100.1`');
    const dump = t.by('deviceNotFound', { state: fixture('state-across-ns0'), commands: [ran('tcpdump -n -i veth0-1', 1, 'tcpdump: veth0-1: No such device exists\n(No such device exists)\n')] });
    expect(dump).toContain('`ip netns exec ns0 tcpdump -n -i veth0-1`');
  });

  it('stays silent when the failure was what the step expected', () => {
    const fs = t.all({ state: fixture('state-across-ns0'), passed: [exp.exit('nonzero')], commands: [ran('ip link show veth0-1', 1, 'Device "veth0-1" does not exist.\n')] });
    expect(fs.map((f) => f.rule)).not.toContain('deviceNotFound');
  });
});

describe('namespaceNotFound', () => {
  it('says to create the namespace first', () => {
    const text = t.by('namespaceNotFound', { state: fixture('state-veth-pair'), commands: [ran('ip netns exec ns0 ip link set up veth0-1', 255, 'Cannot open network namespace "ns0": No such file or directory\n')] });
    expect(text).toContain('Namespace ns0 does not exist yet');
    expect(text).toContain('`ip netns add ns0`');
  });

  it('explains that host is not a namespace name and offers netns 1', () => {
    const text = t.by('namespaceNotFound', { state: fixture('state-across-ns0'), commands: [ran('ip netns exec ns0 ip link set veth0-1 netns host', 255, 'Error: argument "host" is wrong: Invalid "netns" value\n\n')] });
    expect(text).toContain('`ip netns exec ns0 ip link set veth0-1 netns 1`');
  });

  it('spots a misspelt namespace', () => {
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['ns0']));
    const text = t.by('namespaceNotFound', { state, lang: 'zh', commands: [ran('ip link set veth0-1 netns nso', 255, 'Error: argument "nso" is wrong: Invalid "netns" value\n\n')] });
    expect(text).toContain('现有的是 ns0');
    expect(text).toContain('`ip link set veth0-1 netns ns0`');
  });
});

describe('alreadyExists', () => {
  it('explains File exists for a veth pair created twice', () => {
    const text = t.by('alreadyExists', { state: fixture('state-veth-pair'), commands: [ran('ip link add veth0-0 type veth peer name veth0-1', 2, 'RTNETLINK answers: File exists\n')] });
    expect(text).toContain('veth0-0 already exists in the host namespace');
    expect(text).toContain('`ip link del veth0-0`');
  });

  it('explains a namespace created twice', () => {
    const text = t.by('alreadyExists', { state: fixture('state-across-ns0'), commands: [ran('ip netns add ns0', 1, 'Cannot create namespace file "/run/netns/ns0": File exists\n')] });
    expect(text).toContain('Namespace ns0 already exists');
    expect(text).toContain('`ip netns del ns0`');
  });

  it('reads brctl addbr of an existing bridge', () => {
    const text = t.by('alreadyExists', { state: fixture('state-bridge-broken'), commands: [ran('brctl addbr br0', 1, "device br0 already exists; can't create bridge with the same name\n")] });
    expect(text).toContain('br0 already exists');
  });

  it('catches a veth whose two ends have the same name', () => {
    const text = t.by('alreadyExists', { state: fixture('state-empty'), commands: [ran('ip link add veth1-0 type veth peer name veth1-0', 2, 'RTNETLINK answers: File exists\n')] });
    expect(text).toContain('two different names');
    expect(text).toContain('`ip link add veth1-0 type veth peer name veth1-1`');
  });

  it('explains an existing route and a rename onto a taken name', () => {
    const route = t.by('alreadyExists', { state: fixture('state-veth-pair'), commands: [ran('ip route add 192.168.100.0/24 dev veth0-0', 2, 'RTNETLINK answers: File exists\n')] });
    expect(route).toContain('The route 192.168.100.0/24 is already there');
    const rename = t.by('alreadyExists', { state: fixture('state-veth-pair'), commands: [ran('ip link set veth0-0 name veth0-1', 2, 'RTNETLINK answers: File exists\n')] });
    expect(rename).toContain('already called veth0-1');
  });
});

describe('addressAlreadyAssigned', () => {
  it('sees the same address with another prefix', () => {
    const state = edited('state-veth-pair', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 32 }]));
    const text = t.by('addressAlreadyAssigned', { state, commands: [ran('ip addr add 192.168.100.1/24 dev veth0-0', 2, 'Error: ipv4: Address already assigned.\n')] });
    expect(text).toContain('as 192.168.100.1/32');
    expect(text).toContain('`ip addr del 192.168.100.1/32 dev veth0-0 && ip addr add 192.168.100.1/24 dev veth0-0`');
  });

  it('says there is nothing to do for the very same address', () => {
    const text = t.by('addressAlreadyAssigned', { state: fixture('state-across-ns0'), commands: [ran('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1', 2, 'Error: ipv4: Address already assigned.\n')] });
    expect(text).toContain('veth0-1 already has 192.168.100.2/24');
    expect(text).toContain('`ip netns exec ns0 ip addr show dev veth0-1`');
  });
});

describe('addressNotFound', () => {
  it('names the interface that holds the address', () => {
    const text = t.by('addressNotFound', { state: fixture('state-bridge-fixed'), commands: [ran('ip addr del 192.168.100.1/24 dev veth0-0', 2, 'Error: ipv4: Address not found.\n')] });
    expect(text).toContain('192.168.100.1 is on br0, not on veth0-0');
  });

  it('gives the prefix the address really has', () => {
    const state = edited('state-veth-pair', (s) => (link(s, 'veth0-0').addrs = [{ local: '192.168.100.1', prefixlen: 32 }]));
    const text = t.by('addressNotFound', { state, commands: [ran('ip addr del 192.168.100.1/24 dev veth0-0', 2, 'Error: ipv4: Address not found.\n')] });
    expect(text).toContain('`ip addr del 192.168.100.1/32 dev veth0-0`');
  });

  it('finds the address in another namespace, or nowhere', () => {
    const other = t.by('addressNotFound', { state: fixture('state-across-ns0'), commands: [ran('ip addr del 192.168.100.2/24 dev veth0-0', 2, 'Error: ipv4: Address not found.\n')] });
    expect(other).toContain('`ip netns exec ns0 ip addr del 192.168.100.2/24 dev veth0-1`');
    const nowhere = t.by('addressNotFound', { state: fixture('diag-moved-down'), commands: [ran('ip netns exec ns0 ip addr del 192.168.100.2/24 dev veth0-1', 2, 'Error: ipv4: Address not found.\n')] });
    expect(nowhere).toContain('No interface in the lab has 192.168.100.2');
  });
});

describe('alreadyBridgePort', () => {
  it('on the same bridge: nothing to do', () => {
    const text = t.by('alreadyBridgePort', { state: fixture('state-bridge-broken'), commands: [ran('brctl addif br0 veth0-0', 1, "device veth0-0 is already a member of a bridge; can't add it to bridge br0.\n")] });
    expect(text).toContain('already a port of br0');
  });

  it('on another bridge: take it off first', () => {
    const text = t.by('alreadyBridgePort', { state: fixture('diag-wrong-bridge'), commands: [ran('brctl addif br0 veth0-0', 1, "device veth0-0 is already a member of a bridge; can't add it to bridge br0.\n")] });
    expect(text).toContain('`brctl delif br1 veth0-0 && brctl addif br0 veth0-0`');
  });
});

describe('operationNotPermitted', () => {
  it('tells to drop sudo', () => {
    const text = t.by('operationNotPermitted', { state: fixture('state-empty'), commands: [ran('sudo ip link add br0 type bridge', 127, 'sh: 1: sudo: Permission denied\n')] });
    expect(text).toContain('without sudo');
    expect(text).toContain('`ip link add br0 type bridge`');
  });

  it('explains sysctl keys outside net.*', () => {
    const text = t.by('operationNotPermitted', { state: fixture('state-empty'), commands: [ran('sysctl -w kernel.hostname=lab', 1, 'sysctl: permission denied on key "kernel.hostname"\n')] });
    expect(text).toContain('kernel.hostname');
    expect(text).toContain('net.*');
  });

  it('explains EPERM from the kernel', () => {
    const text = t.by('operationNotPermitted', { state: fixture('state-empty'), lang: 'zh', commands: [ran('ip link add veth0-0 type veth peer name veth0-1', 2, 'RTNETLINK answers: Operation not permitted\n')] });
    expect(text).toContain('CAP_NET_ADMIN');
    expect(text).toContain('内核拒绝执行');
  });
});

describe('commandNotFound', () => {
  it('names the package and the iproute2 equivalent of brctl', () => {
    const text = t.by('commandNotFound', { state: fixture('state-across-ns0'), commands: [ran('brctl addbr br0', 127, 'sh: 1: brctl: not found\n')] });
    expect(text).toContain('bridge-utils');
    expect(text).toContain('`sudo apt-get install bridge-utils`');
    expect(text).toContain('`ip link add br0 type bridge`');
  });

  it('translates brctl addif to ip link set master, in Chinese', () => {
    const text = t.by('commandNotFound', { state: fixture('state-bridge-broken'), lang: 'zh', commands: [ran('brctl addif br0 veth0-0', 127, 'sh: 1: brctl: not found\n')] });
    expect(text).toContain('没有安装 brctl');
    expect(text).toContain('`ip link set veth0-0 master br0`');
  });

  it('reads ip netns exec failures and knows tcpdump', () => {
    const text = t.by('commandNotFound', { state: fixture('state-across-ns0'), commands: [ran('ip netns exec ns0 tcpdump -i veth0-1', 1, 'exec of "tcpdump" failed: No such file or directory\n')] });
    expect(text).toContain('tcpdump is not installed');
  });

  it('knows ifconfig comes from net-tools', () => {
    const text = t.by('commandNotFound', { state: fixture('state-empty'), commands: [ran('ifconfig', 127, 'sh: 1: ifconfig: not found\n')] });
    expect(text).toContain('net-tools');
    expect(text).toContain('`ip addr show`');
  });

  it('spots a misspelt program, or says it is unknown', () => {
    const typo = t.by('commandNotFound', { state: fixture('state-empty'), commands: [ran('ipp link show', 127, 'sh: 1: ipp: not found\n')] });
    expect(typo).toContain('`ip link show`');
    const unknown = t.by('commandNotFound', { state: fixture('state-empty'), commands: [ran('frobnicate', 127, 'sh: 1: frobnicate: not found\n')] });
    expect(unknown).toContain('no program called frobnicate');
  });
});

describe('command findings hide state findings with the same fix', () => {
  it('a misspelt namespace in ip link set … netns', () => {
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['ns0']));
    const fs = t.all({ state, failed: [exp.link('veth0-1', 'ns0'), exp.link('veth0-1', 'host', { exists: false })], commands: [ran('ip link set veth0-1 netns ns1', 255, 'Error: argument "ns1" is wrong: Invalid "netns" value\n\n')] });
    expect(fs.map((f) => f.rule)).toEqual(['namespaceNotFound']);
  });
});

describe('which part of a command line failed', () => {
  it('blames the part that ran where the device is missing', () => {
    const text = t.by('deviceNotFound', { state: fixture('diag-bridge-down'), commands: [ran('brctl addbr br0 && ip netns exec ns0 ip link set up br0', 1, 'Cannot find device "br0"\n')] });
    expect(text).toContain('`ip netns exec ns0 ip link set up br0` ran in ns0, but br0 is in the host namespace');
    expect(text).toContain('`ip link set up br0`');
  });
});

describe('one interface name in several namespaces', () => {
  it('a command run in the host is sent to the namespace the step names, not the first eth0 found', () => {
    const fs = t.all({ state: fixture('diag-routed-wrong-gateway'), failed: [exp.addr('10.0.2.3/24', 'eth0', 'c2')], commands: [ran('ip addr add 10.0.2.3/24 dev eth0', 2, 'Cannot find device "eth0"\n')] });
    const f = fs.find((x) => x.rule === 'deviceNotFound')!;
    expect(f.text).toContain('eth0 is in c2');
    expect(f.fix).toBe('ip netns exec c2 ip addr add 10.0.2.3/24 dev eth0');
  });

  it('without a step that names one of them, it does not guess', () => {
    const fs = t.all({ state: fixture('diag-routed-wrong-gateway'), commands: [ran('ip link set up eth0', 1, 'Cannot find device "eth0"\n')] });
    expect(fs.map((f) => f.text).join('\n')).not.toMatch(/eth0 is in c[12]/);
  });
});
