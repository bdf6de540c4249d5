/** Helpers for the class tests: a headless class in a child process, learners' requests, temp state folders. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassEvent } from '../../src/class/protocol.js';
import { BIN, ROOT } from '../integration/helpers.js';

export { BIN, ROOT };
export const CODE = 'TEST-CODE-1';
export const FAST_COURSE = join(ROOT, 'test/class/fixtures/fast-course');
export const RECORDED = join(ROOT, 'test/class/fixtures/recorded-class.jsonl');

const made: string[] = [];

/** A fresh XDG_STATE_HOME under the OS temp folder, removed by cleanup(). */
export function tempState(): string {
  const d = mkdtempSync(join(tmpdir(), 'nt-class-test-'));
  made.push(d);
  return d;
}

export function cleanup(): void {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
}

export interface RunningClass {
  proc: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  /** Ends the class with a signal and waits for it to be gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `class --headless` on loopback and waits for the address it serves. */
export function startClass(state: string, extra: string[] = [], port = 0): Promise<RunningClass> {
  const proc = spawn(process.execPath, [BIN, 'class', '--headless', '--host', '127.0.0.1', '--port', String(port), '--code', CODE, ...extra], {
    cwd: ROOT,
    env: { ...process.env, XDG_STATE_HOME: state, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const gone = new Promise<void>((r) => proc.once('exit', () => r()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await gone;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the class did not start:\n${out}`)), 30_000);
    const look = () => {
      const m = /Serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off('data', look);
        resolve({ proc, port: Number(m[1]), url: `http://127.0.0.1:${m[1]}`, output: () => out, stop });
      }
    };
    proc.stdout!.on('data', look);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the class exited (${code}):\n${out}`));
    });
  });
}

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request; `body` as given (string or Buffer), nothing added. */
export function http(url: string, opts: { method?: string; path?: string; code?: string | null; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(opts.headers ?? {}) };
    if (opts.code !== null) headers.Authorization = `Bearer ${opts.code ?? CODE}`;
    if (opts.body !== undefined && !('Transfer-Encoding' in headers)) headers['Content-Length'] = Buffer.byteLength(opts.body);
    const req = request(new URL(opts.path ?? '/v1/events', url), { method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'), headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

let seqs = new Map<string, number>();

/** Sends events as learner `id`, numbered after the last ones this helper sent for them. */
export function send(url: string, id: string, name: string, events: ClassEvent[], at = Date.now()): Promise<Reply> {
  const start = seqs.get(id) ?? 0;
  seqs.set(id, start + events.length);
  const body = JSON.stringify({ learner: { id, name }, events: events.map((e, i) => ({ ...e, seq: start + i + 1, at })) });
  return http(url, { body, headers: { 'Content-Type': 'application/json' } });
}

export function resetSeqs(): void {
  seqs = new Map();
}

export async function status(url: string): Promise<{ learners: any[]; steps: any[]; course: any }> {
  const r = await http(url, { path: '/v1/status' });
  if (r.status !== 200) throw new Error(`status ${r.status}: ${r.body}`);
  return JSON.parse(r.body);
}

/** The recorded class: one logged batch per line, as the class wrote them. */
export function recorded(): { rx: number; batch: any }[] {
  return readFileSync(RECORDED, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

export const COURSE_EVENT: ClassEvent = {
  type: 'join',
  mode: 'learn',
  course: {
    title: 'Demo',
    steps: ['1.1', '1.2', '2.1', '2.2', '2.3', '3.1'].map((ref) => ({ ref, title: `Step ${ref}` })),
  },
};
