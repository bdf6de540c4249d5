/**
 * The class's HTTP server. node:http rather than a framework: three routes, no dependency to bundle,
 * and every limit (body size counted as it streams, connections per address, timeouts) in plain sight.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { ClassLog } from './log-store.js';
import type { ClassModel } from './model.js';
import { statusJson } from './model.js';
import { BATCH, LIMITS } from './protocol.js';
import { RateLimiter, type BucketRule } from './rate-limit.js';

export interface ServerLimits {
  /** Requests from one address (every route, wrong codes included). */
  perAddress: BucketRule;
  /** Event batches from one learner. */
  perLearner: BucketRule;
  connectionsPerAddress: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  perAddress: { rate: 400, burst: 800 },
  perLearner: { rate: 20, burst: 60 },
  connectionsPerAddress: 128,
};

export interface ClassServerOptions {
  model: ClassModel;
  log: ClassLog;
  code: string;
  host: string;
  port: number;
  limits?: ServerLimits;
  now?: () => number;
  /** Called after accepted events changed the model. */
  onChange?: () => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export class ClassServer {
  private server: Server;
  private addressLimit: RateLimiter;
  private learnerLimit: RateLimiter;
  private connections = new Map<string, number>();
  private codeDigest: Buffer;
  private now: () => number;
  /** Counters for the dashboard's footer and the load test. */
  readonly stats = { accepted: 0, refused: 0 };

  constructor(private opts: ClassServerOptions) {
    const limits = opts.limits ?? DEFAULT_LIMITS;
    this.addressLimit = new RateLimiter(limits.perAddress);
    this.learnerLimit = new RateLimiter(limits.perLearner);
    this.codeDigest = digest(opts.code);
    this.now = opts.now ?? Date.now;
    this.server = createServer({ requestTimeout: 20_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, maxHeaderSize: 8 * 1024 }, (req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.send(res, 500, { error: 'internal error' });
      });
    });
    this.server.maxHeadersCount = 50;
    this.server.on('connection', (socket: Socket) => this.admit(socket, limits.connectionsPerAddress));
    this.server.on('clientError', (_e, socket: Socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  /** Starts listening; resolves with the port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Too many open connections from one address: the newest is closed at once. */
  private admit(socket: Socket, max: number): void {
    const key = socket.remoteAddress ?? '?';
    const n = (this.connections.get(key) ?? 0) + 1;
    if (n > max) {
      this.stats.refused++;
      socket.destroy();
      return;
    }
    this.connections.set(key, n);
    socket.once('close', () => {
      const left = (this.connections.get(key) ?? 1) - 1;
      if (left > 0) this.connections.set(key, left);
      else this.connections.delete(key);
    });
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
    res.end(text);
  }

  private authorized(req: IncomingMessage): boolean {
    const m = /^Bearer (.{1,200})$/.exec(req.headers.authorization ?? '');
    return !!m && timingSafeEqual(digest(m[1].trim()), this.codeDigest);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const at = this.now();
      const limit = this.addressLimit.take(req.socket.remoteAddress ?? '?', at);
      if (!limit.ok) throw new HttpError(429, 'too many requests from this address', { 'Retry-After': String(Math.ceil(limit.retryAfterMs / 1000)) });
      const path = (req.url ?? '').split('?')[0];
      const route = `${req.method} ${path}`;
      if (path !== '/v1/events' && path !== '/v1/status') throw new HttpError(404, 'no such endpoint: the class serves POST /v1/events and GET /v1/status');
      if (route !== 'POST /v1/events' && route !== 'GET /v1/status') throw new HttpError(405, `${path} does not take ${req.method}`);
      if (!this.authorized(req)) throw new HttpError(401, 'wrong or missing class code: send Authorization: Bearer CODE', { 'WWW-Authenticate': 'Bearer' });
      if (route === 'GET /v1/status') return this.send(res, 200, statusJson(this.opts.model, at));
      await this.events(req, res, at);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      this.stats.refused++;
      // The body was not read: close the connection rather than read a flood to keep it alive.
      const close: Record<string, string> = req.complete ? {} : { Connection: 'close' };
      this.send(res, e.status, { error: e.message }, { ...e.headers, ...close });
      if (!req.complete) res.once('finish', () => req.socket.destroySoon?.());
    }
  }

  private async events(req: IncomingMessage, res: ServerResponse, at: number): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > LIMITS.bodyBytes) throw new HttpError(413, `the body is larger than ${LIMITS.bodyBytes} bytes`);
    const raw = await readBody(req, LIMITS.bodyBytes);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'the body is not JSON');
    }
    const parsed = BATCH.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, `not a batch of class events: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    const batch = parsed.data;
    const learner = this.learnerLimit.take(batch.learner.id, at);
    if (!learner.ok) throw new HttpError(429, 'too many batches from this learner', { 'Retry-After': String(Math.ceil(learner.retryAfterMs / 1000)) });
    const fresh = this.opts.model.fresh(batch);
    if (fresh) {
      try {
        this.opts.log.append({ rx: at, batch: fresh });
      } catch {
        throw new HttpError(503, 'the class cannot write its log; keep the events and send them again', { 'Retry-After': '5' });
      }
      this.stats.accepted += this.opts.model.apply(fresh, at);
      this.opts.onChange?.();
    }
    this.send(res, 200, { acked: Math.max(...batch.events.map((e) => e.seq)) });
  }
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.pause();
        reject(new HttpError(413, `the body is larger than ${max} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('aborted', () => reject(new HttpError(400, 'the request was cut off')));
  });
}

/** Addresses learners can reach: every non-internal IPv4 address when serving on all of them. */
export function joinUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const urls: string[] = [];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) urls.push(`http://${a.address}:${port}`);
  return urls.length ? urls : [`http://127.0.0.1:${port}`];
}

/** A join code that reads well aloud: no 0/O or 1/I. */
export function newCode(random: (n: number) => Buffer): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = random(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
