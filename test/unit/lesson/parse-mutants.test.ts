/** Parsing lesson files: the exact Lesson fields, the exact errors and lines an author sees, and the advice notes on patterns. */
import { describe, expect, it } from 'vitest';
import { parseLesson, splitCommands } from '../../../src/lesson/parse.js';

// Lines: 1 ---, 2 id, 3 title, 4 ---, 5 blank, 6 ## step, 7 blank, 8 ```sh run, 9 command, 10 ```, 11 blank, 12 ```yaml step, 13 first block line.
const head = '---\nid: x\ntitle: X\n---\n\n';
const OK = 'expect: [{exit: 0}]\nhints: [a]';
const step = (block: string, run = 'true', title = 'S {#s}') => `## ${title}\n\n\`\`\`sh run\n${run}\n\`\`\`\n\n\`\`\`yaml step\n${block}\n\`\`\`\n`;
const errs = (text: string) => parseLesson('f.md', text).errors.map((e) => `${e.line}: ${e.message}`);
const one = (block: string) => errs(head + step(block));
const notes = (block: string) => {
  const r = parseLesson('f.md', head + step(block));
  expect(r.errors).toEqual([]);
  return r.notes.map((e) => `${e.line}: ${e.message}`);
};

/** The parsed step of `step(OK)` placed right after `head`. */
const okStep = (over: Record<string, unknown> = {}) => ({
  id: 's',
  title: 'S',
  prose: '',
  commands: ['true'],
  expect: [{ kind: 'exit', status: 0, line: 13 }],
  hints: ['a'],
  explain: [],
  wrong: [],
  without: {},
  timeout: 10,
  diagnose: true,
  line: 6,
  commandsLine: 9,
  ...over,
});

describe('file-level mistakes stop parsing with one error and no notes', () => {
  it('each early stop returns exactly its error', () => {
    const big = 'x'.repeat(512 * 1024 + 1);
    expect(parseLesson('f.md', big)).toEqual({ errors: [{ file: 'f.md', line: 1, message: `file is ${512 * 1024 + 1} bytes; a lesson may be at most ${512 * 1024} bytes` }], notes: [] });
    expect(parseLesson('f.md', 'a\u0000b')).toEqual({ errors: [{ file: 'f.md', line: 1, message: 'not a UTF-8 text file (binary data found)' }], notes: [] });
    expect(parseLesson('f.md', '---\n\uFFFD')).toEqual({ errors: [{ file: 'f.md', line: 2, message: 'not UTF-8: this line has bytes that are not UTF-8 text (save the file as UTF-8)' }], notes: [] });
    expect(parseLesson('f.md', ' \n\t\n')).toEqual({ errors: [{ file: 'f.md', line: 1, message: 'empty file: a lesson needs front matter (--- id, title ---) and at least one `## ` step' }], notes: [] });
    expect(parseLesson('f.md', '# Hi\n')).toEqual({ errors: [{ file: 'f.md', line: 1, message: 'missing front matter: start the file with ---, then `id:` and `title:`, then ---' }], notes: [] });
  });

  it('a bad byte on the very first character is on line 1', () => {
    expect(errs('\uFFFD---\nid: x\n')).toEqual(['1: not UTF-8: this line has bytes that are not UTF-8 text (save the file as UTF-8)']);
  });

  it('a file of blank lines is empty, not missing its front matter', () => {
    expect(errs('   \n\n\t\n')).toEqual(['1: empty file: a lesson needs front matter (--- id, title ---) and at least one `## ` step']);
  });

  it('front matter must start the file', () => {
    expect(errs('Intro\n' + head + step(OK))).toEqual(['1: missing front matter: start the file with ---, then `id:` and `title:`, then ---']);
  });

  it('front matter closed on the last line, without a newline, is closed', () => {
    expect(errs('---\nid: x\ntitle: X\n---')).toEqual(['4: no steps: each step starts with a `## ` heading']);
  });
});

describe('line ends and invisible characters', () => {
  it('old Mac line ends (CR alone) read like Unix text', () => {
    const r = parseLesson('f.md', (head + step(OK)).replace(/\n/g, '\r'));
    expect(r.errors).toEqual([]);
    expect(r.lesson?.steps).toEqual([okStep()]);
  });

  it('a byte order mark is dropped only at the start of the file', () => {
    const r = parseLesson('f.md', '\uFEFF---\nid: x\ntitle: a\uFEFFb\n---\n\n' + step(OK));
    expect(r.errors).toEqual([]);
    expect(r.lesson?.title).toBe('a\uFEFFb');
  });
});

describe('the whole Lesson', () => {
  it('without requires or sysctl: no such keys, steps diagnosed by default', () => {
    const r = parseLesson('f.md', head + 'Intro.\n\n' + step(OK));
    expect(r).toEqual({ lesson: { id: 'x', title: 'X', intro: 'Intro.', steps: [okStep({ line: 8, commandsLine: 11, expect: [{ kind: 'exit', status: 0, line: 15 }] })], file: 'f.md' }, errors: [], notes: [] });
    expect(Object.keys(r.lesson!)).toEqual(['id', 'title', 'intro', 'steps', 'file']);
    expect(r.lesson!.steps[0].diagnose).toBe(true);
  });

  it('requires, sysctl (values as trimmed text) and diagnose from the front matter; a step`s own diagnose wins', () => {
    const fm = '---\nid: x\ntitle: X\nrequires:\n  tools: [nft]\nsysctl:\n  net.ipv4.ip_forward: 1\n  net.ipv4.conf.all.rp_filter: " 2 "\ndiagnose: false\n---\n\n';
    const r = parseLesson('f.md', fm + step(OK) + '\n' + step(OK + '\ndiagnose: true', 'true', 'T {#t}'));
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.lesson!)).toEqual(['id', 'title', 'requires', 'sysctl', 'intro', 'steps', 'file']);
    expect(r.lesson!.requires).toEqual({ tools: ['nft'], kernel: [] });
    expect(r.lesson!.sysctl).toStrictEqual({ 'net.ipv4.ip_forward': '1', 'net.ipv4.conf.all.rp_filter': '2' });
    expect(r.lesson!.steps.map((s) => [s.id, s.diagnose])).toEqual([
      ['s', false],
      ['t', true],
    ]);
  });
});

describe('headings and step ids', () => {
  it('only `## ` headings start steps; other headings stay in the intro or the prose', () => {
    const r = parseLesson('f.md', head + '# Course\n\n' + step(OK) + '\n### More\n\nText.\n');
    expect(r.errors).toEqual([]);
    expect(r.lesson!.intro).toBe('# Course');
    expect(r.lesson!.steps).toHaveLength(1);
    expect(r.lesson!.steps[0].prose).toBe('### More\n\nText.');
  });

  it('{#id} only at the very end, with or without a space before it', () => {
    const titles = ['T {#a} more', 'T{#b}', 'T x{#c}', 'T {#d}x', 'Make  A -- Pair'];
    const r = parseLesson('f.md', head + titles.map((t) => step(OK, 'true', t)).join('\n'));
    expect(r.errors).toEqual([]);
    expect(r.lesson!.steps.map((s) => [s.id, s.title])).toEqual([
      ['t-a-more', 'T {#a} more'],
      ['b', 'T'],
      ['c', 'T x'],
      ['t-d-x', 'T {#d}x'],
      ['make-a-pair', 'Make  A -- Pair'],
    ]);
  });
});

describe('code fences', () => {
  const fenceErr = (n: number) => `${n}: this code fence never closes: add a line \`\`\` after its last line`;

  it('a last line that only starts with ``` does not close a fence', () => {
    expect(errs(head + step(OK) + '\n```sh\nfoo\n```x')).toEqual([fenceErr(17)]);
    expect(errs(head + step(OK) + '\n~~~~~~x')).toEqual([fenceErr(17)]);
  });

  it('longer fences, ~~~ fences and an indented closing fence close', () => {
    expect(errs(head + step(OK) + '\n````sh\nfoo\n````\n')).toEqual([]);
    expect(errs(head + step(OK) + '\n~~~~\nfoo\n~~~~\n')).toEqual([]);
    expect(errs(head + step(OK) + '\n```sh\nfoo\n  ```\n')).toEqual([]);
  });

  it('spaces after a closing fence do not move the lines', () => {
    const r = parseLesson('f.md', head + '## S {#s}\n\n```sh run\ntrue\n```            \n\n```yaml step\n' + OK + '\n```\n');
    expect(r.errors).toEqual([]);
    expect(r.lesson!.steps).toEqual([okStep()]);
  });

  it('the info string is read with its spaces collapsed', () => {
    const r = parseLesson('f.md', head + '## S {#s}\n\n```  sh   run  \ntrue\n```\n\n```yaml\t step\n' + OK + '\n```\n');
    expect(r.errors).toEqual([]);
    expect(r.lesson!.steps).toEqual([okStep()]);
  });
});

describe('splitCommands', () => {
  it('a continuation followed by a blank line ends the command, without its trailing space', () => {
    expect(splitCommands('a \\\n\nb')).toEqual(['a', 'b']);
  });

  it('a lone \\ at the end adds no empty command', () => {
    expect(splitCommands('a\n\\')).toEqual(['a']);
  });
});

describe('YAML problems', () => {
  it('at most five distinct syntax errors per block, each at its line', () => {
    expect(one('a: 1\na: 2\n\tb: 1\nc: @x\nd: `y\n}\n]')).toEqual([
      '14: YAML: Map keys must be unique',
      '15: YAML: Tabs are not allowed as indentation',
      '16: YAML: Plain value cannot start with reserved character @',
      '17: YAML: Plain value cannot start with reserved character `',
      '18: YAML: Unexpected flow-map-end token in YAML stream: "}"',
    ]);
  });

  it('deep nesting is named as such', () => {
    expect(one('expect: ' + '['.repeat(20000) + '\nhints: [a]')[0]).toBe('13: YAML: nested too deeply to read (hundreds of levels); flatten this block');
  });

  it('an unresolved alias is the only error of its block', () => {
    expect(one('expect: *nope\nhints: [a]')).toEqual(['13: YAML: Unresolved alias (the anchor must be set before the alias): nope']);
    expect(errs('---\nid: *a\ntitle: X\n---\n' + step(OK))).toEqual(['2: YAML: Unresolved alias (the anchor must be set before the alias): a']);
  });

  it('a step block that is null (~) must be a mapping', () => {
    expect(one('~')).toEqual(['12: the `yaml step` block must be a mapping with `expect:` and `hints:`']);
  });
});

describe('schema errors: wording and lines', () => {
  it('a key with no value written as `? key` is reported at that key', () => {
    expect(one('expect: [{exit: 0}]\n? hints')).toEqual(['14: `hints` in step "S" must be a list, not empty']);
    expect(one(OK + '\n\n? why')).toEqual(['16: `why` in step "S" must be a text, not empty']);
    expect(one(OK + '\n: x\n? why')).toEqual(['16: `why` in step "S" must be a text, not empty', '13: unknown key `` in step "S"']);
  });

  it('a missing key is reported where the block`s mapping starts', () => {
    expect(one('# comment\n\nexpect: [{exit: 0}]')).toEqual(['15: missing `hints` in step "S"']);
  });

  it('front matter that is not a mapping', () => {
    expect(errs('---\n- a\n---\n' + step(OK))).toEqual(['2: front matter must be a mapping (key: value lines), not a list']);
  });

  it('lists that must not be empty', () => {
    expect(one(OK + '\nwithout:\n  ip: []')).toEqual(['16: `ip` of `without` in step "S" must list at least one item']);
    expect(one('expect: [{exit: 0}]\nhints: []')).toEqual(['14: `hints` in step "S": a step needs at least one hint']);
    expect(one(OK + '\ntimeout: 0')).toEqual(['15: `timeout` in step "S": Too small: expected number to be >0']);
  });

  it('exit out of range says so; only a wrong type gets the 0 to 255 wording', () => {
    expect(one('expect:\n  - exit: 256\nhints: [a]')).toEqual(['14: `exit` in `exit` expectation: Too big: expected number to be <=255']);
  });

  it('the advice to quote a text with ": " is only for a text', () => {
    expect(one(OK + '\ntimeout:\n  a: b')).toEqual(['16: `timeout` in step "S" must be a number, not a mapping']);
  });

  it('a text of exactly 30 characters is shown whole', () => {
    expect(one(`${OK}\ntimeout: ${'y'.repeat(30)}`)).toEqual([`15: \`timeout\` in step "S" must be a number, not the text "${'y'.repeat(30)}"`]);
  });

  it('an expectation its kind finds incomplete', () => {
    expect(one('expect:\n  - capture: veth0\nhints: [a]')).toEqual(['14: `capture` expectation needs `shows` or `hides`']);
  });
});

describe('notes on patterns', () => {
  const linear = (what: string, p: string, why: string) =>
    `${what} \`${p}\` cannot be matched in linear time (\`${why}\`: the tutor matches in linear time, so lookahead, lookbehind and backreferences are not available); it runs with a 100 ms limit per match, and counts as not matching past it. Write it without lookaround or backreferences (an \`explain\` entry can say what must not match with \`unless\`)`;
  const nested = (what: string, p: string) =>
    `${what} \`${p}\` repeats a group that itself repeats (like (a+)+): JavaScript and other backtracking engines can take exponential time on it. The tutor matches it in linear time, but write it without the nested repetition (e.g. a+ instead of (a+)+)`;

  it('every kind of pattern, at its line; plain patterns get none', () => {
    const block = [
      'expect:',
      '  - output: a(?=b)', // 14
      '  - output: (a+)+', // 15
      '  - output: ok', // 16
      'hints: [a]',
      'explain:',
      '  - output: (?<=a)b', // 19
      '    say: s',
      '  - command: (b+)*', // 21
      '    say: s',
      '  - unless:', // 23
      '      output: "(c*)+"',
      '    say: s',
      '  - unless:', // 26
      '      command: (d|e)\\1',
      '    say: s',
      '  - output: fine', // 29
      '    command: fine',
      '    unless: {output: fine, command: fine}',
      '    say: s',
      'wrong:',
      '  - command: c', // 34
      '    explains: (x+)+y',
      '  - command: c',
      '    explains: plain',
    ].join('\n');
    expect(notes(block)).toEqual([
      `14: ${linear('`output` pattern', 'a(?=b)', '(?=')}`,
      `15: ${nested('`output` pattern', '(a+)+')}`,
      `19: ${linear('`explain` `output` pattern', '(?<=a)b', '(?<=')}`,
      `21: ${nested('`explain` `command` pattern', '(b+)*')}`,
      `23: ${nested('`explain` `unless` `output` pattern', '(c*)+')}`,
      `26: ${linear('`explain` `unless` `command` pattern', '(d|e)\\1', '\\1')}`,
      `34: ${nested('`wrong` `explains` pattern', '(x+)+y')}`,
    ]);
  });

  it('a pattern is shown whole up to 60 characters, then cut', () => {
    const p60 = 'x'.repeat(55) + '(?=y)';
    const p61 = 'x'.repeat(56) + '(?=y)';
    expect(notes(`expect:\n  - output: ${p60}\n  - output: ${p61}\nhints: [a]`)).toEqual([
      `14: ${linear('`output` pattern', p60, '(?=')}`,
      `15: ${linear('`output` pattern', `${p61.slice(0, 60)}…`, '(?=')}`,
    ]);
  });
});

describe('a fence is closed only by a fence of its own kind, at least as long', () => {
  const fenced = (open: string, close: string) => errs(`${head}## S {#s}\n\n${open}sh run\ntrue\n${close}\n\nProse after it.\n`);
  const never = /this code fence never closes/;
  it('four backticks are not closed by three, nor tildes by backticks', () => {
    expect(fenced('````', '```').some((e) => never.test(e))).toBe(true);
    expect(fenced('~~~', '```').some((e) => never.test(e))).toBe(true);
    expect(fenced('```', '~~~').some((e) => never.test(e))).toBe(true);
  });
  it('a longer fence of the same kind closes', () => {
    expect(fenced('```', '````').some((e) => never.test(e))).toBe(false);
    expect(fenced('~~~', '~~~~').some((e) => never.test(e))).toBe(false);
  });
});
