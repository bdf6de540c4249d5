// runStep on a scripted lab: what it reads and when, captures around and after the commands, cancellation, and proofs now or later.
import { describe, expect, it } from 'vitest';
import { runStep, type RunStepOptions } from '../../../src/engine/run-step.js';
import type { EngineEvent } from '../../../src/engine/types.js';
import type { CommandResult, Lab, RunOptions } from '../../../src/lab/sandbox.js';
import { SNAPSHOT_SCRIPT } from '../../../src/lab/state.js';
import type { Expectation, Step } from '../../../src/lesson/types.js';

interface FakeLink {
  name: string;
  up: boolean;
}

const PING_REPLY = '64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.05 ms\n1 packets transmitted, 1 received, 0% packet loss\n';

/** `ip -j` output for a host with these links, as the snapshot script prints it. */
function snapshot(links: readonly FakeLink[]): string {
  const rows = links.map((l, i) => ({ ifindex: i + 1, ifname: l.name, flags: l.up ? ['UP', 'LOWER_UP'] : [], linkinfo: { info_kind: 'dummy' }, operstate: l.up ? 'UP' : 'DOWN', address: `02:00:00:00:00:0${i}`, addr_info: [] }));
  return `@@batch host links,neigh,routes,ids\n${JSON.stringify(rows)}\n[]\n[]\n[]\n`;
}

function done(command: string, r: Partial<CommandResult> = {}): CommandResult {
  return { command, code: 0, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 1, ...r };
}

/**
 * A lab that logs, in order, when each thing starts and ends: state reads
 * ("state" or "state:full"), pings, commands, and tcpdump captures.
 * `ip link set up NAME` brings a link up; `reply` shapes any other command.
 */
function scriptedLab(opts: { links?: FakeLink[]; reply?: (command: string) => Partial<CommandResult>; listenAfterMs?: number; stateMs?: number } = {}) {
  const links = (opts.links ?? [{ name: 'd0', up: false }]).map((l) => ({ ...l }));
  const log: string[] = [];
  const spawned: { command: string; timeoutMs?: number }[] = [];
  const runs: { command: string; timeoutMs?: number }[] = [];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const lab = {
    isClosed: false,
    stopLeftovers: () => log.push('STOP'),
    async run(command: string, o: RunOptions = {}): Promise<CommandResult> {
      if (command.includes('snap()')) {
        const what = command === SNAPSHOT_SCRIPT ? 'state:full' : 'state';
        log.push(what);
        await sleep(opts.stateMs ?? 0);
        log.push(`${what} read`);
        return done(command, { stdout: snapshot(links) });
      }
      runs.push({ command, timeoutMs: o.timeoutMs });
      const name = /ping/.test(command) ? 'ping' : command;
      log.push(name);
      await sleep(1);
      const up = /^ip link set up (\S+)$/.exec(command);
      if (up) for (const l of links) if (l.name === up[1]) l.up = true;
      const r = /ping/.test(command) ? { output: PING_REPLY } : (opts.reply?.(command) ?? {});
      log.push(`${name} ended`);
      return done(command, r);
    },
    spawn(command: string, o: RunOptions = {}) {
      spawned.push({ command, timeoutMs: o.timeoutMs });
      log.push('capture');
      let finish!: (r: CommandResult) => void;
      const result = new Promise<CommandResult>((r) => (finish = r));
      setTimeout(() => {
        log.push('listening');
        o.onOutput?.('listening on veth0-1, link-type EN10MB\n', 2);
      }, opts.listenAfterMs ?? 0);
      return {
        id: spawned.length,
        done: result,
        kill: () => {
          log.push('capture stopped');
          finish(done(command, { stdout: 'aa:aa:aa:aa:aa:aa > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n', stderr: 'listening on veth0-1, link-type EN10MB\n' }));
        },
        write: () => {},
        endInput: () => {},
      };
    },
  };
  return { lab: lab as unknown as Lab, log, spawned, runs, links };
}

const step = (o: Partial<Step> = {}): Step => ({
  id: 's', title: 'S', prose: '', commands: ['one', 'two'], expect: [], hints: [], explain: [], wrong: [], without: {}, timeout: 3, diagnose: true, line: 1, commandsLine: 2, ...o,
});
const linkUp = (name = 'd0'): Expectation => ({ kind: 'link', line: 1, name, in: 'host', exists: true, up: true });
const exit0 = (command?: number): Expectation => ({ kind: 'exit', line: 2, status: 0, ...(command ? { command } : {}) });
const ping = (): Expectation => ({ kind: 'ping', line: 3, target: '10.0.0.2', from: 'host', succeeds: true });
const neighOf = (): Expectation => ({ kind: 'neigh', line: 4, address: '10.0.0.2', dev: 'd0', in: 'host', resolved: false });
const learned = (): Expectation => ({ kind: 'learned', line: 6, bridge: 'br0', in: 'host', macOf: 'd0', macIn: 'host' });
const arp = (during?: string): Expectation => ({ kind: 'capture', line: 5, iface: 'veth0-1', in: 'ns0', shows: ['arp-request'], hides: [], ...(during ? { during } : {}) });

const run = (lab: Lab, s: Step, o: Partial<RunStepOptions> = {}) => runStep(lab, s, { ref: '1.1', lang: 'en', ...o });
const FIX = 'ip link set up d0';

describe('runStep: reading the lab', () => {
  it("a typed command: the state is read first (to tell what it changed), then the command runs in place of the step's", async () => {
    const typed = scriptedLab();
    await run(typed.lab, step({ expect: [linkUp()] }), { command: 'mine' });
    expect(typed.log.slice(0, 4)).toEqual(['state:full', 'state:full read', 'STOP', 'mine']);
    const own = scriptedLab();
    await run(own.lab, step({ expect: [linkUp()] }));
    expect(own.log.slice(0, 3)).toEqual(['STOP', 'one', 'one ended']);
  });

  it('a passing step reads only what its checks need, once; a failing one then reads the whole lab for the diagnosis', async () => {
    const pass = scriptedLab({ links: [{ name: 'd0', up: true }] });
    const ok = await run(pass.lab, step({ expect: [linkUp()] }));
    expect(ok.passed).toBe(true);
    expect(ok.explanations).toEqual([]);
    expect(pass.log.filter((l) => l.startsWith('state') && !l.endsWith('read'))).toEqual(['state']);

    const fail = scriptedLab();
    const bad = await run(fail.lab, step({ expect: [linkUp()] }));
    expect(bad.passed).toBe(false);
    expect(fail.log.filter((l) => l.startsWith('state') && !l.endsWith('read'))).toEqual(['state', 'state:full']);
    expect(bad.state.links.map((l) => l.name)).toEqual(['d0']);

    // The UI asks for the whole lab at once: nothing is read twice.
    const ui = scriptedLab();
    await run(ui.lab, step({ expect: [linkUp()] }), { fullState: true });
    expect(ui.log.filter((l) => l.startsWith('state') && !l.endsWith('read'))).toEqual(['state:full']);
  });

  it('a step whose checks need no state reads none when it passes', async () => {
    const lab = scriptedLab();
    const r = await run(lab.lab, step({ expect: [exit0()] }));
    expect(r.passed).toBe(true);
    expect(lab.log.some((l) => l.startsWith('state'))).toBe(false);
    expect(r.state).toEqual({ namespaces: [], links: [], neigh: [], fdb: [], routes: [] });
  });

  it('pings run beside the state read, but after it when a check reads ARP or bridge tables (a ping would add entries)', async () => {
    const parallel = scriptedLab({ stateMs: 30 });
    const beside = await run(parallel.lab, step({ expect: [linkUp(), ping()] }));
    expect(parallel.log.indexOf('ping')).toBeLessThan(parallel.log.indexOf('state read'));
    expect(beside.checks.map((c) => c.passed)).toEqual([false, true]);

    const first = scriptedLab({ stateMs: 30 });
    const r = await run(first.lab, step({ expect: [neighOf(), ping()] }));
    expect(first.log.indexOf('ping')).toBeGreaterThan(first.log.indexOf('state read'));
    // Only the ping expectation pings, and its outcome is judged.
    expect(first.runs.filter((c) => /ping/.test(c.command))).toHaveLength(1);
    expect(r.checks.find((c) => c.expectation.kind === 'ping')?.passed).toBe(true);

    const bridge = scriptedLab({ stateMs: 30 });
    await run(bridge.lab, step({ expect: [learned(), ping()] }));
    expect(bridge.log.indexOf('ping')).toBeGreaterThan(bridge.log.indexOf('state read'));
  });

  it('a step passes only when every check passes', async () => {
    const r = await run(scriptedLab().lab, step({ expect: [exit0(), linkUp()] }));
    expect(r.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(r.passed).toBe(false);
  });
});

describe('runStep: captures', () => {
  it('a capture around the commands listens before they run, for as long as all of them may take', async () => {
    const lab = scriptedLab({ listenAfterMs: 20 });
    const r = await run(lab.lab, step({ expect: [exit0(), arp()] }));
    expect(lab.log.slice(0, 4)).toEqual(['capture', 'listening', 'STOP', 'one']);
    expect(lab.spawned).toEqual([{ command: expect.stringContaining('tcpdump'), timeoutMs: (3 * 2 + 10) * 1000 }]);
    expect(lab.log.indexOf('capture stopped')).toBeGreaterThan(lab.log.indexOf('two ended'));
    expect(r.checks.map((c) => c.passed)).toEqual([true, true]);
  });

  it('a capture with `during:` starts after the commands and watches its own command, with the step timeout', async () => {
    const lab = scriptedLab();
    const r = await run(lab.lab, step({ expect: [arp('poke')] }));
    expect(lab.log.slice(0, 8)).toEqual(['STOP', 'one', 'one ended', 'two', 'two ended', 'capture', 'listening', 'poke']);
    expect(lab.log.indexOf('capture stopped')).toBeGreaterThan(lab.log.indexOf('poke ended'));
    expect(lab.spawned.map((s) => s.timeoutMs)).toEqual([3 * 1000 + 10_000]);
    expect(lab.runs.find((c) => c.command === 'poke')?.timeoutMs).toBe(3000);
    expect(r.passed).toBe(true);
  });

  it('a cancelled step starts no `during:` capture', async () => {
    const ctl = new AbortController();
    const lab = scriptedLab({ reply: (c) => (c === 'two' && ctl.abort(), {}) });
    const r = await run(lab.lab, step({ expect: [arp('poke')] }), { signal: ctl.signal });
    expect(lab.spawned).toEqual([]);
    expect(r.passed).toBe(false);
  });
});

describe('runStep: cancellation and proofs', () => {
  it('one cancelled command of several cancels the step: it fails though its checks pass, and nothing is proven', async () => {
    const proven: string[] = [];
    const lab = scriptedLab({ links: [{ name: 'd0', up: true }], reply: (c) => (c === 'two' ? { cancelled: true } : {}) });
    const r = await run(lab.lab, step({ expect: [exit0(1), linkUp()] }), { prove: async (f) => (proven.push(f), true) });
    expect(r.checks.every((c) => c.passed)).toBe(true);
    expect(r.passed).toBe(false);
    expect(proven).toEqual([]);
  });

  it('an aborted signal cancels the step even when no command says so', async () => {
    const ctl = new AbortController();
    const lab = scriptedLab({ links: [{ name: 'd0', up: true }], reply: (c) => (c === 'one' && ctl.abort(), {}) });
    const r = await run(lab.lab, step({ expect: [linkUp()] }), { signal: ctl.signal });
    expect(r.commands.map((c) => [c.command, c.cancelled])).toEqual([['one', false]]);
    expect(r.passed).toBe(false);
  });

  it('a failure proves its fixes before the result; without a proof run, no fix is offered', async () => {
    const proven: string[] = [];
    const lab = scriptedLab();
    const r = await run(lab.lab, step({ expect: [linkUp()] }), { prove: async (f) => (proven.push(f), true) });
    expect(proven).toEqual([FIX]);
    expect(r.proving).toBe(false);
    expect(r.explanations.map((e) => e.fix)).toContain(FIX);
    expect(r.explanations.some((e) => e.untested)).toBe(false);

    // Without proofs the fix is named as untested (the UI may say so), never offered; a later proof has nothing to do.
    const unproven = await run(scriptedLab().lab, step({ expect: [linkUp()] }), { proveLater: new AbortController().signal });
    expect(unproven.proving).toBe(false);
    expect(unproven.explanations.some((e) => e.fix)).toBe(false);
    expect(unproven.explanations.map((e) => e.untested)).toContain(FIX);

    // A passing step proves nothing, now or later.
    const pass = await run(scriptedLab({ links: [{ name: 'd0', up: true }] }).lab, step({ expect: [linkUp()] }), { prove: async () => true, proveLater: new AbortController().signal });
    expect(pass.proving).toBe(false);
  });

  it("a fix for a check on what the commands did ends with the step's own look, even one that must fail", async () => {
    const proven: string[] = [];
    const look = 'ping -c 1 -W 0.5 10.0.0.2';
    const s = step({ commands: ['ip link set up d0', look], expect: [{ kind: 'exit', line: 1, status: 1 }, linkUp()] });
    // The change alone leaves the step's exit status unshown: only the fix that looks again passes.
    const r = await run(scriptedLab().lab, s, { command: look, prove: async (f) => (proven.push(f), f.endsWith(look)) });
    expect(r.passed).toBe(false);
    expect(proven).toEqual([FIX, `${FIX} && ${look}`]);
    expect(r.explanations.map((e) => e.fix)).toEqual([`${FIX} && ${look}`]);
  });

  it('a step cancelled while its fixes are proven offers none of them', async () => {
    const ctl = new AbortController();
    const r = await run(scriptedLab().lab, step({ expect: [linkUp()] }), { signal: ctl.signal, prove: async () => (ctl.abort(), true) });
    expect(r.explanations.length).toBeGreaterThan(0);
    expect(r.explanations.some((e) => e.fix)).toBe(false);
  });

  it('proofs that end one by one say they are still proving until the last', async () => {
    const events: EngineEvent[] = [];
    const two = scriptedLab({ links: [{ name: 'd0', up: false }, { name: 'd1', up: false }] });
    let n = 0;
    const r = await run(two.lab, step({ expect: [linkUp('d0'), linkUp('d1')] }), {
      prove: async (f) => (await new Promise((res) => setTimeout(res, 5 * ++n)), f.includes('&&')),
      proveLater: new AbortController().signal,
      emit: (e) => events.push(e),
    });
    expect(r.proving).toBe(true);
    await new Promise((res) => setTimeout(res, 60));
    const proving = events.flatMap((e) => (e.type === 'explanations' ? [e.proving] : []));
    expect(proving).toEqual([true, true, false]);
  });

  it('proofs later with no one listening still run, and fail nothing', async () => {
    const proven: string[] = [];
    const r = await run(scriptedLab().lab, step({ expect: [linkUp()] }), { prove: async (f) => (proven.push(f), true), proveLater: new AbortController().signal });
    expect(r.proving).toBe(true);
    await new Promise((res) => setTimeout(res, 10));
    expect(proven).toEqual([FIX]);
  });

  it('proving later: the result comes first, then explanations as each proof ends, until the signal stops them', async () => {
    const later = new AbortController();
    const events: EngineEvent[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const r = await run(scriptedLab().lab, step({ expect: [linkUp()] }), { prove: async () => (await gate, true), proveLater: later.signal, emit: (e) => events.push(e) });
    expect(r.proving).toBe(true);
    expect(r.explanations.some((e) => e.fix)).toBe(false);
    const types = events.map((e) => e.type);
    expect(types.slice(0, 1)).toEqual(['step-start']);
    expect(types.at(-1)).toBe('step-end');
    expect(events.at(-1)).toEqual({ type: 'step-end', result: r });
    release();
    await new Promise((res) => setTimeout(res, 10));
    const heard = events.filter((e): e is Extract<EngineEvent, { type: 'explanations' }> => e.type === 'explanations');
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.at(-1)!.proving).toBe(false);
    expect(heard.at(-1)!.ref).toBe('1.1');
    expect(heard.at(-1)!.explanations.map((e) => e.fix)).toContain(FIX);

    // Aborted before the proofs end: nothing more is heard.
    const stop = new AbortController();
    const quiet: EngineEvent[] = [];
    let release2!: () => void;
    const gate2 = new Promise<void>((res) => (release2 = res));
    await run(scriptedLab().lab, step({ expect: [linkUp()] }), { prove: async () => (await gate2, true), proveLater: stop.signal, emit: (e) => quiet.push(e) });
    stop.abort();
    release2();
    await new Promise((res) => setTimeout(res, 10));
    expect(quiet.filter((e) => e.type === 'explanations')).toEqual([]);
  });

  it('the start event names the commands that run (a missing tool substitutes its own), and the result its time', async () => {
    const events: EngineEvent[] = [];
    const s = step({ expect: [exit0()], without: { brctl: ['alt'] } });
    const r = await run(scriptedLab().lab, s, { missing: new Set(['brctl']), emit: (e) => events.push(e) });
    expect(events[0]).toEqual({ type: 'step-start', ref: '1.1', step: s, commands: ['alt'], substituted: 'brctl' });
    expect(r.substituted).toBe('brctl');
    expect(r.commands.map((c) => c.command)).toEqual(['alt']);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.durationMs).toBeLessThan(10_000);
  });
});
