// checkMutants (src/engine/course-run.ts) on the real kernel: each wrong answer of a lesson judged on its own lab.
import { describe, expect, it } from 'vitest';
import { checkMutants, type MutantResult } from '../../src/engine/course-run.js';
import { FULL } from '../setup/tier.js';
import { MODE, TRY_LESSON, tryCourse, watchLabs } from './engine-courses.js';
import { fixtureCourse, SANDBOX } from './helpers.js';

describe.skipIf(!SANDBOX)('checkMutants on the real kernel', () => {
  const lineOf = (command: string) => TRY_LESSON.split('\n').findIndex((l) => l.trim() === `- command: ${command}`) + 1;

  it("each wrong answer of the chosen steps: whether it failed the step and got the explanation it expects (a fix's words count)", async () => {
    const course = tryCourse();
    const heard: MutantResult[] = [];
    const labs = watchLabs();
    const r = await checkMutants(course, { lang: 'en', mode: MODE, only: new Set(['1.2']), concurrency: FULL ? 1 : 4, onResult: (m) => heard.push(m) });
    // One lab per wrong answer, no proofs.
    expect([labs.started.length, labs.open()]).toEqual([4, []]);
    expect(r.mutants.map((m) => [m.ref, m.command, m.explains, m.stepFailed, m.explained, m.passed])).toEqual([
      ['1.2', 'ip link set up veth0-0', 'anything', false, false, false],
      // The pattern ignores case.
      ['1.2', 'ip link set up veth0-1', 'Other END', true, true, true],
      ['1.2', 'true', 'set up veth0-0', true, true, true],
      ['1.2', 'echo hi', 'zzz-nothing', true, false, false],
    ]);
    expect(r.passed).toBe(false);
    expect(r.mutants.map((m) => m.file)).toEqual(Array(4).fill(course.lessons[0].file));
    expect(r.mutants.map((m) => m.line)).toEqual([lineOf('ip link set up veth0-0'), lineOf('ip link set up veth0-1'), lineOf("'true'"), lineOf('echo hi')]);
    expect(r.mutants[0].explanations).toEqual([]);
    // Fixes are not proven here: no explanation offers one.
    expect(r.mutants.flatMap((m) => m.explanations).some((e) => e.fix !== undefined)).toBe(false);
    expect(heard.map((m) => m.command).sort()).toEqual(r.mutants.map((m) => m.command).sort());
  });

  it.runIf(FULL)('passes when every wrong answer fails and is explained', async () => {
    const r = await checkMutants(fixtureCourse('mini'), { lang: 'en', mode: MODE, only: new Set(['1.1']) });
    expect(r.mutants.map((m) => [m.ref, m.command, m.stepFailed, m.explained, m.passed])).toEqual([['1.1', 'ip link add veth0-0 type veth', true, true, true]]);
    expect(r.passed).toBe(true);
  });

  it('nothing to run passes; a cancelled run does not', async () => {
    const course = tryCourse();
    const labs = watchLabs();
    expect(await checkMutants(course, { lang: 'en', mode: MODE, only: new Set(['1.9']) })).toMatchObject({ passed: true, mutants: [] });
    const ctl = new AbortController();
    ctl.abort();
    expect(await checkMutants(course, { lang: 'en', mode: MODE, signal: ctl.signal })).toMatchObject({ passed: false, mutants: [] });
    expect(labs.started).toEqual([]);
  });
});
