/** Parsed lessons kept in the state folder, keyed by the build and the file's name and text; reading them needs no parser. */
import { createHash } from 'node:crypto';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded } from '../files/read-bounded.js';
import { stateDir } from '../files/state-dir.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { assembleCourse, type LoadResult } from './course.js';
import type { ParseOutcome } from './types.js';

declare const NETNS_TUTOR_BUILD: string | undefined;

/** Set by src/build.mjs from a hash of the sources. Unset when the code runs from source (the tests), where nothing is cached. */
export const BUILD_ID: string | undefined = typeof NETNS_TUTOR_BUILD === 'string' ? NETNS_TUTOR_BUILD : undefined;

/** Old entries are dropped, oldest first, once the folder holds more than this many. */
export const MAX_CACHED = 400;
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

export interface CacheOptions {
  dir?: string;
  build?: string;
  env?: NodeJS.ProcessEnv;
}

export function lessonCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'cache', 'lessons');
}

/** Where this file's parse is kept; undefined when nothing is cached (running from source, or NETNS_TUTOR_NO_CACHE). */
export function cacheEntry(file: string, text: string, { dir, build = BUILD_ID, env = process.env }: CacheOptions = {}): string | undefined {
  if (!build || env.NETNS_TUTOR_NO_CACHE) return undefined;
  const key = createHash('sha256').update(build).update('\0').update(file).update('\0').update(text).digest('hex');
  return join(dir ?? lessonCacheDir(env), `${key}.json`);
}

function isOutcome(v: unknown): v is ParseOutcome {
  if (!v || typeof v !== 'object') return false;
  const o = v as Partial<ParseOutcome>;
  if (!Array.isArray(o.errors) || !Array.isArray(o.notes)) return false;
  return o.lesson === undefined || (typeof o.lesson === 'object' && o.lesson !== null && Array.isArray(o.lesson.steps));
}

/** The parse kept at `entry`; undefined when it is missing, unreadable or malformed. */
export function readEntry(entry: string): ParseOutcome | undefined {
  const hit = readBounded(entry, MAX_ENTRY_BYTES);
  if (!hit.ok) return undefined;
  try {
    const v: unknown = JSON.parse(hit.text);
    return isOutcome(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_CACHED) return;
  const aged = names.map((n) => ({ n, t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - MAX_CACHED / 2)) unlinkSync(join(dir, n));
}

/** Keeps a parse at `entry`. A folder that cannot be written is left alone: the cache only saves time. */
export function writeEntry(entry: string, parsed: ParseOutcome): void {
  try {
    writeFileAtomic(entry, JSON.stringify(parsed), { owner: true });
    prune(join(entry, '..'));
  } catch {
    // A read-only or full state folder costs only speed.
  }
}

/** The course in `dir` when every lesson of it is in the cache; undefined when one is not (then the parser must load). */
export function loadCachedCourse(dir: string, opts: CacheOptions = {}): LoadResult | undefined {
  return assembleCourse(dir, (file, text) => {
    const entry = cacheEntry(file, text, opts);
    return entry === undefined ? undefined : readEntry(entry);
  });
}
