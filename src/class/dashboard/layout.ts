/** The dashboard as lines of text for a terminal of a given size: pure, so it is tested on recorded classes. */
import type { Lang } from '../../i18n/index.js';
import { padEnd, stringWidth, truncate, wrap } from '../../ui/text.js';
import { statuses, stepSummaries, type ClassModel, type Learner, type LearnerStatus } from '../model.js';
import { td } from './messages.js';
import type { DashboardView } from './view.js';

export type Tone = 'title' | 'head' | 'stuck' | 'done' | 'dim' | 'selected' | 'plain' | 'fail' | 'pass';

export interface Line {
  text: string;
  tone: Tone;
}

export interface Frame {
  lines: Line[];
  /** Learners in the order shown, for the keys. */
  ids: string[];
  /** Rows the scrolling list has. */
  listRows: number;
  steps: number;
}

export interface FrameInput {
  model: ClassModel;
  view: DashboardView;
  now: number;
  columns: number;
  /** The terminal's rows: the frame leaves the last one free, as Ink needs. */
  rows: number;
  url: string;
  code: string;
  lang: Lang;
  traffic: { accepted: number; refused: number };
}

/** "42s", "4m05", "1h02". */
export function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}`;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** `s` cut or padded to exactly `w` columns. Plain ASCII takes a fast path: a frame has hundreds of cells. */
export function cell(s: string, w: number): string {
  if (w <= 0) return '';
  if (PRINTABLE_ASCII.test(s)) return s.length > w ? s.slice(0, w - 1) + '…' : s + ' '.repeat(w - s.length);
  // Names and labels come back every frame; measuring graphemes is the slow part, so results are kept.
  const key = `${w}\u0000${s}`;
  let out = cells.get(key);
  if (out === undefined) {
    // A wide character that did not fit leaves one column short: padEnd fills it.
    out = padEnd(truncate(s, w), w);
    if (cells.size > 20_000) cells.clear();
    cells.set(key, out);
  }
  return out;
}

const cells = new Map<string, string>();

/** One character per step; a space between lessons when there is room. `start` is the first step shown. */
export function marks(st: LearnerStatus, steps: { ref: string }[], start: number, count: number, gaps: boolean): string {
  let out = '';
  let lesson = '';
  for (const s of steps.slice(start, start + count)) {
    const l = s.ref.split('.')[0];
    if (gaps && lesson && l !== lesson) out += ' ';
    lesson = l;
    if (st.done.includes(s.ref)) out += '✔';
    else if (s.ref === st.current) out += st.failing !== null ? '✘' : '●';
    else if (st.skipped.includes(s.ref)) out += '»';
    else out += '·';
  }
  return out;
}

export function frame(inp: FrameInput): Frame {
  const { model, view, now, columns: W, lang } = inp;
  const H = Math.max(6, inp.rows - 1);
  const t = (k: Parameters<typeof td>[1], v?: Record<string, string | number>) => td(lang, k, v);
  const list = statuses(model, now);
  const steps = model.course?.steps ?? [];
  const lines: Line[] = [];
  const push = (text: string, tone: Tone = 'plain') => lines.push({ text: cell(text, W), tone });
  // Rows built from cells that add up to W are not measured again.
  const row = (text: string, tone: Tone) => lines.push({ text, tone });
  const stuck = list.filter((l) => l.stuck).length;
  const finished = list.filter((l) => l.finished).length;
  push(t('title', { url: inp.url, code: inp.code }), 'title');
  push(t('counts', { n: list.length, stuck, finished }) + '   ' + t('legend'), 'dim');
  const summaries = stepSummaries(model, list);
  const on = summaries.filter((s) => s.here > 0).map((s) => `${s.ref} ×${s.here}${s.stuck ? ` (${s.stuck}!)` : ''}`);
  push(t('nowOn') + (on.length ? on.join(' · ') : t('nobody')), stuck ? 'stuck' : 'plain');
  const footer = (keys: string) => {
    const right = t('traffic', inp.traffic);
    const gap = W - stringWidth(keys) - stringWidth(right);
    return gap >= 2 ? keys + ' '.repeat(gap) + right : keys;
  };
  const body = Math.max(1, H - lines.length - 2);

  if (view.screen === 'learner') {
    const l = view.learnerId ? model.learners.get(view.learnerId) : undefined;
    const st = l ? list.find((x) => x.id === l.id) : undefined;
    const out: Line[] = [];
    if (!l || !st) out.push({ text: t('gone'), tone: 'dim' });
    else out.push(...learnerLines(l, st, steps.length, W, t));
    for (const x of out.slice(0, body + 1)) push(x.text, x.tone);
    while (lines.length < H - 1) push('');
    push(footer(t('keysLearner')), 'dim');
    return { lines, ids: list.map((x) => x.id), listRows: body, steps: steps.length };
  }

  if (view.screen === 'steps') {
    const refW = 5;
    const numW = 7;
    const titleW = Math.max(10, Math.floor((W - refW - numW * 3) * 0.45));
    const topW = Math.max(0, W - refW - titleW - numW * 3);
    push(cell(t('colRef'), refW) + cell(t('colTitle'), titleW) + cell(t('colPassed'), numW) + cell(t('colHere'), numW) + cell(t('colStuck'), numW) + cell(t('colTop'), topW), 'head');
    const rows = Math.max(1, body);
    const first = Math.min(view.scroll, Math.max(0, summaries.length - rows));
    for (const s of summaries.slice(first, first + rows)) {
      const top = s.topFailing ? `${s.topFailing.count}× ${s.topFailing.label}` : '';
      row(cell(s.ref, refW) + cell(s.title, titleW - 1) + ' ' + cell(String(s.passed), numW) + cell(String(s.here), numW) + cell(s.stuck ? `${s.stuck}!` : '0', numW) + cell(top, topW), s.stuck ? 'stuck' : 'plain');
    }
    while (lines.length < H - 1) push('');
    push(footer(t('keysSteps')), 'dim');
    return { lines, ids: list.map((x) => x.id), listRows: rows, steps: summaries.length };
  }

  // The learners: name, where, a mark per step, time there, hints/whys, the check failing now.
  const nameW = Math.min(16, Math.max(8, Math.floor(W * 0.16)));
  const atW = 5;
  const timeW = 6;
  const hwW = 6;
  const fixed = 2 + nameW + 1 + atW + 1 + timeW + hwW;
  const markRoom = Math.max(5, W - fixed - 12);
  const lessonsCount = new Set(steps.map((s) => s.ref.split('.')[0])).size;
  const gaps = steps.length + lessonsCount - 1 <= markRoom;
  const markCount = Math.min(steps.length, markRoom);
  // With more steps than room, show the window that holds the stuck learners' steps (else the slowest's).
  const index = (ref: string | null) => steps.findIndex((s) => s.ref === ref);
  const focus = list.filter((l) => l.current && !l.finished).map((l) => index(l.current)).filter((i) => i >= 0);
  const start = markCount < steps.length ? Math.max(0, Math.min(Math.min(...focus, steps.length) - 2, steps.length - markCount)) : 0;
  const markW = gaps ? steps.length + lessonsCount - 1 : markCount;
  const failW = Math.max(0, W - fixed - markW - 1);
  const stepsHead = start > 0 ? `${t('colSteps')} ${steps[start].ref}→` : t('colSteps');
  push('  ' + cell(t('colName'), nameW) + ' ' + cell(t('colAt'), atW) + ' ' + cell(stepsHead, markW) + ' ' + cell(t('colTime'), timeW) + cell(t('colHw'), hwW) + cell(t('colFailing'), failW), 'head');
  const rows = Math.max(1, body);
  if (!list.length) push(t('waitingForLearners', { url: inp.url, code: inp.code }), 'dim');
  const first = Math.min(view.scroll, Math.max(0, list.length - rows));
  list.slice(first, first + rows).forEach((st, i) => {
    const selected = first + i === view.selected;
    const flag = st.stuck ? '!' : st.finished ? '✔' : ' ';
    const text =
      (selected ? '›' : ' ') +
      flag +
      cell(st.name, nameW) +
      ' ' +
      cell(st.finished ? '✔' : (st.current ?? '—'), atW) +
      ' ' +
      cell(marks(st, steps, start, markCount, gaps), markW) +
      ' ' +
      cell(st.onStepMs ? duration(st.onStepMs) : '', timeW) +
      cell(`${st.hints}/${st.whys}`, hwW) +
      cell(st.failing ?? '', failW);
    row(text, selected ? 'selected' : st.stuck ? 'stuck' : st.finished ? 'done' : 'plain');
  });
  while (lines.length < H - 1) push('');
  push(footer(t('keysList')), 'dim');
  return { lines, ids: list.map((x) => x.id), listRows: rows, steps: steps.length };
}

function learnerLines(l: Learner, st: LearnerStatus, total: number, W: number, t: (k: Parameters<typeof td>[1], v?: Record<string, string | number>) => string): Line[] {
  const out: Line[] = [];
  out.push({ text: t('learnerHead', { name: st.name, at: st.current ?? '—', time: duration(st.onStepMs), passed: st.done.length, total }), tone: st.stuck ? 'stuck' : 'head' });
  const skipped = st.skipped.length ? ` · » ${st.skipped.join(' ')}` : '';
  out.push({ text: t('learnerLine', { attempts: st.attempts, failed: st.failedAttempts, hints: st.hints, whys: st.whys, skipped }), tone: 'dim' });
  if (!l.recent.length) out.push({ text: t('noAttempts'), tone: 'dim' });
  for (const a of [...l.recent].reverse()) {
    const how = a.commands.length === 0 ? t('shellCheck') : a.typed ? t('typed') : t('lessonCommands');
    out.push({ text: `${a.passed ? '✔' : '✘'} ${a.ref} (${how})`, tone: a.passed ? 'pass' : 'fail' });
    for (const c of a.commands.slice(0, 3)) out.push({ text: `    $ ${c}`, tone: 'plain' });
    if (a.commands.length > 3) out.push({ text: `    … +${a.commands.length - 3}`, tone: 'dim' });
    if (!a.passed && a.failing) out.push({ text: `    ${t('failingLabel')}${a.failing}`, tone: 'plain' });
    if (!a.passed && a.explanation) {
      const label = t('explanationLabel');
      const wrapped = wrap(a.explanation.replace(/\s*\n\s*/g, ' '), W - 4 - stringWidth(label));
      wrapped.slice(0, 3).forEach((w, i) => out.push({ text: `    ${i === 0 ? label : ' '.repeat(stringWidth(label))}${w}`, tone: 'plain' }));
    }
  }
  return out;
}
