import { Box, Text } from 'ink';
import type { ToolInfo } from '../../lab/tools.js';
import { installHint } from '../../lab/tools.js';
import { useUi } from '../context.js';
import { entryFor, lessonStatus, refOf, stepAt, type UiState } from '../state/reducer.js';
import { padEnd, stringWidth, truncate } from '../text.js';
import { NoticeLine } from './StatusLine.js';

export interface Environment {
  mode?: 'root' | 'rootless';
  missing: ToolInfo[];
  doctor?: string;
}

export const MARK = { done: '✔', current: '➜', todo: '◦' } as const;

/** The one line about where the lab runs and what the machine lacks. */
export function environmentLine(ui: ReturnType<typeof useUi>, env: Environment, labMode?: 'root' | 'rootless'): string {
  const mode = labMode ?? env.mode;
  const parts = [mode === 'root' ? ui.t('envModeRoot') : mode === 'rootless' ? ui.t('envModeRootless') : ui.t('envModeUnknown')];
  parts.push(env.missing.length ? ui.t('envToolsMissing', { tools: env.missing.map((t) => t.name).join(', '), hint: installHint(env.missing) }) : ui.t('envToolsOk'));
  if (env.doctor) parts.push(ui.t('envDoctor', { summary: env.doctor }));
  return parts.join(' · ');
}

export function Menu({ state, env, width, height }: { state: UiState; env: Environment; width: number; height: number }) {
  const ui = useUi();
  const lessons = state.course.lessons;
  const titleW = Math.min(Math.max(...lessons.map((l, i) => stringWidth(`${i + 1}. ${l.title}`))), Math.floor(width * 0.6));
  const sel = state.menuIndex;
  const entry = entryFor(state, sel);
  const entryStep = stepAt(state.course, entry);
  const allDone = lessons.every((_, i) => lessonStatus(state, i) === 'done');
  const continuing = state.resume !== null && entry.lesson === sel && refOf(entry) === state.resume;
  // Long courses scroll with the selection.
  const room = Math.max(3, height - 9);
  const first = Math.max(0, Math.min(sel - Math.floor(room / 2), lessons.length - room));
  const visible = lessons.slice(first, first + room);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box flexDirection="column" flexShrink={0}>
      <Text bold color={ui.c('cyan')} wrap="truncate-end">
        {ui.t('appTitle')}
      </Text>
      <Text wrap="wrap">
        <Text bold>{ui.t('envLine')} </Text>
        {environmentLine(ui, env, state.labMode)}
      </Text>
      <Text> </Text>
      {visible.map((l, k) => {
        const i = first + k;
        const status = lessonStatus(state, i);
        const doneSteps = l.steps.filter((_, si) => state.done.includes(`${i + 1}.${si + 1}`)).length;
        const word = status === 'done' ? ui.t('menuDone') : status === 'current' ? ui.t('menuCurrent') : ui.t('menuTodo');
        const extra = status !== 'done' && doneSteps > 0 ? ui.t('menuPartial', { done: doneSteps, total: l.steps.length }) : l.steps.length === 1 ? ui.t('menuStep1') : ui.t('menuSteps', { total: l.steps.length });
        const color = status === 'done' ? 'green' : status === 'current' ? 'cyan' : undefined;
        const selected = i === sel;
        return (
          <Text key={l.id} wrap="truncate-end">
            <Text bold={selected}>{selected ? '❯ ' : '  '}</Text>
            <Text color={color ? ui.c(color) : undefined}>{MARK[status]} </Text>
            <Text bold={selected} inverse={selected}>
              {padEnd(truncate(`${i + 1}. ${l.title}`, titleW), titleW)}
            </Text>
            <Text color={color ? ui.c(color) : undefined}>{`  ${word}`}</Text>
            <Text color={ui.c('gray')}>{` · ${extra}`}</Text>
          </Text>
        );
      })}
      <Text> </Text>
      <Text wrap="truncate-end" bold>
        {allDone && !state.opened
          ? ui.t('menuCourseDone')
          : continuing
            ? ui.t('menuContinue', { ref: refOf(entry), title: entryStep?.title ?? '' })
            : ui.t('menuOpen', { n: sel + 1, ref: refOf(entry) })}
      </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1} />
      {state.notice ? <NoticeLine text={ui.t(state.notice.key, state.notice.vars)} /> : null}
      <Box flexShrink={0}>
        <Text color={ui.c('gray')} wrap="truncate-end">
          {ui.t('menuKeys')}
        </Text>
      </Box>
    </Box>
  );
}
