/**
 * The learner's side of a class: numbers each event, keeps it in an outbox file until the class has
 * it, and sends in order in the background. An unreachable class changes nothing for the learner;
 * the outbox is sent when it comes back, in this run or the next one that joins it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files/write-atomic.js';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { LIMITS, type ClassEvent, type StampedEvent } from './protocol.js';

export type LinkStatus = 'connecting' | 'connected' | 'offline' | 'refused';

/** Beyond this many unsent events the oldest are dropped, so a learner offline all day cannot fill a disk. */
const OUTBOX_MAX = 20_000;
const BACKOFF_MAX_MS = 4_000;

export interface LinkOptions {
  url: string;
  code: string;
  name: string;
  /** Folder for outbox files (the tutor's state directory). */
  dir: string;
  /** ms to wait for one request. */
  timeoutMs?: number;
}

const OUTBOX = z.object({ url: z.string(), name: z.string(), id: z.string(), nextSeq: z.number(), pending: z.array(z.any()) });

export class ClassLink {
  readonly id: string;
  status: LinkStatus = 'connecting';
  /** Why the class refused us, or why it is unreachable, in the server's or the system's words. */
  detail = '';
  delivered = 0;
  private nextSeq: number;
  private pending: StampedEvent[];
  private readonly file: string;
  private sending = false;
  private timer?: NodeJS.Timeout;
  private failures = 0;
  private closed = false;
  private listeners = new Set<() => void>();
  private waiters = new Set<() => void>();

  constructor(private opts: LinkOptions) {
    const key = createHash('sha256').update(`${opts.url}\n${opts.name}`).digest('hex').slice(0, 20);
    this.file = join(opts.dir, 'class-outbox', `${key}.json`);
    const saved = this.load();
    this.id = saved?.id ?? randomBytes(12).toString('base64url');
    this.nextSeq = saved?.nextSeq ?? 1;
    this.pending = (saved?.pending as StampedEvent[] | undefined) ?? [];
  }

  /** Where unsent events wait between runs. */
  get outboxPath(): string {
    return this.file;
  }

  get queued(): number {
    return this.pending.length;
  }

  /** Called whenever status or queue length changes. */
  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  send(e: ClassEvent): void {
    if (this.closed) return;
    this.pending.push({ ...e, seq: this.nextSeq++, at: Date.now() } as StampedEvent);
    if (this.pending.length > OUTBOX_MAX) this.pending.splice(0, this.pending.length - OUTBOX_MAX);
    this.save();
    this.changed();
    this.kick(0);
  }

  /** Sends what is queued now (used at start, for events left from an earlier run). */
  start(): void {
    this.kick(0);
  }

  /** Waits until everything queued is delivered, or `ms` passed. True when the outbox is empty. */
  async flush(ms: number): Promise<boolean> {
    if (!this.pending.length) return true;
    this.kick(0);
    let timer: NodeJS.Timeout | undefined;
    let done: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      done = resolve;
      this.waiters.add(resolve);
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    if (done) this.waiters.delete(done);
    return this.pending.length === 0;
  }

  /** Stops sending; what is still queued stays in the outbox file for the next run. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.waiters) w();
  }

  private changed(): void {
    for (const l of this.listeners) l();
    if (!this.pending.length) for (const w of this.waiters) w();
  }

  private kick(ms: number): void {
    if (this.closed || this.sending) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), ms);
    // Waiting to resend must not keep a finished program alive: flush() decides how long to wait.
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    if (this.sending || this.closed || !this.pending.length) return;
    this.sending = true;
    let retryMs = 0;
    try {
      const batch = this.nextBatch();
      const r = await this.post(batch);
      if (r.status === 200) {
        const acked = batch[batch.length - 1].seq;
        const before = this.pending.length;
        this.pending = this.pending.filter((e) => e.seq > acked);
        this.delivered += before - this.pending.length;
        this.failures = 0;
        this.setStatus('connected', '');
        this.save();
      } else if (r.status === 401) {
        this.setStatus('refused', r.error);
      } else if (r.status === 400 || r.status === 413) {
        // The class cannot read this batch and never will: keep the rest flowing.
        this.pending = this.pending.slice(batch.length);
        this.save();
        this.setStatus('connected', r.error);
      } else {
        retryMs = r.retryAfterMs || this.backoff();
        this.setStatus(r.status === 429 ? 'connected' : 'offline', r.error);
      }
    } catch (e) {
      retryMs = this.backoff();
      this.setStatus('offline', (e as NodeJS.ErrnoException).code ?? (e as Error).message);
    } finally {
      this.sending = false;
    }
    this.changed();
    if (this.status === 'refused') return;
    if (this.pending.length) this.kick(retryMs);
  }

  /** The oldest events that fit one request. */
  private nextBatch(): StampedEvent[] {
    let bytes = 1024;
    let n = 0;
    while (n < this.pending.length && n < LIMITS.eventsPerBatch) {
      bytes += JSON.stringify(this.pending[n]).length + 1;
      if (n > 0 && bytes > LIMITS.bodyBytes * 0.75) break;
      n++;
    }
    return this.pending.slice(0, n);
  }

  private backoff(): number {
    this.failures++;
    return Math.min(BACKOFF_MAX_MS, 250 * 2 ** Math.min(this.failures, 8));
  }

  private setStatus(s: LinkStatus, detail: string): void {
    this.status = s;
    this.detail = detail;
  }

  private post(events: StampedEvent[]): Promise<{ status: number; error: string; retryAfterMs: number }> {
    const body = JSON.stringify({ learner: { id: this.id, name: this.opts.name }, events });
    const url = new URL('/v1/events', this.opts.url);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${this.opts.code}` },
          timeout: this.opts.timeoutMs ?? 5_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            if (text.length < 4096) text += c;
          });
          res.on('end', () => {
            let error = '';
            try {
              error = String((JSON.parse(text) as { error?: unknown }).error ?? '');
            } catch {
              /* not JSON: no detail */
            }
            resolve({ status: res.statusCode ?? 0, error, retryAfterMs: Number(res.headers['retry-after'] ?? 0) * 1000 });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(body);
    });
  }

  private load(): z.infer<typeof OUTBOX> | undefined {
    try {
      const r = OUTBOX.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return r.success && r.data.url === this.opts.url && r.data.name === this.opts.name ? r.data : undefined;
    } catch {
      return undefined;
    }
  }

  private save(): void {
    try {
      writeFileAtomic(this.file, JSON.stringify({ url: this.opts.url, name: this.opts.name, id: this.id, nextSeq: this.nextSeq, pending: this.pending }), { owner: true });
    } catch {
      // An unwritable state directory costs only the resend after a restart; the run goes on.
    }
  }
}
