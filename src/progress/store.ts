/** Progress lives in $XDG_STATE_HOME/netns-tutor/progress.json; a broken file never stops the tutor. */
import { renameSync } from 'node:fs';
import * as z from 'zod/mini';
import { join } from 'node:path';
import { readBounded } from '../files/read-bounded.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { stateDir } from '../files/state-dir.js';

/** A progress file is a few kilobytes; anything near this is not one of ours. */
export const MAX_PROGRESS_BYTES = 4 * 1024 * 1024;

export interface StepDone {
  ref: string;
  lesson: string;
  step: string;
  at: string;
}

export interface Progress {
  version: 1;
  /** The course this progress belongs to (its folder), so packs do not mix. */
  courses: Record<string, { current?: string; done: StepDone[] }>;
}

const PROGRESS_SCHEMA = z.object({
  version: z.literal(1),
  courses: z.record(
    z.string(),
    z.object({
      current: z.optional(z.string()),
      done: z.array(z.object({ ref: z.string(), lesson: z.string(), step: z.string(), at: z.string() })),
    }),
  ),
});

export class ProgressStore {
  /** Set when the last load or save failed: the front end shows it once and carries on. */
  problem?: { kind: 'corrupt' | 'unwritable'; path: string; detail: string };

  constructor(readonly path = join(stateDir(), 'progress.json')) {}

  load(): Progress {
    // Never blocks (a FIFO) and never reads without end (a symlink to /dev/zero, a huge file).
    const read = readBounded(this.path, MAX_PROGRESS_BYTES);
    if (!read.ok && read.code !== 'EFBIG' && read.code !== 'ENOTREG') return { version: 1, courses: {} };
    try {
      if (!read.ok) throw new Error(read.reason);
      const text = read.text;
      const r = PROGRESS_SCHEMA.safeParse(JSON.parse(text));
      if (r.success) return r.data as Progress;
      throw new Error('not a netns-tutor progress file');
    } catch (e) {
      // Keep the unreadable file for the learner to inspect, and start afresh.
      this.problem = { kind: 'corrupt', path: this.path, detail: e instanceof SyntaxError ? 'not valid JSON' : (e as Error).message };
      try {
        renameSync(this.path, `${this.path}.corrupt`);
      } catch {
        /* read-only: leave it */
      }
      return { version: 1, courses: {} };
    }
  }

  save(p: Progress): boolean {
    try {
      writeFileAtomic(this.path, JSON.stringify(p, null, 2));
      return true;
    } catch (e) {
      this.problem = { kind: 'unwritable', path: this.path, detail: (e as Error).message };
      return false;
    }
  }

  markDone(courseKey: string, done: StepDone): void {
    const p = this.load();
    const c = (p.courses[courseKey] ??= { done: [] });
    if (!c.done.some((d) => d.ref === done.ref)) c.done.push(done);
    this.save(p);
  }

  setCurrent(courseKey: string, ref: string): void {
    const p = this.load();
    (p.courses[courseKey] ??= { done: [] }).current = ref;
    this.save(p);
  }
}
