import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPacket, evaluate, type Observations } from '../../src/checks/evaluate.js';
import type { CommandResult } from '../../src/lab/sandbox.js';
import { parseSnapshot, type LabState } from '../../src/lab/state.js';
import type { Expectation, PacketKind } from '../../src/lesson/types.js';

const fixture = (name: string): LabState => JSON.parse(readFileSync(new URL(`../fixtures/state-${name}.json`, import.meta.url), 'utf8'));
const cmd = (code: number | null, output = '', extra: Partial<CommandResult> = {}): CommandResult => ({
  command: 'x',
  code,
  signal: null,
  timedOut: false,
  cancelled: false,
  stdout: output,
  stderr: '',
  output,
  durationMs: 1,
  ...extra,
});
const obs = (state: LabState, commands: CommandResult[] = [cmd(0)], extra: Partial<Observations> = {}): Observations => ({ state, commands, pings: new Map(), captures: new Map(), ...extra });
type Bare = Expectation extends infer E ? (E extends Expectation ? Omit<E, 'line'> : never) : never;
const judge = (e: Bare, o: Observations) => evaluate({ line: 1, ...e } as Expectation, o, 'en');

describe('evaluate, against recorded lab states', () => {
  const pair = fixture('veth-pair');
  const across = fixture('across-ns0');
  const broken = fixture('bridge-broken');
  const fixed = fixture('bridge-fixed');

  it('exit: status of the last command, expected failures flagged', () => {
    expect(judge({ kind: 'exit', status: 0 }, obs(pair, [cmd(1), cmd(0)])).passed).toBe(true);
    const f = judge({ kind: 'exit', status: 1 }, obs(pair, [cmd(1)]));
    expect(f).toMatchObject({ passed: true, expectedFailure: true });
    const nz = judge({ kind: 'exit', status: 'nonzero' }, obs(pair, [cmd(0)]));
    expect(nz).toMatchObject({ passed: false, actual: 'exit status was 0' });
    expect(judge({ kind: 'exit', status: 0 }, obs(pair, [cmd(null, '', { timedOut: true, durationMs: 2000 })])).actual).toBe('timed out after 2s and was killed');
  });

  it('output: a regular expression over all output, or its absence', () => {
    const o = obs(pair, [cmd(0, '64 bytes from 192.168.100.2\n')]);
    expect(judge({ kind: 'output', pattern: '64 bytes from', matches: true }, o).passed).toBe(true);
    expect(judge({ kind: 'output', pattern: '64 bytes from', matches: false }, o).passed).toBe(false);
  });

  it('netns: exists or not', () => {
    expect(judge({ kind: 'netns', name: 'ns0', exists: true }, obs(across)).passed).toBe(true);
    expect(judge({ kind: 'netns', name: 'ns0', exists: false }, obs(across)).passed).toBe(false);
    expect(judge({ kind: 'netns', name: 'ns0', exists: true }, obs(pair))).toMatchObject({ passed: false, actual: 'namespaces present: none' });
  });

  it('link: exists, missing, in another namespace, up or down', () => {
    expect(judge({ kind: 'link', name: 'veth0-1', in: 'ns0', exists: true, up: true }, obs(across)).passed).toBe(true);
    expect(judge({ kind: 'link', name: 'veth0-1', in: 'host', exists: false }, obs(across)).passed).toBe(true);
    expect(judge({ kind: 'link', name: 'veth0-1', in: 'host', exists: true }, obs(across))).toMatchObject({ passed: false, actual: 'veth0-1 is in ns0, not host' });
    expect(judge({ kind: 'link', name: 'veth0-0', in: 'host', exists: true, up: false }, obs(fixture('veth-created'))).passed).toBe(true);
    expect(judge({ kind: 'link', name: 'veth0-0', in: 'host', exists: true, up: true }, obs(fixture('veth-created')))).toMatchObject({ passed: false, actual: 'veth0-0 is DOWN' });
    expect(judge({ kind: 'link', name: 'br0', in: 'host', exists: true }, obs(pair)).actual).toBe('br0 is not in host');
  });

  it('addr: address with its prefix, on the right interface', () => {
    expect(judge({ kind: 'addr', cidr: '192.168.100.1/24', dev: 'veth0-0', in: 'host', exists: true }, obs(broken)).passed).toBe(true);
    expect(judge({ kind: 'addr', cidr: '192.168.100.1/32', dev: 'veth0-0', in: 'host', exists: true }, obs(broken))).toMatchObject({ passed: false, actual: 'veth0-0 has 192.168.100.1/24' });
    expect(judge({ kind: 'addr', cidr: '192.168.100.1/24', dev: 'veth0-0', in: 'host', exists: false }, obs(fixed)).passed).toBe(true);
    expect(judge({ kind: 'addr', cidr: '192.168.100.1/24', dev: 'br0', in: 'host', exists: true }, obs(fixed)).passed).toBe(true);
  });

  it('port: enslaved to the bridge or not', () => {
    expect(judge({ kind: 'port', name: 'veth0-0', bridge: 'br0', in: 'host', exists: true }, obs(broken)).passed).toBe(true);
    expect(judge({ kind: 'port', name: 'veth0-0', bridge: 'br1', in: 'host', exists: true }, obs(broken))).toMatchObject({ passed: false, actual: 'veth0-0 is a port of br0' });
    expect(judge({ kind: 'port', name: 'veth0-0', bridge: 'br0', in: 'host', exists: false }, obs(across)).passed).toBe(true);
  });

  it('same-mac: the bridge took its port address', () => {
    expect(judge({ kind: 'same-mac', a: 'br0', b: 'veth0-0', in: 'host' }, obs(broken)).passed).toBe(true);
    expect(judge({ kind: 'same-mac', a: 'lo', b: 'veth0-0', in: 'host' }, obs(broken)).passed).toBe(false);
  });

  it('neigh: resolved or not', () => {
    expect(judge({ kind: 'neigh', address: '192.168.100.2', dev: 'veth0-0', in: 'host', resolved: false }, obs(broken)).passed).toBe(true);
    expect(judge({ kind: 'neigh', address: '192.168.100.2', dev: 'veth0-0', in: 'host', resolved: true }, obs(broken))).toMatchObject({ passed: false, actual: 'the entry is INCOMPLETE' });
    expect(judge({ kind: 'neigh', address: '192.168.100.2', dev: 'br0', in: 'host', resolved: true }, obs(fixed)).passed).toBe(true);
  });

  it('learned: the bridge learned the peer MAC (not a local entry)', () => {
    expect(judge({ kind: 'learned', bridge: 'br0', in: 'host', macOf: 'veth0-1', macIn: 'ns0' }, obs(broken)).passed).toBe(true);
    expect(judge({ kind: 'learned', bridge: 'br0', in: 'host', macOf: 'veth0-0', macIn: 'host' }, obs(broken)).passed).toBe(false);
  });

  it('ping: success, and expected failure reported as a pass', () => {
    const e = { line: 1, kind: 'ping', target: '192.168.100.2', from: 'host', succeeds: false } as Expectation;
    const noReply = evaluate(e, obs(broken, [], { pings: new Map([[e, { replied: false, output: '1 packets transmitted, 0 received' }]]) }), 'en');
    expect(noReply).toMatchObject({ passed: true, expectedFailure: true });
    const replied = evaluate(e, obs(broken, [], { pings: new Map([[e, { replied: true, output: '' }]]) }), 'en');
    expect(replied).toMatchObject({ passed: false, actual: 'it got a reply' });
    const error = evaluate(e, obs(broken, [], { pings: new Map([[e, { replied: false, output: '', error: 'Cannot open network namespace' }]]) }), 'en');
    expect(error.passed).toBe(false);
  });

  it('capture: shows and hides packet kinds', () => {
    const e = { line: 1, kind: 'capture', iface: 'br0', in: 'host', shows: ['arp-reply'], hides: ['arp-request'] } as Expectation;
    const lines = ['aa > bb, ethertype ARP (0x0806), length 42: Reply 192.168.100.2 is-at 7a:18:38:a4:de:57, length 28'];
    const seen = new Set<PacketKind>(lines.flatMap(classifyPacket));
    expect(evaluate(e, obs(broken, [], { captures: new Map([[e, { lines, seen }]]) }), 'en').passed).toBe(true);
    seen.add('arp-request');
    expect(evaluate(e, obs(broken, [], { captures: new Map([[e, { lines, seen }]]) }), 'en')).toMatchObject({ passed: false, actual: 'saw ARP reply, ARP request' });
  });

  it('speaks Chinese too', () => {
    expect(evaluate({ line: 1, kind: 'link', name: 'veth0-1', in: 'ns0', exists: true, up: true }, obs(fixture('veth-pair')), 'zh')).toMatchObject({ label: 'ns0 中的 veth0-1 已启用（UP）', actual: 'veth0-1 在主机中，而不在 ns0 中' });
  });
});

describe('classifyPacket and parseSnapshot', () => {
  it('classifies tcpdump lines', () => {
    expect(classifyPacket('ARP (0x0806), length 42: Request who-has 192.168.100.2 tell 192.168.100.1')).toEqual(['arp-request']);
    expect(classifyPacket('IPv4 (0x0800), length 98: 192.168.100.1 > 192.168.100.2: ICMP echo request, id 1')).toEqual(['icmp-echo', 'icmp-echo-request']);
    expect(classifyPacket('IPv6: ICMP6, multicast listener report')).toEqual([]);
  });
  it('maps veth peers across namespaces and reads every section', () => {
    const text = [
      '@@ids host',
      '[{"name":"ns0","id":0}]',
      '@@links host',
      '[{"ifindex":3,"link_index":2,"ifname":"veth0-0","flags":["UP","LOWER_UP"],"operstate":"UP","address":"aa:aa:aa:aa:aa:aa","link_netnsid":0,"master":"br0","linkinfo":{"info_kind":"veth"},"addr_info":[{"family":"inet","local":"192.168.100.1","prefixlen":24},{"family":"inet6","local":"fe80::1","prefixlen":64}]}]',
      '@@neigh host',
      '[{"dst":"192.168.100.2","dev":"veth0-0","state":["INCOMPLETE"]}]',
      '@@fdb host',
      '[{"mac":"bb:bb:bb:bb:bb:bb","ifname":"veth0-0","flags":[],"master":"br0","state":""}]',
      '@@routes host',
      '[{"dst":"192.168.100.0/24","dev":"veth0-0","prefsrc":"192.168.100.1"}]',
      '@@ids ns0',
      '',
      '@@links ns0',
      '[{"ifindex":2,"link_index":3,"ifname":"veth0-1","flags":[],"operstate":"DOWN","address":"bb:bb:bb:bb:bb:bb","link_netnsid":0,"linkinfo":{"info_kind":"veth"}}]',
    ].join('\n');
    const s = parseSnapshot(text);
    expect(s.namespaces).toEqual(['ns0']);
    expect(s.links[0]).toMatchObject({ ns: 'host', name: 'veth0-0', up: true, master: 'br0', peer: { ns: 'ns0', ifindex: 2 }, addrs: [{ local: '192.168.100.1', prefixlen: 24 }] });
    expect(s.links[1]).toMatchObject({ ns: 'ns0', name: 'veth0-1', up: false, peer: { ns: 'host', ifindex: 3 } });
    expect(s.neigh[0].state).toEqual(['INCOMPLETE']);
    expect(s.fdb[0]).toMatchObject({ mac: 'bb:bb:bb:bb:bb:bb', permanent: false, self: false });
    expect(s.routes[0]).toMatchObject({ dst: '192.168.100.0/24', dev: 'veth0-0' });
  });
});
