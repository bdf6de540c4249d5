/**
 * Entry point of the Ink UI. The CLI imports this module lazily, only when
 * stdin and stdout are terminals.
 */
import { readlinkSync } from 'node:fs';
import { render } from 'ink';
import chalk from 'chalk';
import type { SessionApi } from '../engine/session-api.js';
import type { ToolInfo } from '../lab/tools.js';
import type { ProgressStore } from '../progress/store.js';
import { App } from './App.js';
import { colorWanted, makeUi, type Badge } from './context.js';
import { tu } from './messages.js';
import { checkTerminal, TerminalNotOwnedError } from '../engine/shell.js';
import { parseRef } from './state/reducer.js';
import { UiStore } from './state/store.js';
import { clearSplash } from './splash.js';
import { settleTerminalSize } from './terminal-size.js';

export interface InteractiveOptions {
  session: SessionApi;
  progress: ProgressStore;
  /** Key for progress. */
  courseKey: string;
  /** 'L.S' from `start REF`; else resume from progress; else the menu. */
  startRef?: string;
  /** present = projector mode. */
  mode?: 'learn' | 'present';
  /** present: auto-advance after N seconds. */
  pace?: number;
  /** For the menu's environment line. */
  environment: { mode?: 'root' | 'rootless'; missing: ToolInfo[]; doctor?: string };
  /** Lines the CLI drew as a first frame while this module loaded; the UI draws over them. */
  splashLines?: number;
  /** A class the learner joined (--join): it watches the screen state and shows its own on the status line. */
  classLink?: { observe(store: UiStore): () => void; badge: Badge };
  /** Called after each render of the app, once its first frame is out. */
  onFirstFrame?: () => void;
}

/** Builds the store the way runInteractive starts: at startRef, else where the learner left off, else the menu. */
export function createStore(opts: Pick<InteractiveOptions, 'session' | 'progress' | 'courseKey' | 'startRef' | 'mode' | 'environment'>): UiStore {
  const { session, progress, courseKey } = opts;
  const mode = opts.mode ?? 'learn';
  const saved = progress.load().courses[courseKey];
  const resume = saved?.current && parseRef(session.course, saved.current) ? saved.current : null;
  const store = new UiStore({
    course: session.course,
    mode,
    done: saved?.done.map((d) => d.ref) ?? [],
    resume,
    labMode: session.mode ?? opts.environment.mode,
  });
  if (mode === 'present') store.dispatch({ type: 'open', ref: opts.startRef ?? '1.1' });
  else if (opts.startRef) store.dispatch({ type: 'open', ref: opts.startRef });
  else if (resume) store.dispatch({ type: 'open', ref: resume });
  const problem = progress.problem;
  if (problem)
    store.dispatch({
      type: 'notice',
      notice: problem.kind === 'corrupt' ? { key: 'noticeProgressCorrupt', vars: { path: problem.path } } : { key: 'noticeProgress', vars: { detail: problem.detail } },
    });
  return store;
}

type TtyHandle = { reading?: boolean; readStart?: () => number; readStop?: () => number };

/**
 * Stops Node reading the terminal, so that every key typed in the shell
 * reaches the shell: after Ink unmounts, stdin's handle keeps reading and
 * would take the shell's first keystroke. Returns how to start it again.
 */
function releaseStdin(): () => void {
  const stdin = process.stdin as NodeJS.ReadStream & { _handle?: TtyHandle };
  stdin.pause();
  const h = stdin._handle;
  if (!h?.reading || typeof h.readStop !== 'function' || typeof h.readStart !== 'function') return () => {};
  h.readStop();
  h.reading = false;
  return () => {
    // The stream still waits for the read it asked for; let the handle deliver it.
    if (h.reading === false) {
      h.reading = true;
      h.readStart!();
    }
  };
}

/** Why the lab shell could not have the terminal, for the notice. */
function shellError(e: unknown, lang: SessionApi['lang']): string {
  if (e instanceof TerminalNotOwnedError) return tu(lang, 'shellTerminalNotOwned', { path: e.path });
  return e instanceof Error ? e.message : String(e);
}

/** While the shell runs, Ctrl+C belongs to it: the tutor must not quit. */
function holdSigint(): () => void {
  const saved = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  const ignore = () => {};
  process.on('SIGINT', ignore);
  return () => {
    process.off('SIGINT', ignore);
    for (const l of saved) process.on('SIGINT', l as (...a: unknown[]) => void);
  };
}

export async function runInteractive(opts: InteractiveOptions): Promise<number> {
  const { session, progress, courseKey } = opts;
  const color = colorWanted();
  if (!color) chalk.level = 0;
  const ui = makeUi(session.lang, color, opts.classLink?.badge);
  const store = createStore(opts);
  const unobserve = opts.classLink?.observe(store);
  let staticFrom = 0;
  let code = 0;
  const unsettle = settleTerminalSize(process.stdout);
  clearSplash(opts.splashLines ?? 0);
  for (;;) {
    const app = render(
      <App store={store} session={session} progress={progress} courseKey={courseKey} ui={ui} environment={opts.environment} pace={opts.pace} staticFrom={staticFrom} />,
      { exitOnCtrlC: false },
    );
    opts.onFirstFrame?.();
    await app.waitUntilExit();
    const exit = store.getState().exit;
    if (exit?.reason !== 'shell') {
      code = exit?.code ?? 0;
      break;
    }
    let error: string | undefined;
    const tty = readlinkSync('/proc/self/fd/0');
    try {
      checkTerminal(tty);
    } catch (e) {
      // Said before the terminal changes hands, so the tutorial keeps its keys.
      staticFrom = store.getState().transcript.length;
      store.dispatch({ type: 'shell-returned', error: shellError(e, session.lang) });
      continue;
    }
    const restore = holdSigint();
    const resume = releaseStdin();
    try {
      process.stdout.write(`\n${tu(session.lang, 'shellOpening')}\n`);
      await session.shell(tty);
    } catch (e) {
      error = shellError(e, session.lang);
    } finally {
      resume();
      restore();
    }
    staticFrom = store.getState().transcript.length;
    store.dispatch({ type: 'shell-returned', error });
  }
  // Unmounting aborted any running step; let it wind down before the session is closed.
  await store.settle(5000);
  unobserve?.();
  unsettle();
  const s = store.getState();
  if (s.mode === 'learn' && s.opened) progress.setCurrent(courseKey, `${s.cursor.lesson + 1}.${s.cursor.step + 1}`);
  return code;
}
