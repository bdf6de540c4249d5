/** The headless path (check, list, try, lint) must not load the Ink UI or marked-terminal. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, sandboxWorks } from './helpers.js';

const UI_MARKERS = /useInput|markedTerminal|ink-spinner|lessonHeader/;

function loadedFiles(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nt-modules-'));
  const log = join(dir, 'loaded.txt');
  const hook = join(dir, 'hook.mjs');
  writeFileSync(log, '');
  writeFileSync(
    hook,
    `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs'; export async function load(u, c, n) { if (u.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, u + '\\\\n'); return n(u, c); }\`));\n`,
  );
  const r = spawnSync(process.execPath, ['--import', hook, BIN, ...args], { cwd: ROOT, encoding: 'utf8', input: '' });
  expect(r.status, r.stderr).not.toBeNull();
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((u) => fileURLToPath(u));
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

  it('the UI chunk does carry those markers, so the test above can see it', () => {
    const chunk = readdirSync(join(ROOT, 'dist/chunks')).find((f) => f.startsWith('run-interactive'))!;
    const ui = readFileSync(join(ROOT, 'dist/chunks', chunk), 'utf8');
    expect(ui).toMatch(UI_MARKERS);
  });
});
