/** The parsed-lesson cache: a hit gives exactly what parsing gives, and a broken or unwritable cache only costs time. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinLessonsRoot, lessonFiles } from '../../../src/lesson/course.js';
import { parseLesson } from '../../../src/lesson/parse.js';
import { BUILD_ID, MAX_CACHED, lessonCacheDir, loadCachedCourse } from '../../../src/lesson/lesson-cache.js';
import { loadCourse } from '../../../src/lesson/load-course.js';
import { loadCourseLazily } from '../../../src/lesson/load-course-lazily.js';
import { cachedParseLesson } from '../../../src/lesson/parse-cache.js';

const base = mkdtempSync(join(tmpdir(), 'nt-parse-cache-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(base, String(n++));
const env = {};
const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []);

const file = join(builtinLessonsRoot(), 'en', lessonFiles(join(builtinLessonsRoot(), 'en'))[0].split('/').pop()!);
const text = readFileSync(file, 'utf8');

describe('cachedParseLesson', () => {
  it('lives in the state folder', () => {
    expect(lessonCacheDir({ XDG_STATE_HOME: '/x/state' })).toBe('/x/state/netns-tutor/cache/lessons');
  });

  it('caches nothing when running from source (no build id)', () => {
    expect(BUILD_ID).toBeUndefined();
    const dir = fresh();
    expect(cachedParseLesson(file, text, { dir, env })).toEqual(parseLesson(file, text));
    expect(entries(dir)).toEqual([]);
  });

  it('gives back, for every lesson of the course in both languages, what parsing gives', () => {
    const dir = fresh();
    for (const lang of ['en', 'zh']) {
      for (const f of lessonFiles(join(builtinLessonsRoot(), lang))) {
        const t = readFileSync(f, 'utf8');
        const first = cachedParseLesson(f, t, { dir, build: 'b1', env });
        const again = cachedParseLesson(f, t, { dir, build: 'b1', env });
        expect(first).toEqual(parseLesson(f, t));
        expect(again).toEqual(first);
        expect(again).not.toBe(first);
      }
    }
    expect(entries(dir).length).toBe(lessonFiles(join(builtinLessonsRoot(), 'en')).length + lessonFiles(join(builtinLessonsRoot(), 'zh')).length);
  });

  it('reads a hit from the entry, not from parsing again', () => {
    const dir = fresh();
    cachedParseLesson(file, text, { dir, build: 'b1', env });
    const [entry] = entries(dir);
    const stored = JSON.parse(readFileSync(join(dir, entry), 'utf8'));
    stored.lesson.title = 'from the cache';
    writeFileSync(join(dir, entry), JSON.stringify(stored));
    expect(cachedParseLesson(file, text, { dir, build: 'b1', env }).lesson?.title).toBe('from the cache');
  });

  it('keys entries by build, file name and text', () => {
    const dir = fresh();
    cachedParseLesson(file, text, { dir, build: 'b1', env });
    cachedParseLesson(file, text, { dir, build: 'b2', env });
    cachedParseLesson('/elsewhere/01.md', text, { dir, build: 'b1', env });
    cachedParseLesson(file, text + '\n', { dir, build: 'b1', env });
    cachedParseLesson(file, text, { dir, build: 'b1', env });
    expect(entries(dir).length).toBe(4);
    expect(cachedParseLesson('/elsewhere/01.md', text, { dir, build: 'b1', env }).lesson?.file).toBe('/elsewhere/01.md');
  });

  it('parses again over an entry that is malformed, not an outcome, or not a regular file', () => {
    for (const bad of ['{', '{"errors": 3}', '{"errors": [], "notes": [], "lesson": {"steps": 1}}', '{"errors": []}', '{"notes": []}', '{"errors": [], "notes": [], "lesson": null}', '{"errors": [], "notes": [], "lesson": "x"}', 'FOLDER']) {
      const dir = fresh();
      cachedParseLesson(file, text, { dir, build: 'b1', env });
      const [entry] = entries(dir);
      rmSync(join(dir, entry));
      if (bad === 'FOLDER') mkdirSync(join(dir, entry));
      else writeFileSync(join(dir, entry), bad);
      expect(cachedParseLesson(file, text, { dir, build: 'b1', env })).toEqual(parseLesson(file, text));
    }
  });

  it('keeps working when the folder cannot be created', () => {
    const blocker = fresh();
    writeFileSync(blocker, 'a file where the folder should be');
    expect(cachedParseLesson(file, text, { dir: join(blocker, 'lessons'), build: 'b1', env })).toEqual(parseLesson(file, text));
  });

  it('is off with NETNS_TUTOR_NO_CACHE', () => {
    const dir = fresh();
    cachedParseLesson(file, text, { dir, build: 'b1', env: { NETNS_TUTOR_NO_CACHE: '1' } });
    expect(entries(dir)).toEqual([]);
  });

  it('drops the oldest entries once it holds more than MAX_CACHED', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    // Distinct ages, a second apart: files written in one loop may share a timestamp (its granularity is coarser than the loop).
    const now = Date.now() / 1000;
    for (let i = 0; i < MAX_CACHED; i++) {
      writeFileSync(join(dir, `old-${i}.json`), '{}');
      utimesSync(join(dir, `old-${i}.json`), now - 1000 + i, now - 1000 + i);
    }
    cachedParseLesson(file, text, { dir, build: 'b1', env });
    const left = entries(dir);
    expect(left.length).toBe(MAX_CACHED / 2);
    expect(left.filter((f) => !f.startsWith('old-')).length).toBe(1);
    // The oldest went first.
    expect(left.filter((f) => f.startsWith('old-')).every((f) => Number(/\d+/.exec(f)![0]) >= MAX_CACHED / 2 + 1)).toBe(true);
  });

  it('keeps every entry up to MAX_CACHED, and counts only its own .json files', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < MAX_CACHED - 1; i++) writeFileSync(join(dir, `old-${i}.json`), '{}');
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `stray-${i}.tmp`), '');
    cachedParseLesson(file, text, { dir, build: 'b1', env });
    expect(entries(dir).length).toBe(MAX_CACHED);
  });

  it('never mistakes one file name and text for another that joins to the same characters', () => {
    const dir = fresh();
    const a = cachedParseLesson('/x/a', `b${text}`, { dir, build: 'b1', env });
    const b = cachedParseLesson('/x/ab', text, { dir, build: 'b1', env });
    expect(entries(dir).length).toBe(2);
    expect([a.lesson?.file, b.lesson?.file]).toEqual([a.errors.length ? undefined : '/x/a', '/x/ab']);
  });

  it('writes entries only its owner can read', () => {
    const dir = fresh();
    cachedParseLesson(file, text, { dir, build: 'b1', env });
    expect(statSync(join(dir, entries(dir)[0])).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});

describe('loadCachedCourse (the start that loads no parser)', () => {
  const en = join(builtinLessonsRoot(), 'en');

  it('has no answer until every lesson of the course is cached, then gives what loading gives', () => {
    const dir = fresh();
    expect(loadCachedCourse(en, { dir, build: 'b1', env })).toBeUndefined();
    const files = lessonFiles(en);
    for (const f of files.slice(0, -1)) cachedParseLesson(f, readFileSync(f, 'utf8'), { dir, build: 'b1', env });
    expect(loadCachedCourse(en, { dir, build: 'b1', env })).toBeUndefined();
    cachedParseLesson(files.at(-1)!, readFileSync(files.at(-1)!, 'utf8'), { dir, build: 'b1', env });
    const cached = loadCachedCourse(en, { dir, build: 'b1', env });
    expect(cached?.course?.lessons.length).toBe(files.length);
    expect(cached).toEqual(loadCourse(en));
    expect(loadCachedCourse(en, { dir, build: 'b2', env })).toBeUndefined();
    expect(loadCachedCourse(en, { dir, build: 'b1', env: { NETNS_TUTOR_NO_CACHE: '1' } })).toBeUndefined();
  });

  it('reports a folder it cannot list without the parser (nothing to parse)', () => {
    const r = loadCachedCourse(join(base, 'no-such-folder'), { dir: fresh(), build: 'b1', env });
    expect(r?.errors.map((e) => e.message)).toEqual(['no such lessons folder']);
  });

  it('loadCourseLazily gives the same course whether or not the cache holds it', async () => {
    const state = fresh();
    const warmEnv = { XDG_STATE_HOME: state };
    expect(await loadCourseLazily(en)).toEqual(loadCourse(en));
    for (const f of lessonFiles(en)) cachedParseLesson(f, readFileSync(f, 'utf8'), { dir: lessonCacheDir(warmEnv), build: 'b1', env });
    expect(loadCachedCourse(en, { dir: lessonCacheDir(warmEnv), build: 'b1', env })).toEqual(loadCourse(en));
  });
});
