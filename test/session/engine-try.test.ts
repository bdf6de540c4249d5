// tryStep (src/engine/course-run.ts) on the real kernel: a typed command on a lab replayed to its step, and the fixes proven on copies of it.
import { describe, expect, it } from 'vitest';
import { tryStep } from '../../src/engine/course-run.js';
import { FULL } from '../setup/tier.js';
import { MODE, NO_TOOL, swapCourse, tryCourse, watchLabs, recorder } from './engine-courses.js';
import { SANDBOX } from './helpers.js';

const missing = new Set([NO_TOOL]);

describe.skipIf(!SANDBOX)('tryStep on the real kernel', () => {
  it('a right typed command passes on the lab replayed to its step', async () => {
    const rec = recorder();
    const labs = watchLabs();
    const r = await tryStep(tryCourse(), '1.2', 'ip link set up veth0-0', { lang: 'en', mode: MODE, emit: rec.emit });
    expect([labs.started.length, labs.open()]).toEqual([1, []]);
    expect([r.ref, r.passed, r.proving, r.explanations]).toEqual(['1.2', true, false, []]);
    expect(r.commands.map((c) => c.command)).toEqual(['ip link set up veth0-0']);
    expect(r.state.links.filter((l) => l.name.startsWith('veth')).map((l) => `${l.ns}:${l.name}:${l.up}`).sort()).toEqual(['host:veth0-0:true', 'host:veth0-1:false']);
    expect(rec.brief()).toEqual([
      `lab-ready ${MODE}`,
      'replay 1.1 0/1',
      'step-start 1.2 [ip link set up veth0-0]',
      'command-start 1.2 0 ip link set up veth0-0',
      'command-end 1.2 0 0',
      'step-end 1.2 true',
    ]);
  });

  it('a wrong command fails; only fixes proven on copies of its lab are offered', async () => {
    const labs = watchLabs();
    const r = await tryStep(tryCourse(), '1.2', 'ip link set up veth0-1', { lang: 'en', mode: MODE });
    // The learner's lab, and one per fix proven.
    expect(labs.started.length).toBeGreaterThanOrEqual(3);
    expect(labs.open()).toEqual([]);
    expect(r.passed).toBe(false);
    expect(r.explanations.some((e) => e.untested !== undefined)).toBe(false);
    const fixes = r.explanations.flatMap((e) => (e.fix ? [e.fix] : []));
    expect(fixes).toContain('ip link set up veth0-0');
    // The lesson's own fix, `ip link set up veth0-1`, failed its proof: never offered on its own.
    expect(fixes).not.toContain('ip link set up veth0-1');
    expect(fixes.every((f) => f.includes('ip link set up veth0-0'))).toBe(true);
    expect(r.explanations).toContainEqual({ text: 'veth0-0 is still down.', fix: 'ip link set up veth0-0', source: 'lesson' });
  });

  it('without proofs, the fixes stay untested and none is offered', async () => {
    const labs = watchLabs();
    const r = await tryStep(tryCourse(), '1.2', 'ip link set up veth0-1', { lang: 'en', mode: MODE, prove: false });
    expect([labs.started.length, labs.open()]).toEqual([1, []]);
    expect(r.passed).toBe(false);
    expect(r.explanations.some((e) => e.fix !== undefined)).toBe(false);
    expect(r.explanations.filter((e) => e.source === 'lesson')).toEqual([
      { text: 'That set up the other end.', untested: 'ip link set up veth0-1', source: 'lesson' },
      { text: 'veth0-0 is still down.', untested: 'ip link set up veth0-0', source: 'lesson' },
    ]);
  });

  it("a lesson's first step gets the lesson's settings; replays honour the missing tool", async () => {
    const course = swapCourse();
    const first = await tryStep(course, '2', 'ip netns add c3', { lang: 'en', mode: MODE, missing, prove: false });
    expect([first.ref, first.passed]).toEqual(['2.1', true]);
    if (!FULL) return;
    const withTool = await tryStep(course, '1.2', 'true', { lang: 'en', mode: MODE, prove: false });
    expect(withTool.checks.map((c) => c.passed)).toEqual([false, true]);
  });

  it('an unknown step is refused before any lab starts', async () => {
    const labs = watchLabs();
    await expect(tryStep(tryCourse(), '9.9', 'true', { lang: 'en', mode: MODE })).rejects.toThrow('no step 9.9');
    expect(labs.started).toEqual([]);
  });
});
