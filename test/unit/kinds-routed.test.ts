import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, kindFindings, type Observations } from '../../src/checks/evaluate.js';
import { parsePacket, seenKinds } from '../../src/checks/kinds/capture.js';
import type { CommandResult } from '../../src/lab/sandbox.js';
import type { LabState } from '../../src/lab/state.js';
import { parseLesson } from '../../src/lesson/parse.js';
import type { Expectation } from '../../src/lesson/types.js';

/** Recorded from a sandbox: br0 10.0.1.1/24 with c1 (.11) and c2 (.12) behind it, default routes via br0, upstream 203.0.113.0/24, ip_forward=1 on the host. */
const routed: LabState = JSON.parse(readFileSync(new URL('../fixtures/state-routed.json', import.meta.url), 'utf8'));
const cmd = (code: number, output = ''): CommandResult => ({ command: 'x', code, signal: null, timedOut: false, cancelled: false, stdout: output, stderr: '', output, durationMs: 1 });
const obs = (extra: Partial<Observations> = {}): Observations => ({ state: routed, commands: [cmd(0)], pings: new Map(), captures: new Map(), ...extra });

/** Parses one expectation the way a lesson author writes it. */
function exp(yaml: string): Expectation {
  const r = parseLesson('l.md', `---\nid: x\ntitle: X\n---\n\n## S\n\n\`\`\`sh run\ntrue\n\`\`\`\n\n\`\`\`yaml step\nexpect:\n${yaml.replace(/^/gm, '  ')}\nhints: [h]\n\`\`\`\n`);
  if (r.errors.length) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.lesson!.steps[0].expect[0];
}
function parseError(yaml: string): string {
  const r = parseLesson('l.md', `---\nid: x\ntitle: X\n---\n\n## S\n\n\`\`\`sh run\ntrue\n\`\`\`\n\n\`\`\`yaml step\nexpect:\n${yaml.replace(/^/gm, '  ')}\nhints: [h]\n\`\`\`\n`);
  return r.errors.map((e) => e.message).join('; ');
}
const judge = (yaml: string, o: Observations = obs(), lang: 'en' | 'zh' = 'en') => evaluate(exp(yaml), o, lang);

describe('route', () => {
  it('default via a gateway, on a device, in a namespace', () => {
    expect(judge('- route: default\n  via: 10.0.1.1\n  dev: eth0\n  in: c1')).toMatchObject({ passed: true, label: 'c1 has a default route via 10.0.1.1 on eth0' });
    expect(judge('- route: default\n  via: 10.0.1.254\n  in: c1')).toMatchObject({ passed: false, actual: 'routes in c1: default via 10.0.1.1 dev eth0' });
    expect(judge('- route: default\n  in: upstream')).toMatchObject({ passed: false, actual: 'routes in upstream: 203.0.113.0/24 dev eth0' });
    expect(judge('- route: default\n  in: upstream\n  exists: false')).toMatchObject({ passed: true, label: 'upstream has no default route' });
    expect(judge('- route: default\n  in: c1\n  exists: false')).toMatchObject({ passed: false, actual: 'it is there: default via 10.0.1.1 dev eth0' });
  });
  it('a prefix, a bare address as /32, and route types', () => {
    expect(judge('- route: 10.0.1.0/24\n  dev: br0').passed).toBe(true);
    expect(judge('- route: 10.0.1.0/24\n  dev: veth-c1').passed).toBe(false);
    expect(judge('- route: 198.51.100.0/24').passed).toBe(true);
    expect(judge('- route: 10.0.1.11').passed).toBe(false);
    expect(judge('- route: default\n  via: 10.0.1.1\n  in: c2', obs(), 'zh').label).toBe('c2 中有默认路由，网关 10.0.1.1');
  });
  it('lint: host bits and bad values', () => {
    expect(parseError('- route: 10.0.1.5/24')).toBe('`route: 10.0.1.5/24` has host bits set; the kernel stores this route as 10.0.1.0/24');
    expect(parseError('- route: everywhere')).toMatch(/`default` or a prefix such as 10.0.1.0\/24/);
  });
  it('diagnosis hook: a gateway outside every subnet of the namespace', () => {
    const e = exp('- route: default\n  via: 192.168.9.1\n  in: c1');
    const check = evaluate(e, obs(), 'en');
    const f = kindFindings({ checks: [check], state: routed, commands: [], lang: 'en' });
    expect(f).toHaveLength(1);
    expect(f[0].text).toMatch(/192\.168\.9\.1 is not on any subnet c1 has an address in/);
    // An on-link gateway: nothing to say about reaching it (the route through another one is route-differs, in kinds-mutants).
    expect(kindFindings({ checks: [evaluate(exp('- route: default\n  via: 10.0.1.254\n  in: c1'), obs(), 'en')], state: routed, commands: [], lang: 'en' }).map((x) => x.id)).toEqual(['route-differs:c1:default']);
  });
});

describe('sysctl', () => {
  it('compares the trimmed value, per namespace', () => {
    expect(judge('- sysctl: net.ipv4.ip_forward\n  value: 1')).toMatchObject({ passed: true, label: 'net.ipv4.ip_forward is 1 in host' });
    expect(judge('- sysctl: net.ipv4.ip_forward\n  value: 1\n  in: c1')).toMatchObject({ passed: false, actual: 'net.ipv4.ip_forward is 0' });
    expect(judge("- sysctl: net.ipv4.conf.all.rp_filter\n  value: '0'\n  in: c2").passed).toBe(true);
    expect(judge('- sysctl: net.ipv4.conf.eth9.rp_filter\n  value: 0')).toMatchObject({ passed: false, actual: 'host has no setting net.ipv4.conf.eth9.rp_filter' });
    expect(judge('- sysctl: net.ipv4.ip_forward\n  value: 0\n  in: c1', obs(), 'zh').label).toBe('c1 中的 net.ipv4.ip_forward 为 0');
  });
  it('diagnosis hook offers the setting as a fix to prove', () => {
    const check = evaluate(exp('- sysctl: net.ipv4.ip_forward\n  value: 1\n  in: c1'), obs(), 'en');
    expect(kindFindings({ checks: [check], state: routed, commands: [], lang: 'en' })).toEqual([
      { id: 'sysctl:c1:net.ipv4.ip_forward', weight: 60, text: 'net.ipv4.ip_forward is 0 in c1, and this step needs 1.', fix: 'ip netns exec c1 sysctl -w net.ipv4.ip_forward=1' },
    ]);
  });
  it('lint: a name in dotted form', () => {
    expect(parseError('- sysctl: /proc/sys/net/ipv4/ip_forward\n  value: 1')).toMatch(/a sysctl name in dotted form/);
    expect(parseError('- sysctl: net.ipv4.ip_forward')).toMatch(/needs `value`: a number or a text/);
  });
});

describe('neigh: state and MAC', () => {
  it('one state or a list', () => {
    expect(judge('- neigh: 10.0.1.12\n  dev: eth0\n  in: c1\n  state: REACHABLE').passed).toBe(true);
    expect(judge('- neigh: 10.0.1.11\n  dev: eth0\n  in: c2\n  state: [REACHABLE, STALE]')).toMatchObject({ passed: false, actual: 'the entry is DELAY', label: 'the ARP entry for 10.0.1.11 on eth0 is REACHABLE or STALE' });
    expect(judge('- neigh: 10.0.1.99\n  dev: eth0\n  in: c1\n  state: FAILED')).toMatchObject({ passed: false, actual: 'there is no entry' });
  });
  it('a literal MAC or the MAC of an interface', () => {
    expect(judge('- neigh: 10.0.1.12\n  dev: eth0\n  in: c1\n  mac: 66:52:8A:86:03:E7').passed).toBe(true);
    expect(judge('- neigh: 10.0.1.12\n  dev: eth0\n  in: c1\n  mac-of: eth0\n  mac-in: c2')).toMatchObject({ passed: true, label: 'the ARP entry for 10.0.1.12 on eth0 is resolved and points to the MAC of eth0 (c2)' });
    expect(judge('- neigh: 10.0.1.12\n  dev: eth0\n  in: c1\n  mac-of: veth-c2')).toMatchObject({ passed: false, actual: 'the entry is REACHABLE, for 66:52:8a:86:03:e7' });
  });
  it('lint: contradictions', () => {
    expect(parseError('- neigh: 10.0.1.12\n  dev: eth0\n  state: STALE\n  resolved: true')).toMatch(/use `state` or `resolved`, not both/);
    expect(parseError('- neigh: 10.0.1.12\n  dev: eth0\n  mac-in: c1')).toMatch(/`mac-in` needs `mac-of`/);
    expect(parseError('- neigh: 10.0.1.12\n  dev: eth0\n  state: GONE')).toMatch(/state/);
  });
});

describe('learned: port', () => {
  it('the bridge port that learned the MAC', () => {
    expect(judge('- learned: br0\n  mac-of: eth0\n  mac-in: c1\n  port: veth-c1')).toMatchObject({ passed: true, label: 'br0 has learned the MAC of eth0 (c1) on port veth-c1' });
    expect(judge('- learned: br0\n  mac-of: eth0\n  mac-in: c1\n  port: veth-c2')).toMatchObject({ passed: false, actual: 'br0 learned b2:2e:87:e3:40:a6 on veth-c1' });
    expect(judge('- learned: br0\n  mac-of: eth0\n  mac-in: upstream')).toMatchObject({ passed: false, actual: 'no learned entry for 76:22:1f:e1:41:ee' });
  });
});

describe('capture: src and dst', () => {
  const lines = [
    '7e:34:cb:1e:66:77 > 76:22:1f:e1:41:ee, ethertype IPv4 (0x0800), length 98: 203.0.113.1 > 203.0.113.10: ICMP echo request, id 7, seq 1, length 64',
    '76:22:1f:e1:41:ee > 7e:34:cb:1e:66:77, ethertype IPv4 (0x0800), length 98: 203.0.113.10 > 203.0.113.1: ICMP echo reply, id 7, seq 1, length 64',
    '7e:34:cb:1e:66:77 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 203.0.113.10 tell 203.0.113.1, length 28',
    '76:22:1f:e1:41:ee > 7e:34:cb:1e:66:77, ethertype ARP (0x0806), length 42: Reply 203.0.113.10 is-at 76:22:1f:e1:41:ee, length 28',
  ];
  it('reads sender and target from tcpdump lines', () => {
    expect(parsePacket(lines[0])).toEqual({ kinds: ['icmp-echo', 'icmp-echo-request'], srcMac: '7e:34:cb:1e:66:77', dstMac: '76:22:1f:e1:41:ee', srcIp: '203.0.113.1', dstIp: '203.0.113.10' });
    expect(parsePacket(lines[2])).toMatchObject({ kinds: ['arp-request'], srcIp: '203.0.113.1', dstIp: '203.0.113.10' });
    expect(parsePacket(lines[3])).toMatchObject({ kinds: ['arp-reply'], srcIp: '203.0.113.10', srcMac: '76:22:1f:e1:41:ee', dstMac: '7e:34:cb:1e:66:77' });
  });
  it('counts only packets between the given addresses', () => {
    const seen = new Set(lines.flatMap((l) => parsePacket(l).kinds));
    const withLines = (e: Expectation) => obs({ captures: new Map([[e, { lines, seen }]]) });
    const natted = exp('- capture: veth-up\n  shows: [icmp-echo-request]\n  src: 203.0.113.1\n  dst: 203.0.113.10');
    expect(evaluate(natted, withLines(natted), 'en')).toMatchObject({ passed: true, label: 'tcpdump on veth-up (host) sees ICMP echo request (packets from 203.0.113.1 to 203.0.113.10)' });
    const leaked = exp('- capture: veth-up\n  shows: [icmp-echo-request]\n  src: 10.0.1.11');
    expect(evaluate(leaked, withLines(leaked), 'en')).toMatchObject({ passed: false, actual: 'saw nothing of interest' });
    const hidden = exp('- capture: veth-up\n  hides: [icmp-echo-request]\n  src: 10.0.1.11');
    expect(evaluate(hidden, withLines(hidden), 'en').passed).toBe(true);
    const byMac = exp('- capture: veth-up\n  shows: [arp-reply]\n  src: 76:22:1F:E1:41:EE');
    expect([...seenKinds(byMac as never, { lines, seen })].sort()).toEqual(['arp-reply', 'icmp-echo', 'icmp-echo-reply']);
    expect(evaluate(natted, withLines(natted), 'zh').label).toBe('在 veth-up（主机）上抓包，能看到 ICMP echo 请求（只计来自 203.0.113.1、发往 203.0.113.10 的包）');
  });
});

describe('exit and output: command N', () => {
  const two = obs({ commands: [cmd(1, 'first\n'), cmd(0, 'second\n')] });
  it('judges the named command line', () => {
    expect(judge('- exit: 1\n  command: 1', two)).toMatchObject({ passed: true, label: 'command 1: the command exits with status 1' });
    expect(judge('- exit: 0', two).passed).toBe(true);
    expect(judge('- exit: 0\n  command: 3', two)).toMatchObject({ passed: false, actual: 'command 3 did not run (2 ran)' });
    expect(judge("- output: '^second'\n  command: 1", two).passed).toBe(false);
    expect(judge("- output: '^second'\n  command: 2", two).passed).toBe(true);
    expect(judge("- output: '^second'", two).passed).toBe(true);
    expect(parseError('- exit: 0\n  command: 0')).toMatch(/counts from 1/);
  });
});

describe('label on any check', () => {
  it('replaces the generated label, with control characters taken out', () => {
    expect(judge("- output: 'DNAT'\n  label: the rule shows the translation").label).toBe('the rule shows the translation');
    expect(judge('- link: br0\n  label: "the \\e[31mbridge"').label).toBe('the bridge');
  });
});
