/** Parsed lessons kept in the state folder, keyed by the build and the file's name and text: a warm start skips YAML, schema and regex checks. */
import { createHash } from 'node:crypto';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { writeFileAtomic } from '../files/write-atomic.js';
import { join } from 'node:path';
import { readBounded } from '../files/read-bounded.js';
import { stateDir } from '../files/state-dir.js';
import { parseLesson, type ParseOutcome } from './parse.js';

declare const NETNS_TUTOR_BUILD: string | undefined;

/** Set by src/build.mjs from a hash of the sources. Unset when the code runs from source (the tests), where nothing is cached. */
export const BUILD_ID: string | undefined = typeof NETNS_TUTOR_BUILD === 'string' ? NETNS_TUTOR_BUILD : undefined;

/** Old entries are dropped, oldest first, once the folder holds more than this many. */
export const MAX_CACHED = 400;
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

export function lessonCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'cache', 'lessons');
}

function isOutcome(v: unknown): v is ParseOutcome {
  if (!v || typeof v !== 'object') return false;
  const o = v as Partial<ParseOutcome>;
  if (!Array.isArray(o.errors) || !Array.isArray(o.notes)) return false;
  return o.lesson === undefined || (typeof o.lesson === 'object' && o.lesson !== null && Array.isArray(o.lesson.steps));
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_CACHED) return;
  const aged = names.map((n) => ({ n, t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - MAX_CACHED / 2)) unlinkSync(join(dir, n));
}

/**
 * parseLesson(file, text), from the cache when this build parsed the same file name and text
 * before. The cache only saves time: an entry that is missing, unreadable or malformed is
 * parsed again, and a folder that cannot be written is left alone.
 */
export function cachedParseLesson(file: string, text: string, { dir = lessonCacheDir(), build = BUILD_ID, env = process.env } = {}): ParseOutcome {
  if (!build || env.NETNS_TUTOR_NO_CACHE) return parseLesson(file, text);
  const key = createHash('sha256').update(build).update('\0').update(file).update('\0').update(text).digest('hex');
  const path = join(dir, `${key}.json`);
  const hit = readBounded(path, MAX_ENTRY_BYTES);
  if (hit.ok) {
    try {
      const v: unknown = JSON.parse(hit.text);
      if (isOutcome(v)) return v;
    } catch {
      // Parsed again below, and the entry rewritten.
    }
  }
  const parsed = parseLesson(file, text);
  try {
    writeFileAtomic(path, JSON.stringify(parsed), { owner: true });
    prune(dir);
  } catch {
    // A read-only or full state folder costs only speed.
  }
  return parsed;
}
