// The folders `npm run mutate` measures, each with the code it mutates and the in-process tests that judge it.
export const FOLDERS = {
  progress: { mutate: ['src/progress/**/*.ts'], tests: ['test/unit/progress/**/*.test.ts'] },
  report: { mutate: ['src/report/**/*.ts'], tests: ['test/unit/report/**/*.test.ts'] },
  lesson: { mutate: ['src/lesson/**/*.ts'], tests: ['test/unit/parse.test.ts', 'test/unit/lint.test.ts', 'test/unit/front-matter.test.ts', 'test/unit/course-content.test.ts', 'test/unit/lesson/**/*.test.ts'] },
  'lab-state': { mutate: ['src/lab/state.ts'], tests: ['test/unit/lab/**/*.test.ts', 'test/session/state.test.ts'] },
  // The kinds' diagnoses are exercised through the explain tests, their labels and fields through the registry and routed-kind tests.
  checks: { mutate: ['src/checks/**/*.ts'], tests: ['test/unit/evaluate.test.ts', 'test/unit/kind-registry.test.ts', 'test/unit/kinds-routed.test.ts', 'test/unit/checks/**/*.test.ts', 'test/unit/explain/**/*.test.ts'] },
  explain: { mutate: ['src/explain/**/*.ts'], tests: ['test/unit/explain/**/*.test.ts'] },
  engine: { mutate: ['src/engine/**/*.ts'], tests: ['test/unit/engine/**/*.test.ts', 'test/session/**/*.test.ts'] },
};

/** The folder named by NT_MUTATE_FOLDER (all of them when unset). */
export function selected(env = process.env) {
  const name = env.NT_MUTATE_FOLDER;
  if (!name) return { mutate: Object.values(FOLDERS).flatMap((f) => f.mutate), tests: [...new Set(Object.values(FOLDERS).flatMap((f) => f.tests))] };
  const f = FOLDERS[name];
  if (!f) throw new Error(`no mutation folder "${name}"; the folders are: ${Object.keys(FOLDERS).join(', ')}`);
  // A quick lower bound from some of the folder's tests (docs/testing.md).
  return env.NT_MUTATE_TESTS ? { ...f, tests: env.NT_MUTATE_TESTS.split(',') } : f;
}
