import { describe, expect, it } from 'vitest';
import { mistakeRules } from '../../../src/explain/rules/mistakes.js';
import { edited, exp, familyTracker, fixture, ran } from './helpers.js';

const t = familyTracker(mistakeRules);

const killed = (command: string, output: string) => ({ ...ran(command, null as unknown as number, '', output), timedOut: true, signal: 'SIGKILL' as const });
const REPLIES = 'PING 192.168.100.2 (192.168.100.2) 56(84) bytes of data.\n64 bytes from 192.168.100.2: icmp_seq=1 ttl=64 time=0.05 ms\n64 bytes from 192.168.100.2: icmp_seq=2 ttl=64 time=0.04 ms\n';

describe('killedByTimeout', () => {
  it('a ping without -c that got replies: says it was killed, counts the replies, never "no answer"', () => {
    const fs = t.all({ state: fixture('state-across-ns0'), failed: [exp.exit(0)], commands: [killed('ping 192.168.100.2', REPLIES)] });
    expect(fs[0].rule).toBe('killedByTimeout');
    expect(fs[0].text).toContain('got 2 replies');
    expect(fs[0].text).toContain('timeout killed it');
    expect(fs[0].fix).toBe('ping -c 1 192.168.100.2');
    expect(fs.map((f) => f.text).join('\n')).not.toMatch(/no answer|went unanswered/);
    t.by('killedByTimeout', { state: fixture('state-across-ns0'), failed: [exp.exit(0)], commands: [killed('ping 192.168.100.2', REPLIES)] });
  });

  it('keeps the namespace and the rest of the line, and knows other endless commands', () => {
    const fs = t.all({ state: fixture('state-across-ns0'), failed: [exp.exit(0)], commands: [killed('ip netns exec ns0 ping -W 1 192.168.100.1', '')] });
    expect(fs[0].fix).toBe('ip netns exec ns0 ping -c 1 -W 1 192.168.100.1');
    expect(fs[0].text).toContain('without a single reply');
    const other = t.all({ state: fixture('state-across-ns0'), failed: [exp.exit(0)], commands: [killed('ip monitor', '')] });
    expect(other[0].text).toContain('does not end by itself');
    expect(other[0].fix).toBeUndefined();
  });
});

describe('undoneByCommand (the state before the command against after it)', () => {
  const before = fixture('state-across-ns0');
  const pairGone = () => edited('state-across-ns0', (s) => (s.links = s.links.filter((l) => l.kind !== 'veth')));

  it('deleting one end of a pair: both ends named, the pair rebuilt as it was, then the step', () => {
    const c = { state: pairGone(), before, failed: [exp.ping('192.168.100.2')], reference: ['ping -c 1 192.168.100.2'], commands: [ran('ip netns exec ns0 ip link del veth0-1')] };
    const fs = t.all(c);
    expect(fs[0].rule).toBe('undoneByCommand');
    expect(fs[0].text).toContain('deleted the veth pair');
    expect(fs[0].text).toMatch(/veth0-0.*veth0-1|veth0-1.*veth0-0/);
    expect(fs[0].fix).toMatch(/^ip link add veth0-\d type veth peer name veth0-\d && .*netns ns0/);
    expect(fs[0].fix).toContain('ip netns exec ns0 ip addr add 192.168.100.2/24 dev veth0-1');
    t.by('undoneByCommand', c);
  });

  it('moving an end to another namespace deletes nothing: no "deleted the pair" and no rebuild', () => {
    const moved = edited('state-across-ns0', (s) => {
      const host = s.links.find((l) => l.kind === 'veth' && l.ns === 'host')!;
      host.ns = 'ns0';
      host.ifindex = 99;
    });
    const fs = t.all({ state: moved, before, failed: [exp.link('veth0-0')], commands: [ran('ip link set veth0-0 netns ns0')] });
    expect(fs.map((f) => f.text).join('\n')).not.toMatch(/deleted/);
    expect(fs.map((f) => f.fix ?? '').join('\n')).not.toMatch(/ip link add/);
  });

  it('deleting the namespace: it takes its interfaces, and the peer in the host, with it', () => {
    const state = edited('state-across-ns0', (s) => {
      s.links = s.links.filter((l) => l.kind !== 'veth' && l.ns !== 'ns0');
      s.namespaces = [];
    });
    const fs = t.all({ state, before, failed: [exp.ping('192.168.100.2')], commands: [ran('ip netns del ns0')] });
    expect(fs[0].text).toContain('deleted namespace ns0');
    expect(fs[0].text).toContain('veth0-0');
  });

  it('deleting an empty namespace (nothing but its lo in it): no pair died, so none is named; recreating it is the repair', () => {
    const empty = edited('state-across-ns0', (s) => (s.links = s.links.filter((l) => l.ns !== 'ns0' || l.name === 'lo').map((l) => (l.kind === 'veth' ? { ...l, ns: 'host' } : l))));
    const state = edited('state-across-ns0', (s) => {
      s.links = empty.links.filter((l) => l.ns !== 'ns0');
      s.namespaces = [];
    });
    const c = { state, before: empty, failed: [exp.link('veth0-1', 'ns0')], reference: ['ip link set veth0-1 netns ns0'], commands: [ran('ip netns del ns0')] };
    const fs = t.all(c);
    expect(fs[0].rule).toBe('undoneByCommand');
    expect(fs[0].text).toContain('deleted namespace ns0');
    expect(fs[0].text).not.toMatch(/—|peer along|veth0-0/);
    const lo = empty.links.find((l) => l.ns === 'ns0' && l.name === 'lo')!;
    expect(fs[0].fix).toBe(`ip netns add ns0${lo.up ? ' && ip netns exec ns0 ip link set up lo' : ''} && ip link set veth0-1 netns ns0`);
    const zh = t.all({ ...c, lang: 'zh' as const });
    expect(zh[0].text).toContain('ns0');
    expect(zh[0].text).not.toContain('—');
  });

  it('unplugging a port the step needs, and nothing when the command changed something unrelated', () => {
    const plugged = fixture('state-bridge-broken');
    const port = plugged.links.find((l) => l.master)!;
    const unplugged = edited('state-bridge-broken', (s) => delete s.links.find((l) => l.name === port.name && l.ns === port.ns)!.master);
    const fs = t.all({ state: unplugged, before: plugged, failed: [exp.port(port.name, port.master!, port.ns)], commands: [ran(`ip link set ${port.name} nomaster`)] });
    expect(fs[0].text).toContain(`took ${port.name} out of the bridge ${port.master}`);
    expect(fs[0].fix).toBe(`ip link set ${port.name} master ${port.master}`);
    const quiet = t.all({ state: unplugged, before: plugged, failed: [exp.netns('ns9')], commands: [ran(`ip link set ${port.name} nomaster`)] });
    expect(quiet.map((f) => f.rule)).not.toContain('undoneByCommand');
  });
});

describe('looksNotRun', () => {
  it('a route lookup the step judges, replaced by a look at the whole table: the lookup is named and offered', () => {
    const wantsLookup = { state: fixture('state-across-ns0'), failed: [exp.output('dev veth0-0')], reference: ['ip route get 192.168.100.2'], commands: [ran('ip route')] };
    expect(t.by('looksNotRun', wantsLookup)).toBe(
      'This step judges what its ip route get in the host namespace does (its exit status, its output or the packets it sends), and your command line did not run it, so there was nothing to judge. Run it after your changes.\n`ip route get 192.168.100.2`',
    );
    // The lookup spelt with more words is the lookup; a lookup that failed has its error told by another rule.
    expect(t.all({ ...wantsLookup, commands: [ran('ip route get 192.168.100.2 oif veth0-0')] }).map((f) => f.rule)).not.toContain('looksNotRun');
    expect(t.all({ ...wantsLookup, commands: [ran('ip route get 192.168.100.', 1, 'Error: any valid prefix is expected rather than "192.168.100.".\n')] }).map((f) => f.rule)).not.toContain('looksNotRun');
  });
});

describe('nothingPrinted', () => {
  it('an output check found nothing because the typed line printed nothing: said, with no command', () => {
    const c = { state: fixture('state-across-ns0'), failed: [exp.output('hello from ns1')], reference: ['nft add rule ip nat prerouting tcp dport 8080 dnat to 192.168.100.3', 'ip netns exec upstream nc -n -w 2 203.0.113.1 8080'], commands: [ran('nft add rule ip nat prerouting tcp dport 8080 dnat to 192.168.100.3')] };
    expect(t.by('nothingPrinted', c)).toBe("This step looks for something in what its commands print, and your command line printed nothing at all, so it could not be there. The step's own commands are the ones that make that output.");
    const rules = (o: object) => t.all({ ...c, ...o }).map((f) => f.rule);
    // Something was printed, the check wants a pattern absent, the step's own commands ran, or nothing ran.
    expect(rules({ commands: [ran('nft list ruleset', 0, '', 'table ip nat {}\n')] })).not.toContain('nothingPrinted');
    expect(rules({ failed: [exp.output('refused', false)] })).not.toContain('nothingPrinted');
    expect(rules({ commands: c.reference.map((r) => ran(r)) })).not.toContain('nothingPrinted');
    expect(rules({ commands: [] })).not.toContain('nothingPrinted');
  });
});
