/**
 * The side effects of the UI: performs the session call the reducer asked
 * for (state.job) with an AbortSignal, feeds engine events back as actions,
 * saves progress, and times presenter mode. Nothing here runs during render.
 */
import { useEffect, useRef } from 'react';
import type { SessionApi } from '../../engine/session-api.js';
import type { StepResult } from '../../engine/types.js';
import type { LabState } from '../../lab/state.js';
import type { ProgressStore } from '../../progress/store.js';
import { parseRef, refOf, stepAt, type Job, type UiState } from '../state/reducer.js';
import type { UiStore } from '../state/store.js';

export interface EngineDeps {
  session: SessionApi;
  progress: ProgressStore;
  courseKey: string;
  pace?: number;
}

export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'detail' in e && 'code' in e) {
    const le = e as { code: string; detail: string };
    return le.detail ? `${le.detail} (${le.code})` : le.code;
  }
  return e instanceof Error ? e.message : String(e);
}

async function perform(store: UiStore, deps: EngineDeps, job: Job, signal: AbortSignal): Promise<void> {
  const { session } = deps;
  const d = store.dispatch;
  const readState = async (fallback?: LabState) => {
    try {
      return await session.state();
    } catch {
      return fallback;
    }
  };
  try {
    let result: StepResult | undefined;
    switch (job.kind) {
      case 'prepare':
        await session.prepare(job.ref, signal);
        break;
      case 'reset': {
        // Back to the step's starting lab.
        await session.resetStep(job.ref);
        break;
      }
      case 'run':
        result = await session.runStep(job.ref, { command: job.command, signal });
        break;
      case 'recheck':
        result = await session.recheck(job.ref);
        break;
    }
    // A step's result already carries the whole live state; only jobs without one read it again.
    const st = result ? result.state : await readState();
    if (st) d({ type: 'topology', state: st });
    if (result) {
      if (result.passed && store.getState().mode === 'learn') saveDone(store, deps, result.ref);
      d({ type: 'step-result', jobId: job.id, result });
    } else d({ type: 'job-done', jobId: job.id });
  } catch (e) {
    d({ type: 'job-failed', jobId: job.id, error: errorText(e) });
  }
  tellLabPosition(store, deps, job.ref);
}

/** Which lab the next command runs in, asked of the engine after every job (it also reports changes as events). */
function tellLabPosition(store: UiStore, deps: EngineDeps, ref: string): void {
  try {
    store.dispatch({ type: 'engine', event: { type: 'lab-position', ref, position: deps.session.labPosition(ref) } });
  } catch {
    /* the engine could not say; the line stays as it was */
  }
}

function saveDone(store: UiStore, deps: EngineDeps, ref: string): void {
  const s = store.getState();
  const c = parseRef(s.course, ref);
  if (!c) return;
  deps.progress.markDone(deps.courseKey, { ref, lesson: s.course.lessons[c.lesson].id, step: stepAt(s.course, c)!.id, at: new Date().toISOString() });
}

export function useEngine(store: UiStore, state: UiState, deps: EngineDeps): void {
  const { session, progress, courseKey, pace } = deps;
  const depsRef = useRef(deps);
  depsRef.current = deps;

  useEffect(() => session.subscribe((event) => store.dispatch({ type: 'engine', event })), [session, store]);

  // One job at a time: a newer job aborts the older one and waits for it to settle.
  const controller = useRef<AbortController | null>(null);
  const job = state.job;
  useEffect(() => {
    if (!job) return;
    const ac = new AbortController();
    controller.current = ac;
    const run = store.chain.then(() => (ac.signal.aborted ? undefined : perform(store, depsRef.current, job, ac.signal)));
    store.chain = store.track(run.catch(() => undefined));
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.id, store]);

  useEffect(() => {
    if (state.cancelling) controller.current?.abort();
  }, [state.cancelling]);

  // Where the learner is, saved as they move.
  const here = state.mode === 'learn' && state.opened ? refOf(state.cursor) : null;
  useEffect(() => {
    if (here) progress.setCurrent(courseKey, here);
  }, [here, progress, courseKey]);

  // Presenter mode: go on by itself after `pace` seconds.
  const waiting = state.mode === 'present' && state.present.waiting && !state.job;
  useEffect(() => {
    if (!waiting || !pace) return;
    const t = setTimeout(() => store.dispatch({ type: 'present-advance' }), pace * 1000);
    return () => clearTimeout(t);
  }, [waiting, pace, store, here, state.cursor]);
}
