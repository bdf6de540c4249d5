/** docs/authoring.md, followed to the letter: every command in it runs, with the exit status and output it shows. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { commandShim, docActions, missingOutputLines, readDoc, ROOT, run, saveFile } from './helpers.js';

const doc = readDoc('docs/authoring.md');
const actions = docActions(doc);

describe('docs/authoring.md', () => {
  it('has a lesson to save and commands to run', () => {
    expect(actions.filter((a) => a.kind === 'save').map((a) => (a.kind === 'save' ? a.path : ''))).toContain('my-course/01-pair.md');
    const commands = actions.flatMap((a) => (a.kind === 'sh' ? a.lines.map((l) => l.text) : []));
    for (const sub of ['lint', 'list', 'check', 'try', 'start', 'check --mutants']) expect(commands.some((c) => c.includes(`netns-tutor ${sub}`) && c.includes('my-course')), sub).toBe(true);
    expect(commands.filter((c) => /netns-tutor (list|check|try|start|present|progress)\b/.test(c) && c.includes('my-course')).every((c) => c.includes('--lessons my-course'))).toBe(true);
  });

  it.skipIf(!sandboxWorks())('every command works as shown, from an empty folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'nt-authoring-'));
    const shim = commandShim(join(work, '.bin'));
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PATH: `${shim}:${process.env.PATH}`, XDG_STATE_HOME: join(work, '.state'), LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
    delete env.LANGUAGE;
    for (const a of actions) {
      if (a.kind === 'save') {
        saveFile(work, a.path, a.content);
        continue;
      }
      let output = '';
      for (const l of a.lines) {
        const r = await run('bash', ['-c', l.text], { cwd: a.cwd === 'repo' ? ROOT : work, env });
        output += r.stdout + r.stderr;
        expect(r.code, `docs/authoring.md:${a.line}: \`${l.text}\` exited ${r.code}\n${r.stdout}\n${r.stderr}`).toBe(l.expect);
      }
      if (a.shows) expect(missingOutputLines(a.shows, output), `docs/authoring.md:${a.line}: output differs from the guide:\n${output}`).toEqual([]);
    }
  }, 300_000);
});
