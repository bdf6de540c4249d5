// Session (src/engine/session.ts) on the real kernel, beyond test/session/session.test.ts: fixes proven after the result, a missing tool, lesson settings, rechecks.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.js';
import type { EngineEvent, Explanation } from '../../src/engine/types.js';
import type { Course } from '../../src/lesson/types.js';
import { FULL } from '../setup/tier.js';
import { NO_TOOL, swapCourse } from './engine-courses.js';
import { countingLabs, fixtureCourse, SANDBOX } from './helpers.js';

function session(course: Course, missing?: ReadonlySet<string>) {
  const labs = countingLabs();
  const s = new Session({ course, lang: 'en', startLab: labs.start, missing });
  const events: EngineEvent[] = [];
  s.subscribe((e) => events.push(e));
  return { s, labs, events };
}

describe.skipIf(!SANDBOX)('Session on the real kernel: the engine parts', () => {
  it.runIf(FULL)("a failed attempt's result comes first, its fixes proven after, each proof announced; the last says proving is over", async () => {
    const { s, labs, events } = session(fixtureCourse('walk'));
    try {
      await s.runStep('1.1');
      const done = new Promise<Explanation[]>((resolve) =>
        s.subscribe((e) => {
          if (e.type === 'explanations' && !e.proving) resolve(e.explanations);
        }),
      );
      const r = await s.runStep('1.2', { command: 'ip link set up veth0-1' });
      expect([r.passed, r.proving]).toEqual([false, true]);
      expect(r.explanations.some((e) => e.fix !== undefined || e.untested !== undefined)).toBe(false);
      const final = await done;
      expect(final.map((e) => e.fix).filter(Boolean)).toContain('ip link set up veth0-0');
      const announced = events.filter((e): e is Extract<EngineEvent, { type: 'explanations' }> => e.type === 'explanations');
      expect(announced.every((e) => e.ref === '1.2')).toBe(true);
      expect(announced.map((e) => e.proving)).toEqual([...Array(announced.length - 1).fill(true), false]);
      // The learner's lab plus one per proof, each proof's lab closed.
      expect(labs.starts.slice(1).every((l) => l.isClosed)).toBe(true);
      expect(labs.starts).toHaveLength(1 + announced.length);
    } finally {
      await s.close();
    }
  });

  it("replays use a missing tool's commands; a lesson's first step gets its settings; the state read is the whole lab", async () => {
    const { s, events } = session(swapCourse(), new Set([NO_TOOL]));
    try {
      expect(s.mode).toBeUndefined();
      expect(await s.state()).toEqual({ namespaces: [], links: [], neigh: [], fdb: [], routes: [] });
      // 1.1 replays with d1 in place of d0, and the lesson's rp_filter 2.
      expect((await s.runStep('1.2')).passed).toBe(true);
      const r = await s.runStep('2.1');
      expect(r.passed).toBe(true);
      // Whole state although the step checks only a setting.
      expect(r.state.links.map((l) => `${l.ns}:${l.name}`).filter((n) => !n.endsWith(':lo')).sort()).toEqual(['host:d1', 'host:d1p']);
      expect(r.state.namespaces).toEqual(['c3']);
      const starts = events.filter((e) => e.type === 'step-start').map((e) => (e.type === 'step-start' ? [e.ref, e.substituted] : []));
      expect(starts).toEqual([
        ['1.2', undefined],
        ['2.1', undefined],
      ]);
      expect(events.filter((e) => e.type === 'lab-ready')).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it.runIf(FULL)('a recheck of a step judged only on what its commands did runs them', async () => {
    const { s, events } = session(fixtureCourse('failing'));
    try {
      const r = await s.recheck('1.1');
      expect(r.passed).toBe(true);
      expect(r.commands).toHaveLength(1);
      expect(events.filter((e) => e.type === 'command-start')).toHaveLength(1);
      expect(s.labPosition('1.2')).toBe('step-start');
      // A recheck judges the live lab: 1.2 needs a pair that is not there.
      const after = await s.recheck('1.2');
      expect([after.passed, after.commands]).toEqual([false, []]);
      expect(after.step.expect.map((e) => e.kind)).toEqual(['link']);
      expect(s.labPosition('1.2')).toBe('as-left');
    } finally {
      await s.close();
    }
  });
});
