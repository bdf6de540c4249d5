/** Projector mode: one step at a time, big and uncluttered, scrolling like the lesson view. */
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useMemo, useState } from 'react';
import { useUi } from '../context.js';
import { painter } from '../layout/paint.js';
import { stepBody } from '../layout/step-body.js';
import { viewport } from '../layout/viewport.js';
import { phase, refOf, stepAt, type UiState, type ViewMetrics } from '../state/reducer.js';
import { wrap } from '../text.js';
import { ScrollBody } from './ScrollBody.js';
import { TopologyPanel, useTopology } from './Topology.js';

/** Seconds left before presenter mode moves on by itself. */
function useCountdown(active: boolean, pace: number | undefined, key: string): number | null {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!active || !pace) {
      setLeft(null);
      return;
    }
    const end = Date.now() + pace * 1000;
    setLeft(Math.ceil(pace));
    const t = setInterval(() => setLeft(Math.max(0, Math.ceil((end - Date.now()) / 1000))), 250);
    return () => clearInterval(t);
  }, [active, pace, key]);
  return left;
}

export function PresentView({ state, width, height, pace, onView }: { state: UiState; width: number; height: number; pace?: number; onView?: (v: ViewMetrics) => void }) {
  const ui = useUi();
  const { course, cursor } = state;
  const lesson = course.lessons[cursor.lesson];
  const step = stepAt(course, cursor)!;
  const ref = refOf(cursor);
  const ph = phase(state);
  const side = width >= 120;
  const topoMax = side ? Math.floor(width * 0.45) : width - 4;
  const drawing = useTopology(state.topology, topoMax);
  const waiting = state.present.waiting && !state.job;
  const left = useCountdown(waiting, pace, ref);
  const textW = side ? width - topoMax - 6 : width - 4;
  const paint = useMemo(() => painter(ui.color), [ui.color]);
  const body = useMemo(() => stepBody({ state, width: textW, missing: [], t: ui.t, paint, present: true }), [state, textW, ui.t, paint]);

  const busyLine =
    ph === 'preparing' || ph === 'resetting'
      ? state.replay && state.replay.done < state.replay.total
        ? ui.t('replaying', { done: state.replay.done + 1, total: state.replay.total, ref: state.replay.ref })
        : ui.t('preparing')
      : ph === 'running'
        ? ui.t('runningLimit', { s: step.timeout })
        : null;
  const noticeLines = state.notice ? wrap(ui.t(state.notice.key, state.notice.vars), width) : [];
  const topoH = Math.min((drawing?.height ?? 1) + 1, side ? height : Math.max(5, Math.floor((height - 5) / 2)));
  const fixed = 1 + 3 + (side ? 0 : topoH + 1) + (busyLine ? 1 : 0) + noticeLines.length + 1;
  const bodyRows = Math.max(1, height - fixed);
  const view = viewport(body.lines.length, bodyRows, state.scroll, body.anchor, body.focus);
  useEffect(() => onView?.({ top: view.top, max: view.max, page: view.page }), [view.top, view.max, view.page, onView]);

  const footer = state.present.finished ? ui.t('presentEnd') : waiting ? (left !== null ? `${ui.t('presentNext')} · ${ui.t('presentAuto', { s: left })}` : ui.t('presentNext')) : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box justifyContent="space-between" flexShrink={0}>
        <Text color={ui.c('gray')} wrap="truncate-end">
          {ui.t('lessonHeader', { n: cursor.lesson + 1, title: lesson.title })}
        </Text>
        <Text color={ui.c('gray')}>{ui.t('status', { l: cursor.lesson + 1, L: course.lessons.length, s: cursor.step + 1, S: lesson.steps.length })}</Text>
      </Box>
      <Box marginY={1} flexShrink={0}>
        <Text bold inverse color={ui.c('cyan')} wrap="truncate-end">
          {`  ${step.title}  `}
        </Text>
      </Box>
      <Box flexDirection={side ? 'row' : 'column'} flexShrink={0}>
        <Box width={side ? textW + 2 : undefined} flexShrink={0}>
          <ScrollBody lines={body.lines} view={view} rows={bodyRows} />
        </Box>
        <Box flexDirection="column" paddingX={side ? 0 : 1} marginLeft={side ? 2 : 0} marginTop={side ? 0 : 1} flexShrink={0} height={topoH} overflow="hidden">
          <TopologyPanel drawing={drawing} width={side ? topoMax : width - 2} />
        </Box>
      </Box>
      <Box flexGrow={1} />
      {busyLine ? (
        <Text color={ui.c('cyan')} wrap="truncate-end">
          <Spinner type="dots" /> {busyLine}
        </Text>
      ) : null}
      {noticeLines.map((l, i) => (
        <Text key={i} color={ui.c('yellow')} wrap="truncate-end">
          {l}
        </Text>
      ))}
      <Box flexShrink={0}>
        <Text bold color={ui.c(state.present.finished ? 'green' : 'cyan')} wrap="truncate-end">
          {footer || ' '}
        </Text>
      </Box>
    </Box>
  );
}
