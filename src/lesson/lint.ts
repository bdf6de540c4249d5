/** `netns-tutor lint`: every lesson error, and drift between the languages of a course. */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { append, isCourseRoot, listLessons } from './course.js';
import { loadCourse } from './load-course.js';
import type { Course, Expectation, LessonError, Step } from './types.js';

export function lintPath(dir: string): LessonError[] {
  return lintTree(dir).errors;
}

const LANG_DIR = /^[a-z]{2}(-[A-Za-z]{2,})?$/;

/** A dangling symlink or a symlink loop is no folder (and must not hide the folders beside it). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((d) => !d.startsWith('.') && isFolder(join(dir, d)))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Lints a lessons folder and every lesson pack below it, reporting every error and warning in one pass.
 * A folder with en/ is a course in several languages: each is linted, then the lessons that
 * parsed in both are checked for drift from en.
 */
export function lintTree(dir: string): { errors: LessonError[]; warnings: LessonError[]; files: number } {
  const errors: LessonError[] = [];
  const warnings: LessonError[] = [];
  let files = 0;
  const listed = listLessons(dir);
  if ('error' in listed) return { errors: [listed.error], warnings, files: 0 };
  const own = listed.files;
  const subs = subdirs(dir);
  const lintOne = (d: string) => {
    const r = loadCourse(d);
    append(errors, r.errors);
    append(warnings, r.notes);
    const l = listLessons(d);
    files += 'files' in l ? l.files.length : 0;
    return r;
  };
  if (own.length || !subs.length) lintOne(dir);
  if (isCourseRoot(dir)) {
    const courses = new Map<string, { course: Course; failed: Set<string> }>();
    for (const lang of subs.filter((d) => LANG_DIR.test(d))) {
      const l = listLessons(join(dir, lang));
      if ('files' in l && l.files.length === 0) continue;
      const r = lintOne(join(dir, lang));
      const failed = new Set('files' in l ? l.files.map((f) => basename(f)).filter((f) => !r.parsed.some((p) => basename(p.file) === f)) : []);
      courses.set(lang, { course: { dir: join(dir, lang), lessons: r.parsed }, failed });
    }
    const base = courses.get('en');
    if (base)
      for (const [lang, other] of courses) {
        if (lang === 'en') continue;
        // A lesson that did not parse in either language has its own errors above; compare the rest.
        const skip = new Set([...base.failed, ...other.failed]);
        const keep = (c: Course): Course => ({ ...c, lessons: c.lessons.filter((x) => !skip.has(basename(x.file))) });
        append(errors, drift(keep(base.course), keep(other.course)).filter((e) => !skip.has(basename(e.file))));
      }
    for (const d of subs.filter((x) => !LANG_DIR.test(x))) {
      const r = lintTree(join(dir, d));
      append(errors, r.errors);
      append(warnings, r.warnings);
      files += r.files;
    }
  } else if (!own.length) {
    for (const d of subs) {
      const r = lintTree(join(dir, d));
      append(errors, r.errors);
      append(warnings, r.warnings);
      files += r.files;
    }
  }
  return { errors, warnings, files };
}

/** What must be identical across languages: everything but the words. */
function expectationKey(e: Expectation): string {
  const { line: _line, explain: _explain, label: _label, ...rest } = e;
  return JSON.stringify(rest);
}

function stepShape(s: Step) {
  return {
    id: s.id,
    commands: JSON.stringify(s.commands),
    expect: s.expect.map(expectationKey),
    wrong: JSON.stringify(s.wrong.map((w) => w.command)),
    without: JSON.stringify(s.without),
    timeout: s.timeout,
  };
}

export function drift(base: Course, other: Course): LessonError[] {
  const errors: LessonError[] = [];
  const byName = new Map(other.lessons.map((l) => [basename(l.file), l]));
  for (const l of base.lessons) {
    if (!byName.has(basename(l.file))) errors.push({ file: join(other.dir, basename(l.file)), line: 1, message: `missing: ${l.file} has no counterpart in this language` });
  }
  const baseNames = new Set(base.lessons.map((l) => basename(l.file)));
  for (const t of other.lessons) {
    if (!baseNames.has(basename(t.file))) {
      errors.push({ file: t.file, line: 1, message: `extra lesson: no ${basename(t.file)} in ${base.dir}` });
      continue;
    }
    const b = base.lessons.find((l) => basename(l.file) === basename(t.file))!;
    if (b.id !== t.id) errors.push({ file: t.file, line: 2, message: `lesson id \`${t.id}\` differs from \`${b.id}\` in ${b.file}` });
    if (b.steps.length !== t.steps.length)
      errors.push({ file: t.file, line: t.steps[0]?.line ?? 1, message: `${t.steps.length} steps, but ${b.file} has ${b.steps.length}` });
    t.steps.forEach((ts, i) => {
      const bs = b.steps[i];
      if (!bs) return;
      const x = stepShape(bs);
      const y = stepShape(ts);
      const where = `${b.file}:${bs.line}`;
      if (x.id !== y.id) errors.push({ file: t.file, line: ts.line, message: `step id \`${y.id}\` differs from \`${x.id}\` at ${where}` });
      if (x.commands !== y.commands) errors.push({ file: t.file, line: ts.commandsLine, message: `commands differ from ${b.file}:${bs.commandsLine}` });
      if (x.wrong !== y.wrong) errors.push({ file: t.file, line: ts.wrong[0]?.line ?? ts.line, message: `wrong-answer commands differ from ${where}` });
      if (x.without !== y.without) errors.push({ file: t.file, line: ts.line, message: `\`without\` differs from ${where}` });
      if (x.timeout !== y.timeout) errors.push({ file: t.file, line: ts.line, message: `timeout differs from ${where}` });
      const n = Math.max(x.expect.length, y.expect.length);
      for (let k = 0; k < n; k++) {
        if (x.expect[k] !== y.expect[k]) {
          const line = ts.expect[k]?.line ?? ts.expect[ts.expect.length - 1]?.line ?? ts.line;
          const bl = bs.expect[k]?.line ?? bs.line;
          errors.push({ file: t.file, line, message: `expectation ${k + 1} differs from ${b.file}:${bl}` });
        }
      }
    });
  }
  return errors;
}
