/** What ran in a lab since it started, in order, so that a copy of it can be rebuilt in a fresh sandbox. */
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
  for (const h of history) {
    if (opts.signal?.aborted || lab.isClosed) return;
    const s = findStep(course, h.ref);
    if (!s) throw new Error(`no step ${h.ref}`);
    const commands = h.command !== undefined ? [h.command] : commandsFor(s.step, opts.missing).commands;
    await runCommands(lab, commands, s.step, { ref: h.ref, signal: opts.signal });
  }
}
