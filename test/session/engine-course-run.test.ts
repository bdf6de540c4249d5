// checkCourse (src/engine/course-run.ts) on the real kernel: events, `from`, a missing tool, lesson settings, cancelling.
import { describe, expect, it } from 'vitest';
import { checkCourse } from '../../src/engine/course-run.js';
import type { EngineEvent } from '../../src/engine/types.js';
import { EMPTY_STATE } from '../../src/lab/state.js';
import { findStep } from '../../src/lesson/refs.js';
import { FULL } from '../setup/tier.js';
import { MODE, NO_TOOL, swapCourse, watchLabs, recorder } from './engine-courses.js';
import { fixtureCourse, SANDBOX } from './helpers.js';

const missing = new Set([NO_TOOL]);

describe.skipIf(!SANDBOX)('checkCourse on the real kernel', () => {
  it("runs every step in one lab, with a missing tool's commands swapped and each lesson's settings applied as it starts", async () => {
    const course = swapCourse();
    const rec = recorder();
    const labs = watchLabs();
    const r = await checkCourse(course, { lang: 'en', mode: MODE, missing, emit: rec.emit });
    expect([labs.started.length, labs.open()]).toEqual([1, []]);
    expect(r.steps.map((s) => [s.ref, s.passed, s.substituted])).toEqual([
      ['1.1', true, NO_TOOL],
      ['1.2', true, undefined],
      ['2.1', true, undefined],
    ]);
    expect([r.passed, r.expected, r.mode]).toEqual([true, 3, MODE]);
    // A passed step reads only the state its checks need: none for an exit status.
    expect(r.steps[0].state).toEqual(EMPTY_STATE);
    expect(r.steps[1].state.links.map((l) => l.name)).toContain('d1');
    expect(rec.brief()).toEqual([
      `lab-ready ${MODE}`,
      `step-start 1.1 [ip link add d1 type veth peer name d1p] for ${NO_TOOL}`,
      'command-start 1.1 0 ip link add d1 type veth peer name d1p',
      'command-end 1.1 0 0',
      'step-end 1.1 true',
      'step-start 1.2 [true]',
      'command-start 1.2 0 true',
      'command-end 1.2 0 0',
      'step-end 1.2 true',
      'step-start 2.1 [ip netns add c3]',
      'command-start 2.1 0 ip netns add c3',
      'command-end 2.1 0 0',
      'step-end 2.1 true',
    ]);
    // Times measured from the lab's start, which is after the run's.
    const ready = rec.events[0] as Extract<EngineEvent, { type: 'lab-ready' }>;
    expect(ready.ms).toBeGreaterThan(0);
    expect(ready.ms).toBeLessThanOrEqual(r.labReadyMs);
    expect(r.labReadyMs).toBeGreaterThan(0);
    expect(r.labReadyMs).toBeLessThan(r.durationMs);
    expect(r.durationMs).toBeLessThan(120_000);
  });

  it.runIf(FULL)('without the missing tool named, the step runs its own commands and the next one fails', async () => {
    const r = await checkCourse(swapCourse(), { lang: 'en', mode: MODE });
    expect(r.steps.map((s) => [s.ref, s.passed, s.substituted])).toEqual([
      ['1.1', true, undefined],
      ['1.2', false, undefined],
      ['2.1', true, undefined],
    ]);
    expect([r.passed, r.expected]).toEqual([false, 3]);
    expect(r.steps[1].checks.map((c) => c.passed)).toEqual([false, true]);
  });

  it('`from` replays the earlier steps (their `without` commands and settings too) and checks the rest', async () => {
    const course = swapCourse();
    const rec = recorder();
    const labs = watchLabs();
    const r = await checkCourse(course, { lang: 'en', mode: MODE, missing, emit: rec.emit, from: findStep(course, '1.2') });
    expect([labs.started.length, labs.open()]).toEqual([1, []]);
    expect([r.passed, r.expected, r.steps.map((s) => s.ref)]).toEqual([true, 2, ['1.2', '2.1']]);
    expect(rec.brief().slice(0, 3)).toEqual([`lab-ready ${MODE}`, 'replay 1.1 0/1', 'step-start 1.2 [true]']);
  });

  it('a cancelled run stops between steps, and does not pass', async () => {
    const ctl = new AbortController();
    const course = fixtureCourse('walk');
    const labs = watchLabs();
    const r = await checkCourse(course, {
      lang: 'en',
      mode: MODE,
      signal: ctl.signal,
      emit: (e) => {
        if (e.type === 'step-end') ctl.abort();
      },
    });
    expect([labs.started.length, labs.open()]).toEqual([1, []]);
    expect(r.steps.map((s) => [s.ref, s.passed])).toEqual([['1.1', true]]);
    expect([r.passed, r.expected]).toEqual([false, 4]);
  });
});
