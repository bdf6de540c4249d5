/** The plain front end: a transcript of engine events with no escape codes, for pipes, logs and screen readers. */
import type { Lang } from '../i18n/index.js';
import { tc } from '../cli/messages.js';
import { explanationMarkdown } from '../explain/present.js';
import type { Course } from '../lesson/types.js';
import type { EngineEvent, StepResult } from '../engine/types.js';
import { markdownToText } from '../text/markdown-text.js';
import { stripControls } from '../text/sanitize.js';

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
    if (c.passed) lines.push(`  ✔ ${c.label}${c.expectedFailure ? ` — ${tc(lang, 'failedAsExpected')}` : ''}`);
    else lines.push(`  ✘ ${c.label}${c.actual ? ` — ${c.actual}` : ''}`);
    if (c.captured?.length) for (const p of c.captured.slice(0, 6)) lines.push(`      ${stripControls(p)}`);
  }
  if (!r.passed && r.explanations.length) {
    lines.push(`  ${tc(lang, 'explanation')}:`);
    for (const e of r.explanations) lines.push(indent(explanationMarkdown(e, lang), '    • ').replace(/\n {4}• /g, '\n      '));
  }
  return lines;
}

export class PlainReporter {
  private lessonShown = -1;
  private pendingOutput = '';
  private write: (s: string) => void;

  constructor(private opts: PlainOptions) {
    this.write = opts.write ?? ((s) => process.stdout.write(s));
  }

  private line(s = ''): void {
    this.write(stripControls(s) + '\n');
  }

  private flushOutput(): void {
    if (this.pendingOutput) this.line(indent(this.pendingOutput));
    this.pendingOutput = '';
  }

  on = (e: EngineEvent): void => {
    const { lang, course, verbosity } = this.opts;
    const full = verbosity === 'transcript';
    switch (e.type) {
      case 'lab-ready':
        this.line(tc(lang, 'labReady', { mode: tc(lang, e.mode === 'root' ? 'modeRoot' : 'modeRootless'), ms: Math.round(e.ms) }));
        break;
      case 'step-start': {
        const li = Number(e.ref.split('.')[0]) - 1;
        if (full && li !== this.lessonShown) {
          this.lessonShown = li;
          const l = course.lessons[li];
          this.line();
          this.line(`== ${tc(lang, 'lesson', { n: li + 1, total: course.lessons.length, title: l.title })} ==`);
          if (l.intro) for (const x of markdownToText(l.intro)) this.line(x);
        }
        if (full) {
          this.line();
          this.line(`-- ${e.ref} ${e.step.title} --`);
          if (e.step.prose) for (const x of markdownToText(e.step.prose)) this.line(x);
          this.line();
        }
        if (e.substituted) this.line(tc(lang, 'substituted', { tool: e.substituted }));
        break;
      }
      case 'command-start':
        if (full) this.line(`$ ${e.command}`);
        break;
      case 'output':
        if (full) this.pendingOutput += e.chunk;
        break;
      case 'command-end':
        if (full) this.flushOutput();
        break;
      case 'step-end': {
        const r = e.result;
        if (!full) this.line(`${r.passed ? '✔' : '✘'} ${r.ref} ${r.step.title} (${(r.durationMs / 1000).toFixed(1)} s)`);
        if (full || !r.passed) for (const l of formatChecks(r, lang)) this.line(l);
        if (full && r.passed && r.step.why) this.line(indent(`${tc(lang, 'why')}: ${markdownToText(r.step.why, 76).join('\n')}`, '  '));
        break;
      }
      case 'replay-progress':
        break;
    }
  };
}
