/** Finding and loading a course folder, and naming its steps as L.S. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinLessonsRoot, courseDir, courseKey, formatError, isCourseRoot, lessonFiles } from '../../../src/lesson/course.js';
import { loadCourse } from '../../../src/lesson/load-course.js';
import { allSteps, findStep } from '../../../src/lesson/refs.js';
import { ROOT } from '../../integration/helpers.js';

const base = mkdtempSync(join(tmpdir(), 'nt-course-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const folder = (files: Record<string, string>) => {
  const dir = join(base, String(n++));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
};
const lesson = (id: string, steps: string[]) =>
  `---\nid: ${id}\ntitle: Lesson ${id}\n---\n\n` + steps.map((s) => `## ${s} {#${s}}\n\n\`\`\`sh run\ntrue\n\`\`\`\n\n\`\`\`yaml step\nexpect: [{exit: 0}]\nhints: [a]\n\`\`\`\n`).join('\n');

describe('lessonFiles', () => {
  it('lists the .md files in name order, leaving out README.md and files starting with _', () => {
    const dir = folder({ '02-b.md': '', '01-a.md': '', 'README.md': '', 'readme.MD': '', '_draft.md': '', 'notes.txt': '', '10-c.md': '' });
    expect(lessonFiles(dir)).toEqual(['01-a.md', '02-b.md', '10-c.md'].map((f) => join(dir, f)));
  });
});

describe('course roots and keys', () => {
  it('a folder with en/ is a course root; a file named en is not', () => {
    expect(isCourseRoot(folder({ 'en/01-a.md': '' }))).toBe(true);
    expect(isCourseRoot(folder({ en: '' }))).toBe(false);
    expect(isCourseRoot(folder({ '01-a.md': '' }))).toBe(false);
  });

  it('courseDir picks the language folder of a root, falls back to en, and takes any other folder as it is', () => {
    const root = folder({ 'en/01-a.md': '', 'zh/01-a.md': '' });
    expect(courseDir(root, 'zh')).toBe(join(root, 'zh'));
    expect(courseDir(root, 'en')).toBe(join(root, 'en'));
    const enOnly = folder({ 'en/01-a.md': '' });
    expect(courseDir(enOnly, 'zh')).toBe(join(enOnly, 'en'));
    const flat = folder({ '01-a.md': '' });
    expect(courseDir(flat, 'zh')).toBe(flat);
    expect(courseDir(undefined, 'zh')).toBe(join(builtinLessonsRoot(), 'zh'));
  });

  it('the shipped lessons are found from the source tree', () => {
    expect(builtinLessonsRoot()).toBe(join(ROOT, 'lessons'));
  });

  it('courseKey is the same for every language of a course, and fixed for the shipped one', () => {
    expect(courseKey(undefined)).toBe('netns-tutor');
    expect(courseKey('/packs/net/en')).toBe('/packs/net');
    expect(courseKey('/packs/net/zh/')).toBe('/packs/net');
    expect(courseKey('/packs/net')).toBe('/packs/net');
    expect(courseKey('/packs/kitchen')).toBe('/packs/kitchen');
    expect(courseKey('rel/pack')).toBe(resolve('rel/pack'));
  });
});

describe('loadCourse', () => {
  it('loads every lesson in order, with its steps', () => {
    const dir = folder({ '02-b.md': lesson('b', ['three']), '01-a.md': lesson('a', ['one', 'two']) });
    const r = loadCourse(dir);
    expect(r.errors).toEqual([]);
    expect(r.course?.dir).toBe(dir);
    expect(r.course?.lessons.map((l) => [l.id, l.file, l.steps.map((s) => s.id)])).toEqual([
      ['a', join(dir, '01-a.md'), ['one', 'two']],
      ['b', join(dir, '02-b.md'), ['three']],
    ]);
  });

  it('says what is wrong with the folder itself', () => {
    expect(loadCourse(join(base, 'nope'))).toEqual({ errors: [{ file: join(base, 'nope'), line: 1, message: 'no such lessons folder' }], notes: [], parsed: [] });
    const file = join(folder({ 'x.md': '' }), 'x.md');
    expect(loadCourse(file).errors[0].message).toBe('not a folder: --lessons needs the folder that holds the lesson files');
    const empty = folder({ 'README.md': '' });
    expect(loadCourse(empty)).toEqual({ errors: [{ file: empty, line: 1, message: 'no lesson files (*.md) in this folder' }], notes: [], parsed: [] });
  });

  it('gives no course when any lesson is broken, and every error of every file', () => {
    const dir = folder({ '01-a.md': lesson('a', ['one']), '02-b.md': 'no front matter', '03-c.md': lesson('a', ['two']) });
    const r = loadCourse(dir);
    expect(r.course).toBeUndefined();
    expect(r.errors.map(formatError)).toEqual([
      `${join(dir, '02-b.md')}:1: missing front matter: start the file with ---, then \`id:\` and \`title:\`, then ---`,
      `${join(dir, '03-c.md')}:2: duplicate lesson id \`a\` (also in ${join(dir, '01-a.md')})`,
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable lesson is named, not thrown', () => {
    const dir = folder({ '01-a.md': lesson('a', ['one']) });
    chmodSync(join(dir, '01-a.md'), 0);
    expect(loadCourse(dir).errors[0]).toMatchObject({ file: join(dir, '01-a.md'), line: 1, message: expect.stringMatching(/^cannot read: EACCES/) });
  });

  it('a folder named like a lesson is read as one and fails clearly', () => {
    const dir = folder({ '01-a.md/x': '' });
    expect(loadCourse(dir).errors[0]).toMatchObject({ file: join(dir, '01-a.md'), line: 1, message: 'cannot read: not a regular file: it is a folder' });
  });
});

describe('step refs', () => {
  const course = loadCourse(folder({ '01-a.md': lesson('a', ['one', 'two']), '02-b.md': lesson('b', ['three']) })).course!;

  it('numbers steps L.S across the course, with their place in it', () => {
    expect(allSteps(course).map((s) => [s.ref, s.lessonIndex, s.stepIndex, s.flat, s.step.id])).toEqual([
      ['1.1', 0, 0, 0, 'one'],
      ['1.2', 0, 1, 1, 'two'],
      ['2.1', 1, 0, 2, 'three'],
    ]);
  });

  it('finds a step by L.S, a bare lesson number, spaces and leading zeros; nothing for anything else', () => {
    expect(findStep(course, '1.2')?.step.id).toBe('two');
    expect(findStep(course, '2')?.step.id).toBe('three');
    expect(findStep(course, ' 01.02 ')?.step.id).toBe('two');
    for (const bad of ['3.1', '1.3', '0.1', '1.', '.1', '1.1.1', 'a', '', '1-2']) expect(findStep(course, bad), bad).toBeUndefined();
  });
});
