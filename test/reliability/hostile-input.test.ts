/**
 * Hostile input from a lesson pack, a progress file or the terminal: each case ends by itself with
 * exit 0 or 1, prints no stack trace, and writes no escape byte, whatever the pack tries.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxWorks } from '../integration/helpers.js';
import { BIN, IS_ROOT, expectNoCrash, expectNoEscapes, runCli, runProgram, type Run } from './helpers.js';

const ESC = '\u001b';
const HEAD = '---\nid: x\ntitle: X\n---\n\n';
const step = (title: string, run: string, block: string) => `## ${title}\n\n\`\`\`sh run\n${run}\n\`\`\`\n\n\`\`\`yaml step\n${block}\n\`\`\`\n\n`;
const GOOD = HEAD + step('Look {#look}', 'true', 'expect:\n  - exit: 0\nhints: [h]');

let dir: string;
const pack = (name: string, files: Record<string, string>): string => {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
};

/** What every hostile case must show: a plain exit 0 or 1 (not killed by our time limit), no crash, no escape byte. */
function endsCleanly(r: Run, what: string, codes: number[] = [0, 1]): void {
  expectNoCrash(r, what, true);
  expectNoEscapes(r.stdout + r.stderr, what);
  expect(codes, `${what}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
  expect(r.stderr + r.stdout, what).not.toMatch(/Maximum call stack|RangeError|Invalid string length/);
}

const LAB = sandboxWorks();
const QUICK = { timeoutMs: 60_000 };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nt-hostile-'));
  chmodSync(dir, 0o755);
});
afterAll(() => {
  chmodSync(join(dir, 'unreadable'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('lesson files that are not lessons', () => {
  it('a FIFO named like a lesson is refused with file: message, never waited on', async () => {
    const d = pack('fifo', { '01-x.md': GOOD });
    execFileSync('mkfifo', [join(d, '02-y.md')]);
    for (const args of [['lint', d], ['list', '--lessons', d], ['check', '--lessons', d]]) {
      const r = await runCli(args, QUICK);
      endsCleanly(r, args.join(' '), [1]);
      expect(r.stderr).toContain(`${join(d, '02-y.md')}:1: cannot read: not a regular file: it is a named pipe (FIFO)`);
    }
  });

  it('a symlink to /dev/zero is refused, never read without end', async () => {
    const d = pack('zero', { '01-x.md': GOOD });
    symlinkSync('/dev/zero', join(d, '02-y.md'));
    const r = await runCli(['lint', d], QUICK);
    endsCleanly(r, 'lint /dev/zero', [1]);
    expect(r.stderr).toContain('02-y.md:1: cannot read: not a regular file: it is a character device');
  });

  it('a 100 MB lesson is refused from its size, without reading it', async () => {
    const d = pack('huge', {});
    writeFileSync(join(d, '01-x.md'), '');
    truncateSync(join(d, '01-x.md'), 100 * 1024 * 1024);
    const r = await runCli(['list', '--lessons', d], QUICK);
    endsCleanly(r, 'list on 100 MB', [1]);
    expect(r.stderr).toMatch(/01-x\.md:1: file is 104857600 bytes; a lesson may be at most 524288 bytes/);
  });

  it('an unreadable lessons folder gets a clear message (as root, checked as an unprivileged user)', async () => {
    const d = pack('unreadable', { '01-x.md': GOOD });
    chmodSync(d, 0o000);
    const argv0 = IS_ROOT ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN] : undefined;
    for (const args of [['lint', d], ['list', '--lessons', d]]) {
      const r = await runCli(args, { ...QUICK, argv0, env: { HOME: dir, XDG_STATE_HOME: join(dir, 'state-nobody') } });
      endsCleanly(r, args.join(' '), [1]);
      expect(r.stderr).toContain(`${d}:1: cannot read this lessons folder: EACCES: permission denied`);
    }
  });
});

describe('deep or huge lessons', () => {
  it('60,000 headings: file:line errors, at most 20 lines, the last counting the rest', async () => {
    const d = pack('headings', { '01-x.md': HEAD + '## h\n'.repeat(60_000) });
    const r = await runCli(['lint', d], QUICK);
    endsCleanly(r, 'lint 60k headings', [1]);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBe(20);
    for (const l of lines) expect(l).toMatch(/^\S+01-x\.md:\d+: \S/);
    expect(lines[19]).toMatch(/\(and \d{5,} more errors not shown\)$/);
  });

  it('60,000 level-one headings in a valid lesson are prose, and the lesson loads', async () => {
    const d = pack('h1', { '01-x.md': HEAD + '# h\n'.repeat(60_000) + step('Look', 'true', 'expect:\n  - exit: 0\nhints: [h]') });
    const r = await runCli(['list', '--lessons', d], QUICK);
    endsCleanly(r, 'list 60k h1', [0]);
    expect(r.stdout).toContain('1.1 Look');
  });

  it('deeply nested YAML and Markdown say so at their line, not "Maximum call stack size exceeded"', async () => {
    const d = pack('deep', {
      '01-x.md': HEAD + step('Deep', 'true', `expect:\n  - exit: 0\nhints: [h]\nwhy: ${'['.repeat(5000)}${']'.repeat(5000)}`),
      '02-y.md': HEAD + '> '.repeat(100_000) + 'x\n' + step('S', 'true', 'expect:\n  - exit: 0\nhints: [h]'),
    });
    const r = await runCli(['lint', d], QUICK);
    endsCleanly(r, 'lint deep', [1]);
    expect(r.stderr).toMatch(/01-x\.md:16: YAML: nested too deeply to read/);
    expect(r.stderr).toMatch(/02-y\.md:5: the Markdown of this lesson is nested too deeply to read/);
  });
});

describe('runaway regular expressions', () => {
  const redos = (lessonDir: string) =>
    pack(lessonDir, {
      '01-x.md':
        HEAD +
        step(
          'Print',
          `printf '%s!\\n' "$(head -c 50000 /dev/zero | tr '\\0' a)"`,
          ['expect:', '  - output: "(a+)+$"', 'explain:', '  - output: "(a+)+$"', '    say: never shown', '  - command: "^(\\\\w+\\\\s?)*$"', '    say: never shown either', 'hints: [h]', 'wrong:', '  - command: "true"', '    explains: "(x+x+)+y"'].join('\n'),
        ),
    });

  it('lint warns that (a+)+ backtracks, but the pattern is valid', async () => {
    const d = redos('redos-lint');
    const r = await runCli(['lint', d], QUICK);
    endsCleanly(r, 'lint redos', [0]);
    expect(r.stderr).toMatch(/01-x\.md:\d+: warning: `output` pattern `\(a\+\)\+\$` repeats a group that itself repeats/);
    // output, explain output, explain command and wrong explains: four nested repetitions.
    expect(r.stdout).toMatch(/4 warning\(s\)/);
  });

  it.skipIf(!LAB)('(a+)+$ on a 50,000-character line ends by itself: check and try fail the step, with no hang', async () => {
    const d = redos('redos-run');
    const c = await runCli(['check', '--lessons', d], QUICK);
    endsCleanly(c, 'check redos', [1]);
    expect(c.stdout).toMatch(/✘ 1\.1 Print/);
    const t = await runCli(['try', '--lessons', d, '1.1', '--', 'printf "%s!\\n" "$(head -c 50000 /dev/zero | tr "\\0" a)"'], QUICK);
    endsCleanly(t, 'try redos', [1]);
    expect(t.stdout).toContain('does not pass');
  });
});

describe('escape sequences from a pack and from commands reach no terminal', () => {
  const evil = `${ESC}]0;pwned\u0007${ESC}[2J\u009b31m`;
  const make = () =>
    pack('escapes', {
      [`01-${ESC}[31mred.md`]:
        `---\nid: x\ntitle: Title ${evil}here\n---\n\nIntro ${evil}.\n\n` +
        step(`Step ${evil}one {#one}`, `printf 'out \\033]0;t\\007 \\033[2J x\\n'; echo '${evil}'`, `expect:\n  - exit: 0\nhints: ["hint ${evil}"]\nwrong:\n  - command: "printf '\\\\033[2Jwrong\\\\n'; false ${evil}"\n    explains: "nothing matches this"`),
    });

  it('list, list --json, lint and a broken pack print no ESC, CSI or C1 byte', async () => {
    const d = make();
    for (const args of [['list', '--lessons', d], ['list', '--json', '--lessons', d], ['lint', d]]) {
      const r = await runCli(args, QUICK);
      endsCleanly(r, args.join(' '), [0, 1]);
    }
    const l = await runCli(['list', '--lessons', d], QUICK);
    expect(l.stdout).toContain('Title ');
    expect(l.stdout).toContain('1.1 Step ');
    const broken = pack('escapes-broken', { [`01-${ESC}]0;x\u0007.md`]: `---\nid: x\ntitle: T\n---\n\n## ${evil}\n` });
    endsCleanly(await runCli(['lint', broken], QUICK), 'lint on a broken pack with an escape in its file name', [1]);
  });

  it.skipIf(!LAB)('try, check --verbose and check --mutants print command output and names without escapes', async () => {
    const d = make();
    for (const args of [
      ['try', '--lessons', d, '1.1', '--', `printf '\\033]0;typed\\007\\033[2J\\233 typed\\n'`],
      ['check', '--verbose', '--lessons', d],
      ['check', '--mutants', '--lessons', d],
      ['check', '--mutants', '--json', '--lessons', d],
    ]) {
      const r = await runCli(args, QUICK);
      endsCleanly(r, args.slice(0, 2).join(' '), [0, 1]);
      expect(r.stdout.length, args.join(' ')).toBeGreaterThan(0);
    }
  });
});

describe('a progress file that is not a file', () => {
  it('a FIFO as progress.json: progress ends at once with a note, and starts afresh', async () => {
    const state = join(dir, 'state-fifo');
    mkdirSync(join(state, 'netns-tutor'), { recursive: true });
    execFileSync('mkfifo', [join(state, 'netns-tutor', 'progress.json')]);
    for (const args of [['progress'], ['progress', '--json']]) {
      const r = await runCli(args, { ...QUICK, env: { XDG_STATE_HOME: state } });
      endsCleanly(r, args.join(' '), [0]);
    }
  });
  it('a symlink to /dev/zero as progress.json is not read without end', async () => {
    const state = join(dir, 'state-zero');
    mkdirSync(join(state, 'netns-tutor'), { recursive: true });
    symlinkSync('/dev/zero', join(state, 'netns-tutor', 'progress.json'));
    const r = await runCli(['progress'], { ...QUICK, env: { XDG_STATE_HOME: state } });
    endsCleanly(r, 'progress /dev/zero', [0]);
    expect(r.stderr).toMatch(/not a regular file/);
  });
});

describe('stdout that fails', () => {
  const many = () => pack('many', { '01-x.md': HEAD + Array.from({ length: 3000 }, (_, i) => step(`Step number ${i} {#s${i}}`, 'true', 'expect:\n  - exit: 0\nhints: [h]')).join('') });

  it('EPIPE: `list | head -1` exits 0 with no "write EPIPE"', async () => {
    const d = many();
    const r = await runProgram(['bash', '-c', `set -o pipefail; "${process.execPath}" "${BIN}" list --lessons "${d}" | head -1`], QUICK);
    endsCleanly(r, 'list | head -1', [0]);
    expect(r.stdout.trim()).toBe('1. X');
    expect(r.stderr).not.toMatch(/EPIPE/);
  });

  it('ENOSPC: every headless command writing to /dev/full exits 1 with a short note', async () => {
    const d = many();
    for (const args of [['list', '--lessons', d], ['list', '--json', '--lessons', d], ['lint', d], ['--help'], ['progress'], ['doctor']]) {
      const quoted = args.map((a) => `'${a}'`).join(' ');
      const r = await runProgram(['bash', '-c', `"${process.execPath}" "${BIN}" ${quoted} > /dev/full`], { ...QUICK, env: { XDG_STATE_HOME: join(dir, 'state-full') } });
      endsCleanly(r, `${args.join(' ')} > /dev/full`, [1]);
      expect(r.stderr.trim(), args.join(' ')).toBe('netns-tutor: cannot write to standard output: ENOSPC (no space left on the device)');
    }
  });
});
