/** The JSON of list, check and try: the documented contract (docs/json.md). */
import { describe, expect, it } from 'vitest';
import { courseJson, listJson, stepJson } from '../../../src/report/json.js';
import { command, COURSE, result, stepAt } from './fixtures.js';

describe('listJson', () => {
  it('lists lessons with their own steps, and every step of the course in order', () => {
    const j = listJson(COURSE);
    expect(j.lessons.map((l) => [l.number, l.id, l.title, l.file, l.steps.map((s) => s.ref)])).toEqual([
      [1, 'a', 'First lesson', '/course/01-a.md', ['1.1', '1.2']],
      [2, 'b', 'Second lesson', '/course/02-b.md', ['2.1']],
    ]);
    expect(j.lessons[0].steps[1]).toEqual({ ref: '1.2', id: 'two', title: 'Step two', commands: ['ip link add veth0-0 type veth peer name veth0-1'], hints: 2, wrong: 1 });
    expect(j.steps).toEqual([
      { ref: '1.1', lesson: 'a', id: 'one', title: 'Step one', commands: ['ip link add veth0-0 type veth peer name veth0-1'] },
      { ref: '1.2', lesson: 'a', id: 'two', title: 'Step two', commands: ['ip link add veth0-0 type veth peer name veth0-1'] },
      { ref: '2.1', lesson: 'b', id: 'three', title: 'Step three', commands: ['ip link add veth0-0 type veth peer name veth0-1'] },
    ]);
  });
});

describe('stepJson', () => {
  it('names every field, rounds the time, and says null for what is absent', () => {
    const r = result('1.1', stepAt(0, 0), {
      commands: [command({ code: null, signal: 'SIGKILL', timedOut: true, output: 'out' })],
      checks: [{ expectation: stepAt(0, 0).expect[0], passed: false, expectedFailure: false, label: 'L', actual: 'A', captured: ['p'] }],
      passed: false,
      explanations: [{ text: 'why', source: 'lesson' }],
      durationMs: 1234.5,
    });
    expect(stepJson(r)).toEqual({
      ref: '1.1',
      id: 'one',
      title: 'Step one',
      passed: false,
      durationMs: 1235,
      substituted: null,
      commands: [{ command: 'ip link add veth0-0 type veth peer name veth0-1', exitCode: null, signal: 'SIGKILL', timedOut: true, output: 'out' }],
      checks: [{ kind: 'link', label: 'L', passed: false, expectedFailure: false, actual: 'A', captured: ['p'] }],
      explanations: [{ text: 'why', source: 'lesson' }],
    });
    const ok = stepJson(result('2.1', stepAt(1, 0), { substituted: 'brctl' }));
    expect(ok.substituted).toBe('brctl');
    expect(ok.checks[1]).toEqual({ kind: 'ping', label: 'ping 192.168.100.2 from host fails', passed: true, expectedFailure: true, actual: null, captured: null });
  });
});

describe('courseJson', () => {
  it('carries the verdict, the mode and rounded times, and each step', () => {
    const steps = [result('1.1', stepAt(0, 0)), result('1.2', stepAt(0, 1), { passed: false })];
    const j = courseJson({ passed: false, expected: 3, mode: 'rootless', labReadyMs: 99.5, durationMs: 2000.4, steps });
    expect(j).toEqual({ passed: false, mode: 'rootless', durationMs: 2000, labReadyMs: 100, steps: steps.map(stepJson) });
  });
});
