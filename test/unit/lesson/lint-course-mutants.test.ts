/** Lint and course loading: what `lint` reports for packs, course roots and language drift; loadCourse, formatErrors and the schemas' own checks. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinLessonsRoot, courseKey, formatErrors, lessonFiles, SHOWN_ERRORS } from '../../../src/lesson/course.js';
import { loadCourse } from '../../../src/lesson/load-course.js';
import { lintPath, lintTree } from '../../../src/lesson/lint.js';
import type { LessonError } from '../../../src/lesson/types.js';
import { ROOT } from '../../integration/helpers.js';

const base = mkdtempSync(join(tmpdir(), 'nt-lintmut-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
/** A fresh folder with these files; a name ending in / is an empty folder. */
const folder = (files: Record<string, string>) => {
  const dir = join(base, String(n++));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(join(dir, name), { recursive: true });
    else {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  }
  return dir;
};
const step = (id: string, block: string, run = 'true') => `## Step ${id} {#${id}}\n\n\`\`\`sh run\n${run}\n\`\`\`\n\n\`\`\`yaml step\n${block}\n\`\`\`\n`;
const lesson = (id: string, ...steps: string[]) => `---\nid: ${id}\ntitle: Lesson ${id}\n---\n\n` + steps.join('\n');
const ok = (id: string) => lesson(id, step('s', 'expect: [{exit: 0}]\nhints: [a]'));
const BROKEN = 'no front matter';
const NO_FRONT = 'missing front matter: start the file with ---, then `id:` and `title:`, then ---';
/** Errors as `path:line: message`, paths relative to `root` (in the message too). */
const show = (root: string, list: LessonError[]) => list.map((e) => `${relative(root, e.file)}:${e.line}: ${e.message.replaceAll(root + '/', '')}`);

const LOOKAHEAD = '`output` pattern `(?=a)b` cannot be matched in linear time (`(?=`: the tutor matches in linear time, so lookahead, lookbehind and backreferences are not available); it runs with a 100 ms limit per match, and counts as not matching past it. Write it without lookaround or backreferences (an `explain` entry can say what must not match with `unless`)';
const slow = (id: string) => lesson(id, step('s', 'expect:\n  - output: "(?=a)b"\nhints: [a]'));

describe('lintTree: which folders are linted', () => {
  it('a missing folder is one error, no warnings and no files', () => {
    const dir = join(base, 'nope');
    expect(lintTree(dir)).toEqual({ errors: [{ file: dir, line: 1, message: 'no such lessons folder' }], warnings: [], files: 0 });
    expect(lintPath(dir)).toEqual([{ file: dir, line: 1, message: 'no such lessons folder' }]);
  });

  it('a path through a file is named with the reason it cannot be read', () => {
    const dir = folder({ 'f.md': ok('a') });
    const bad = join(dir, 'f.md', 'x');
    const error = { file: bad, line: 1, message: 'cannot read this lessons folder: ENOTDIR: a part of the path is not a folder' };
    expect(loadCourse(bad)).toEqual({ errors: [error], notes: [], parsed: [] });
    expect(lintTree(bad)).toEqual({ errors: [error], warnings: [], files: 0 });
  });

  it('a pack with lessons of its own is linted alone: its subfolders are not lessons; warnings and files are counted', () => {
    const dir = folder({ '01-a.md': ok('a'), '02-b.md': slow('b'), 'extra/01-x.md': BROKEN, 'notes.txt': '', '.git/01-y.md': BROKEN });
    expect(lintTree(dir)).toEqual({ errors: [], warnings: [{ file: join(dir, '02-b.md'), line: 14, message: LOOKAHEAD }], files: 2 });
  });

  it('a folder of packs lints each pack folder, not hidden folders or plain files', () => {
    const dir = folder({ 'p1/01-a.md': ok('a'), 'p1/02-b.md': slow('b'), 'p2/01-a.md': BROKEN, 'p2/02-b.md': ok('b'), 'p3/01-c.md': ok('c'), '.hidden/01-x.md': BROKEN, 'notes.txt': '', 'README.md': '' });
    const r = lintTree(dir);
    expect(show(dir, r.errors)).toEqual([`p2/01-a.md:1: ${NO_FRONT}`]);
    expect(show(dir, r.warnings)).toEqual([`p1/02-b.md:14: ${LOOKAHEAD}`]);
    expect(r.files).toBe(5);
  });

  it('a folder with neither lessons nor pack folders says so once', () => {
    const empty = folder({});
    expect(lintTree(empty)).toEqual({ errors: [{ file: empty, line: 1, message: 'no lesson files (*.md) in this folder' }], warnings: [], files: 0 });
    const junk = folder({ '.git/01-x.md': BROKEN, 'notes.txt': '', 'README.md': '' });
    expect(lintTree(junk)).toEqual({ errors: [{ file: junk, line: 1, message: 'no lesson files (*.md) in this folder' }], warnings: [], files: 0 });
  });
});

describe('lintTree: broken symlinks beside the lessons', () => {
  it('a dangling symlink or a symlink loop does not hide the pack and language folders beside it', () => {
    const packs = folder({ 'p1/01-a.md': BROKEN, 'p2/01-b.md': ok('b') });
    symlinkSync(join(packs, 'gone'), join(packs, 'dangling'));
    symlinkSync(join(packs, 'loop'), join(packs, 'loop'));
    expect(lintTree(packs)).toEqual({ errors: [{ file: join(packs, 'p1', '01-a.md'), line: 1, message: NO_FRONT }], warnings: [], files: 2 });
    const root = folder({ 'en/01-a.md': BROKEN, 'zh/01-a.md': ok('a') });
    symlinkSync(join(root, 'gone'), join(root, 'dangling'));
    expect(lintTree(root)).toEqual({ errors: [{ file: join(root, 'en', '01-a.md'), line: 1, message: NO_FRONT }], warnings: [], files: 2 });
  });
});

describe('lintTree: a course root (en/, zh/, ...)', () => {
  it('lints each language once, skips empty ones, compares only lessons that parsed in both, then lints other folders as packs', () => {
    const root = folder({
      'en/01-a.md': ok('a'),
      'en/02-b.md': BROKEN,
      'en/03-c.md': ok('c'),
      'zh/01-a.md': lesson('a', step('t', 'expect: [{exit: 0}]\nhints: [a]')),
      'zh/02-b.md': ok('b'),
      'zh/03-c.md': BROKEN,
      'fr/': '',
      'extra/01-x.md': BROKEN,
      'extra/02-y.md': slow('y'),
    });
    const r = lintTree(root);
    expect(show(root, r.errors)).toEqual([
      `en/02-b.md:1: ${NO_FRONT}`,
      `zh/03-c.md:1: ${NO_FRONT}`,
      'zh/01-a.md:6: step id `t` differs from `s` at en/01-a.md:6',
      `extra/01-x.md:1: ${NO_FRONT}`,
    ]);
    expect(show(root, r.warnings)).toEqual([`extra/02-y.md:14: ${LOOKAHEAD}`]);
    expect(r.files).toBe(8);
  });

  it('a root whose en/ is empty lints the other languages without comparing them', () => {
    const root = folder({ 'en/': '', 'zh/01-a.md': BROKEN, 'zh/02-b.md': ok('b') });
    expect(lintTree(root)).toEqual({ errors: [{ file: join(root, 'zh', '01-a.md'), line: 1, message: NO_FRONT }], warnings: [], files: 2 });
  });
});

describe('lint: drift between languages', () => {
  it('names missing and extra lessons, a changed lesson id and a different number of steps', () => {
    const s2 = step('s2', 'expect: [{exit: 0}]\nhints: [b]');
    const root = folder({
      'en/01-a.md': ok('a'),
      'en/02-b.md': ok('b'),
      'en/03-c.md': lesson('c', step('s', 'expect: [{exit: 0}]\nhints: [a]'), s2),
      'en/05-e.md': ok('e'),
      'zh/01-a.md': ok('a'),
      'zh/03-c.md': ok('cc'),
      'zh/04-d.md': ok('d'),
      'zh/05-e.md': lesson('e', step('s', 'expect: [{exit: 0}]\nhints: [a]'), s2),
    });
    expect(show(root, lintPath(root))).toEqual([
      'zh/02-b.md:1: missing: en/02-b.md has no counterpart in this language',
      'zh/03-c.md:2: lesson id `cc` differs from `c` in en/03-c.md',
      'zh/03-c.md:6: 1 steps, but en/03-c.md has 2',
      'zh/04-d.md:1: extra lesson: no 04-d.md in en',
      'zh/05-e.md:6: 2 steps, but en/05-e.md has 1',
    ]);
  });

  it('names every difference of a step but its words, at the translated line, with the English line', () => {
    const en = lesson(
      'a',
      step('s1', 'expect:\n  - exit: 0\n  - output: a\nhints: [a]\nwrong:\n  - command: w1\n    explains: e\nwithout: {brctl: [c1]}\ntimeout: 5', 'ip link add x'),
      step('s2', 'expect: [{exit: 0}]\nhints: [a]\nwrong:\n  - command: w\n    explains: e'),
      step('s3', 'expect:\n  - exit: 0\n  - exit: 1\nhints: [a]'),
      step('s4', 'expect:\n  - exit: 0\n    label: done\nhints: [a]\nwhy: because'),
    );
    const zh = lesson(
      'a',
      step('s1', 'expect:\n  - exit: 1\n  - output: a\nhints: [b]\nwrong:\n  - command: w2\n    explains: e\nwithout: {brctl: [c2]}\ntimeout: 6', 'ip link add y'),
      step('t2', 'expect:\n  - exit: 0\n  - exit: 1\nhints: [a]'),
      step('s3', 'expect:\n  - exit: 0\nhints: [a]'),
      step('s4', 'expect:\n  - exit: 0\n    label: fertig\nhints: [x]\nwhy: weil'),
    );
    const root = folder({ 'en/01-a.md': en, 'zh/01-a.md': zh });
    // Lines: zh step s1 at 6 (commands at 9, expectations at 14 and 15, wrong at 18), t2 at 24, s3 at 37; en s3 at 38.
    expect(show(root, lintPath(root))).toEqual([
      'zh/01-a.md:9: commands differ from en/01-a.md:9',
      'zh/01-a.md:18: wrong-answer commands differ from en/01-a.md:6',
      'zh/01-a.md:6: `without` differs from en/01-a.md:6',
      'zh/01-a.md:6: timeout differs from en/01-a.md:6',
      'zh/01-a.md:14: expectation 1 differs from en/01-a.md:14',
      'zh/01-a.md:24: step id `t2` differs from `s2` at en/01-a.md:24',
      'zh/01-a.md:24: wrong-answer commands differ from en/01-a.md:24',
      'zh/01-a.md:33: expectation 2 differs from en/01-a.md:24',
      'zh/01-a.md:45: expectation 2 differs from en/01-a.md:47',
    ]);
  });
});

describe('course folders', () => {
  it('only a file named exactly README.md (any case) is left out of the lessons', () => {
    const dir = folder({ '01-readme.md': '', 'readme.md.md': '', 'README.md': '' });
    expect(lessonFiles(dir)).toEqual([join(dir, '01-readme.md'), join(dir, 'readme.md.md')]);
  });

  it('courseKey drops only a trailing en or zh folder', () => {
    expect(courseKey('/packs/en/net')).toBe('/packs/en/net');
    expect(courseKey('/packs/zh/net/en')).toBe('/packs/zh/net');
  });

  it.skipIf(!isMainThread)('the shipped lessons are found from the code, whatever the current folder', () => {
    const cwd = process.cwd();
    process.chdir(base);
    try {
      expect(builtinLessonsRoot()).toBe(join(ROOT, 'lessons'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('a lesson file over the size limit is named with its size', () => {
    const dir = folder({ '01-a.md': ok('a'), '02-big.md': ok('big') + '\n'.repeat(600 * 1024) });
    const size = Buffer.byteLength(ok('big')) + 600 * 1024;
    expect(loadCourse(dir).errors).toEqual([{ file: join(dir, '02-big.md'), line: 1, message: `file is ${size} bytes; a lesson may be at most 524288 bytes` }]);
  });

  it('a good course has no errors and no notes', () => {
    const dir = folder({ '01-a.md': ok('a') });
    const r = loadCourse(dir);
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.course?.lessons.map((l) => l.id)).toEqual(['a']);
  });
});

describe('formatErrors', () => {
  const errors = (count: number) => Array.from({ length: count }, (_, i) => ({ file: 'f.md', line: i + 1, message: `e${i + 1}` }));
  const lines = (count: number) => Array.from({ length: count }, (_, i) => `f.md:${i + 1}: e${i + 1}`);

  it('prints up to 20 errors as they are', () => {
    expect(SHOWN_ERRORS).toBe(20);
    expect(formatErrors([])).toEqual([]);
    expect(formatErrors(errors(1))).toEqual(lines(1));
    expect(formatErrors(errors(20))).toEqual(lines(20));
  });

  it('past 20, the 20th line counts the errors not shown', () => {
    expect(formatErrors(errors(21))).toEqual([...lines(19), 'f.md:20: e20 (and 1 more error not shown)']);
    expect(formatErrors(errors(22))).toEqual([...lines(19), 'f.md:20: e20 (and 2 more errors not shown)']);
    expect(formatErrors(errors(100))).toEqual([...lines(19), 'f.md:20: e20 (and 80 more errors not shown)']);
  });

  it('applies `show` to every printed error, the counting one too', () => {
    const upper = (e: LessonError) => ({ ...e, file: 'g.md', message: e.message.toUpperCase() });
    expect(formatErrors(errors(2), upper)).toEqual(['g.md:1: E1', 'g.md:2: E2']);
    expect(formatErrors(errors(21), upper)).toEqual([...lines(19).map((l) => l.replace('f.md', 'g.md').replace(': e', ': E')), 'g.md:20: E20 (and 1 more error not shown)']);
  });
});

describe('schema checks a lesson author sees', () => {
  it('an explanation applies when given `output`, `command` or `unless`, and is an error with none of them', () => {
    const explain = 'explain:\n  - command: "^ping"\n    say: c\n  - unless: {command: "-I"}\n    say: u\n  - output: x\n    say: o';
    const good = folder({ '01-a.md': lesson('a', step('s', `expect: [{exit: 0}]\nhints: [a]\n${explain}`)) });
    const r = loadCourse(good);
    expect(r.errors).toEqual([]);
    expect(r.course?.lessons[0].steps[0].explain.map((e) => e.say)).toEqual(['c', 'u', 'o']);
    const bad = folder({ '01-a.md': lesson('a', step('s', 'expect: [{exit: 0}]\nhints: [a]\nexplain:\n  - say: hi')) });
    expect(loadCourse(bad).errors).toEqual([
      { file: join(bad, '01-a.md'), line: 16, message: '`explain` item 1 in step "Step s": an explanation needs `output`, `command` or `unless` to say when it applies' },
    ]);
  });

  it('front matter `sysctl` takes only net.ipv4. settings in dotted form', () => {
    const withSysctl = (lines: string) => `---\nid: a\ntitle: A\nsysctl:\n${lines}\n---\n\n` + step('s', 'expect: [{exit: 0}]\nhints: [a]');
    const good = folder({ '01-a.md': withSysctl('  net.ipv4.ip_forward: 1\n  net.ipv4.conf.all.rp_filter: "2"') });
    const r = loadCourse(good);
    expect(r.errors).toEqual([]);
    expect(r.course?.lessons[0].sysctl).toEqual({ 'net.ipv4.ip_forward': '1', 'net.ipv4.conf.all.rp_filter': '2' });
    const message = '`sysctl` in front matter: every name must be an IPv4 setting in dotted form: it starts with net.ipv4. (such as net.ipv4.conf.all.rp_filter)';
    for (const lines of ['  net.ipv6.conf.all.forwarding: 1', '  net.ipv4.ip_forward: 1\n  kernel.panic: 1', '  net.ipv4.: 1', '  net.ipv4.conf.all.rp filter: 1']) {
      const bad = folder({ '01-a.md': withSysctl(lines) });
      expect(loadCourse(bad).errors.map((e) => e.message), lines).toEqual([message]);
    }
  });
});
