// Stryker mutation testing (`npm run mutate`, not in CI): which code is mutated and which tests judge it.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/vitest.mutate.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/lesson/**/*.ts',
    'src/checks/**/*.ts',
    'src/explain/**/*.ts',
    'src/engine/**/*.ts',
    'src/lab/state.ts',
    'src/progress/**/*.ts',
    'src/report/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores shared by the whole team.
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignoreStatic: true,
  thresholds: { high: 90, low: 80, break: null },
};
