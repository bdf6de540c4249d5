// The Session's bookkeeping on model labs: what runs in which lab, the lab positions it announces, the history its proofs replay, and what a shell or a cancel forgets.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session.js';
import type { EngineEvent } from '../../../src/engine/types.js';
import type { Course, Expectation } from '../../../src/lesson/types.js';
import { fixtureCourse } from '../../session/helpers.js';
import { modelLabs, type ModelLab } from './model-lab.js';

const PAIR = 'ip link add veth0-0 type veth peer name veth0-1';
const UP = 'ip link set up veth0-0';
const NS = 'ip netns add ns0';
const MOVE = 'ip link set veth0-1 netns ns0';
const WRONG = 'ip link set up veth0-1';

function session(course: Course = fixtureCourse('walk'), shell?: (lab: unknown, tty: string) => Promise<void>, more: { copyDelayMs?: number; missing?: Set<string> } = {}) {
  const labs = modelLabs(more);
  const s = new Session({ course, lang: 'en', startLab: labs.start, ...(shell ? { runShell: shell } : {}), ...(more.missing ? { missing: more.missing } : {}) });
  const events: EngineEvent[] = [];
  s.subscribe((e) => events.push(e));
  // The learner's labs announce themselves ready as they start; copies made for proofs do not.
  const learnerLabs: ModelLab[] = [];
  s.subscribe((e) => e.type === 'lab-ready' && learnerLabs.push(labs.labs.at(-1)!));
  const learner = () => learnerLabs;
  const positions = () => events.flatMap((e) => (e.type === 'lab-position' ? [`${e.ref} ${e.position}`] : []));
  const settled = () =>
    new Promise<Extract<EngineEvent, { type: 'explanations' }>>((resolve) => {
      s.subscribe((e) => e.type === 'explanations' && !e.proving && resolve(e));
    });
  return { s, labs, events, learner, positions, settled };
}

/** The walk course with its first step's expectations replaced. */
function withFirstStep(expect: Expectation[]): Course {
  const course = fixtureCourse('walk');
  course.lessons[0].steps[0] = { ...course.lessons[0].steps[0], expect };
  return course;
}

describe('Session bookkeeping (model labs)', () => {
  it('runs each step once in one lab going forward, with the lesson settings as its first step starts', async () => {
    const { s, labs, positions } = session();
    for (const ref of ['1.1', '1.2', '1.3', '1.4']) expect((await s.runStep(ref)).passed, ref).toBe(true);
    expect(labs.labs).toHaveLength(1);
    expect(labs.labs[0].ran).toEqual(['SETTINGS', PAIR, UP, NS, MOVE]);
    // Past the last step, the lab is no step's starting lab.
    expect(positions()).toEqual(['1.1 step-start', '1.2 step-start', '1.3 step-start', '1.4 step-start', '1.4 rebuild']);
    expect(s.mode).toBe('rootless');
  });

  it('replays earlier steps into a fresh lab, settings included, and announces each', async () => {
    const { s, labs, events, positions } = session();
    await s.prepare('1.3');
    expect(labs.labs[0].ran).toEqual(['SETTINGS', PAIR, UP]);
    expect(events.filter((e) => e.type === 'replay-progress')).toEqual([
      { type: 'replay-progress', done: 0, total: 2, ref: '1.1' },
      { type: 'replay-progress', done: 1, total: 2, ref: '1.2' },
      { type: 'replay-progress', done: 2, total: 2, ref: '1.3' },
    ]);
    expect(positions()).toEqual(['1.3 step-start']);
    expect(s.labPosition('1.3')).toBe('step-start');
    expect(s.labPosition('1.2')).toBe('rebuild');
    // Going back starts again from the top.
    await s.runStep('1.2');
    expect(labs.labs.map((l) => [l.isClosed, l.ran])).toEqual([
      [true, ['SETTINGS', PAIR, UP]],
      [false, ['SETTINGS', PAIR, UP]],
    ]);
  });

  it('typed attempts build on each other; settings apply once, as the first attempt at a first step starts', async () => {
    const { s, labs, positions } = session();
    expect((await s.runStep('1.1', { command: 'true' })).passed).toBe(false);
    expect(s.labPosition('1.1')).toBe('as-left');
    expect((await s.runStep('1.1', { command: PAIR })).passed).toBe(true);
    expect(labs.labs[0].ran).toEqual(['SETTINGS', 'true', PAIR]);
    expect(positions()).toEqual(['1.1 step-start', '1.1 as-left', '1.2 step-start']);
  });

  it('prepare keeps the attempts at the step it is asked for; the step\'s own commands start from a rebuilt lab', async () => {
    const { s, learner } = session();
    await s.runStep('1.1');
    await s.runStep('1.2', { command: WRONG });
    await s.prepare('1.2');
    expect(learner()).toHaveLength(1);
    expect(learner()[0].ran).toEqual(['SETTINGS', PAIR, WRONG]);
    expect((await s.runStep('1.2')).passed).toBe(true);
    expect(learner()).toHaveLength(2);
    expect(learner()[1].ran).toEqual(['SETTINGS', PAIR, UP]);
  });

  it("a failed attempt's fix is proven on a copy that replays what ran, then the fix", async () => {
    const { s, labs, settled } = session();
    await s.runStep('1.1');
    const heard = settled();
    const r = await s.runStep('1.2', { command: WRONG });
    expect(r.proving).toBe(true);
    const last = await heard;
    expect(last.explanations.map((e) => e.fix)).toContain(UP);
    const copies = labs.labs.slice(1);
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.map((l) => l.ran)).toContainEqual(['SETTINGS', PAIR, WRONG, UP]);
    expect(copies.every((l) => l.isClosed)).toBe(true);
    // The learner's lab is never touched by a proof.
    expect(labs.labs[0].ran).toEqual(['SETTINGS', PAIR, WRONG]);
  });

  it('after a cancelled command the lab cannot be copied: no fix is proven until it is rebuilt', async () => {
    const { s, labs } = session();
    await s.runStep('1.1');
    const ctl = new AbortController();
    const hung = s.runStep('1.2', { command: 'hang', signal: ctl.signal });
    setTimeout(() => ctl.abort(), 5);
    expect((await hung).passed).toBe(false);
    const r = await s.runStep('1.2', { command: WRONG });
    expect(r.passed).toBe(false);
    expect(r.proving).toBe(false);
    expect(r.explanations.some((e) => e.fix)).toBe(false);
    expect(labs.labs).toHaveLength(1);
    // The step's own commands rebuild the lab, which can be copied again.
    await s.resetStep('1.2');
    expect((await s.runStep('1.2', { command: WRONG })).proving).toBe(true);
  });

  it('a replay cancelled halfway leaves the lab between steps: the next run rebuilds it', async () => {
    const { s, learner, positions } = session();
    const stop = new AbortController();
    s.subscribe((e) => e.type === 'replay-progress' && e.ref === '1.3' && stop.abort());
    await s.prepare('1.4', stop.signal);
    expect(learner()[0].ran).toEqual(['SETTINGS', PAIR, UP]);
    expect(positions()).toEqual(['1.1 rebuild']);
    expect(s.labPosition('1.3')).toBe('rebuild');
    expect((await s.runStep('1.4')).passed).toBe(true);
    expect(learner()).toHaveLength(2);
    expect(learner()[1].ran).toEqual(['SETTINGS', PAIR, UP, NS, MOVE]);
  });

  it('resetStep drops the attempts and rebuilds the starting lab; at a step the lab starts at, it changes nothing', async () => {
    const { s, learner, positions } = session();
    await s.runStep('1.1');
    await s.runStep('1.2', { command: WRONG });
    await s.resetStep('1.2');
    expect(learner().map((l) => l.ran)).toEqual([
      ['SETTINGS', PAIR, WRONG],
      ['SETTINGS', PAIR],
    ]);
    expect(positions()).toEqual(['1.1 step-start', '1.2 step-start', '1.2 as-left', '1.2 step-start']);
    await s.resetStep('1.2');
    expect(learner()).toHaveLength(2);
    // A step ahead of the lab is replayed to.
    await s.resetStep('1.3');
    expect(learner()).toHaveLength(2);
    expect(learner()[1].ran).toEqual(['SETTINGS', PAIR, UP]);
    // A step behind it needs a new lab.
    await s.resetStep('1.2');
    expect(learner()).toHaveLength(3);
  });

  it('recheck judges the live lab without running the commands; a step with only command checks is run', async () => {
    const { s, learner } = session();
    await s.runStep('1.1');
    const r = await s.recheck('1.2');
    expect(r.passed).toBe(false);
    expect(r.commands).toEqual([]);
    expect(learner()[0].ran).toEqual(['SETTINGS', PAIR]);
    expect(s.labPosition('1.2')).toBe('as-left');

    // exit, output and capture judge what the commands did: a step with nothing else is run again.
    const commandChecks: Expectation[] = [
      { kind: 'exit', line: 1, status: 0 },
      { kind: 'output', line: 1, pattern: 'x', matches: false },
      { kind: 'capture', line: 1, iface: 'veth0-0', in: 'host', shows: ['arp-request'], hides: [] },
    ];
    for (const e of commandChecks) {
      const other = session(withFirstStep([e]));
      expect((await other.s.recheck('1.1')).commands.map((c) => c.command), e.kind).toEqual([PAIR]);
    }
    const mixed = session(withFirstStep([commandChecks[0], { kind: 'link', line: 2, name: 'veth0-0', in: 'host', exists: true }]));
    await mixed.s.runStep('1.1');
    const judged = await mixed.s.recheck('1.1');
    expect(judged.commands).toEqual([]);
    expect(judged.checks.map((c) => c.expectation.kind)).toEqual(['link']);
    expect(judged.passed).toBe(true);
    // Without a lab, recheck prepares one first.
    const fresh = session();
    expect((await fresh.s.recheck('1.2')).passed).toBe(false);
    expect(fresh.learner()[0].ran).toEqual(['SETTINGS', PAIR]);
  });

  it('a shell makes the lab the learner\'s own: it is kept for the step, but can no longer be copied for proofs', async () => {
    const shells: { lab: ModelLab; tty: string }[] = [];
    const { s, learner, positions } = session(undefined, async (lab, tty) => {
      shells.push({ lab: lab as ModelLab, tty });
      await (lab as ModelLab).run(WRONG);
    });
    await s.runStep('1.1');
    await s.shell('/dev/pts/7');
    expect(shells.map((x) => [x.tty, x.lab === learner()[0]])).toEqual([['/dev/pts/7', true]]);
    expect(s.labPosition('1.2')).toBe('as-left');
    expect(positions().at(-1)).toBe('1.2 as-left');
    const r = await s.runStep('1.2', { command: 'true' });
    expect(r.passed).toBe(false);
    expect(r.proving).toBe(false);
    expect(learner()).toHaveLength(1);

    // A shell with no lab gets a fresh one first.
    const none = session(undefined, async () => {});
    await none.s.shell('/dev/pts/8');
    expect(none.learner()).toHaveLength(1);
    expect(none.s.labPosition('1.1')).toBe('as-left');
  });

  it('reset and close throw the lab away; a listener that unsubscribed hears nothing more', async () => {
    const { s, labs, events, positions } = session();
    const late: EngineEvent[] = [];
    const off = s.subscribe((e) => late.push(e));
    await s.runStep('1.1');
    off();
    const heard = late.length;
    await s.reset();
    expect(labs.labs[0].isClosed).toBe(true);
    expect(await s.state()).toEqual({ namespaces: [], links: [], neigh: [], fdb: [], routes: [] });
    expect(s.labPosition('1.2')).toBe('rebuild');
    expect(positions().at(-1)).toBe('1.1 rebuild');
    expect(late).toHaveLength(heard);
    expect(events.length).toBeGreaterThan(heard);
    await s.runStep('1.1');
    await s.close();
    expect(labs.labs[1].isClosed).toBe(true);
    expect(() => s.labPosition('9.9')).toThrow(/no step 9\.9/);
  });

  it('before any lab: no mode, an empty state, nothing to reset; a course without steps announces nothing', async () => {
    const { s, events } = session();
    expect(s.mode).toBeUndefined();
    expect(await s.state()).toEqual({ namespaces: [], links: [], neigh: [], fdb: [], routes: [] });
    await s.reset();
    expect(events).toEqual([{ type: 'lab-position', ref: '1.1', position: 'rebuild' }]);
    const empty = new Session({ course: { ...fixtureCourse('walk'), lessons: [] }, lang: 'en', startLab: modelLabs().start });
    const heard: EngineEvent[] = [];
    empty.subscribe((e) => heard.push(e));
    await empty.reset();
    expect(heard).toEqual([]);
  });

  it('reads the whole lab once per run (the UI draws it), and the state shows the live lab', async () => {
    const { s, learner, events } = session();
    await s.runStep('1.1');
    await s.recheck('1.1');
    expect(learner()[0].reads).toEqual(['all', 'all']);
    expect((await s.state()).links.map((l) => `${l.name}:${l.up}`)).toEqual(['veth0-0:false', 'veth0-1:false']);
    const ready = events.find((e) => e.type === 'lab-ready');
    expect(ready).toMatchObject({ mode: 'rootless' });
    expect((ready as { ms: number }).ms).toBeGreaterThanOrEqual(0);
    expect((ready as { ms: number }).ms).toBeLessThan(10_000);
  });

  it('prepare replays forward on the live lab, and says where the lab is only when that changed', async () => {
    const { s, learner, positions } = session();
    await s.prepare('1.1');
    await s.prepare('1.2');
    await s.prepare('1.2');
    await s.prepare('1.3');
    expect(learner()).toHaveLength(1);
    expect(learner()[0].ran).toEqual(['SETTINGS', PAIR, UP]);
    expect(positions()).toEqual(['1.1 step-start', '1.2 step-start', '1.3 step-start']);
  });

  it('an aborted signal replays nothing', async () => {
    const { s, learner, events } = session();
    const ctl = new AbortController();
    ctl.abort();
    await s.prepare('1.3', ctl.signal);
    expect(learner()[0].ran).toEqual([]);
    expect(events.filter((e) => e.type === 'replay-progress')).toEqual([]);
    await expect(s.runStep('1.2', { signal: ctl.signal })).rejects.toThrow('the lab could not be prepared for 1.2');
  });

  it('a lab that closed by itself is rebuilt, attempts or not', async () => {
    const { s, learner } = session();
    await s.runStep('1.1');
    learner()[0].isClosed = true;
    expect(s.labPosition('1.2')).toBe('rebuild');
    expect((await s.runStep('1.2')).passed).toBe(true);
    expect(learner()).toHaveLength(2);
    await s.runStep('1.3', { command: 'true' });
    learner()[1].isClosed = true;
    expect(s.labPosition('1.3')).toBe('rebuild');
    await s.prepare('1.3');
    expect(learner()).toHaveLength(3);
    expect(learner()[2].ran).toEqual(['SETTINGS', PAIR, UP]);
  });

  it('proofs replay the steps a replay ran, and a new run stops the proofs of the last one', async () => {
    const replayed = session();
    await replayed.s.prepare('1.2');
    const heard = replayed.settled();
    await replayed.s.runStep('1.2', { command: WRONG });
    await heard;
    expect(replayed.labs.labs.slice(1).map((l) => l.ran)).toContainEqual(['SETTINGS', PAIR, WRONG, UP]);

    const slow = session(undefined, undefined, { copyDelayMs: 30 });
    await slow.s.runStep('1.1');
    expect((await slow.s.runStep('1.2', { command: WRONG })).proving).toBe(true);
    expect((await slow.s.runStep('1.2', { command: UP })).passed).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(slow.events.filter((e) => e.type === 'explanations')).toEqual([]);
  });

  it('a command cut short, or a run cancelled after its command, leaves a lab that cannot be copied', async () => {
    for (const cancel of ['cut-short', 'after'] as const) {
      const { s, labs } = session();
      await s.runStep('1.1');
      const ctl = new AbortController();
      const unsubscribe = s.subscribe((e) => cancel === 'after' && e.type === 'command-end' && ctl.abort());
      const r = await s.runStep('1.2', { command: cancel === 'after' ? 'true' : 'cut-short', signal: ctl.signal });
      unsubscribe();
      expect(r.passed, cancel).toBe(false);
      expect((await s.runStep('1.2', { command: WRONG })).proving, cancel).toBe(false);
      expect(labs.labs, cancel).toHaveLength(1);
    }
  });

  it('a shell keeps the attempts it was opened on, and a lab that was at a step start is no longer at it', async () => {
    const { s, learner } = session(undefined, async () => {});
    await s.runStep('1.1');
    await s.runStep('1.2', { command: WRONG });
    await s.shell('/dev/pts/7');
    expect(s.labPosition('1.2')).toBe('as-left');
    expect(learner()).toHaveLength(1);

    const other = session(undefined, async () => {});
    await other.s.prepare('1.1');
    await other.s.shell('/dev/pts/7');
    expect(other.s.labPosition('1.1')).toBe('as-left');
    expect(other.s.labPosition('1.2')).toBe('rebuild');
  });

  it("a missing tool's step runs its `without` commands, in runs and replays", async () => {
    const mini = fixtureCourse('mini');
    const bridge = mini.lessons[0].steps[3];
    const { s, learner } = session(mini, undefined, { missing: new Set(['brctl']) });
    await s.prepare('1.5');
    expect(learner()[0].ran.slice(-bridge.without.brctl.length)).toEqual(bridge.without.brctl);
    expect(bridge.commands).not.toEqual(bridge.without.brctl);
  });

  it('a run on the lab it is ready for replays nothing; a typed command at a step ahead replays up to it first', async () => {
    const { s, learner, events } = session();
    await s.runStep('1.1');
    events.length = 0;
    await s.runStep('1.2');
    expect(events.filter((e) => e.type === 'replay-progress')).toEqual([]);
    expect((await s.runStep('1.4', { command: MOVE })).passed).toBe(true);
    expect(learner()).toHaveLength(1);
    expect(learner()[0].ran).toEqual(['SETTINGS', PAIR, UP, NS, MOVE]);
  });

  it("one of a step's own commands cut short is enough to make the lab uncopyable", async () => {
    const course = fixtureCourse('walk');
    course.lessons[0].steps[0] = { ...course.lessons[0].steps[0], commands: [PAIR, 'cut-short'] };
    const { s, labs } = session(course);
    expect((await s.runStep('1.1')).passed).toBe(false);
    expect((await s.runStep('1.1', { command: 'true' })).proving).toBe(false);
    expect(labs.labs).toHaveLength(1);
  });
});
