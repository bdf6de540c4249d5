/** docs/authoring.md, followed to the letter: every command in it runs, with the exit status and output it shows. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { commandShim, docActions, type DocAction, EXAMPLE, missingOutputLines, readDoc, ROOT, run, saveFile } from './helpers.js';
import { tempDir } from '../setup/temp-dir.js';

const doc = readDoc('docs/authoring.md');
const actions = docActions(doc);
type Sh = Extract<DocAction, { kind: 'sh' }>;
const delegated = actions.filter((a): a is Sh => a.kind === 'sh' && a.runBy !== undefined);

/** A single tutor command that writes no file and no progress: `lint`, `list`, `check` (also `--mutants`) and `try`. */
const READ_ONLY = /^netns-tutor (lint|list|check|try)\b[^;&|<>`$]*$/;

/** The argument lists of the CLI calls in a test's source (`cli([...])`, `cliAsync([...])`), as words; a variable stays its name. */
function cliCalls(source: string): string[][] {
  return [...source.matchAll(/\bcli(?:Async|Json)?\(\[([^\]]*)\]/g)].map((m) =>
    m[1]
      .split(',')
      .map((w) => w.trim().replace(/^'(.*)'$/, '$1'))
      .filter(Boolean),
  );
}

describe('docs/authoring.md', () => {
  it('has a lesson to save and commands to run', () => {
    expect(actions.filter((a) => a.kind === 'save').map((a) => (a.kind === 'save' ? a.path : ''))).toContain('my-course/01-pair.md');
    const commands = actions.flatMap((a) => (a.kind === 'sh' ? a.lines.map((l) => l.text) : []));
    for (const sub of ['lint', 'list', 'check', 'try', 'start', 'check --mutants']) expect(commands.some((c) => c.includes(`netns-tutor ${sub}`) && c.includes('my-course')), sub).toBe(true);
    expect(commands.filter((c) => /netns-tutor (list|check|try|start|present|progress)\b/.test(c) && c.includes('my-course')).every((c) => c.includes('--lessons my-course'))).toBe(true);
  });

  // The example course's lint, check and check --mutants cost as much as the rest of the guide; its own test runs them.
  it('leaves only the example course to its own test, which runs those commands as shown', () => {
    expect(delegated.map((a) => a.runBy)).toEqual(['test/workshop/example-course.test.ts']);
    for (const a of delegated) {
      const calls = cliCalls(readDoc(a.runBy!)).map((c) => c.filter((w) => w !== '--json').join(' '));
      expect(a.shows, `docs/authoring.md:${a.line}: output shown for commands another test runs`).toBeUndefined();
      for (const l of a.lines) {
        expect(l.expect, `docs/authoring.md:${a.line}: \`${l.text}\``).toBe(0);
        const m = /^netns-tutor (.*)$/.exec(l.text.trim());
        expect(m, `docs/authoring.md:${a.line}: \`${l.text}\` is not a netns-tutor command`).not.toBeNull();
        const args = m![1].split(/\s+/).map((w) => (join(ROOT, w) === EXAMPLE ? 'EXAMPLE' : w)).join(' ');
        expect(calls, `${a.runBy} runs \`${l.text}\``).toContain(args);
      }
    }
  });

  it.skipIf(!sandboxWorks())('every command works as shown, from an empty folder', async () => {
    const work = tempDir('nt-authoring-');
    const shim = commandShim(join(work, '.bin'));
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PATH: `${shim}:${process.env.PATH}`, XDG_STATE_HOME: join(work, '.state'), LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
    delete env.LANGUAGE;
    for (const a of actions) {
      if (a.kind === 'sh' && a.runBy) continue;
      if (a.kind === 'save') {
        saveFile(work, a.path, a.content);
        continue;
      }
      const runLine = (l: Sh['lines'][number]) => run('bash', ['-c', l.text], { cwd: a.cwd === 'repo' ? ROOT : work, env });
      // Commands that change no file and no progress (each check has its own sandbox) run at once; the others in order.
      const results = a.lines.every((l) => READ_ONLY.test(l.text)) ? await Promise.all(a.lines.map(runLine)) : [];
      let output = '';
      for (const [i, l] of a.lines.entries()) {
        const r = results[i] ?? (await runLine(l));
        output += r.stdout + r.stderr;
        expect(r.code, `docs/authoring.md:${a.line}: \`${l.text}\` exited ${r.code}\n${r.stdout}\n${r.stderr}`).toBe(l.expect);
      }
      if (a.shows) expect(missingOutputLines(a.shows, output), `docs/authoring.md:${a.line}: output differs from the guide:\n${output}`).toEqual([]);
    }
  }, 300_000);
});
