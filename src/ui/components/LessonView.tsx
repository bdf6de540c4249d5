import { Box, Text, measureElement, type DOMElement } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CheckResult } from '../../engine/types.js';
import type { CommandResult } from '../../lab/sandbox.js';
import { explanationMarkdown } from '../../explain/present.js';
import type { Step } from '../../lesson/types.js';
import { useUi, type Ui } from '../context.js';
import { renderMarkdown } from '../markdown.js';
import { phase, refOf, stepAt, type LiveCommand, type UiState } from '../state/reducer.js';
import { tailLines, truncate } from '../text.js';
import { NoticeLine, StatusLine } from './StatusLine.js';
import { TopologyPanel, useTopology } from './Topology.js';

export const MARKS = { pass: '✔', fail: '✘', pending: '◦' } as const;

/** The commands a step will run on this machine (its `without` ones when a tool is missing). */
export function plannedCommands(step: Step, missing: readonly string[]): { commands: string[]; substituted?: string } {
  for (const [tool, alt] of Object.entries(step.without)) if (missing.includes(tool)) return { commands: alt, substituted: tool };
  return { commands: step.commands };
}

export function commandOk(r: CommandResult): boolean {
  return r.code === 0 && !r.timedOut && !r.cancelled;
}

export function commandNote(ui: Ui, r: CommandResult): string {
  if (r.cancelled) return ui.t('cancelled');
  if (r.timedOut) return ui.t('timedOut');
  if (r.code === null && r.signal) return ui.t('killedBy', { signal: r.signal });
  return ui.t('exitCode', { code: r.code ?? '?' });
}

function ProgressBar({ done, total, width = 20 }: { done: number; total: number; width?: number }) {
  const ui = useUi();
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : width;
  return (
    <Text>
      <Text color={ui.c('cyan')}>{'█'.repeat(filled)}</Text>
      <Text color={ui.c('gray')}>{'░'.repeat(width - filled)}</Text>
    </Text>
  );
}

export function CommandLine({ command, mark, markColor, note, spinning }: { command: string; mark: string; markColor?: 'green' | 'red' | 'gray'; note?: string; spinning?: boolean }) {
  const ui = useUi();
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        {spinning ? (
          <Text color={ui.c('cyan')}>
            <Spinner type="dots" />
          </Text>
        ) : (
          <Text color={markColor ? ui.c(markColor) : undefined}>{mark}</Text>
        )}
      </Box>
      <Box flexShrink={1}>
        <Text wrap="wrap">
          <Text color={ui.c('gray')}>$ </Text>
          <Text bold>{command}</Text>
          {note ? <Text color={ui.c('gray')}>{`  (${note})`}</Text> : null}
        </Text>
      </Box>
    </Box>
  );
}

function Commands({ state, step, missing }: { state: UiState; step: Step; missing: readonly string[] }) {
  const ui = useUi();
  if (state.editing !== null) {
    return (
      <Box flexDirection="column" flexShrink={0}>
        <Text color={ui.c('cyan')} wrap="wrap">
          {ui.t('editPrompt')}
        </Text>
        <Text wrap="wrap">
          <Text bold color={ui.c('cyan')}>
            ❯{' '}
          </Text>
          <Text bold>{state.editing}</Text>
          <Text inverse> </Text>
        </Text>
      </Box>
    );
  }
  const run = state.run && state.run.ref === refOf(state.cursor) ? state.run : null;
  if (run) {
    const running = state.job?.kind === 'run' && !state.replay;
    const current = run.commands.findIndex((c) => !c.result);
    // In a step that passed, a non-zero exit was what the step wanted: no ✘ on it.
    const stepPassed = state.result?.ref === run.ref && state.result.passed;
    return (
      <Box flexDirection="column" flexShrink={0}>
        <Text bold wrap="truncate-end">
          {run.custom !== undefined ? ui.t('ownTitle') : run.substituted ? ui.t('commandsSubstituted', { tool: run.substituted }) : ui.t('commandsTitle')}
        </Text>
        {run.commands.map((c, i) =>
          c.result ? (
            <CommandLine
              key={i}
              command={c.command}
              mark={commandOk(c.result) ? MARKS.pass : stepPassed ? ' ' : MARKS.fail}
              markColor={commandOk(c.result) ? 'green' : 'red'}
              note={commandOk(c.result) ? undefined : commandNote(ui, c.result)}
            />
          ) : (
            <CommandLine key={i} command={c.command} mark={MARKS.pending} markColor="gray" spinning={running && i === current} />
          ),
        )}
      </Box>
    );
  }
  const planned = plannedCommands(step, missing);
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text bold wrap="truncate-end">
        {planned.substituted ? ui.t('commandsSubstituted', { tool: planned.substituted }) : ui.t('commandsTitle')}
      </Text>
      {planned.commands.map((c, i) => (
        <CommandLine key={i} command={c} mark=" " />
      ))}
    </Box>
  );
}

/** Markdown for short texts (explanations, why, hints), as lines. */
function Md({ text, width, color, bullet }: { text: string; width: number; color?: 'gray' | 'yellow'; bullet?: boolean }) {
  const ui = useUi();
  const lines = useMemo(() => renderMarkdown(text, bullet ? width - 2 : width), [text, width, bullet]);
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} color={color ? ui.c(color) : undefined} wrap="truncate-end">
          {(bullet ? (i === 0 ? '- ' : '  ') : '') + (l || ' ')}
        </Text>
      ))}
    </Box>
  );
}

export function CheckRow({ check, packets = true }: { check: Pick<CheckResult, 'passed' | 'expectedFailure' | 'label' | 'actual' | 'captured'>; packets?: boolean }) {
  const ui = useUi();
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={2} flexShrink={0}>
          <Text color={ui.c(check.passed ? 'green' : 'red')} bold>
            {check.passed ? MARKS.pass : MARKS.fail}
          </Text>
        </Box>
        <Box flexShrink={1}>
          <Text wrap="wrap">
            {check.label}
            {check.passed && check.expectedFailure ? <Text color={ui.c('green')}>{` — ${ui.t('failedAsExpected')}`}</Text> : null}
          </Text>
        </Box>
      </Box>
      {!check.passed && check.actual ? (
        <Box paddingLeft={2}>
          <Text color={ui.c('yellow')} wrap="wrap">
            {ui.t('found', { actual: check.actual })}
          </Text>
        </Box>
      ) : null}
      {packets && check.captured && check.captured.length ? (
        <Box paddingLeft={2} flexDirection="column">
          <Text color={ui.c('gray')}>{ui.t('captured')}</Text>
          {check.captured.slice(0, 3).map((p, i) => (
            <Text key={i} color={ui.c('gray')} wrap="truncate-end">
              {'  ' + p}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

function outputTail(commands: LiveCommand[], n: number): string[] {
  return tailLines(
    commands
      .map((c) => c.output)
      .filter(Boolean)
      .join('\n'),
    n,
  );
}

function Hints({ step, shown, width }: { step: Step; shown: number; width: number }) {
  const ui = useUi();
  if (!shown) return null;
  const total = step.hints.length;
  return (
    <Box flexDirection="column" marginTop={1}>
      {step.hints.slice(0, shown).map((h, i) => {
        const isCommand = i === total - 1 && (total > 1 || step.commands.some((c) => c.trim() === h.trim()));
        return (
          <Box key={i} flexDirection="column">
            <Text color={ui.c('yellow')} bold>
              {isCommand ? ui.t('hintCommand', { n: i + 1, total }) : ui.t('hint', { n: i + 1, total })}
            </Text>
            {isCommand ? <CommandLine command={h.replace(/^`+|`+$/g, '')} mark=" " /> : <Md text={h} width={width} />}
          </Box>
        );
      })}
    </Box>
  );
}

function Activity({ state, step, width, rows }: { state: UiState; step: Step; width: number; rows: number }) {
  const ui = useUi();
  const ph = phase(state);
  const ref = refOf(state.cursor);
  const result = state.result && state.result.ref === ref ? state.result : null;
  const run = state.run && state.run.ref === ref ? state.run : null;
  const liveN = Math.max(3, Math.min(10, rows - 16));
  const doneN = Math.max(2, Math.min(5, rows - 20));
  const body: ReactNode[] = [];
  if (ph === 'preparing' || ph === 'resetting' || ph === 'rechecking') {
    const r = state.replay;
    const label =
      ph === 'resetting' && !r
        ? ui.t('resetting')
        : ph === 'rechecking'
          ? ui.t('rechecking')
          : r && r.done < r.total
            ? ui.t('replaying', { done: r.done + 1, total: r.total, ref: r.ref })
            : ui.t('preparing');
    body.push(
      <Text key="prep">
        <Text color={ui.c('cyan')}>
          <Spinner type="dots" />
        </Text>{' '}
        {label}
      </Text>,
    );
    if (r && r.total > 0) body.push(<ProgressBar key="bar" done={r.done} total={r.total} />);
  } else if (ph === 'running') {
    body.push(
      <Text key="run" color={ui.c('cyan')}>
        <Spinner type="dots" /> {state.cancelling ? ui.t('cancelling') : ui.t('running')}
      </Text>,
    );
    const current = run?.commands.find((c) => !c.result && c.output) ?? run?.commands.filter((c) => c.output).slice(-1)[0];
    for (const [i, l] of tailLines(current?.output ?? '', liveN).entries())
      body.push(
        <Text key={`t${i}`} color={ui.c('gray')} wrap="truncate-end">
          {'  ' + truncate(l, width - 2)}
        </Text>,
      );
  } else if (ph === 'error' && state.error) {
    body.push(
      <Text key="err" color={ui.c('red')} wrap="wrap">
        {ui.t(state.error.key, { error: state.error.detail })}
      </Text>,
      <Text key="adv" color={ui.c('gray')} wrap="wrap">
        {ui.t('errorAdvice')}
      </Text>,
    );
  }
  if (ph !== 'running' && result) {
    if (run) {
      const tail = outputTail(run.commands, doneN);
      for (const [i, l] of tail.entries())
        body.push(
          <Text key={`o${i}`} color={ui.c('gray')} wrap="truncate-end">
            {'  ' + truncate(l, width - 2)}
          </Text>,
        );
    }
    if (state.resultSource === 'recheck')
      body.push(
        <Text key="rechecked" color={ui.c('cyan')}>
          {ui.t('recheckedTitle')}
        </Text>,
      );
    body.push(
      <Text key="ct" bold>
        {ui.t('checksTitle')}
      </Text>,
    );
    result.checks.forEach((c, i) => body.push(<CheckRow key={`c${i}`} check={c} />));
    const failed = result.checks.filter((c) => !c.passed).length;
    const cancelled = result.commands.some((c) => c.cancelled);
    const hasNext = !!stepAt(state.course, { lesson: state.cursor.lesson, step: state.cursor.step + 1 }) || !!state.course.lessons[state.cursor.lesson + 1];
    body.push(
      <Text key="sum" bold color={ui.c(result.passed ? 'green' : 'red')} wrap="wrap">
        {result.passed ? (state.mode === 'present' ? ui.t('passed') : hasNext ? ui.t('passedNext') : ui.t('passedLast')) : cancelled ? ui.t('cancelledRun') : ui.t('failed', { n: failed, total: result.checks.length })}
      </Text>,
    );
    if (!result.passed && result.explanations.length) {
      body.push(
        <Text key="et" bold color={ui.c('yellow')}>
          {ui.t('explanationsTitle')}
        </Text>,
      );
      result.explanations.forEach((e, i) => body.push(<Md key={`e${i}`} text={explanationMarkdown(e, ui.lang)} width={width} bullet />));
    }
    if (result.passed && step.why) {
      body.push(
        <Text key="wt" bold color={ui.c('cyan')}>
          {ui.t('whyTitle')}
        </Text>,
      );
      body.push(<Md key="why" text={step.why} width={width} />);
    }
  }
  return (
    <Box flexDirection="column" flexShrink={0} marginTop={body.length ? 1 : 0}>
      {body}
      {state.mode === 'learn' ? <Hints step={step} shown={state.hints} width={width} /> : null}
    </Box>
  );
}

export function statusKeys(ui: Ui, state: UiState, scrollable: boolean): string[] {
  const ph = phase(state);
  const passed = state.result?.passed === true && state.result.ref === refOf(state.cursor);
  const tail = [ui.t('keyHelp'), ui.t('keyQuit')];
  if (state.editing !== null) return [ui.t('keyEnterRun'), ui.t('keyEsc'), ...tail];
  if (ph === 'running' || ph === 'preparing' || ph === 'resetting' || ph === 'rechecking') return [ui.t('keyCtrlC'), ui.t('keyTopo'), ...tail];
  const first = ph === 'error' ? [ui.t('keyEnterRetry'), ui.t('keyReset')] : passed ? [ui.t('keyEnterNext')] : [ui.t('keyEnterRun'), ui.t('keyHint')];
  const rest = [ui.t('keyNP'), passed ? ui.t('keyHint') : '', ui.t('keyEdit'), ui.t('keyShell'), ui.t('keyTopo'), ph === 'error' ? '' : ui.t('keyReset'), ui.t('keyList'), scrollable ? '↑↓' : ''].filter(Boolean);
  return [...first, ...rest, ...tail];
}

export interface LessonViewProps {
  state: UiState;
  width: number;
  height: number;
  missing: readonly string[];
  onScrollMax?: (n: number) => void;
}

/** One step: its prose, its commands, what running them did, and the lab's topology. */
export function LessonView({ state, width, height, missing, onScrollMax }: LessonViewProps) {
  const ui = useUi();
  const { course, cursor } = state;
  const lesson = course.lessons[cursor.lesson];
  const step = stepAt(course, cursor)!;
  const passed = state.result?.passed === true && state.result.ref === refOf(cursor);

  const sideMax = Math.floor(width * 0.5) - 2;
  const sideDrawing = useTopology(width >= 110 ? state.topology : null, sideMax, 1, Math.max(5, height - 4));
  const side = state.showTopology && width >= 110 && (!sideDrawing || sideDrawing.width <= sideMax);
  const topoW = side ? Math.max(24, sideDrawing?.width ?? 40) : width - 2;
  // One line of the panel is its title; what does not fit below it is counted, not cut off.
  const belowDrawing = useTopology(side ? null : state.topology, width - 2, undefined, Math.max(5, Math.floor((height - 3) / 2)) - 1);
  const mainW = side ? width - topoW - 3 : width;
  const textW = Math.max(10, mainW - 2);

  const md = (cursor.step === 0 && lesson.intro ? lesson.intro + '\n\n' : '') + step.prose;
  const lines = useMemo(() => renderMarkdown(md, textW), [md, textW]);
  const proseRef = useRef<DOMElement>(null);
  const mainRef = useRef<DOMElement>(null);
  const restRef = useRef<DOMElement>(null);
  const [proseH, setProseH] = useState(lines.length);
  // When the commands and their results are taller than the room left, keep
  // their end (the verdict) in view and let the top go.
  const [bottomAlign, setBottomAlign] = useState(false);
  const scroll = Math.min(state.scroll, Math.max(0, lines.length - 1));
  useEffect(() => {
    if (proseRef.current) {
      const h = measureElement(proseRef.current).height;
      if (h !== proseH) setProseH(h);
    }
    if (mainRef.current && restRef.current) {
      const over = measureElement(restRef.current).height > measureElement(mainRef.current).height;
      if (over !== bottomAlign) setBottomAlign(over);
    }
  });
  const scrollMax = Math.max(0, lines.length - proseH);
  useEffect(() => onScrollMax?.(scrollMax), [scrollMax, onScrollMax]);
  const hiddenBelow = Math.max(0, lines.length - scroll - proseH);

  const compact = height < 20;
  // The topology keeps its height, up to about half of the room below the header.
  const topoH = Math.min((belowDrawing?.height ?? 1) + 1, Math.max(5, Math.floor((height - 3) / 2)));
  const lessonTitle = ui.t('lessonHeader', { n: cursor.lesson + 1, title: lesson.title });
  const stepTitle = ui.t('stepHeader', { n: cursor.step + 1, total: lesson.steps.length, title: step.title });
  const status = ui.t('status', { l: cursor.lesson + 1, L: course.lessons.length, s: cursor.step + 1, S: lesson.steps.length });
  const keys = statusKeys(ui, state, scrollMax > 0);

  const main = (
    <Box ref={mainRef} flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden" justifyContent={bottomAlign ? 'flex-end' : 'flex-start'}>
      <Box ref={proseRef} flexDirection="column" flexShrink={1} overflow="hidden" paddingX={1}>
        {/* The lines keep their height and get clipped, rather than squeezed onto each other. */}
        <Box flexDirection="column" flexShrink={0}>
          {lines.slice(scroll).map((l, i) => (
            <Text key={i} wrap="truncate-end">
              {l || ' '}
            </Text>
          ))}
        </Box>
      </Box>
      <Box ref={restRef} flexDirection="column" flexShrink={0}>
        {(hiddenBelow > 0 || scroll > 0) && proseH > 0 ? (
          <Box paddingX={1} flexShrink={0}>
            <Text color={ui.c('gray')} wrap="truncate-end">
              {[scroll > 0 ? ui.t(scroll === 1 ? 'moreAbove1' : 'moreAbove', { n: scroll }) : '', hiddenBelow > 0 ? ui.t(hiddenBelow === 1 ? 'moreBelow1' : 'moreBelow', { n: hiddenBelow }) : ''].filter(Boolean).join('   ')}
            </Text>
          </Box>
        ) : null}
        <Box flexDirection="column" flexShrink={0} paddingX={1} marginTop={1}>
          <Commands state={state} step={step} missing={missing} />
          <Activity state={state} step={step} width={textW} rows={height + 1} />
        </Box>
      </Box>
    </Box>
  );

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
        <Box flexDirection="row" flexGrow={1} flexShrink={1} overflow="hidden">
          <Box flexDirection="column" width={mainW} flexShrink={0} overflow="hidden">
            {main}
          </Box>
          <Box marginLeft={1} flexDirection="column" flexShrink={0} width={topoW}>
            <TopologyPanel drawing={sideDrawing} width={topoW} />
          </Box>
        </Box>
      ) : (
        <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
          {main}
          {state.showTopology ? (
            <Box flexDirection="column" paddingX={1} marginTop={1} flexShrink={0} height={topoH} overflow="hidden">
              <TopologyPanel drawing={belowDrawing} width={width - 2} />
            </Box>
          ) : null}
        </Box>
      )}
      {state.notice ? <NoticeLine text={ui.t(state.notice.key, state.notice.vars)} tone="warn" /> : null}
      <StatusLine left={status} keys={keys} width={width} passed={passed} />
    </Box>
  );
}
