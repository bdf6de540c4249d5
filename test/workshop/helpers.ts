/** Shared by the workshop tests: the example course, async CLI runs, and the runner for docs/authoring.md. */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, ROOT } from '../integration/helpers.js';

export { BIN, ROOT } from '../integration/helpers.js';

export const EXAMPLE = join(ROOT, 'lessons/examples/two-namespaces');
export const isRoot = process.getuid?.() === 0;

/** Lesson files (as the tutor counts them) directly in `dir`. */
export function lessonFileNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.md') && !/^readme\.md$/i.test(f) && !f.startsWith('_'));
  } catch {
    return [];
  }
}

/** The shipped course once it has lessons (`lessons/en`); until then the example course stands in. */
export function shippedCourseReady(root = ROOT): boolean {
  return lessonFileNames(join(root, 'lessons/en')).length > 0;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without blocking the event loop, so several can run at once. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    // A program that exits without reading its input must not fail the test with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** The CLI of this repository, asynchronously. */
export function cliAsync(args: string[], env: NodeJS.ProcessEnv = {}, opts: { bin?: string; cwd?: string } = {}): Promise<RunResult> {
  return run(process.execPath, [opts.bin ?? BIN, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
}

export function parseJson<T = any>(r: RunResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** No terminal escape sequences: what a plain transcript must look like. */
export function hasEscapes(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /\u001b[[\]()]/.test(s);
}

// ------------------------------------------------------------ docs/authoring.md

export type DocAction =
  | { kind: 'save'; path: string; content: string; line: number }
  | { kind: 'sh'; lines: { text: string; expect: number }[]; cwd: 'work' | 'repo'; line: number; shows?: string; runBy?: string };

/**
 * The runnable parts of a Markdown guide, in order:
 * - a fenced block after `<!-- save: PATH -->` is written to PATH;
 * - a ```sh block runs line by line (in the repository after `<!-- cwd: repo -->`,
 *   else in the work folder); `# exit status N` at the end of a line is the status
 *   it must exit with (0 otherwise); `<!-- skip -->` skips the next block;
 *   `<!-- run by: TEST FILE -->` marks a block whose commands that test runs
 *   (in the repository), so that the guide's reader does not run them twice;
 * - a ```text block right after a ```sh block is output those commands must show.
 */
export function docActions(markdown: string): DocAction[] {
  const lines = markdown.split('\n');
  const actions: DocAction[] = [];
  let marker: string | undefined;
  let lastSh: Extract<DocAction, { kind: 'sh' }> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const comment = /^<!--\s*(.*?)\s*-->\s*$/.exec(line);
    if (comment) {
      marker = comment[1];
      continue;
    }
    // As in CommonMark, a backtick fence's info string holds no backtick.
    const fence = /^(`{3,})([^`]*)$/.exec(line);
    if (!fence) {
      if (line.trim()) lastSh = undefined;
      continue;
    }
    const ticks = fence[1];
    const info = fence[2].trim();
    const body: string[] = [];
    const start = i + 1;
    const closes = (l: string) => /^`+\s*$/.test(l) && l.trim().length >= ticks.length;
    for (i++; i < lines.length && !closes(lines[i]); i++) body.push(lines[i]);
    const content = body.join('\n') + '\n';
    const m = marker;
    marker = undefined;
    if (m === 'skip') {
      lastSh = undefined;
      continue;
    }
    if (m?.startsWith('save:')) {
      actions.push({ kind: 'save', path: m.slice(5).trim(), content, line: start });
      lastSh = undefined;
      continue;
    }
    if (info === 'sh') {
      const cmds = body
        .filter((l) => l.trim() && !l.trim().startsWith('#'))
        .map((l) => {
          const st = /#\s*exit status (\d+)\s*$/.exec(l);
          return { text: l, expect: st ? Number(st[1]) : 0 };
        });
      const runBy = m?.startsWith('run by:') ? m.slice(7).trim() : undefined;
      lastSh = { kind: 'sh', lines: cmds, cwd: m === 'cwd: repo' || runBy ? 'repo' : 'work', line: start, ...(runBy ? { runBy } : {}) };
      actions.push(lastSh);
      continue;
    }
    if (info === 'text' && lastSh) lastSh.shows = content;
    lastSh = undefined;
  }
  return actions;
}

/** Timings and the sandbox mode vary between runs; everything else (counts, file:line) must match. */
export function normalizeOutput(s: string): string {
  return s
    .replace(/\b(root|rootless) mode\b/g, 'MODE mode')
    .replace(/\d+(\.\d+)? ?(ms|s)\b/g, 'N s')
    .replace(/[ \t]+$/gm, '');
}

/** Lines of an expected-output block, minus elisions (…), that are not lines of the actual output (indentation aside). */
export function missingOutputLines(expected: string, actual: string): string[] {
  const got = new Set(normalizeOutput(actual).split('\n').map((l) => l.trim()));
  return expected
    .split('\n')
    .filter((l) => l.trim() && !l.includes('…'))
    .filter((l) => !got.has(normalizeOutput(l).trim()));
}

/** A folder on PATH with a `netns-tutor` that runs this repository's CLI. */
export function commandShim(dir: string, bin = BIN): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, 'netns-tutor');
  writeFileSync(p, `#!/bin/sh\nexec '${process.execPath}' '${bin}' "$@"\n`);
  chmodSync(p, 0o755);
  return dir;
}

export function saveFile(base: string, rel: string, content: string): void {
  const p = join(base, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

export function readDoc(rel: string): string {
  const p = join(ROOT, rel);
  if (!existsSync(p)) throw new Error(`${rel} is missing`);
  return readFileSync(p, 'utf8');
}

/**
 * The course the heavy tests run: NETNS_TUTOR_TEST_LESSONS when set (any pack),
 * else the shipped course once `lessons/en` has lessons, else the example course.
 * `args` select it on a CLI installed or copied at `root`.
 */
export function courseUnderTest(root = ROOT): { label: string; args: string[] } {
  const forced = process.env.NETNS_TUTOR_TEST_LESSONS;
  if (forced) return { label: forced, args: ['--lessons', forced] };
  if (shippedCourseReady(root)) return { label: 'the shipped course', args: [] };
  return { label: 'the example course', args: ['--lessons', join(root, 'lessons/examples/two-namespaces')] };
}
