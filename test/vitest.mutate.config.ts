// The tests Stryker runs against each mutant: the in-process tests of the folder being mutated (tests that run dist/ cannot see a mutant).
import { defineConfig } from 'vitest/config';
import { selected } from './mutate/folders.mjs';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: selected().tests,
    // Stryker switches mutants at run time, so modules can stay loaded between runs: much less overhead per mutant.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
