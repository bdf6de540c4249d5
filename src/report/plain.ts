/** The plain front end: a transcript of engine events with no escape codes, for pipes, logs and screen readers. */
import type { Lang } from '../i18n/index.js';
import { stripControls } from '../text/sanitize.js';
import { tr } from './messages.js';
import { explanationMarkdown } from '../explain/present.js';
import type { Course } from '../lesson/types.js';
import type { EngineEvent, StepResult } from '../engine/types.js';
import { markdownToText } from '../text/markdown-text.js';

/** A command's output is shown up to this many characters: its head and its tail, with what was left out counted. */
export const SHOWN_OUTPUT_CHARS = 64 * 1024;

/** A whole text, bounded as HeadAndTail bounds a stream. */
export function headAndTail(text: string, max = SHOWN_OUTPUT_CHARS): string {
  const h = new HeadAndTail(max);
  h.add(text);
  return h.toString();
}

/**
 * A command's output as it streams in, which may be without end: its first half-budget of
 * characters, a rolling tail of the other half, and the count of what fell out between them.
 * The tail is trimmed lazily (it may hold twice its share between calls), never when shown.
 */
export class HeadAndTail {
  private head = '';
  private tail = '';
  private dropped = 0;
  constructor(private max = SHOWN_OUTPUT_CHARS) {}
  private get half(): number {
    return Math.floor(this.max / 2);
  }
  /** What the tail may show: the rest of the budget. */
  private get keep(): number {
    return this.max - this.half;
  }
  add(chunk: string): void {
    if (this.head.length < this.half) {
      const take = chunk.slice(0, this.half - this.head.length);
      this.head += take;
      chunk = chunk.slice(take.length);
    }
    if (chunk.length > this.keep) {
      this.dropped += this.tail.length + chunk.length - this.keep;
      this.tail = chunk.slice(chunk.length - this.keep);
    } else if (this.tail.length + chunk.length > 2 * this.keep) {
      const all = this.tail + chunk;
      this.dropped += all.length - this.keep;
      this.tail = all.slice(all.length - this.keep);
    } else this.tail += chunk;
  }
  toString(): string {
    const extra = Math.max(0, this.tail.length - this.keep);
    const dropped = this.dropped + extra;
    return dropped ? `${this.head}\n[… ${dropped} characters not shown …]\n${this.tail.slice(extra)}` : this.head + this.tail;
  }
}

function indent(text: string, pad = '    '): string {
  return stripControls(text)
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

export interface PlainOptions {
  lang: Lang;
  course: Course;
  /** 'transcript' prints prose and output; 'summary' one line per step plus failures. */
  verbosity: 'transcript' | 'summary';
  write?: (s: string) => void;
}

export function formatChecks(r: StepResult, lang: Lang): string[] {
  const lines: string[] = [];
  for (const c of r.checks) {
    if (c.passed) lines.push(`  ✔ ${stripControls(c.label)}${c.expectedFailure ? ` — ${tr(lang, 'failedAsExpected')}` : ''}`);
    else lines.push(`  ✘ ${stripControls(c.label)}${c.actual ? ` — ${stripControls(c.actual)}` : ''}`);
    if (c.captured?.length) for (const p of c.captured.slice(0, 6)) lines.push(`      ${stripControls(p)}`);
  }
  if (!r.passed && r.explanations.length) {
    lines.push(`  ${tr(lang, 'explanation')}:`);
    for (const e of r.explanations) lines.push(indent(explanationMarkdown(e, lang), '    • ').replace(/\n {4}• /g, '\n      '));
  }
  return lines;
}

export class PlainReporter {
  private lessonShown = -1;
  private pendingOutput = new HeadAndTail();
  private write: (s: string) => void;

  constructor(private opts: PlainOptions) {
    this.write = opts.write ?? ((s) => process.stdout.write(s));
  }

  private line(s = ''): void {
    this.write(stripControls(s) + '\n');
  }

  private flushOutput(): void {
    const text = this.pendingOutput.toString();
    if (text) this.line(indent(text));
    this.pendingOutput = new HeadAndTail();
  }

  on = (e: EngineEvent): void => {
    const { lang, course, verbosity } = this.opts;
    const full = verbosity === 'transcript';
    switch (e.type) {
      case 'lab-ready':
        this.line(tr(lang, 'labReady', { mode: tr(lang, e.mode === 'root' ? 'modeRoot' : 'modeRootless'), ms: Math.round(e.ms) }));
        break;
      case 'step-start': {
        const li = Number(e.ref.split('.')[0]) - 1;
        if (full && li !== this.lessonShown) {
          this.lessonShown = li;
          const l = course.lessons[li];
          this.line();
          this.line(`== ${tr(lang, 'lesson', { n: li + 1, total: course.lessons.length, title: l.title })} ==`);
          if (l.intro) for (const x of markdownToText(l.intro)) this.line(x);
        }
        if (full) {
          this.line();
          this.line(`-- ${e.ref} ${e.step.title} --`);
          if (e.step.prose) for (const x of markdownToText(e.step.prose)) this.line(x);
          this.line();
        }
        if (e.substituted) this.line(tr(lang, 'substituted', { tool: e.substituted }));
        break;
      }
      case 'command-start':
        if (full) this.line(`$ ${e.command}`);
        break;
      case 'output':
        if (full) this.pendingOutput.add(e.chunk);
        break;
      case 'command-end':
        if (full) this.flushOutput();
        break;
      case 'step-end': {
        const r = e.result;
        if (!full) this.line(`${r.passed ? '✔' : '✘'} ${r.ref} ${r.step.title} (${(r.durationMs / 1000).toFixed(1)} s)`);
        if (full || !r.passed) for (const l of formatChecks(r, lang)) this.line(l);
        if (full && r.passed && r.step.why) this.line(indent(`${tr(lang, 'why')}: ${markdownToText(r.step.why, 76).join('\n')}`, '  '));
        break;
      }
      case 'replay-progress':
        break;
    }
  };
}
