/** Reading the lab's state: a recorded snapshot of a routed bridge lab, edge cases of ip's JSON, and the script that reads it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_SECTIONS, EMPTY_STATE, findLink, parseSnapshot, peerOf, SNAPSHOT_SCRIPT, snapshotScript } from '../../../src/lab/state.js';
import { sysctlNameOf, sysctlPath } from '../../../src/lab/sysctl-names.js';
import { ROOT } from '../../integration/helpers.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures', name), 'utf8');
// Recorded on a real kernel: br0 (192.168.100.1/24) with port veth0-0, whose peer veth0-1 is in ns0
// (192.168.100.2/24, default route via br0), a second pair veth1-0/veth1-1 down in the host, an unreachable
// route, forwarding on in the host, after one ping; sysctls asked for: all.rp_filter, veth0-1's forwarding, and one that does not exist.
// (Its settings lines were rewritten to the path:value form grep prints, which the script has used since.)
// Parsed inside each test, not at load: a mutation tool that keeps modules loaded must see every parse.
const routed = () => parseSnapshot(fixture('snapshot-routed-bridge.txt'));

describe('parseSnapshot of a recorded lab', () => {
  it('reads namespaces, links, neighbours, the forwarding database and routes of every namespace', () => {
    const ROUTED = routed();
    // The recorded file and the state parsed from it when it was recorded.
    expect(ROUTED).toEqual(JSON.parse(fixture('snapshot-routed-bridge.state.json')));
  });

  it('gives each link its namespace, kind, flags, master and IPv4 addresses only', () => {
    const ROUTED = routed();
    expect(ROUTED.namespaces).toEqual(['ns0']);
    expect(ROUTED.links.map((l) => `${l.ns}/${l.ifindex}/${l.name}/${l.kind}/${l.up ? 'up' : 'down'}/${l.carrier ? 'carrier' : 'no-carrier'}/${l.operstate}/${l.master ?? '-'}`)).toEqual([
      'host/1/lo/loopback/up/carrier/UNKNOWN/-',
      'host/3/veth0-0/veth/up/carrier/UP/br0',
      'host/4/veth1-1/veth/down/no-carrier/DOWN/-',
      'host/5/veth1-0/veth/down/no-carrier/DOWN/-',
      'host/6/br0/bridge/up/carrier/UP/-',
      'ns0/1/lo/loopback/up/carrier/UNKNOWN/-',
      'ns0/2/veth0-1/veth/up/carrier/UP/-',
    ]);
    expect(findLink(ROUTED, 'veth0-1', 'ns0')?.addrs).toEqual([{ local: '192.168.100.2', prefixlen: 24 }]);
    expect(findLink(ROUTED, 'lo')?.addrs).toEqual([{ local: '127.0.0.1', prefixlen: 8 }]);
    expect(findLink(ROUTED, 'br0')?.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  });

  it('finds the peer of a veth end in another namespace (through its nsid) and in the same one', () => {
    const ROUTED = routed();
    const v00 = findLink(ROUTED, 'veth0-0')!;
    expect(v00.peer).toEqual({ ns: 'ns0', ifindex: 2 });
    expect(peerOf(ROUTED, v00)?.name).toBe('veth0-1');
    expect(peerOf(ROUTED, findLink(ROUTED, 'veth0-1', 'ns0')!)?.name).toBe('veth0-0');
    expect(peerOf(ROUTED, findLink(ROUTED, 'veth1-0')!)?.name).toBe('veth1-1');
    expect(peerOf(ROUTED, findLink(ROUTED, 'br0')!)).toBeUndefined();
    expect(findLink(ROUTED, 'veth0-1')).toBeUndefined();
  });

  it('keeps neighbour states, learned and permanent bridge entries, and routes with their gateway', () => {
    const ROUTED = routed();
    expect(ROUTED.neigh.map((n) => `${n.ns} ${n.dst} ${n.dev} ${n.state.join(',')} ${n.lladdr ? 'mac' : '-'}`)).toEqual([
      'host 192.168.100.2 br0 REACHABLE mac',
      'host 192.168.100.9 br0 FAILED -',
      'ns0 192.168.100.1 veth0-1 DELAY mac',
    ]);
    const learned = ROUTED.fdb.filter((f) => !f.permanent);
    expect(learned).toEqual([{ ns: 'host', mac: findLink(ROUTED, 'veth0-1', 'ns0')!.mac, dev: 'veth0-0', master: 'br0', permanent: false, self: false }]);
    expect(ROUTED.fdb.find((f) => f.permanent && !f.self)).toMatchObject({ dev: 'veth0-0', master: 'br0', mac: findLink(ROUTED, 'veth0-0')!.mac });
    expect(ROUTED.fdb.filter((f) => f.self).every((f) => f.permanent && f.master === undefined)).toBe(true);
    expect(ROUTED.routes).toEqual([
      { ns: 'host', dst: '10.9.0.0/16', type: 'unreachable', dev: undefined, prefsrc: undefined, gateway: undefined },
      { ns: 'host', dst: '192.168.100.0/24', dev: 'br0', prefsrc: '192.168.100.1', gateway: undefined },
      { ns: 'ns0', dst: 'default', dev: 'veth0-1', gateway: '192.168.100.1', prefsrc: undefined },
      { ns: 'ns0', dst: '192.168.100.0/24', dev: 'veth0-1', prefsrc: '192.168.100.2', gateway: undefined },
    ]);
  });

  it('reads the settings asked for in every namespace where they exist, and forwarding always', () => {
    const ROUTED = routed();
    expect(ROUTED.sysctls).toEqual([
      { ns: 'host', name: 'net.ipv4.ip_forward', value: '1' },
      { ns: 'host', name: 'net.ipv4.conf.all.rp_filter', value: '0' },
      { ns: 'ns0', name: 'net.ipv4.ip_forward', value: '0' },
      { ns: 'ns0', name: 'net.ipv4.conf.all.rp_filter', value: '0' },
      { ns: 'ns0', name: 'net.ipv4.conf.veth0-1.forwarding', value: '0' },
    ]);
  });
});

// The same kind of lab read by the batched script: ns0 and an empty ns1, after a ping from ns0 to the bridge and
// one to an absent 192.168.100.9; settings asked for: all.rp_filter, veth0-1's forwarding, one that does not exist, and
// ip_local_port_range (two fields, separated by a tab).
describe('parseSnapshot of a recorded batched read', () => {
  const batch = () => parseSnapshot(fixture('snapshot-batch.txt'));
  it('gives the state recorded with it', () => {
    const BATCH = batch();
    expect(BATCH).toEqual(JSON.parse(fixture('snapshot-batch.state.json')));
  });
  it('maps peers through the ids printed after the links, and keeps IPv4 neighbours only', () => {
    const BATCH = batch();
    expect(BATCH.namespaces).toEqual(['ns1', 'ns0']);
    expect(peerOf(BATCH, findLink(BATCH, 'veth0-0')!)).toMatchObject({ ns: 'ns0', name: 'veth0-1' });
    expect(peerOf(BATCH, findLink(BATCH, 'veth0-1', 'ns0')!)).toMatchObject({ ns: 'host', name: 'veth0-0' });
    expect(BATCH.neigh.map((n) => `${n.ns} ${n.dst}`)).toEqual(['host 192.168.100.2', 'ns0 192.168.100.1', 'ns0 192.168.100.9']);
    expect(BATCH.links.filter((l) => l.ns === 'ns1').map((l) => l.name)).toEqual(['lo']);
  });
  it('reads settings by their path, a value of two fields as one line, and leaves out the missing one', () => {
    const BATCH = batch();
    const sys = (ns: string) => Object.fromEntries(BATCH.sysctls!.filter((x) => x.ns === ns).map((x) => [x.name, x.value]));
    expect(sys('host')).toEqual({ 'net.ipv4.ip_forward': '1', 'net.ipv4.conf.all.rp_filter': '0', 'net.ipv4.ip_local_port_range': '32768 60999' });
    expect(sys('ns0')).toMatchObject({ 'net.ipv4.ip_forward': '0', 'net.ipv4.conf.veth0-1.forwarding': '0' });
    expect(sys('ns1')).not.toHaveProperty('net.ipv4.conf.veth0-1.forwarding');
  });
});

describe('parseSnapshot edge cases', () => {
  it('a batch gives its lines to the sections its header names, in order, skipping blank lines; a later header ends it', () => {
    const s = parseSnapshot(['@@batch ns0 links,routes,ids', '', link({}), '[{"dst":"default","dev":"x"}]', '@@fdb ns0', '[{"mac":"m","ifname":"x"}]'].join('\n'));
    expect(s.links.map((l) => `${l.ns}/${l.name}`)).toEqual(['ns0/x']);
    expect(s.routes).toEqual([{ ns: 'ns0', dst: 'default', dev: 'x', gateway: undefined, prefsrc: undefined }]);
    expect(s.fdb).toHaveLength(1);
    // No namespaces: ip prints nothing for `netns list`, and nothing is taken for it.
    expect(parseSnapshot(`@@batch host links,neigh,routes,ids\n${link({})}\n[]\n[]\n\n`).namespaces).toEqual([]);
  });
  it('neighbours: IPv6 entries and entries without an address are left out', () => {
    const s = parseSnapshot('@@neigh host\n[{"dst":"fe80::1","dev":"a"},{"dev":"a"},{"dst":"10.0.0.1","dev":"a","state":["STALE"]}]\n');
    expect(s.neigh).toEqual([{ ns: 'host', dst: '10.0.0.1', dev: 'a', lladdr: undefined, state: ['STALE'] }]);
  });

  const link = (extra: Record<string, unknown>) => JSON.stringify([{ ifindex: 7, ifname: 'x', flags: ['UP'], ...extra }]);

  it('is empty for no output, garbage, or sections that are not JSON arrays', () => {
    expect(parseSnapshot('')).toEqual(EMPTY_STATE);
    expect(parseSnapshot('noise before any section\n@@links host\nnot json\n@@neigh host\n{"dst":"x"}\n@@routes host\n\n')).toEqual(EMPTY_STATE);
  });

  it('ignores lines before the first section and unknown sections; a header needs its namespace', () => {
    const s = parseSnapshot(`[{"ifindex":1}]\n@@mystery host\n[{"a":1}]\n@@links\n${link({})}\n@@links host\n${link({})}\n`);
    expect(s.links.map((l) => l.name)).toEqual(['x']);
  });

  it('only the host section of ids names the namespaces; nsids map peers per namespace', () => {
    const text = [
      '@@ids host',
      '[{"name":"ns0","id":0},{"name":"ns1","id":1},{"name":"nameless"}]',
      '@@ids ns0',
      '[{"name":"ns1","id":5}]',
      '@@links ns0',
      link({ linkinfo: { info_kind: 'veth' }, link_index: 9, link_netnsid: 5 }),
      '@@links host',
      link({ linkinfo: { info_kind: 'veth' }, link_index: 3, link_netnsid: 0 }),
      '@@links ns1',
      link({ linkinfo: { info_kind: 'veth' }, link_index: 4, link_netnsid: 8 }),
    ].join('\n');
    const s = parseSnapshot(text);
    expect(s.namespaces).toEqual(['ns0', 'ns1', 'nameless']);
    // ns0 knows ns1 as nsid 5; nsid 8 is claimed by no named namespace: the sandbox's own top namespace.
    // Rows come host first, then in the order of the namespaces, whatever order the script visited them in.
    expect(s.links.map((l) => [l.ns, l.peer])).toEqual([
      ['host', { ns: 'ns0', ifindex: 3 }],
      ['ns0', { ns: 'ns1', ifindex: 9 }],
      ['ns1', { ns: 'host', ifindex: 4 }],
    ]);
  });

  it('a veth whose peer is in the same namespace: no nsid, or only the peer name', () => {
    const text = [
      '@@links host',
      JSON.stringify([
        { ifindex: 2, ifname: 'a', linkinfo: { info_kind: 'veth' }, link_index: 3 },
        { ifindex: 3, ifname: 'b', linkinfo: { info_kind: 'veth' }, link: 'c' },
        { ifindex: 4, ifname: 'c', linkinfo: { info_kind: 'veth' }, link: 'gone' },
        { ifindex: 5, ifname: 'd', linkinfo: { info_kind: 'veth' } },
        { ifindex: 6, ifname: 'e', linkinfo: { info_kind: 'dummy' }, link_index: 2 },
      ]),
    ].join('\n');
    const s = parseSnapshot(text);
    expect(s.links.map((l) => [l.name, l.peer])).toEqual([
      ['a', { ns: 'host', ifindex: 3 }],
      ['b', { ns: 'host', ifindex: 4 }],
      ['c', { ns: 'host', ifindex: -1 }],
      ['d', undefined],
      ['e', undefined],
    ]);
  });

  it('routes: a unicast type is the default and not named; setting lines without a path are skipped, values of several fields or lines joined by spaces', () => {
    const s = parseSnapshot('@@routes ns1\n[{"dst":"default","type":"unicast","dev":"e"},{"dst":"1.0.0.0/8","type":"blackhole"}]\n@@sysctl ns1\n/proc/sys/net/a:1 \n/proc/sys/:2\nnoequals\nnet.c=3\n/proc/sys/net/b:x:y\n/proc/sys/net/c:5\t6\n/proc/sys/net/c:7\n');
    expect(s.routes).toEqual([
      { ns: 'ns1', dst: 'default', dev: 'e', gateway: undefined, prefsrc: undefined },
      { ns: 'ns1', dst: '1.0.0.0/8', type: 'blackhole', dev: undefined, gateway: undefined, prefsrc: undefined },
    ]);
    expect(s.routes[0]).not.toHaveProperty('type');
    expect(s.sysctls).toEqual([
      { ns: 'ns1', name: 'net.a', value: '1' },
      { ns: 'ns1', name: 'net.b', value: 'x:y' },
      { ns: 'ns1', name: 'net.c', value: '5 6 7' },
    ]);
    expect(parseSnapshot('@@links host\n[]\n').sysctls).toBeUndefined();
  });

  it('defaults: no flags, no kind, no address, no operstate, IPv6 addresses left out', () => {
    const s = parseSnapshot(`@@links host\n${JSON.stringify([{ ifindex: 9, ifname: 'z', addr_info: [{ family: 'inet6', local: '::1', prefixlen: 128 }] }, { ifindex: 1, ifname: 'lo', link_type: 'loopback', flags: ['LOWER_UP'] }])}\n`);
    expect(s.links).toEqual([
      { ns: 'host', ifindex: 9, name: 'z', kind: '', mac: '', up: false, carrier: false, operstate: 'UNKNOWN', master: undefined, peer: undefined, addrs: [] },
      { ns: 'host', ifindex: 1, name: 'lo', kind: 'loopback', mac: '', up: false, carrier: true, operstate: 'UNKNOWN', master: undefined, peer: undefined, addrs: [] },
    ]);
  });

  it('a VXLAN end keeps its id, local, remote and port as ip -d shows them; a setting ip leaves out stays out', () => {
    const info = { id: 42, remote: '10.0.0.1', local: '10.0.0.2', link: 'eth0', port_range: { low: 0, high: 0 }, port: 4789, learning: true };
    const [full] = parseSnapshot(`@@links hostb\n${JSON.stringify([{ ifindex: 4, ifname: 'vxlan42', linkinfo: { info_kind: 'vxlan', info_data: info } }])}\n`).links;
    expect(full.vxlan).toEqual({ id: 42, remote: '10.0.0.1', local: '10.0.0.2', port: 4789 });
    const [bare] = parseSnapshot(`@@links host\n${JSON.stringify([{ ifindex: 4, ifname: 'v', linkinfo: { info_kind: 'vxlan', info_data: { id: 7, remote: 5, port: '4789' } } }])}\n`).links;
    expect(bare.vxlan).toEqual({ id: 7 });
    // No id, or another kind of device: no VXLAN settings at all.
    const others = parseSnapshot(`@@links host\n${JSON.stringify([{ ifindex: 5, ifname: 'w', linkinfo: { info_kind: 'vxlan', info_data: {} } }, { ifindex: 6, ifname: 'b', linkinfo: { info_kind: 'bridge', info_data: { id: 1 } } }])}\n`).links;
    expect(others.map((l) => 'vxlan' in l)).toEqual([false, false]);
  });

  it('neighbours without a state, fdb entries without flags', () => {
    const s = parseSnapshot('@@neigh host\n[{"dst":"1.2.3.4","dev":"a"}]\n@@fdb host\n[{"mac":"m","ifname":"p","state":"reachable"}]\n');
    expect(s.neigh).toEqual([{ ns: 'host', dst: '1.2.3.4', dev: 'a', lladdr: undefined, state: [] }]);
    expect(s.fdb).toEqual([{ ns: 'host', mac: 'm', dev: 'p', master: undefined, permanent: false, self: false }]);
  });
});

describe('the snapshot script', () => {
  it('reads the host and then each named namespace, ip sections in one batch per namespace, in one script', () => {
    expect(SNAPSHOT_SCRIPT).toBe(snapshotScript(ALL_SECTIONS));
    expect(SNAPSHOT_SCRIPT).toContain('snap host ""\nfor p in /run/netns/*; do [ -e "$p" ] && snap "${p##*/}" "-n ${p##*/}"; done; true\n');
    expect(SNAPSHOT_SCRIPT).toContain('  echo "@@batch $1 links,neigh,routes,ids"\n  ip $2 -j -d -force -batch - 2>/dev/null <<EOF\naddr show\nneigh show\nroute show\nnetns list\nEOF\n  echo\n');
    for (const s of ['fdb', 'sysctl']) expect(SNAPSHOT_SCRIPT).toContain(`echo "@@${s} $1"`);
    expect(SNAPSHOT_SCRIPT).toMatch(/^SYSCTLS='\/proc\/sys\/net\/ipv4\/ip_forward'$/m);
    expect(SNAPSHOT_SCRIPT).toContain('nsenter --net="/run/netns/$1" grep -sH "" $SYSCTLS </dev/null');
    expect(SNAPSHOT_SCRIPT).toContain('bridge $2 -j fdb show');
  });
  it('reads only the sections asked for', () => {
    const s = snapshotScript(new Set(['links', 'neigh']));
    expect(s).toContain('echo "@@batch $1 links,neigh"\n  ip $2 -j -d -force -batch - 2>/dev/null <<EOF\naddr show\nneigh show\nEOF\n');
    expect(s).not.toMatch(/@@(ids|fdb|routes|sysctl)|netns list|route show/);
    expect(s).not.toContain('SYSCTLS=');
    const noIp = snapshotScript(new Set(['fdb']));
    expect(noIp).not.toContain('@@batch');
    expect(noIp).toContain('@@fdb');
  });
  it('reads each named setting once, forwarding first, and leaves out names that are not safe in a script', () => {
    const s = snapshotScript(new Set(['sysctl']), ['net.ipv4.conf.eth0/100.rp_filter', 'net.ipv4.ip_forward', "net.x';reboot", 'net']);
    expect(s.split('\n').find((l) => l.startsWith('SYSCTLS='))).toBe(`SYSCTLS='/proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/conf/eth0.100/rp_filter'`);
    expect(sysctlPath('net.ipv4.conf.eth0/100.rp_filter')).toBe('net/ipv4/conf/eth0.100/rp_filter');
    expect(sysctlNameOf('net/ipv4/conf/eth0.100/rp_filter')).toBe('net.ipv4.conf.eth0/100.rp_filter');
  });
});
