/** Finding and loading a course folder. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../i18n/index.js';
import { parseLesson } from './parse.js';
import type { Course, Lesson, LessonError } from './types.js';

/** The lessons folder shipped with the package, found from this file whether bundled or not. */
export function builtinLessonsRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'lessons', 'en'))) return join(dir, 'lessons');
    dir = dirname(dir);
  }
  return resolve('lessons');
}

export function lessonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !/^readme\.md$/i.test(f) && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

/** A folder with en/ (and maybe zh/) inside is a multi-language course root. */
export function isCourseRoot(dir: string): boolean {
  return existsSync(join(dir, 'en')) && statSync(join(dir, 'en')).isDirectory();
}

/** The folder holding the lessons for `lang`: DIR/lang when DIR is a course root, else DIR. */
export function courseDir(lessonsOption: string | undefined, lang: Lang): string {
  const root = lessonsOption ? resolve(lessonsOption) : builtinLessonsRoot();
  if (isCourseRoot(root)) return existsSync(join(root, lang)) ? join(root, lang) : join(root, 'en');
  return root;
}

/** Progress is kept per course, the same for every language of it. */
export function courseKey(lessonsOption: string | undefined): string {
  return lessonsOption ? resolve(lessonsOption).replace(/\/(en|zh)\/?$/, '') : 'netns-tutor';
}

export interface LoadResult {
  course?: Course;
  errors: LessonError[];
}

export function loadCourse(dir: string): LoadResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { errors: [{ file: dir, line: 1, message: 'no such lessons folder' }] };
  const files = lessonFiles(dir);
  if (files.length === 0) return { errors: [{ file: dir, line: 1, message: 'no lesson files (*.md) in this folder' }] };
  const errors: LessonError[] = [];
  const lessons: Lesson[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      errors.push({ file, line: 1, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const r = parseLesson(file, text);
    errors.push(...r.errors);
    if (!r.lesson) continue;
    const other = ids.get(r.lesson.id);
    if (other) errors.push({ file, line: 2, message: `duplicate lesson id \`${r.lesson.id}\` (also in ${other})` });
    ids.set(r.lesson.id, file);
    lessons.push(r.lesson);
  }
  if (errors.length) return { errors };
  return { course: { dir, lessons }, errors: [] };
}

export function formatError(e: LessonError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}
