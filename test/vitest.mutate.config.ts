// The tests Stryker runs against each mutant: every test that imports src/ in-process (those that run dist/ cannot see a mutant).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/ui/reducer.test.ts', 'test/ui/topology.test.ts', 'test/session/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
