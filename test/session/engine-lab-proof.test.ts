// labProofRun (src/engine/lab-proof.ts) on the real kernel: a fix judged on a fresh lab with the learner's history replayed, the lab closed after.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/engine/history.js';
import { labProofRun } from '../../src/engine/lab-proof.js';
import { FULL } from '../setup/tier.js';
import { NO_TOOL, swapCourse } from './engine-courses.js';
import { countingLabs, fixtureCourse, SANDBOX } from './helpers.js';

describe.skipIf(!SANDBOX)('labProofRun on the real kernel', () => {
  const walk = fixtureCourse('walk');

  it("a fix passes only on top of the learner's history, copied when the proof was made; each proof has its own lab, closed after", async () => {
    const labs = countingLabs();
    const history: HistoryEntry[] = [{ ref: '1.1' }, { ref: '1.2', command: 'ip link set up veth0-1' }];
    const prove = labProofRun({ course: walk, lang: 'en', startLab: labs.start, history, ref: '1.2' });
    // Later changes to the caller's history do not reach the proof: this entry alone would make the step pass.
    history.push({ ref: '1.2', command: 'ip link set up veth0-0' });
    const [right, wrong] = await Promise.all([prove('ip link set up veth0-0'), prove('true')]);
    expect([right, wrong]).toEqual([true, false]);
    // The step passes after it, but a part of it fails: a fix that prints an error is not proven.
    expect(await prove('ip link set up veth0-0 && ip addr del 10.9.9.9/24 dev veth0-0')).toBe(false);
    expect(labs.starts).toHaveLength(3);
    expect(labs.starts.every((l) => l.isClosed)).toBe(true);
  });

  it('a proof cancelled before it ran fails, and closes its lab', async () => {
    const labs = countingLabs();
    const prove = labProofRun({ course: walk, lang: 'en', startLab: labs.start, history: [{ ref: '1.1' }], ref: '1.2' });
    const ctl = new AbortController();
    ctl.abort();
    expect(await prove('ip link set up veth0-0', ctl.signal)).toBe(false);
    expect(labs.starts.map((l) => l.isClosed)).toEqual([true]);
  });

  it.runIf(FULL)("the history replays with a missing tool's commands", async () => {
    const course = swapCourse();
    const labs = countingLabs();
    const prove = (missing?: ReadonlySet<string>) => labProofRun({ course, lang: 'en', startLab: labs.start, history: [{ ref: '1.1' }], ref: '1.2', missing });
    expect(await prove(new Set([NO_TOOL]))('true')).toBe(true);
    expect(await prove()('true')).toBe(false);
  });

  it('an unknown step is refused at once', () => {
    const labs = countingLabs();
    expect(() => labProofRun({ course: walk, lang: 'en', startLab: labs.start, history: [], ref: '7.1' })).toThrow('no step 7.1');
    expect(labs.starts).toHaveLength(0);
  });
});
