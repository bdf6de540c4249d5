import { describe, expect, it } from 'vitest';
import { syntaxRules } from '../../../src/explain/rules/syntax.js';
import { edited, familyTracker, fixture, link, ran } from './helpers.js';

const t = familyTracker(syntaxRules);

describe('unknownSubcommand', () => {
  it('corrects an unknown ip object', () => {
    const text = t.by('unknownSubcommand', { state: fixture('state-veth-pair'), commands: [ran('ip adr add 192.168.100.1/24 dev veth0-0', 1, 'Object "adr" is unknown, try "ip help".\n')] });
    expect(text).toContain('`ip addr add 192.168.100.1/24 dev veth0-0`');
  });

  it('corrects an unknown ip command, keeping the namespace', () => {
    const text = t.by('unknownSubcommand', { state: fixture('state-across-ns0'), commands: [ran('ip netns exec ns0 ip link sett up veth0-1', 255, 'Command "sett" is unknown, try "ip link help".\n')] });
    expect(text).toContain('`ip link` has no command "sett"');
    expect(text).toContain('`ip netns exec ns0 ip link set up veth0-1`');
  });

  it('corrects ip netns ad', () => {
    const text = t.by('unknownSubcommand', { state: fixture('state-veth-pair'), lang: 'zh', commands: [ran('ip netns ad ns0', 255, 'Command "ad" is unknown, try "ip netns help".\n')] });
    expect(text).toContain('没有 "ad" 这个子命令');
    expect(text).toContain('`ip netns add ns0`');
  });

  it('corrects brctl commands and says when there is no close one', () => {
    const near = t.by('unknownSubcommand', { state: fixture('state-across-ns0'), commands: [ran('brctl addbrr br0', 1, 'never heard of command [addbrr]\nUsage: brctl [commands]\n')] });
    expect(near).toContain('`brctl addbr br0`');
    const far = t.by('unknownSubcommand', { state: fixture('state-across-ns0'), commands: [ran('ip zzzz', 1, 'Object "zzzz" is unknown, try "ip help".\n')] });
    expect(far).toContain('`ip help`');
  });
});

describe('unknown options', () => {
  it('ip and ping options', () => {
    const ip = t.by('unknownSubcommand', { state: fixture('state-veth-pair'), reference: ['ip -br link'], commands: [ran('ip -x link', 255, 'Option "-x" is unknown, try "ip -help".\n')] });
    expect(ip).toContain('ip has no option -x');
    expect(ip).toContain('`ip -br link`');
    const ping = t.by('unknownSubcommand', { state: fixture('state-veth-pair'), lang: 'zh', commands: [ran('ping -z 192.168.100.2', 2, "ping: invalid option -- 'z'\n")] });
    expect(ping).toContain('ping 没有 -z 这个选项');
    expect(ping).toContain('`ping --help`');
  });
});

describe('garbageArgument', () => {
  it('adds the missing dev keyword', () => {
    const text = t.by('garbageArgument', { state: fixture('state-veth-pair'), commands: [ran('ip addr add 192.168.100.1/24 veth0-0', 255, 'Error: either "local" is duplicate, or "veth0-0" is a garbage.\n')] });
    expect(text).toContain('keyword dev');
    expect(text).toContain('`ip addr add 192.168.100.1/24 dev veth0-0`');
  });

  it('fixes a misspelt keyword', () => {
    const text = t.by('garbageArgument', { state: fixture('state-empty'), commands: [ran('ip link add veth0-0 type veth peer nam veth0-1', 255, 'Error: either "dev" is duplicate, or "veth0-1" is a garbage.\n')] });
    expect(text).toContain('"nam"');
    expect(text).toContain('`ip link add veth0-0 type veth peer name veth0-1`');
  });

  it('splits ip link set over two interfaces', () => {
    const text = t.by('garbageArgument', { state: fixture('state-veth-created'), commands: [ran('ip link set up veth0-0 veth0-1', 255, 'Error: either "dev" is duplicate, or "veth0-1" is a garbage.\n')] });
    expect(text).toContain('`ip link set veth0-0 up && ip link set veth0-1 up`');
  });

  it('explains that peer is for creation only', () => {
    const text = t.by('garbageArgument', { state: fixture('state-veth-created'), commands: [ran('ip link set veth0-0 peer veth0-1', 255, 'Error: either "dev" is duplicate, or "peer" is a garbage.\n')] });
    expect(text).toContain('peer only exists when a veth pair is created');
  });

  it('falls back to the step’s own command', () => {
    const text = t.by('garbageArgument', {
      state: fixture('state-veth-pair'),
      reference: ['ip addr add 192.168.100.1/24 dev veth0-0'],
      commands: [ran('ip addr add 192.168.100.1/24 dev veth0-0 xyzzy', 255, 'Error: either "local" is duplicate, or "xyzzy" is a garbage.\n')],
    });
    expect(text).toContain('"xyzzy"');
    expect(text).toContain('`ip addr add 192.168.100.1/24 dev veth0-0`');
  });
});

describe('incompleteCommand', () => {
  it('names the keyword that lacks a value', () => {
    const text = t.by('incompleteCommand', {
      state: fixture('state-veth-pair'),
      reference: ['ip netns add ns0', 'ip link set veth0-1 netns ns0'],
      commands: [ran('ip link set veth0-1 netns', 255, 'Command line is not complete. Try option "help"\n')],
    });
    expect(text).toContain('ends with netns');
    expect(text).toContain('`ip link set veth0-1 netns ns0`');
  });

  it('corrects an unknown interface type', () => {
    const text = t.by('incompleteCommand', { state: fixture('state-empty'), commands: [ran('ip link add veth0-0 type vet peer name veth0-1', 1, 'Garbage instead of arguments "peer ...". Try "ip link help".\n')] });
    expect(text).toContain('`ip link add veth0-0 type veth peer name veth0-1`');
    const bridge = t.by('incompleteCommand', { state: fixture('state-across-ns0'), commands: [ran('ip link add br0 type bridg', 2, 'Error: Unknown device type.\n')] });
    expect(bridge).toContain('`ip link add br0 type bridge`');
  });

  it('reads brctl’s argument count complaint', () => {
    const text = t.by('incompleteCommand', { state: fixture('state-across-ns0'), reference: ['brctl addbr br0', 'brctl addif br0 veth0-0'], commands: [ran('brctl addif br0', 1, 'Incorrect number of arguments for command\nUsage: brctl addif <bridge> <device>\n')] });
    expect(text).toContain('`brctl addif br0 veth0-0`');
  });
});

describe('invalidValue', () => {
  it('explains a bad address', () => {
    const text = t.by('invalidValue', { state: fixture('state-veth-pair'), commands: [ran('ip addr add 192.168.100.300/24 dev veth0-0', 1, 'Error: any valid prefix is expected rather than "192.168.100.300/24".\n')] });
    expect(text).toContain('192.168.100.300/24 is not a valid IPv4 address');
  });

  it('explains too long names', () => {
    const text = t.by('invalidValue', { state: fixture('state-empty'), commands: [ran('ip link add averyveryverylongname type veth peer name x', 2, 'Error: Attribute failed policy validation.\n')] });
    expect(text).toContain('15 characters');
    expect(text).toContain('has 21');
  });

  it('explains that lo cannot move, in both languages', () => {
    const c = { state: fixture('diag-lo-down'), commands: [ran('ip link set lo netns ns0', 2, 'Error: The interface netns is immutable.\n')] };
    expect(t.by('invalidValue', c)).toContain('`ip netns exec ns0 ip link set up lo`');
    expect(t.by('invalidValue', { ...c, lang: 'zh' })).toContain('lo 不能移动');
  });

  it('explains bridges in bridges and lo as a port', () => {
    const state = edited('state-bridge-broken', (s) => s.links.push({ ...link(s, 'br0'), ifindex: 9, name: 'br1' }));
    expect(t.by('invalidValue', { state, commands: [ran('ip link set br1 master br0', 2, 'Error: Can not enslave a bridge to a bridge.\n')] })).toContain('br1 is itself a bridge');
    expect(t.by('invalidValue', { state, commands: [ran('ip link set lo master br0', 2, 'RTNETLINK answers: Invalid argument\n')] })).toContain('lo cannot be a bridge port');
  });

  it('explains a generic Invalid argument', () => {
    const text = t.by('invalidValue', { state: fixture('state-veth-pair'), commands: [ran('ip link set veth0-0 mtu 10', 2, 'RTNETLINK answers: Invalid argument\n')] });
    expect(text).toContain('Invalid argument');
    expect(text).toContain('`ip link set veth0-0 mtu 10`');
  });
});

describe('brctlArgumentsReversed', () => {
  it('swaps brctl addif arguments (the article’s own slip)', () => {
    const text = t.by('brctlArgumentsReversed', { state: fixture('diag-not-enslaved'), commands: [ran('brctl addif veth0-0 br0', 1, "can't add br0 to bridge veth0-0: Operation not supported\n")] });
    expect(text).toContain('brctl addif takes the bridge first');
    expect(text).toContain('`brctl addif br0 veth0-0`');
  });

  it('creates the bridge first when it is missing, and hides the generic missing-device text', () => {
    const fs = t.all({ state: fixture('state-across-ns0'), commands: [ran('brctl addif veth0-0 br0', 1, 'interface br0 does not exist!\n')] });
    expect(fs[0].rule).toBe('brctlArgumentsReversed');
    expect(fs[0].fix).toBe('brctl addbr br0 && brctl addif br0 veth0-0');
    expect(fs.map((f) => f.rule)).not.toContain('deviceNotFound');
    t.by('brctlArgumentsReversed', { state: fixture('state-across-ns0'), commands: [ran('brctl addif veth0-0 br0', 1, 'interface br0 does not exist!\n')] });
  });
});

describe('masterArgumentsReversed', () => {
  it('swaps ip link set … master', () => {
    const text = t.by('masterArgumentsReversed', { state: fixture('diag-not-enslaved'), commands: [ran('ip link set br0 master veth0-0', 2, 'RTNETLINK answers: Operation not supported\n')] });
    expect(text).toContain('`ip link set veth0-0 master br0`');
  });

  it('explains a master that is not a bridge', () => {
    const text = t.by('masterArgumentsReversed', { state: fixture('diag-not-enslaved'), commands: [ran('ip link set veth0-0 master lo', 2, 'RTNETLINK answers: Operation not supported\n')] });
    expect(text).toContain('lo is a loopback device, not a bridge');
    expect(text).toContain('`ip link set veth0-0 master br0`');
  });
});

describe('netnsArgumentsReversed', () => {
  it('swaps the namespace and the interface', () => {
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['ns0']));
    const fs = t.all({ state, commands: [ran('ip link set ns0 netns veth0-1', 255, 'Error: argument "veth0-1" is wrong: Invalid "netns" value\n\n')] });
    expect(fs.map((f) => f.rule)).not.toContain('namespaceNotFound');
    const text = t.by('netnsArgumentsReversed', { state, commands: [ran('ip link set ns0 netns veth0-1', 255, 'Error: argument "veth0-1" is wrong: Invalid "netns" value\n\n')] });
    expect(text).toContain('`ip link set veth0-1 netns ns0`');
  });
});

describe('pingUsage', () => {
  it('explains an incomplete address', () => {
    const text = t.by('pingUsage', { state: fixture('state-across-ns0'), reference: ['ip netns exec ns0 ping -c 1 192.168.100.1'], commands: [ran('ip netns exec ns0 ping -c 1 192.168.100.', 2, 'ping: 192.168.100.: Temporary failure in name resolution\n')] });
    expect(text).toContain('not a complete IPv4 address');
    expect(text).toContain('`ip netns exec ns0 ping -c 1 192.168.100.1`');
  });

  it('explains -I with a foreign address', () => {
    const text = t.by('pingUsage', { state: fixture('state-across-ns0'), commands: [ran('ping -c 1 -I 192.168.100.2 192.168.100.2', 2, 'ping: bind: Cannot assign requested address\n')] });
    expect(text).toContain('`ping -c 1 -I veth0-0 192.168.100.2`');
  });
});
