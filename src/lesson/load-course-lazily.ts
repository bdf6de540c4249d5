/** Loads a course, bringing in the parser (YAML, Markdown, schema and regex checks) only when the cache lacks a lesson. */
import type { LoadResult } from './course.js';
import { loadCachedCourse } from './lesson-cache.js';

export async function loadCourseLazily(dir: string): Promise<LoadResult> {
  return loadCachedCourse(dir) ?? (await import('./load-course.js')).loadCourse(dir);
}
