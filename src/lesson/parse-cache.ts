/** parseLesson through the cache of parsed lessons (src/lesson/lesson-cache.ts). */
import { cacheEntry, readEntry, writeEntry, type CacheOptions } from './lesson-cache.js';
import { parseLesson } from './parse.js';
import type { ParseOutcome } from './types.js';

/**
 * parseLesson(file, text), from the cache when this build parsed the same file name and text
 * before. An entry that is missing, unreadable or malformed is parsed again and rewritten.
 */
export function cachedParseLesson(file: string, text: string, opts: CacheOptions = {}): ParseOutcome {
  const entry = cacheEntry(file, text, opts);
  if (entry === undefined) return parseLesson(file, text);
  const hit = readEntry(entry);
  if (hit) return hit;
  const parsed = parseLesson(file, text);
  writeEntry(entry, parsed);
  return parsed;
}
