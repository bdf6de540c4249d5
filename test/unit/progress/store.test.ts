/** The progress store: where it lives, what it keeps, and that a broken or unwritable file never stops the tutor. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { MAX_PROGRESS_BYTES, ProgressStore, type StepDone } from '../../../src/progress/store.js';
import { stateDir } from '../../../src/files/state-dir.js';

const base = mkdtempSync(join(tmpdir(), 'nt-progress-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(base, String(n++), 'netns-tutor', 'progress.json');
const done = (ref: string): StepDone => ({ ref, lesson: 'l', step: ref, at: '2026-01-01T00:00:00Z' });

describe('stateDir', () => {
  it('is $XDG_STATE_HOME/netns-tutor when that is an absolute path', () => {
    expect(stateDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/a' })).toBe('/x/state/netns-tutor');
  });
  it('ignores a relative XDG_STATE_HOME, as the spec says, and uses $HOME/.local/state', () => {
    expect(stateDir({ XDG_STATE_HOME: 'rel/state', HOME: '/home/a' })).toBe('/home/a/.local/state/netns-tutor');
    expect(stateDir({ HOME: '/home/a' })).toBe('/home/a/.local/state/netns-tutor');
  });
  it('falls back to the home directory when HOME is unset or empty', () => {
    expect(stateDir({})).toBe(join(homedir(), '.local/state/netns-tutor'));
    expect(stateDir({ HOME: '' })).toBe(join(homedir(), '.local/state/netns-tutor'));
  });
});

describe('ProgressStore', () => {
  it('starts empty when there is no file, with no problem to report', () => {
    const s = new ProgressStore(fresh());
    expect(s.load()).toEqual({ version: 1, courses: {} });
    expect(s.problem).toBeUndefined();
  });

  it('saves atomically into a folder it creates, and loads back what it saved', () => {
    const path = fresh();
    const s = new ProgressStore(path);
    const p = { version: 1 as const, courses: { '/c': { current: '1.2', done: [done('1.1')] } } };
    expect(s.save(p)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(p);
    expect(readFileSync(path, 'utf8')).toContain('\n  "version": 1');
    expect(readdirSync(join(path, '..'))).toEqual(['progress.json']);
    expect(new ProgressStore(path).load()).toEqual(p);
    expect(s.problem).toBeUndefined();
  });

  it('markDone records a step once per course, and keeps other courses apart', () => {
    const s = new ProgressStore(fresh());
    s.markDone('/a', done('1.1'));
    s.markDone('/a', { ...done('1.1'), at: 'later' });
    s.markDone('/a', done('1.2'));
    s.markDone('/b', done('1.1'));
    const p = s.load();
    expect(p.courses['/a'].done.map((d) => [d.ref, d.at])).toEqual([
      ['1.1', '2026-01-01T00:00:00Z'],
      ['1.2', '2026-01-01T00:00:00Z'],
    ]);
    expect(p.courses['/b'].done.map((d) => d.ref)).toEqual(['1.1']);
  });

  it('setCurrent remembers where the learner is, without losing what is done', () => {
    const s = new ProgressStore(fresh());
    s.setCurrent('/a', '2.1');
    expect(s.load().courses['/a']).toEqual({ current: '2.1', done: [] });
    s.markDone('/a', done('2.1'));
    s.setCurrent('/a', '2.2');
    expect(s.load().courses['/a']).toEqual({ current: '2.2', done: [done('2.1')] });
  });

  it('a file that is not JSON is kept aside as .corrupt, named as such, and progress starts afresh', () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '{ not json');
    const s = new ProgressStore(path);
    expect(s.load()).toEqual({ version: 1, courses: {} });
    expect(s.problem).toEqual({ kind: 'corrupt', path, detail: 'not valid JSON' });
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toBe('{ not json');
    expect(existsSync(path)).toBe(false);
  });

  it('JSON of another shape is corrupt too, with the reason', () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    for (const bad of [{ version: 2, courses: {} }, { version: 1, courses: { a: { done: [{ ref: '1.1' }] } } }, { version: 1 }, []]) {
      writeFileSync(path, JSON.stringify(bad));
      const s = new ProgressStore(path);
      expect(s.load(), JSON.stringify(bad)).toEqual({ version: 1, courses: {} });
      expect(s.problem).toEqual({ kind: 'corrupt', path, detail: 'not a netns-tutor progress file' });
    }
  });

  it.skipIf(process.getuid?.() === 0)('a corrupt file in a read-only folder stays where it is', () => {
    const path = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'x');
    chmodSync(join(path, '..'), 0o500);
    try {
      const s = new ProgressStore(path);
      expect(s.load()).toEqual({ version: 1, courses: {} });
      expect(s.problem?.kind).toBe('corrupt');
      expect(existsSync(path)).toBe(true);
    } finally {
      chmodSync(join(path, '..'), 0o700);
    }
  });

  it('an unwritable place is reported, not thrown', () => {
    const blocker = join(base, `file-${n++}`);
    writeFileSync(blocker, '');
    const path = join(blocker, 'netns-tutor', 'progress.json');
    const s = new ProgressStore(path);
    expect(s.save({ version: 1, courses: {} })).toBe(false);
    expect(s.problem).toMatchObject({ kind: 'unwritable', path, detail: expect.stringMatching(/ENOTDIR|EEXIST/) });
    expect(() => s.markDone('/a', done('1.1'))).not.toThrow();
  });

  it('a progress file that is a named pipe or too big is corrupt, with the reason, and set aside', () => {
    const fifo = fresh();
    mkdirSync(join(fifo, '..'), { recursive: true });
    execFileSync('mkfifo', [fifo]);
    const s = new ProgressStore(fifo);
    expect(s.load()).toEqual({ version: 1, courses: {} });
    expect(s.problem).toEqual({ kind: 'corrupt', path: fifo, detail: 'not a regular file: it is a named pipe (FIFO)' });
    expect(existsSync(`${fifo}.corrupt`)).toBe(true);

    const big = fresh();
    mkdirSync(join(big, '..'), { recursive: true });
    writeFileSync(big, ' '.repeat(MAX_PROGRESS_BYTES + 1));
    const b = new ProgressStore(big);
    expect(b.load()).toEqual({ version: 1, courses: {} });
    expect(b.problem).toMatchObject({ kind: 'corrupt', path: big, detail: expect.stringMatching(/bytes are allowed/) });
    expect(existsSync(big)).toBe(false);
  });

  it('keeps its path', () => {
    expect(new ProgressStore('/x/p.json').path).toBe('/x/p.json');
    expect(new ProgressStore().path).toBe(join(stateDir(), 'progress.json'));
  });
});
