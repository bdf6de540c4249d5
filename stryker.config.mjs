// Stryker mutation testing (`npm run mutate`, not in CI): which code is mutated and which tests judge it.
import { selected } from './test/mutate/folders.mjs';

const folder = process.env.NT_MUTATE_FOLDER ?? 'all';
const { mutate } = selected();
// Two runs over parts of one folder at once (`--mutate FILE`) need their own sandboxes and reports.
const name = process.env.NT_MUTATE_TAG ? `${folder}-${process.env.NT_MUTATE_TAG}` : folder;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/vitest.mutate.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate,
  coverageAnalysis: 'perTest',
  // Two cores shared by the whole team.
  concurrency: 1,
  // A mutant that loops forever costs this much on top of its tests' normal time: long for the real-lab tests of src/engine, short elsewhere.
  timeoutMS: folder === 'engine' || folder === 'all' ? 60_000 : 10_000,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
  ignoreStatic: true,
  thresholds: { high: 90, low: 80, break: null },
};
