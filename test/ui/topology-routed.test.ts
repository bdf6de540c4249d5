import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { LabState } from '../../src/lab/state.js';
import { drawingText, layoutTopology, type TopoLabels } from '../../src/ui/topology/layout.js';
import { stringWidth } from '../../src/ui/text.js';

/** Recorded: host forwards (ip_forward=1) between br0 (c1, c2, default routes via 10.0.1.1) and upstream. */
const routed: LabState = JSON.parse(readFileSync(new URL('../fixtures/state-routed.json', import.meta.url), 'utf8'));
const labels: TopoLabels = { host: 'host', up: 'UP', down: 'DOWN', noCarrier: 'no carrier', noInterfaces: 'no interfaces', peerUnknown: 'peer not visible', forwarding: 'router', defaultVia: 'default via {gw}', notShown: '+{n} namespaces not shown', peerIn: '→ {ns}' };

/** The panel's room in the UI: the title line, then the drawing. */
const panel = (cols: number, rows: number) => ({ width: cols - 2, height: Math.max(5, Math.floor((rows - 3) / 2)) - 1 });

describe('topology of a routed lab (4 namespaces)', () => {
  test('a router looks like a router, and each container shows its gateway', () => {
    const text = drawingText(layoutTopology(routed, labels, 200)).join('\n');
    expect(text).toMatch(/┌─ host ⇄ router ─/);
    expect(text).not.toMatch(/c1 ⇄|c2 ⇄|upstream ⇄/);
    expect(text.match(/↗ default via 10\.0\.1\.1 \(eth0\)/g)).toHaveLength(2);
  });

  test('100×30: what fits is drawn, within the width, and the rest is counted', () => {
    const room = panel(100, 30);
    const d = layoutTopology(routed, labels, room.width, { maxHeight: room.height });
    const lines = drawingText(d);
    expect(d.height).toBeLessThanOrEqual(room.height);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(room.width);
    expect(d.columns).toBe(2);
    expect(lines.join('\n')).toMatch(/host ⇄ router/);
    const shown = ['upstream', 'c2', 'c1'].filter((n) => lines.some((l) => l.includes(`─ ${n} `)));
    expect(d.hidden).toBe(3 - shown.length);
    if (d.hidden) expect(lines[lines.length - 1]).toBe(`+${d.hidden} namespaces not shown`);
  });

  test('80×24: fewer namespaces fit; the last line says how many are left out, and wires to them say where they go', () => {
    const room = panel(80, 24);
    const d = layoutTopology(routed, labels, room.width, { maxHeight: room.height });
    const lines = drawingText(d);
    expect(d.height).toBeLessThanOrEqual(room.height);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(room.width);
    expect(d.hidden).toBeGreaterThan(0);
    expect(lines[lines.length - 1]).toBe(`+${d.hidden} namespaces not shown`);
    // veth-c1's peer lives in c1; if c1 is left out, its row says where the cable goes.
    if (!lines.some((l) => l.includes('─ c1 '))) expect(lines.join('\n')).toMatch(/veth-c1 .*→ c1/);
  });

  test('without a height limit nothing is left out', () => {
    const d = layoutTopology(routed, labels, 98);
    expect(d.hidden).toBeUndefined();
    for (const n of ['upstream', 'c2', 'c1']) expect(drawingText(d).some((l) => l.includes(`─ ${n} `))).toBe(true);
  });
});
