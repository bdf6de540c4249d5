// The engine's lab-free parts, on fakes: proving fixes, ping and capture probes, history replay, shell command lines, small helpers.
import { describe, expect, it } from 'vitest';
import { replayHistory } from '../../../src/engine/history.js';
import { inNs, pingCommand, runPing, startCapture, stopCapture } from '../../../src/engine/probes.js';
import { PROOF_CONCURRENCY, PROOF_LIMIT, proveFixes } from '../../../src/engine/proofs.js';
import { commandsFor, looksFor, runCommands } from '../../../src/engine/run-step.js';
import { checkTerminal, shellCommand, TerminalNotOwnedError } from '../../../src/engine/shell.js';
import { formatRef, type EngineEvent } from '../../../src/engine/types.js';
import type { CommandResult, Lab, RunOptions } from '../../../src/lab/sandbox.js';
import type { Expectation, Step } from '../../../src/lesson/types.js';
import { fixtureCourse } from '../../session/helpers.js';

type PingExp = Extract<Expectation, { kind: 'ping' }>;
type CaptureExp = Extract<Expectation, { kind: 'capture' }>;

function result(command: string, r: Partial<CommandResult> = {}): CommandResult {
  return { command, code: 0, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 1, ...r };
}

/** A lab that records what it is asked to run; `reply` shapes each result (and may close the lab). */
function fakeLab(reply: (command: string, opts: RunOptions) => Partial<CommandResult> = () => ({})) {
  const calls: { command: string; timeoutMs?: number }[] = [];
  const state = { closed: false };
  const lab = {
    get isClosed() {
      return state.closed;
    },
    stopLeftovers: () => calls.push({ command: 'STOP' }),
    run: async (command: string, opts: RunOptions = {}) => {
      calls.push({ command, timeoutMs: opts.timeoutMs });
      return result(command, reply(command, opts));
    },
  };
  /** Calls as short names: the lesson settings script as SETTINGS. */
  const names = () => calls.map((c) => (c.command.includes('NETNS_TUTOR_TEST_NO_IPV4_DEFAULTS') ? 'SETTINGS' : c.command));
  return { lab: lab as unknown as Lab, calls, names, state };
}

const ping = (o: Partial<PingExp> = {}): PingExp => ({ kind: 'ping', line: 1, target: '10.0.0.2', from: 'host', succeeds: true, ...o });
const capture = (o: Partial<CaptureExp> = {}): CaptureExp => ({ kind: 'capture', line: 1, iface: 'veth0-1', in: 'ns0', shows: [], hides: [], ...o });

describe('proveFixes', () => {
  it('limits: three fixes proven per step, three at once', () => {
    expect(PROOF_LIMIT).toBe(3);
    expect(PROOF_CONCURRENCY).toBe(3);
  });

  it('maps every fix to whether its proof passed; a proof that throws counts as failed; onProof hears each', async () => {
    const heard: [string, boolean][] = [];
    const proofs = await proveFixes(
      ['good', 'bad', 'throws'],
      async (fix) => {
        if (fix === 'throws') throw new Error('boom');
        return fix === 'good';
      },
      { onProof: (fix, ok) => heard.push([fix, ok]) },
    );
    expect([...proofs].sort()).toEqual([
      ['bad', false],
      ['good', true],
      ['throws', false],
    ]);
    expect(heard.sort()).toEqual([
      ['bad', false],
      ['good', true],
      ['throws', false],
    ]);
  });

  it('no fixes: nothing runs', async () => {
    let runs = 0;
    const proofs = await proveFixes([], async () => (runs++, true));
    expect(proofs.size).toBe(0);
    expect(runs).toBe(0);
  });

  async function inFlight(fixes: number, concurrency?: number): Promise<{ max: number; order: string[] }> {
    let now = 0;
    let max = 0;
    const order: string[] = [];
    const names = Array.from({ length: fixes }, (_, i) => `f${i}`);
    await proveFixes(
      names,
      async (fix) => {
        order.push(fix);
        max = Math.max(max, ++now);
        await new Promise((r) => setTimeout(r, 5));
        now--;
        return true;
      },
      concurrency === undefined ? {} : { concurrency },
    );
    return { max, order };
  }

  it('runs three at once by default, never more than there are fixes, at least one; each fix once, in order', async () => {
    expect(await inFlight(5)).toEqual({ max: 3, order: ['f0', 'f1', 'f2', 'f3', 'f4'] });
    expect((await inFlight(2)).max).toBe(2);
    expect((await inFlight(5, 1)).max).toBe(1);
    expect((await inFlight(5, 0)).max).toBe(1);
    expect((await inFlight(5, 4)).max).toBe(4);
  });

  it('passes the signal on; aborted before: nothing runs; aborted during a proof: that proof is dropped', async () => {
    const before = new AbortController();
    before.abort();
    let runs = 0;
    expect((await proveFixes(['a'], async () => (runs++, true), { signal: before.signal })).size).toBe(0);
    expect(runs).toBe(0);

    const during = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const heard: string[] = [];
    const proofs = await proveFixes(
      ['a', 'b', 'c', 'd'],
      async (fix, signal) => {
        seen.push(signal);
        if (fix === 'a') during.abort();
        return true;
      },
      { signal: during.signal, concurrency: 1, onProof: (f) => heard.push(f) },
    );
    expect(seen).toEqual([during.signal]);
    expect(proofs.size).toBe(0);
    expect(heard).toEqual([]);
  });
});

describe('probes', () => {
  it('inNs: host commands run as they are, others through ip netns exec', () => {
    expect(inNs('host', 'ping x')).toBe('ping x');
    expect(inNs('ns0', 'ping x')).toBe('ip netns exec ns0 ping x');
  });

  it('pingCommand: 2 s for a reply that must come, 0.5 s for one that must not, or the given timeout; -I for an interface', () => {
    expect(pingCommand(ping())).toBe('ping -n -c 1 -W 2 10.0.0.2');
    expect(pingCommand(ping({ succeeds: false }))).toBe('ping -n -c 1 -W 0.5 10.0.0.2');
    expect(pingCommand(ping({ succeeds: false, timeout: 3 }))).toBe('ping -n -c 1 -W 3 10.0.0.2');
    expect(pingCommand(ping({ from: 'ns1', iface: 'veth1' }))).toBe('ip netns exec ns1 ping -n -c 1 -W 2 -I veth1 10.0.0.2');
  });

  it('runPing: a reply, a loss, a ping that could not be sent', async () => {
    const loss = 'PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n\n--- 10.0.0.2 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n';
    const ok = 'PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.05 ms\n\n--- 10.0.0.2 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\n';
    const outputs: Record<string, Partial<CommandResult>> = {
      ok: { code: 0, output: ok },
      // busybox says "1 packets received"
      busybox: { code: 0, output: '1 packets transmitted, 1 packets received, 0% packet loss\n' },
      okButFailed: { code: 1, output: ok },
      loss: { code: 1, output: loss },
      unreachable: { code: 2, output: 'connect: Network is unreachable\n' },
      host: { code: 1, output: 'From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n' },
      nodev: { code: 2, output: 'ping: SO_BINDTODEVICE veth9: No such device\nping: bad interface\n' },
      silent: { code: 2, output: '  \n' },
    };
    const got: Record<string, unknown> = {};
    for (const [name, r] of Object.entries(outputs)) {
      const { lab, calls } = fakeLab(() => r);
      const o = await runPing(lab, ping({ from: 'ns0' }));
      expect(calls).toEqual([{ command: 'ip netns exec ns0 ping -n -c 1 -W 2 10.0.0.2', timeoutMs: 15_000 }]);
      expect(o.output).toBe(r.output);
      got[name] = [o.replied, o.error];
    }
    expect(got).toEqual({
      ok: [true, undefined],
      busybox: [true, undefined],
      okButFailed: [false, undefined],
      loss: [false, undefined],
      unreachable: [false, undefined],
      host: [false, undefined],
      nodev: [false, 'ping: bad interface'],
      silent: [false, 'exit status 2'],
    });
    const { lab } = fakeLab(() => ({ code: 0, output: '0 received\n' }));
    expect((await runPing(lab, ping())).replied).toBe(false);
  });

  /** A lab whose spawn hands the test the command's callbacks. */
  function spawnLab() {
    const spawned: { command: string; opts: RunOptions; kills: string[]; finish: (r: Partial<CommandResult>) => void }[] = [];
    const lab = {
      spawn(command: string, opts: RunOptions) {
        let finish!: (r: CommandResult) => void;
        const done = new Promise<CommandResult>((r) => (finish = r));
        const entry = { command, opts, kills: [] as string[], finish: (r: Partial<CommandResult>) => finish(result(command, r)) };
        spawned.push(entry);
        return { id: 1, done, kill: (s: string) => entry.kills.push(s), write: () => {}, endInput: () => {} };
      },
    };
    return { lab: lab as unknown as Lab, spawned };
  }

  const settled = async (p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);

  it('startCapture: tcpdump on the interface, in its namespace; listening once tcpdump says so on stderr', async () => {
    const { lab, spawned } = spawnLab();
    const c = startCapture(lab, capture(), 7000);
    expect(spawned[0].command).toBe('ip netns exec ns0 tcpdump --immediate-mode -l -t -nn -e -i veth0-1 arp or icmp');
    expect(spawned[0].opts.timeoutMs).toBe(7000);
    spawned[0].opts.onOutput!('listening on veth0-1', 1);
    expect(await settled(c.listening)).toBe(false);
    spawned[0].opts.onOutput!('tcpdump: verbose output suppressed\n', 2);
    expect(await settled(c.listening)).toBe(false);
    spawned[0].opts.onOutput!('listening on veth0-1, link-type EN10MB\n', 2);
    expect(await settled(c.listening)).toBe(true);
    expect(startCapture(lab, capture({ in: 'host', iface: 'br0' }), 1).exp.iface).toBe('br0');
    expect(spawned[1].command).toBe('tcpdump --immediate-mode -l -t -nn -e -i br0 arp or icmp');
  });

  it('startCapture: a tcpdump that ended without listening does not keep the step waiting', async () => {
    const { lab, spawned } = spawnLab();
    const c = startCapture(lab, capture(), 7000);
    spawned[0].finish({ code: 1, stderr: 'tcpdump: veth0-1: No such device exists\n' });
    expect(await settled(c.listening)).toBe(true);
  });

  it('stopCapture: interrupts tcpdump, and reads the packets it printed', async () => {
    const { lab, spawned } = spawnLab();
    const c = startCapture(lab, capture(), 7000);
    const stopping = stopCapture(c);
    expect(spawned[0].kills).toEqual([]);
    await new Promise((r) => setTimeout(r, 80));
    expect(spawned[0].kills).toEqual(['SIGINT']);
    const arp = 'aa:aa:aa:aa:aa:aa > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28';
    const echo = 'aa:aa:aa:aa:aa:aa > bb:bb:bb:bb:bb:bb, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 64';
    spawned[0].finish({ stdout: `${arp}\n  \n${echo}\n`, stderr: 'listening on veth0-1, link-type EN10MB\n2 packets captured\n' });
    const out = await stopping;
    expect(out.lines).toEqual([arp, echo]);
    expect([...out.seen].sort()).toEqual(['arp-request', 'icmp-echo', 'icmp-echo-request']);
    expect(out.error).toBeUndefined();
  });

  it('stopCapture: a tcpdump that never listened reports its last word, or that it did not start', async () => {
    for (const [stderr, error] of [
      ['tcpdump: something\ntcpdump: veth9: No such device exists\n', 'tcpdump: veth9: No such device exists'],
      ['', 'tcpdump did not start'],
    ]) {
      const { lab, spawned } = spawnLab();
      const c = startCapture(lab, capture(), 7000);
      spawned[0].finish({ code: 1, stderr });
      const out = await stopCapture(c);
      expect(out).toEqual({ lines: [], seen: new Set(), error });
    }
  });
});

describe('replayHistory', () => {
  const routed = fixtureCourse('routed');
  const build = routed.lessons[0].steps[0];

  it("runs each entry as it first ran: the step's commands or the typed line, with the step's timeout; lesson settings once as a lesson starts", async () => {
    const { lab, calls, names } = fakeLab();
    await replayHistory(lab, routed, [{ ref: '1.1' }, { ref: '1.2', command: 'echo a' }, { ref: '1.2', command: 'echo b' }, { ref: '2' }]);
    expect(names()).toEqual(['SETTINGS', 'STOP', ...build.commands, 'STOP', 'echo a', 'STOP', 'echo b', 'SETTINGS', 'STOP', 'ip netns add c3']);
    expect(calls.filter((c) => c.command === 'echo a')).toEqual([{ command: 'echo a', timeoutMs: routed.lessons[0].steps[1].timeout * 1000 }]);
    // The settings carry the lesson's own values.
    expect(calls.filter((c) => names()[calls.indexOf(c)] === 'SETTINGS')[1].command).toContain('rp_filter');
  });

  it('attempts at a first step apply its settings once; coming back to it after another step applies them again', async () => {
    const { lab, names } = fakeLab();
    await replayHistory(lab, routed, [{ ref: '1.1', command: 'x' }, { ref: '1.1', command: 'y' }, { ref: '1.3' }, { ref: '1.1', command: 'z' }]);
    expect(names()).toEqual(['SETTINGS', 'STOP', 'x', 'STOP', 'y', 'STOP', ...routed.lessons[0].steps[2].commands, 'SETTINGS', 'STOP', 'z']);
  });

  it("a missing tool's step runs its `without` commands", async () => {
    const mini = fixtureCourse('mini');
    const bridge = mini.lessons[0].steps[3];
    const without = fakeLab();
    await replayHistory(without.lab, mini, [{ ref: '1.4' }], { missing: new Set(['brctl']) });
    expect(without.names()).toEqual(['STOP', ...bridge.without.brctl]);
    const withTool = fakeLab();
    await replayHistory(withTool.lab, mini, [{ ref: '1.4' }]);
    expect(withTool.names()).toEqual(['STOP', ...bridge.commands]);
    expect(bridge.commands).not.toEqual(bridge.without.brctl);
  });

  it('an unknown step throws, after the entries before it ran', async () => {
    const { lab, names } = fakeLab();
    await expect(replayHistory(lab, routed, [{ ref: '1.2', command: 'a' }, { ref: '9.9' }])).rejects.toThrow('no step 9.9');
    expect(names()).toEqual(['STOP', 'a']);
  });

  it('stops at a cancelled signal or a closed lab', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const a = fakeLab();
    await replayHistory(a.lab, routed, [{ ref: '1.1' }], { signal: aborted.signal });
    expect(a.calls).toEqual([]);

    const ctl = new AbortController();
    const b = fakeLab((c) => (c === 'a' && ctl.abort(), {}));
    await replayHistory(b.lab, routed, [{ ref: '1.2', command: 'a' }, { ref: '1.3', command: 'b' }], { signal: ctl.signal });
    expect(b.names()).toEqual(['STOP', 'a']);

    const c = fakeLab();
    c.state.closed = true;
    await replayHistory(c.lab, routed, [{ ref: '1.2', command: 'a' }]);
    expect(c.calls).toEqual([]);
    const d = fakeLab((cmd) => (cmd === 'a' && (d.state.closed = true), {}));
    await replayHistory(d.lab, routed, [{ ref: '1.2', command: 'a' }, { ref: '1.3', command: 'b' }]);
    expect(d.names()).toEqual(['STOP', 'a']);
  });
});

describe('runCommands and commandsFor', () => {
  const step = (o: Partial<Step> = {}): Step => ({
    id: 's', title: 'S', prose: '', commands: ['one', 'two'], expect: [], hints: [], explain: [], wrong: [], without: {}, timeout: 3, diagnose: true, line: 1, commandsLine: 2, ...o,
  });

  it('commandsFor: the step\'s commands, or those for the first missing tool', () => {
    const s = step({ without: { brctl: ['alt1'], tcpdump: ['alt2'] } });
    expect(commandsFor(s)).toStrictEqual({ commands: ['one', 'two'] });
    expect(commandsFor(s, new Set(['perl']))).toStrictEqual({ commands: ['one', 'two'] });
    expect(commandsFor(s, new Set(['tcpdump']))).toStrictEqual({ commands: ['alt2'], substituted: 'tcpdump' });
    expect(commandsFor(s, new Set(['tcpdump', 'brctl']))).toStrictEqual({ commands: ['alt1'], substituted: 'brctl' });
  });

  it('runs every command even after one fails, reporting each with its output', async () => {
    const { lab, calls } = fakeLab((c, opts) => {
      opts.onOutput?.(`out of ${c}`, 1);
      return { code: c === 'one' ? 1 : 0 };
    });
    const events: EngineEvent[] = [];
    const results = await runCommands(lab, ['one', 'two'], step(), { ref: '2.1', emit: (e) => events.push(e) });
    expect(results.map((r) => [r.command, r.code])).toEqual([
      ['one', 1],
      ['two', 0],
    ]);
    expect(calls).toEqual([{ command: 'STOP' }, { command: 'one', timeoutMs: 3000 }, { command: 'two', timeoutMs: 3000 }]);
    expect(events.map((e) => [e.type, 'index' in e ? e.index : -1, 'ref' in e ? e.ref : ''])).toEqual([
      ['command-start', 0, '2.1'],
      ['output', 0, '2.1'],
      ['command-end', 0, '2.1'],
      ['command-start', 1, '2.1'],
      ['output', 1, '2.1'],
      ['command-end', 1, '2.1'],
    ]);
    expect(events[1]).toEqual({ type: 'output', ref: '2.1', index: 0, chunk: 'out of one', fd: 1 });
    expect(events[0]).toEqual({ type: 'command-start', ref: '2.1', index: 0, command: 'one' });
  });

  it('stops once the lab has closed under a command', async () => {
    const { lab, calls, state } = fakeLab((c) => (c === 'one' && (state.closed = true), {}));
    expect((await runCommands(lab, ['one', 'two'], step(), { ref: '2.1' })).map((r) => r.command)).toEqual(['one']);
    expect(calls.map((c) => c.command)).toEqual(['STOP', 'one']);
  });
});

describe('small helpers', () => {
  it('formatRef', () => {
    expect(formatRef({ lesson: 2, step: 11 })).toBe('2.11');
  });

  it('shellCommand: the lab prompt, a safe TERM, the shell without start-up files, under script when there is one', () => {
    expect(shellCommand('/bin/bash', { rows: 30, cols: 100 })).toBe(
      "export PS1='[netns-tutor lab] $ ' NETNS_TUTOR_LAB=1 TERM=xterm; unset ENV; if command -v script >/dev/null 2>&1; then exec script -q -e -c 'stty rows 30 cols 100 2>/dev/null; exec '\\''/bin/bash'\\'' --norc --noprofile -i' /dev/null; else exec '/bin/bash' --norc --noprofile -i 2>&1; fi",
    );
    expect(shellCommand('/usr/bin/zsh', { rows: 1, cols: 2 }, 'screen-256color')).toContain("TERM=screen-256color; unset ENV; if command -v script >/dev/null 2>&1; then exec script -q -e -c 'stty rows 1 cols 2 2>/dev/null; exec '\\''/usr/bin/zsh'\\'' -f -i' /dev/null; else exec '/usr/bin/zsh' -f -i 2>&1; fi");
    expect(shellCommand('/bin/sh', { rows: 1, cols: 2 }, 'x; rm -rf /')).toContain("TERM=xterm; unset ENV; if command -v script >/dev/null 2>&1; then exec script -q -e -c 'stty rows 1 cols 2 2>/dev/null; exec '\\''/bin/sh'\\'' -i' /dev/null; else exec '/bin/sh' -i 2>&1; fi");
    expect(shellCommand('/bin/sh', { rows: 1, cols: 2 }, 'a'.repeat(65))).toContain('TERM=xterm;');
    expect(shellCommand('/bin/sh', { rows: 1, cols: 2 }, 'a'.repeat(64))).toContain(`TERM=${'a'.repeat(64)};`);
    expect(shellCommand("/opt/it's/bash", { rows: 1, cols: 2 })).toContain(`else exec '/opt/it'\\''s/bash' --norc --noprofile -i 2>&1; fi`);
  });

  it('checkTerminal: a device it may open passes; a missing one throws as it is, not as a terminal owned by another user', () => {
    expect(() => checkTerminal('/dev/null')).not.toThrow();
    let err: unknown;
    try {
      checkTerminal('/nonexistent/tty');
    } catch (e) {
      err = e;
    }
    expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(err).not.toBeInstanceOf(TerminalNotOwnedError);
    const owned = new TerminalNotOwnedError('/dev/pts/9');
    expect([owned.message, owned.path]).toEqual(['cannot open /dev/pts/9', '/dev/pts/9']);
  });
});

describe('looksFor', () => {
  const check = (kind: string, passed: boolean) => ({ passed, label: kind, expectation: { kind, line: 1 } }) as never;
  const model = ['ip -n ns0 route add default via 192.168.100.1', 'ip netns exec ns0 ip route get 203.0.113.10; ip -br addr', 'tcpdump -c 1 -i br0 & ping -c 1 10.0.0.1'];

  // Whole lines: the `&` that runs tcpdump beside the ping stays.
  const looks = ['ip netns exec ns0 ip route get 203.0.113.10; ip -br addr', 'tcpdump -c 1 -i br0 & ping -c 1 10.0.0.1'];

  it("the step's commands that only look, when a check judges what the commands did (output, exit status, packets)", () => {
    expect(looksFor(model, [check('route', false), check('output', false)])).toEqual(looks);
    expect(looksFor(model, [check('exit', false)])).toEqual(looks);
    expect(looksFor(model, [check('link', true), check('capture', false)])).toEqual(looks);
  });

  it('also when those checks passed: the proof judges them again after the fix alone', () => {
    expect(looksFor(model, [check('route', false), check('output', true), check('exit', true)])).toEqual(looks);
  });

  it('none when the step checks only the lab, or has no command that looks', () => {
    expect(looksFor(model, [check('route', false), check('link', false)])).toEqual([]);
    expect(looksFor(['ip link set up x'], [check('output', false)])).toEqual([]);
  });
});

