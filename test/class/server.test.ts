/** The class server on loopback: the code on every request, bad bodies and floods refused, everyone else still served. */
import { connect } from 'node:net';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClassLog } from '../../src/class/log-store.js';
import { ClassModel, statuses } from '../../src/class/model.js';
import { LIMITS } from '../../src/class/protocol.js';
import { ClassServer, DEFAULT_LIMITS, type ServerLimits } from '../../src/class/server.js';
import { CODE, COURSE_EVENT, cleanup, http, resetSeqs, send, status, tempState } from './helpers.js';

let server: ClassServer;
let log: ClassLog;
let model: ClassModel;
let url: string;
let root: string;

/** `now` freezes the server's clock, so a flood test does not depend on how fast this machine is. */
async function start(limits: ServerLimits = DEFAULT_LIMITS, now?: () => number): Promise<void> {
  root = tempState();
  log = ClassLog.create(root, { code: CODE, port: 0, host: '127.0.0.1', started: new Date().toISOString() });
  model = new ClassModel();
  server = new ClassServer({ model, log, code: CODE, host: '127.0.0.1', port: 0, limits, now });
  url = `http://127.0.0.1:${await server.listen()}`;
}

beforeEach(() => resetSeqs());

afterEach(async () => {
  await server?.close();
  log?.close();
  cleanup();
});

const okBatch = (id = 'learner-ok-1') => JSON.stringify({ learner: { id, name: 'Ann' }, events: [{ ...COURSE_EVENT, seq: 1, at: 1 }] });

describe('the class server', () => {
  beforeEach(() => start());

  it('takes events with the code and shows them in /v1/status', async () => {
    expect((await send(url, 'learner-ann', 'Ann', [COURSE_EVENT, { type: 'open', ref: '1.1' }])).status).toBe(200);
    const s = await status(url);
    expect(s.learners).toEqual([expect.objectContaining({ name: 'Ann', current: '1.1', done: [], attempts: 0 })]);
  });

  it('refuses a wrong or missing code with 401, on both routes', async () => {
    for (const code of ['WRONG', null, `${CODE}x`, CODE.slice(0, -1)]) {
      expect((await http(url, { code, body: okBatch() })).status).toBe(401);
      expect((await http(url, { code, path: '/v1/status' })).status).toBe(401);
    }
    expect((await http(url, { code: CODE, path: '/v1/status' })).status).toBe(200);
    expect(model.learners.size).toBe(0);
  });

  it('refuses malformed bodies with 400 and keeps serving', async () => {
    const bad = [
      'not json',
      '{"learner":',
      JSON.stringify({ learner: { id: 'learner-x1', name: 'A' }, events: [] }),
      JSON.stringify({ learner: { id: 'bad id!', name: 'A' }, events: [{ type: 'open', ref: '1.1', seq: 1, at: 1 }] }),
      JSON.stringify({ learner: { id: 'learner-x1', name: 'A' }, events: [{ type: 'open', ref: '../../etc', seq: 1, at: 1 }] }),
      JSON.stringify({ learner: { id: 'learner-x1', name: 'A' }, events: [{ type: 'nuke', seq: 1, at: 1 }] }),
      JSON.stringify({ learner: { id: 'learner-x1', name: 'A' }, events: [{ type: 'open', ref: '1.1', seq: -1, at: 1 }] }),
      JSON.stringify([1, 2, 3]),
    ];
    for (const body of bad) {
      const r = await http(url, { body });
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.body).error).toBeTruthy();
    }
    expect((await http(url, { body: okBatch() })).status).toBe(200);
    expect(model.learners.size).toBe(1);
  });

  it('refuses oversized bodies with 413, declared or streamed, and keeps serving', async () => {
    const huge = 'x'.repeat(LIMITS.bodyBytes + 10);
    expect((await http(url, { body: huge })).status).toBe(413);
    // No Content-Length: the server counts as it reads.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('/v1/events', url), { method: 'POST', headers: { Authorization: `Bearer ${CODE}`, 'Transfer-Encoding': 'chunked' }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'y');
      let sent = 0;
      const pump = () => {
        while (sent < LIMITS.bodyBytes * 4) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    }).catch((e: Error) => e.message);
    expect(streamed).toBe(413);
    // Too many events in one batch is refused too.
    const many = JSON.stringify({ learner: { id: 'learner-many', name: 'M' }, events: Array.from({ length: LIMITS.eventsPerBatch + 1 }, (_, i) => ({ type: 'open', ref: '1.1', seq: i + 1, at: 1 })) });
    expect((await http(url, { body: many })).status).toBe(400);
    expect((await http(url, { body: okBatch() })).status).toBe(200);
  });

  it('answers 404 and 405 for other routes and methods', async () => {
    expect((await http(url, { path: '/', code: CODE })).status).toBe(404);
    expect((await http(url, { path: '/v1/events', method: 'GET' })).status).toBe(405);
    expect((await http(url, { path: '/v1/status', method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('a request that never finishes its headers does not block anyone', async () => {
    const sock = connect(Number(new URL(url).port), '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write('POST /v1/events HTTP/1.1\r\nHost: x\r\n');
    expect((await http(url, { body: okBatch('learner-other') })).status).toBe(200);
    sock.destroy();
  });

  it('applies a resent batch once and acknowledges it again', async () => {
    const body = JSON.stringify({ learner: { id: 'learner-re', name: 'Re' }, events: [{ ...COURSE_EVENT, seq: 1, at: 1 }, { type: 'attempt', ref: '1.1', commands: ['x'], typed: true, passed: true, seq: 2, at: 2 }] });
    for (let i = 0; i < 3; i++) expect(JSON.parse((await http(url, { body })).body)).toEqual({ acked: 2 });
    expect(statuses(model, 10)[0].attempts).toBe(1);
    expect(readFileSync(join(log.dir, 'events.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('floods', () => {
  it('a learner who floods gets 429 while another learner is still accepted', async () => {
    await start({ ...DEFAULT_LIMITS, perLearner: { rate: 1, burst: 5 } }, () => 1_000_000);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await send(url, 'learner-flood', 'Flood', [{ type: 'open', ref: '1.1' }])).status);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toEqual(Array(7).fill(429));
    const r = await send(url, 'learner-calm', 'Calm', [COURSE_EVENT]);
    expect(r.status).toBe(200);
    expect(model.learners.get('learner-calm')).toBeDefined();
  });

  it('an address that floods (wrong codes included) is slowed; the refusal says when to come back', async () => {
    await start({ ...DEFAULT_LIMITS, perAddress: { rate: 2, burst: 10 } }, () => 1_000_000);
    const codes: number[] = [];
    for (let i = 0; i < 15; i++) codes.push((await http(url, { code: 'guess' + i, path: '/v1/status' })).status);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    const last = await http(url, { path: '/v1/status' });
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('too many connections from one address are closed, others are served', async () => {
    await start({ ...DEFAULT_LIMITS, connectionsPerAddress: 3 });
    const socks = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const s = connect(Number(new URL(url).port), '127.0.0.1');
        await new Promise((r) => s.once('connect', r));
        return s;
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    await expect(http(url, { body: okBatch() })).rejects.toThrow();
    for (const s of socks) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await http(url, { body: okBatch() })).status).toBe(200);
  });
});
