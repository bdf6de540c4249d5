// The built-in diagnosis replayed on states recorded on the real kernel (every wrong answer the course declares): the same findings, in both languages. Re-record with `npm run record:diagnosis` after a deliberate change, and read the diff.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findings, type DiagnosisInput, type RuleFinding } from '../../../src/explain/diagnose.js';

interface Case {
  step: string;
  commands: string[];
  input: DiagnosisInput;
  findings: { en: RuleFinding[]; zh: RuleFinding[] };
}

const CORPUS: Case[] = JSON.parse(gunzipSync(readFileSync(new URL('../../fixtures/diagnosis/corpus.json.gz', import.meta.url))).toString('utf8'));

describe('the diagnosis on recorded labs', () => {
  it('the corpus covers every lesson of the course with a wrong answer', () => {
    expect(CORPUS.length).toBeGreaterThan(100);
    expect(new Set(CORPUS.map((c) => c.step.split('-')[0])).size).toBeGreaterThan(5);
  });

  it('the two languages find the same things, with the same fixes; only the words differ', () => {
    const shape = (fs: RuleFinding[]) => fs.map(({ text: _text, ...rest }) => rest);
    for (const c of CORPUS) expect(shape(c.findings.zh), `${c.step} $ ${c.commands.join('; ')}`).toEqual(shape(c.findings.en));
    expect(CORPUS.filter((c) => c.findings.en.length > 0).length).toBeGreaterThan(CORPUS.length / 2);
    for (const c of CORPUS) for (const f of c.findings.zh) expect(f.text).toMatch(/[\u4e00-\u9fff]/);
  });

  CORPUS.forEach((c, i) => {
    it(`${i + 1}. ${c.step}: ${c.commands.join('; ').slice(0, 80)}`, () => {
      for (const lang of ['en', 'zh'] as const) expect(findings({ ...c.input, lang }, { strict: true })).toEqual(c.findings[lang]);
    });
  });
});
