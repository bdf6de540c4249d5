import { Box, Text, measureElement, type DOMElement } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useRef, useState } from 'react';
import { explanationMarkdown } from '../../explain/present.js';
import { useUi } from '../context.js';
import { renderMarkdown } from '../markdown.js';
import { phase, refOf, stepAt, type UiState } from '../state/reducer.js';
import { tailLines, truncate } from '../text.js';
import { CheckRow, CommandLine, MARKS, commandNote, commandOk } from './LessonView.js';
import { NoticeLine } from './StatusLine.js';
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

/** The first sentence of a text: a projector shows the idea, the presenter tells the rest. */
export function firstSentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^(.+?[.!?])(?:\s|$)|^(.+?[。！？])/u.exec(t);
  return m ? (m[1] ?? m[2]) : t;
}

function Short({ title, text, width, color }: { title?: string; text: string; width: number; color?: 'yellow' }) {
  const ui = useUi();
  const lines = renderMarkdown((title ? `**${title}** ` : '') + firstSentence(text), width).slice(0, 3);
  return (
    <Box flexDirection="column" marginTop={1} flexShrink={0}>
      {lines.map((l, i) => (
        <Text key={i} color={color ? ui.c(color) : undefined} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  );
}

/**
 * Projector mode: one step at a time, big and uncluttered. The command, the
 * last few lines it printed, the checks, and the topology, always on screen.
 */
export function PresentView({ state, width, height, pace }: { state: UiState; width: number; height: number; pace?: number }) {
  const ui = useUi();
  const { course, cursor } = state;
  const lesson = course.lessons[cursor.lesson];
  const step = stepAt(course, cursor)!;
  const ref = refOf(cursor);
  const ph = phase(state);
  const result = state.result && state.result.ref === ref ? state.result : null;
  const run = state.run && state.run.ref === ref ? state.run : null;
  const side = width >= 120;
  const topoMax = side ? Math.floor(width * 0.45) : width - 4;
  const drawing = useTopology(state.topology, topoMax);
  const waiting = state.present.waiting && !state.job;
  const left = useCountdown(waiting, pace, ref);
  const textW = side ? width - topoMax - 6 : width - 4;
  const current = run?.commands.find((c) => !c.result && c.output) ?? run?.commands.filter((c) => c.output).slice(-1)[0];
  // When it does not all fit, give up the least useful first: output lines,
  // then the why, then captured packets. Then keep the end in view.
  const fitKey = `${ref}|${result ? 'r' : ''}|${state.error ? 'e' : ''}|${width}x${height}`;
  const [trim, setTrim] = useState({ key: fitKey, level: 0 });
  const level = trim.key === fitKey ? trim.level : 0;
  const tail = tailLines(current?.output ?? '', level >= 2 ? 0 : level === 1 ? 1 : result ? 3 : 5);
  const showWhy = level < 3;
  const mainRef = useRef<DOMElement>(null);
  const restRef = useRef<DOMElement>(null);
  const [bottomAlign, setBottomAlign] = useState(false);
  useEffect(() => {
    if (!mainRef.current || !restRef.current) return;
    const over = measureElement(restRef.current).height > measureElement(mainRef.current).height;
    if (over && level < 4) setTrim({ key: fitKey, level: level + 1 });
    else if (trim.key !== fitKey) setTrim({ key: fitKey, level: 0 });
    if (over !== bottomAlign) setBottomAlign(over);
  });
  const topoH = Math.min((drawing?.height ?? 1) + 1, side ? height : Math.max(5, Math.floor((height - 5) / 2)));

  const main = (
    <Box ref={mainRef} flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden" width={side ? textW + 2 : undefined} paddingX={1} justifyContent={bottomAlign ? 'flex-end' : 'flex-start'}>
      <Box ref={restRef} flexDirection="column" flexShrink={0}>
        <Box flexDirection="column" flexShrink={0}>
          {(run?.commands ?? step.commands.map((command) => ({ command, output: '', result: undefined }))).map((c, i) =>
            c.result ? (
              <CommandLine key={i} command={c.command} mark={commandOk(c.result) ? MARKS.pass : result?.passed ? ' ' : MARKS.fail} markColor={commandOk(c.result) ? 'green' : 'red'} note={commandOk(c.result) ? undefined : commandNote(ui, c.result)} />
            ) : (
              <CommandLine key={i} command={c.command} mark={MARKS.pending} markColor="gray" spinning={ph === 'running' && run?.commands.findIndex((x) => !x.result) === i} />
            ),
          )}
        </Box>
        {ph === 'preparing' || ph === 'resetting' ? (
          <Text color={ui.c('cyan')}>
            <Spinner type="dots" />{' '}
            {state.replay && state.replay.done < state.replay.total ? ui.t('replaying', { done: state.replay.done + 1, total: state.replay.total, ref: state.replay.ref }) : ui.t('preparing')}
          </Text>
        ) : null}
        {tail.length ? (
          <Box flexDirection="column" marginTop={1} flexShrink={0}>
            {tail.map((l, i) => (
              <Text key={i} wrap="truncate-end">
                {'  ' + truncate(l, textW - 2)}
              </Text>
            ))}
          </Box>
        ) : null}
        {result ? (
          <Box flexDirection="column" marginTop={1} flexShrink={0}>
            {result.checks.map((c, i) => (
              <CheckRow key={i} check={c} packets={level < 4} />
            ))}
            <Text bold color={ui.c(result.passed ? 'green' : 'red')}>
              {result.passed ? ui.t('passed') : result.commands.some((c) => c.cancelled) ? ui.t('cancelledRun') : ui.t('failed', { n: result.checks.filter((c) => !c.passed).length, total: result.checks.length })}
            </Text>
            {result.passed && step.why && showWhy ? <Short title={ui.t('whyTitle')} text={step.why} width={textW} /> : null}
            {!result.passed && result.explanations[0] && showWhy ? <Short text={explanationMarkdown(result.explanations[0], ui.lang)} width={textW} color="yellow" /> : null}
          </Box>
        ) : null}
        {state.error ? (
          <Text color={ui.c('red')} wrap="wrap">
            {ui.t(state.error.key, { error: state.error.detail })}
          </Text>
        ) : null}
      </Box>
    </Box>
  );

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
      <Box flexDirection={side ? 'row' : 'column'} flexGrow={1} flexShrink={1} overflow="hidden">
        {main}
        <Box flexDirection="column" paddingX={side ? 0 : 1} marginLeft={side ? 2 : 0} marginTop={side ? 0 : 1} flexShrink={0} height={topoH} overflow="hidden">
          <TopologyPanel drawing={drawing} width={side ? topoMax : width - 2} />
        </Box>
      </Box>
      {state.notice ? <NoticeLine text={ui.t(state.notice.key, state.notice.vars)} tone="warn" /> : null}
      <Box flexShrink={0}>
        <Text bold color={ui.c(state.present.finished ? 'green' : 'cyan')} wrap="truncate-end">
          {footer || ' '}
        </Text>
      </Box>
    </Box>
  );
}
