import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**'],
    // A current build, a temporary folder removed after the run, and (in CI) no skips for want of a sandbox.
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most tests wait on the kernel (pings that must time out, sandboxes), not the CPU.
    maxWorkers: 4,
  },
});
