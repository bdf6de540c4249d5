/** `netns-tutor progress`: what this learner completed and what is missing, for an instructor to collect; `--reset` forgets it. */
import { userInfo } from 'node:os';
import type { Lang } from '../i18n/index.js';
import { ProgressStore } from '../progress/store.js';
import type { Course } from '../lesson/types.js';
import { allSteps } from '../lesson/refs.js';
import { stripControlsLine } from '../text/sanitize.js';

/** Steps of a course not done yet, in course order. */
export function missingSteps(refs: readonly string[], done: readonly string[]): string[] {
  return refs.filter((r) => !done.includes(r));
}

export function showProgress(lang: Lang, json: boolean, course: Course | undefined, key: string): number {
  const store = new ProgressStore();
  const p = store.load();
  const entry = p.courses[key] ?? { done: [] };
  const refs = course ? allSteps(course).map((s) => s.ref) : undefined;
  // Only steps this course has count: a step removed from a pack no longer adds up.
  const done = refs ? entry.done.filter((d) => refs.includes(d.ref)) : entry.done;
  const missing = refs ? missingSteps(refs, done.map((d) => d.ref)) : [];
  const total = refs?.length;
  const user = process.env.USER ?? process.env.LOGNAME ?? safeUserName();
  const problem = store.problem
    ? lang === 'zh'
      ? `${store.problem.path}：${store.problem.detail}。原文件已保留为 ${store.problem.path}.corrupt，进度从头记录。`
      : `${store.problem.path}: ${store.problem.detail}. Kept it as ${store.problem.path}.corrupt and started afresh.`
    : undefined;
  if (problem) process.stderr.write(problem + '\n');
  if (json) {
    process.stdout.write(JSON.stringify({ user, course: key, total: total ?? null, completed: done.length, current: entry.current ?? null, done, missing, file: store.path, problem: problem ?? null }, null, 2) + '\n');
    return 0;
  }
  const head = lang === 'zh' ? `${user}：已完成 ${done.length}${total ? `/${total}` : ''} 个步骤` : `${user}: ${done.length}${total ? `/${total}` : ''} steps completed`;
  process.stdout.write(head + '\n');
  for (const d of done) process.stdout.write(stripControlsLine(`  ${d.ref}  ${d.at}  ${d.lesson}/${d.step}`) + '\n');
  if (missing.length) process.stdout.write((lang === 'zh' ? `未完成：${missing.join('、')}` : `Not done yet: ${missing.join(', ')}`) + '\n');
  process.stdout.write((lang === 'zh' ? `进度文件：${store.path}` : `Progress file: ${store.path}`) + '\n');
  return 0;
}

/** Forgets the progress of one course (its key, as `progress --json` shows it) or of every course. */
export function resetProgress(lang: Lang, course: string | undefined): number {
  const store = new ProgressStore();
  const p = store.load();
  const keys = course === undefined ? Object.keys(p.courses) : [course];
  if (course !== undefined && !(course in p.courses)) {
    const known = Object.keys(p.courses);
    process.stderr.write(
      (lang === 'zh'
        ? `没有课程 "${stripControlsLine(course)}" 的进度。${known.length ? `有进度的课程：${known.join('、')}` : '目前没有任何进度。'}`
        : `No progress is recorded for course "${stripControlsLine(course)}". ${known.length ? `Courses with progress: ${known.join(', ')}.` : 'No progress is recorded at all.'}`) + '\n',
    );
    return 2;
  }
  for (const k of keys) delete p.courses[k];
  if (!store.save(p)) {
    process.stderr.write(`${store.path}: ${store.problem?.detail ?? ''}\n`);
    return 1;
  }
  process.stdout.write(
    (lang === 'zh'
      ? `已清除 ${keys.length} 门课程的进度（${store.path}）。`
      : `Forgot the progress of ${keys.length} course${keys.length === 1 ? '' : 's'} (${store.path}).`) + '\n',
  );
  return 0;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? '');
  }
}
