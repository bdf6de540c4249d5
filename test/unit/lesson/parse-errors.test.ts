/** parseLesson on broken lessons: each mistake an author can make gets its own message at its own line. */
import { describe, expect, it } from 'vitest';
import { parseLesson, splitCommands } from '../../../src/lesson/parse.js';

const head = '---\nid: x\ntitle: X\n---\n\n';
const step = (block: string, run = 'true', title = 'S {#s}') => `## ${title}\n\n\`\`\`sh run\n${run}\n\`\`\`\n\n\`\`\`yaml step\n${block}\n\`\`\`\n`;
const errs = (text: string) => parseLesson('f.md', text).errors.map((e) => `${e.line}: ${e.message}`);
const one = (block: string) => errs(head + step(block));

describe('file-level mistakes', () => {
  it('a file too large, or with bytes that are not UTF-8 (at their line)', () => {
    expect(errs('x'.repeat(512 * 1024 + 1))).toEqual([`1: file is ${512 * 1024 + 1} bytes; a lesson may be at most ${512 * 1024} bytes`]);
    expect(errs('x'.repeat(512 * 1024))[0]).not.toMatch(/bytes; a lesson/);
    expect(errs('---\nid: x\n\uFFFD\n')).toEqual(['3: not UTF-8: this line has bytes that are not UTF-8 text (save the file as UTF-8)']);
  });

  it('front matter never closed, broken or incomplete', () => {
    expect(errs('---\nid: x\ntitle: X\n')).toEqual(['1: front matter is never closed: add a line `---` after it']);
    expect(errs('---\n---\n' + step('expect: [{exit: 0}]\nhints: [a]'))).toEqual(['2: missing `id` in front matter', '2: missing `title` in front matter']);
    expect(errs('---\nid: x\ntitle: [a, b]\n---\n' + step('expect: [{exit: 0}]\nhints: [a]'))).toEqual(['3: `title` in front matter must be a text, not a list']);
    expect(errs('---\nid: x\ntitle: X\ncolour: red\n---\n' + step('expect: [{exit: 0}]\nhints: [a]'))).toEqual(['4: unknown key `colour` in front matter']);
    expect(errs('---\nid: x\ntitle: X\n---\n')).toEqual(['5: no steps: each step starts with a `## ` heading']);
  });

  it('Windows line ends and a byte order mark read like Unix text', () => {
    const r = parseLesson('f.md', '\uFEFF' + (head + step('expect: [{exit: 0}]\nhints: [a]')).replace(/\n/g, '\r\n'));
    expect(r.errors).toEqual([]);
    expect(r.lesson?.steps[0]).toMatchObject({ id: 's', commands: ['true'], line: 6, commandsLine: 9 });
  });
});

describe('blocks and headings', () => {
  it('a run or step block before any step, and a second one in a step', () => {
    expect(errs(head + '```sh run\ntrue\n```\n\n' + step('expect: [{exit: 0}]\nhints: [a]'))).toEqual(['6: a `sh run` block must come after a `## ` step heading']);
    expect(errs(head + step('expect: [{exit: 0}]\nhints: [a]') + '\n```sh run\nfalse\n```\n')).toEqual(['17: step "S" has a second `sh run` block (first at line 8); merge them']);
    expect(errs(head + step('expect: [{exit: 0}]\nhints: [a]') + '\n```yaml step\nexpect: [{exit: 0}]\nhints: [a]\n```\n')).toEqual(['17: step "S" has a second `yaml step` block (first at line 12); merge them']);
  });

  it('a step with no step block, or a run block with no command', () => {
    expect(errs(head + '## S\n\n```sh run\ntrue\n```\n')).toEqual(['6: step "S" has no ```yaml step block: every step needs expectations (expect:) and hints (hints:)']);
    expect(errs(head + step('expect: [{exit: 0}]\nhints: [a]', '# only a comment'))).toEqual(['8: the run block has no command']);
  });

  it('step ids come from {#id}, else from the title, else from the position', () => {
    const r = parseLesson('f.md', head + step('expect: [{exit: 0}]\nhints: [a]', 'true', 'Make A Pair!') + '\n' + step('expect: [{exit: 0}]\nhints: [a]', 'true', '日本') + '\n' + step('expect: [{exit: 0}]\nhints: [a]', 'true', 'T {#my_id-2}'));
    expect(r.errors).toEqual([]);
    expect(r.lesson?.steps.map((s) => [s.id, s.title])).toEqual([
      ['make-a-pair', 'Make A Pair!'],
      ['step-2', '日本'],
      ['my_id-2', 'T'],
    ]);
  });

  it('prose before the first step is the intro; a step keeps its own prose and other code blocks', () => {
    const r = parseLesson('f.md', head + 'Intro.\n\n```sh\nnot run\n```\n\n## S\n\nSay.\n\n```sh run\ntrue\n```\n\n```yaml step\nexpect: [{exit: 0}]\nhints: [a]\n```\n\nAfter.\n');
    expect(r.lesson?.intro).toBe('Intro.\n\n```sh\nnot run\n```');
    expect(r.lesson?.steps[0].prose).toMatch(/^Say\.\n\n+After\.$/);
  });
});

describe('the step block', () => {
  it('must be a mapping', () => {
    expect(one('- a\n- b')).toEqual(['12: the `yaml step` block must be a mapping with `expect:` and `hints:`']);
    expect(one('')).toEqual(['12: the `yaml step` block must be a mapping with `expect:` and `hints:`']);
  });

  it('YAML errors: each distinct one once, at most five, at their line', () => {
    expect(one('expect: [{exit: 0}\nhints: [a]')[0]).toMatch(/^1[34]: YAML: /);
    expect(one('a: 1\na: 2\nexpect: [{exit: 0}]\nhints: [a]')).toEqual(['14: YAML: Map keys must be unique']);
    const many = Array.from({ length: 8 }, (_, i) => `k${i}: [`).join('\n');
    expect(one(many).length).toBeLessThanOrEqual(5);
    expect(one('expect: *nope\nhints: [a]')[0]).toMatch(/^13: YAML: /);
  });

  it('says what a value must be and what it is', () => {
    expect(one('expect: [{exit: 0}]\nhints: a')).toEqual(['14: `hints` in step "S" must be a list, not the text "a"']);
    expect(one('expect: [{exit: 0}]\nhints: [a]\nwhy: 3')).toEqual(['15: `why` in step "S" must be a text, not the number 3']);
    expect(one('expect: [{exit: 0}]\nhints: [a]\nwhy: true')).toEqual(['15: `why` in step "S" must be a text, not the value true']);
    expect(one('expect: [{exit: 0}]\nhints: [a]\nwhy:\n  a: b')).toEqual(['16: `why` in step "S" must be a text, not a mapping (a plain YAML text containing ": " is read as a mapping: put the text in quotes)']);
    expect(one('expect: [{exit: 0}]\nhints: [a]\ntimeout: [1]')).toEqual(['15: `timeout` in step "S" must be a number, not a list']);
    expect(one(`expect: [{exit: 0}]\nhints: [a]\nwhy:`)).toEqual(['15: `why` in step "S" must be a text, not empty']);
    expect(one(`expect: [{exit: 0}]\nhints: [${'a'.repeat(40)}, 3]`)).toEqual(['14: `hints` item 2 in step "S" must be a text, not the number 3']);
    expect(one(`expect: [{exit: 0}]\nhints: [a]\nwhy: [${'b'.repeat(40)}]`)[0]).toBe('15: `why` in step "S" must be a text, not a list');
  });

  it('long texts are cut in the message', () => {
    expect(one(`expect: [{exit: 0}]\nhints: [a]\ntimeout: ${'y'.repeat(40)}`)).toEqual([`15: \`timeout\` in step "S" must be a number, not the text "${'y'.repeat(30)}…"`]);
  });

  it('exit must be 0 to 255 or nonzero', () => {
    expect(one('expect:\n  - exit: 256\nhints: [a]')).toEqual(['14: `exit` in `exit` expectation: Too big: expected number to be <=255']);
    expect(one('expect:\n  - exit: maybe\nhints: [a]')).toEqual(['14: `exit` in `exit` expectation must be a number from 0 to 255, or `nonzero`']);
  });
});

describe('expectations', () => {
  it('must each be a mapping with exactly one known kind', () => {
    expect(one('expect:\n  - link\nhints: [a]')).toEqual(['14: expectation 1 must be a mapping such as `link: veth0-0`']);
    expect(one('expect:\n  - [a]\nhints: [a]')).toEqual(['14: expectation 1 must be a mapping such as `link: veth0-0`']);
    expect(one('expect:\n  - {exit: 0}\n  - link: a\n    netns: b\nhints: [a]')).toEqual(['15: expectation 2 names several kinds (link, netns); split it into one expectation per kind']);
    expect(one('expect:\n  - {}\nhints: [a]')[0]).toMatch(/^14: expectation 1 has no known kind \(first key ``\); use one of: .*\blink\b/);
  });

  it('several unknown keys are named together, at the first', () => {
    expect(one('expect:\n  - link: a\n    upp: true\n    inn: ns0\nhints: [a]')).toEqual(['15: unknown keys `upp`, `inn` in `link` expectation']);
  });

  it('keep the line of each expectation, explanation and wrong answer', () => {
    const r = parseLesson('f.md', head + step('expect:\n  - exit: 0\n  - link: a\nhints: [a]\nexplain:\n  - output: x\n    say: y\nwrong:\n  - command: c\n    explains: e'));
    const s = r.lesson!.steps[0];
    expect(s.expect.map((e) => e.line)).toEqual([14, 15]);
    expect(s.explain[0].line).toBe(18);
    expect(s.wrong[0].line).toBe(21);
  });
});

describe('splitCommands', () => {
  it('skips blank and comment lines, joins continuations, keeps a # inside a command', () => {
    expect(splitCommands('  a  \n\n# c\nb \\\n  c \\\n  d\necho "#x" # y\n')).toEqual(['a', 'b c d', 'echo "#x" # y']);
  });
  it('a continuation on the last line still gives its command, and a comment inside a continuation is part of it', () => {
    expect(splitCommands('a \\')).toEqual(['a']);
    expect(splitCommands('a \\\n# b\nc')).toEqual(['a # b', 'c']);
  });
});

describe('places in a block are counted from 1, as an author counts', () => {
  it('names list items and nested keys', async () => {
    const { pathLabel } = await import('../../../src/lesson/parse.js');
    expect(pathLabel(['hints', 1])).toBe('`hints` item 2');
    expect(pathLabel(['explain', 0, 'command'])).toBe('`command` of `explain` item 1');
    expect(pathLabel(['explain', 0, 'unless', 'command'])).toBe('`command` of `unless` of `explain` item 1');
    expect(pathLabel([2, 'say'])).toBe('`say` of item 3');
  });
});
