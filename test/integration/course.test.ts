/** The shipped course, end to end on the real kernel, in both languages. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCourse } from '../../src/lesson/load-course.js';
import { allSteps } from '../../src/lesson/refs.js';
import { cli, cliJson, hostNetwork, ROOT, sandboxWorks } from './helpers.js';
import { FULL, sample } from '../setup/tier.js';

const en = loadCourse(join(ROOT, 'lessons/en')).course;

describe.skipIf(!sandboxWorks() || !en)('the shipped course on the real kernel', () => {
  // Both languages in the full tier; by default English as root and Chinese rootless (CI runs both).
  const checkLangs = FULL ? ['en', 'zh'] : [process.getuid?.() === 0 ? 'en' : 'zh'];
  for (const lang of checkLangs) {
    it(`check passes every step (${lang}) and leaves the host as it was`, () => {
      const before = hostNetwork();
      const r = cliJson(['check', '--json', '--lang', lang]);
      const failed = r.json.steps.filter((s: any) => !s.passed).map((s: any) => `${s.ref} ${JSON.stringify(s.checks.filter((c: any) => !c.passed))}`);
      expect(failed).toEqual([]);
      expect(r.json.passed).toBe(true);
      expect(r.code).toBe(0);
      expect(r.json.steps.length).toBe(allSteps(en!).length);
      expect(r.json.steps.some((s: any) => s.checks.some((c: any) => c.expectedFailure))).toBe(true);
      expect(hostNetwork()).toEqual(before);
    });
  }

  it('try: wrong commands fail their step, each with its explanation', () => {
    const picks = allSteps(en!)
      .filter((s) => s.step.wrong.length)
      .map((s) => ({ ref: s.ref, w: s.step.wrong[0] }))
      .slice(0, FULL ? 5 : 1);
    expect(picks.length).toBe(FULL ? 5 : 1);
    for (const { ref, w } of picks) {
      const r = cliJson(['try', ref, '--json', '--', w.command]);
      expect(r.code, `${ref} ${w.command}`).toBe(1);
      expect(r.json.passed).toBe(false);
      const said = r.json.explanations.map((e: { text: string; fix?: string }) => (e.fix ? `${e.text}\n${e.fix}` : e.text));
      expect(said.some((e: string) => new RegExp(w.explains, 'i').test(e)), `${ref} ${w.command}: ${said.join(' | ')}`).toBe(true);
    }
  });

  // The full tier runs every wrong answer in both languages. The default run takes, in each lesson, the first
  // step that declares wrong answers, in one language: English as root, Chinese rootless (CI runs both).
  const mutantLangs = FULL ? ['en', 'zh'] : [process.getuid?.() === 0 ? 'en' : 'zh'];
  // By default one step's wrong answers per mode: lesson 2's first such step as root, lesson 5's rootless.
  const lessonHere = process.getuid?.() === 0 ? 1 : 4;
  const mutantSteps = sample(
    allSteps(en!).filter((s) => s.step.wrong.length && (FULL || s.lessonIndex === lessonHere)),
    (s) => String(s.lessonIndex),
  ).map((s) => s.ref);
  for (const lang of mutantLangs) {
    it(`check --mutants: every declared wrong answer fails with its explanation (${lang}${FULL ? '' : `, steps ${mutantSteps.join(' ')}`})`, () => {
      const r = cliJson(['check', '--mutants', '--json', '--lang', lang, ...(FULL ? [] : ['--steps', mutantSteps.join(',')])]);
      const bad = r.json.results.filter((m: any) => !m.passed).map((m: any) => `${m.ref} ${m.command}: failed=${m.stepFailed} explained=${m.explained} ${m.explanations.map((e: any) => e.text).join(' | ')}`);
      expect(bad).toEqual([]);
      expect(r.json.passed).toBe(true);
      expect(new Set(r.json.results.map((m: any) => m.ref))).toEqual(new Set(FULL ? allSteps(en!).filter((s) => s.step.wrong.length).map((s) => s.ref) : mutantSteps));
      expect(r.json.mutants).toBeGreaterThanOrEqual(FULL ? 100 : 2);
    }, 600_000);
  }

  // The transcript runs every step like `check`, so by default it runs on the small example pack.
  it('without a terminal, prints the course as a plain transcript with no escape bytes', () => {
    const pack = FULL ? en! : loadCourse(join(ROOT, 'lessons/examples/two-namespaces')).course!;
    const r = cli(FULL ? [] : ['--lessons', join(ROOT, 'lessons/examples/two-namespaces')], { TERM: 'xterm-256color', FORCE_COLOR: '1' }, '');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b/);
    for (const l of pack.lessons) expect(r.stdout).toContain(l.title);
    expect(r.stdout).toContain(`$ ${allSteps(pack)[0].step.commands[0]}`);
    expect(r.stdout).toMatch(/✔ .* — failed as expected/);
  });

  it('lint passes on the shipped course, both languages, with no drift', () => {
    const r = cli(['lint']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
