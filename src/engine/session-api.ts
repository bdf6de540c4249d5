/**
 * What a front end may ask of the engine. The Ink app receives an object of
 * this shape (injected), never spawns anything itself, and can be tested with a fake.
 */
import type { Course } from '../lesson/types.js';
import type { LabState } from '../lab/state.js';
import type { EngineListener, LabPosition, StepResult } from './types.js';
import type { Lang } from '../i18n/index.js';

export interface SessionApi {
  readonly course: Course;
  readonly lang: Lang;
  /** 'root' | 'rootless', known once the first lab is up. */
  readonly mode: 'root' | 'rootless' | undefined;
  /** Subscribe to engine events; returns an unsubscribe function. */
  subscribe(listener: EngineListener): () => void;
  /**
   * Makes the live lab match the state just before step `ref` ("L.S"): reuses the
   * current lab when it already is there, else builds a fresh one and replays
   * every earlier step (emitting 'replay-progress').
   */
  prepare(ref: string, signal?: AbortSignal): Promise<void>;
  /**
   * Runs step `ref` and checks it. A typed `command` runs in the lab as the
   * learner left it (attempts build on each other); without one, the step's own
   * commands run on its starting lab, rebuilt if attempts changed it.
   */
  runStep(ref: string, opts?: { command?: string; signal?: AbortSignal }): Promise<StepResult>;
  /** Which lab the next run of step `ref` uses. */
  labPosition(ref: string): LabPosition;
  /** Brings the lab back to step `ref`'s starting lab (the `r` key). */
  resetStep(ref: string): Promise<void>;
  /** Re-checks step `ref` against the live state without running anything (after a shell). */
  recheck(ref: string): Promise<StepResult>;
  /** Reads the lab's live state (for the topology panel). */
  state(): Promise<LabState>;
  /**
   * Runs an interactive shell inside the lab on the given terminal device
   * (e.g. /dev/pts/3); resolves when the shell exits.
   */
  shell(ttyPath: string): Promise<void>;
  /** Throws away the lab; the next prepare() builds a new one. */
  reset(): Promise<void>;
  close(): Promise<void>;
}
