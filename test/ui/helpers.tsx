import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll } from 'vitest';
import { App } from '../../src/ui/App.js';
import { makeUi } from '../../src/ui/context.js';
import { createStore } from '../../src/ui/run-interactive.js';
import { ProgressStore } from '../../src/progress/store.js';
import { TOOLS, type ToolInfo } from '../../src/lab/tools.js';
import type { FakeSession } from './fake-session.js';

export const KEY = { enter: '\r', esc: '\u001B', ctrlC: '\u0003', up: '\u001B[A', down: '\u001B[B', backspace: '\u007F' } as const;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempProgress(): ProgressStore {
  const dir = mkdtempSync(join(tmpdir(), 'netns-tutor-ui-'));
  tempDirs.push(dir);
  return new ProgressStore(join(dir, 'progress.json'));
}

export interface RenderOpts {
  session: FakeSession;
  progress?: ProgressStore;
  startRef?: string;
  mode?: 'learn' | 'present';
  pace?: number;
  columns?: number;
  rows?: number;
  color?: boolean;
  missing?: ToolInfo[];
  doctor?: string;
}

export function setSize(stdout: object, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { value: columns, configurable: true, writable: true });
  Object.defineProperty(stdout, 'rows', { value: rows, configurable: true, writable: true });
  (stdout as { emit(e: string): void }).emit('resize');
}

export async function renderApp(o: RenderOpts) {
  const progress = o.progress ?? tempProgress();
  const environment = { mode: 'rootless' as const, missing: o.missing ?? [], doctor: o.doctor };
  const store = createStore({ session: o.session, progress, courseKey: o.session.course.dir, startRef: o.startRef, mode: o.mode, environment });
  const ui = makeUi(o.session.lang, o.color ?? false);
  const inst = render(<App store={store} session={o.session} progress={progress} courseKey={o.session.course.dir} ui={ui} environment={environment} pace={o.pace} />);
  setSize(inst.stdout, o.columns ?? 80, o.rows ?? 24);
  const frame = () => inst.lastFrame() ?? '';
  const waitFor = async (test: string | RegExp | ((f: string) => boolean), ms = 15_000): Promise<string> => {
    const ok = typeof test === 'function' ? test : (f: string) => (typeof test === 'string' ? f.includes(test) : test.test(f));
    const end = Date.now() + ms;
    for (;;) {
      const f = frame();
      if (ok(f)) return f;
      if (Date.now() > end) throw new Error(`timed out waiting for ${String(test)}; last frame:\n${f}`);
      await sleep(10);
    }
  };
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      inst.stdin.write(k);
      await sleep(k === KEY.esc ? 30 : 15);
    }
  };
  /** The live frame only: what follows the <Static> transcript. */
  const live = () => {
    const f = frame();
    const rows = (o.rows ?? 24) - 1;
    return f.split('\n').slice(-rows).join('\n');
  };
  return { ...inst, store, progress, frame, live, waitFor, press, environment };
}

export const BRCTL: ToolInfo = TOOLS.find((t) => t.name === 'brctl')!;
