/**
 * Draws a LabState as boxes and wires on a character grid, without Ink:
 * one box per namespace (the sandbox's host first), one row per interface,
 * bridge ports listed under their bridge, and each veth pair as a line
 * joining its two ends, across namespaces. A namespace that forwards IPv4
 * says so in its title, and its default routes follow its interfaces, so a
 * router looks like one. What does not fit in the height is left out, and a
 * last line says how many namespaces were. Wide (CJK) characters take two
 * cells, so borders stay straight whatever the labels' language.
 */
import type { LabState, LinkState } from '../../lab/state.js';
import { graphemes, stringWidth, truncate } from '../text.js';

export type TopoStyle = 'border' | 'title' | 'name' | 'up' | 'down' | 'addr' | 'wire' | 'port' | 'dim' | 'route';

export interface TopoSpan {
  text: string;
  style?: TopoStyle;
}

export interface TopoLabels {
  host: string;
  up: string;
  down: string;
  noCarrier: string;
  noInterfaces: string;
  peerUnknown: string;
  /** Title mark of a namespace with net.ipv4.ip_forward = 1, e.g. "router". */
  forwarding?: string;
  /** "default via {gw}" */
  defaultVia?: string;
  /** "+{n} namespaces not shown" */
  notShown?: string;
  /** "→ {ns}": a veth whose peer is in a namespace left out of the drawing. */
  peerIn?: string;
}

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

export interface TopoDrawing {
  lines: TopoSpan[][];
  width: number;
  height: number;
  columns: 1 | 2;
  /** Namespaces left out for want of height (the last line says so). */
  hidden?: number;
}

export const UP_MARK = '▲';
export const DOWN_MARK = '▼';
export const PORT_MARK = '└ ';
export const ROUTER_MARK = '⇄';
export const ROUTE_MARK = '↗ ';

interface Row {
  spans: TopoSpan[];
  /** The interface this row starts (continuation rows have none). */
  link?: LinkState;
}

interface Box {
  ns: string;
  title: string;
  rows: Row[];
  inner: number;
  x: number;
  y: number;
  /** Where the wires of this box's interfaces attach. */
  side: 'left' | 'right';
}

const spansWidth = (spans: TopoSpan[]) => spans.reduce((n, s) => n + stringWidth(s.text), 0);

function nsOrder(state: LabState): string[] {
  const order = ['host', ...state.namespaces.filter((n) => n !== 'host')];
  for (const l of state.links) if (!order.includes(l.ns)) order.push(l.ns);
  return order;
}

/** Interfaces of one namespace: ifindex order, each bridge followed by its ports. */
function orderedLinks(state: LabState, ns: string): { link: LinkState; port: boolean }[] {
  const links = state.links.filter((l) => l.ns === ns).sort((a, b) => a.ifindex - b.ifindex);
  const bridges = new Set(links.filter((l) => l.kind === 'bridge').map((l) => l.name));
  const out: { link: LinkState; port: boolean }[] = [];
  for (const l of links) {
    if (l.master && bridges.has(l.master)) continue;
    out.push({ link: l, port: false });
    if (l.kind === 'bridge') for (const p of links.filter((x) => x.master === l.name)) out.push({ link: p, port: true });
  }
  return out;
}

function findPeer(state: LabState, l: LinkState): LinkState | undefined {
  if (!l.peer) return undefined;
  return state.links.find((o) => o.ns === l.peer!.ns && o.ifindex === l.peer!.ifindex);
}

/** Does this namespace forward IPv4 (a router)? */
export function forwards(state: LabState, ns: string): boolean {
  return state.sysctls?.some((s) => s.ns === ns && s.name === 'net.ipv4.ip_forward' && s.value.trim() === '1') ?? false;
}

function routeRows(state: LabState, ns: string, labels: TopoLabels, maxInner: number): Row[] {
  return state.routes
    .filter((r) => r.ns === ns && (r.dst === 'default' || r.dst === '0.0.0.0/0') && r.gateway)
    .map((r) => ({ spans: fit([{ text: ROUTE_MARK, style: 'route' }, { text: fill(labels.defaultVia ?? 'default via {gw}', { gw: r.gateway! }) + (r.dev ? ` (${r.dev})` : ''), style: 'route' }], maxInner) }));
}

function buildRows(state: LabState, ns: string, labels: TopoLabels, maxInner: number, hidden: ReadonlySet<string>): Row[] {
  const items = orderedLinks(state, ns);
  if (!items.length) return [{ spans: [{ text: labels.noInterfaces, style: 'dim' }] }, ...routeRows(state, ns, labels, maxInner)];
  const nameW = Math.max(...items.map((i) => stringWidth(i.link.name) + (i.port ? stringWidth(PORT_MARK) : 0)));
  const rows: Row[] = [];
  for (const { link, port } of items) {
    const head: TopoSpan[] = [];
    if (port) head.push({ text: PORT_MARK, style: 'port' });
    const pad = nameW - stringWidth(link.name) - (port ? stringWidth(PORT_MARK) : 0);
    head.push({ text: link.name + ' '.repeat(Math.max(0, pad)), style: 'name' });
    head.push({ text: ' ' });
    head.push(link.up ? { text: `${UP_MARK} ${labels.up}`, style: 'up' } : { text: `${DOWN_MARK} ${labels.down}`, style: 'down' });
    if (link.up && !link.carrier) head.push({ text: ` (${labels.noCarrier})`, style: 'dim' });
    if (link.kind === 'veth' && link.peer && !findPeer(state, link))
      head.push(hidden.has(link.peer.ns) && labels.peerIn ? { text: ` ${fill(labels.peerIn, { ns: link.peer.ns })}`, style: 'dim' } : { text: ` (${labels.peerUnknown})`, style: 'dim' });
    const addrs = link.addrs.map((a) => `${a.local}/${a.prefixlen}`);
    const oneLine = addrs.length ? [...head, { text: ' ' + addrs.join(' '), style: 'addr' as const }] : head;
    if (spansWidth(oneLine) <= maxInner) {
      rows.push({ spans: oneLine, link });
      continue;
    }
    rows.push({ spans: fit(head, maxInner), link });
    // Addresses go on their own rows, under the name.
    const indent = port ? stringWidth(PORT_MARK) + 2 : 2;
    for (const a of addrs) rows.push({ spans: fit([{ text: ' '.repeat(indent) }, { text: a, style: 'addr' }], maxInner) });
  }
  return [...rows, ...routeRows(state, ns, labels, maxInner)];
}

/** Cuts spans to a width, ending with … */
function fit(spans: TopoSpan[], width: number): TopoSpan[] {
  if (spansWidth(spans) <= width) return spans;
  const out: TopoSpan[] = [];
  let left = width;
  for (const s of spans) {
    const w = stringWidth(s.text);
    if (w < left) {
      out.push(s);
      left -= w;
      continue;
    }
    out.push({ ...s, text: truncate(s.text, left) });
    break;
  }
  return out;
}

function buildBoxes(state: LabState, labels: TopoLabels, maxInner: number, hidden: ReadonlySet<string>): Box[] {
  return nsOrder(state).map((ns) => {
    const name = ns === 'host' ? labels.host : ns;
    const title = forwards(state, ns) ? `${name} ${ROUTER_MARK} ${labels.forwarding ?? 'router'}` : name;
    const rows = buildRows(state, ns, labels, maxInner, hidden);
    const inner = Math.min(maxInner, Math.max(stringWidth(title) + 2, ...rows.map((r) => spansWidth(r.spans))));
    return { ns, title, rows, inner, x: 0, y: 0, side: 'right' as const };
  });
}

interface Pair {
  a: { box: Box; y: number };
  b: { box: Box; y: number };
}

function pairsOf(state: LabState, boxes: Box[]): Pair[] {
  const where = new Map<LinkState, { box: Box; y: number }>();
  for (const box of boxes) box.rows.forEach((r, i) => r.link && where.set(r.link, { box, y: box.y + 1 + i }));
  const seen = new Set<LinkState>();
  const pairs: Pair[] = [];
  for (const l of state.links) {
    if (l.kind !== 'veth' || seen.has(l)) continue;
    const p = findPeer(state, l);
    if (!p || p === l) continue;
    seen.add(l).add(p);
    const a = where.get(l);
    const b = where.get(p);
    if (a && b) pairs.push(a.box.side === 'right' && b.box.side === 'left' ? { a, b } : b.box.side === 'right' && a.box.side === 'left' ? { a: b, b: a } : { a, b });
  }
  return pairs.sort((p, q) => Math.min(p.a.y, p.b.y) - Math.min(q.a.y, q.b.y));
}

const boxWidth = (b: Box) => b.inner + 4;
const boxHeight = (b: Box) => b.rows.length + 2;

// Wire directions, one bit each.
const U = 1;
const D = 2;
const L = 4;
const R = 8;
const WIRE: Record<number, string> = {
  [L | R]: '─',
  [L]: '─',
  [R]: '─',
  [U | D]: '│',
  [U]: '│',
  [D]: '│',
  [D | R]: '┌',
  [D | L]: '┐',
  [U | R]: '└',
  [U | L]: '┘',
  [U | D | R]: '├',
  [U | D | L]: '┤',
  [L | R | D]: '┬',
  [L | R | U]: '┴',
  [U | D | L | R]: '┼',
};

interface Cell {
  ch: string;
  style?: TopoStyle;
  /** Second half of a wide character. */
  cont?: boolean;
  wire?: number;
}

class Canvas {
  cells: Cell[][];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.cells = Array.from({ length: height }, () => Array.from({ length: width }, () => ({ ch: ' ' })));
  }
  put(x: number, y: number, text: string, style?: TopoStyle): number {
    const row = this.cells[y];
    if (!row) return x;
    for (const { g, w } of graphemes(text)) {
      if (w === 0) continue;
      if (x + w > this.width) break;
      row[x] = { ch: g, style };
      if (w === 2) row[x + 1] = { ch: '', cont: true, style };
      x += w;
    }
    return x;
  }
  wire(x: number, y: number, bits: number): void {
    const c = this.cells[y]?.[x];
    if (c) c.wire = (c.wire ?? 0) | bits;
  }
  lines(): TopoSpan[][] {
    return this.cells.map((row) => {
      const spans: TopoSpan[] = [];
      for (const c of row) {
        if (c.cont) continue;
        const ch = c.wire ? WIRE[c.wire] : c.ch;
        const style = c.wire ? 'wire' : c.style;
        const last = spans[spans.length - 1];
        if (last && last.style === style) last.text += ch;
        else spans.push(style ? { text: ch, style } : { text: ch });
      }
      // Trailing blanks carry nothing.
      while (spans.length) {
        const last = spans[spans.length - 1];
        if (last.style) break;
        const t = last.text.replace(/ +$/, '');
        if (t) {
          last.text = t;
          break;
        }
        spans.pop();
      }
      return spans;
    });
  }
}

function drawBox(c: Canvas, b: Box): void {
  const w = boxWidth(b);
  const title = truncate(b.title, Math.max(1, w - 6));
  let x = c.put(b.x, b.y, '┌─', 'border');
  x = c.put(x, b.y, ` ${title} `, 'title');
  c.put(x, b.y, '─'.repeat(Math.max(0, b.x + w - 1 - x)) + '┐', 'border');
  b.rows.forEach((r, i) => {
    const y = b.y + 1 + i;
    c.put(b.x, y, '│ ', 'border');
    let cx = b.x + 2;
    for (const s of r.spans) cx = c.put(cx, y, s.text, s.style);
    c.put(b.x + w - 2, y, ' │', 'border');
  });
  c.put(b.x, b.y + boxHeight(b) - 1, '└' + '─'.repeat(w - 2) + '┘', 'border');
}

/** The x of the border cell a wire leaves from. */
const edgeX = (b: Box) => (b.side === 'right' ? b.x + boxWidth(b) - 1 : b.x);

function drawPair(c: Canvas, p: Pair, lane: number): void {
  const ends = [p.a, p.b];
  const top = Math.min(p.a.y, p.b.y);
  const bottom = Math.max(p.a.y, p.b.y);
  for (const e of ends) {
    const ex = edgeX(e.box);
    c.put(ex, e.y, e.box.side === 'right' ? '├' : '┤', 'wire');
    const [from, to] = ex < lane ? [ex + 1, lane] : [lane + 1, ex];
    for (let x = from; x < to; x++) c.wire(x, e.y, L | R);
    let bits = ex < lane ? L : R;
    if (top !== bottom) bits |= e.y === top ? D : U;
    c.wire(lane, e.y, bits);
  }
  for (let y = top + 1; y < bottom; y++) c.wire(lane, y, U | D);
}

function place(state: LabState, labels: TopoLabels, columns: 1 | 2, maxWidth: number, maxInner: number, hidden: ReadonlySet<string>): TopoDrawing | undefined {
  const boxes = buildBoxes(state, labels, maxInner, hidden);
  const [host, ...others] = boxes;
  let width: number;
  let height: number;
  if (columns === 2 && others.length) {
    const inner1 = Math.max(...others.map((b) => b.inner));
    for (const b of others) b.inner = inner1;
    host.side = 'right';
    const lanes = pairsOf(state, boxes).length;
    const gap = Math.max(4, 2 * lanes + 2);
    let y = 0;
    for (const b of others) {
      b.x = boxWidth(host) + gap;
      b.y = y;
      b.side = 'left';
      y += boxHeight(b);
    }
    width = boxWidth(host) + gap + inner1 + 4;
    height = Math.max(boxHeight(host), y);
  } else {
    const inner = Math.max(...boxes.map((b) => b.inner));
    let y = 0;
    for (const b of boxes) {
      b.inner = inner;
      b.x = 0;
      b.y = y;
      b.side = 'right';
      y += boxHeight(b);
    }
    const lanes = pairsOf(state, boxes).length;
    width = inner + 4 + (lanes ? 2 * lanes + 1 : 0);
    height = y;
    columns = 1;
  }
  if (width > maxWidth) return undefined;
  const pairs = pairsOf(state, boxes);
  const canvas = new Canvas(width, height);
  for (const b of boxes) drawBox(canvas, b);
  // Lanes one column apart, leaving a stub of wire at each border.
  pairs.forEach((p, i) => drawPair(canvas, p, boxWidth(host) + (columns === 2 ? 2 : 1) + 2 * i));
  return { lines: canvas.lines(), width, height, columns };
}

/** The drawing of every namespace of `state`, within `maxWidth` columns. */
function layoutAll(state: LabState, labels: TopoLabels, maxWidth: number, columns: 1 | 2 | undefined, hidden: ReadonlySet<string>): TopoDrawing {
  const tries: [1 | 2, number][] = [];
  const natural = 60;
  if (columns !== 1) {
    tries.push([2, natural]);
    for (let inner = natural - 4; inner >= 20; inner -= 4) tries.push([2, inner]);
  }
  if (columns !== 2 || !state.namespaces.length) {
    tries.push([1, natural]);
  }
  for (const [cols, inner] of tries) {
    const d = place(state, labels, cols, maxWidth, inner, hidden);
    if (d) return d;
  }
  // Narrow: one column with rows squeezed to whatever width is left.
  const pairs = state.links.filter((l) => l.kind === 'veth' && l.peer).length / 2;
  const inner = Math.max(8, maxWidth - 4 - (pairs ? 2 * Math.ceil(pairs) + 1 : 0));
  return place(state, labels, 1, Number.MAX_SAFE_INTEGER, inner, hidden)!;
}

/** The state without some namespaces (their links go with them). */
function without(state: LabState, hidden: ReadonlySet<string>): LabState {
  return { ...state, namespaces: state.namespaces.filter((n) => !hidden.has(n)), links: state.links.filter((l) => !hidden.has(l.ns)) };
}

/**
 * Lays the topology out within `maxWidth` columns: host on the left and the
 * named namespaces stacked on the right when that fits, else every box in
 * one column with the wires on their right. Within `maxHeight` lines, the last
 * namespaces that do not fit are left out and a final line counts them.
 */
export function layoutTopology(state: LabState, labels: TopoLabels, maxWidth: number, opts: { columns?: 1 | 2; maxHeight?: number } = {}): TopoDrawing {
  const all = layoutAll(state, labels, maxWidth, opts.columns, new Set());
  if (opts.maxHeight === undefined || all.height <= opts.maxHeight) return all;
  const named = nsOrder(state).slice(1);
  for (let keep = named.length - 1; keep >= 0; keep--) {
    const hidden = new Set(named.slice(keep));
    const d = layoutAll(without(state, hidden), labels, maxWidth, opts.columns, hidden);
    if (d.height + 1 > opts.maxHeight && keep > 0) continue;
    const notice = truncate(fill(labels.notShown ?? '+{n} namespaces not shown', { n: hidden.size }), maxWidth);
    return { ...d, lines: [...d.lines, [{ text: notice, style: 'dim' }]], height: d.height + 1, width: Math.max(d.width, stringWidth(notice)), hidden: hidden.size };
  }
  return all;
}

/** Plain lines, for tests and plain output. */
export function drawingText(d: TopoDrawing): string[] {
  return d.lines.map((l) => l.map((s) => s.text).join(''));
}
