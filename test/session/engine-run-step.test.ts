// runStep (src/engine/run-step.ts) on the real kernel with stand-in proofs: which fixes are proven, before or after the result, and a cancelled step.
import { describe, expect, it } from 'vitest';
import { runCommands, runStep } from '../../src/engine/run-step.js';
import type { EngineEvent } from '../../src/engine/types.js';
import { allSteps } from '../../src/lesson/refs.js';
import { fixtureCourse, SANDBOX, startLab } from './helpers.js';

const FIX = 'ip link set up veth0-0';
const WRONG = 'ip link set up veth0-1';

describe.skipIf(!SANDBOX)('runStep with stand-in proofs', () => {
  const [pair, up] = allSteps(fixtureCourse('walk'));

  async function labAtUp() {
    const lab = await startLab();
    await runCommands(lab, pair.step.commands, pair.step, { ref: pair.ref });
    return lab;
  }

  it('proves the fixes of a failure before the result, and offers only those that passed; a cancelled step proves nothing', async () => {
    const lab = await labAtUp();
    const asked: string[] = [];
    const events: EngineEvent[] = [];
    const failed = await runStep(lab, up.step, { ref: up.ref, lang: 'en', command: WRONG, emit: (e) => events.push(e), prove: async (fix) => (asked.push(fix), fix === FIX) });
    expect([failed.passed, failed.proving]).toEqual([false, false]);
    expect(asked).toContain(FIX);
    expect(failed.explanations[0]).toMatchObject({ fix: FIX, source: 'builtin' });
    expect(failed.explanations.some((e) => e.untested !== undefined)).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['step-start', 'command-start', 'command-end', 'step-end']);
    expect(events.filter((e) => e.type === 'explanations')).toEqual([]);

    // Proven wrong: the explanation stays, without a fix, and is not marked untested either.
    const refused = await runStep(lab, up.step, { ref: up.ref, lang: 'en', command: WRONG, prove: async () => false });
    expect(refused.explanations.length).toBeGreaterThan(0);
    expect(refused.explanations.some((e) => e.fix !== undefined || e.untested !== undefined)).toBe(false);

    // Without proofs the fix is only named as untested.
    const unproven = await runStep(lab, up.step, { ref: up.ref, lang: 'en', command: WRONG });
    expect(unproven.explanations[0]).toMatchObject({ untested: FIX });
    expect(unproven.explanations[0].fix).toBeUndefined();

    const ctl = new AbortController();
    ctl.abort();
    const before = asked.length;
    const cancelled = await runStep(lab, up.step, { ref: up.ref, lang: 'en', command: FIX, signal: ctl.signal, prove: async (fix) => (asked.push(fix), true) });
    expect([cancelled.passed, cancelled.commands, asked.length]).toEqual([false, [], before]);
    expect(cancelled.explanations.some((e) => e.fix !== undefined)).toBe(false);
  });

  it('proveLater: the result comes first, marked proving; the proofs follow as events until the signal stops them', async () => {
    const lab = await labAtUp();
    const events: EngineEvent[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const later = new AbortController();
    const r = await runStep(lab, up.step, {
      ref: up.ref,
      lang: 'en',
      command: WRONG,
      emit: (e) => events.push(e),
      prove: async (fix) => (await gate, fix === FIX),
      proveLater: later.signal,
    });
    expect([r.passed, r.proving]).toEqual([false, true]);
    expect(r.explanations.some((e) => e.fix !== undefined || e.untested !== undefined)).toBe(false);
    expect(events.at(-1)?.type).toBe('step-end');
    const last = new Promise<Extract<EngineEvent, { type: 'explanations' }>>((resolve) => {
      const check = () => {
        const e = events.filter((x): x is Extract<EngineEvent, { type: 'explanations' }> => x.type === 'explanations').find((x) => !x.proving);
        if (e) resolve(e);
        else setTimeout(check, 5);
      };
      check();
    });
    release();
    const done = await last;
    expect(done.ref).toBe('1.2');
    expect(done.explanations[0]).toMatchObject({ fix: FIX, source: 'builtin' });

    // A passed step proves nothing, even with proveLater.
    const passed = await runStep(lab, up.step, { ref: up.ref, lang: 'en', command: FIX, prove: async () => true, proveLater: later.signal });
    expect([passed.passed, passed.proving, passed.explanations]).toEqual([true, false, []]);

    // Proofs stopped before they finish announce nothing.
    const quiet: EngineEvent[] = [];
    const stop = new AbortController();
    let finish!: () => void;
    const slow = new Promise<void>((r) => (finish = r));
    const failedAgain = await runStep(lab, { ...up.step, expect: [{ kind: 'netns', line: 1, name: 'nowhere', exists: true }] }, {
      ref: up.ref,
      lang: 'en',
      command: 'true',
      emit: (e) => quiet.push(e),
      prove: async () => (await slow, true),
      proveLater: stop.signal,
    });
    expect(failedAgain.proving).toBe(true);
    stop.abort();
    finish();
    await new Promise((res) => setTimeout(res, 20));
    expect(quiet.filter((e) => e.type === 'explanations')).toEqual([]);
  });
});
