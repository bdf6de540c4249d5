/** Loading a course folder: every lesson file read and parsed (through the cache). */
import { assembleCourse, type LoadResult } from './course.js';
import { cachedParseLesson } from './parse-cache.js';

export function loadCourse(dir: string): LoadResult {
  // cachedParseLesson always answers, so the course is always assembled.
  return assembleCourse(dir, cachedParseLesson)!;
}
