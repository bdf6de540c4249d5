/** `check` on a course that fails, end to end: the exit status says so, and the transcript has no escape codes. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, ROOT, sandboxWorks } from './helpers.js';

const failing = join(ROOT, 'test/fixtures/lessons/failing');

describe.skipIf(!sandboxWorks())('a course with a failing step', () => {
  it('check exits 1, as text and as JSON, and names the failed step', () => {
    const text = cli(['check', '--lessons', failing]);
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^✘ 1\.2 Missing pair/m);
    expect(text.stdout).toContain('1 of 2 steps failed');
    const json = cliJson(['check', '--json', '--lessons', failing]);
    expect(json.code).toBe(1);
    expect(json.json.passed).toBe(false);
    expect(json.json.steps.map((s: any) => s.passed)).toEqual([true, false]);
  });

  it('the plain transcript (no terminal) exits 1 too', () => {
    const r = cli(['start', '--plain', '--lessons', failing], {}, '');
    expect(r.code, r.stderr).toBe(1);
  });

  it('the plain transcript strips every escape of a line, not only the first, and keeps the text between', () => {
    const r = cli(['check', '--verbose', '--lessons', failing]);
    expect(r.stdout).toContain('\n    onered twobold threefourfive\n');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
