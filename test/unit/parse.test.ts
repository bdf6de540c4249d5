import { describe, expect, it } from 'vitest';
import { parseLesson, splitCommands } from '../../src/lesson/parse.js';

const good = `---
id: demo
title: Demo
---

Intro here.

## Make a pair {#pair}

Some prose.

\`\`\`sh
echo this is prose, never run
\`\`\`

\`\`\`sh run
ip link add veth0-0 type veth \\
  peer name veth0-1
# a comment
ip link set up veth0-0
\`\`\`

\`\`\`yaml step
expect:
  - link: veth0-0
    up: true
  - ping: 192.168.100.2
    from: ns0
    iface: veth0-1
    succeeds: false
    explain: custom words
  - capture: br0
    shows: [arp-reply]
    hides: [arp-request]
  - same-mac: [br0, veth0-0]
  - exit: nonzero
hints:
  - nudge
  - ip link add veth0-0 type veth peer name veth0-1
why: because
explain:
  - output: File exists
    say: it exists
wrong:
  - command: ip link add veth0-0 type veth
    explains: peer
without:
  brctl: [ip link add br0 type bridge]
timeout: 3
\`\`\`

## Second step

\`\`\`sh run
true
\`\`\`

\`\`\`yaml step
expect: [{ exit: 0 }]
hints: [one]
\`\`\`
`;

describe('parseLesson', () => {
  it('parses front matter, steps, commands and every block key', () => {
    const r = parseLesson('demo.md', good);
    expect(r.errors).toEqual([]);
    const l = r.lesson!;
    expect(l).toMatchObject({ id: 'demo', title: 'Demo', intro: 'Intro here.' });
    expect(l.steps.map((s) => s.id)).toEqual(['pair', 'second-step']);
    const s = l.steps[0];
    expect(s.commands).toEqual(['ip link add veth0-0 type veth peer name veth0-1', 'ip link set up veth0-0']);
    expect(s.prose).toContain('echo this is prose');
    expect(s.line).toBe(8);
    expect(s.commandsLine).toBe(17);
    expect(s.expect.map((e) => e.kind)).toEqual(['link', 'ping', 'capture', 'same-mac', 'exit']);
    expect(s.expect[0]).toMatchObject({ kind: 'link', name: 'veth0-0', in: 'host', exists: true, up: true, line: 25 });
    expect(s.expect[1]).toMatchObject({ kind: 'ping', target: '192.168.100.2', from: 'ns0', iface: 'veth0-1', succeeds: false, explain: 'custom words' });
    expect(s.expect[3]).toMatchObject({ kind: 'same-mac', a: 'br0', b: 'veth0-0' });
    expect(s.expect[4]).toMatchObject({ kind: 'exit', status: 'nonzero' });
    expect(s.hints).toHaveLength(2);
    expect(s.why).toBe('because');
    expect(s.explain[0]).toMatchObject({ output: 'File exists', say: 'it exists' });
    expect(s.wrong[0]).toMatchObject({ command: 'ip link add veth0-0 type veth', explains: 'peer' });
    expect(s.without).toEqual({ brctl: ['ip link add br0 type bridge'] });
    expect(s.timeout).toBe(3);
    expect(l.steps[1].timeout).toBe(10);
  });

  it('splits run blocks into commands', () => {
    expect(splitCommands('a\n\n# c\nb \\\n  c\n')).toEqual(['a', 'b c']);
  });
});
