/** What every step of the shipped course must carry, in both languages. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lesson/load-course.js';
import { drift } from '../../src/lesson/lint.js';
import { splitCommands } from '../../src/lesson/parse.js';

const root = new URL('../../lessons/', import.meta.url).pathname;
const load = (lang: string) => {
  const r = loadCourse(join(root, lang));
  expect(r.errors).toEqual([]);
  return r.course!;
};

describe.each(['en', 'zh'])('the shipped course (%s)', (lang) => {
  const course = load(lang);
  const steps = course.lessons.flatMap((l) => l.steps.map((s) => ({ lesson: l.id, ...s })));

  it('follows the article: veth pair, ns0, lo, the bridge, the address on br0', () => {
    expect(course.lessons.slice(0, 6).map((l) => l.id)).toEqual(['sandbox', 'veth-pair', 'netns', 'loopback', 'bridge', 'bridge-ip']);
    const all = steps.flatMap((s) => s.commands).join('\n');
    for (const c of ['ip link add veth0-0 type veth peer name veth0-1', 'ip netns add ns0', 'ip link set veth0-1 netns ns0', 'ip netns exec ns0 ip link set up lo', 'brctl addbr br0', 'brctl addif br0 veth0-0', 'ip addr add 192.168.100.1/24 dev br0'])
      expect(all).toContain(c);
  });

  it('every output check says in plain words what it looks for: a label, never the raw pattern', () => {
    const bare = steps.flatMap((s) => s.expect.filter((e) => e.kind === 'output' && !e.label).map((e) => `${s.lesson} ${s.title}: ${(e as { pattern: string }).pattern}`));
    expect(bare).toEqual([]);
  });

  it('goes on past the article: a gateway, masquerade, a published port, a VXLAN overlay', () => {
    expect(course.lessons.slice(6).map((l) => l.id)).toEqual(['gateway', 'masquerade', 'publish', 'vxlan']);
    const all = steps.flatMap((s) => s.commands).join('\n');
    for (const c of ['ip -n ns1 route add default via 192.168.100.1', 'sysctl -w net.ipv4.ip_forward=1', 'oifname "wan0" masquerade', 'tcp dport 8080 dnat to 192.168.100.3', 'type vxlan id 42'])
      expect(all).toContain(c);
    const needs = course.lessons.slice(6).map((l) => [...(l.requires?.tools ?? []), ...(l.requires?.kernel ?? [])]);
    expect(needs).toEqual([['ip', 'ping'], ['ip', 'ping', 'nft', 'sysctl', 'nf_nat', 'masquerade'], ['ip', 'ss', 'nft', 'nc', 'nf_nat'], ['ip', 'ping', 'tcpdump', 'vxlan']]);
  });

  it('has at least eight wrong answers in every lesson after the article', () => {
    for (const l of course.lessons.slice(6)) expect(l.steps.flatMap((s) => s.wrong).length, l.id).toBeGreaterThanOrEqual(8);
  });

  it.each(steps.map((s) => [`${s.lesson}/${s.id}`, s] as const))('%s: a hint ladder ending with the command, and a why', (_name, s) => {
    expect(s.hints.length).toBeGreaterThanOrEqual(2);
    // The last hint may show a long command as the run block does, continued with `\`.
    expect(splitCommands(s.hints[s.hints.length - 1].replace(/`/g, '')).join('\n')).toContain(s.commands[0]);
    expect(s.why?.length).toBeGreaterThan(20);
  });

  it('declares at least 25 wrong answers, spread over the lessons', () => {
    const wrong = steps.flatMap((s) => s.wrong);
    expect(wrong.length).toBeGreaterThanOrEqual(25);
    expect(new Set(steps.filter((s) => s.wrong.length).map((s) => s.lesson)).size).toBeGreaterThanOrEqual(5);
  });

  it('has an expected failure that counts as a pass, and uses every expectation kind the article needs', () => {
    const kinds = new Set(steps.flatMap((s) => s.expect.map((e) => e.kind)));
    for (const k of ['exit', 'output', 'netns', 'link', 'addr', 'port', 'same-mac', 'neigh', 'learned', 'ping', 'capture', 'route', 'sysctl']) expect(kinds).toContain(k);
    expect(steps.some((s) => s.expect.some((e) => (e.kind === 'ping' && !e.succeeds) || (e.kind === 'exit' && e.status !== 0)))).toBe(true);
  });
});

it('the Chinese course has the same steps, commands and expectations as the English one', () => {
  expect(drift(load('en'), load('zh'))).toEqual([]);
});
