/** `netns-tutor progress`: what this learner completed, for an instructor to collect. */
import { userInfo } from 'node:os';
import type { Lang } from '../i18n/index.js';
import { ProgressStore } from '../progress/store.js';
import { loadCourse } from '../lesson/course.js';
import { allSteps } from '../lesson/refs.js';

export function showProgress(lang: Lang, json: boolean, dir: string, key: string): number {
  const store = new ProgressStore();
  const p = store.load();
  const entry = p.courses[key] ?? { done: [] };
  const course = loadCourse(dir).course;
  const total = course ? allSteps(course).length : undefined;
  const user = process.env.USER ?? process.env.LOGNAME ?? safeUserName();
  const problem = store.problem
    ? lang === 'zh'
      ? `${store.problem.path}:${store.problem.detail}。原文件已保留为 ${store.problem.path}.corrupt，进度从头记录。`
      : `${store.problem.path}: ${store.problem.detail}. Kept it as ${store.problem.path}.corrupt and started afresh.`
    : undefined;
  if (problem) process.stderr.write(problem + '\n');
  if (json) {
    process.stdout.write(JSON.stringify({ user, course: key, total: total ?? null, completed: entry.done.length, current: entry.current ?? null, done: entry.done, file: store.path, problem: problem ?? null }, null, 2) + '\n');
    return 0;
  }
  const head = lang === 'zh' ? `${user}：已完成 ${entry.done.length}${total ? `/${total}` : ''} 个步骤` : `${user}: ${entry.done.length}${total ? `/${total}` : ''} steps completed`;
  process.stdout.write(head + '\n');
  for (const d of entry.done) process.stdout.write(`  ${d.ref}  ${d.at}  ${d.lesson}/${d.step}\n`);
  return 0;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? '');
  }
}
