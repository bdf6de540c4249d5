/** Check kinds judged on small hand-made lab states: verdicts, the exact label and `actual` text (en, zh), needs, lint and diagnoses. */
import { describe, expect, it } from 'vitest';
import { evaluate, kindFindings, type Observations } from '../../../src/checks/evaluate.js';
import type { CaptureOutcome, ExpectationBase } from '../../../src/checks/kind.js';
import { captureKind, parsePacket } from '../../../src/checks/kinds/capture.js';
import { neighKind } from '../../../src/checks/kinds/neigh.js';
import { kindOf, kindsNamedBy, needsOf } from '../../../src/checks/registry.js';
import type { CommandResult } from '../../../src/lab/sandbox.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { parseLesson } from '../../../src/lesson/parse.js';
import type { Expectation } from '../../../src/lesson/types.js';

type Lang = 'en' | 'zh';
const st = (p: Partial<LabState> = {}): LabState => ({ namespaces: [], links: [], neigh: [], fdb: [], routes: [], ...p });
const link = (name: string, ns = 'host', extra: Partial<LinkState> = {}): LinkState => ({
  ns,
  ifindex: 1,
  name,
  kind: 'veth',
  mac: '02:00:00:00:00:01',
  up: true,
  carrier: true,
  operstate: 'UP',
  addrs: [],
  ...extra,
});
const cmd = (code: number | null, extra: Partial<CommandResult> = {}): CommandResult => ({
  command: 'x',
  code,
  signal: null,
  timedOut: false,
  cancelled: false,
  stdout: '',
  stderr: '',
  output: '',
  durationMs: 1,
  ...extra,
});
const obs = (state: LabState, extra: Partial<Observations> = {}): Observations => ({ state, commands: [cmd(0)], pings: new Map(), captures: new Map(), ...extra });

const lesson = (yaml: string) =>
  parseLesson('l.md', `---\nid: x\ntitle: X\n---\n\n## S\n\n\`\`\`sh run\ntrue\n\`\`\`\n\n\`\`\`yaml step\nexpect:\n${yaml.replace(/^/gm, '  ')}\nhints: [h]\n\`\`\`\n`);
/** Parses one expectation the way a lesson author writes it. */
function exp(yaml: string): Expectation {
  const r = lesson(yaml);
  if (r.errors.length) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.lesson!.steps[0].expect[0];
}
const lintOf = (yaml: string) => lesson(yaml).errors.map((e) => e.message).join('; ');
/** What the learner sees of one check: verdict, label, actual. */
function judge(e: Expectation | ExpectationBase, o: Observations, lang: Lang = 'en') {
  const { expectation: _e, ...rest } = evaluate(e, o, lang);
  return rest;
}
const run = (yaml: string, state: LabState, lang: Lang = 'en', extra: Partial<Observations> = {}) => judge(exp(yaml), obs(state, extra), lang);
const findings = (e: Expectation | ExpectationBase, state: LabState, lang: Lang = 'en') =>
  kindFindings({ checks: [evaluate(e, obs(state), lang)], state, commands: [], lang });
const needs = (yaml: string) => {
  const n = needsOf([exp(yaml)]);
  return { sections: [...n.sections], sysctls: n.sysctls };
};

describe('neigh', () => {
  const N = '- neigh: 10.0.1.12\n  dev: eth0\n  in: c1';
  const entry = (extra: Partial<LabState['neigh'][number]> = {}) => ({ ns: 'c1', dst: '10.0.1.12', dev: 'eth0', lladdr: '02:00:00:00:00:12', state: ['REACHABLE'], ...extra });

  it('lint: conflicting or pointless keys', () => {
    const base = { neigh: '10.0.1.12', dev: 'eth0', in: 'c1' };
    expect(neighKind.validate(base)).toBeUndefined();
    expect(neighKind.validate({ ...base, mac: '02:00:00:00:00:12' })).toBeUndefined();
    expect(neighKind.validate({ ...base, mac: '02:00:00:00:00:12', resolved: true })).toBeUndefined();
    expect(neighKind.validate({ ...base, 'mac-of': 'eth0' })).toBeUndefined();
    expect(neighKind.validate({ ...base, 'mac-of': 'eth0', resolved: true })).toBeUndefined();
    expect(neighKind.validate({ ...base, resolved: false })).toBeUndefined();
    expect(neighKind.validate({ ...base, state: 'STALE' })).toBeUndefined();
    expect(neighKind.validate({ ...base, state: 'STALE', resolved: true })).toBe('`neigh` expectation: use `state` or `resolved`, not both');
    expect(neighKind.validate({ ...base, mac: '02:00:00:00:00:12', 'mac-of': 'eth0' })).toBe('`neigh` expectation: use `mac` or `mac-of`, not both');
    const noMac = '`neigh` expectation: an entry that is not resolved has no MAC to compare; drop `mac`/`mac-of` or `resolved: false`';
    expect(neighKind.validate({ ...base, mac: '02:00:00:00:00:12', resolved: false })).toBe(noMac);
    expect(neighKind.validate({ ...base, 'mac-of': 'eth0', resolved: false })).toBe(noMac);
    expect(lintOf(`${N}\n  mac: 02:00:00:00:00:12\n  mac-of: eth0`)).toMatch(/use `mac` or `mac-of`, not both/);
  });

  it('needs links only to look up a MAC by interface', () => {
    expect(needs(N)).toEqual({ sections: ['neigh'], sysctls: [] });
    expect(needs(`${N}\n  mac-of: eth0\n  mac-in: c2`)).toEqual({ sections: ['neigh', 'links'], sysctls: [] });
    expect(neighKind.build({ neigh: '10.0.1.12', dev: 'eth0', in: 'c1' }, 1).macIn).toBeUndefined();
    expect(neighKind.build({ neigh: '10.0.1.12', dev: 'eth0', in: 'c1', 'mac-of': 'eth0' }, 1).macIn).toBe('host');
  });

  it('no entry: passes only when it must not be resolved', () => {
    const none = st({ neigh: [entry({ ns: 'c2' }), entry({ dev: 'eth1' })] });
    expect(run(N, none)).toEqual({ passed: false, expectedFailure: false, label: 'the ARP entry for 10.0.1.12 on eth0 is resolved', actual: 'there is no entry' });
    expect(run(`${N}\n  resolved: false`, none)).toEqual({ passed: true, expectedFailure: false, label: 'the ARP entry for 10.0.1.12 on eth0 is not resolved' });
    expect(run(`${N}\n  state: FAILED`, none)).toEqual({ passed: false, expectedFailure: false, label: 'the ARP entry for 10.0.1.12 on eth0 is FAILED', actual: 'there is no entry' });
    expect(run(N, none, 'zh')).toEqual({ passed: false, expectedFailure: false, label: 'eth0 上 10.0.1.12 的 ARP 表项已解析', actual: '没有这条表项' });
  });

  it('resolved: a MAC and a resolved state', () => {
    expect(run(N, st({ neigh: [entry({ state: ['FAILED'] })] }))).toMatchObject({ passed: false, actual: 'the entry is FAILED' });
    expect(run(N, st({ neigh: [entry({ lladdr: undefined, state: ['REACHABLE'] })] })).passed).toBe(false);
    expect(run(N, st({ neigh: [entry({ state: ['STALE', 'NONE'] })] }))).toMatchObject({ passed: true });
    expect(run(`${N}\n  resolved: false`, st({ neigh: [entry({ state: ['STALE', 'NONE'] })] }))).toMatchObject({ passed: false, actual: 'the entry is STALE NONE' });
    expect(run(N, st({ neigh: [entry({ state: [] })] }))).toMatchObject({ passed: false, actual: 'the entry is ?' });
  });

  it('states: any of the entry states counts', () => {
    expect(run(`${N}\n  state: REACHABLE`, st({ neigh: [entry({ state: ['REACHABLE', 'NOARP'] })] })).passed).toBe(true);
  });

  it('mac and mac-of: label and actual', () => {
    const s = st({ neigh: [entry({ lladdr: '02:00:00:00:00:AB' })], links: [link('eth0', 'c2', { mac: '02:00:00:00:00:ab' })] });
    expect(run(`${N}\n  mac: 02:00:00:00:00:AB`, s)).toEqual({ passed: true, expectedFailure: false, label: 'the ARP entry for 10.0.1.12 on eth0 is resolved and points to 02:00:00:00:00:ab' });
    expect(run(`${N}\n  mac: 02:00:00:00:00:CD`, s, 'zh')).toEqual({
      passed: false,
      expectedFailure: false,
      label: 'eth0 上 10.0.1.12 的 ARP 表项已解析，指向 02:00:00:00:00:cd',
      actual: '表项状态为 REACHABLE，MAC 为 02:00:00:00:00:AB',
    });
    expect(run(`${N}\n  mac-of: eth0\n  mac-in: c2`, s, 'zh')).toEqual({ passed: true, expectedFailure: false, label: 'eth0 上 10.0.1.12 的 ARP 表项已解析，指向 eth0（c2）的 MAC 地址' });
    expect(run(`${N}\n  mac-of: eth0`, s)).toEqual({
      passed: false,
      expectedFailure: false,
      label: 'the ARP entry for 10.0.1.12 on eth0 is resolved and points to the MAC of eth0 (host)',
      actual: 'eth0 is in c2, not host',
    });
    expect(run(`${N}\n  mac-of: veth9\n  mac-in: c2`, s)).toMatchObject({ passed: false, actual: 'veth9 is not in c2' });
    // An incomplete entry has no MAC at all.
    expect(run(`${N}\n  mac: 02:00:00:00:00:ab`, st({ neigh: [entry({ lladdr: undefined, state: ['INCOMPLETE'] })] }))).toMatchObject({
      passed: false,
      actual: 'the entry is INCOMPLETE, for ?',
    });
  });

  it('a hand-built expectation without macIn looks in the host', () => {
    const e = { kind: 'neigh', line: 1, address: '10.0.1.12', dev: 'eth0', in: 'c1', resolved: true, macOf: 'veth9' } as Expectation;
    expect(judge(e, obs(st({ neigh: [entry()] })))).toEqual({
      passed: false,
      expectedFailure: false,
      label: 'the ARP entry for 10.0.1.12 on eth0 is resolved and points to the MAC of veth9 (host)',
      actual: 'veth9 is not in host',
    });
  });
});

describe('capture', () => {
  const A = '02:00:00:00:00:0a';
  const B = '02:00:00:00:00:0b';
  const withCapture = (yaml: string, c: CaptureOutcome | undefined, lang: Lang = 'en') => {
    const e = exp(yaml);
    return judge(e, obs(st(), { captures: new Map(c ? [[e, c]] : []) }), lang);
  };
  const out = (lines: string[], seen: string[], error?: string): CaptureOutcome => ({ lines, seen: new Set(seen) as CaptureOutcome['seen'], error });

  it('lint: shows or hides', () => {
    expect(captureKind.validate({ shows: [], hides: [] })).toBe('`capture` expectation needs `shows` or `hides`');
    expect(captureKind.validate({ shows: ['arp-request'], hides: [] })).toBeUndefined();
    expect(captureKind.validate({ shows: ['arp-request'], hides: ['arp-reply'] })).toBeUndefined();
    expect(lintOf('- capture: eth0')).toMatch(/`capture` expectation needs `shows` or `hides`/);
  });

  it('no capture at all fails, with nothing seen', () => {
    expect(withCapture('- capture: eth0\n  hides: [arp-request]', undefined)).toEqual({
      passed: false,
      expectedFailure: false,
      label: 'tcpdump on eth0 (host) does not see ARP request',
      actual: 'saw nothing of interest',
    });
    expect(withCapture('- capture: eth0\n  hides: [arp-request]\n  src: 10.0.1.1', undefined)).toMatchObject({ passed: false, actual: 'saw nothing of interest' });
  });

  it('a failed tcpdump fails with its error; the lines are passed on', () => {
    expect(withCapture('- capture: eth0\n  hides: [arp-request]', out(['l1'], [], 'tcpdump: eth0: No such device'))).toEqual({
      passed: false,
      expectedFailure: false,
      label: 'tcpdump on eth0 (host) does not see ARP request',
      actual: 'tcpdump: eth0: No such device',
      captured: ['l1'],
    });
  });

  it('actual names the kinds seen, without the generic ICMP echo', () => {
    expect(withCapture('- capture: eth0\n  shows: [arp-reply]', out([], ['icmp-echo', 'icmp-echo-request', 'arp-request']))).toMatchObject({
      passed: false,
      actual: 'saw ICMP echo request, ARP request',
    });
    expect(withCapture('- capture: eth0\n  shows: [arp-reply]', out([], ['icmp-echo', 'icmp-echo-request', 'arp-request']), 'zh')).toMatchObject({
      passed: false,
      actual: '抓到了 ICMP echo 请求、ARP 请求',
    });
  });

  it('labels: shows, hides, both, and address filters', () => {
    const label = (yaml: string, lang: Lang = 'en') => withCapture(yaml, out([], [])).label;
    const zh = (yaml: string) => withCapture(yaml, out([], []), 'zh').label;
    expect(label('- capture: eth0\n  hides: [arp-request]\n  in: c1')).toBe('tcpdump on eth0 (c1) does not see ARP request');
    expect(label('- capture: eth0\n  shows: [arp-request]')).toBe('tcpdump on eth0 (host) sees ARP request');
    expect(label('- capture: eth0\n  shows: [arp-request]\n  hides: [icmp-echo-request, arp-reply]')).toBe('tcpdump on eth0 (host) sees ARP request, does not see ICMP echo request, ARP reply');
    expect(zh('- capture: eth0\n  hides: [arp-request]')).toBe('在 eth0（主机）上抓包看不到 ARP 请求');
    expect(zh('- capture: eth0\n  shows: [arp-request]\n  hides: [arp-reply]')).toBe('在 eth0（主机）上抓包，能看到 ARP 请求,看不到 ARP 应答');
    expect(label('- capture: eth0\n  shows: [arp-request]\n  src: 10.0.1.1')).toBe('tcpdump on eth0 (host) sees ARP request (packets from 10.0.1.1)');
    expect(label('- capture: eth0\n  shows: [arp-request]\n  dst: 10.0.1.2')).toBe('tcpdump on eth0 (host) sees ARP request (packets to 10.0.1.2)');
    expect(label('- capture: eth0\n  shows: [arp-request]\n  src: 10.0.1.1\n  dst: 10.0.1.2')).toBe('tcpdump on eth0 (host) sees ARP request (packets from 10.0.1.1 to 10.0.1.2)');
    expect(zh('- capture: eth0\n  shows: [arp-request]\n  src: 10.0.1.1')).toBe('在 eth0（主机）上抓包，能看到 ARP 请求（只计来自 10.0.1.1 的包）');
    expect(zh('- capture: eth0\n  shows: [arp-request]\n  dst: 10.0.1.2')).toBe('在 eth0（主机）上抓包，能看到 ARP 请求（只计发往 10.0.1.2 的包）');
    expect(zh('- capture: eth0\n  shows: [arp-request]\n  src: 10.0.1.1\n  dst: 10.0.1.2')).toBe('在 eth0（主机）上抓包，能看到 ARP 请求（只计来自 10.0.1.1、发往 10.0.1.2 的包）');
  });

  it('address filters: only the packets from or to the given address count', () => {
    const lines = [
      `  ${A} > ${B}, ethertype IPv4 (0x0800), length 98: 192.168.10.11 > 192.168.20.12: ICMP echo request, id 1, seq 1, length 64`,
      `${B} > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.1.12 (ff:ff:ff:ff:ff:ff) tell 10.0.1.11, length 28`,
    ];
    const c = out(lines, ['icmp-echo', 'icmp-echo-request', 'arp-request']);
    expect(withCapture(`- capture: eth0\n  shows: [arp-request]\n  src: ${A}`, c)).toMatchObject({ passed: false, actual: 'saw ICMP echo request' });
    expect(withCapture(`- capture: eth0\n  shows: [icmp-echo-request]\n  src: ${A}`, c)).toMatchObject({ passed: true });
    expect(withCapture('- capture: eth0\n  shows: [icmp-echo-request]\n  src: 192.168.10.11\n  dst: 192.168.20.12', c).passed).toBe(true);
    expect(withCapture('- capture: eth0\n  shows: [icmp-echo-request]\n  dst: 192.168.20.12', c).passed).toBe(true);
    expect(withCapture('- capture: eth0\n  shows: [arp-request]\n  src: 10.0.1.11', c)).toMatchObject({ passed: true });
    expect(withCapture('- capture: eth0\n  shows: [arp-request]\n  dst: 10.0.1.12', c)).toMatchObject({ passed: true });
  });

  it('parses a line without a link-level header', () => {
    expect(parsePacket('IP 10.0.1.11 > 10.0.1.12: ICMP echo request, id 1, seq 1, length 64')).toEqual({
      kinds: ['icmp-echo', 'icmp-echo-request'],
      srcMac: undefined,
      dstMac: undefined,
    });
    expect(parsePacket('length 98: 10.0.1.11 > 10.0.1.12: ICMP echo request')).toEqual({
      kinds: ['icmp-echo', 'icmp-echo-request'],
      srcIp: '10.0.1.11',
      dstIp: '10.0.1.12',
    });
  });
});

describe('route', () => {
  const routes = st({
    links: [link('eth0', 'c1', { addrs: [{ local: '192.168.5.2', prefixlen: 24 }, { local: '10.0.1.11', prefixlen: 24 }] }), link('eth0', 'c2', { addrs: [{ local: '172.16.0.2', prefixlen: 16 }] })],
    routes: [
      { ns: 'c1', dst: 'default', dev: 'eth0', gateway: '10.0.1.1' },
      { ns: 'c1', dst: '10.0.1.0/24', dev: 'eth0', type: 'unicast' },
      { ns: 'c1', dst: '10.9.9.9', dev: 'eth0' },
      { ns: 'c1', dst: '198.51.100.0/24', dev: '', type: 'blackhole' },
    ],
  });

  it('needs the routes', () => {
    expect(needs('- route: default')).toEqual({ sections: ['routes'], sysctls: [] });
  });

  it('0.0.0.0/0 is the default route', () => {
    expect(run('- route: 0.0.0.0/0\n  in: c1', routes)).toEqual({ passed: true, expectedFailure: false, label: 'c1 has a default route' });
    expect(run('- route: default\n  in: c2', routes)).toEqual({ passed: false, expectedFailure: false, label: 'c2 has a default route', actual: 'routes in c2: none' });
    expect(run('- route: default\n  in: c2', routes, 'zh')).toEqual({ passed: false, expectedFailure: false, label: 'c2 中有默认路由', actual: 'c2 中的路由：无' });
  });

  it('a /32 matches the bare address the kernel lists', () => {
    expect(run('- route: 10.9.9.9/32\n  in: c1', routes)).toEqual({ passed: true, expectedFailure: false, label: 'c1 has a route to 10.9.9.9/32' });
    expect(run('- route: 10.9.9.9\n  in: c1', routes).passed).toBe(true);
  });

  it('actual lists the routes of the same prefix, else all, with non-unicast types', () => {
    expect(run('- route: 10.0.1.0/24\n  via: 10.0.1.1\n  in: c1', routes)).toMatchObject({ passed: false, actual: 'routes in c1: 10.0.1.0/24 dev eth0' });
    expect(run('- route: 198.51.100.0/24\n  dev: eth0\n  in: c1', routes)).toMatchObject({ passed: false, actual: 'routes in c1: blackhole 198.51.100.0/24' });
    expect(run('- route: 203.0.113.0/24\n  in: c1', routes)).toMatchObject({
      passed: false,
      actual: 'routes in c1: default via 10.0.1.1 dev eth0; 10.0.1.0/24 dev eth0; 10.9.9.9 dev eth0; blackhole 198.51.100.0/24',
    });
  });

  it('labels: a route that must not be there', () => {
    expect(run('- route: 203.0.113.0/24\n  in: c1\n  exists: false', routes)).toEqual({ passed: true, expectedFailure: false, label: 'c1 has no route to 203.0.113.0/24' });
    expect(run('- route: 203.0.113.0/24\n  via: 10.0.1.1\n  dev: eth0\n  in: c1\n  exists: false', routes, 'zh').label).toBe('c1 中没有到 203.0.113.0/24 的路由，网关 10.0.1.1，出口 eth0');
    expect(run('- route: default\n  in: c1\n  exists: false', routes, 'zh').label).toBe('c1 中没有默认路由');
  });

  it('diagnosis: only a wanted route via a gateway off every subnet of its own namespace', () => {
    expect(findings(exp('- route: 203.0.113.0/24\n  via: 172.16.0.1\n  in: c1'), routes)).toEqual([
      {
        id: 'route-gateway:c1:172.16.0.1',
        weight: 70,
        text: "The gateway 172.16.0.1 is not on any subnet c1 has an address in, so the kernel cannot use it as a next hop: give c1 an address in the gateway's subnet first, then add the route.",
      },
    ]);
    expect(findings(exp('- route: 203.0.113.0/24\n  via: 172.16.0.1'), routes, 'zh')).toEqual([
      {
        id: 'route-gateway:host:172.16.0.1',
        weight: 70,
        text: '网关 172.16.0.1 不在主机任何已配置地址的子网里，内核无法把它当作下一跳：先给主机配一个与网关同一子网的地址，再添加这条路由。',
      },
    ]);
    expect(findings(exp('- route: 203.0.113.0/24\n  in: c1'), routes)).toEqual([]);
    expect(findings(exp('- route: default\n  via: 172.16.0.1\n  in: c1\n  exists: false'), st({ routes: [{ ns: 'c1', dst: 'default', dev: 'eth0', gateway: '172.16.0.1' }] }))).toEqual([]);
  });

  it('diagnosis: the route is there through another gateway or device; replacing it is the fix, and a gateway nobody has is said', () => {
    // 10.0.1.1 belongs to nobody in this lab.
    expect(findings(exp('- route: default\n  via: 10.0.1.254\n  in: c1'), routes)).toEqual([
      {
        id: 'route-differs:c1:default',
        weight: 75,
        text: 'The route in c1 is `default via 10.0.1.1 dev eth0`, and this step wants it via 10.0.1.254. No interface in the lab has 10.0.1.1, so nothing answers for that gateway. Replace the route.',
        fix: 'ip netns exec c1 ip route replace default via 10.0.1.254',
      },
    ]);
    const owned = st({ ...routes, links: [...routes.links, link('br0', 'host', { addrs: [{ local: '10.0.1.1', prefixlen: 24 }] })] });
    expect(findings(exp('- route: default\n  via: 10.0.1.254\n  dev: eth0\n  in: c1'), owned, 'zh')).toEqual([
      { id: 'route-differs:c1:default', weight: 75, text: 'c1 中的这条路由是 `default via 10.0.1.1 dev eth0`，而这一步要求它，网关 10.0.1.254，出口 eth0。请替换它。', fix: 'ip netns exec c1 ip route replace default via 10.0.1.254 dev eth0' },
    ]);
    // A device only, in the host; a /32 written as a bare address.
    const host = st({ links: [link('eth1')], routes: [{ ns: 'host', dst: '10.9.9.9', dev: 'eth0' }] });
    expect(findings(exp('- route: 10.9.9.9\n  dev: eth1'), host)).toEqual([
      { id: 'route-differs:host:10.9.9.9/32', weight: 75, text: 'The route in host is `10.9.9.9 dev eth0`, and this step wants it on eth1. Replace it.', fix: 'ip route replace 10.9.9.9/32 dev eth1' },
    ]);
    // Nothing to replace: no such route, only a blackhole, or the wanted one is there too.
    expect(findings(exp('- route: 203.0.113.0/24\n  via: 10.0.1.254\n  in: c1'), routes)).toEqual([]);
    expect(findings(exp('- route: 198.51.100.0/24\n  dev: eth0\n  in: c1'), routes)).toEqual([]);
    // A gateway is somebody's when any of an interface's addresses is it.
    const second = st({ ...routes, links: [...routes.links, link('br0', 'host', { addrs: [{ local: '10.9.0.1', prefixlen: 24 }, { local: '10.0.1.1', prefixlen: 24 }] })] });
    expect(findings(exp('- route: default\n  via: 10.0.1.254\n  in: c1'), second)[0].text).not.toContain('No interface in the lab has');
    // A blackhole or unreachable route is no route to replace.
    const hole = st({ ...routes, routes: [{ ns: 'c1', dst: '198.51.100.0/24', dev: 'lo', type: 'blackhole' }] });
    expect(findings(exp('- route: 198.51.100.0/24\n  via: 10.0.1.254\n  in: c1'), hole)).toEqual([]);
    const both = st({ ...routes, routes: [...routes.routes, { ns: 'c1', dst: 'default', dev: 'eth0', gateway: '10.0.1.254' }] });
    expect(findings(exp('- route: default\n  via: 10.0.1.254\n  in: c1'), both)).toEqual([]);
  });
});

describe('sysctl', () => {
  const sys = (value: string, name = 'net.ipv4.ip_local_port_range', ns = 'c1') => st({ sysctls: [{ ns, name, value }] });
  const R = '- sysctl: net.ipv4.ip_local_port_range\n  value: 32768 60999\n  in: c1';

  it('needs the setting read', () => {
    expect(needs(R)).toEqual({ sections: ['sysctl'], sysctls: ['net.ipv4.ip_local_port_range'] });
  });

  it('compares values with white space trimmed and runs of it as one space', () => {
    expect(run(R, sys('32768\t\t60999\n'))).toEqual({ passed: true, expectedFailure: false, label: 'net.ipv4.ip_local_port_range is 32768 60999 in c1' });
    expect(run('- sysctl: net.ipv4.ip_forward\n  value: 1', sys('1\n', 'net.ipv4.ip_forward', 'host'))).toMatchObject({ passed: true });
    expect(run('- sysctl: net.ipv4.ip_local_port_range\n  value: 1024 65535\n  in: c1', sys('32768\t60999\n'))).toMatchObject({
      passed: false,
      actual: 'net.ipv4.ip_local_port_range is 32768 60999',
    });
  });

  it('a state without settings: no such setting, nothing to diagnose', () => {
    expect(run(R, st(), 'zh')).toEqual({ passed: false, expectedFailure: false, label: 'c1 中的 net.ipv4.ip_local_port_range 为 32768 60999', actual: 'c1 中没有 net.ipv4.ip_local_port_range 这个设置' });
    expect(findings(exp(R), st())).toEqual([]);
  });

  it('diagnosis: the fix, quoted when the value has spaces, without ip netns exec on the host', () => {
    expect(findings(exp(R), sys('1 2'))).toEqual([
      {
        id: 'sysctl:c1:net.ipv4.ip_local_port_range',
        weight: 60,
        text: 'net.ipv4.ip_local_port_range is 1 2 in c1, and this step needs 32768 60999.',
        fix: "ip netns exec c1 sysctl -w net.ipv4.ip_local_port_range='32768 60999'",
      },
    ]);
    expect(findings(exp('- sysctl: net.ipv4.ip_forward\n  value: 1'), sys('0', 'net.ipv4.ip_forward', 'host'), 'zh')).toEqual([
      { id: 'sysctl:host:net.ipv4.ip_forward', weight: 60, text: '主机中的 net.ipv4.ip_forward 是 0，而这一步需要 1。', fix: 'sysctl -w net.ipv4.ip_forward=1' },
    ]);
  });

  it('diagnosis: nothing for another setting, or a value unsafe on a command line', () => {
    expect(findings(exp('- sysctl: net.ipv4.ip_forward\n  value: 1\n  in: c1'), sys('0', 'net.ipv4.conf.all.forwarding'))).toEqual([]);
    expect(findings(exp("- sysctl: net.ipv4.ip_forward\n  value: 'a;b'\n  in: c1"), sys('0', 'net.ipv4.ip_forward'))).toEqual([]);
    expect(findings(exp("- sysctl: net.ipv4.ip_forward\n  value: '$(x)1'\n  in: c1"), sys('0', 'net.ipv4.ip_forward'))).toEqual([]);
    expect(findings(exp("- sysctl: net.ipv4.ip_forward\n  value: '1;x'\n  in: c1"), sys('0', 'net.ipv4.ip_forward'))).toEqual([]);
  });
});

describe('exit', () => {
  const E = (commands: CommandResult[], yaml = '- exit: 0', lang: Lang = 'en') => run(yaml, st(), lang, { commands });

  it('no command ran', () => {
    expect(E([])).toEqual({ passed: false, expectedFailure: false, label: 'the command succeeds (exit status 0)', actual: 'no command ran' });
    expect(E([], '- exit: 0', 'zh')).toEqual({ passed: false, expectedFailure: false, label: '命令执行成功（退出码 0）', actual: '没有执行任何命令' });
  });

  it('killed by a signal', () => {
    expect(E([cmd(null, { signal: 'SIGKILL' })])).toMatchObject({ passed: false, actual: 'killed by SIGKILL' });
    expect(E([cmd(null)], '- exit: 0', 'zh')).toMatchObject({ passed: false, actual: '被信号 ? 终止' });
    expect(E([cmd(null, { signal: 'SIGTERM' })], '- exit: nonzero')).toMatchObject({ passed: false, actual: 'killed by SIGTERM' });
  });

  it('nonzero, a given status, and which are expected failures', () => {
    expect(E([cmd(2)], '- exit: nonzero')).toEqual({ passed: true, expectedFailure: true, label: 'the command fails (non-zero exit status)' });
    expect(E([cmd(2)], '- exit: nonzero', 'zh').label).toBe('命令执行失败（退出码非 0）');
    expect(E([cmd(0)], '- exit: nonzero')).toMatchObject({ passed: false, actual: 'exit status was 0' });
    expect(E([cmd(0)])).toEqual({ passed: true, expectedFailure: false, label: 'the command succeeds (exit status 0)' });
    expect(E([cmd(3)], '- exit: 3')).toEqual({ passed: true, expectedFailure: true, label: 'the command exits with status 3' });
    expect(E([cmd(0), cmd(1)], '- exit: 0\n  command: 1')).toEqual({ passed: true, expectedFailure: false, label: 'command 1: the command succeeds (exit status 0)' });
  });
});

describe('learned', () => {
  const M = '02:00:00:00:00:c1';
  const L = `- learned: br0\n  mac-of: eth0\n  mac-in: c1`;
  const fdb = (extra: Partial<LabState['fdb'][number]> = {}) => ({ ns: 'host', mac: M, dev: 'veth-c1', master: 'br0', permanent: false, self: false, ...extra });
  const s = (entries: LabState['fdb']) => st({ links: [link('eth0', 'c1', { mac: M })], fdb: entries });

  it('needs links and the forwarding database', () => {
    expect(needs(L)).toEqual({ sections: ['links', 'fdb'], sysctls: [] });
  });

  it('the interface whose MAC is wanted is missing', () => {
    expect(run(L, st({ links: [link('eth0', 'c2')] }))).toEqual({
      passed: false,
      expectedFailure: false,
      label: 'br0 has learned the MAC of eth0 (c1)',
      actual: 'eth0 is in c2, not c1',
    });
  });

  it('only entries of this bridge in this namespace count', () => {
    expect(run(L, s([fdb({ ns: 'c9' }), fdb({ master: 'br1' })]))).toMatchObject({ passed: false, actual: `no learned entry for ${M}` });
    expect(run(L, s([fdb()]))).toEqual({ passed: true, expectedFailure: false, label: 'br0 has learned the MAC of eth0 (c1)' });
  });

  it('on a given port: any of the learned entries', () => {
    expect(run(`${L}\n  port: veth-c1`, s([fdb({ dev: 'veth-c2' }), fdb()]))).toMatchObject({ passed: true, label: 'br0 has learned the MAC of eth0 (c1) on port veth-c1' });
    expect(run(`${L}\n  port: veth-c3`, s([fdb({ dev: 'veth-c2' }), fdb()]))).toMatchObject({ passed: false, actual: `br0 learned ${M} on veth-c2, veth-c1` });
  });
});

describe('same-mac', () => {
  const S = '- same-mac: [eth0, eth1]\n  in: c1';
  it('needs links', () => {
    expect(needs(S)).toEqual({ sections: ['links'], sysctls: [] });
  });
  it('either interface missing, or different MACs', () => {
    expect(run(S, st({ links: [link('eth1', 'c1')] }))).toEqual({ passed: false, expectedFailure: false, label: 'eth0 and eth1 have the same MAC address', actual: 'eth0 is not in c1' });
    expect(run(S, st({ links: [link('eth0', 'c1')] }), 'zh')).toEqual({ passed: false, expectedFailure: false, label: 'eth0 和 eth1 的 MAC 地址相同', actual: 'c1 中没有 eth1' });
    expect(run(S, st({ links: [link('eth0', 'c1'), link('eth1', 'c1', { mac: '02:00:00:00:00:02' })] }))).toMatchObject({
      passed: false,
      actual: 'eth0 is 02:00:00:00:00:01, eth1 is 02:00:00:00:00:02',
    });
    expect(run(S, st({ links: [link('eth0', 'c1'), link('eth1', 'c1')] })).passed).toBe(true);
  });
});

describe('addr', () => {
  const s = st({ links: [link('eth0', 'c1', { addrs: [{ local: '10.0.1.2', prefixlen: 24 }, { local: '10.0.2.2', prefixlen: 24 }] })] });
  it('needs links', () => {
    expect(needs('- addr: 10.0.1.1/24\n  dev: eth0')).toEqual({ sections: ['links'], sysctls: [] });
  });
  it('address and prefix length must both match', () => {
    expect(run('- addr: 10.0.1.1/24\n  dev: eth0\n  in: c1', s)).toEqual({ passed: false, expectedFailure: false, label: 'eth0 has 10.0.1.1/24 in c1', actual: 'eth0 has 10.0.1.2/24, 10.0.2.2/24' });
    expect(run('- addr: 10.0.1.2/24\n  dev: eth0\n  in: c1', s, 'zh')).toEqual({ passed: true, expectedFailure: false, label: 'c1 中的 eth0 配有地址 10.0.1.2/24' });
  });
  it('a missing interface', () => {
    expect(run('- addr: 10.0.1.1/24\n  dev: eth0', s)).toEqual({ passed: false, expectedFailure: false, label: 'eth0 has 10.0.1.1/24 in host', actual: 'eth0 is in c1, not host' });
    expect(run('- addr: 10.0.1.1/24\n  dev: eth0\n  exists: false', s, 'zh')).toEqual({ passed: true, expectedFailure: false, label: '主机中的 eth0 没有地址 10.0.1.1/24' });
  });
});

describe('link', () => {
  const s = st({ links: [link('eth0', 'c1', { up: false })] });
  it('needs links; exists without a wanted state passes whether up or down', () => {
    expect(needs('- link: eth0')).toEqual({ sections: ['links'], sysctls: [] });
    expect(run('- link: eth0\n  in: c1', s)).toEqual({ passed: true, expectedFailure: false, label: 'eth0 exists in c1' });
    expect(run('- link: eth0\n  in: c1', s, 'zh')).toEqual({ passed: true, expectedFailure: false, label: 'c1 中有接口 eth0' });
    expect(run('- link: eth0\n  in: c1\n  exists: false', s)).toEqual({ passed: false, expectedFailure: false, label: 'eth0 does not exist in c1', actual: 'it is there' });
    expect(run('- link: eth0\n  in: c1\n  exists: false', s, 'zh').label).toBe('c1 中没有接口 eth0');
    expect(run('- link: eth0\n  in: c1\n  up: true', s)).toEqual({ passed: false, expectedFailure: false, label: 'eth0 is up in c1', actual: 'eth0 is DOWN' });
  });

  it('type: a device of another type does not pass, whatever its name and state', () => {
    const br = st({ links: [link('br0', 'host', { kind: 'veth' }), link('lo', 'host', { kind: '' })] });
    expect(run('- link: br0\n  type: bridge', br)).toEqual({ passed: false, expectedFailure: false, label: 'br0 exists in host as a bridge', actual: 'br0 is a veth' });
    expect(run('- link: br0\n  type: bridge\n  up: true', br)).toEqual({ passed: false, expectedFailure: false, label: 'br0 exists in host as a bridge, and is up', actual: 'br0 is a veth' });
    expect(run('- link: br0\n  type: bridge\n  up: false', br, 'zh')).toMatchObject({ passed: false, expectedFailure: false, label: '主机中有 bridge 接口 br0，且处于关闭状态（DOWN）', actual: 'br0 是 veth' });
    expect(run('- link: lo\n  type: bridge', br).actual).toBe('lo is a device of no particular type');
    const ok = st({ links: [link('br0', 'host', { kind: 'bridge', up: false })] });
    expect(run('- link: br0\n  type: bridge', ok)).toEqual({ passed: true, expectedFailure: false, label: 'br0 exists in host as a bridge' });
    expect(run('- link: br0\n  type: bridge\n  up: true', ok)).toMatchObject({ passed: false, actual: 'br0 is DOWN' });
    expect(run('- link: br0\n  type: bridge', ok, 'zh').label).toBe('主机中有 bridge 接口 br0');
  });

  it('type: not with exists: false, and only a type name', () => {
    expect(lintOf('- link: br0\n  type: bridge\n  exists: false')).toContain('`type` says what an interface must be; it cannot go with `exists: false`');
    expect(lintOf('- link: br0\n  type: Bridge!')).toContain('a device type as `ip -d link` shows it');
    expect(lintOf('- link: br0\n  type: bridge')).toBe('');
  });

  it('type: the diagnosis names both types, and remakes a device that needs nothing more than its type', () => {
    const br = st({ links: [link('br0', 'host', { kind: 'veth' })] });
    expect(findings(exp('- link: br0\n  type: bridge\n  up: true'), br)).toEqual([
      { id: 'link-type:host:br0', weight: 85, text: 'br0 in host is a veth, not a bridge. A device keeps the type it was made with: delete it and make a bridge of that name.', fix: 'ip link del br0 && ip link add br0 type bridge && ip link set up br0' },
    ]);
    // Made again as it was: up when it was up, unless the expectation says otherwise.
    expect(findings(exp('- link: br0\n  type: bridge'), br)[0].fix).toBe('ip link del br0 && ip link add br0 type bridge && ip link set up br0');
    expect(findings(exp('- link: br0\n  type: bridge\n  up: false'), br)[0].fix).toBe('ip link del br0 && ip link add br0 type bridge');
    const inNs = st({ links: [link('br0', 'ns0', { kind: 'dummy', up: false })] });
    expect(findings(exp('- link: br0\n  in: ns0\n  type: bridge'), inNs, 'zh')).toEqual([
      { id: 'link-type:ns0:br0', weight: 85, text: 'ns0 中的 br0 是 dummy，不是 bridge。设备创建后类型就定了：删掉它，再用这个名字创建一个 bridge。', fix: 'ip netns exec ns0 ip link del br0 && ip netns exec ns0 ip link add br0 type bridge' },
    ]);
    // A veth needs its peer, a vxlan its id: no fix is guessed.
    const [veth] = findings(exp('- link: v0\n  type: veth'), st({ links: [link('v0', 'host', { kind: 'bridge' })] }));
    expect(veth).toEqual({ id: 'link-type:host:v0', weight: 85, text: 'v0 in host is a bridge, not a veth. A device keeps the type it was made with: delete it and make a veth of that name.' });
    // A device of no type at all (a plain link ip shows no kind for).
    const plain = st({ links: [link('br0', 'host', { kind: '' })] });
    expect(findings(exp('- link: br0\n  type: bridge'), plain)[0].text).toBe('br0 in host is a device of no particular type, not a bridge. A device keeps the type it was made with: delete it and make a bridge of that name.');
    // Nothing to say: the right type, no type asked, or no device.
    expect(findings(exp('- link: br0\n  type: veth'), br)).toEqual([]);
    expect(findings(exp('- link: br0\n  up: false'), br)).toEqual([]);
    expect(findings(exp('- link: br1\n  type: bridge'), br)).toEqual([]);
  });
});

describe('ping', () => {
  const P = (yaml: string, outcome?: { replied: boolean; output: string; error?: string }, lang: Lang = 'en') => {
    const e = exp(yaml);
    return judge(e, obs(st(), { pings: new Map(outcome ? [[e, outcome]] : []) }), lang);
  };
  it('a ping that could not run, and labels with and without an interface', () => {
    expect(P('- ping: 10.0.1.2\n  from: c1')).toEqual({ passed: false, expectedFailure: false, label: 'ping 10.0.1.2 from c1 gets a reply', actual: 'the ping could not run: ?' });
    expect(P('- ping: 10.0.1.2\n  iface: eth0', { replied: false, output: '', error: 'connect: Network is unreachable' }, 'zh')).toEqual({
      passed: false,
      expectedFailure: false,
      label: '从主机经 eth0 ping 10.0.1.2 能收到回复',
      actual: 'ping 无法执行：connect: Network is unreachable',
    });
    expect(P('- ping: 10.0.1.2\n  from: c1\n  iface: eth0\n  succeeds: false', { replied: false, output: '' })).toEqual({
      passed: true,
      expectedFailure: true,
      label: 'ping 10.0.1.2 from c1 via eth0 gets no reply',
    });
  });
});

describe('port', () => {
  const s = st({ links: [link('veth1', 'host', { master: 'br1' }), link('veth2', 'host')] });
  it('needs links; missing, on another bridge, on none', () => {
    expect(needs('- port: veth1\n  bridge: br0')).toEqual({ sections: ['links'], sysctls: [] });
    expect(run('- port: veth9\n  bridge: br0', s)).toEqual({ passed: false, expectedFailure: false, label: 'veth9 is a port of br0', actual: 'veth9 is not in host' });
    expect(run('- port: veth9\n  bridge: br0\n  exists: false', s)).toEqual({ passed: true, expectedFailure: false, label: 'veth9 is not a port of br0' });
    expect(run('- port: veth1\n  bridge: br0', s, 'zh')).toEqual({ passed: false, expectedFailure: false, label: 'veth1 是网桥 br0 的端口', actual: 'veth1 是 br1 的端口' });
    expect(run('- port: veth2\n  bridge: br0', s)).toMatchObject({ passed: false, actual: 'veth2 is not a port of any bridge' });
  });
});

describe('netns', () => {
  it('needs the namespace list; labels and what is present', () => {
    expect(needs('- netns: ns0')).toEqual({ sections: ['ids'], sysctls: [] });
    expect(run('- netns: ns0', st(), 'zh')).toEqual({ passed: false, expectedFailure: false, label: '命名空间 ns0 存在', actual: '现有的命名空间：无' });
    expect(run('- netns: ns0\n  exists: false', st({ namespaces: ['ns0', 'ns1'] }))).toEqual({
      passed: false,
      expectedFailure: false,
      label: 'namespace ns0 does not exist',
      actual: 'namespaces present: ns0, ns1',
    });
  });
});

describe('output', () => {
  const two = [cmd(0, { output: 'alpha\n' }), cmd(0, { output: 'beta\n' })];
  it('all the commands, or the one named', () => {
    expect(run('- output: alpha', st(), 'en', { commands: two })).toEqual({ passed: true, expectedFailure: false, label: 'the output shows /alpha/' });
    expect(run('- output: alpha\n  command: 2', st(), 'en', { commands: two })).toEqual({ passed: false, expectedFailure: false, label: 'command 2: the output shows /alpha/' });
    expect(run('- output: alpha\n  command: 3\n  matches: false', st(), 'zh', { commands: two })).toEqual({
      passed: false,
      expectedFailure: false,
      label: '第 3 条命令：输出中没有 /alpha/',
      actual: '第 3 条命令没有执行（只执行了 2 条）',
    });
  });
  it('lint: an invalid regular expression', () => {
    expect(lintOf('- output: "a("')).toMatch(/a valid regular expression is needed \(/);
  });
});

describe('registry and evaluation', () => {
  it('which kind a mapping names', () => {
    expect(kindsNamedBy(['learned', 'port', 'mac-of'])).toEqual(['learned']);
    expect(kindsNamedBy(['link', 'addr', 'dev'])).toEqual(['link', 'addr']);
    expect(kindsNamedBy(['dev'])).toEqual([]);
  });
  it('an unknown kind is an error', () => {
    expect(() => kindOf({ kind: 'nope', line: 1 })).toThrow('no check kind `nope` is registered');
  });
  it('needs of several expectations, settings once; kinds that need no state', () => {
    const n = needsOf([exp('- sysctl: net.ipv4.ip_forward\n  value: 1'), exp('- sysctl: net.ipv4.ip_forward\n  value: 0\n  in: c1'), exp('- link: eth0'), exp('- exit: 0')]);
    expect({ sections: [...n.sections], sysctls: n.sysctls }).toEqual({ sections: ['sysctl', 'links'], sysctls: ['net.ipv4.ip_forward'] });
    expect(needs('- exit: 0')).toEqual({ sections: [], sysctls: [] });
  });
  it('a failed check is never an expected failure', () => {
    expect(run('- exit: 1', st(), 'en', { commands: [cmd(0)] })).toEqual({ passed: false, expectedFailure: false, label: 'the command exits with status 1', actual: 'exit status was 0' });
  });
  it('only failed checks are diagnosed', () => {
    const s = st({ sysctls: [{ ns: 'host', name: 'net.ipv4.ip_forward', value: '1' }] });
    expect(findings(exp('- sysctl: net.ipv4.ip_forward\n  value: 1'), s)).toEqual([]);
  });
  it('a link found in several other namespaces', () => {
    expect(run('- link: eth0', st({ links: [link('eth0', 'c1'), link('eth0', 'c2')] }))).toMatchObject({ passed: false, actual: 'eth0 is in c1, c2, not host' });
  });
});

describe('vxlan', () => {
  const end = (info: LinkState['vxlan'], extra: Partial<LinkState> = {}) => st({ links: [link('vxlan42', 'hostb', { kind: 'vxlan', vxlan: info, ...extra })] });
  const right = end({ id: 42, local: '10.0.0.2', remote: '10.0.0.1', port: 4789 });
  const R = '- vxlan: vxlan42\n  in: hostb\n  id: 42\n  local: 10.0.0.2\n  remote: 10.0.0.1\n  port: 4789';

  it('passes only with every setting given as asked; labels and actual texts in both languages', () => {
    expect(run(R, right)).toEqual({ passed: true, expectedFailure: false, label: 'vxlan42 in hostb is a VXLAN tunnel end with id 42, local 10.0.0.2, remote 10.0.0.1, port 4789' });
    expect(run(R, right, 'zh').label).toBe('hostb 中的 vxlan42 是 VXLAN 隧道端点，id 42、local 10.0.0.2、remote 10.0.0.1、port 4789');
    // The remote the other end would have learned anyway: a tunnel that works only by learning does not pass.
    const self = end({ id: 42, local: '10.0.0.2', remote: '10.0.0.2', port: 4789 });
    expect(run(R, self)).toMatchObject({ passed: false, actual: 'vxlan42 has id 42, local 10.0.0.2, remote 10.0.0.2, port 4789' });
    for (const wrong of [{ id: 43 }, { local: '10.0.0.9' }, { port: 8472 }]) expect(run(R, end({ id: 42, local: '10.0.0.2', remote: '10.0.0.1', port: 4789, ...wrong })).passed).toBe(false);
    // Only what is given is compared; with nothing given, any VXLAN end passes, and its settings are shown when it is wrong.
    expect(run('- vxlan: vxlan42\n  in: hostb\n  remote: 10.0.0.1', end({ id: 7, remote: '10.0.0.1' }))).toMatchObject({ passed: true, label: 'vxlan42 in hostb is a VXLAN tunnel end with remote 10.0.0.1' });
    expect(run('- vxlan: vxlan42\n  in: hostb', end({ id: 7 }))).toMatchObject({ passed: true, label: 'vxlan42 in hostb is a VXLAN tunnel end' });
    expect(run('- vxlan: vxlan42\n  in: hostb\n  remote: 10.0.0.1', end({ id: 7 }), 'zh')).toMatchObject({ passed: false, actual: 'vxlan42 的设置是 remote 无' });
  });

  it('a device that is missing or no VXLAN end fails, saying what is there', () => {
    expect(run(R, st())).toMatchObject({ passed: false });
    expect(run(R, st({ links: [link('vxlan42', 'hostb', { kind: 'bridge' })] }))).toMatchObject({ passed: false, actual: 'vxlan42 is a bridge, not a VXLAN tunnel end' });
    expect(run(R, st({ links: [link('vxlan42', 'hostb', { kind: '' })] }), 'zh')).toMatchObject({ passed: false, actual: 'vxlan42 是没有特定类型的设备，不是 VXLAN 隧道端点' });
  });

  it('needs the links; lint checks each setting', () => {
    expect(needs(R)).toEqual({ sections: ['links'], sysctls: [] });
    expect(lintOf('- vxlan: vxlan42\n  remote: 10.0.0')).toContain('an IPv4 address');
    expect(lintOf('- vxlan: vxlan42\n  id: 16777216')).not.toBe('');
    expect(lintOf('- vxlan: vxlan42\n  port: 0')).not.toBe('');
    expect(lintOf('- vxlan: vxlan42\n  ttl: 3')).not.toBe('');
    expect(lintOf(R)).toBe('');
  });

  it('diagnosis: a wrong local or remote is changed in place; a wrong id or port needs the device made again', () => {
    const self = end({ id: 42, local: '10.0.0.2', remote: '10.0.0.2', port: 4789 });
    expect(findings(exp(R), self)).toEqual([
      {
        id: 'vxlan:hostb:vxlan42:remote',
        weight: 85,
        text: "vxlan42 in hostb has remote 10.0.0.2, and this step wants 10.0.0.1. Each end sends to the other end's local address: its remote is the other's local.",
        fix: 'ip netns exec hostb ip link set dev vxlan42 type vxlan remote 10.0.0.1',
      },
    ]);
    const [id, port] = findings(exp(R), end({ id: 43, local: '10.0.0.2', remote: '10.0.0.1', port: 8472 }), 'zh');
    expect(id).toEqual({ id: 'vxlan:hostb:vxlan42:id', weight: 85, text: 'hostb 中的 vxlan42 的 id 是 43，而这一步要求 42。VXLAN 设备的 id 不能修改：删掉它，重新创建。' });
    expect(port.text).toContain('port 是 8472');
    expect(findings(exp('- vxlan: vxlan42\n  local: 10.0.0.2'), st({ links: [link('vxlan42', 'host', { kind: 'vxlan', vxlan: { id: 1 } })] }))[0].fix).toBe('ip link set dev vxlan42 type vxlan local 10.0.0.2');
    // Nothing to say: settings right, or no VXLAN device to look at.
    expect(findings(exp(R), right)).toEqual([]);
    expect(findings(exp(R), st({ links: [link('vxlan42', 'hostb', { kind: 'bridge' })] }))).toEqual([]);
  });
});
