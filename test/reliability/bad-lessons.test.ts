/**
 * A corpus of malformed lessons (test/fixtures/bad-lessons/<case>/, plus a few
 * generated here). For each, `lint DIR`, `start --plain --lessons DIR` and
 * `check --lessons DIR` must exit 1 and print the error as `path:LINE: message`
 * at the exact line, and never crash. No sandbox is needed: a course with
 * errors is refused before one is built, so this file runs everywhere.
 *
 * Cost (about 100 starts of Node.js): every case is linted; by default one
 * case of each family (cases sharing the first word of their name) also runs
 * `start --plain` or `check`, in turn (without a terminal both load the course
 * through the same code). NETNS_TUTOR_FULL=1 runs both on every case
 * (test/setup/tier.ts).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL, sample } from '../setup/tier.js';
import { IS_ROOT, ROOT, expectNoCrash, expectNoEscapes, pool, runCli, shownPath, type Run } from './helpers.js';

const CORPUS = join(ROOT, 'test/fixtures/bad-lessons');

interface Case {
  /** Folder name under the corpus (or under the generated directory). */
  name: string;
  /** The lesson file the error is in. */
  file?: string;
  /** The exact line; a [min, max] range only for known bugs whose fix decides the line. */
  line: number | [number, number];
  message: RegExp;
  /** What makes it malformed, for the reader and docs/reliability.md. */
  what: string;
}

/** Committed fixtures. Line numbers were checked by hand against each file. */
const CASES: Case[] = [
  // front matter
  { name: 'fm-unclosed', line: 1, message: /front matter is never closed/, what: 'front matter opened with --- and never closed' },
  { name: 'fm-invalid-yaml', line: 3, message: /^YAML: /, what: 'invalid YAML in front matter (unclosed flow sequence in title)' },
  { name: 'fm-missing-id', line: 2, message: /missing `id` in front matter/, what: 'front matter without id' },
  { name: 'fm-bad-id', line: 2, message: /`id` in front matter: lowercase letters, digits and -/, what: 'id with capitals, a space and !' },
  { name: 'fm-missing', line: 1, message: /missing front matter/, what: 'no front matter at all (starts with a # title)' },
  { name: 'fm-unknown-key', line: 4, message: /unknown key `author` in front matter/, what: 'unknown front matter key' },
  { name: 'fm-not-mapping', line: 2, message: /front matter/, what: 'front matter that is a YAML list' },
  // unknown keys
  { name: 'step-unknown-key', line: 23, message: /unknown key `hint` in step "Create the pair"/, what: 'unknown key in a yaml step block (hint for hints)' },
  { name: 'expect-unknown-key', line: 19, message: /unknown key `state` in `link` expectation/, what: 'unknown key in an expectation' },
  // commands
  { name: 'run-missing', line: 25, message: /step "Bring it up" has no ```sh run block/, what: 'second step has no sh run block' },
  { name: 'run-empty', line: 29, message: /the run block has no command/, what: 'sh run block with only a comment and blank lines' },
  { name: 'run-second-block', line: 16, message: /second `sh run` block \(first at line 10\)/, what: 'two sh run blocks in one step' },
  // expectations
  { name: 'expect-unknown-kind', line: 19, message: /expectation 2 has no known kind \(first key `interface`\)/, what: 'expectation of an unknown kind' },
  { name: 'expect-two-kinds', line: 18, message: /expectation 1 names several kinds \(link, addr\)/, what: 'one expectation naming two kinds' },
  { name: 'expect-wrong-type', line: 20, message: /`up`/, what: 'up: "yes" (a string for a boolean)' },
  { name: 'expect-exit-word', line: 18, message: /`exit`/, what: 'exit: zero (a word for a status)' },
  { name: 'expect-bad-cidr', line: 20, message: /an IPv4 address with prefix/, what: 'addr without a prefix length' },
  { name: 'expect-bad-regex', line: 19, message: /`output` in `output` expectation: a valid regular expression/, what: 'output pattern that is not a regular expression' },
  { name: 'expect-not-mapping', line: 18, message: /expectation 1 must be a mapping/, what: 'expectation that is a bare string' },
  { name: 'expect-empty', line: 17, message: /a step needs at least one expectation/, what: 'expect: [] (a step with no expectation)' },
  { name: 'expect-missing', line: 17, message: /missing `expect`/, what: 'step block without expect' },
  { name: 'capture-unknown-packet', line: 19, message: /`shows` item 2 in `capture` expectation: .*arp-request/, what: 'unknown packet kind arp-answer in a capture' },
  { name: 'capture-nothing', line: 18, message: /`capture` expectation needs `shows` or `hides`/, what: 'capture with neither shows nor hides' },
  { name: 'ping-timeout-too-long', line: 19, message: /`timeout` in `ping` expectation/, what: 'ping timeout over 10 s' },
  { name: 'same-mac-one-name', line: 18, message: /`same-mac` in `same-mac` expectation/, what: 'same-mac with one interface' },
  // ids
  { name: 'duplicate-step-ids', line: 25, message: /duplicate step id `create` \(also at line 8\)/, what: 'two steps with {#create}' },
  { name: 'duplicate-step-slugs', line: 21, message: /duplicate step id `look-around` \(also at line 8\)/, what: 'two titles with the same slug' },
  { name: 'duplicate-lesson-ids', file: '02-y.md', line: 2, message: /duplicate lesson id `veth-pair` \(also in .*01-x\.md\)/, what: 'two files with the same lesson id' },
  // whole file
  { name: 'empty-file', line: 1, message: /empty file/, what: 'a 0-byte file' },
  { name: 'whitespace-only', line: 1, message: /empty file/, what: 'only blank lines, spaces and a tab' },
  { name: 'binary', line: 1, message: /not a UTF-8 text file/, what: 'a PNG image saved as .md (committed bytes)' },
  { name: 'no-steps', line: 5, message: /no steps: each step starts with a `## ` heading/, what: 'prose and a ### heading, no ## step' },
  // Markdown structure
  { name: 'fence-never-closes', line: 38, message: /this code fence never closes/, what: 'a ```text fence at the end of the file never closes' },
  { name: 'run-fence-never-closes', line: 10, message: /this code fence never closes/, what: 'the sh run fence never closes and swallows the step block' },
  { name: 'step-block-missing', line: 25, message: /step "Bring it up" has no ```yaml step block/, what: 'a step with commands but no yaml step block' },
  { name: 'hints-empty', line: 19, message: /a step needs at least one hint/, what: 'hints: []' },
  { name: 'hints-missing', line: 17, message: /missing `hints`/, what: 'step block without hints' },
  { name: 'hints-not-a-list', line: 19, message: /`hints`/, what: 'hints: a string instead of a list' },
  { name: 'block-before-heading', line: 8, message: /a `yaml step` block must come after a `## ` step heading/, what: 'a yaml step block in the introduction' },
  { name: 'block-is-list', line: 16, message: /the `yaml step` block must be a mapping/, what: 'the step block is a YAML list' },
  { name: 'block-is-scalar', line: 16, message: /the `yaml step` block must be a mapping/, what: 'the step block is a plain sentence' },
  { name: 'block-empty', line: 16, message: /the `yaml step` block must be a mapping/, what: 'an empty step block' },
  // YAML
  { name: 'yaml-tabs', line: 20, message: /YAML: Tabs are not allowed/, what: 'a tab used for indentation' },
  { name: 'yaml-syntax', line: 19, message: /YAML: Missing closing "quote/, what: 'unclosed quote inside a flow sequence' },
  { name: 'yaml-duplicate-key', line: 20, message: /YAML: Map keys must be unique/, what: 'hints given twice' },
  // encodings and line endings
  { name: 'crlf', line: 36, message: /unknown key `upp` in `link` expectation/, what: 'CRLF line endings, error in the second step' },
  { name: 'bom', line: 35, message: /expectation 1 has no known kind \(first key `lnk`\)/, what: 'UTF-8 byte order mark, error in the second step' },
  { name: 'bom-crlf-front-matter', line: 2, message: /`id` in front matter/, what: 'BOM and CRLF, bad id in front matter' },
  // other keys
  { name: 'explain-without-pattern', line: 24, message: /an explanation needs `output`, `command` or `unless`/, what: 'explain entry with only say' },
  { name: 'wrong-bad-regex', line: 25, message: /`explains` of `wrong` item 1 .*a valid regular expression/, what: 'wrong answer whose explains is not a regex' },
  { name: 'without-empty', line: 18, message: /`brctl` of `without` .*at least one/, what: 'without: {brctl: []}' },
  { name: 'timeout-negative', line: 23, message: /`timeout` in step "Create the pair"/, what: 'timeout: -5' },
];

/**
 * Former product bugs: these fixtures are in the corpus, and the tests below
 * state the behaviour we want. They were fixed after the suite found them;
 * they stay as regression tests.
 */
const KNOWN_BUGS: (Case & { bug: string })[] = [
  { name: 'yaml-alias-unresolved', line: [17, 19], message: /alias/i, what: 'hints: *hints with no anchor', bug: 'doc.toJS() throws; reported as "unexpected error" with no file:line' },
  { name: 'yaml-alias-bomb', line: [17, 22], message: /alias/i, what: 'nested aliases (1000 expansions)', bug: 'doc.toJS() throws "Excessive alias count"; reported as "unexpected error"' },
  { name: 'fm-alias-unresolved', line: 2, message: /alias/i, what: 'id: *id in front matter', bug: 'front matter toJS() throws; "unexpected error"' },
  { name: 'fm-empty', line: [1, 2], message: /`id`/, what: 'front matter --- immediately followed by ---', bug: 'reported as "front matter is never closed" although it is closed' },
  { name: 'expect-cidr-out-of-range', line: 21, message: /IPv4 address with prefix/, what: 'addr 192.168.100.300/33', bug: 'the cidr regex accepts octets > 255 and prefixes > 32: lint passes' },
  { name: 'latin1', line: 3, message: /UTF-8/, what: 'a Latin-1 é in the title', bug: 'reported at line 1 as "binary data found"; the bad byte is on line 3' },
];

/** Built at run time: too big, random, or not representable in git. Lines checked by hand like the others. */
const GENERATED: Case[] = [
  { name: 'huge', line: 1, message: /a lesson may be at most 524288 bytes/, what: 'a 600 KiB lesson' },
  { name: 'random-garbage', line: 1, message: /not a UTF-8 text file/, what: '4 KiB of random bytes' },
  { name: 'lesson-is-a-directory', file: '02-y.md', line: 1, message: /cannot read/, what: 'a directory named 02-y.md' },
  { name: 'symlink-loop', file: '02-y.md', line: 1, message: /cannot read/, what: 'a symlink to itself named 02-y.md' },
  { name: 'no-lesson-files', file: '', line: 1, message: /no lesson files/, what: 'a folder with only README.md and notes.txt' },
  { name: 'missing-folder', file: '', line: 1, message: /no such lessons folder/, what: 'a --lessons path that does not exist' },
  ...(IS_ROOT ? [] : [{ name: 'unreadable', line: 1, message: /cannot read: EACCES/, what: 'a lesson file with mode 000 (rootless only: root reads it anyway)' }]),
];

const GENERATED_BUGS: (Case & { bug: string })[] = [
  { name: 'huge-multibyte', line: 1, message: /at most 524288 bytes/, what: '600 KiB of Chinese text', bug: 'MAX_BYTES is compared with text.length (UTF-16 units), not the byte size: lint passes' },
  { name: 'deep-blockquote', line: [1, 6], message: /./, what: '100 000 nested >', bug: 'the marked Lexer overflows the stack: "unexpected error: Maximum call stack size exceeded"' },
  { name: 'yaml-error-flood', line: 3, message: /^YAML: /, what: 'a title of 3000 [', bug: 'one identical YAML error per unclosed [ (thousands of lines)' },
];

function generate(dir: string): void {
  const mk = (name: string, files: Record<string, string | Buffer>) => {
    mkdirSync(join(dir, name), { recursive: true });
    for (const [f, content] of Object.entries(files)) writeFileSync(join(dir, name, f), content);
  };
  const fm = '---\nid: big\ntitle: Big\n---\n';
  const stepText = (i: number) => `\n## Step ${i}\n\n\`\`\`sh run\ntrue\n\`\`\`\n\n\`\`\`yaml step\nexpect: [{exit: 0}]\nhints: [a]\n\`\`\`\n`;
  let huge = fm;
  for (let i = 0; huge.length <= 600 * 1024; i++) huge += stepText(i);
  mk('huge', { '01-x.md': huge });
  mk('random-garbage', { '01-x.md': randomBytes(4096) });
  // 600 KiB on disk but fewer than 512 Ki characters.
  mk('huge-multibyte', { '01-x.md': fm + '\n' + '网络命名空间'.repeat(34_000) + '\n' + stepText(1) });
  mk('deep-blockquote', { '01-x.md': fm + '\n' + '>'.repeat(100_000) + ' quoted\n' + stepText(1) });
  mk('yaml-error-flood', { '01-x.md': '---\nid: flood\ntitle: ' + '['.repeat(3000) + '\n---\n' + stepText(1) });
  const good = '---\nid: good\ntitle: Good\n---\n' + stepText(1);
  mk('lesson-is-a-directory', { '01-x.md': good });
  mkdirSync(join(dir, 'lesson-is-a-directory', '02-y.md'));
  mk('symlink-loop', { '01-x.md': good });
  symlinkSync('02-y.md', join(dir, 'symlink-loop', '02-y.md'));
  mk('no-lesson-files', { 'README.md': '# notes\n', 'notes.txt': 'x\n' });
  if (!IS_ROOT) {
    mk('unreadable', { '01-x.md': good });
    chmodSync(join(dir, 'unreadable', '01-x.md'), 0o000);
  }
}

interface Outcome {
  lint: Run;
  /** Absent where the default tier does not run them (see the top of the file). */
  start?: Run;
  check?: Run;
}

type Command = keyof Outcome;
const family = (c: Case) => c.name.split('-')[0];

const results = new Map<string, Outcome>();
let genDir = '';

const dirOf = (c: Case) => (c.name === 'missing-folder' ? join(genDir, 'no-such-folder') : [...CASES, ...KNOWN_BUGS].includes(c) ? join(CORPUS, c.name) : join(genDir, c.name));

beforeAll(async () => {
  genDir = mkdtempSync(join(tmpdir(), 'nt-bad-lessons-'));
  generate(genDir);
  const all = [...CASES, ...KNOWN_BUGS, ...GENERATED, ...GENERATED_BUGS];
  const loaded = sample(all, family);
  const runs: [Case, Command, string[]][] = [];
  for (const c of all) {
    const dir = dirOf(c);
    runs.push([c, 'lint', ['lint', dir]]);
    const k = loaded.indexOf(c);
    if (k < 0) continue;
    if (FULL || k % 2 === 0) runs.push([c, 'start', ['start', '--plain', '--lessons', dir]]);
    if (FULL || k % 2 === 1) runs.push([c, 'check', ['check', '--lessons', dir]]);
  }
  // Each run is a short, CPU-bound start of Node.js: a few at a time keep two cores busy without thrashing them.
  const done = await pool(runs, 3, ([, , args]) => runCli(args));
  runs.forEach(([c, cmd], i) => results.set(c.name, { ...results.get(c.name)!, [cmd]: done[i] }));
}, 300_000);

afterAll(() => {
  if (genDir) rmSync(genDir, { recursive: true, force: true });
});

function errorLines(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => l.trim());
}

/** Everything required of a malformed lesson, for one command's run. */
function expectLocatedError(c: Case, cmd: Command, r: Run): void {
  const what = `${cmd} on ${c.name}`;
  expectNoCrash(r, what, true);
  expectNoEscapes(r.stdout + r.stderr, what);
  expect(r.code, `${what}: exit status\n${r.stderr}`).toBe(1);
  const lines = errorLines(r);
  expect(lines.length, `${what}: no error printed`).toBeGreaterThan(0);
  // Every stderr line is an error located as path:LINE: message, nothing else.
  for (const l of lines) expect(l, `${what}: not "path:LINE: message"`).toMatch(/^\S[^:]*:\d+: \S/);
  const dir = dirOf(c);
  const file = shownPath(c.file === '' ? dir : join(dir, c.file ?? '01-x.md'));
  const located = lines
    .filter((l) => l.startsWith(`${file}:`))
    .map((l) => /^(\d+): (.*)$/.exec(l.slice(file.length + 1)))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ line: Number(m[1]), message: m[2] }));
  const hit = located.find((e) => {
    const lineOk = Array.isArray(c.line) ? e.line >= c.line[0] && e.line <= c.line[1] : e.line === c.line;
    return lineOk && c.message.test(e.message);
  });
  expect(hit, `${what}: expected ${file}:${c.line}: ${c.message}\ngot:\n${lines.join('\n')}`).toBeDefined();
  // A handful of errors per file, not one per character of a broken line.
  expect(lines.length, `${what}: error flood`).toBeLessThanOrEqual(20);
}

/** Every command that ran on this case; lint always runs. */
function expectEveryRun(c: Case, r: Outcome): void {
  expect(r.lint, `${c.name}: lint did not run`).toBeDefined();
  for (const cmd of ['lint', 'start', 'check'] as const) {
    const run = r[cmd];
    if (run) expectLocatedError(c, cmd, run);
  }
}

describe('malformed lessons: lint, start --plain and check fail with path:LINE: message, never a crash', () => {
  it('start --plain or check ran on a case of every family, each on at least 10 (both on every case with NETNS_TUTOR_FULL=1)', () => {
    const all = [...CASES, ...KNOWN_BUGS, ...GENERATED, ...GENERATED_BUGS];
    const ran = (cmd: Command) => all.filter((c) => results.get(c.name)?.[cmd]);
    expect(new Set([...ran('start'), ...ran('check')].map(family))).toEqual(new Set(all.map(family)));
    expect(ran('start').length).toBeGreaterThanOrEqual(10);
    expect(ran('check').length).toBeGreaterThanOrEqual(10);
    if (FULL) expect([ran('start').length, ran('check').length]).toEqual([all.length, all.length]);
  });

  it('the corpus has at least 22 cases, and every fixture folder is in the tables', () => {
    const folders = readdirSync(CORPUS).sort();
    const named = [...CASES, ...KNOWN_BUGS].map((c) => c.name).sort();
    expect(folders).toEqual(named);
    expect(CASES.length).toBeGreaterThanOrEqual(22);
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.what}`, () => {
      const r = results.get(c.name)!;
      expectEveryRun(c, r);
      expect(r.lint.stdout).toMatch(/^\d+ error\(s\)\.$/m);
    });
  }

  describe('generated at run time', () => {
    for (const c of GENERATED) {
      it(`${c.name}: ${c.what}`, () => {
        const r = results.get(c.name)!;
        expectEveryRun(c, r);
      });
    }
  });
});

describe('former product bugs, kept as regression tests (see docs/reliability.md)', () => {
  for (const c of KNOWN_BUGS) {
    it(`${c.name}: ${c.bug}`, () => {
      const r = results.get(c.name)!;
      expectEveryRun(c, r);
    });
  }
  for (const c of GENERATED_BUGS) {
    it(`${c.name} (generated): ${c.bug}`, () => {
      const r = results.get(c.name)!;
      expectEveryRun(c, r);
    });
  }

  // A value of the wrong type is reported as "missing" (zod 4 issues carry no `input` unless asked, so reportZod thinks it is absent).
  const wrongType: [string, RegExp][] = [
    ['expect-wrong-type', /`up`.*(boolean|true or false)/],
    ['hints-not-a-list', /`hints`.*(array|list)/],
    ['fm-not-mapping', /front matter.*(mapping|object|id)/],
    ['expect-exit-word', /`exit`.*(nonzero|0.*255|number)/],
  ];
  for (const [name, good] of wrongType) {
    it(`${name}: a wrong type is named as such, not "missing" or "Invalid input"`, () => {
      const msg = errorLines(results.get(name)!.lint).join('\n');
      expect(msg).not.toMatch(/: missing |Invalid input/);
      expect(msg).toMatch(good);
    });
  }
});

