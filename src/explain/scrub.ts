/**
 * Lesson prose names commands freely. Before it is shown as an explanation,
 * every command in it that would change the lab is taken out (it is offered as
 * a fix only once proven); commands that only look stay.
 */
import { effectsOf } from './effects.js';
import { isReadOnlyCommand, splitCommandLine } from './rules/context.js';

const CHANGE = /^(?:ip|brctl|bridge|sysctl|tc)\s/;

/** A code span that is a command changing the lab (complete, or with PLACEHOLDERS). */
function isChange(span: string): boolean {
  const s = span.trim();
  if (/^(sudo\s+)?ip netns exec \S+$/.test(s)) return false; // a prefix, not a command
  const line = s.replace(/^(sudo\s+)?ip netns exec \S+\s+/, '');
  if (!CHANGE.test(line) || isReadOnlyCommand(s)) return false;
  // A sysctl that sets a value changes the lab however short it is (its effect is not modelled).
  return effectsOf(s).length > 0 || /^sysctl\s.*=/.test(line) || line.split(/\s+/).length >= 4;
}

const normal = (c: string) => c.trim().replace(/\s+/g, ' ');

/** MAC and IPv6 addresses, which may be written in capitals (`AA:BB:CC:00:00:01`) without being placeholders. */
const HEX_ADDRESS = /\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}\b/g;

/** A command that can run as written: no placeholder (ADDRESS, …). */
function runnable(span: string): boolean {
  return !/[A-Z]{2,}|…|\.\.\./.test(span.replace(HEX_ADDRESS, '')) && splitCommandLine(span).length > 0;
}

/** Positions inside `code`. */
function codeMask(text: string): boolean[] {
  const mask: boolean[] = [];
  let inCode = false;
  for (const c of text) {
    if (c === '`') inCode = !inCode;
    mask.push(inCode || c === '`');
  }
  return mask;
}

const END = /[.!?;。！？；]/;

function isEnd(text: string, mask: boolean[], i: number): boolean {
  return !mask[i] && END.test(text[i]) && (/[。！？；]/.test(text[i]) || i + 1 >= text.length || /\s/.test(text[i + 1]));
}

/**
 * The text without its change commands, and the fix it suggests: its runnable
 * change commands in order (those in parentheses, usually alternatives, only when there is no other).
 */
export function scrubCommands(text: string, ran: readonly string[] = []): { text: string; fix?: string } {
  // Quoting the command that ran describes what happened; it is neither advice nor a fix.
  const simple = new Set(ran.flatMap((r) => splitCommandLine(r)).map(normal));
  const wasRun = (span: string) => {
    const parts = splitCommandLine(span);
    return parts.length > 0 && parts.every((p) => simple.has(normal(p)));
  };
  const isAdvice = (span: string) => isChange(span) && !wasRun(span);
  const spans = [...text.matchAll(/`([^`]+)`/g)].filter((m) => isAdvice(m[1]) && runnable(m[1]));
  const inParens = (at: number) => text.lastIndexOf('(', at) > text.lastIndexOf(')', at);
  const main = spans.filter((m) => !inParens(m.index!));
  const chosen = main.length ? main : spans.slice(-1);
  const parts = [...new Set(chosen.flatMap((m) => splitCommandLine(m[1])))];
  const fix = parts.length ? parts.join(' && ') : undefined;
  let out = text;
  for (;;) {
    const m = [...out.matchAll(/`([^`]+)`/g)].find((x) => isAdvice(x[1]));
    if (!m) break;
    const mask = codeMask(out);
    const at = m.index!;
    const endAt = at + m[0].length;
    // In parentheses: drop the parenthesis. After a colon: drop from the colon. Else the whole clause.
    const open = out.lastIndexOf('(', at);
    const close = out.indexOf(')', endAt);
    if (open >= 0 && close >= 0 && !out.slice(open, at).includes(')') && !out.slice(endAt, close).includes('(') && close - endAt < 40) {
      out = out.slice(0, open).replace(/\s+$/, '') + out.slice(close + 1);
      continue;
    }
    let start = at;
    while (start > 0 && !isEnd(out, mask, start - 1)) start--;
    let end = endAt;
    while (end < out.length && !isEnd(out, mask, end)) end++;
    const clause = out.slice(start, Math.min(end + 1, out.length));
    const colon = Math.max(clause.lastIndexOf(': ', at - start), clause.lastIndexOf('：', at - start));
    const fullWidth = /[\u3000-\u9fff\uff00-\uffef]/.test(clause);
    const kept = colon > 0 ? clause.slice(0, colon) + (fullWidth ? '。' : '.') : '';
    out = out.slice(0, start) + kept + out.slice(Math.min(end + 1, out.length));
  }
  out = out.replace(/[ \t]{2,}/g, ' ').replace(/\s+([.,;:])/g, '$1').trim().replace(/[;,]$/, '.').replace(/[；，]$/, '。');
  return { text: out || text.replace(/`[^`]+`/g, '…'), ...(fix ? { fix } : {}) };
}
