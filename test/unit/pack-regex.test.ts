// Pack patterns: JavaScript meaning, linear-time matching, and the reasons given for what cannot run.
import { describe, expect, it } from 'vitest';
import { BACKTRACKING_LIMIT_MS, MAX_PATTERN_LENGTH, PackRegexError, backtracksCatastrophically, packRegex, packRegexBacktracks, packRegexProblem, type PackFlags } from '../../src/text/pack-regex.js';

/** Pattern, flags, text: each must give the same answer as JavaScript's own RegExp. */
const SAME_AS_JS: [string, PackFlags, string][] = [
  ['a.c', '', 'a\rc'],
  ['a.c', '', 'a\u2028c'],
  ['a.c', '', 'abc'],
  ['^b$', 'm', 'a\r\nb\r\nc'],
  ['^b$', 'm', 'a\rb\rc'],
  ['^b$', '', 'a\nb'],
  ['b$', '', 'ab\n'],
  ['\\s', '', '\u00a0'],
  ['\\s', '', '\u3000'],
  ['\\S', '', '\u00a0\u3000 '],
  ['[\\S]', '', 'x'],
  ['[^\\s]', '', '\u2028'],
  ['[\\w-a]', '', '-'],
  ['\\p{L}', '', 'p{L}'],
  ['\\p{L}', '', 'é'],
  ['[]', '', 'x'],
  ['[^]', '', '\n'],
  ['[[:alpha:]]', '', ':]'],
  ['[[:alpha:]]', '', 'a'],
  ['[\\b]', '', '\b'],
  ['\\bfoo\\b', 'i', 'a FOO b'],
  ['\\bfoo\\b', '', 'afoo b'],
  ['\\/32', '', 'addr 10.0.0.1/32'],
  ['a\\ b', '', 'a b'],
  ['\\e\\z', '', 'ez'],
  ['\\x41\\u00e9', '', 'Aé'],
  ['\\cJ', '', '\n'],
  ['a\\0b', '', 'a\u0000b'],
  ['(?<n>\\d+) packets', '', '3 packets'],
  ['x*?y', '', 'xxy'],
  ['a{', '', 'a{'],
  ["host's .lo.", 'i', "the HOST'S 'lo' interface"],
  ['重置为\\s*关闭', 'mi', '已重置为 关闭'],
  ['64 bytes from 192\\.168\\.100\\.2', 'm', 'PING\n64 bytes from 192.168.100.2: icmp_seq=1\n'],
  ['192\\.168\\.100\\.2(/\\d+)? dev veth0-0|192\\.168\\.100\\.1(/\\d+)? dev veth0-1', 'mi', 'ip addr add 192.168.100.1/24 dev veth0-1'],
  ['state DOWN', 'm', 'lo: <LOOPBACK> mtu 65536 state DOWN mode DEFAULT'],
];

describe('packRegex keeps JavaScript meaning', () => {
  it.each(SAME_AS_JS)('/%s/%s on %j', (pattern, flags, text) => {
    expect(packRegex(pattern, flags).test(text)).toBe(new RegExp(pattern, flags).test(text));
  });

  it('matches and misses as expected on a few plain cases (so the table above cannot agree by always failing)', () => {
    expect(packRegex('Cannot find device "veth0-1"', 'm').test('Cannot find device "veth0-1"\n')).toBe(true);
    expect(packRegex('Cannot find device', 'm').test('ok\n')).toBe(false);
    expect(packRegex('LOWERLAYERDOWN', 'i').test('state lowerlayerdown')).toBe(true);
    expect(packRegex('LOWERLAYERDOWN').test('state lowerlayerdown')).toBe(false);
  });

  it('runs a catastrophic pattern on a long line in linear time and gives the right answer', () => {
    const line = 'a'.repeat(100_000) + '!';
    // With a backtracking engine this would not finish in the lifetime of the test run.
    expect(packRegex('(a+)+$', 'm').test(line)).toBe(false);
    expect(packRegex('(a+)+!$', 'm').test(line)).toBe(true);
    expect(packRegex('^(\\w+\\s?)*$', 'mi').test('word '.repeat(20_000) + '#')).toBe(false);
  });
});

describe('what cannot run is refused with the reason', () => {
  const reason = (p: string) => packRegexProblem(p);
  it('JavaScript syntax errors give the JavaScript reason', () => {
    expect(reason('64 bytes (from')).toBe('Unterminated group');
    expect(reason('peer (')).toBe('Unterminated group');
    expect(reason('*a')).toBe('Nothing to repeat');
  });
  it('lookaround and backreferences are not refused: they run with a time limit, and say why they cannot be linear', () => {
    for (const p of ['(?=x)a', '(?!x)a', '(?<=a)b', '(?<!a)b', '(a)\\1', '(?<n>a)\\k<n>']) {
      expect(reason(p), p).toBeUndefined();
      expect(packRegexBacktracks(p), p).toMatch(/linear time, so lookahead, lookbehind and backreferences are not available/);
    }
    expect(packRegexBacktracks('(?<=a)b')).toMatch(/^`\(\?<=`/);
    expect(packRegexBacktracks('(a)\\1')).toMatch(/^`\\1`/);
    expect(packRegexBacktracks('a+b')).toBeUndefined();
  });
  // The limit is wall time (100 ms): on a machine loaded far past its cores a run can hit it and read as no match; a broken engine fails every try.
  it('a time-limited pattern keeps JavaScript meaning', { retry: 2 }, () => {
    // The first run compiles the bounded runner; on a loaded machine that alone can approach the limit.
    packRegex('(?=x)x').test('x');
    expect(packRegex('^ping(?!.*-I)', 'mi').test('ip link\nping -c 1 10.0.0.2')).toBe(true);
    expect(packRegex('^ping(?!.*-I)', 'mi').test('ping -I veth0 10.0.0.2')).toBe(false);
    expect(packRegex('(?<![\\s\\S])(?![\\s\\S]*flush)[\\s\\S]*ping', 'mi').test('ip neigh flush all\nping x')).toBe(false);
    expect(packRegex('(?<![\\s\\S])(?![\\s\\S]*flush)[\\s\\S]*ping', 'mi').test('ip neigh\nping x')).toBe(true);
    expect(packRegex('(\\w)\\1', '').test('abba')).toBe(true);
  });
  it('a runaway time-limited pattern ends as no match instead of hanging', () => {
    // Exponential in a backtracking engine: without the limit this would not return.
    expect(packRegex('(?=(a+)+$)', 'm').test('a'.repeat(40) + '!')).toBe(false);
    expect(BACKTRACKING_LIMIT_MS).toBeLessThanOrEqual(1000);
  });
  it("the engine's own limits give the engine's reason without its flag prefix", () => {
    expect(reason('x{2,1001}')).toBe('invalid repeat count: `{2,1001}`');
  });
  it('a pattern longer than the bound is refused', () => {
    expect(reason('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/at most 1000 are allowed/);
    expect(reason('a'.repeat(MAX_PATTERN_LENGTH))).toBeUndefined();
  });
  it('deep nesting is an error message, not a stack overflow', () => {
    const deep = '('.repeat(400) + 'a' + ')'.repeat(400);
    const r = reason(deep);
    expect(r === undefined || !/call stack/i.test(r)).toBe(true);
  });
  it('valid patterns have no problem', () => {
    for (const p of ['a', 'state (UP|DOWN)', '\\d+ packets? received', '(?:ab)+']) expect(reason(p), p).toBeUndefined();
  });
  it('packRegex throws a PackRegexError naming the pattern', () => {
    expect(() => packRegex('64 bytes (from')).toThrow(PackRegexError);
    try {
      packRegex('x{2,1001}');
    } catch (e) {
      expect((e as PackRegexError).pattern).toBe('x{2,1001}');
      expect((e as PackRegexError).reason).toMatch(/repeat count/);
    }
  });
});

describe('backtracksCatastrophically', () => {
  it.each(['(a+)+$', '(a*)*b', '(\\w+\\s?)*$', '((ab)+c)+', '(?:x|y+)+z'])('flags %s', (p) => expect(backtracksCatastrophically(p)).toBe(true));
  it.each(['(-\\S+ )*link', '(?:[^-\\n]|-+[^-i\\n])*$', 'a+b+', '(\\d+\\.){3}\\d+', '192\\.168\\.100\\.2(/\\d+)? dev', '(ab)+', '[a+]+', 'behind the bridge\'s\\s+back'])('does not flag %s', (p) => expect(backtracksCatastrophically(p)).toBe(false));
});
