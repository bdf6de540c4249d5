// labProofRun on model labs: a fix counts only when the step passes after it and no part of it failed, unless the step wants the failure.
import { describe, expect, it } from 'vitest';
import { labProofRun } from '../../../src/engine/lab-proof.js';
import type { Expectation } from '../../../src/lesson/types.js';
import { fixtureCourse } from '../../session/helpers.js';
import { modelLabs } from './model-lab.js';

const UP = 'ip link set up veth0-0';

function prover(expect?: Expectation[]) {
  const course = fixtureCourse('walk');
  if (expect) course.lessons[0].steps[1] = { ...course.lessons[0].steps[1], expect };
  const labs = modelLabs();
  return { labs, prove: labProofRun({ course, lang: 'en', startLab: labs.start, history: [{ ref: '1.1' }], ref: '1.2' }) };
}

describe('labProofRun (model labs)', () => {
  it('a fix that passes the step without an error is proven, on a lab of its own that is closed after', async () => {
    const { labs, prove } = prover();
    expect(await prove(UP)).toBe(true);
    expect(labs.labs.map((l) => [l.isClosed, l.ran.at(-1)])).toEqual([[true, UP]]);
    expect(await prove('true')).toBe(false);
  });

  it('a part that fails makes the fix no advice, though the step passes after it', async () => {
    expect(await prover().prove(`${UP} && fail`)).toBe(false);
  });

  it('unless the step expects its command to fail: a look that fails on purpose ends the fix', async () => {
    const wantsFailure: Expectation[] = [
      { kind: 'exit', line: 1, status: 1 },
      { kind: 'link', line: 2, name: 'veth0-0', in: 'host', exists: true, up: true },
    ];
    const { prove } = prover(wantsFailure);
    expect(await prove(`${UP} && fail`)).toBe(true);
    // The changes alone leave the exit status the step does not want.
    expect(await prove(UP)).toBe(false);
  });
});
