/** What every diagnosis rule reads through src/explain/rules/context.ts: command lines split and parsed, the Ctx's questions, IPv4 and lab-state helpers. */
import { describe, expect, it } from 'vitest';
import {
  addrToward,
  cidrOf,
  closest,
  corrected,
  Ctx,
  editDistance,
  expectationsOf,
  freeAddressIn,
  goalNames,
  inNs,
  inSubnet,
  intToIp,
  ipObject,
  ipToInt,
  ipVerb,
  isLocal,
  isReadOnlyCommand,
  isResolved,
  l2Segment,
  linksIn,
  linksNamed,
  neighOf,
  networkOf,
  nsExists,
  ownersOf,
  parseCidr,
  parseIp,
  peerLink,
  routeFor,
  routersToward,
  segmentsOf,
  segmentToString,
  seq,
  shellQuote,
  shellWords,
  splitCommandLine,
} from '../../../src/explain/rules/context.js';
import type { LabState } from '../../../src/lab/state.js';
import { type Case, check, edited, exp, fixture, inputOf, link, ran, step } from './helpers.js';

function ctxOf(o: Partial<Case> = {}): Ctx {
  return new Ctx(inputOf({ state: fixture('state-across-ns0'), ...o }));
}

const seg = (command: string) => segmentsOf(command).map((s) => ({ ns: s.ns, sudo: s.sudo, argv: s.argv.join(' ') }));
const one = (command: string) => {
  const s = segmentsOf(command);
  expect(s).toHaveLength(1);
  return { ns: s[0].ns, sudo: s[0].sudo, argv: s[0].argv.join(' ') };
};

describe('splitCommandLine', () => {
  it('splits at ; && || | & and newlines, trims, and drops empty parts and comments', () => {
    expect(splitCommandLine('a; b && c || d | e & f\ng')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(splitCommandLine('  a  ;;  ; b ')).toEqual(['a', 'b']);
    expect(splitCommandLine('a # not a comment; # a comment\nb')).toEqual(['a # not a comment', 'b']);
    expect(splitCommandLine('')).toEqual([]);
    expect(splitCommandLine(';')).toEqual([]);
  });

  it('a doubled ;; is two separators, a doubled && or || is one', () => {
    expect(splitCommandLine('a&&b')).toEqual(['a', 'b']);
    expect(splitCommandLine('a||b')).toEqual(['a', 'b']);
    expect(splitCommandLine('a&b')).toEqual(['a', 'b']);
    expect(splitCommandLine('a&|b')).toEqual(['a', 'b']);
  });

  it('keeps quoted separators and quotes in their word', () => {
    expect(splitCommandLine(`echo 'a;b' && echo "c|d"`)).toEqual([`echo 'a;b'`, `echo "c|d"`]);
    expect(splitCommandLine(`echo "it's; fine" ; x`)).toEqual([`echo "it's; fine"`, 'x']);
    expect(splitCommandLine(`echo 'open; still`)).toEqual([`echo 'open; still`]);
  });

  it('a backslash escapes the next character; before a newline it continues the line', () => {
    expect(splitCommandLine('echo a\\;b; c')).toEqual(['echo a\\;b', 'c']);
    expect(splitCommandLine('ip link \\\nset up x')).toEqual(['ip link  set up x']);
    expect(splitCommandLine('echo \\')).toEqual(['echo \\']);
    expect(splitCommandLine('a \\\\; b')).toEqual(['a \\\\', 'b']);
  });
});

describe('shellWords', () => {
  it('splits at any whitespace, unquotes and unescapes', () => {
    expect(shellWords('  ip\tlink   set  ')).toEqual(['ip', 'link', 'set']);
    expect(shellWords(`echo 'a b' "c d"e f\\ g`)).toEqual(['echo', 'a b', 'c de', 'f g']);
    expect(shellWords(`"it's" 'say "hi"'`)).toEqual([`it's`, 'say "hi"']);
  });

  it('empty quotes are an empty word; a trailing backslash adds nothing', () => {
    expect(shellWords(`a '' b ""`)).toEqual(['a', '', 'b', '']);
    expect(shellWords('a \\')).toEqual(['a', '']);
    expect(shellWords('')).toEqual([]);
  });
});

describe('shellQuote', () => {
  it('leaves plain words, quotes the others safely', () => {
    expect(shellQuote('veth0-1')).toBe('veth0-1');
    expect(shellQuote('a@b%c+d=e:f,g./h_1')).toBe('a@b%c+d=e:f,g./h_1');
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("a'b'c")).toBe(`'a'\\''b'\\''c'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('x;y')).toBe(`'x;y'`);
  });
});

describe('segmentsOf: namespace wrappers, sudo and ip options taken off', () => {
  it('plain commands run on the host', () => {
    expect(seg('ip link set up veth0-0; ping -c 1 x')).toEqual([
      { ns: 'host', sudo: false, argv: 'ip link set up veth0-0' },
      { ns: 'host', sudo: false, argv: 'ping -c 1 x' },
    ]);
    const [fresh] = segmentsOf('ip link set up veth0-0');
    expect(fresh.index).toBe(0);
    expect(fresh.result).toMatchObject({ command: 'ip link set up veth0-0', code: 0, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '' });
    expect(segmentsOf('a; b', 7).map((s) => [s.index, s.text, s.result.command])).toEqual([
      [7, 'a', 'a; b'],
      [7, 'b', 'a; b'],
    ]);
  });

  it('sudo and its options', () => {
    expect(one('sudo -E -u root ip link')).toEqual({ ns: 'host', sudo: true, argv: 'root ip link' });
    expect(one('sudo ip -n ns0 link')).toEqual({ ns: 'ns0', sudo: true, argv: 'ip link' });
    expect(one('sudo')).toEqual({ ns: 'host', sudo: true, argv: '' });
  });

  it('ip global options: -n/-netns names the namespace, -f/-b take a value, known flags go, others stop', () => {
    expect(one('ip -n ns0 addr')).toEqual({ ns: 'ns0', sudo: false, argv: 'ip addr' });
    expect(one('ip -netns ns1 link')).toEqual({ ns: 'ns1', sudo: false, argv: 'ip link' });
    expect(one('ip --netns ns2 link')).toEqual({ ns: 'ns2', sudo: false, argv: 'ip link' });
    expect(one('ip --n ns2 link')).toEqual({ ns: 'ns2', sudo: false, argv: 'ip link' });
    expect(one('ip -n')).toEqual({ ns: 'host', sudo: false, argv: 'ip -n' });
    expect(one('ip -f inet addr')).toEqual({ ns: 'host', sudo: false, argv: 'ip addr' });
    expect(one('ip -family inet addr')).toEqual({ ns: 'host', sudo: false, argv: 'ip addr' });
    expect(one('ip -b file')).toEqual({ ns: 'host', sudo: false, argv: 'ip' });
    expect(one('ip -batch file link')).toEqual({ ns: 'host', sudo: false, argv: 'ip link' });
    expect(one('ip -br -4 -color=always -s -d link')).toEqual({ ns: 'host', sudo: false, argv: 'ip link' });
    expect(one('ip -xyz -br link')).toEqual({ ns: 'host', sudo: false, argv: 'ip -xyz -br link' });
    expect(one('ip xcolor=always link')).toEqual({ ns: 'host', sudo: false, argv: 'ip xcolor=always link' });
    expect(one('ip -color link')).toEqual({ ns: 'host', sudo: false, argv: 'ip link' });
    expect(one('ip -brx link')).toEqual({ ns: 'host', sudo: false, argv: 'ip -brx link' });
    expect(one('ip')).toEqual({ ns: 'host', sudo: false, argv: 'ip' });
    expect(one('ip -br')).toEqual({ ns: 'host', sudo: false, argv: 'ip' });
  });

  it('bridge and tc take the same options, other programs keep theirs', () => {
    expect(one('bridge -n ns0 link')).toEqual({ ns: 'ns0', sudo: false, argv: 'bridge link' });
    expect(one('tc -n ns0 qdisc')).toEqual({ ns: 'ns0', sudo: false, argv: 'tc qdisc' });
    expect(one('ping -n ns0 x')).toEqual({ ns: 'host', sudo: false, argv: 'ping -n ns0 x' });
    expect(one('tcpdump -br x')).toEqual({ ns: 'host', sudo: false, argv: 'tcpdump -br x' });
  });

  it('ip netns exec NS, abbreviated and nested, with sudo', () => {
    expect(one('ip netns exec ns0 ip link')).toEqual({ ns: 'ns0', sudo: false, argv: 'ip link' });
    expect(one('sudo ip net exec ns0 ping -c 1 x')).toEqual({ ns: 'ns0', sudo: true, argv: 'ping -c 1 x' });
    expect(one('ip netns exec ns0 ip -n ns1 addr')).toEqual({ ns: 'ns1', sudo: false, argv: 'ip addr' });
    expect(one('ip netns exec ns0')).toEqual({ ns: 'ns0', sudo: false, argv: '' });
    expect(one('ip netns exec')).toEqual({ ns: 'host', sudo: false, argv: 'ip netns exec' });
    expect(one('ip netns list ns0 x')).toEqual({ ns: 'host', sudo: false, argv: 'ip netns list ns0 x' });
    expect(one('ip link exec ns0 x')).toEqual({ ns: 'host', sudo: false, argv: 'ip link exec ns0 x' });
    expect(one('bridge netns exec ns0 x')).toEqual({ ns: 'host', sudo: false, argv: 'bridge netns exec ns0 x' });
  });

  it('nsenter --net=/run/netns/NS (or /var/run) runs in NS; its options go', () => {
    expect(one('nsenter --net=/run/netns/ns0 ip link')).toEqual({ ns: 'ns0', sudo: false, argv: 'ip link' });
    expect(one('nsenter -t 1 --net=/var/run/netns/ns1 ping x')).toEqual({ ns: 'ns1', sudo: false, argv: '1 --net=/var/run/netns/ns1 ping x' });
    expect(one('nsenter --net=/var/run/netns/ns1 --mount ping x')).toEqual({ ns: 'ns1', sudo: false, argv: 'ping x' });
    expect(one('nsenter --net=/proc/1/ns/net ip link')).toEqual({ ns: 'host', sudo: false, argv: 'ip link' });
    expect(one('nsenter --net=/run/netns/ns0')).toEqual({ ns: 'ns0', sudo: false, argv: '' });
  });

  it('stops unwrapping after ten wrappers', () => {
    const deep = 'sudo '.repeat(12) + 'ip link';
    expect(one(deep)).toEqual({ ns: 'host', sudo: true, argv: 'sudo sudo ip link' });
  });
});

describe('isReadOnlyCommand', () => {
  it('programs that only look', () => {
    for (const c of ['ping -c 1 x', 'tcpdump -i br0', 'cat /proc/x', 'ls /run/netns', 'ss -tln', 'echo hi', 'grep x y', 'arping x']) expect(isReadOnlyCommand(c), c).toBe(true);
  });

  it('ip: no verb, a look verb (abbreviated too) or monitor', () => {
    for (const c of ['ip link', 'ip -br addr', 'ip addr show dev x', 'ip a sh', 'ip route list', 'ip route get 1.1.1.1', 'ip link help', 'ip monitor all', 'ip mon link set', 'ip -n ns0 neigh', 'ip netns exec ns0 ip -br link', 'ip'])
      expect(isReadOnlyCommand(c), c).toBe(true);
    for (const c of ['ip link set up x', 'ip addr add 1.2.3.4/24 dev x', 'ip netns add ns0', 'ip route del default', 'ip link frobnicate x']) expect(isReadOnlyCommand(c), c).toBe(false);
  });

  it('ip: `s` is show for every object but link, as ip itself reads it', () => {
    for (const c of ['ip a s', 'ip r s', 'ip n s', 'ip netns s', 'ip rule s', 'ip -4 a s dev x']) expect(isReadOnlyCommand(c), c).toBe(true);
    for (const c of ['ip link s x up', 'ip l s x up', 'ip netns se ns0 1']) expect(isReadOnlyCommand(c), c).toBe(false);
  });

  it('tc: show, list, ls and monitor look; add, change, replace, link and delete change (`l` is link, as tc reads it)', () => {
    for (const c of ['tc qdisc', 'tc -s qdisc show dev x', 'tc qdisc s', 'tc qdisc ls', 'tc class list dev x', 'tc filter show dev x', 'tc monitor', 'tc', 'ip netns exec ns0 tc qdisc show'])
      expect(isReadOnlyCommand(c), c).toBe(true);
    for (const c of ['tc qdisc add dev x root netem delay 10ms', 'tc qdisc del dev x root', 'tc qdisc replace dev x root fq', 'tc qdisc change dev x root netem loss 1%', 'tc qdisc l dev x', 'tc qdisc frob'])
      expect(isReadOnlyCommand(c), c).toBe(false);
  });

  it('bridge, brctl and sysctl', () => {
    expect(isReadOnlyCommand('bridge link')).toBe(true);
    expect(isReadOnlyCommand('bridge fdb show')).toBe(true);
    expect(isReadOnlyCommand('bridge fdb add x dev y')).toBe(false);
    expect(isReadOnlyCommand('bridge fdb s')).toBe(false);
    expect(isReadOnlyCommand('brctl')).toBe(true);
    expect(isReadOnlyCommand('brctl show')).toBe(true);
    expect(isReadOnlyCommand('brctl showmacs br0')).toBe(true);
    expect(isReadOnlyCommand('brctl addbr br0')).toBe(false);
    expect(isReadOnlyCommand('brctl xshow')).toBe(false);
    expect(isReadOnlyCommand('sysctl net.ipv4.ip_forward')).toBe(true);
    expect(isReadOnlyCommand('sysctl -w net.ipv4.ip_forward=1')).toBe(false);
    expect(isReadOnlyCommand('sysctl net.ipv4.ip_forward=1')).toBe(false);
    expect(isReadOnlyCommand('sysctl -w net.ipv4.ip_forward')).toBe(false);
  });

  it('every simple command must look; nothing at all is not a look', () => {
    expect(isReadOnlyCommand('ip -br link; ping -c 1 x')).toBe(true);
    expect(isReadOnlyCommand('ip -br link && ip link set up x')).toBe(false);
    expect(isReadOnlyCommand('ip link set up x && ip -br link')).toBe(false);
    expect(isReadOnlyCommand('')).toBe(false);
    expect(isReadOnlyCommand('# only a comment')).toBe(false);
    expect(isReadOnlyCommand('touch x')).toBe(false);
  });
});

describe('ipObject and ipVerb: abbreviations as ip matches them', () => {
  it('objects', () => {
    expect(ipObject('a')).toBe('address');
    expect(ipObject('r')).toBe('route');
    expect(ipObject('n')).toBe('neighbor');
    expect(ipObject('neighbour')).toBe('neighbor');
    expect(ipObject('neigh')).toBe('neighbor');
    expect(ipObject('l')).toBe('link');
    expect(ipObject('netns')).toBe('netns');
    expect(ipObject('nexthop')).toBe('nexthop');
    expect(ipObject('bogus')).toBeUndefined();
    expect(ipObject('')).toBeUndefined();
    expect(ipObject(undefined)).toBeUndefined();
  });

  it('verbs', () => {
    expect(ipVerb('a')).toBe('add');
    expect(ipVerb('del')).toBe('delete');
    expect(ipVerb('d')).toBe('delete');
    // As ip matches them: `ip link s` is set, `ip addr s` (route, neigh, netns, rule) is show.
    expect(ipVerb('s', 'link')).toBe('set');
    expect(ipVerb('se', 'netns')).toBe('set');
    for (const object of ['address', 'route', 'neighbor', 'netns', 'rule']) expect(ipVerb('s', object), object).toBe('show');
    expect(ipVerb('sh')).toBe('show');
    expect(ipVerb('l')).toBe('list');
    expect(ipVerb('g')).toBe('get');
    expect(ipVerb('replace')).toBe('replace');
    expect(ipVerb('up')).toBeUndefined();
    expect(ipVerb('')).toBeUndefined();
    expect(ipVerb(undefined)).toBeUndefined();
  });
});

describe('parseIp', () => {
  const p = (cmd: string) => {
    const c = parseIp(shellWords(cmd));
    return c && { object: c.object, verb: c.verb, dev: c.dev, opts: c.opts, flags: [...c.flags], positional: c.positional };
  };

  it('only ip with an object it knows', () => {
    expect(parseIp(['ping', 'x'])).toBeUndefined();
    expect(parseIp(['ip', 'bogus'])).toBeUndefined();
    expect(parseIp(['ip'])).toBeUndefined();
  });

  it('the verb: abbreviated, missing (show), or kept as typed', () => {
    expect(p('ip link')).toMatchObject({ object: 'link', verb: 'show' });
    expect(p('ip l s up x')).toMatchObject({ object: 'link', verb: 'set', dev: 'x', flags: ['up'] });
    expect(p('ip link frob x')).toMatchObject({ verb: 'frob', dev: 'x' });
  });

  it('ip link: device, flags, keyword values, a veth peer with or without name', () => {
    expect(p('ip link set dev veth0-0 up master br0 netns ns0')).toEqual({ object: 'link', verb: 'set', dev: 'veth0-0', opts: { master: 'br0', netns: 'ns0' }, flags: ['up'], positional: [] });
    expect(p('ip link set veth0-0 down nomaster extra more')).toEqual({ object: 'link', verb: 'set', dev: 'veth0-0', opts: {}, flags: ['down', 'nomaster'], positional: ['extra', 'more'] });
    expect(p('ip link add veth0-0 type veth peer name veth0-1')).toEqual({ object: 'link', verb: 'add', dev: 'veth0-0', opts: { type: 'veth', peer: 'veth0-1' }, flags: [], positional: [] });
    expect(p('ip link add veth0-0 type veth peer veth0-1 up')).toEqual({ object: 'link', verb: 'add', dev: 'veth0-0', opts: { type: 'veth', peer: 'veth0-1' }, flags: ['up'], positional: [] });
    expect(p('ip link add name br0 type bridge')).toEqual({ object: 'link', verb: 'add', dev: undefined, opts: { name: 'br0', type: 'bridge' }, flags: [], positional: [] });
    expect(p('ip link add br0 type bridge mtu 1400')).toEqual({ object: 'link', verb: 'add', dev: 'br0', opts: { type: 'bridge', mtu: '1400' }, flags: [], positional: [] });
    expect(p('ip link set x mtu 1400 address aa:bb state up')).toMatchObject({ dev: 'x', opts: { mtu: '1400', address: 'aa:bb', state: 'up' } });
  });

  it('ip addr, route and neigh: dev, value keywords, positionals', () => {
    expect(p('ip addr add 10.0.0.1/24 dev veth0-0 brd + label x')).toEqual({ object: 'address', verb: 'add', dev: 'veth0-0', opts: { brd: '+', label: 'x' }, flags: [], positional: ['10.0.0.1/24'] });
    expect(p('ip route add default via 10.0.0.1 src 10.0.0.2 proto static table main metric 5')).toEqual({
      object: 'route',
      verb: 'add',
      dev: undefined,
      opts: { via: '10.0.0.1', src: '10.0.0.2', proto: 'static', table: 'main', metric: '5' },
      flags: [],
      positional: ['default'],
    });
    expect(p('ip neigh add 10.0.0.2 lladdr aa:bb nud permanent dev x')).toEqual({ object: 'neighbor', verb: 'add', dev: 'x', opts: { lladdr: 'aa:bb', nud: 'permanent' }, flags: [], positional: ['10.0.0.2'] });
  });

  it('other objects keep the rest as positionals', () => {
    expect(p('ip netns add ns0 dev x')).toEqual({ object: 'netns', verb: 'add', dev: undefined, opts: {}, flags: [], positional: ['ns0', 'dev', 'x'] });
  });
});

describe('segmentToString, inNs, seq and corrected', () => {
  it('a segment as a command run from the host, quoted for pasting', () => {
    const [s] = segmentsOf(`ip -n ns0 addr add 10.0.0.1/24 dev 'my dev'`);
    expect(segmentToString(s)).toBe(`ip netns exec ns0 ip addr add 10.0.0.1/24 dev 'my dev'`);
    expect(segmentToString(segmentsOf('ip link')[0])).toBe('ip link');
    expect(inNs('host', 'x')).toBe('x');
    expect(inNs('ns0', 'x')).toBe('ip netns exec ns0 x');
    expect(seq('a', '', 'b')).toBe('a && b');
    expect(seq()).toBe('');
  });

  it('corrects the word, in the namespace asked for, and the rest of an && chain too', () => {
    const ctx = ctxOf({ commands: [ran('ip link set veth0-O up && ip -n ns0 link set veth0-O master br0', 1)] });
    const [first, second] = ctx.segments;
    expect(corrected(ctx, first, 'veth0-O', 'veth0-0')).toBe('ip link set veth0-0 up && ip netns exec ns0 ip link set veth0-0 master br0');
    expect(corrected(ctx, first, 'veth0-O', 'veth0-0', 'ns1')).toBe('ip netns exec ns1 ip link set veth0-0 up && ip netns exec ns0 ip link set veth0-0 master br0');
    expect(corrected(ctx, second, 'veth0-O', 'veth0-0')).toBe('ip netns exec ns0 ip link set veth0-0 master br0');
  });

  it('only an && chain: after ; or a pipe the rest ran anyway', () => {
    for (const line of ['ip link set veth0-O up && echo a; echo b', 'ip link set veth0-O up && echo a || echo b', 'ip link set veth0-O up && echo a | cat', 'ip link set veth0-O up; echo b', 'ip link set veth0-O up | cat && echo b', 'ip link set veth0-O up && echo a |cat', 'ip link set veth0-O up && echo a| cat', 'ip link set veth0-O up && echo a |', 'ip link set veth0-O up\necho a', 'ip link set veth0-O up & echo a']) {
      const ctx = ctxOf({ commands: [ran(line, 1)] });
      expect(corrected(ctx, ctx.segments[0], 'veth0-O', 'veth0-0'), line).toBe('ip link set veth0-0 up');
    }
    const ctx = ctxOf({ commands: [ran('echo x', 0), ran('ip link set veth0-O up && echo a', 1)] });
    expect(corrected(ctx, ctx.segments[1], 'veth0-O', 'veth0-0')).toBe('ip link set veth0-0 up && echo a');
    // The next command line is not part of it.
    const next = ctxOf({ commands: [ran('ip link set veth0-O up && echo a', 1), ran('echo b')] });
    expect(corrected(next, next.segments[0], 'veth0-O', 'veth0-0')).toBe('ip link set veth0-0 up && echo a');
  });
});

describe('editDistance and closest', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('veth0-0', 'veth0-1')).toBe(1);
    expect(editDistance('veth0', 'veth0-1')).toBe(2);
    expect(editDistance('ab', 'ba')).toBe(2);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });

  it('the nearest different candidate, ignoring case, when close enough for a typo', () => {
    expect(closest('veth0-2', ['lo', 'veth0-0', 'veth0-1'])).toBe('veth0-0');
    expect(closest('veth0-0', ['veth0-0', 'veth0-1'])).toBe('veth0-1');
    expect(closest('VETH0-1', ['veth0-1'])).toBe('veth0-1');
    expect(closest('br0', ['br1'])).toBe('br1');
    expect(closest('br0', ['bx1'])).toBeUndefined();
    expect(closest('veth0', ['veth0-1'])).toBe('veth0-1');
    expect(closest('veth', ['veth0-1'])).toBeUndefined();
    expect(closest('abcd', ['abxy'])).toBe('abxy');
    expect(closest('x', [])).toBeUndefined();
    expect(closest('ns0', ['ns0'])).toBeUndefined();
  });
});

describe('IPv4', () => {
  it('ipToInt and intToIp', () => {
    expect(ipToInt('0.0.0.0')).toBe(0);
    expect(ipToInt('255.255.255.255')).toBe(0xffffffff);
    expect(ipToInt('10.0.1.2')).toBe(0x0a000102);
    expect(ipToInt('192.168.100.1')).toBe(0xc0a86401);
    expect(ipToInt('256.0.0.1')).toBeUndefined();
    expect(ipToInt('1.2.3')).toBeUndefined();
    expect(ipToInt('1.2.3.4/24')).toBeUndefined();
    expect(ipToInt('x1.2.3.4')).toBeUndefined();
    expect(ipToInt('1.2.3.1234')).toBeUndefined();
    expect(intToIp(0xc0a86401)).toBe('192.168.100.1');
    expect(intToIp(0xffffffff)).toBe('255.255.255.255');
    expect(intToIp(0x01020304)).toBe('1.2.3.4');
  });

  it('inSubnet and networkOf', () => {
    expect(inSubnet('192.168.100.2', '192.168.100.1', 24)).toBe(true);
    expect(inSubnet('192.168.101.2', '192.168.100.1', 24)).toBe(false);
    expect(inSubnet('192.168.101.2', '192.168.100.1', 23)).toBe(true);
    expect(inSubnet('8.8.8.8', '0.0.0.0', 0)).toBe(true);
    expect(inSubnet('10.0.0.1', '10.0.0.1', 32)).toBe(true);
    expect(inSubnet('10.0.0.2', '10.0.0.1', 32)).toBe(false);
    expect(inSubnet('x', '10.0.0.1', 0)).toBe(false);
    expect(inSubnet('10.0.0.1', 'x', 0)).toBe(false);
    expect(networkOf('192.168.100.77', 24)).toBe('192.168.100.0/24');
    expect(networkOf('10.1.2.3', 8)).toBe('10.0.0.0/8');
    expect(networkOf('10.1.2.3', 0)).toBe('0.0.0.0/0');
    expect(networkOf('10.1.2.3', 32)).toBe('10.1.2.3/32');
    expect(networkOf('200.1.2.3', 1)).toBe('128.0.0.0/1');
    expect(networkOf('not an address', 24)).toBe('0.0.0.0/24');
  });

  it('parseCidr and cidrOf', () => {
    expect(parseCidr('10.0.0.1/24')).toEqual({ ip: '10.0.0.1', len: 24 });
    expect(parseCidr('10.0.0.1')).toEqual({ ip: '10.0.0.1', len: 32 });
    expect(cidrOf({ local: '10.0.0.1', prefixlen: 16 })).toBe('10.0.0.1/16');
  });
});

describe('lab state', () => {
  const across = fixture('state-across-ns0');
  const routed = fixture('state-routed');
  const names = (ls: { ns: string; name: string }[]) => ls.map((l) => `${l.ns}/${l.name}`);

  it('isResolved: a link-layer address and a state that holds it', () => {
    for (const s of ['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT', 'NOARP']) expect(isResolved({ ns: 'host', dst: 'x', dev: 'd', lladdr: 'aa', state: [s] }), s).toBe(true);
    expect(isResolved({ ns: 'host', dst: 'x', dev: 'd', lladdr: 'aa', state: ['INCOMPLETE', 'STALE'] })).toBe(true);
    expect(isResolved({ ns: 'host', dst: 'x', dev: 'd', lladdr: 'aa', state: ['FAILED'] })).toBe(false);
    expect(isResolved({ ns: 'host', dst: 'x', dev: 'd', state: ['REACHABLE'] })).toBe(false);
    expect(isResolved({ ns: 'host', dst: 'x', dev: 'd', lladdr: '', state: ['REACHABLE'] })).toBe(false);
  });

  it('links by name and by namespace; which namespaces exist', () => {
    expect(names(linksNamed(across, 'lo'))).toEqual(['host/lo', 'ns0/lo']);
    expect(names(linksIn(across, 'ns0'))).toEqual(['ns0/lo', 'ns0/veth0-1']);
    expect(nsExists(across, 'host')).toBe(true);
    expect(nsExists(across, 'ns0')).toBe(true);
    expect(nsExists(across, 'ns1')).toBe(false);
  });

  it('ownersOf, peerLink and isLocal', () => {
    expect(ownersOf(across, '192.168.100.2').map((o) => `${o.link.ns}/${o.link.name} ${o.addr.local}/${o.addr.prefixlen}`)).toEqual(['ns0/veth0-1 192.168.100.2/24']);
    expect(names(ownersOf(across, '127.0.0.1').map((o) => o.link))).toEqual(['host/lo', 'ns0/lo']);
    expect(ownersOf(across, '10.9.9.9')).toEqual([]);
    expect(peerLink(across, link(across, 'veth0-0'))?.name).toBe('veth0-1');
    expect(peerLink(across, link(across, 'veth0-1', 'ns0'))?.ns).toBe('host');
    expect(peerLink(across, link(across, 'lo'))).toBeUndefined();
    // The peer is matched by namespace and index together: ns0 also has an ifindex 1 (lo).
    const wrongNs = edited('state-across-ns0', (s) => (link(s, 'veth0-0').peer = { ns: 'nsX', ifindex: 2 }));
    expect(peerLink(wrongNs, link(wrongNs, 'veth0-0'))).toBeUndefined();
    expect(isLocal(across, 'ns0', '127.0.0.53')).toBe(true);
    expect(isLocal(across, 'ns0', '192.168.100.2')).toBe(true);
    expect(isLocal(across, 'ns0', '192.168.100.1')).toBe(false);
    expect(isLocal(across, 'host', '192.168.100.1')).toBe(true);
  });

  it('routeFor: the longest prefix in that namespace, default last, an output device if asked', () => {
    expect(routeFor(routed, 'c1', '10.0.1.12')?.dst).toBe('10.0.1.0/24');
    expect(routeFor(routed, 'c1', '203.0.113.10')?.dst).toBe('default');
    expect(routeFor(routed, 'upstream', '10.0.1.11')).toBeUndefined();
    expect(routeFor(routed, 'host', '203.0.113.10')?.dev).toBe('veth-up');
    expect(routeFor(routed, 'host', '203.0.113.10', 'br0')).toBeUndefined();
    expect(routeFor(routed, 'host', '10.0.1.11', 'br0')?.dst).toBe('10.0.1.0/24');
    // A tie: the first listed wins.
    const tie = edited('state-routed', (s) => s.routes.push({ ns: 'c1', dst: '10.0.1.0/24', dev: 'eth9' }));
    expect(routeFor(tie, 'c1', '10.0.1.12')?.dev).toBe('eth0');
    // Longest prefix regardless of order.
    const longer = edited('state-routed', (s) => s.routes.unshift({ ns: 'c1', dst: '10.0.0.0/16', dev: 'eth7' }));
    expect(routeFor(longer, 'c1', '10.0.1.12')?.dev).toBe('eth0');
    expect(routeFor(longer, 'c1', '10.0.2.1')?.dev).toBe('eth7');
    const onlyDefault = edited('state-routed', (s) => (s.routes = [{ ns: 'c1', dst: 'default', dev: 'eth0', gateway: '10.0.1.1' }]));
    expect(routeFor(onlyDefault, 'c1', '10.0.1.12')?.dst).toBe('default');
  });

  it('l2Segment: veth peers, the bridge and its ports, transitively; each once', () => {
    expect(names(l2Segment(routed, link(routed, 'eth0', 'c1')))).toEqual(['c1/eth0', 'host/veth-c1', 'host/br0', 'host/veth-c2', 'c2/eth0']);
    expect(names(l2Segment(routed, link(routed, 'br0')))).toEqual(['host/br0', 'host/veth-c1', 'host/veth-c2', 'c1/eth0', 'c2/eth0']);
    expect(names(l2Segment(routed, link(routed, 'eth0', 'upstream')))).toEqual(['upstream/eth0', 'host/veth-up']);
    expect(names(l2Segment(routed, link(routed, 'lo')))).toEqual(['host/lo']);
    // A bridge of the same name in another namespace is another bridge.
    const twin = edited('state-routed', (s) => s.links.unshift({ ...link(s, 'br0'), ns: 'upstream', ifindex: 9, addrs: [] }));
    expect(names(l2Segment(twin, link(twin, 'br0', 'upstream')))).toEqual(['upstream/br0']);
    expect(names(l2Segment(twin, link(twin, 'eth0', 'c1')))).toEqual(['c1/eth0', 'host/veth-c1', 'host/br0', 'host/veth-c2', 'c2/eth0']);
  });

  it('routersToward: a gateway on a segment of an up link, in another namespace that reaches the target', () => {
    // c2 (on the same bridge as c1) without its default route: it reaches its own subnet only.
    const lan = () => edited('state-routed', (s) => (s.routes = s.routes.filter((r) => !(r.ns === 'c2' && r.dst === 'default'))));
    const base = lan();
    expect(routersToward(base, 'c1', '203.0.113.10')).toEqual([{ dev: 'eth0', via: '10.0.1.1', ns: 'host' }]);
    expect(routersToward(base, 'c1', '8.8.8.8')).toEqual([]);
    // c2 holds 10.0.1.12 itself, and the host has a route to it.
    expect(routersToward(base, 'c1', '10.0.1.12')).toEqual([
      { dev: 'eth0', via: '10.0.1.1', ns: 'host' },
      { dev: 'eth0', via: '10.0.1.12', ns: 'c2' },
    ]);
    // Without a route, a namespace still reaches its own address.
    const noHostRoute = edited('state-routed', (s) => (s.routes = s.routes.filter((r) => r.ns !== 'host' && !(r.ns === 'c2' && r.dst === 'default'))));
    expect(routersToward(noHostRoute, 'c1', '10.0.1.1')).toEqual([
      { dev: 'eth0', via: '10.0.1.1', ns: 'host' },
      { dev: 'eth0', via: '10.0.1.12', ns: 'c2' },
    ]);
    expect(routersToward(noHostRoute, 'c1', '203.0.113.10')).toEqual([]);
    // A link that is down is no way out.
    const down = edited('state-routed', (s) => (link(s, 'eth0', 'c1').up = false));
    expect(routersToward(down, 'c1', '203.0.113.10')).toEqual([]);
    // Two addresses on the link: each gateway once.
    const twoAddrs = edited('state-routed', (s) => {
      s.routes = s.routes.filter((r) => !(r.ns === 'c2' && r.dst === 'default'));
      link(s, 'eth0', 'c1').addrs.push({ local: '10.0.1.21', prefixlen: 24 });
    });
    expect(routersToward(twoAddrs, 'c1', '203.0.113.10')).toEqual([{ dev: 'eth0', via: '10.0.1.1', ns: 'host' }]);
    // lo is never a way out, even when up and sharing a subnet with a router.
    const loOut = edited('state-routed', (s) => {
      link(s, 'lo', 'c1').addrs = [{ local: '10.0.1.99', prefixlen: 24 }];
      link(s, 'lo', 'c1').master = 'br0';
      link(s, 'eth0', 'c1').up = false;
    });
    expect(routersToward(loOut, 'c1', '203.0.113.10')).toEqual([]);
    // A neighbour address outside the link's subnet is no gateway.
    const otherNet = edited('state-routed', (s) => (link(s, 'eth0', 'c1').addrs = [{ local: '10.0.2.11', prefixlen: 24 }]));
    expect(routersToward(otherNet, 'c1', '203.0.113.10')).toEqual([]);
  });

  it('neighOf and addrToward', () => {
    const fixed = fixture('state-bridge-fixed');
    expect(neighOf(fixed, 'host', 'br0', '192.168.100.2')?.lladdr).toBe('c6:83:8f:b6:7c:4c');
    expect(neighOf(fixed, 'ns0', 'br0', '192.168.100.2')).toBeUndefined();
    expect(neighOf(fixed, 'host', 'veth0-0', '192.168.100.2')).toBeUndefined();
    expect(neighOf(fixed, 'host', 'br0', '192.168.100.3')).toBeUndefined();
    const two = { ...link(across, 'veth0-0'), addrs: [{ local: '10.0.0.1', prefixlen: 24 }, { local: '192.168.100.1', prefixlen: 24 }] };
    expect(addrToward(two, '192.168.100.9')?.local).toBe('192.168.100.1');
    expect(addrToward(two, '172.16.0.1')?.local).toBe('10.0.0.1');
    expect(addrToward({ ...two, addrs: [] }, '172.16.0.1')).toBeUndefined();
  });

  it('freeAddressIn: the first host address nobody holds', () => {
    expect(freeAddressIn(across, '192.168.100.50', 24)).toBe('192.168.100.3');
    expect(freeAddressIn(across, '10.0.0.7', 24)).toBe('10.0.0.1');
    // /31 and /32: the one address after the network's.
    expect(freeAddressIn(across, '10.0.0.6', 31)).toBe('10.0.0.7');
    expect(freeAddressIn(across, '10.0.0.6', 32)).toBe('10.0.0.7');
    // A /30 has two host addresses: both taken, the address itself is offered.
    const full = edited('state-across-ns0', (s) => {
      link(s, 'veth0-0').addrs = [{ local: '10.0.0.1', prefixlen: 30 }];
      link(s, 'veth0-1', 'ns0').addrs = [{ local: '10.0.0.2', prefixlen: 30 }];
    });
    expect(freeAddressIn(full, '10.0.0.2', 30)).toBe('10.0.0.2');
    expect(freeAddressIn(full, '10.0.0.2', 29)).toBe('10.0.0.3');
    // Only the last host address of a /30 is free.
    const half = edited('state-across-ns0', (s) => (link(s, 'veth0-0').addrs = [{ local: '10.0.0.1', prefixlen: 30 }]));
    expect(freeAddressIn(half, '10.0.0.1', 30)).toBe('10.0.0.2');
    // Never past the 254th host, even in a wide subnet.
    const busy = edited('state-across-ns0', (s) => {
      link(s, 'veth0-0').addrs = Array.from({ length: 254 }, (_, i) => ({ local: `10.0.0.${i + 1}`, prefixlen: 16 }));
    });
    expect(freeAddressIn(busy, '10.0.9.9', 16)).toBe('10.0.9.9');
    expect(freeAddressIn(busy, '10.0.9.9', 16)).not.toBe('10.0.0.255');
  });
});

describe('Ctx', () => {
  it('keeps the failed checks, the learner’s segments and the reference’s', () => {
    const ctx = ctxOf({ failed: [exp.link('veth0-0', 'host', { up: true })], passed: [exp.exit(0)], commands: [ran('ip link set up veth0-0; echo hi'), ran('ip -n ns0 link')], reference: ['ip netns exec ns0 ip link set up veth0-1'] });
    expect(ctx.failed.map((c) => c.expectation.kind)).toEqual(['link']);
    expect(ctx.segments.map((s) => [s.index, s.ns, s.text])).toEqual([
      [0, 'host', 'ip link set up veth0-0'],
      [0, 'host', 'echo hi'],
      [1, 'ns0', 'ip -n ns0 link'],
    ]);
    expect(ctx.reference.map((s) => [s.index, s.ns, s.argv.join(' ')])).toEqual([[0, 'ns0', 'ip link set up veth0-1']]);
    expect(ctx.state.namespaces).toEqual(['ns0']);
    expect(ctx.lang).toBe('en');
    expect(ctx.failedOf('link').map((f) => f.e.name)).toEqual(['veth0-0']);
    expect(ctx.failedOf('exit')).toEqual([]);
  });

  it('t: a change command is taken out of the text and kept as its fix; a look stays in the text', () => {
    const ctx = ctxOf();
    const text = ctx.t('nsMissing', { name: 'ns1', fix: 'ip netns add ns1' });
    expect(text).toContain('Namespace ns1 does not exist yet.');
    expect(text).toContain('Create it first.');
    expect(text).not.toContain('ip netns add ns1`');
    expect(ctx.fixes.get(text)).toBe('ip netns add ns1');

    const look = ctx.t('devMissing', { dev: 'x', fix: 'ip -br link' });
    expect(look).toContain('See the names the kernel knows with `ip -br link`');
    expect(ctx.fixes.has(look)).toBe(false);
    expect(ctx.fixes.size).toBe(1);
  });

  it('t: a look that is the step’s command is a fix when asked; no fix or an empty one leaves the text whole', () => {
    const ctx = ctxOf();
    const counted = ctx.t('pingKilledNoReply', { cmd: 'ping x', secs: 10, fix: 'ping -c 1 x' }, { fixLooks: true });
    expect(counted).not.toContain('`ping -c 1 x`');
    expect(ctx.fixes.get(counted)).toBe('ping -c 1 x');
    const kept = ctx.t('pingKilledNoReply', { cmd: 'ping x', secs: 10, fix: 'ping -c 1 x' });
    expect(kept).toContain('`ping -c 1 x`');
    const empty = ctx.t('nsMissing', { name: 'ns1', fix: '' });
    expect(empty).toContain('Create it first: ``.');
    expect(ctx.t('nsMissing', { name: 'ns1', fix: 3 })).toContain('Create it first: `3`.');
    expect(ctx.fixes.size).toBe(1);
  });

  it('t: English sentences open with a capital “The host namespace”; ns() names the host in the learner’s language', () => {
    const en = ctxOf();
    expect(en.ns('host')).toBe('the host namespace');
    expect(en.ns('ns0')).toBe('ns0');
    expect(ctxOf({ lang: 'zh' }).ns('host')).toBe('主机命名空间');
    const text = en.t('devElsewhere', { cmd: 'ip link set up x', here: en.ns('host'), dev: 'x', there: 'ns0', fix: 'ip -n ns0 link set up x' });
    expect(text).toContain('ran in the host namespace');
    const opening = en.t('devAlreadyMoved', { dev: 'x', there: 'ns0', here: 'the host namespace', fix: 'ip -n ns0 link' });
    expect(opening).toMatch(/^x is already in ns0/);
    const capital = en.t('nsTypo', { name: 'the host namespace', near: 'ns0', fix: 'ip netns add ns0' });
    expect(capital).toMatch(/There is no namespace the host namespace/);
    // A sentence that opens with the host namespace, with its fix taken out or not.
    expect(en.t('noRouteDown', { ns: en.ns('host'), target: '10.0.0.9', dev: 'veth0-0', fix: 'ip link set up veth0-0' })).toMatch(/^The host namespace has no route to 10\.0\.0\.9/);
    expect(en.t('noRouteNoInterface', { ns: en.ns('host'), target: '10.0.0.9' })).toMatch(/^The host namespace has no route to 10\.0\.0\.9/);
    const zh = ctxOf({ lang: 'zh' });
    expect(zh.t('nsMissing', { name: 'ns1', fix: 'ip netns add ns1' })).toMatch(/^命名空间 ns1 还不存在/);
  });

  it('failureWasExpected: only the last command, and only when a passing check wants it to fail', () => {
    const nonzero = ctxOf({ passed: [exp.exit('nonzero')], commands: [ran('a', 1, 'first\n'), ran('b', 1, 'last\n')] });
    expect(nonzero.failureWasExpected(1)).toBe(true);
    expect(nonzero.failureWasExpected(0)).toBe(false);
    expect(nonzero.erroredSegments.map((s) => s.text)).toEqual(['a']);
    expect(nonzero.errorLines()).toEqual([{ index: 0, line: 'first' }]);

    expect(ctxOf({ passed: [exp.exit(2)], commands: [ran('b', 2, 'x')] }).failureWasExpected(0)).toBe(true);
    expect(ctxOf({ passed: [exp.exit(0)], commands: [ran('b', 1, 'x')] }).failureWasExpected(0)).toBe(false);
    expect(ctxOf({ failed: [exp.exit('nonzero')], commands: [ran('b', 1, 'x')] }).failureWasExpected(0)).toBe(false);
    expect(ctxOf({ passed: [exp.output('x')], commands: [ran('b', 1, 'x')] }).failureWasExpected(0)).toBe(false);
    const plain = ctxOf({ commands: [ran('a', 1, 'e')] });
    expect(plain.erroredSegments.map((s) => s.text)).toEqual(['a']);
  });

  it('errorLines: stderr, else the output of a failed command; trimmed, blank lines dropped', () => {
    const ctx = ctxOf({
      commands: [ran('a', 0, '  warn  \n\n'), ran('b', 1, '', 'out line\n'), ran('c', 0, '', 'fine output\n'), ran('d', 2, 'err one\n  err two', 'ignored\n')],
    });
    expect(ctx.errorLines()).toEqual([
      { index: 0, line: 'warn' },
      { index: 1, line: 'out line' },
      { index: 3, line: 'err one' },
      { index: 3, line: 'err two' },
    ]);
    expect(ctx.errorLines()).toBe(ctx.errorLines());
  });

  it('errorLines: a flood keeps its first and last hundred lines; two hundred are kept whole', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`).join('\n');
    const whole = ctxOf({ commands: [ran('yes', 1, lines(200))] }).errorLines();
    expect(whole.map((l) => l.line)).toEqual(Array.from({ length: 200 }, (_, i) => `l${i}`));
    const cut = ctxOf({ commands: [ran('yes', 1, lines(201))] }).errorLines();
    expect(cut).toHaveLength(200);
    expect(cut[99].line).toBe('l99');
    expect(cut[100].line).toBe('l101');
    expect(cut[199].line).toBe('l200');
  });

  it('segmentMentioning: the segment naming the word that fits, else the first naming it, else the first', () => {
    const ctx = ctxOf({ commands: [ran('echo start; ip link set up veth0-0; ip -n ns0 link set up veth0-0; ip link set up "my dev"; ip link set up ve"th"0-9'), ran('ip link')] });
    expect(ctx.segmentMentioning(0, 'veth0-9')?.text).toBe('ip link set up ve"th"0-9');
    expect(ctx.segmentMentioning(0, 'veth0-0')?.text).toBe('ip link set up veth0-0');
    expect(ctx.segmentMentioning(0, 'veth0-0', (s) => s.ns === 'ns0')?.text).toBe('ip -n ns0 link set up veth0-0');
    expect(ctx.segmentMentioning(0, 'veth0-0', () => false)?.text).toBe('ip link set up veth0-0');
    expect(ctx.segmentMentioning(0, 'my dev')?.text).toBe('ip link set up "my dev"');
    expect(ctx.segmentMentioning(0, '"my')?.text).toBe('ip link set up "my dev"');
    expect(ctx.segmentMentioning(0, 'br9')?.text).toBe('echo start');
    expect(ctx.segmentMentioning(1, 'veth0-0')?.text).toBe('ip link');
    expect(ctx.segmentMentioning(2, 'x')).toBeUndefined();
  });
});

describe('goalNames and expectationsOf', () => {
  it('the interfaces the step ties to the words of a command', () => {
    const ctx = ctxOf({
      failed: [exp.addr('192.168.100.1/24', 'br0'), exp.neigh('192.168.100.2', 'veth0-0'), exp.port('veth0-0', 'br0'), exp.link('lo')],
    });
    const names = (cmd: string) => goalNames(ctx, segmentsOf(cmd)[0]);
    expect(names('ip addr add 192.168.100.1/24 dev br9')).toEqual(['br0']);
    expect(names('ip addr add 192.168.100.1 dev br9')).toEqual(['br0']);
    expect(names('ping 192.168.100.2')).toEqual(['veth0-0']);
    expect(names('ip link set veth0-0 master brX')).toEqual(['br0']);
    expect(names('ip link set vethX master br0')).toEqual(['veth0-0']);
    expect(names('ip link set lo up')).toEqual([]);
    expect(names('ping 192.168.100.2/24')).toEqual(['veth0-0']);
  });

  it('expectationsOf: the expectation of each check, in order', () => {
    const a = exp.link('x');
    const b = exp.exit(0);
    expect(expectationsOf([check(a), check(b, true)])).toEqual([a, b]);
  });
});
