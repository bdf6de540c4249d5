// Records what the built-in diagnosis is given for every wrong answer the course declares, on the real kernel, and what it answers in both languages (test/unit/explain/corpus.test.ts replays them).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, it, vi } from 'vitest';
import type { DiagnosisInput } from '../../src/explain/diagnose.js';
import { ROOT } from '../integration/helpers.js';

const seen: DiagnosisInput[] = [];
vi.mock('../../src/explain/diagnose.js', async (original) => {
  const real = await original<typeof import('../../src/explain/diagnose.js')>();
  return {
    ...real,
    findings: (input: DiagnosisInput, opts?: { strict?: boolean }) => {
      seen.push(JSON.parse(JSON.stringify(input)));
      return real.findings(input, opts);
    },
  };
});

it('records the diagnosis of every declared wrong answer of the course', async () => {
  const { checkMutants } = await import('../../src/engine/course-run.js');
  const { loadCourse } = await import('../../src/lesson/load-course.js');
  const { findings } = await vi.importActual<typeof import('../../src/explain/diagnose.js')>('../../src/explain/diagnose.js');
  const course = loadCourse(join(ROOT, 'lessons', 'en')).course!;
  const report = await checkMutants(course, { lang: 'en' });
  expect(report.passed).toBe(true);
  const unique = [...new Map(seen.map((i) => [JSON.stringify(i), i])).values()];
  const cases = unique.map((input) => ({
    step: input.step.id,
    commands: input.commands.map((c) => c.command),
    input,
    findings: { en: findings({ ...input, lang: 'en' }, { strict: true }), zh: findings({ ...input, lang: 'zh' }, { strict: true }) },
  }));
  const file = join(ROOT, 'test/fixtures/diagnosis/corpus.json.gz');
  // What a learner would now be told differently, case by case (the file itself is compressed, so git cannot show it).
  const before = new Map<string, string[]>(
    existsSync(file) ? JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).map((c: (typeof cases)[number]) => [`${c.step} $ ${c.commands.join('; ')}`, c.findings.en.map((f) => f.text)]) : [],
  );
  for (const c of cases) {
    const name = `${c.step} $ ${c.commands.join('; ')}`;
    const now = c.findings.en.map((f) => f.text);
    const was = before.get(name);
    if (!was) process.stdout.write(`new: ${name}\n`);
    else if (JSON.stringify(was) !== JSON.stringify(now)) process.stdout.write(`changed: ${name}\n  was: ${was.join('\n       ')}\n  now: ${now.join('\n       ')}\n`);
  }
  writeFileSync(file, gzipSync(JSON.stringify(cases)));
  process.stdout.write(`recorded ${cases.length} diagnoses (${seen.length} calls)\n`);
});
