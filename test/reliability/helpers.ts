/** Shared by the reliability suite: an async CLI runner with a clean environment, and the "never a crash" assertions. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { expect } from 'vitest';
import { BIN, ROOT } from '../integration/helpers.js';

export { BIN, ROOT };

export const IS_ROOT = process.getuid?.() === 0;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a learner's shell would give the tutor: the test runner's
 * colour and TTY hints (vitest sets COLOR, FORCE_TTY, NODE_ENV…), any
 * NO_COLOR/FORCE_COLOR and the tutor's own test hooks are removed, so each
 * test states exactly what it sets. Keys set to undefined are removed too.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VITEST|NETNS_TUTOR_)/.test(k)) continue;
    if (['FORCE_COLOR', 'NO_COLOR', 'COLOR', 'FORCE_TTY', 'NODE_ENV', 'CI', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'NODE_OPTIONS'].includes(k)) continue;
    env[k] = v;
  }
  env.LANG = 'C.UTF-8';
  env.TERM = 'xterm-256color';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** A program to run instead of `node bin/netns-tutor.js`; args are appended. */
  argv0?: string[];
  cwd?: string;
  timeoutMs?: number;
}

/** Runs `node bin/netns-tutor.js ARGS` (stdin is /dev/null, stdout and stderr are pipes), without blocking the test worker. */
export function runCli(args: string[], opts: RunOptions = {}): Promise<Run> {
  const argv = opts.argv0 ? [...opts.argv0, ...args] : [process.execPath, BIN, ...args];
  return runProgram(argv, opts);
}

export function runProgram(argv: string[], opts: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs tasks with at most `n` at a time, keeping their order in the result. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** A V8 stack frame: `    at fn (/file.js:1:2)`, `    at /file.js:1:2`, `    at node:internal/…`. */
const FRAME = /^\s+at (?:.* \()?(?:file:\/\/|node:|\/|<anonymous>|native|async )\S*.*$/m;

/**
 * Signs of a crash rather than a message: a JS stack, node's own error
 * printing, the tutor's catch-all. `literal` also rejects any line that starts
 * with four spaces and `at ` (for outputs with no command output in them).
 */
export function crashSigns(text: string, literal = false): string[] {
  const signs: string[] = [];
  if (FRAME.test(text) || (literal && /\n {4}at /.test('\n' + text))) signs.push('stack trace ("    at …" line)');
  if (/node:internal|\(node:\d+\)|^\s*\^\s*$/m.test(text)) signs.push('node internals / uncaught exception banner');
  if (/^\w*Error(?: \[\w+\])?: /m.test(text)) signs.push('a raw "…Error: " line');
  if (/unexpected error/i.test(text)) signs.push("the tutor's catch-all (errInternal)");
  return signs;
}

export function expectNoCrash(r: Run, what = '', literal = false): void {
  const all = r.stdout + '\n' + r.stderr;
  expect(crashSigns(all, literal), `${what}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toEqual([]);
  expect(r.signal, `${what}: ended by a signal`).toBeNull();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/;

/** No escape sequence and no control byte but \n and \t. */
export function expectNoEscapes(text: string, what = ''): void {
  const m = CONTROL.exec(text);
  if (m) {
    const at = m.index;
    const ctx = JSON.stringify(text.slice(Math.max(0, at - 60), at + 20));
    expect.fail(`${what}: control byte 0x${text.charCodeAt(at).toString(16)} at offset ${at}: ${ctx}`);
  }
}

/** How the tutor shows a lesson path: relative to its working directory when inside it. */
export function shownPath(file: string, cwd = ROOT): string {
  const r = relative(cwd, file);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : file;
}

/** The shipped course (or NETNS_RELIABILITY_COURSE), by language, with its list --json steps. */
export function shippedCourseDir(lang = 'en'): string {
  const override = process.env.NETNS_RELIABILITY_COURSE;
  if (override) return isAbsolute(override) ? override : join(ROOT, override);
  return join(ROOT, 'lessons', lang);
}

export function hasLessons(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.endsWith('.md') && !/^readme\.md$/i.test(f) && !f.startsWith('_'));
  } catch {
    return false;
  }
}

export interface ListedStep {
  ref: string;
  lesson: string;
  id: string;
  title: string;
  commands: string[];
}

export function listSteps(dir: string): ListedStep[] {
  const r = spawnSync(process.execPath, [BIN, 'list', '--json', '--lessons', dir], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`list --json --lessons ${dir} failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout).steps as ListedStep[];
}

/** Where a program would be found on a PATH, every match. */
export function locations(name: string, dirs: string[]): string[] {
  return dirs.map((d) => join(d, name)).filter((p) => existsSync(p));
}

/** A process's start time (field 22 of /proc/PID/stat), to tell a live PID from a reused one. */
export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** PID -> parent PID for every process, from /proc. */
export function processTable(): Map<number, number> {
  const table = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      table.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  return table;
}

/** `pid` and all its descendants, with their start times. */
export function processTree(pid: number): { pid: number; start: string | undefined }[] {
  const table = processTable();
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of table) if (pp === out[i] && !out.includes(p)) out.push(p);
  return out.map((p) => ({ pid: p, start: startTime(p) }));
}

/** Those of `tree` still alive (same PID and start time, not a zombie). */
export function survivors(tree: { pid: number; start: string | undefined }[]): string[] {
  return tree
    .filter((p) => p.start !== undefined && startTime(p.pid) === p.start && processState(p.pid) !== 'Z')
    .map((p) => {
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      } catch {
        /* gone */
      }
      return `${p.pid} ${cmd}`;
    });
}
