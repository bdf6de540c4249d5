/** The headless path (check, list, try, lint) must not load the Ink UI or marked-terminal, and a warm start loads no parser. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, sandboxWorks } from './helpers.js';

const UI_MARKERS = /useInput|markedTerminal|ink-spinner|lessonHeader/;
/** Strings only the YAML and Markdown parsers, the schema library, the regex engine and execa carry. */
const PARSER_MARKERS = /YAMLParseError|input parameter is undefined or null|Invalid input|RE2JS|Command failed with/;

function loadedFiles(args: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nt-modules-'));
  const log = join(dir, 'loaded.txt');
  const hook = join(dir, 'hook.mjs');
  writeFileSync(log, '');
  writeFileSync(
    hook,
    `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs'; export async function load(u, c, n) { if (u.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, u + '\\\\n'); return n(u, c); }\`));\n`,
  );
  const r = spawnSync(process.execPath, ['--import', hook, BIN, ...args], { cwd: ROOT, encoding: 'utf8', input: '', env });
  expect(r.status, r.stderr).not.toBeNull();
  const files = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((u) => fileURLToPath(u));
  rmSync(dir, { recursive: true, force: true });
  return files;
}

describe('module loading', () => {
  it('list and lint load no UI code', () => {
    for (const args of [['list'], ['lint']]) {
      const files = loadedFiles(args);
      expect(files.some((f) => f.endsWith('dist/cli.js'))).toBe(true);
      expect(files.filter((f) => UI_MARKERS.test(readFileSync(f, 'utf8')))).toEqual([]);
    }
  });

  it.skipIf(!sandboxWorks())('check loads no UI code', () => {
    const files = loadedFiles(['check', '--lessons', join(ROOT, 'test/fixtures/lessons/mini')]);
    expect(files.length).toBeGreaterThan(2);
    expect(files.filter((f) => UI_MARKERS.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('--version and --help load neither a parser nor the sandbox; list from a warm cache loads no parser', () => {
    for (const args of [['--version'], ['--help']]) expect(loadedFiles(args).filter((f) => PARSER_MARKERS.test(readFileSync(f, 'utf8')))).toEqual([]);
    const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'nt-modules-state-')) };
    const cold = loadedFiles(['list'], env);
    expect(cold.filter((f) => /YAMLParseError/.test(readFileSync(f, 'utf8')))).not.toEqual([]);
    expect(loadedFiles(['list'], env).filter((f) => PARSER_MARKERS.test(readFileSync(f, 'utf8')))).toEqual([]);
    rmSync(env.XDG_STATE_HOME, { recursive: true, force: true });
  });

  it('the UI chunk does carry those markers, so the test above can see it', () => {
    const chunk = readdirSync(join(ROOT, 'dist/chunks')).find((f) => f.startsWith('run-interactive'))!;
    const ui = readFileSync(join(ROOT, 'dist/chunks', chunk), 'utf8');
    expect(ui).toMatch(UI_MARKERS);
  });
});
