/** `class --headless` and `check --join` load no UI code: Ink and React come in only with the dashboard or the tutor's screen. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { BIN, CODE, ROOT, cleanup, startClass, tempState } from './helpers.js';

const UI_MARKERS = /useInput|markedTerminal|ink-spinner|lessonHeader|from"ink"|reconciler/;

/** Runs the CLI with a loader hook that lists every file it loads; stops it once `until` is printed. */
function modulesOf(args: string[], env: Record<string, string>, until: RegExp): Promise<string[]> {
  const dir = tempState();
  const log = join(dir, 'loaded.txt');
  const hook = join(dir, 'hook.mjs');
  writeFileSync(log, '');
  const loader = `import { appendFileSync } from 'node:fs'; export async function load(u, c, n) { if (u.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, u + '\\n'); return n(u, c); }`;
  writeFileSync(hook, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(loader)}));\n`);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', hook, BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const look = (d: Buffer) => {
      out += d;
      if (until.test(out)) p.kill('SIGKILL');
    };
    p.stdout.on('data', look);
    p.stderr.on('data', look);
    p.once('exit', () => {
      if (!until.test(out)) return reject(new Error(`never printed ${until}:\n${out}`));
      resolve(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((u) => fileURLToPath(u)));
    });
  });
}

afterAll(() => cleanup());

describe('the class loads no UI where none is shown', () => {
  it('class --headless', async () => {
    const files = await modulesOf(['class', '--headless', '--host', '127.0.0.1', '--port', '0', '--code', CODE], { XDG_STATE_HOME: tempState() }, /Serving on/);
    expect(files.some((f) => /run-class-/.test(f))).toBe(true);
    expect(files.filter((f) => UI_MARKERS.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it.skipIf(!sandboxWorks())('check --join', async () => {
    const c = await startClass(tempState());
    try {
      const files = await modulesOf(['check', '--lessons', join(ROOT, 'test/fixtures/lessons/mini'), '--join', c.url, '--code', CODE, '--name', 'M'], { XDG_STATE_HOME: tempState() }, /events delivered/);
      expect(files.some((f) => /join-/.test(f))).toBe(true);
      expect(files.filter((f) => UI_MARKERS.test(readFileSync(f, 'utf8')))).toEqual([]);
    } finally {
      await c.stop('SIGKILL');
    }
  });

  it('the dashboard chunk does carry the markers, so the tests above can see it', () => {
    const dist = join(ROOT, 'dist/chunks');
    const chunk = readdirSync(dist).find((f) => f.startsWith('run-dashboard'))!;
    expect(chunk).toBeTruthy();
    // The dashboard imports Ink from a shared chunk: follow its imports one level.
    const text = readFileSync(join(dist, chunk), 'utf8');
    const imported = [...text.matchAll(/from"\.\/([^"]+)"/g)].map((m) => readFileSync(join(dist, m[1]), 'utf8'));
    expect([text, ...imported].some((t) => UI_MARKERS.test(t))).toBe(true);
  });
});
