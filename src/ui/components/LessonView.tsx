/** One step on screen: a scrollable body over fixed header, topology, input, activity and status lines. */
import { Box, Text, useCursor } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useMemo } from 'react';
import { useUi, type Ui } from '../context.js';
import { statusEntries, type Intent } from '../keys.js';
import { inputRows } from '../layout/input-line.js';
import { painter } from '../layout/paint.js';
import { currentExplanations, stepBody } from '../layout/step-body.js';
import { viewport, type Viewport } from '../layout/viewport.js';
import { keyContext, phase, refOf, stepAt, type UiState, type ViewMetrics } from '../state/reducer.js';
import { wrap } from '../text.js';
import { ScrollBody } from './ScrollBody.js';
import { StatusLine, type StatusEntry } from './StatusLine.js';
import { TopologyPanel, useTopology } from './Topology.js';

export { MARKS, commandNote, commandOk, plannedCommands } from '../layout/step-body.js';

/** What the status line may offer now, from the key table; the status line keeps what fits. */
export function statusKeys(ui: Ui, state: UiState, scrollable: boolean): StatusEntry[] {
  const context = keyContext(state);
  const more = currentExplanations(state).list.length > 1 && state.result?.passed === false;
  const available = (i: Intent) => (i === 'scrollUp' ? scrollable : i === 'explanations' ? more : true);
  return statusEntries(context, available).map((e) => ({ text: ui.t(e.label), priority: e.priority }));
}

/** The fixed line above the status line: what the lab is doing, or which lab the next command runs in. */
function ActivityLine({ state, ui }: { state: UiState; ui: Ui }) {
  const ph = phase(state);
  const step = stepAt(state.course, state.cursor);
  let label: string | null = null;
  if (ph === 'running') label = state.cancelling ? ui.t('cancelling') : ui.t('runningLimit', { s: step?.timeout ?? 10 });
  else if (ph === 'preparing' || ph === 'resetting' || ph === 'rechecking') {
    const r = state.replay;
    label =
      ph === 'resetting' && !r
        ? ui.t('resetting')
        : ph === 'rechecking'
          ? ui.t('rechecking')
          : r && r.done < r.total
            ? ui.t('replaying', { done: r.done + 1, total: r.total, ref: r.ref })
            : ui.t('preparing');
  }
  if (label) {
    const r = state.replay;
    const bar = r && r.total > 0 && ph === 'preparing' ? Math.round((Math.min(r.done, r.total) / r.total) * 20) : -1;
    return (
      <Text wrap="truncate-end" color={ui.c('cyan')}>
        <Spinner type="dots" /> {label}
        {bar >= 0 ? <Text color={ui.c('gray')}>{'  ' + '█'.repeat(bar) + '░'.repeat(20 - bar)}</Text> : null}
      </Text>
    );
  }
  const lab = state.lab && state.lab.ref === refOf(state.cursor) ? state.lab.position : null;
  const text = lab === 'as-left' ? ui.t('labAsLeft') : lab === 'rebuild' ? ui.t('labRebuild') : lab === 'step-start' ? ui.t('labStepStart') : '';
  return (
    <Text wrap="truncate-end" color={ui.c(lab === 'as-left' ? 'yellow' : 'gray')}>
      {text || ' '}
    </Text>
  );
}

export interface LessonViewProps {
  state: UiState;
  width: number;
  height: number;
  missing: readonly string[];
  /** Reports what the body shows, so that scroll keys know the limits. */
  onView?: (v: ViewMetrics) => void;
}

export function LessonView({ state, width, height, missing, onView }: LessonViewProps) {
  const ui = useUi();
  const { course, cursor } = state;
  const lesson = course.lessons[cursor.lesson];
  const step = stepAt(course, cursor)!;
  const passed = state.result?.passed === true && state.result.ref === refOf(cursor);
  const paint = useMemo(() => painter(ui.color), [ui.color]);

  const sideMax = Math.floor(width * 0.5) - 2;
  const sideDrawing = useTopology(width >= 110 ? state.topology : null, sideMax, 1);
  const side = state.showTopology && width >= 110 && (!sideDrawing || sideDrawing.width <= sideMax);
  const topoW = side ? Math.max(24, sideDrawing?.width ?? 40) : width - 2;
  const belowDrawing = useTopology(side ? null : state.topology, width - 2);
  const mainW = side ? width - topoW - 3 : width;
  const textW = Math.max(10, mainW - 2);

  const body = useMemo(() => stepBody({ state, width: textW, missing, t: ui.t, paint }), [state, textW, missing, ui.t, paint]);

  const compact = height < 20;
  const headerRows = compact ? 1 : 2;
  const topoRows = state.showTopology && !side ? Math.min((belowDrawing?.height ?? 1) + 1, Math.max(5, Math.floor((height - 3) / 2))) + 1 : 0;
  const input = state.editor ? inputRows('❯ ', state.editor, width, paint) : null;
  const promptLines = state.editor ? wrap(ui.t('editPrompt'), width) : [];
  const inputRowsN = input ? promptLines.length + input.lines.length : 0;
  const noticeLines = state.notice ? wrap(ui.t(state.notice.key, state.notice.vars), width) : [];
  const fixedBelow = inputRowsN + 1 + noticeLines.length + 1;
  const bodyRows = Math.max(1, height - headerRows - (side ? 0 : topoRows) - fixedBelow);
  const view: Viewport = viewport(body.lines.length, bodyRows, state.scroll, body.anchor, body.focus);
  useEffect(() => onView?.({ top: view.top, max: view.max, page: view.page }), [view.top, view.max, view.page, onView]);

  // The terminal's own cursor sits where the next typed character goes (screen readers and input methods follow it).
  const { setCursorPosition } = useCursor();
  const cursorY = input ? height - fixedBelow + promptLines.length + input.row : -1;
  const cursorX = input ? input.col : -1;
  useEffect(() => {
    setCursorPosition(cursorY >= 0 ? { x: cursorX, y: cursorY } : undefined);
  }, [cursorX, cursorY, setCursorPosition]);
  useEffect(() => () => setCursorPosition(undefined), [setCursorPosition]);

  const lessonTitle = ui.t('lessonHeader', { n: cursor.lesson + 1, title: lesson.title });
  const stepTitle = ui.t('stepHeader', { n: cursor.step + 1, total: lesson.steps.length, title: step.title });
  const status = ui.t('status', { l: cursor.lesson + 1, L: course.lessons.length, s: cursor.step + 1, S: lesson.steps.length });
  const keys = statusKeys(ui, state, view.max > 0);

  const main = <ScrollBody lines={body.lines} view={view} rows={bodyRows} />;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexShrink={0}>
        {compact ? (
          <Text wrap="truncate-end">
            <Text color={ui.c('gray')}>{lessonTitle} › </Text>
            <Text bold>{stepTitle}</Text>
          </Text>
        ) : (
          <>
            <Text color={ui.c('gray')} wrap="truncate-end">
              {lessonTitle}
            </Text>
            <Text bold color={ui.c('cyan')} wrap="truncate-end">
              {stepTitle}
            </Text>
          </>
        )}
      </Box>
      {side ? (
        <Box flexDirection="row" height={bodyRows} flexShrink={0} overflow="hidden">
          <Box flexDirection="column" width={mainW} flexShrink={0} overflow="hidden">
            {main}
          </Box>
          <Box marginLeft={1} flexDirection="column" flexShrink={0} width={topoW}>
            <TopologyPanel drawing={sideDrawing} width={topoW} />
          </Box>
        </Box>
      ) : (
        <>
          {main}
          {topoRows ? (
            <Box flexDirection="column" paddingX={1} marginTop={1} flexShrink={0} height={topoRows - 1} overflow="hidden">
              <TopologyPanel drawing={belowDrawing} width={width - 2} />
            </Box>
          ) : null}
        </>
      )}
      <Box flexGrow={1} />
      {input ? (
        <Box flexDirection="column" flexShrink={0}>
          {promptLines.map((l, i) => (
            <Text key={`p${i}`} color={ui.c('cyan')} wrap="truncate-end">
              {l}
            </Text>
          ))}
          {input.lines.map((l, i) => (
            <Text key={`i${i}`} wrap="truncate-end">
              {l || ' '}
            </Text>
          ))}
        </Box>
      ) : null}
      <Box flexShrink={0}>
        <ActivityLine state={state} ui={ui} />
      </Box>
      {noticeLines.map((l, i) => (
        <Text key={`n${i}`} color={ui.c('yellow')} wrap="truncate-end">
          {l}
        </Text>
      ))}
      <StatusLine left={status} entries={keys} width={width} passed={passed} />
    </Box>
  );
}
