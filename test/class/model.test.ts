/** The class model, on a recorded class (two real `check --join` runs and two learners' tutors) and on small made-up ones. */
import { describe, expect, it } from 'vitest';
import { ClassModel, learnerStatus, statuses, statusJson, stepSummaries, STUCK_MS } from '../../src/class/model.js';
import { classEventsOf, firstExplanation, screenEvents, type ScreenView } from '../../src/class/learner-events.js';
import { COURSE_EVENT, recorded } from './helpers.js';

function replay(): { model: ClassModel; last: number } {
  const model = new ClassModel();
  let last = 0;
  for (const e of recorded()) {
    model.apply(e.batch, e.rx);
    last = Math.max(last, e.rx);
  }
  return { model, last };
}

const batch = (id: string, name: string, events: object[], from = 1, at = 1000) => ({
  learner: { id, name },
  events: events.map((e, i) => ({ ...e, seq: from + i, at })) as any,
});

describe('the class model on a recorded class', () => {
  it('rebuilds every learner: passed steps, attempts, hints and whys', () => {
    const { model, last } = replay();
    const byName = Object.fromEntries(statuses(model, last + 1000).map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['Ann', 'Bo red', 'Cleo', 'Dev']);
    expect(byName.Ann.done).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5']);
    expect(byName.Ann.finished).toBe(true);
    expect(byName['Bo red'].done).toHaveLength(26);
    expect(byName.Cleo).toMatchObject({ current: '1.1', attempts: 3, failedAttempts: 3, failedHere: 3, hints: 2, failing: 'veth0-1 is down in host', stuck: true });
    expect(byName.Dev).toMatchObject({ current: '1.3', done: ['1.1'], whys: 1, skipped: ['1.2'], stuck: false });
  });

  it('puts the stuck first and the finished last', () => {
    const { model, last } = replay();
    const order = statuses(model, last + 1000).map((s) => s.name);
    expect(order[0]).toBe('Cleo');
    expect(order.slice(-2).sort()).toEqual(['Ann', 'Bo red']);
  });

  it('summarises per step: passed, here, stuck, and the check most of them fail', () => {
    const { model, last } = replay();
    const list = statuses(model, last + 1000);
    const s = stepSummaries(model, list);
    expect(s.map((x) => x.ref)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5']);
    expect(s[0]).toMatchObject({ passed: 2, here: 1, stuck: 1, topFailing: { label: 'veth0-1 is down in host', count: 1 } });
    expect(s[2]).toMatchObject({ here: 1, stuck: 0 });
    expect(statusJson(model, last).learners).toHaveLength(4);
  });

  it('keeps the first explanation a learner was given, and the commands they typed', () => {
    const { model } = replay();
    const cleo = [...model.learners.values()].find((l) => l.name === 'Cleo')!;
    expect(cleo.recent.at(-1)).toMatchObject({ ref: '1.1', typed: true, commands: ['ip link add veth0-0 type veth'], passed: false });
    expect(cleo.recent.at(-1)!.explanation).toMatch(/no veth0-1/);
  });
});

describe('the class model', () => {
  it('applies a resent batch once', () => {
    const m = new ClassModel();
    const b = batch('learner-1', 'Ann', [COURSE_EVENT, { type: 'open', ref: '1.1' }, { type: 'attempt', ref: '1.1', commands: ['x'], typed: true, passed: false }]);
    expect(m.apply(b, 2000)).toBe(3);
    expect(m.fresh(b)).toBeUndefined();
    expect(m.apply(b, 3000)).toBe(0);
    expect(learnerStatus(m.learners.get('learner-1')!, 3000).attempts).toBe(1);
  });

  it('counts time on a step from when it was opened, never from the future', () => {
    const m = new ClassModel();
    m.apply(batch('learner-1', 'Ann', [COURSE_EVENT, { type: 'open', ref: '1.2' }], 1, 10_000), 5_000);
    expect(learnerStatus(m.learners.get('learner-1')!, 5_000 + STUCK_MS).onStepMs).toBe(STUCK_MS);
    expect(learnerStatus(m.learners.get('learner-1')!, 5_000 + STUCK_MS).stuck).toBe(true);
  });

  it('makes names and everything else learners send safe for the terminal', () => {
    const m = new ClassModel();
    m.apply(
      batch('learner-1', '\u001b]0;pwned\u0007Eve\u001b[2J\u202e\u200bx\n\ty', [
        COURSE_EVENT,
        { type: 'attempt', ref: '1.1', commands: ['ip \u001b[31mlink'], typed: true, passed: false, failing: 'a\u0007b', explanation: 'line\u001b[Hone\nline two' },
      ]),
      2000,
    );
    const l = m.learners.get('learner-1')!;
    expect(l.name).toBe('Evex y');
    expect(l.recent[0].commands[0]).toBe('ip link');
    expect(l.recent[0].failing).toBe('ab');
    expect(l.recent[0].explanation).toBe('lineone\nline two');
    // eslint-disable-next-line no-control-regex
    expect(JSON.stringify(statusJson(m, 3000))).not.toMatch(/\\u001b|\\u0007|\u202e/);
  });
});

describe('what a learner shares', () => {
  const step = { title: 'Create', commands: ['ip link add a type veth peer name b'], without: { brctl: ['x'] }, why: 'because' } as any;
  const result = (commands: string[], passed: boolean, explanations: unknown[]) =>
    ({ type: 'step-end', result: { ref: '2.1', step, commands: commands.map((command) => ({ command })), checks: [{ passed, label: 'a is up' }], passed, explanations } }) as any;

  it('a step that ends is an attempt: typed or the lesson’s, with the first check failing and the first explanation', () => {
    expect(classEventsOf(result(['ip link add a type veth'], false, ['No peer.', 'Second.']))).toEqual([
      { type: 'attempt', ref: '2.1', commands: ['ip link add a type veth'], typed: true, passed: false, failing: 'a is up', explanation: 'No peer.' },
    ]);
    expect(classEventsOf(result(['ip link add a type veth peer name b'], true, []))[0]).toMatchObject({ typed: false, passed: true });
    expect(classEventsOf(result(['x'], true, []))[0]).toMatchObject({ typed: false });
  });

  it('takes the text of the first explanation whether explanations are strings or objects', () => {
    expect(firstExplanation([{ text: 'Diagnosis.', fix: 'ip link set a up', source: 'builtin' }])).toBe('Diagnosis.');
    expect(firstExplanation(['Plain.'])).toBe('Plain.');
    expect(firstExplanation([])).toBeUndefined();
  });

  it('hears from the screen: a step opened, a hint revealed, a why read', () => {
    const view = (o: Partial<ScreenView>): ScreenView => ({ mode: 'learn', opened: true, cursor: { lesson: 1, step: 0 }, hints: 0, result: null, ...o });
    const a = view({});
    expect(screenEvents(undefined, a)).toEqual([{ type: 'open', ref: '2.1' }]);
    const b = view({ hints: 1 });
    expect(screenEvents(a, b)).toEqual([{ type: 'hint', ref: '2.1', shown: 1 }]);
    const passed = { ref: '2.1', passed: true, step: { why: 'because' } };
    const c = view({ hints: 1, result: passed });
    expect(screenEvents(b, c)).toEqual([{ type: 'why', ref: '2.1' }]);
    expect(screenEvents(c, { ...c })).toEqual([]);
    expect(screenEvents(c, view({ cursor: { lesson: 1, step: 1 } }))).toEqual([{ type: 'open', ref: '2.2' }]);
    expect(screenEvents(undefined, view({ mode: 'present' }))).toEqual([]);
  });
});
