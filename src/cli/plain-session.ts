/**
 * `--plain` on a terminal: the course as a line-oriented conversation for
 * screen readers and dumb terminals. One step at a time from the resume
 * point; every prompt says the keys in words; nothing is redrawn and the
 * cursor is never moved. Loads no UI code.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Lang } from '../i18n/index.js';
import type { SessionApi } from '../engine/session-api.js';
import type { StepResult } from '../engine/types.js';
import { allSteps, findStep } from '../lesson/refs.js';
import type { ProgressStore } from '../progress/store.js';
import { formatChecks } from '../report/plain.js';
import { markdownToText } from '../text/markdown-text.js';
import { stripControls, stripControlsLine } from '../text/sanitize.js';
import { translator, type Messages } from '../i18n/index.js';

const en = {
  lesson: 'Lesson {n} of {total}: {title}',
  step: 'Step {ref} ({n} of {total}): {title}',
  runs: 'This step runs:',
  prompt: 'Press Enter to run the step; type h for a hint, e to type your own command, n for the next step, p for the previous one, q to quit.',
  promptPassed: 'The step passed. Press Enter for the next step, or q to quit.',
  promptCommand: 'Type the command and press Enter (an empty line goes back):',
  preparing: 'Preparing the lab for step {ref}…',
  running: 'Running…',
  passed: 'Step passed.',
  failed: 'Not yet: {n} of {total} checks failed.',
  why: 'Why:',
  hint: 'Hint {n} of {total}:',
  noHints: 'No more hints: the last one was the command itself.',
  end: 'That was the last step of the course.',
  missing: 'Still to do: {steps}.',
  unknown: 'Not a choice here: {answer}.',
  error: 'The step could not run: {error}',
  bye: 'Your progress is saved. Bye.',
} as const;

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  lesson: '第 {n} 课（共 {total} 课）：{title}',
  step: '第 {ref} 步（本课第 {n} 步，共 {total} 步）：{title}',
  runs: '本步骤将运行：',
  prompt: '按回车运行本步骤；输入 h 看提示，e 自己输入命令，n 下一步，p 上一步，q 退出。',
  promptPassed: '本步已通过。按回车进入下一步，或输入 q 退出。',
  promptCommand: '输入命令后按回车（空行返回）：',
  preparing: '正在为第 {ref} 步准备实验环境……',
  running: '正在运行……',
  passed: '本步通过。',
  failed: '还没通过：{total} 项检查中有 {n} 项未通过。',
  why: '原理：',
  hint: '提示 {n}/{total}：',
  noHints: '没有更多提示了：最后一条就是命令本身。',
  end: '这是课程的最后一步。',
  missing: '还没完成的步骤：{steps}。',
  unknown: '这里没有这个选项：{answer}。',
  error: '本步骤无法运行：{error}',
  bye: '学习进度已保存。再见。',
};

const t = translator({ en, zh } as Messages<Key>);

export interface PlainSessionOptions {
  session: SessionApi;
  progress: ProgressStore;
  courseKey: string;
  lang: Lang;
  startRef?: string;
  input?: NodeJS.ReadableStream;
  write?: (s: string) => void;
  width?: number;
}

/** Reads one answer; null when the input ends (Ctrl+D) or is interrupted (Ctrl+C). */
function ask(rl: Interface, write: (s: string) => void, prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    const done = (v: string | null) => {
      rl.off('line', onLine);
      rl.off('close', onClose);
      resolve(v);
    };
    const onLine = (l: string) => done(l);
    const onClose = () => done(null);
    rl.on('line', onLine);
    rl.on('close', onClose);
    write(prompt + '\n> ');
  });
}

export async function runPlainSession(o: PlainSessionOptions): Promise<number> {
  const { session, progress, courseKey, lang } = o;
  const write = o.write ?? ((s: string) => void process.stdout.write(s));
  const say = (s = '') => write(stripControls(s) + '\n');
  const width = Math.max(40, Math.min(100, (o.width ?? (process.stdout.columns || 80)) - 1));
  const course = session.course;
  const steps = allSteps(course);
  const saved = progress.load().courses[courseKey];
  const done = new Set(saved?.done.map((d) => d.ref) ?? []);
  const first = o.startRef ?? (saved?.current && findStep(course, saved.current) ? saved.current : (steps.find((s) => !done.has(s.ref))?.ref ?? steps[0].ref));
  let index = Math.max(0, steps.findIndex((s) => s.ref === findStep(course, first)?.ref));
  const rl = createInterface({ input: o.input ?? process.stdin, terminal: false });
  rl.on('SIGINT', () => rl.close());
  let lessonShown = -1;
  try {
    for (;;) {
      const s = steps[index];
      const at = findStep(course, s.ref)!;
      const lesson = course.lessons[at.lessonIndex];
      progress.setCurrent(courseKey, s.ref);
      if (at.lessonIndex !== lessonShown) {
        lessonShown = at.lessonIndex;
        say();
        say(t(lang, 'lesson', { n: at.lessonIndex + 1, total: course.lessons.length, title: lesson.title }));
        if (lesson.intro) for (const l of markdownToText(lesson.intro, width)) say(l);
      }
      say();
      say(t(lang, 'step', { ref: s.ref, n: at.stepIndex + 1, total: lesson.steps.length, title: at.step.title }));
      for (const l of markdownToText(at.step.prose, width)) say(l);
      say();
      say(t(lang, 'runs'));
      for (const c of at.step.commands) say(`  $ ${c}`);
      let hints = 0;
      let result: StepResult | null = null;
      // One step: run, hint, type, move, until it passes and the learner goes on.
      for (;;) {
        say();
        const answer = await ask(rl, write, t(lang, result?.passed ? 'promptPassed' : 'prompt'));
        if (answer === null) return bye(say, lang);
        const a = answer.trim().toLowerCase();
        if (a === 'q') return bye(say, lang);
        if (result?.passed && a === '') break;
        if (a === 'n' || a === 'p') {
          const next = index + (a === 'n' ? 1 : -1);
          if (next >= 0 && next < steps.length) {
            index = next;
            result = null;
            break;
          }
          say(a === 'n' ? t(lang, 'end') : t(lang, 'unknown', { answer: a }));
          continue;
        }
        if (a === 'h') {
          if (hints >= at.step.hints.length) say(t(lang, 'noHints'));
          else {
            hints++;
            say(t(lang, 'hint', { n: hints, total: at.step.hints.length }));
            for (const l of markdownToText(at.step.hints[hints - 1], width)) say('  ' + l);
          }
          continue;
        }
        let command: string | undefined;
        if (a === 'e') {
          const typed = await ask(rl, write, t(lang, 'promptCommand'));
          if (typed === null) return bye(say, lang);
          if (!typed.trim()) continue;
          command = typed.trim();
        } else if (a !== '') {
          say(t(lang, 'unknown', { answer: stripControlsLine(answer) }));
          continue;
        }
        result = await runOne(o, s.ref, command, say, width);
        if (result?.passed) {
          done.add(s.ref);
          progress.markDone(courseKey, { ref: s.ref, lesson: lesson.id, step: at.step.id, at: new Date().toISOString() });
        }
      }
      if (result?.passed && index === steps.length - 1) {
        say(t(lang, 'end'));
        const missing = steps.filter((x) => !done.has(x.ref)).map((x) => x.ref);
        if (missing.length) say(t(lang, 'missing', { steps: missing.join(', ') }));
        return bye(say, lang);
      }
      if (result?.passed) index++;
    }
  } finally {
    rl.close();
  }
}

function provenExplanations(session: SessionApi, ref: string, first: StepResult['explanations']): Promise<StepResult['explanations']> {
  return new Promise((resolve) => {
    let latest = first;
    const timer = setTimeout(() => finish(), 60_000);
    const off = session.subscribe((e) => {
      if (e.type !== 'explanations' || e.ref !== ref) return;
      latest = e.explanations;
      if (!e.proving) finish();
    });
    function finish() {
      clearTimeout(timer);
      off();
      resolve(latest);
    }
  });
}

function bye(say: (s?: string) => void, lang: Lang): number {
  say(t(lang, 'bye'));
  return 0;
}

async function runOne(o: PlainSessionOptions, ref: string, command: string | undefined, say: (s?: string) => void, width: number): Promise<StepResult | null> {
  const { session, lang } = o;
  try {
    // A typed command runs on the lab as the learner left it; the step's own commands on its starting lab.
    if (command === undefined || session.labPosition(ref) === 'rebuild') {
      say(t(lang, 'preparing', { ref }));
      await session.prepare(ref);
    }
    say(t(lang, 'running'));
    let r = await session.runStep(ref, { command });
    // Fixes are proven in the background; a line-oriented reader gets the final list once.
    if (r.proving) r = { ...r, explanations: await provenExplanations(session, ref, r.explanations) };
    for (const c of r.commands) {
      say(`$ ${c.command}${c.code === 0 ? '' : `  (exit ${c.code ?? c.signal ?? '?'})`}`);
      const out = c.output.replace(/\n+$/, '');
      if (out) for (const l of out.split('\n')) say('    ' + l);
    }
    for (const l of formatChecks(r, lang)) say(l);
    say(r.passed ? t(lang, 'passed') : t(lang, 'failed', { n: r.checks.filter((c) => !c.passed).length, total: r.checks.length }));
    if (r.passed && r.step.why) {
      say(t(lang, 'why'));
      for (const l of markdownToText(r.step.why, width)) say('  ' + l);
    }
    return r;
  } catch (e) {
    say(t(lang, 'error', { error: e instanceof Error ? e.message : String(e) }));
    return null;
  }
}
