// Shared by the in-process real-kernel tests: fixture courses, and labs that are always closed.
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Lab } from '../../src/lab/sandbox.js';
import { loadCourse } from '../../src/lesson/load-course.js';
import type { Course } from '../../src/lesson/types.js';
import { ROOT, sandboxWorks } from '../integration/helpers.js';

export const SANDBOX = sandboxWorks();

export function fixtureCourse(name: string): Course {
  const r = loadCourse(join(ROOT, 'test/fixtures/lessons', name));
  if (!r.course) throw new Error(`fixture ${name}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.course;
}

const open = new Set<Lab>();
afterEach(async () => {
  await Promise.all([...open].map((l) => l.close()));
  open.clear();
});

/** A lab closed after the test, whatever happens in it. */
export async function startLab(): Promise<Lab> {
  const lab = await Lab.start();
  open.add(lab);
  return lab;
}

/** Lab.start, counted: the labs a session built, closed after the test. */
export function countingLabs(): { starts: Lab[]; start: () => Promise<Lab> } {
  const starts: Lab[] = [];
  return {
    starts,
    start: async () => {
      const lab = await startLab();
      starts.push(lab);
      return lab;
    },
  };
}
