// Records the diagnosis corpus (`npm run record:diagnosis`): not part of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/record/**/*.record.ts'],
    testTimeout: 1_800_000,
    pool: 'forks',
  },
});
