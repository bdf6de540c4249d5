import { defineConfig } from 'vitest/config';

/** Tests that run only in-process code (no CLI, no lab, no process.env changes): they can share a worker's loaded modules. */
const IN_PROCESS = ['test/unit/**/*.test.{ts,tsx}', 'test/ui/**/*.test.{ts,tsx}'];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    exclude: ['**/node_modules/**'],
    // A current build, a temporary folder removed after the run, and (in CI) no skips for want of a sandbox.
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most tests wait on the kernel (pings that must time out, sandboxes), not the CPU.
    maxWorkers: 4,
    projects: [
      // A fresh worker per file costs more CPU than these tests themselves (measured: 66 CPU-s against 26 for test/unit and test/ui).
      { extends: true, test: { name: 'in-process', include: IN_PROCESS, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.{ts,tsx}'], exclude: ['**/node_modules/**', ...IN_PROCESS] } },
    ],
  },
});
