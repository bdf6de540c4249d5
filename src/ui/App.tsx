/**
 * The top-level component: reads the store, routes to a screen, owns the one
 * useInput and the one call to exit().
 */
import { Box, Static, useApp, useInput, useStdin, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { SessionApi } from '../engine/session-api.js';
import type { ProgressStore } from '../progress/store.js';
import { UiProvider, type Ui } from './context.js';
import { Help } from './components/Help.js';
import { LessonView } from './components/LessonView.js';
import { Menu, type Environment } from './components/Menu.js';
import { PresentView } from './components/PresentView.js';
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from './components/TooSmall.js';
import { TranscriptEntry } from './components/Transcript.js';
import { useEngine } from './hooks/use-engine.js';
import { useStoreState } from './hooks/use-store.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { KeyPress } from './keys.js';
import type { ViewMetrics } from './state/reducer.js';
import type { UiStore } from './state/store.js';

export interface AppProps {
  store: UiStore;
  session: SessionApi;
  progress: ProgressStore;
  courseKey: string;
  ui: Ui;
  environment: Environment;
  pace?: number;
  /** Transcript items already printed by an earlier Ink instance (before a shell). */
  staticFrom?: number;
}

export function toKeyPress(input: string, key: Key): KeyPress {
  return {
    home: key.home,
    end: key.end,
    input,
    return: key.return,
    escape: key.escape,
    ctrl: key.ctrl,
    meta: key.meta,
    tab: key.tab,
    backspace: key.backspace,
    delete: key.delete,
    upArrow: key.upArrow,
    downArrow: key.downArrow,
    leftArrow: key.leftArrow,
    rightArrow: key.rightArrow,
    pageUp: key.pageUp,
    pageDown: key.pageDown,
  };
}

export function App(props: AppProps) {
  const { store, ui, environment, pace, staticFrom = 0 } = props;
  const state = useStoreState(store);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize();
  useEngine(store, state, props);

  const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
  const view = useRef<ViewMetrics>({ top: 0, max: 0, page: 5 });
  const onView = useCallback((v: ViewMetrics) => {
    view.current = v;
  }, []);

  useInput(
    (input, key) => {
      const ctrlC = key.ctrl && input === 'c';
      if (tooSmall && !ctrlC && input !== 'q') return;
      store.dispatch({ type: 'key', key: toKeyPress(input, key), view: view.current });
    },
    { isActive: isRawModeSupported === true && state.exit === null },
  );

  // The only place the app leaves Ink: to quit, or to lend the terminal to a shell.
  useEffect(() => {
    if (state.exit) exit(state.exit.reason);
  }, [state.exit, exit]);

  const height = Math.max(1, size.rows - 1);
  const missing = useMemo(() => environment.missing.map((t) => t.name), [environment.missing]);
  let screen;
  if (tooSmall) screen = <TooSmall columns={size.columns} rows={size.rows} />;
  else if (state.help) screen = <Help mode={state.mode} width={size.columns} height={height} scroll={state.helpScroll} onView={onView} />;
  else if (state.mode === 'present' && state.opened) screen = <PresentView state={state} width={size.columns} height={height} pace={pace} onView={onView} />;
  else if (state.screen === 'menu' || !state.opened) screen = <Menu state={state} env={environment} width={size.columns} height={height} />;
  else screen = <LessonView state={state} width={size.columns} height={height} missing={missing} onView={onView} />;

  return (
    <UiProvider ui={ui}>
      {state.mode === 'learn' ? <Static items={state.transcript.slice(staticFrom)}>{(item) => <TranscriptEntry key={item.id} item={item} />}</Static> : null}
      <Box flexDirection="column" width={size.columns} height={height} overflow="hidden">
        {screen}
      </Box>
    </UiProvider>
  );
}
