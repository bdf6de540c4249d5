/**
 * Everything a step view shows, as lines already wrapped to the width: the
 * prose, the commands and all their output, every check with every packet,
 * the verdict, the explanations and their proven fixes, the why, the hints.
 * Nothing is cut; the view scrolls over these lines (see viewport.ts).
 */
import type { CheckResult } from '../../engine/types.js';
import type { CommandResult } from '../../lab/sandbox.js';
import type { Step } from '../../lesson/types.js';
import type { MessageKey } from '../messages.js';
import { renderMarkdown } from '../markdown.js';
import type { Explanation } from '../../engine/types.js';
import { refOf, stepAt, type LiveCommand, type UiState } from '../state/reducer.js';
import { stringWidth, wrap } from '../text.js';
import type { Paint, Style } from './paint.js';

export const MARKS = { pass: '✔', fail: '✘', pending: '◦', running: '▸' } as const;

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface BodyOptions {
  state: UiState;
  width: number;
  /** Tools this machine lacks (a step then runs its `without` commands). */
  missing: readonly string[];
  t: Translate;
  paint: Paint;
  /** Presenter mode: no prose and no hints; the title is drawn by the view. */
  present?: boolean;
}

export interface Body {
  lines: string[];
  /** Where the view rests when the learner has not scrolled: the top before a run, the newest result after. */
  anchor: 'top' | 'end';
  /** The line that must be in view when resting at the end: the newest hint, else the verdict. */
  focus?: number;
}

/** The commands a step will run on this machine (its `without` ones when a tool is missing). */
export function plannedCommands(step: Step, missing: readonly string[]): { commands: string[]; substituted?: string } {
  for (const [tool, alt] of Object.entries(step.without)) if (missing.includes(tool)) return { commands: alt, substituted: tool };
  return { commands: step.commands };
}

export function commandOk(r: CommandResult): boolean {
  return r.code === 0 && !r.timedOut && !r.cancelled;
}

export function commandNote(t: Translate, r: CommandResult): string {
  if (r.cancelled) return t('cancelled');
  if (r.timedOut) return t('timedOut');
  if (r.code === null && r.signal) return t('killedBy', { signal: r.signal });
  return t('exitCode', { code: r.code ?? '?' });
}

/**
 * Wraps one logical line to the width with a prefix on its first row and
 * another on the rows it wraps onto. Leading spaces of the text are kept
 * (command output lines up in columns).
 */
export function hang(text: string, width: number, first: string, rest: string = ' '.repeat(stringWidth(first))): string[] {
  const room = Math.max(4, width - Math.max(stringWidth(first), stringWidth(rest)));
  const rows = text === '' ? [''] : wrap(text, room, false);
  return rows.map((r, i) => (i === 0 ? first : rest) + r.replace(/\s+$/, ''));
}

function styled(lines: string[], paint: Paint, style: Style): string[] {
  return lines.map((l) => paint(l, style));
}

function outputLines(c: LiveCommand, o: BodyOptions): string[] {
  const out: string[] = [];
  if (c.cut) out.push(o.paint(`    ${o.t('outputCut', { n: c.cut })}`, { color: 'gray' }));
  const text = c.output.replace(/\n+$/, '');
  if (!text) return out;
  for (const line of text.split('\n')) out.push(...styled(hang(line, o.width, '    ', '      '), o.paint, { color: 'gray' }));
  return out;
}

function commandRow(o: BodyOptions, command: string, mark: string, markStyle: Style, note?: string): string[] {
  const text = `$ ${command}${note ? `  (${note})` : ''}`;
  return hang(text, o.width, '  ', '    ').map((l, i) => (i === 0 ? o.paint(mark, markStyle) + ' ' + l.slice(2) : l));
}

function commandBlock(o: BodyOptions, step: Step): string[] {
  const { state, t, paint } = o;
  const ref = refOf(state.cursor);
  const run = state.run && state.run.ref === ref ? state.run : null;
  const lines: string[] = [];
  if (!run) {
    const planned = plannedCommands(step, o.missing);
    lines.push(paint(planned.substituted ? t('commandsSubstituted', { tool: planned.substituted }) : t('commandsTitle'), { bold: true }));
    for (const c of planned.commands) lines.push(...commandRow(o, c, ' ', {}));
    return lines;
  }
  const running = state.job?.kind === 'run' && !state.replay;
  const current = run.commands.findIndex((c) => !c.result);
  // In a step that passed, a non-zero exit was what the step wanted: no ✘ on it.
  const stepPassed = state.result?.ref === run.ref && state.result.passed;
  const title = run.custom !== undefined ? t('ownTitle') : run.substituted ? t('commandsSubstituted', { tool: run.substituted }) : t('commandsTitle');
  lines.push(paint(title, { bold: true }));
  run.commands.forEach((c, i) => {
    if (c.result) {
      const ok = commandOk(c.result);
      lines.push(...commandRow(o, c.command, ok ? MARKS.pass : stepPassed ? ' ' : MARKS.fail, { color: ok ? 'green' : 'red' }, ok ? undefined : commandNote(t, c.result)));
    } else {
      const now = running && i === current;
      lines.push(...commandRow(o, c.command, now ? MARKS.running : MARKS.pending, { color: now ? 'cyan' : 'gray' }));
    }
    lines.push(...outputLines(c, o));
  });
  return lines;
}

export function checkLines(o: Pick<BodyOptions, 'width' | 't' | 'paint'>, check: Pick<CheckResult, 'passed' | 'expectedFailure' | 'label' | 'actual' | 'captured'>): string[] {
  const { t, paint, width } = o;
  const lines: string[] = [];
  const label = check.passed && check.expectedFailure ? `${check.label} — ${t('failedAsExpected')}` : check.label;
  hang(label, width, '  ', '  ').forEach((l, i) => lines.push(i === 0 ? paint(check.passed ? MARKS.pass : MARKS.fail, { color: check.passed ? 'green' : 'red', bold: true }) + ' ' + l.slice(2) : l));
  if (!check.passed && check.actual) lines.push(...styled(hang(t('found', { actual: check.actual }), width, '  ', '    '), paint, { color: 'yellow' }));
  if (check.captured?.length) {
    lines.push(paint(`  ${t('captured')}`, { color: 'gray' }));
    for (const p of check.captured) lines.push(...styled(hang(p, width, '    ', '      '), paint, { color: 'gray' }));
  }
  return lines;
}

function markdown(o: BodyOptions, text: string, style?: Style, bullet = false): string[] {
  const rows = renderMarkdown(text, bullet ? o.width - 2 : o.width);
  return rows.map((l, i) => {
    const line = (bullet ? (i === 0 ? '- ' : '  ') : '') + l;
    return style ? o.paint(line, style) : line;
  });
}

function explanationLines(o: BodyOptions, ex: Explanation): string[] {
  const lines = markdown(o, ex.text, undefined, true);
  if (ex.fix) {
    lines.push(...styled(hang(o.t('fixTitle'), o.width, '  '), o.paint, { color: 'green' }));
    lines.push(...hang(`$ ${ex.fix}`, o.width, '    ', '      ').map((l) => o.paint(l, { bold: true })));
  }
  return lines;
}

/** The explanations to show for a result: the latest the engine sent for it, else the result's own. */
export function currentExplanations(state: UiState): { list: Explanation[]; proving: boolean } {
  const r = state.result;
  if (!r) return { list: [], proving: false };
  if (state.explained && state.explained.ref === r.ref) return { list: state.explained.explanations, proving: state.explained.proving };
  return { list: r.explanations, proving: r.proving };
}

function resultLines(o: BodyOptions, step: Step, at: { verdict?: number }): string[] {
  const { state, t, paint } = o;
  const ref = refOf(state.cursor);
  const result = state.result && state.result.ref === ref ? state.result : null;
  if (!result) return [];
  const lines: string[] = [''];
  if (state.resultSource === 'recheck') lines.push(paint(t('recheckedTitle'), { color: 'cyan' }));
  lines.push(paint(t('checksTitle'), { bold: true }));
  for (const c of result.checks) lines.push(...checkLines(o, c));
  const failed = result.checks.filter((c) => !c.passed).length;
  const cancelled = result.commands.some((c) => c.cancelled);
  const hasNext = !!stepAt(state.course, { lesson: state.cursor.lesson, step: state.cursor.step + 1 }) || !!state.course.lessons[state.cursor.lesson + 1];
  const verdict = result.passed
    ? o.present
      ? t('passed')
      : hasNext
        ? t('passedNext')
        : t('passedLast')
    : cancelled
      ? t('cancelledRun')
      : t('failed', { n: failed, total: result.checks.length });
  at.verdict = lines.length;
  lines.push(...styled(hang(verdict, o.width, ''), paint, { bold: true, color: result.passed ? 'green' : 'red' }));
  if (!result.passed) {
    const { list, proving } = currentExplanations(state);
    if (list.length) {
      lines.push(paint(t('explanationsTitle'), { bold: true, color: 'yellow' }));
      const shown = state.allExplanations ? list : list.slice(0, 1);
      for (const e of shown) lines.push(...explanationLines(o, e));
      const more = list.length - shown.length;
      if (more > 0) lines.push(paint(more === 1 ? t('moreExplanation1') : t('moreExplanations', { n: more }), { color: 'gray' }));
    }
    if (proving) lines.push(paint(t('proving'), { color: 'gray' }));
  }
  if (result.passed && step.why) {
    lines.push(paint(t('whyTitle'), { bold: true, color: 'cyan' }));
    lines.push(...markdown(o, step.why));
  }
  return lines;
}

function errorLines(o: BodyOptions): string[] {
  const { state, t, paint } = o;
  if (!state.error || state.job) return [];
  return ['', ...styled(hang(t(state.error.key, { error: state.error.detail }), o.width, ''), paint, { color: 'red' }), ...styled(hang(t('errorAdvice'), o.width, ''), paint, { color: 'gray' })];
}

function hintLines(o: BodyOptions, step: Step): string[] {
  const shown = o.state.hints;
  if (!shown || o.present) return [];
  const total = step.hints.length;
  const lines: string[] = [];
  step.hints.slice(0, shown).forEach((h, i) => {
    const isCommand = i === total - 1 && (total > 1 || step.commands.some((c) => c.trim() === h.trim()));
    lines.push('', o.paint(isCommand ? o.t('hintCommand', { n: i + 1, total }) : o.t('hint', { n: i + 1, total }), { bold: true, color: 'yellow' }));
    if (isCommand) lines.push(...commandRow(o, h.replace(/^`+|`+$/g, ''), ' ', {}));
    else lines.push(...markdown(o, h));
  });
  return lines;
}

/** The whole step view body at a width. */
export function stepBody(o: BodyOptions): Body {
  const { state } = o;
  const { course, cursor } = state;
  const lesson = course.lessons[cursor.lesson];
  const step = stepAt(course, cursor)!;
  const lines: string[] = [];
  if (!o.present) {
    const md = (cursor.step === 0 && lesson.intro ? lesson.intro + '\n\n' : '') + step.prose;
    lines.push(...renderMarkdown(md, o.width), '');
  }
  lines.push(...commandBlock(o, step));
  const at: { verdict?: number } = {};
  const before = lines.length;
  lines.push(...resultLines(o, step, at));
  let focus = at.verdict !== undefined ? before + at.verdict : undefined;
  lines.push(...errorLines(o));
  const hints = hintLines(o, step);
  // The newest hint starts after its blank line.
  if (hints.length) focus = lines.length + hints.lastIndexOf('') + 1;
  lines.push(...hints);
  const ref = refOf(cursor);
  const acted = (state.run && state.run.ref === ref) || (state.result && state.result.ref === ref) || state.error || state.hints > 0;
  return { lines, anchor: acted ? 'end' : 'top', focus };
}
