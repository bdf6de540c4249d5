/** What killedByTimeout, undoneByCommand and looksNotRun (src/explain/rules/mistakes.ts) report: which command, which links, the exact text, fix, weight, claims and covers. */
import { describe, expect, it } from 'vitest';
import { killedByTimeout, looksNotRun, nothingPrinted, undoneByCommand } from '../../../src/explain/rules/mistakes.js';
import type { Expectation } from '../../../src/lesson/types.js';
import type { CommandResult } from '../../../src/lab/sandbox.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { check, diagnoseCase, direct, edited, exp, fixture, link, ran, step } from './helpers.js';


const killed = (command: string, output = ''): CommandResult => ({ ...ran(command, null as unknown as number, '', output), timedOut: true, signal: 'SIGKILL' });
const REPLY = 'PING 192.168.100.2 (192.168.100.2) 56(84) bytes of data.\n64 bytes from 192.168.100.2: icmp_seq=1 ttl=64 time=0.05 ms\n';

describe('killedByTimeout: which command of the line was endless', () => {
  const state = fixture('state-across-ns0');

  it('picks the ping without a count, not an earlier counted one (-c1 written together counts too)', () => {
    const [f] = direct(killedByTimeout, { state, commands: [killed('ping -c1 10.0.0.9; ping 192.168.100.2', REPLY)] });
    expect(f.text).toBe("`ping 192.168.100.2` got 1 replies, then ran on until the step's timeout killed it after 10 s: without -c, ping never stops by itself. The replies show the path works; tell ping how many to send.");
    expect(f.fix).toBe('ping -c1 10.0.0.9 && ping -c 1 192.168.100.2');
    expect(f.id).toBe('timeout:0');
    expect(f.weight).toBe(97);
    expect(f.claims).toEqual(['timeout:0']);
    expect(f.covers).toEqual(['noroute:*', 'neigh:*', 'nobody:*']);
  });

  it('a counted ping that ran too long is not told it lacks -c: its count goes to 1 and it gets a short wait; the first ping is blamed', () => {
    const [f] = direct(killedByTimeout, { state, commands: [killed('ping -c 100 192.168.100.2 && ping -c 5 192.168.100.1')] });
    expect(f.text).toBe("`ping -c 100 192.168.100.2` was still running when the step's timeout killed it after 10 s: ping sends one packet a second until its count is reached, then waits up to 10 s for the last reply unless -W says otherwise. Send one ping with a short wait.");
    expect(f.fix).toBe('ping -W 1 -c 1 192.168.100.2 && ping -c 5 192.168.100.1');
    expect(f.claims).toEqual(['timeout:0']);
    // One ping to an address that never answers: ping -c 1 still lingers 10 s for the reply.
    const [one] = direct(killedByTimeout, { state, lang: 'zh', commands: [killed('ip netns exec ns1 ping -c1 203.0.113.10')] });
    expect(one.fix).toBe('ip netns exec ns1 ping -W 1 -c 1 203.0.113.10');
    expect(one.text).toContain('ping 每秒发一个包');
    // A ping that sets its own wait or deadline is only said to have been killed.
    const [w] = direct(killedByTimeout, { state, commands: [killed('ping -c 1 -W 30 192.168.100.2')] });
    expect([w.text.startsWith('`ping -c 1 -W 30 192.168.100.2` was still running when'), w.fix]).toEqual([true, undefined]);
  });

  it('looks only at the segments of the command that timed out', () => {
    const fs = direct(killedByTimeout, { state, commands: [ran('ping 10.0.0.9', 1, '', PING_NONE), ran('echo go'), killed('ip netns exec ns0 ping 192.168.100.1')] });
    expect(fs).toHaveLength(1);
    expect(fs[0].id).toBe('timeout:2');
    expect(fs[0].claims).toEqual(['timeout:2']);
    expect(fs[0].text).toContain('`ip netns exec ns0 ping 192.168.100.1` ran until');
    expect(fs[0].text).toContain('without a single reply');
    expect(fs[0].fix).toBe('ip netns exec ns0 ping -c 1 192.168.100.1');
  });

  it('keeps the other parts of the line, each in its own namespace and quoted', () => {
    const [f] = direct(killedByTimeout, { state, commands: [killed("ip -n ns0 link set up lo && echo 'go on' && ping 192.168.100.2")] });
    expect(f.fix).toBe("ip netns exec ns0 ip link set up lo && echo 'go on' && ping -c 1 192.168.100.2");
  });

  it('any other endless command: named with its own line, weight 90, no fix', () => {
    const fs = direct(killedByTimeout, { state, commands: [ran('ip link show'), killed('tcpdump -n -i veth0-0')] });
    expect(fs).toEqual([{ id: 'timeout:1', weight: 90, claims: ['timeout:1'], text: "`tcpdump -n -i veth0-0` was still running when the step's timeout killed it after 10 s: it does not end by itself. Give it a count or a limit (ping and tcpdump take -c).", fix: undefined }]);
    const zh = direct(killedByTimeout, { state, lang: 'zh', commands: [killed('ip monitor')] });
    expect(zh[0].text).toContain('`ip monitor` 到 10 秒时还在运行');
  });

  it('the ping counts in Chinese, with the fix offered apart from the text', () => {
    const [f] = direct(killedByTimeout, { state, lang: 'zh', commands: [killed('ping 192.168.100.2', REPLY)] });
    expect(f.text).toContain('`ping 192.168.100.2` 收到了 1 个回复');
    expect(f.text).not.toContain('ping -c 1');
    expect(f.fix).toBe('ping -c 1 192.168.100.2');
  });

  it('a timed-out command with nothing in it, and commands that finished, say nothing', () => {
    expect(direct(killedByTimeout, { state, commands: [killed(''), ran('ping -c 1 192.168.100.2', 0, '', REPLY)] })).toEqual([]);
  });
});

const PING_NONE = 'PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.\n';

/** A link like lo of the host, renamed and changed. */
function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  return { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, ...o };
}

describe('undoneByCommand: veth pairs', () => {
  const before = fixture('state-bridge-broken');
  const noPair = (s: LabState) => (s.links = s.links.filter((l) => l.kind !== 'veth'));

  it('rebuilds each end as it was: host end without netns, its address, its bridge, up; then the step', () => {
    const after = edited('state-bridge-broken', noPair);
    const fs = direct(undoneByCommand, { state: after, before, failed: [exp.port('veth0-0', 'br0')], reference: ['ping -c 1 192.168.100.2'], commands: [ran('ip link del veth0-0; echo done')] });
    expect(fs).toHaveLength(1);
    const f = fs[0];
    expect(f.id).toBe('deleted:pair:veth0-0+veth0-1');
    expect(f.weight).toBe(96);
    expect(f.claims).toEqual(['check:0']);
    expect(f.covers).toEqual(['missing:*', 'where:*', 'nobody:*', 'noroute:*', 'dev:*', 'addr:*']);
    expect(f.text).toBe('`ip link del veth0-0 && echo done` deleted the veth pair veth0-0 (the host namespace) and veth0-1 (ns0): deleting either end of a pair removes both. Rebuild it as it was, then do this step.');
    expect(f.fix).toBe(
      'ip link add veth0-0 type veth peer name veth0-1 && ip addr add 192.168.100.1/24 dev veth0-0 && ip link set veth0-0 master br0 && ip link set up veth0-0 && ip link set veth0-1 netns ns0 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1 && ip netns exec ns0 ip link set up veth0-1 && ping -c 1 192.168.100.2',
    );
  });

  it('an end that was down stays down, and an end that is only relevant through its peer is named second', () => {
    const down = edited('state-across-ns0', (s) => (link(s, 'veth0-1', 'ns0').up = false));
    const after = edited('state-across-ns0', noPair);
    const [f] = direct(undoneByCommand, { state: after, before: down, failed: [exp.ping('192.168.100.2')], commands: [ran('ip link del veth0-0')] });
    expect(f.text).toContain('deleted the veth pair veth0-0 (the host namespace) and veth0-1 (ns0)');
    expect(f.fix).toBe('ip link add veth0-0 type veth peer name veth0-1 && ip addr add 192.168.100.1/24 dev veth0-0 && ip link set up veth0-0 && ip link set veth0-1 netns ns0 && ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
    expect(f.claims).toEqual(['check:0']);
  });

  it('claims only the failed checks about the pair (by name or address), never passed ones', () => {
    const before = edited('state-across-ns0', (s) => link(s, 'veth0-1', 'ns0').addrs.push({ local: '10.9.9.2', prefixlen: 24 }));
    const after = edited('state-across-ns0', noPair);
    const [f] = direct(undoneByCommand, {
      state: after,
      before,
      failed: [exp.netns('ns7'), exp.ping('10.9.9.2'), exp.port('veth0-0', 'br7')],
      passed: [exp.link('veth0-1', 'ns0')],
      commands: [ran('ip link del veth0-0')],
    });
    expect(f.claims).toEqual(['check:1', 'check:2']);
  });

  it('one finding for a pair both of whose ends went, and one per pair when two went', () => {
    const before = edited('state-across-ns0', (s) => {
      s.links.push(extra(s, { name: 'veth1-0', kind: 'veth', mac: '02:00:00:00:00:10', ifindex: 10, peer: { ns: 'host', ifindex: 11 }, addrs: [{ local: '10.1.1.1', prefixlen: 24 }] }));
      s.links.push(extra(s, { name: 'veth1-1', kind: 'veth', mac: '02:00:00:00:00:11', ifindex: 11, peer: { ns: 'host', ifindex: 10 } }));
    });
    const onlyFirst = edited('state-across-ns0', noPair);
    const keep = edited('state-across-ns0', noPair);
    keep.links.push(...before.links.filter((l) => l.name.startsWith('veth1')));
    const one = direct(undoneByCommand, { state: keep, before, failed: [exp.ping('192.168.100.2'), exp.ping('10.1.1.1')], commands: [ran('ip link del veth0-0')] });
    expect(one.map((f) => f.id)).toEqual(['deleted:pair:veth0-0+veth0-1']);
    const both = direct(undoneByCommand, { state: onlyFirst, before, failed: [exp.ping('192.168.100.2'), exp.ping('10.1.1.1')], commands: [ran('ip link del veth0-0; ip link del veth1-1')] });
    expect(both.map((f) => f.id)).toEqual(['deleted:pair:veth0-0+veth0-1', 'deleted:pair:veth1-0+veth1-1']);
    const unrelated = direct(undoneByCommand, { state: edited('state-across-ns0', () => {}), before, failed: [exp.ping('192.168.100.2')], commands: [ran('ip link del veth1-0')] });
    expect(unrelated).toEqual([]);
  });

  it('a link with the same name left in another namespace, or another veth, does not stand in for the deleted one', () => {
    const after = edited('state-across-ns0', (s) => {
      noPair(s);
      s.links.push(extra(s, { ns: 'ns0', name: 'veth0-0', kind: 'dummy', mac: '02:00:00:00:00:77' }));
      s.links.push(extra(s, { name: 'vethX', kind: 'veth', mac: '02:00:00:00:00:78' }));
    });
    const fs = direct(undoneByCommand, { state: after, before: fixture('state-across-ns0'), failed: [exp.link('veth0-0')], commands: [ran('ip link del veth0-0')] });
    expect(fs.map((f) => f.id)).toEqual(['deleted:pair:veth0-0+veth0-1']);
    expect(fs[0].text).toContain('deleted the veth pair veth0-0 (the host namespace) and veth0-1 (ns0)');
  });

  it('in Chinese', () => {
    const after = edited('state-bridge-broken', noPair);
    const [f] = direct(undoneByCommand, { state: after, before, lang: 'zh', failed: [exp.port('veth0-0', 'br0')], commands: [ran('ip link del veth0-0')] });
    expect(f.text).toContain('`ip link del veth0-0` 删除了 veth pair：veth0-0（主机命名空间）和 veth0-1（ns0）');
  });
});

describe('undoneByCommand: links without a peer', () => {
  /** The host with a dummy0 (MAC shared with a bridge, as a bridge takes its first port's), and ns0 with a dummy1. */
  const before = edited('state-across-ns0', (s) => {
    s.links.push(extra(s, { name: 'dummy0', kind: 'dummy', mac: '02:00:00:00:00:0d', master: 'br0' }));
    s.links.push(extra(s, { name: 'br0', kind: 'bridge', mac: '02:00:00:00:00:0d' }));
    s.links.push(extra(s, { ns: 'ns0', name: 'dummy1', kind: 'dummy', mac: '02:00:00:00:00:1d', addrs: [{ local: '10.5.5.1', prefixlen: 24 }, { local: '10.6.6.1', prefixlen: 24 }] }));
  });
  const without = (name: string) => edited('state-across-ns0', (s) => (s.links = before.links.filter((l) => l.name !== name)));

  it('a deleted host link: named with its namespace, weight 95, what it claims and covers', () => {
    const fs = direct(undoneByCommand, { state: without('dummy0'), before, failed: [exp.link('dummy0')], commands: [ran('ip link del dummy0')] });
    expect(fs).toEqual([{ id: 'deleted:host:dummy0', weight: 95, claims: ['check:0'], covers: ['missing:*', 'dev:*'], text: '`ip link del dummy0` deleted dummy0 in the host namespace, which this step still needs.', fix: undefined }]);
    const zh = direct(undoneByCommand, { state: without('dummy0'), before, lang: 'zh', failed: [exp.link('dummy0')], commands: [ran('ip link del dummy0')] });
    expect(zh[0].text).toContain('删除了');
    expect(zh[0].text).toMatch(/主机命名空间\s?里的 dummy0/);
  });

  it('a deleted link in a namespace that still exists, relevant through one of its addresses', () => {
    const fs = direct(undoneByCommand, { state: without('dummy1'), before, failed: [exp.ping('10.6.6.1', 'ns0')], commands: [ran('ip -n ns0 link del dummy1')] });
    expect(fs.map((f) => [f.id, f.text])).toEqual([['deleted:ns0:dummy1', '`ip -n ns0 link del dummy1` deleted dummy1 in ns0, which this step still needs.']]);
  });

  it('relevant through the bridge it was a port of', () => {
    const fs = direct(undoneByCommand, { state: without('dummy0'), before, failed: [exp.learned('br0', 'veth0-1', 'ns0')], commands: [ran('ip link del dummy0')] });
    expect(fs.map((f) => f.id)).toEqual(['deleted:host:dummy0']);
    expect(fs[0].claims).toEqual(['check:0']);
  });

  it('two links of one name in two namespaces, both deleted: each is said, with its namespace', () => {
    const b = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'dummy9', kind: 'dummy', mac: '02:00:00:00:00:91' }), extra(s, { ns: 'ns0', name: 'dummy9', kind: 'dummy', mac: '02:00:00:00:00:92' })));
    const after = fixture('state-across-ns0');
    const fs = direct(undoneByCommand, { state: after, before: b, failed: [exp.link('dummy9'), exp.link('dummy9', 'ns0')], commands: [ran('ip link del dummy9; ip -n ns0 link del dummy9')] });
    expect(fs.map((f) => f.id)).toEqual(['deleted:host:dummy9', 'deleted:ns0:dummy9']);
  });

  it('a link without addresses is not relevant to a check about an address', () => {
    const fs = direct(undoneByCommand, { state: without('dummy0'), before, failed: [exp.ping('10.7.7.7')], commands: [ran('ip link del dummy0')] });
    expect(fs).toEqual([]);
  });

  it('an all-zero MAC is nobody’s own: another such link does not make the deleted one still there', () => {
    const zero = '00:00:00:00:00:00';
    const b = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'tun0', kind: 'ipip', mac: zero }), extra(s, { name: 'tun1', kind: 'ipip', mac: zero })));
    const after = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'tun1', kind: 'ipip', mac: zero })));
    expect(direct(undoneByCommand, { state: after, before: b, failed: [exp.link('tun0')], commands: [ran('ip link del tun0')] }).map((f) => f.id)).toEqual(['deleted:host:tun0']);
    const noMac = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'tun0', kind: 'ipip', mac: '' }), extra(s, { name: 'tun1', kind: 'ipip', mac: '' })));
    const afterNoMac = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'tun1', kind: 'ipip', mac: '' })));
    expect(direct(undoneByCommand, { state: afterNoMac, before: noMac, failed: [exp.link('tun0')], commands: [ran('ip link del tun0')] }).map((f) => f.id)).toEqual(['deleted:host:tun0']);
  });

  it('a link that was in a namespace the state before did not know by name is not blamed on the command', () => {
    const b = edited('state-across-ns0', (s) => s.links.push(extra(s, { ns: 'ns5', name: 'dummy5', kind: 'dummy', mac: '02:00:00:00:00:55' })));
    const after = edited('state-across-ns0', (s) => s.namespaces.push('ns5'));
    expect(direct(undoneByCommand, { state: after, before: b, failed: [exp.link('dummy5', 'ns5')], commands: [ran('ip netns add ns5')] })).toEqual([]);
  });
});

describe('undoneByCommand: deleted namespaces', () => {
  const before = fixture('state-across-ns0');
  const nsGone = (s: LabState) => {
    s.links = s.links.filter((l) => l.kind !== 'veth' && l.ns !== 'ns0');
    s.namespaces = [];
  };

  it('lists what was inside and the peer outside, as one finding that claims and covers the rest', () => {
    const fs = direct(undoneByCommand, { state: edited('state-across-ns0', nsGone), before, failed: [exp.ping('192.168.100.2', 'ns0'), exp.netns('ns9')], commands: [ran('ip netns del ns0')] });
    expect(fs).toEqual([
      {
        id: 'deleted:ns:ns0',
        weight: 96,
        claims: ['check:0'],
        covers: ['missing:*', 'where:*', 'ns:*', 'nobody:*', 'noroute:*', 'dev:*'],
        text: '`ip netns del ns0` deleted namespace ns0, and with it every interface inside it: veth0-0 (the host namespace), veth0-1 (ns0). A veth end that dies takes its peer along, wherever that peer is. Rebuilding means redoing the steps that made them.',
        fix: undefined,
      },
    ]);
  });

  it('the pair that died with the namespace is not explained a second time, with a rebuild into a namespace that is gone (bug fixed)', () => {
    const fs = diagnoseCase({ state: edited('state-across-ns0', nsGone), before, failed: [exp.ping('192.168.100.2')], commands: [ran('ip netns del ns0')] });
    expect(fs.filter((f) => f.rule === 'undoneByCommand').map((f) => f.id)).toEqual(['deleted:ns:ns0']);
    expect(fs.map((f) => f.fix ?? '').join('\n')).not.toContain('netns ns0');
  });

  it('names only what went with the namespace, not other links deleted by the same line', () => {
    const b = edited('state-across-ns0', (s) => {
      s.links.push(extra(s, { name: 'dummy0', kind: 'dummy', mac: '02:00:00:00:00:0d' }));
      s.links.push(extra(s, { name: 'veth1-0', kind: 'veth', mac: '02:00:00:00:00:10', ifindex: 10, peer: { ns: 'host', ifindex: 11 } }));
      s.links.push(extra(s, { name: 'veth1-1', kind: 'veth', mac: '02:00:00:00:00:11', ifindex: 11, peer: { ns: 'host', ifindex: 10 } }));
      s.links.push(extra(s, { name: 'vethY', kind: 'veth', mac: '02:00:00:00:00:12', ifindex: 12, peer: { ns: 'elsewhere', ifindex: 3 } }));
    });
    const fs = direct(undoneByCommand, { state: edited('state-across-ns0', nsGone), before: b, failed: [exp.ping('192.168.100.2', 'ns0')], commands: [ran('ip netns del ns0; ip link del dummy0; ip link del veth1-0; ip link del vethY')] });
    expect(fs.map((f) => f.id)).toEqual(['deleted:ns:ns0']);
    expect(fs[0].text).toContain('inside it: veth0-0 (the host namespace), veth0-1 (ns0).');
  });

  it('a deleted namespace the failed checks do not care about is not mentioned', () => {
    expect(direct(undoneByCommand, { state: edited('state-across-ns0', nsGone), before, failed: [exp.netns('ns9')], commands: [ran('ip netns del ns0')] })).toEqual([]);
  });

  it('an empty namespace whose lo was down: recreate it, nothing to bring up', () => {
    const b = edited('state-across-ns0', (s) => {
      s.links = s.links.filter((l) => l.kind !== 'veth');
      link(s, 'lo', 'ns0').up = false;
    });
    const after = edited('state-across-ns0', (s) => {
      s.links = s.links.filter((l) => l.kind !== 'veth' && l.ns !== 'ns0');
      s.namespaces = [];
    });
    const fs = direct(undoneByCommand, { state: after, before: b, failed: [exp.netns('ns0')], reference: ['ip netns exec ns0 ip link show'], commands: [ran('ip netns del ns0')] });
    expect(fs).toEqual([
      {
        id: 'deleted:ns:ns0',
        weight: 96,
        claims: [],
        covers: ['missing:*', 'where:*', 'ns:*', 'nobody:*', 'noroute:*', 'dev:*'],
        text: '`ip netns del ns0` deleted namespace ns0, which this step needs. Nothing but its own `lo` was in it, so creating it again is the whole repair, then do this step.',
        fix: 'ip netns add ns0 && ip netns exec ns0 ip link show',
      },
    ]);
  });

  it('its own lo decides, not another up link that lived there (a device that went back to the host)', () => {
    const b = edited('state-across-ns0', (s) => {
      s.links = s.links.filter((l) => l.kind !== 'veth');
      link(s, 'lo', 'ns0').up = false;
      s.links.unshift(extra(s, { ns: 'ns0', name: 'eth9', kind: 'device', mac: '02:00:00:00:00:99' }));
    });
    const after = edited('state-across-ns0', (s) => {
      s.links = s.links.filter((l) => l.kind !== 'veth' && l.ns !== 'ns0');
      s.links.push(extra(s, { name: 'eth9', kind: 'device', mac: '02:00:00:00:00:99' }));
      s.namespaces = [];
    });
    const [f] = direct(undoneByCommand, { state: after, before: b, failed: [exp.netns('ns0')], commands: [ran('ip netns del ns0')] });
    expect(f.fix).toBe('ip netns add ns0');
  });

  it('a recorded namespace without any lo: recreating it is the repair', () => {
    const b = edited('state-across-ns0', (s) => (s.links = s.links.filter((l) => l.ns !== 'ns0' && l.kind !== 'veth')));
    const after = edited('state-across-ns0', (s) => {
      s.links = s.links.filter((l) => l.ns !== 'ns0' && l.kind !== 'veth');
      s.namespaces = [];
    });
    const [f] = direct(undoneByCommand, { state: after, before: b, failed: [exp.netns('ns0')], reference: ['ip netns exec ns0 true'], commands: [ran('ip netns del ns0')] });
    expect(f.fix).toBe('ip netns add ns0 && ip netns exec ns0 true');
  });
});

describe('undoneByCommand: unplugged and switched off', () => {
  const before = fixture('state-bridge-broken');

  it('unplugged: id, covers the port and learning findings, claims the checks about its bridge', () => {
    const after = edited('state-bridge-broken', (s) => delete link(s, 'veth0-0').master);
    const fs = direct(undoneByCommand, { state: after, before, failed: [exp.learned('br0', 'veth0-1', 'ns0')], commands: [ran('ip link set veth0-0 nomaster')] });
    expect(fs).toEqual([
      {
        id: 'unplugged:host:veth0-0',
        weight: 95,
        covers: ['port:veth0-0', 'learned:*'],
        claims: ['check:0'],
        text: '`ip link set veth0-0 nomaster` took veth0-0 out of the bridge br0, which this step still needs it in. Plug it back.',
        fix: 'ip link set veth0-0 master br0',
      },
    ]);
  });

  it('switched off: in its namespace, en and zh, and what it covers', () => {
    const after = edited('state-bridge-broken', (s) => (link(s, 'veth0-1', 'ns0').up = false));
    const c = { state: after, before, failed: [exp.ping('192.168.100.2')], commands: [ran('ip -n ns0 link set veth0-1 down')] };
    expect(direct(undoneByCommand, c)).toEqual([
      {
        id: 'switchedoff:ns0:veth0-1',
        weight: 94,
        covers: ['linkdown:ns0:veth0-1'],
        claims: ['check:0'],
        text: '`ip -n ns0 link set veth0-1 down` switched veth0-1 off in ns0, and this step needs it up.',
        fix: 'ip netns exec ns0 ip link set up veth0-1',
      },
    ]);
    const zh = direct(undoneByCommand, { ...c, lang: 'zh' });
    expect(zh[0].text).toContain('把 ns0 里的 veth0-1 关掉了');
    const fs = diagnoseCase(c);
    expect(fs[0].rule).toBe('undoneByCommand');
  });

  it('a link that stayed up and plugged gives nothing; nor does a step without a state before', () => {
    expect(direct(undoneByCommand, { state: before, before, failed: [exp.ping('192.168.100.2')], commands: [ran('ip link show')] })).toEqual([]);
    expect(direct(undoneByCommand, { state: edited('state-bridge-broken', (s) => (s.links = [])), failed: [exp.ping('192.168.100.2')], commands: [ran('ip link del veth0-0')] })).toEqual([]);
  });
});

describe('looksNotRun: the step judges what its own look command does, and the learner did not run it', () => {
  const capture: Expectation = { kind: 'capture', line: 1, iface: 'isp0', in: 'upstream', shows: ['icmp-echo-request'], hides: [] };
  const nat = "nft add rule ip nat postrouting ip saddr 192.168.100.0/24 oifname \"wan0\" masquerade";
  const ping = 'ip netns exec ns0 ping -c 1 -W 1 203.0.113.10';
  const c = (o: { failed?: Expectation[]; passed?: Expectation[]; commands?: string[]; reference?: string[]; lang?: 'en' | 'zh' } = {}) =>
    direct(looksNotRun, { state: fixture('state-empty'), failed: o.failed ?? [capture, exp.exit(0)], passed: o.passed, reference: o.reference ?? ['nft add table ip nat', nat, ping], commands: (o.commands ?? [nat]).map((x) => ran(x)), lang: o.lang });

  it('claims every failed check on what the commands did, and offers the look as the fix (shown only once proven)', () => {
    expect(c()).toEqual([
      {
        id: 'looks-not-run',
        weight: 88,
        claims: ['check:0', 'check:1'],
        covers: ['nothing-printed'],
        text: 'This step judges what its ping in ns0 does (its exit status, its output or the packets it sends), and your command line did not run it, so there was nothing to judge. Run it after your changes.',
        fix: ping,
      },
    ]);
    const [zh] = c({ lang: 'zh' });
    expect(zh.text).toBe('这一步要看它在 ns0 中运行的 ping 的结果（退出码、输出或发出的包），而你的命令里没有运行它，所以没有东西可判断。改完之后运行它。');
    expect(zh.fix).toBe(ping);
  });

  it('names every look that did not run, in the order the step runs them, each line whole; a check that passed is not claimed', () => {
    expect(c({ reference: [nat, `${ping} > /dev/null & tcpdump -c 1 -i isp0`] })[0].fix).toBe(`${ping} > /dev/null & tcpdump -c 1 -i isp0`);
    // A line that also changes the lab is no look.
    expect(c({ reference: [`${nat}; ${ping}`] })).toEqual([]);
    const [f] = c({ reference: [ping, 'ip route get 203.0.113.10'], failed: [capture], passed: [exp.exit(0)] });
    expect(f.claims).toEqual(['check:0']);
    expect(f.text).toContain('what its ping in ns0, ip route get in the host namespace does');
    expect(f.fix).toBe(`${ping} && ip route get 203.0.113.10`);
  });

  it('the same look spelt otherwise (other options, ip -n) counts as run; the same program elsewhere or at another target does not', () => {
    expect(c({ commands: [`${nat}; ip netns exec ns0 ping -c 3 203.0.113.10`] })).toEqual([]);
    expect(c({ reference: ['ip -n ns0 route get 203.0.113.10'], commands: ['ip netns exec ns0 ip route get 203.0.113.10'] })).toEqual([]);
    expect(c({ commands: ['ping -c 1 -W 1 203.0.113.10'] })).toHaveLength(1);
    expect(c({ commands: ['ip netns exec ns0 ping -c 1 -W 1 203.0.113.11'] })).toHaveLength(1);
  });

  it('a failed attempt at the same program there is left to the rules that read its error', () => {
    const tried = direct(looksNotRun, { state: fixture('state-empty'), failed: [capture], reference: [ping], commands: [ran('ip netns exec ns0 ping -c 1 203.0.113.', 2, 'ping: 203.0.113.: Name or service not known\n')] });
    expect(tried).toEqual([]);
  });

  it('says nothing when only checks on the lab failed, or the step runs no command that only looks', () => {
    expect(c({ failed: [exp.link('veth0-0')] })).toEqual([]);
    expect(c({ reference: [nat] })).toEqual([]);
  });
});

describe('nothingPrinted: exact finding', () => {
  it('claims every failed output check that wants a match, in both languages; weight 78', () => {
    const c = (lang: 'en' | 'zh' = 'en') =>
      direct(nothingPrinted, { state: fixture('state-empty'), failed: [exp.output('hello'), exp.output('bye', false), exp.output('203\\.0\\.113\\.10')], reference: ['nc -l 8080'], commands: [ran('true')], lang });
    expect(c()).toEqual([{ id: 'nothing-printed', weight: 78, claims: ['check:0', 'check:2'], text: "This step looks for something in what its commands print, and your command line printed nothing at all, so it could not be there. The step's own commands are the ones that make that output.", fix: undefined }]);
    expect(c('zh')[0].text).toBe('这一步要在命令的输出里找东西，而你的命令什么也没有输出，所以不可能找到。能产生这些输出的，是这一步自己的命令。');
    // White space is nothing; any other character is something.
    expect(direct(nothingPrinted, { state: fixture('state-empty'), failed: [exp.output('hello')], commands: [ran('true', 0, '', ' \n\t')] })).toHaveLength(1);
    expect(direct(nothingPrinted, { state: fixture('state-empty'), failed: [exp.output('hello')], commands: [ran('true', 0, '', ' \n'), ran('x', 0, '', '.')] })).toEqual([]);
  });
});
