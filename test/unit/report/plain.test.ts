/** The plain reporter: the transcript and summary a pipe, a log or a screen reader gets, with no escape codes. */
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/engine/types.js';
import { formatChecks, HeadAndTail, headAndTail, PlainReporter } from '../../../src/report/plain.js';
import type { Course } from '../../../src/lesson/types.js';
import { command, COURSE, result, stepAt } from './fixtures.js';

function transcript(events: EngineEvent[], verbosity: 'transcript' | 'summary', lang: 'en' | 'zh' = 'en'): string {
  let out = '';
  const r = new PlainReporter({ lang, course: COURSE, verbosity, write: (s) => (out += s) });
  events.forEach(r.on);
  return out;
}

const one = stepAt(0, 0);
const two = stepAt(0, 1);
const three = stepAt(1, 0);
const failed = result('1.2', two, {
  passed: false,
  checks: [
    { expectation: two.expect[0], passed: false, expectedFailure: false, label: 'veth0-0 exists in host', actual: 'veth0-0 is not in host' },
    { expectation: two.expect[1], passed: false, expectedFailure: false, label: 'ping fails', captured: ['p1', 'p2\u001b[31m!', 'p3', 'p4', 'p5', 'p6', 'p7'] },
  ],
  explanations: [
    { text: 'First reason.', fix: 'fix one', source: 'lesson' },
    { text: 'Second reason\non two lines.', source: 'builtin' },
  ],
});

describe('PlainReporter', () => {
  const run = (ref: string, s = one): EngineEvent[] => [
    { type: 'step-start', ref, step: s, commands: s.commands },
    { type: 'command-start', ref, index: 0, command: s.commands[0] },
    { type: 'output', ref, index: 0, chunk: 'out \u001b[1mbold\u001b[0m and \u001b[4mline\u001b[0m\n', fd: 1 },
    { type: 'output', ref, index: 0, chunk: 'second\n\n\n', fd: 2 },
    { type: 'command-end', ref, index: 0, result: command() },
  ];

  it('transcript: lesson headings once per lesson, prose, commands, output indented, checks and why', () => {
    const events: EngineEvent[] = [
      { type: 'lab-ready', mode: 'root', ms: 123.6 },
      { type: 'replay-progress', done: 0, total: 1, ref: '1.1' },
      ...run('1.1'),
      { type: 'step-end', result: result('1.1', one) },
      ...run('1.2', two),
      { type: 'step-end', result: failed },
      { type: 'step-start', ref: '2.1', step: three, commands: ['ip link add br0 type bridge'], substituted: 'brctl' },
      { type: 'step-end', result: result('2.1', three) },
    ];
    expect(transcript(events, 'transcript')).toBe(
      [
        'Sandbox ready (root mode, 124 ms). Your own network is not touched.',
        '',
        '== Lesson 1/2 · First lesson ==',
        'Intro of the first.',
        '',
        '-- 1.1 Step one --',
        'Prose one.',
        '',
        '$ ip link add veth0-0 type veth peer name veth0-1',
        '    out bold and line',
        '    second',
        '  ✔ veth0-0 exists in host',
        '  ✔ ping 192.168.100.2 from host fails — failed as expected',
        '  Why: Because.',
        '',
        '-- 1.2 Step two --',
        'Prose two.',
        '',
        '$ ip link add veth0-0 type veth peer name veth0-1',
        '    out bold and line',
        '    second',
        '  ✘ veth0-0 exists in host — veth0-0 is not in host',
        '  ✘ ping fails',
        '      p1',
        '      p2!',
        '      p3',
        '      p4',
        '      p5',
        '      p6',
        '  What went wrong:',
        '    • First reason.',
        '      Fix: `fix one`',
        '    • Second reason',
        '      on two lines.',
        '',
        '== Lesson 2/2 · Second lesson ==',
        '',
        '-- 2.1 Step three --',
        'Prose three.',
        '',
        '(brctl is not installed: running the iproute2 equivalent)',
        '  ✔ veth0-0 exists in host',
        '  ✔ ping 192.168.100.2 from host fails — failed as expected',
        '',
      ].join('\n'),
    );
  });

  it('summary: one line per step with its time, the checks of failed steps only, no prose or output', () => {
    const events: EngineEvent[] = [{ type: 'lab-ready', mode: 'rootless', ms: 80 }, ...run('1.1'), { type: 'step-end', result: result('1.1', one) }, ...run('1.2', two), { type: 'step-end', result: failed }];
    expect(transcript(events, 'summary')).toBe(
      [
        'Sandbox ready (rootless mode, 80 ms). Your own network is not touched.',
        '✔ 1.1 Step one (1.2 s)',
        '✘ 1.2 Step two (1.2 s)',
        '  ✘ veth0-0 exists in host — veth0-0 is not in host',
        '  ✘ ping fails',
        '      p1',
        '      p2!',
        '      p3',
        '      p4',
        '      p5',
        '      p6',
        '  What went wrong:',
        '    • First reason.',
        '      Fix: `fix one`',
        '    • Second reason',
        '      on two lines.',
        '',
      ].join('\n'),
    );
  });

  it('summary names a tool that was substituted', () => {
    const out = transcript([{ type: 'step-start', ref: '2.1', step: three, commands: [], substituted: 'brctl' }], 'summary');
    expect(out).toBe('(brctl is not installed: running the iproute2 equivalent)\n');
  });

  it('speaks Chinese', () => {
    const out = transcript([{ type: 'lab-ready', mode: 'rootless', ms: 5 }, { type: 'step-end', result: failed }], 'summary', 'zh');
    expect(out).toContain('无 root');
    expect(out).toContain('问题出在哪里');
  });

  it('strips escapes from every line it writes: pack text, output and check labels', () => {
    const e = '\u001b[31m\u001b]8;;u\u001b\\';
    const bad = result('1.1', { ...one, title: `T${e}i${e}t`, prose: `P${e}r${e}o`, why: `W${e}h${e}y` }, {
      checks: [{ expectation: one.expect[0], passed: true, expectedFailure: false, label: `L${e}a${e}b` }],
    });
    const out = transcript([{ type: 'step-start', ref: '1.1', step: bad.step, commands: [] }, { type: 'step-end', result: bad }], 'transcript');
    expect(out).not.toContain('\u001b');
    expect(out).toContain('-- 1.1 Tit --\nPro\n');
    expect(out).toContain('  ✔ Lab\n  Why: Why\n');
  });

  it('writes to stdout by default', () => {
    const writes: string[] = [];
    const orig = process.stdout.write;
    process.stdout.write = ((s: string) => (writes.push(s), true)) as typeof process.stdout.write;
    try {
      new PlainReporter({ lang: 'en', course: COURSE, verbosity: 'summary' }).on({ type: 'step-end', result: result('1.1', one) });
    } finally {
      process.stdout.write = orig;
    }
    expect(writes).toEqual(['✔ 1.1 Step one (1.2 s)\n']);
  });
});

describe('formatChecks', () => {
  it('lists no explanations for a passed step, even when some were computed', () => {
    expect(formatChecks(result('1.1', one, { explanations: [{ text: 'x', source: 'builtin' }] }), 'en')).toEqual(['  ✔ veth0-0 exists in host', '  ✔ ping 192.168.100.2 from host fails — failed as expected']);
  });
  it('lists no heading when a failed step has no explanation', () => {
    expect(formatChecks({ ...failed, explanations: [] }, 'en')).not.toContain('  What went wrong:');
  });
});

describe('HeadAndTail', () => {
  const bounded = (chunks: string[], max: number) => {
    const h = new HeadAndTail(max);
    for (const c of chunks) h.add(c);
    return h.toString();
  };

  it('keeps a text within the budget whole, however it arrives', () => {
    expect(bounded(['abcdefghij'], 10)).toBe('abcdefghij');
    expect(bounded(['abc', 'def', 'ghij'], 10)).toBe('abcdefghij');
    expect(headAndTail('short')).toBe('short');
  });

  it('keeps the first half and the last half of a longer text, and counts what fell out between', () => {
    expect(bounded(['0123456789abcdef'], 10)).toBe('01234\n[… 6 characters not shown …]\nbcdef');
    expect(headAndTail('0123456789abcdef', 10)).toBe('01234\n[… 6 characters not shown …]\nbcdef');
  });

  it('counts the same, chunk by chunk, whether chunks are small or larger than half the budget', () => {
    const text = 'The quick brown fox jumps over the lazy dog, again and again.';
    for (const size of [1, 2, 3, 4, 6, 7, 13, 40]) {
      const chunks = text.match(new RegExp(`[^]{1,${size}}`, 'g'))!;
      expect(bounded(chunks, 12), `chunks of ${size}`).toBe(`The qu\n[… ${text.length - 12} characters not shown …]\nagain.`);
    }
  });

  it('rolls the tail over a stream without end, and its memory stays within the budget', () => {
    const h = new HeadAndTail(8);
    for (let i = 0; i < 1000; i++) h.add(`${i % 10}`);
    expect(h.toString()).toBe('0123\n[… 992 characters not shown …]\n6789');
  });
});

describe('PlainReporter, more', () => {
  it('shows the heading of the first lesson it reaches, even when that is not lesson 1', () => {
    let out = '';
    const r = new PlainReporter({ lang: 'en', course: COURSE, verbosity: 'transcript', write: (s) => (out += s) });
    r.on({ type: 'step-start', ref: '2.1', step: three, commands: [] });
    expect(out).toContain('== Lesson 2/2 · Second lesson ==');
  });

  it('reads the lesson number of a ref with two digits', () => {
    const many: Course = { dir: '/c', lessons: Array.from({ length: 10 }, (_, i) => ({ ...COURSE.lessons[0], title: `L${i + 1}` })) };
    let out = '';
    const r = new PlainReporter({ lang: 'en', course: many, verbosity: 'transcript', write: (s) => (out += s) });
    r.on({ type: 'step-start', ref: '10.1', step: one, commands: [] });
    expect(out).toContain('== Lesson 10/10 · L10 ==');
  });

  it('prints no line for a command without output', () => {
    let out = '';
    const r = new PlainReporter({ lang: 'en', course: COURSE, verbosity: 'transcript', write: (s) => (out += s) });
    r.on({ type: 'command-start', ref: '1.1', index: 0, command: 'true' });
    r.on({ type: 'command-end', ref: '1.1', index: 0, result: command() });
    expect(out).toBe('$ true\n');
  });

  it('indents every line of a why by two spaces', () => {
    let out = '';
    const r = new PlainReporter({ lang: 'en', course: COURSE, verbosity: 'transcript', write: (s) => (out += s) });
    r.on({ type: 'step-end', result: result('1.1', { ...one, why: 'First line of the why, long enough that it has to wrap onto a second line at seventy-six columns.' }) });
    const why = out.split('\n').filter((l) => /why|columns/.test(l));
    expect(why.length).toBe(2);
    for (const l of why) expect(l).toMatch(/^ {2}\S/);
  });

  it('in a summary, prints no command output, even a long one', () => {
    let out = '';
    const r = new PlainReporter({ lang: 'en', course: COURSE, verbosity: 'summary', write: (s) => (out += s) });
    r.on({ type: 'command-start', ref: '1.1', index: 0, command: 'yes' });
    r.on({ type: 'output', ref: '1.1', index: 0, chunk: 'y\n'.repeat(1000), fd: 1 });
    r.on({ type: 'command-end', ref: '1.1', index: 0, result: command() });
    expect(out).toBe('');
  });
});

describe('HeadAndTail with an odd budget', () => {
  it('shows exactly the budget: the head takes the smaller half, the tail the rest', () => {
    const h = new HeadAndTail(7);
    h.add('abcdefg');
    expect(h.toString()).toBe('abcdefg');
    h.add('h');
    expect(h.toString()).toBe('abc\n[… 1 characters not shown …]\nefgh');
  });
});
