/** Finding a course folder and reading its lesson files; the parser is not loaded here (src/lesson/load-course.ts joins the two). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../i18n/index.js';
import { describeFsError, readBounded } from '../files/read-bounded.js';
import { stripControlsLine } from '../text/sanitize.js';
import type { ParseOutcome } from './types.js';
import type { Course, Lesson, LessonError } from './types.js';

/** A larger lesson file is refused before it is parsed. */
export const MAX_LESSON_BYTES = 512 * 1024;

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

/** Adds every item of `more` to `list`; unlike push(...more), fine with a hundred thousand errors. */
export function append<T>(list: T[], more: readonly T[]): void {
  for (const x of more) list.push(x);
}

export interface LoadResult {
  course?: Course;
  errors: LessonError[];
  /** Advice that does not stop the course from running (lint reports it). */
  notes: LessonError[];
  /** The lessons that parsed, even when others did not (lint compares languages with them). */
  parsed: Lesson[];
}

/** The lesson files of a folder, or the reason the folder cannot be listed. */
export function listLessons(dir: string): { files: string[] } | { error: LessonError } {
  try {
    if (!statSync(dir).isDirectory()) return { error: { file: dir, line: 1, message: 'not a folder: --lessons needs the folder that holds the lesson files' } };
    return { files: lessonFiles(dir) };
  } catch (e) {
    const { code, reason } = describeFsError(e);
    if (code === 'ENOENT') return { error: { file: dir, line: 1, message: 'no such lessons folder' } };
    return { error: { file: dir, line: 1, message: `cannot read this lessons folder: ${reason}` } };
  }
}

/** One lesson file's text, read as a regular file of bounded size; or why it cannot be. */
export function readLesson(file: string): { text: string } | { error: LessonError } {
  const r = readBounded(file, MAX_LESSON_BYTES);
  if (r.ok) return { text: r.text };
  if (r.code === 'EFBIG') return { error: { file, line: 1, message: `file is ${r.size} bytes; a lesson may be at most ${MAX_LESSON_BYTES} bytes` } };
  return { error: { file, line: 1, message: `cannot read: ${r.reason}` } };
}

/**
 * The course in `dir`, each lesson read and given to `parseOne`. When `parseOne`
 * has no answer for a file (a cache miss), the result is undefined.
 */
export function assembleCourse(dir: string, parseOne: (file: string, text: string) => ParseOutcome | undefined): LoadResult | undefined {
  const listed = listLessons(dir);
  if ('error' in listed) return { errors: [listed.error], notes: [], parsed: [] };
  const files = listed.files;
  if (files.length === 0) return { errors: [{ file: dir, line: 1, message: 'no lesson files (*.md) in this folder' }], notes: [], parsed: [] };
  const errors: LessonError[] = [];
  const notes: LessonError[] = [];
  const lessons: Lesson[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    const read = readLesson(file);
    if ('error' in read) {
      errors.push(read.error);
      continue;
    }
    const r = parseOne(file, read.text);
    if (!r) return undefined;
    append(errors, r.errors);
    append(notes, r.notes);
    if (!r.lesson) continue;
    const other = ids.get(r.lesson.id);
    if (other) errors.push({ file, line: 2, message: `duplicate lesson id \`${r.lesson.id}\` (also in ${other})` });
    ids.set(r.lesson.id, file);
    lessons.push(r.lesson);
  }
  if (errors.length) return { errors, notes, parsed: lessons };
  return { course: { dir, lessons }, errors: [], notes, parsed: lessons };
}

/** `file:line: message`, safe to print: a file name or message cannot carry control sequences to the terminal. */
export function formatError(e: LessonError): string {
  return stripControlsLine(`${e.file}:${e.line}: ${e.message}`);
}

/** At most this many errors are printed; the last line printed says how many more there are. */
export const SHOWN_ERRORS = 20;

/** Lesson errors as printed lines: at most SHOWN_ERRORS, the last of them counting the rest. */
export function formatErrors(errors: LessonError[], show: (e: LessonError) => LessonError = (e) => e): string[] {
  if (errors.length <= SHOWN_ERRORS) return errors.map((e) => formatError(show(e)));
  const lines = errors.slice(0, SHOWN_ERRORS - 1).map((e) => formatError(show(e)));
  const last = show(errors[SHOWN_ERRORS - 1]);
  const more = errors.length - SHOWN_ERRORS;
  lines.push(formatError({ ...last, message: `${last.message} (and ${more} more error${more === 1 ? '' : 's'} not shown)` }));
  return lines;
}
