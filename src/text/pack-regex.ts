/** Regular expressions from lesson packs: JavaScript syntax and meaning, matched in linear time by re2js. */
import { RE2JS } from 're2js';
import { Script, createContext } from 'node:vm';
import ret, { type Token, type Tokens } from 'ret';

// ret replaces module.exports with its tokenizer function, which carries `types`; its typings say otherwise.
const tokenizer = ret as unknown as ((pattern: string) => Tokens) & { types: typeof import('ret').types };
const types = tokenizer.types;

/** Longer patterns are refused: a lesson's patterns are short, and a bound keeps every parser's recursion shallow. */
export const MAX_PATTERN_LENGTH = 1000;

export type PackFlags = '' | 'i' | 'm' | 'mi';

export interface PackRegex {
  readonly source: string;
  test(text: string): boolean;
}

/** Thrown by `packRegex` for a pattern the tutor cannot run; `reason` is what to tell the author. */
export class PackRegexError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
    /** Valid JavaScript that needs backtracking (lookaround, backreferences): run with a time limit instead. */
    readonly needsBacktracking = false,
  ) {
    super(`not a usable regular expression: ${reason}`);
  }
}

// JavaScript's \s: more than RE2's [\t\n\f\r ]. As class ranges, and their complement for \S.
const JS_SPACE: [number, number][] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const MAX_CODE = 0x10ffff;
const hex = (n: number) => `\\x{${n.toString(16)}}`;
const ranges = (rs: [number, number][]) => rs.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const complement = (rs: [number, number][]) => {
  const out: [number, number][] = [];
  let next = 0;
  for (const [a, b] of rs) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE) out.push([next, MAX_CODE]);
  return out;
};
const SPACE = ranges(JS_SPACE);
const NON_SPACE = ranges(complement(JS_SPACE));
// JavaScript's `.` stops at every line terminator, RE2's only at \n.
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

const UNSUPPORTED = 'the tutor matches in linear time, so lookahead, lookbehind and backreferences are not available';

/**
 * Rewrites a (valid) JavaScript pattern into RE2 syntax with the same meaning, in JavaScript's
 * non-Unicode mode: escapes a letter stands for itself (`\p` is "p"), `\s` and `.` as JavaScript
 * defines them, `[]` and `[^]`, `[` literal inside a class. What RE2 cannot do is refused with a reason.
 */
function translate(src: string): string {
  const named = /\(\?<[A-Za-z_$]/.test(src);
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === '\\') {
      const [text, used] = escape(src, i + 1, inClass, named);
      out += text;
      i += 1 + used;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      i++;
      continue;
    }
    if (c === '[') {
      if (src.startsWith('[]', i)) {
        out += '[^\\x00-\\x{10ffff}]';
        i += 2;
      } else if (src.startsWith('[^]', i)) {
        out += '[\\x00-\\x{10ffff}]';
        i += 3;
      } else {
        inClass = true;
        out += src[i + 1] === '^' ? '[^' : '[';
        i += src[i + 1] === '^' ? 2 : 1;
        // A `]` right after the opening bracket closes an empty class in JavaScript; handled above.
      }
      continue;
    }
    if (c === '.') {
      out += DOT;
      i++;
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i, i + 4);
      if (/^\(\?(=|!|<=|<!)/.test(rest)) throw new PackRegexError(src, `\`${/^\(\?(<?[=!])/.exec(rest)![0]}\`: ${UNSUPPORTED}`, true);
      if (rest.startsWith('(?<')) {
        out += '(?P<';
        i += 3;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** One escape after a backslash at `j`: its RE2 text and how many characters it used. */
function escape(src: string, j: number, inClass: boolean, named: boolean): [string, number] {
  const d = src[j];
  if (d === undefined) return ['\\\\', 0];
  if (d >= '1' && d <= '9') throw new PackRegexError(src, `\`\\${d}\`: ${UNSUPPORTED}`, true);
  if (d === '0' && /[0-9]/.test(src[j + 1] ?? '')) throw new PackRegexError(src, `\`\\0${src[j + 1]}\`: octal escapes are not available; write \\x and two hex digits`);
  if (d === '0') return ['\\x00', 1];
  if (d === 'k' && named) throw new PackRegexError(src, `\`\\k<…>\`: ${UNSUPPORTED}`, true);
  if (d === 's') return [inClass ? SPACE : `[${SPACE}]`, 1];
  if (d === 'S') return [inClass ? NON_SPACE : `[${NON_SPACE}]`, 1];
  if (d === 'b' && inClass) return ['\\x08', 1];
  if ('dDwWtnvfr'.includes(d) || (!inClass && 'bB'.includes(d))) return [`\\${d}`, 1];
  if (d === 'x' && /^[0-9A-Fa-f]{2}$/.test(src.slice(j + 1, j + 3))) return [hex(parseInt(src.slice(j + 1, j + 3), 16)), 3];
  if (d === 'u' && /^[0-9A-Fa-f]{4}$/.test(src.slice(j + 1, j + 5))) return [hex(parseInt(src.slice(j + 1, j + 5), 16)), 5];
  if (d === 'c' && /^[A-Za-z]$/.test(src[j + 1] ?? '')) return [hex(src.charCodeAt(j + 1) % 32), 2];
  if (d === 'c') return ['\\\\c', 1];
  // Anything else stands for itself (a letter, punctuation, a space, any character).
  const code = src.codePointAt(j)!;
  return [/[A-Za-z]/.test(d) ? d : hex(code), code > 0xffff ? 2 : 1];
}

function checkJs(pattern: string): void {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new PackRegexError(pattern, `the pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed`);
  try {
    new RegExp(pattern);
  } catch (e) {
    throw new PackRegexError(pattern, String((e as Error).message).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ''));
  }
}

function compile(pattern: string, flags: PackFlags): RE2JS {
  checkJs(pattern);
  const rewritten = translate(pattern);
  try {
    return RE2JS.compile(rewritten, (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0));
  } catch (e) {
    // re2js quotes the pattern with its flags prefixed, e.g. `(?m)…`; the author wrote neither.
    throw new PackRegexError(pattern, String((e as Error).message).replace(/^error parsing regexp: /, '').replace(/`\(\?[a-z]+\)/, '`'));
  }
}

/** How long one match of a lookaround or backreference pattern may take before it counts as no match. */
export const BACKTRACKING_LIMIT_MS = 100;
const sandbox = createContext(Object.create(null));
const runTest = new Script('re.test(text)');

/** JavaScript's own engine, interrupted after BACKTRACKING_LIMIT_MS: a runaway pattern ends as "no match". */
function timeBounded(pattern: string, flags: PackFlags): PackRegex {
  const re = new RegExp(pattern, flags);
  return {
    source: pattern,
    test: (text) => {
      sandbox.re = re;
      sandbox.text = text;
      try {
        return runTest.runInContext(sandbox, { timeout: BACKTRACKING_LIMIT_MS }) === true;
      } catch {
        return false;
      } finally {
        sandbox.text = '';
      }
    },
  };
}

/** Patterns that name a line terminator other than \n themselves see the text as it is. */
const MENTIONS_TERMINATOR = /\\r|\\x0[dD]|\\u000[dD]|\\u202[89]|[\r\u2028\u2029]/;

const cache = new Map<string, PackRegex>();

/**
 * The one way to match a pack's pattern at run time. Linear in the text whatever the
 * pattern (`(a+)+$` on a long line is as fast as `a`). With `m`, `^` and `$` also see
 * `\r`, `\r\n`, U+2028 and U+2029 as line ends, as JavaScript does. Throws PackRegexError.
 */
export function packRegex(pattern: string, flags: PackFlags = ''): PackRegex {
  const key = `${flags}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let made: PackRegex;
  try {
    const re = compile(pattern, flags);
    const unifyLineEnds = flags.includes('m') && !MENTIONS_TERMINATOR.test(pattern);
    made = { source: pattern, test: (text) => re.test(unifyLineEnds ? text.replace(/\r\n?|[\u2028\u2029]/g, '\n') : text) };
  } catch (e) {
    if (!(e instanceof PackRegexError && e.needsBacktracking)) throw e;
    made = timeBounded(pattern, flags);
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, made);
  return made;
}

/** Why the tutor cannot run this pattern, or undefined when it can (in linear time or time-bounded). */
export function packRegexProblem(pattern: string): string | undefined {
  try {
    packRegex(pattern);
    return undefined;
  } catch (e) {
    if (e instanceof PackRegexError) return e.reason;
    return (e as Error).message;
  }
}

/** Why this pattern cannot be matched in linear time (it runs, but with a time limit), or undefined. */
export function packRegexBacktracks(pattern: string): string | undefined {
  try {
    checkJs(pattern);
    translate(pattern);
    return undefined;
  } catch (e) {
    return e instanceof PackRegexError && e.needsBacktracking ? e.reason : undefined;
  }
}

/** Whether a one-character token can match `code`; undefined for anything longer. */
function matchesChar(t: Token, code: number): boolean | undefined {
  if (t.type === types.CHAR) return t.value === code;
  if (t.type !== types.SET) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const inSet = (set: any[]): boolean =>
    set.some((x: any) => (x.type === types.CHAR ? x.value === code : x.type === types.RANGE ? code >= x.from && code <= x.to : x.type === types.SET ? inSet(x.set) !== x.not : false));
  return inSet(t.set) !== t.not;
}

/** True when `repeated` (one character) can never match the single character `next` that must follow it. */
function delimited(repeated: Token, next: Token | undefined): boolean {
  if (!next) return false;
  if (next.type === types.CHAR) return matchesChar(repeated, next.value) === false;
  if (repeated.type === types.CHAR) return matchesChar(next, repeated.value) === false;
  return false;
}

/**
 * True when a backtracking engine (JavaScript's, PCRE, Python's) could take exponential time on
 * this pattern: an unbounded repetition inside another, such as `(a+)+` or `(\\w+\\s?)*`. The
 * tutor is not affected. Bounded ones (`(\\d+\\.){3}`, `(/\\d+)?`) are fine and not reported.
 */
export function backtracksCatastrophically(pattern: string): boolean {
  let tree: Tokens;
  try {
    tree = tokenizer(pattern);
  } catch {
    return false;
  }
  const nested = (t: Tokens, height: number): boolean => {
    if (t.type === types.REPETITION) {
      const h = height + (t.max === Infinity ? 1 : 0);
      return h > 1 || nested(t.value, h);
    }
    if (t.type !== types.ROOT && t.type !== types.GROUP) return false;
    const seqs: Token[][] = t.options ?? (t.stack ? [t.stack] : []);
    // An inner repetition that must stop at a character it cannot match (`\S+ ` in `(-\S+ )*`)
    // splits the text one way only: it cannot make the outer one backtrack.
    return seqs.some((seq) => seq.some((x, k) => (x.type === types.REPETITION && height > 0 && delimited(x.value, seq[k + 1]) ? nested(x.value, height) : nested(x, height))));
  };
  return nested(tree, 0);
}
