/** The learner's link: events wait in an outbox while the class is away and arrive, once and in order, when it is back. */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClassLink } from '../../src/class/link.js';
import { ClassLog } from '../../src/class/log-store.js';
import { ClassModel, statuses } from '../../src/class/model.js';
import { ClassServer } from '../../src/class/server.js';
import { CODE, COURSE_EVENT, cleanup, tempState } from './helpers.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  cleanup();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function classOn(port: number): Promise<ClassModel> {
  const root = tempState();
  const log = ClassLog.create(root, { code: CODE, port, host: '127.0.0.1', started: '' });
  const model = new ClassModel();
  const server = new ClassServer({ model, log, code: CODE, host: '127.0.0.1', port });
  await server.listen();
  closers.push(async () => {
    await server.close();
    log.close();
  });
  return model;
}

describe('the learner’s link', () => {
  it('queues while the class is down and delivers everything, in order, when it comes back', async () => {
    const port = await freePort();
    const dir = tempState();
    const link = new ClassLink({ url: `http://127.0.0.1:${port}`, code: CODE, name: 'Ann', dir });
    closers.push(() => link.close());
    link.send(COURSE_EVENT);
    for (const ref of ['1.1', '1.2', '2.1']) {
      link.send({ type: 'open', ref });
      link.send({ type: 'attempt', ref, commands: [`cmd ${ref}`], typed: false, passed: true });
    }
    expect(await link.flush(600)).toBe(false);
    expect(link.status).toBe('offline');
    expect(link.queued).toBe(7);
    const model = await classOn(port);
    expect(await link.flush(15_000)).toBe(true);
    expect(link.status).toBe('connected');
    const [ann] = statuses(model, Date.now());
    expect(ann).toMatchObject({ name: 'Ann', done: ['1.1', '1.2', '2.1'], attempts: 3 });
  });

  it('keeps the outbox on disk: a later run sends what an earlier one could not, as the same learner', async () => {
    const port = await freePort();
    const dir = tempState();
    const first = new ClassLink({ url: `http://127.0.0.1:${port}`, code: CODE, name: 'Bo', dir });
    first.send(COURSE_EVENT);
    first.send({ type: 'open', ref: '1.1' });
    await first.flush(300);
    first.close();
    const model = await classOn(port);
    const second = new ClassLink({ url: `http://127.0.0.1:${port}`, code: CODE, name: 'Bo', dir });
    closers.push(() => second.close());
    expect(second.id).toBe(first.id);
    expect(second.queued).toBe(2);
    second.send({ type: 'attempt', ref: '1.1', commands: ['x'], typed: true, passed: true });
    expect(await second.flush(15_000)).toBe(true);
    expect(model.learners.size).toBe(1);
    expect(statuses(model, Date.now())[0]).toMatchObject({ name: 'Bo', current: '1.1', done: ['1.1'] });
  });

  it('a wrong code is refused: the link stops sending and keeps the events', async () => {
    const port = await freePort();
    await classOn(port);
    const link = new ClassLink({ url: `http://127.0.0.1:${port}`, code: 'WRONG-CODE', name: 'Cy', dir: tempState() });
    closers.push(() => link.close());
    link.send(COURSE_EVENT);
    await new Promise<void>((resolve) => {
      const off = link.subscribe(() => {
        if (link.status === 'refused') {
          off();
          resolve();
        }
      });
    });
    expect(link.queued).toBe(1);
    expect(link.detail).toMatch(/code/);
  });
});
