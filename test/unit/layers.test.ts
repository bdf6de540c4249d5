// The layers of src/: no import (static, dynamic or type-only) runs back up, so neither folders nor modules form a cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));
}

/** Module (path under src/, without extension) -> the src modules it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const name = (file: string) => relative(SRC, file).replace(/\.(tsx?|js)$/, '');
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
    graph.set(name(file), [...new Set(specs.map((s) => name(resolve(dirname(file), s))))]);
  }
  return graph;
}

/** The first cycle found, as a path that ends where it starts; undefined when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'open');
    path.push(n);
    for (const m of graph.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    path.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

const folderOf = (module: string) => (module.includes('/') ? module.split('/')[0] : module);

describe('layers of src/', () => {
  const modules = importGraph();

  it('reads the imports it judges', () => {
    expect(modules.size).toBeGreaterThan(100);
    expect(modules.get('engine/session')).toContain('engine/run-step');
    expect(modules.get('cli/main')).toContain('ui/splash');
  });

  it('no module imports itself through others', () => {
    expect(findCycle(modules)).toBeUndefined();
  });

  it('no folder depends on another that depends back on it', () => {
    const folders = new Map<string, string[]>();
    for (const [m, deps] of modules) {
      const f = folderOf(m);
      folders.set(f, [...new Set([...(folders.get(f) ?? []), ...deps.map(folderOf).filter((d) => d !== f)])]);
    }
    expect(findCycle(folders)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b']], ['b', []]]))).toBeUndefined();
  });
});
