/** What ran in a lab since it started, in order, so that a copy of it can be rebuilt in a fresh sandbox. */
import { applyLessonSettings } from '../lab/ipv4-defaults.js';
import type { Lab } from '../lab/sandbox.js';
import { findStep } from '../lesson/refs.js';
import type { Course } from '../lesson/types.js';
import { commandsFor, runCommands } from './run-step.js';

/** A step's own commands (no `command`), or one command line the learner typed at that step. */
export interface HistoryEntry {
  ref: string;
  command?: string;
}

/** Runs the entries in `lab`, in order, as they first ran (each with its step's timeout). */
export async function replayHistory(lab: Lab, course: Course, history: readonly HistoryEntry[], opts: { missing?: ReadonlySet<string>; signal?: AbortSignal } = {}): Promise<void> {
  let previous: string | undefined;
  for (const h of history) {
    if (opts.signal?.aborted || lab.isClosed) return;
    const s = findStep(course, h.ref);
    if (!s) throw new Error(`no step ${h.ref}`);
    // A lesson's settings apply once, as its first step starts; later attempts at that step build on them.
    if (s.stepIndex === 0 && h.ref !== previous) await applyLessonSettings(lab, course.lessons[s.lessonIndex].sysctl);
    previous = h.ref;
    const commands = h.command !== undefined ? [h.command] : commandsFor(s.step, opts.missing).commands;
    await runCommands(lab, commands, s.step, { ref: h.ref, signal: opts.signal });
  }
}
