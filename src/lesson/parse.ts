/** Lesson Markdown -> Lesson, with every error located as file:line. */
import { Lexer, type Token, type Tokens } from 'marked';
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { findKind, kindNames, kindsNamedBy } from '../checks/registry.js';
import { FRONT_MATTER_SCHEMA, STEP_BLOCK_SCHEMA, type ZodError } from './schema.js';
import type { Expectation, Lesson, LessonError, ParseOutcome, Requirements, Step } from './types.js';
import { stripControls } from '../text/sanitize.js';
import { MAX_LESSON_BYTES } from './course.js';
import { BACKTRACKING_LIMIT_MS, backtracksCatastrophically, packRegexBacktracks } from '../text/pack-regex.js';

export const RUN_INFO = 'sh run';
export const STEP_INFO = 'yaml step';


class Errors {
  list: LessonError[] = [];
  constructor(private file: string) {}
  add(line: number, message: string): void {
    this.list.push({ file: this.file, line: Math.max(1, line), message });
  }
}

/** A YAML problem as the author should read it: deep nesting is named as such, not as the parser's stack overflow. */
function yamlMessage(e: unknown): string {
  const m = String((e as Error)?.message ?? e).split('\n')[0];
  return /call stack|too much recursion/i.test(m) ? 'YAML: nested too deeply to read (hundreds of levels); flatten this block' : `YAML: ${m}`;
}

/** A YAML text that sits at `firstLine` of the lesson file, parsed with positions kept. */
class YamlBlock {
  readonly doc: Document;
  private counter = new LineCounter();
  constructor(
    text: string,
    private firstLine: number,
  ) {
    try {
      this.doc = parseDocument(text, { lineCounter: this.counter, prettyErrors: false, uniqueKeys: true });
    } catch (e) {
      // The parser recursed too deep (thousands of nested [ or - ): an empty document carrying the error.
      this.doc = parseDocument('');
      this.failure = yamlMessage(e);
    }
  }
  private failure?: string;
  lineAt(offset: number | undefined): number {
    if (offset === undefined) return this.firstLine;
    return this.firstLine + this.counter.linePos(offset).line - 1;
  }
  lineOfPath(path: (string | number)[]): number {
    for (let i = path.length; i >= 0; i--) {
      const node = this.doc.getIn(path.slice(0, i), true) as YamlNode | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return this.lineAt(node.range[0]);
      // A key that is present but whose value is null has no node; point at the pair's key.
      const parent = this.doc.getIn(path.slice(0, i - 1), true);
      if (i > 0 && isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as any)?.value === path[i - 1]);
        if (pair && (pair.key as any)?.range) return this.lineAt((pair.key as any).range[0]);
      }
    }
    return this.firstLine;
  }
  /** Reports YAML syntax errors, each distinct one once and at most five per block. */
  syntaxErrors(errors: Errors): boolean {
    if (this.failure) {
      errors.add(this.firstLine, this.failure);
      return true;
    }
    const seen = new Set<string>();
    for (const e of this.doc.errors) {
      const message = yamlMessage(e);
      if (seen.has(message) || seen.size >= 5) continue;
      seen.add(message);
      errors.add(this.lineAt(e.pos[0]), message);
    }
    return this.doc.errors.length > 0;
  }
}

function reportZod(err: ZodError, block: YamlBlock, errors: Errors, prefix: (string | number)[] = [], what = ''): void {
  for (const issue of err.issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    const where = issue.path.length ? pathLabel(issue.path as (string | number)[]) : what || 'block';
    let message: string;
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as any).keys as string[];
      message = `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `\`${k}\``).join(', ')}${what ? ` in ${what}` : ''}`;
      const first = keys[0];
      errors.add(block.lineOfPath([...path, first]), message);
      continue;
    }
    const inWhat = what && issue.path.length ? ` in ${what}` : '';
    if (issue.code === 'invalid_type' && path.length && !block.doc.hasIn(path)) message = `missing ${where}${inWhat}`;
    else if (issue.code === 'invalid_type') {
      const got = describeValue(path.length ? block.doc.getIn(path) : block.doc.toJS());
      const want = EXPECTED[String((issue as { expected?: string }).expected)] ?? String((issue as { expected?: string }).expected);
      message = `${where}${inWhat} must be ${want}, not ${got}`;
      if (want === 'a text' && got === 'a mapping') message += ' (a plain YAML text containing ": " is read as a mapping: put the text in quotes)';
    } else if (issue.code === 'too_small' && (issue as { origin?: string }).origin === 'array' && issue.message.startsWith('Too small')) message = `${where}${inWhat} must list at least one item`;
    else if (issue.code === 'invalid_union' && path[path.length - 1] === 'exit') message = `${where}${inWhat} must be a number from 0 to 255, or \`nonzero\``;
    else message = `${where}${inWhat}: ${issue.message}`;
    errors.add(block.lineOfPath(path), message);
  }
}

/** A place in a YAML block as an author counts: `hints` item 2, `command` of `explain` item 1 (items from 1). */
export function pathLabel(path: readonly (string | number)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key === 'number') parts.push(`item ${key + 1}`);
    else if (typeof path[i + 1] === 'number') parts.push(`\`${key}\` item ${(path[++i] as number) + 1}`);
    else parts.push(`\`${key}\``);
  }
  return parts.reverse().join(' of ');
}

const EXPECTED: Record<string, string> = {
  string: 'a text',
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  tuple: 'a list',
};

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return isMap(v) || !isSeq(v) ? 'a mapping' : 'a list';
  if (typeof v === 'string') return `the text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

/** toJS() throws on unresolved or excessive aliases; that is the author's error, reported at the block. */
function blockValue(block: YamlBlock, errors: Errors, line: number): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: block.doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    errors.add(line, yamlMessage(e));
    return { ok: false };
  }
}

export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function parseExpectations(items: unknown[], block: YamlBlock, errors: Errors): Expectation[] {
  const out: Expectation[] = [];
  items.forEach((item, i) => {
    const path = ['expect', i];
    const line = block.lineOfPath(path);
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.add(line, `expectation ${i + 1} must be a mapping such as \`link: veth0-0\``);
      return;
    }
    const keys = Object.keys(item);
    const kinds = kindsNamedBy(keys);
    if (kinds.length === 0) {
      errors.add(line, `expectation ${i + 1} has no known kind (first key \`${keys[0] ?? ''}\`); use one of: ${kindNames().join(', ')}`);
      return;
    }
    if (kinds.length > 1) {
      errors.add(line, `expectation ${i + 1} names several kinds (${kinds.join(', ')}); split it into one expectation per kind`);
      return;
    }
    const kind = findKind(kinds[0])!;
    const r = kind.schema.safeParse(item);
    if (!r.success) {
      reportZod(r.error, block, errors, path, `\`${kind.name}\` expectation`);
      return;
    }
    const invalid = kind.validate(r.data);
    if (invalid) {
      errors.add(line, invalid);
      return;
    }
    out.push(kind.build(r.data, line) as Expectation);
  });
  return out;
}

function lineCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Run-block lines -> commands: skips blanks and comments, joins `\` continuations. */
export function splitCommands(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!cur && (!line || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      cur += line.slice(0, -1).trimEnd() + ' ';
      continue;
    }
    out.push((cur + line).trim());
    cur = '';
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

interface Draft {
  title: string;
  id: string;
  line: number;
  prose: string[];
  run?: { text: string; line: number };
  block?: { text: string; line: number };
}

/**
 * Whether a fenced block ends with a line that closes it: the same fence character, at least as
 * many times as the opening (CommonMark). Marked runs an unclosed block to the end of the file.
 */
function fenceCloses(raw: string): boolean {
  const lines = raw.trimEnd().split('\n');
  const open = /^\s*(`{3,}|~{3,})/.exec(lines[0])?.[1];
  const close = lines.length > 1 ? /^\s*(`{3,}|~{3,})\s*$/.exec(lines[lines.length - 1])?.[1] : undefined;
  return !!open && !!close && close[0] === open[0] && close.length >= open.length;
}

export function parseLesson(file: string, text: string): ParseOutcome {
  const errors = new Errors(file);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_LESSON_BYTES) {
    errors.add(1, `file is ${bytes} bytes; a lesson may be at most ${MAX_LESSON_BYTES} bytes`);
    return { errors: errors.list, notes: [] };
  }
  if (text.includes('\u0000')) {
    errors.add(1, 'not a UTF-8 text file (binary data found)');
    return { errors: errors.list, notes: [] };
  }
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    errors.add(lineCount(text.slice(0, bad)) + 1, 'not UTF-8: this line has bytes that are not UTF-8 text (save the file as UTF-8)');
    return { errors: errors.list, notes: [] };
  }
  // Nothing from a pack reaches the terminal raw: every title, command and text comes out clean.
  // Line by line, so that a stripped sequence never joins lines and every line number stays right.
  text = text
    .replace(/\r\n?/g, '\n')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map(stripControls)
    .join('\n');
  if (!text.trim()) {
    errors.add(1, 'empty file: a lesson needs front matter (--- id, title ---) and at least one `## ` step');
    return { errors: errors.list, notes: [] };
  }
  const fm = /^---\n(?:([\s\S]*?)\n)?---[ \t]*(\n|$)/.exec(text);
  if (!fm) {
    errors.add(1, text.startsWith('---') ? 'front matter is never closed: add a line `---` after it' : 'missing front matter: start the file with ---, then `id:` and `title:`, then ---');
    return { errors: errors.list, notes: [] };
  }
  const front = new YamlBlock(fm[1] ?? '', 2);
  let id = '';
  let title = '';
  let requires: Requirements | undefined;
  let sysctl: Record<string, string> | undefined;
  let diagnose = true;
  const fmValue = front.syntaxErrors(errors) ? undefined : blockValue(front, errors, 2);
  if (fmValue?.ok) {
    const r = FRONT_MATTER_SCHEMA.safeParse(fmValue.value ?? {});
    if (!r.success) reportZod(r.error, front, errors, [], 'front matter');
    else {
      ({ id, title } = r.data);
      requires = r.data.requires;
      sysctl = r.data.sysctl && Object.fromEntries(Object.entries(r.data.sysctl).map(([k, v]) => [k, String(v).trim()]));
      diagnose = r.data.diagnose ?? true;
    }
  }

  const bodyStart = lineCount(fm[0]) + 1;
  const body = text.slice(fm[0].length);
  let tokens: Token[];
  try {
    // Block tokens are all a lesson needs; inline lexing of the prose is left to the renderer.
    tokens = new Lexer({ gfm: true }).blockTokens(body.replace(/\r\n|\r/g, "\n"), []);
  } catch (e) {
    const deep = /call stack|too much recursion/i.test(String((e as Error)?.message));
    errors.add(bodyStart, deep ? 'the Markdown of this lesson is nested too deeply to read (thousands of levels of > or lists); flatten it' : `cannot read the Markdown of this lesson: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    return { errors: errors.list, notes: [] };
  }
  let line = bodyStart;
  const intro: string[] = [];
  const drafts: Draft[] = [];
  for (const tok of tokens) {
    const here = line + lineCount(tok.raw.slice(0, tok.raw.length - tok.raw.trimStart().length));
    line += lineCount(tok.raw);
    const cur = drafts[drafts.length - 1];
    if (tok.type === 'heading' && (tok as Tokens.Heading).depth === 2) {
      const m = /^(.*?)\s*\{#([A-Za-z0-9_-]+)\}\s*$/.exec((tok as Tokens.Heading).text);
      const t = (m ? m[1] : (tok as Tokens.Heading).text).trim();
      drafts.push({ title: t, id: m ? m[2] : slug(t) || `step-${drafts.length + 1}`, line: here, prose: [] });
      continue;
    }
    if (tok.type === 'code') {
      const code = tok as Tokens.Code;
      if (code.codeBlockStyle !== 'indented' && !fenceCloses(code.raw)) errors.add(here, 'this code fence never closes: add a line ``` after its last line');
      const info = (code.lang ?? '').trim().replace(/\s+/g, ' ');
      if (info === RUN_INFO || info === STEP_INFO) {
        if (!cur) {
          errors.add(here, `a \`${info}\` block must come after a \`## \` step heading`);
          continue;
        }
        const slot = info === RUN_INFO ? 'run' : 'block';
        if (cur[slot]) errors.add(here, `step "${cur.title}" has a second \`${info}\` block (first at line ${cur[slot]!.line}); merge them`);
        else cur[slot] = { text: code.text, line: here };
        continue;
      }
    }
    (cur ? cur.prose : intro).push(tok.raw);
  }
  if (drafts.length === 0) errors.add(bodyStart, 'no steps: each step starts with a `## ` heading');

  const steps: Step[] = [];
  const seen = new Map<string, number>();
  for (const d of drafts) {
    if (seen.has(d.id)) errors.add(d.line, `duplicate step id \`${d.id}\` (also at line ${seen.get(d.id)})`);
    seen.set(d.id, d.line);
    if (!d.run) errors.add(d.line, `step "${d.title}" has no \`\`\`${RUN_INFO} block with the commands to run`);
    if (!d.block) {
      errors.add(d.line, `step "${d.title}" has no \`\`\`${STEP_INFO} block: every step needs expectations (expect:) and hints (hints:)`);
      continue;
    }
    const commands = d.run ? splitCommands(d.run.text) : [];
    if (d.run && commands.length === 0) errors.add(d.run.line, 'the run block has no command');
    const block = new YamlBlock(d.block.text, d.block.line + 1);
    if (block.syntaxErrors(errors)) continue;
    const value = blockValue(block, errors, d.block.line + 1);
    if (!value.ok) continue;
    const raw = value.value as unknown;
    if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.add(d.block.line, `the \`${STEP_INFO}\` block must be a mapping with \`expect:\` and \`hints:\``);
      continue;
    }
    const r = STEP_BLOCK_SCHEMA.safeParse(raw);
    if (!r.success) {
      reportZod(r.error, block, errors, [], `step "${d.title}"`);
      continue;
    }
    const expect = parseExpectations(r.data.expect, block, errors);
    steps.push({
      id: d.id,
      title: d.title,
      prose: d.prose.join('').trim(),
      commands,
      expect,
      hints: r.data.hints,
      why: r.data.why,
      explain: r.data.explain.map((e, i) => ({ ...e, line: block.lineOfPath(['explain', i]) })),
      wrong: r.data.wrong.map((w, i) => ({ ...w, line: block.lineOfPath(['wrong', i]) })),
      without: r.data.without,
      timeout: r.data.timeout,
      diagnose: r.data.diagnose ?? diagnose,
      line: d.line,
      commandsLine: (d.run?.line ?? d.line) + 1,
    });
  }
  const notes = backtrackingNotes(file, steps);
  if (errors.list.length) return { errors: errors.list, notes };
  return { lesson: { id, title, ...(requires && { requires }), ...(sysctl && { sysctl }), intro: intro.join('').trim(), steps, file }, errors: [], notes };
}

/** Advice on a lesson's patterns: those only a backtracking engine can run, and those that would make one take exponential time. */
function backtrackingNotes(file: string, steps: Step[]): LessonError[] {
  const notes: LessonError[] = [];
  const check = (pattern: string, line: number, what: string) => {
    const shown = `${what} \`${pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern}\``;
    const needs = packRegexBacktracks(pattern);
    if (needs)
      notes.push({ file, line, message: `${shown} cannot be matched in linear time (${needs}); it runs with a ${BACKTRACKING_LIMIT_MS} ms limit per match, and counts as not matching past it. Write it without lookaround or backreferences (an \`explain\` entry can say what must not match with \`unless\`)` });
    else if (backtracksCatastrophically(pattern))
      notes.push({
        file,
        line,
        message: `${shown} repeats a group that itself repeats (like (a+)+): JavaScript and other backtracking engines can take exponential time on it. The tutor matches it in linear time, but write it without the nested repetition (e.g. a+ instead of (a+)+)`,
      });
  };
  for (const s of steps) {
    for (const e of s.expect) if (e.kind === 'output') check(e.pattern, e.line, '`output` pattern');
    for (const e of s.explain) {
      if (e.output !== undefined) check(e.output, e.line, '`explain` `output` pattern');
      if (e.command !== undefined) check(e.command, e.line, '`explain` `command` pattern');
      if (e.unless?.output !== undefined) check(e.unless.output, e.line, '`explain` `unless` `output` pattern');
      if (e.unless?.command !== undefined) check(e.unless.command, e.line, '`explain` `unless` `command` pattern');
    }
    for (const w of s.wrong) check(w.explains, w.line, '`wrong` `explains` pattern');
  }
  return notes;
}
