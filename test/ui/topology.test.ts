import { describe, expect, test } from 'vitest';
import type { LabState, LinkState } from '../../src/lab/state.js';
import { drawingText, layoutTopology, type TopoLabels } from '../../src/ui/topology/layout.js';
import { graphemes, stringWidth } from '../../src/ui/text.js';
import { fixture } from './fake-session.js';

const EN: TopoLabels = { host: 'host (sandbox)', up: 'up', down: 'down', noCarrier: 'no carrier', noInterfaces: '(no interfaces)', peerUnknown: 'peer not visible' };
const ZH: TopoLabels = { host: '主机（沙盒）', up: '启用', down: '停用', noCarrier: '无载波', noInterfaces: '（没有接口）', peerUnknown: '对端不可见' };

/** Lines as grids of cells: a wide character fills its cell and an empty one after it. */
function grid(lines: string[]): string[][] {
  return lines.map((l) => graphemes(l).flatMap(({ g, w }) => (w === 2 ? [g, ''] : [g])));
}

const rowOf = (lines: string[], re: RegExp) => {
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}:\n${lines.join('\n')}`);
  return i;
};

/**
 * Follows the wire that leaves the box border on `row` (at the junction ├
 * or ┤ after column `after`) to where it ends, and returns that row.
 */
function trace(lines: string[], row: number, after = 0): { row: number; col: number } {
  const g = grid(lines);
  let x = g[row].findIndex((c, i) => i >= after && (c === '├' || c === '┤'));
  if (x < 0) throw new Error(`no wire leaves row ${row}: ${lines[row]}`);
  let y = row;
  let [dx, dy] = g[y][x] === '├' ? [1, 0] : [-1, 0];
  for (let steps = 0; steps < 500; steps++) {
    x += dx;
    y += dy;
    const c = g[y]?.[x];
    if (c === undefined) throw new Error(`wire runs off the drawing at ${x},${y}`);
    if (c === '─' || c === '│' || c === '┼') continue;
    if ((c === '┤' && dx === 1) || (c === '├' && dx === -1)) return { row: y, col: x };
    const turn: Record<string, [number, number]> = {
      '┐,1,0': [0, 1],
      '┘,1,0': [0, -1],
      '┌,-1,0': [0, 1],
      '└,-1,0': [0, -1],
      '┘,0,1': [-1, 0],
      '└,0,1': [1, 0],
      '┐,0,-1': [-1, 0],
      '┌,0,-1': [1, 0],
    };
    const t = turn[`${c},${dx},${dy}`];
    if (!t) throw new Error(`wire broken at ${x},${y} ('${c}' going ${dx},${dy}):\n${lines.join('\n')}`);
    [dx, dy] = t;
  }
  throw new Error('wire never ends');
}

const draw = (name: Parameters<typeof fixture>[0], width = 80, labels = EN) => drawingText(layoutTopology(fixture(name), labels, width));

describe('topology drawing from recorded lab states', () => {
  test('empty lab: one host box with lo, up, and its address; no wires', () => {
    const lines = draw('empty');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^┌─ host \(sandbox\) ─+┐$/);
    expect(lines[1]).toMatch(/^│ lo ▲ up 127\.0\.0\.1\/8 +│$/);
    expect(lines[2]).toMatch(/^└─+┘$/);
    expect(lines.join('\n')).not.toMatch(/[├┤]/);
  });

  test('a veth pair just created: both ends down, joined by a line', () => {
    const lines = draw('veth-created');
    const a = rowOf(lines, /veth0-0/);
    const b = rowOf(lines, /veth0-1/);
    expect(lines[a]).toContain('veth0-0 ▼ down');
    expect(lines[b]).toContain('veth0-1 ▼ down');
    expect(trace(lines, a).row).toBe(b);
    expect(trace(lines, b).row).toBe(a);
  });

  test('a veth pair with addresses: up marks and each end with its address', () => {
    const lines = draw('veth-pair');
    const a = rowOf(lines, /veth0-0/);
    const b = rowOf(lines, /veth0-1/);
    expect(lines[a]).toMatch(/veth0-0 ▲ up 192\.168\.100\.1\/24/);
    expect(lines[b]).toMatch(/veth0-1 ▲ up 192\.168\.100\.2\/24/);
    expect(trace(lines, a).row).toBe(b);
  });

  test('a pair across ns0: two boxes side by side, the line from host to ns0', () => {
    const lines = draw('across-ns0');
    expect(lines[0]).toMatch(/┌─ host \(sandbox\) ─+┐ +┌─ ns0 ─+┐/);
    const r = rowOf(lines, /veth0-0/);
    const line = lines[r];
    // veth0-0 sits in the host box, veth0-1 in ns0's, and the wire joins them.
    expect(line.indexOf('veth0-0')).toBeLessThan(line.indexOf('├'));
    expect(line.indexOf('┤')).toBeLessThan(line.indexOf('veth0-1'));
    expect(line.indexOf('ns0')).toBe(-1);
    const end = trace(lines, r);
    expect(end.row).toBe(rowOf(lines, /veth0-1/));
    expect(end.col).toBeGreaterThan(lines[0].indexOf('┐'));
    expect(line).toMatch(/192\.168\.100\.1\/24 ├─+┤ veth0-1 ▲ up 192\.168\.100\.2\/24/);
    // lo in both namespaces
    expect(lines[1].match(/lo +▲ up 127\.0\.0\.1\/8/g)).toHaveLength(2);
  });

  test('a bridge with a port: the port listed under its bridge, the pair line from the port', () => {
    for (const name of ['bridge-broken', 'bridge-fixed'] as const) {
      const lines = draw(name);
      const br = rowOf(lines, /│ br0 /);
      const port = rowOf(lines, /└ veth0-0/);
      expect(port).toBe(br + 1);
      // The port row is inside the host box, indented under the bridge.
      expect(lines[port].startsWith('│ └ veth0-0 ▲ up')).toBe(true);
      const end = trace(lines, port);
      expect(lines[end.row]).toMatch(/┤ veth0-1 ▲ up 192\.168\.100\.2\/24/);
    }
  });

  test('the address shows where it lives: on the port when broken, on the bridge when fixed', () => {
    const broken = draw('bridge-broken');
    expect(broken[rowOf(broken, /│ br0 /)]).not.toContain('192.168.100.1');
    expect(broken[rowOf(broken, /└ veth0-0/)]).toContain('192.168.100.1/24');
    const fixed = draw('bridge-fixed');
    expect(fixed[rowOf(fixed, /│ br0 /)]).toContain('192.168.100.1/24');
    expect(fixed[rowOf(fixed, /└ veth0-0/)]).not.toContain('192.168.100.1');
  });

  test('an interface that is up without carrier says so', () => {
    const st = fixture('veth-created');
    st.links[1] = { ...st.links[1], up: true, carrier: false };
    const lines = drawingText(layoutTopology(st, EN, 80));
    expect(lines[rowOf(lines, /veth0-1/)]).toContain('▲ up (no carrier)');
  });
});

describe('topology layout', () => {
  const widths = [120, 100, 80, 60, 50, 40];
  test.each(['empty', 'veth-created', 'veth-pair', 'across-ns0', 'bridge-broken', 'bridge-fixed'] as const)('%s fits every width, boxes closed', (name) => {
    for (const w of widths) {
      for (const labels of [EN, ZH]) {
        const d = layoutTopology(fixture(name), labels, w);
        const lines = drawingText(d);
        for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(w);
        // Every box is closed: as many top-left as bottom-left corners.
        const count = (re: RegExp) => lines.join('\n').match(re)?.length ?? 0;
        expect(count(/┌─ /g)).toBe(1 + fixture(name).namespaces.length);
      }
    }
  });

  test('wide characters keep the borders straight', () => {
    for (const name of ['empty', 'veth-pair', 'across-ns0', 'bridge-fixed'] as const) {
      const d = layoutTopology(fixture(name), ZH, 100);
      const lines = drawingText(d);
      expect(lines[0]).toContain('主机（沙盒）');
      // The host box's right border is at the same column on every one of its lines.
      const g = grid(lines);
      const right = g[0].indexOf('┐');
      const hostLines = g.slice(0, g.findIndex((row) => row[0] === '└') + 1);
      for (const row of hostLines) expect(['┐', '│', '├', '┘']).toContain(row[right]);
      expect(lines[1]).toContain('▲ 启用');
    }
  });

  test('narrow: one column, addresses wrapped under their interface', () => {
    const d = layoutTopology(fixture('across-ns0'), EN, 40);
    const lines = drawingText(d);
    expect(d.columns).toBe(1);
    expect(d.width).toBeLessThanOrEqual(40);
    const host = rowOf(lines, /veth0-0/);
    const ns = rowOf(lines, /veth0-1/);
    expect(ns).toBeGreaterThan(host);
    expect(trace(lines, host).row).toBe(ns);
  });

  test('two namespaces on one bridge: each pair traced to its own end', () => {
    const link = (ns: string, ifindex: number, name: string, extra: Partial<LinkState> = {}): LinkState => ({ ns, ifindex, name, kind: 'veth', mac: '', up: true, carrier: true, operstate: 'UP', addrs: [], ...extra });
    const st: LabState = {
      namespaces: ['ns0', 'ns1'],
      links: [
        link('host', 1, 'lo', { kind: 'loopback' }),
        link('host', 2, 'br0', { kind: 'bridge', addrs: [{ local: '192.168.100.1', prefixlen: 24 }] }),
        link('host', 3, 'veth0-0', { master: 'br0', peer: { ns: 'ns0', ifindex: 2 } }),
        link('host', 4, 'veth1-0', { master: 'br0', peer: { ns: 'ns1', ifindex: 2 } }),
        link('ns0', 1, 'lo', { kind: 'loopback', up: false, carrier: false }),
        link('ns0', 2, 'veth0-1', { peer: { ns: 'host', ifindex: 3 }, addrs: [{ local: '192.168.100.2', prefixlen: 24 }] }),
        link('ns1', 1, 'lo', { kind: 'loopback', up: false, carrier: false }),
        link('ns1', 2, 'veth1-1', { peer: { ns: 'host', ifindex: 4 }, addrs: [{ local: '192.168.100.3', prefixlen: 24 }] }),
      ],
      neigh: [],
      fdb: [],
      routes: [],
    };
    for (const w of [100, 50]) {
      const lines = drawingText(layoutTopology(st, EN, w));
      expect(lines[rowOf(lines, /└ veth0-0/)]).toBeDefined();
      expect(rowOf(lines, /└ veth1-0/)).toBe(rowOf(lines, /└ veth0-0/) + 1);
      expect(lines[trace(lines, rowOf(lines, /└ veth0-0/)).row]).toContain('veth0-1');
      expect(lines[trace(lines, rowOf(lines, /└ veth1-0/)).row]).toContain('veth1-1');
      expect(lines.join('\n')).toMatch(/lo +▼ down/);
    }
  });
});
