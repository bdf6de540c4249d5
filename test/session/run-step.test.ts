/** run-step and course-run in-process on the real kernel: what a step runs, and when a course passes. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { checkCourse } from '../../src/engine/course-run.js';
import { runStep, runCommands } from '../../src/engine/run-step.js';
import { allSteps } from '../../src/lesson/refs.js';
import { fixtureCourse, SANDBOX, startLab } from './helpers.js';

describe.skipIf(!SANDBOX)('run-step on the real kernel', () => {
  it("a capture's `during:` command is awaited: the capture sees packets sent after a pause", async () => {
    const course = fixtureCourse('during');
    const [pair, watch] = allSteps(course);
    const lab = await startLab();
    await runCommands(lab, pair.step.commands, pair.step, { ref: pair.ref });
    const r = await runStep(lab, watch.step, { ref: watch.ref, lang: 'en' });
    const capture = r.checks.find((c) => c.expectation.kind === 'capture')!;
    expect(capture.passed, capture.actual).toBe(true);
    expect(capture.captured?.some((l) => /ICMP echo request/.test(l))).toBe(true);
    expect(r.passed).toBe(true);
  });

  it('one abort signal serves a whole replay: every command lets go of it when it ends (no MaxListeners warning)', async () => {
    const lab = await startLab();
    const ctl = new AbortController();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 15; i++) await lab.run('true', { signal: ctl.signal });
      expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
      const slow = lab.run('sleep 5', { signal: ctl.signal });
      expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(1);
      ctl.abort();
      expect((await slow).cancelled).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      await lab.close();
    }
  });

  it('check fails a course whose step fails, and says which', async () => {
    const r = await checkCourse(fixtureCourse('failing'), { lang: 'en' });
    expect(r.passed).toBe(false);
    expect(r.expected).toBe(2);
    expect(r.steps.map((s) => [s.ref, s.passed])).toEqual([
      ['1.1', true],
      ['1.2', false],
    ]);
    expect(r.steps[1].explanations.map((e) => e.text).join('\n')).toContain('veth0-0');
  });

  it('a server left running by one step is stopped before the next step runs; within a step it keeps running', async () => {
    const [s] = allSteps(fixtureCourse('during'));
    const lab = await startLab();
    const sleeps = 'for p in /proc/[0-9]*; do cat $p/comm 2>/dev/null; done | grep -cx sleep';
    const [, during] = await runCommands(lab, ['sleep 300 & echo started', `sleep 0.3; ${sleeps}`], s.step, { ref: s.ref });
    expect(during.stdout.trim()).toBe('1');
    const [next] = await runCommands(lab, [sleeps], s.step, { ref: s.ref });
    expect(next.stdout.trim()).toBe('0');
  });
});
