/**
 * The UI state lives here, outside React, so it outlives an Ink instance:
 * the app is unmounted while the learner is in a shell and mounted again
 * afterwards with everything as it was.
 */
import { initialState, reducer, type Action, type InitOptions, type UiState } from './reducer.js';

export class UiStore {
  private state: UiState;
  private listeners = new Set<() => void>();
  /** Session calls still settling; awaited before the program exits. */
  readonly inflight = new Set<Promise<unknown>>();
  /** The last job's promise: session calls never overlap, the next waits for it. */
  chain: Promise<unknown> = Promise.resolve();

  constructor(init: InitOptions | UiState) {
    this.state = 'screen' in init ? init : initialState(init);
  }

  getState = (): UiState => this.state;

  dispatch = (a: Action): void => {
    const next = reducer(this.state, a);
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  };

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const drop = () => this.inflight.delete(p);
    p.then(drop, drop);
    return p;
  }

  /** Waits for pending session calls, at most `ms`. */
  async settle(ms: number): Promise<void> {
    if (!this.inflight.size) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }
}
