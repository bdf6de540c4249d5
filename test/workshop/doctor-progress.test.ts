/** `doctor` before a class, and `progress` for collecting what learners completed. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseKey } from '../../src/lesson/course.js';
import { ProgressStore } from '../../src/progress/store.js';
import { cli, cliJson, sandboxWorks } from '../integration/helpers.js';
import { EXAMPLE, hasEscapes, isRoot } from './helpers.js';

const works = sandboxWorks();

describe('doctor', () => {
  it.skipIf(!works)('passes here, as text and as JSON with id, status, message and fix', () => {
    const r = cli(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ready/m);
    expect(r.stdout).toMatch(/^✔ sandbox starts in \d+ ms \((root|rootless) mode\)$/m);
    expect(hasEscapes(r.stdout)).toBe(false);

    const j = cliJson(['doctor', '--json']);
    expect(j.code).toBe(0);
    expect(j.json).toMatchObject({ ok: true, mode: isRoot ? 'root' : 'rootless' });
    expect(typeof j.json.summary).toBe('string');
    expect(j.json.findings.length).toBeGreaterThan(3);
    for (const f of j.json.findings) {
      expect(typeof f.id).toBe('string');
      expect(['ok', 'warn', 'fail']).toContain(f.status);
      expect(typeof f.message).toBe('string');
      // Every finding that asks for something says how to fix it.
      if (f.status !== 'ok') expect(typeof f.fix, f.id).toBe('string');
      if ('fix' in f && f.fix !== null) expect(typeof f.fix).toBe('string');
    }
    expect(j.json.findings.filter((f: any) => f.status === 'fail')).toEqual([]);
    const ids = j.json.findings.map((f: any) => f.id);
    for (const id of ['namespaces', 'privileges', 'sandbox', 'version:ip', 'version:ping', 'version:tcpdump']) expect(ids).toContain(id);
  });

  it('with tcpdump missing: exit non-zero, and it names the fix', () => {
    const env = { NETNS_TUTOR_WITHOUT: 'tcpdump' };
    const r = cli(['doctor'], env);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/^✘ tcpdump is not installed$/m);
    expect(r.stdout).toMatch(/→ sudo apt-get install tcpdump/);
    expect(r.stdout).toMatch(/^not ready: .*tcpdump/m);

    const j = cliJson(['doctor', '--json'], env);
    expect(j.code).not.toBe(0);
    expect(j.json.ok).toBe(false);
    expect(j.json.findings).toContainEqual(expect.objectContaining({ id: 'tool:tcpdump', status: 'fail', fix: expect.stringContaining('apt-get install tcpdump') }));
    expect(j.json.summary).toMatch(/tcpdump/);
  });

  it('brctl missing is only a warning: still ready', () => {
    const j = cliJson(['doctor', '--json'], { NETNS_TUTOR_WITHOUT: 'brctl' });
    expect(j.json.findings).toContainEqual(expect.objectContaining({ id: 'tool:brctl', status: 'warn', fix: expect.stringContaining('bridge-utils') }));
    if (works) {
      expect(j.code).toBe(0);
      expect(j.json.ok).toBe(true);
    }
  });
});

describe('progress', () => {
  function stateHome(): string {
    return mkdtempSync(join(tmpdir(), 'nt-state-'));
  }

  it('reports a prepared progress file under XDG_STATE_HOME', () => {
    const xdg = stateHome();
    const file = join(xdg, 'netns-tutor', 'progress.json');
    // Written by the tutor's own store, under the key the tutor uses for this pack.
    const store = new ProgressStore(file);
    const key = courseKey(EXAMPLE);
    store.markDone(key, { ref: '1.1', lesson: 'bridge', step: 'bridge', at: '2026-01-05T09:00:00.000Z' });
    store.markDone(key, { ref: '1.2', lesson: 'bridge', step: 'namespaces', at: '2026-01-05T09:02:00.000Z' });
    store.markDone(key, { ref: '2.1', lesson: 'cables', step: 'cable-ns1', at: '2026-01-05T09:05:00.000Z' });
    store.setCurrent(key, '2.2');
    // Another pack's progress must not leak into this one.
    store.markDone(courseKey(undefined), { ref: '1.1', lesson: 'other', step: 'other', at: '2026-01-05T08:00:00.000Z' });
    expect(existsSync(file)).toBe(true);

    const env = { XDG_STATE_HOME: xdg, USER: 'learner7' };
    const j = cliJson(['progress', '--json', '--lessons', EXAMPLE], env);
    expect(j.code).toBe(0);
    expect(j.json).toMatchObject({ user: 'learner7', total: 8, completed: 3, current: '2.2', file });
    expect(j.json.done.map((d: any) => d.ref)).toEqual(['1.1', '1.2', '2.1']);
    expect(j.json.done[0]).toEqual({ ref: '1.1', lesson: 'bridge', step: 'bridge', at: '2026-01-05T09:00:00.000Z' });

    const r = cli(['progress', '--lessons', EXAMPLE], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('learner7: 3/8 steps completed');
    expect(r.stdout).toMatch(/^ {2}2\.1 {2}2026-01-05T09:05:00\.000Z {2}cables\/cable-ns1$/m);
  });

  it('with nothing recorded: zero completed', () => {
    const j = cliJson(['progress', '--json', '--lessons', EXAMPLE], { XDG_STATE_HOME: stateHome() });
    expect(j.code).toBe(0);
    expect(j.json).toMatchObject({ completed: 0, done: [], current: null, total: 8 });
  });

  it('a corrupt progress file never stops the tutor: it is kept aside and progress starts afresh', () => {
    const xdg = stateHome();
    mkdirSync(join(xdg, 'netns-tutor'));
    const file = join(xdg, 'netns-tutor', 'progress.json');
    writeFileSync(file, '{"version":1,"courses":');
    const j = cliJson(['progress', '--json', '--lessons', EXAMPLE], { XDG_STATE_HOME: xdg });
    expect(j.code).toBe(0);
    expect(j.json.completed).toBe(0);
    expect(existsSync(`${file}.corrupt`)).toBe(true);
  });
});
