/**
 * The interactive engine (src/engine/session.ts) on the real kernel: the lab it keeps follows the
 * learner forward, back, after a reset, across jumps, after a replay cancelled halfway, and through
 * typed attempts that build on each other (Contract A: labPosition, resetStep, lab-position events).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.js';
import type { EngineEvent } from '../../src/engine/types.js';
import type { LabState } from '../../src/lab/state.js';
import { countingLabs, fixtureCourse, SANDBOX } from './helpers.js';

function session() {
  const labs = countingLabs();
  const s = new Session({ course: fixtureCourse('walk'), lang: 'en', startLab: labs.start });
  // `events` may be cleared by a test to look at what follows; `all` keeps everything.
  const events: EngineEvent[] = [];
  const all: EngineEvent[] = [];
  s.subscribe((e) => (events.push(e), all.push(e)));
  return { s, labs, events, all };
}

/** The lab as a learner sees it: which interfaces are where, and up or not; namespaces. */
function picture(st: LabState): string[] {
  const links = st.links.filter((l) => l.name !== 'lo').map((l) => `${l.ns}:${l.name}:${l.up ? 'up' : 'down'}`);
  return [...links, ...st.namespaces.map((n) => `netns:${n}`)].sort();
}

/** Live labs the session built (proofs of fixes build labs of their own, which are not counted). */
const readies = (events: EngineEvent[]) => events.filter((e) => e.type === 'lab-ready').length;
const positions = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'lab-position' ? [`${e.ref} ${e.position}`] : []));

const replays = (events: EngineEvent[]) => events.filter((e) => e.type === 'replay-progress').map((e) => (e.type === 'replay-progress' ? `${e.ref} ${e.done}/${e.total}` : ''));

describe.skipIf(!SANDBOX)('Session on the real kernel', () => {
  it('going forward reuses one lab, step after step', async () => {
    const { s, labs, events, all } = session();
    try {
      for (const ref of ['1.1', '1.2', '1.3', '1.4']) expect((await s.runStep(ref)).passed, ref).toBe(true);
      expect(readies(all)).toBe(1);
            expect(picture(await s.state())).toEqual(['host:veth0-0:up', 'netns:ns0', 'ns0:veth0-1:down']);
      expect(s.mode).toBe(process.getuid?.() === 0 ? 'root' : 'rootless');
    } finally {
      await s.close();
    }
  });

  it('going back builds a fresh lab replayed to just before that step', async () => {
    const { s, labs, events, all } = session();
    try {
      for (const ref of ['1.1', '1.2', '1.3']) await s.runStep(ref);
      events.length = 0;
      const r = await s.runStep('1.2');
      expect(r.passed).toBe(true);
      expect(readies(all)).toBe(2);
      expect(labs.starts[0].isClosed).toBe(true);
      expect(replays(events)).toEqual(['1.1 0/1', '1.2 1/1']);
      // ns0 came from 1.3 in the old lab: the new lab has only what 1.1 and 1.2 made.
      expect(picture(r.state)).toEqual(['host:veth0-0:up', 'host:veth0-1:down']);
    } finally {
      await s.close();
    }
  });

  it('jumping ahead replays every earlier step; jumping back starts again from the top', async () => {
    const { s, labs, events, all } = session();
    try {
      await s.prepare('1.4');
      expect(replays(events)).toEqual(['1.1 0/3', '1.2 1/3', '1.3 2/3', '1.4 3/3']);
      expect(picture(await s.state())).toEqual(['host:veth0-0:up', 'host:veth0-1:down', 'netns:ns0']);
      // Already there: running the step neither rebuilds nor replays.
      events.length = 0;
      expect((await s.runStep('1.4')).passed).toBe(true);
      expect(replays(events)).toEqual([]);
      expect(readies(all)).toBe(1);
      const back = await s.runStep('1.1');
      expect(back.passed).toBe(true);
      expect(readies(all)).toBe(2);
      expect(picture(back.state)).toEqual(['host:veth0-0:down', 'host:veth0-1:down']);
      // And forward again from there, on the same lab.
      expect((await s.runStep('1.2')).passed).toBe(true);
      expect(readies(all)).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('prepare on the step the lab is ready for does nothing', async () => {
    const { s, labs, events, all } = session();
    try {
      await s.runStep('1.1');
      events.length = 0;
      await s.prepare('1.2');
      expect(readies(all)).toBe(1);
      expect(replays(events)).toEqual(['1.2 1/1']);
      expect(picture(await s.state())).toEqual(['host:veth0-0:down', 'host:veth0-1:down']);
    } finally {
      await s.close();
    }
  });

  it('reset throws the lab away: state is empty, and the next step rebuilds its starting lab', async () => {
    const { s, labs, events, all } = session();
    try {
      await s.runStep('1.1');
      await s.runStep('1.2');
      await s.reset();
      expect(labs.starts[0].isClosed).toBe(true);
      expect(await s.state()).toEqual({ namespaces: [], links: [], neigh: [], fdb: [], routes: [] });
      const r = await s.runStep('1.3');
      expect(r.passed).toBe(true);
      expect(readies(all)).toBe(2);
      expect(picture(r.state)).toEqual(['host:veth0-0:up', 'host:veth0-1:down', 'netns:ns0']);
    } finally {
      await s.close();
    }
  });

  it('a replay cancelled halfway leaves no half-built lab for the next run', async () => {
    const { s, labs, events, all } = session();
    try {
      const stop = new AbortController();
      s.subscribe((e) => {
        if (e.type === 'replay-progress' && e.ref === '1.2') stop.abort();
      });
      await s.prepare('1.4', stop.signal);
      // Only 1.1 ran: the lab stands between steps, and the session knows it.
      expect(replays(events)).toEqual(['1.1 0/3', '1.2 1/3']);
      expect(picture(await s.state())).toEqual(['host:veth0-0:down', 'host:veth0-1:down']);
      const r = await s.runStep('1.4');
      expect(r.passed).toBe(true);
      expect(readies(all)).toBe(2);
      expect(picture(r.state)).toEqual(['host:veth0-0:up', 'netns:ns0', 'ns0:veth0-1:down']);
    } finally {
      await s.close();
    }
  });

  it('a typed attempt builds on the lab as the learner left it', async () => {
    const { s, events, all } = session();
    try {
      await s.runStep('1.1');
      expect(s.labPosition('1.2')).toBe('step-start');
      const wrong = await s.runStep('1.2', { command: 'ip link set up veth0-1' });
      expect(wrong.passed).toBe(false);
      expect(wrong.explanations.length).toBeGreaterThan(0);
      expect(s.labPosition('1.2')).toBe('as-left');
      expect(s.labPosition('1.1')).toBe('rebuild');
      expect(s.labPosition('1.3')).toBe('rebuild');
      const right = await s.runStep('1.2', { command: 'ip link set up veth0-0' });
      expect(right.passed).toBe(true);
      // The first attempt is still there: both ends are up, in the one lab.
      expect(picture(right.state)).toEqual(['host:veth0-0:up', 'host:veth0-1:up']);
      expect(readies(all)).toBe(1);
      expect(s.labPosition('1.3')).toBe('step-start');
      expect(positions(all)).toEqual(['1.1 step-start', '1.2 step-start', '1.2 as-left', '1.3 step-start']);
    } finally {
      await s.close();
    }
  });

  it("the lesson's own commands (no typed command) run on the step's starting lab, rebuilt after attempts", async () => {
    const { s, events, all } = session();
    try {
      await s.runStep('1.1');
      expect((await s.runStep('1.2', { command: 'ip link set up veth0-1' })).passed).toBe(false);
      const right = await s.runStep('1.2');
      expect(right.passed).toBe(true);
      expect(picture(right.state)).toEqual(['host:veth0-0:up', 'host:veth0-1:down']);
      expect(readies(all)).toBe(2);
    } finally {
      await s.close();
    }
  });

  it("resetStep takes the step back to its starting lab, and says so", async () => {
    const { s, events, all } = session();
    try {
      await s.runStep('1.1');
      expect((await s.runStep('1.2', { command: 'ip link set up veth0-1' })).passed).toBe(false);
      await s.resetStep('1.2');
      expect(s.labPosition('1.2')).toBe('step-start');
      expect(picture(await s.state())).toEqual(['host:veth0-0:down', 'host:veth0-1:down']);
      expect(positions(events).slice(-2)).toEqual(['1.2 as-left', '1.2 step-start']);
      // A typed command now runs on the clean starting lab.
      const r = await s.runStep('1.2', { command: 'ip link set up veth0-0' });
      expect(picture(r.state)).toEqual(['host:veth0-0:up', 'host:veth0-1:down']);
      // Resetting a step the lab already starts at changes nothing.
      const before = readies(all);
      await s.resetStep('1.3');
      expect(readies(all)).toBe(before);
      expect(s.labPosition('1.3')).toBe('step-start');
    } finally {
      await s.close();
    }
  });

  it('moving on after a failed attempt starts the next step from its own starting lab, not the failed one', async () => {
    const { s, events, all } = session();
    try {
      await s.runStep('1.1');
      expect((await s.runStep('1.2', { command: 'ip link set up veth0-1' })).passed).toBe(false);
      const next = await s.runStep('1.3');
      expect(next.passed).toBe(true);
      expect(readies(all)).toBe(2);
      expect(picture(next.state)).toEqual(['host:veth0-0:up', 'host:veth0-1:down', 'netns:ns0']);
    } finally {
      await s.close();
    }
  });

  it('with no lab, every step must be rebuilt', async () => {
    const { s, all } = session();
    expect(s.labPosition('1.1')).toBe('rebuild');
    await s.runStep('1.1');
    await s.reset();
    expect(s.labPosition('1.2')).toBe('rebuild');
    expect(() => s.labPosition('9.9')).toThrow(/no step 9\.9/);
    await s.close();
  });

  it('recheck judges the live lab without running anything', async () => {
    const { s, labs, events, all } = session();
    try {
      await s.runStep('1.1');
      events.length = 0;
      // 1.2's commands never ran: veth0-0 is still down.
      const before = await s.recheck('1.2');
      expect(before.passed).toBe(false);
      expect(before.commands).toEqual([]);
      expect(events.some((e) => e.type === 'command-start')).toBe(false);
      expect(readies(all)).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('without a startLab of its own, the session starts a real sandbox', async () => {
    const s = new Session({ course: fixtureCourse('walk'), lang: 'en' });
    try {
      await s.prepare('1.2');
      expect(s.mode).toBe(process.getuid?.() === 0 ? 'root' : 'rootless');
      expect(picture(await s.state())).toEqual(['host:veth0-0:down', 'host:veth0-1:down']);
    } finally {
      await s.close();
    }
    expect(await s.state()).toEqual({ namespaces: [], links: [], neigh: [], fdb: [], routes: [] });
  });

  it('close closes the lab', async () => {
    const { s, labs, all } = session();
    await s.runStep('1.1');
    await s.close();
    expect(labs.starts[0].isClosed).toBe(true);
    expect(picture(await s.state())).toEqual([]);
  });
});
