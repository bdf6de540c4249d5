/**
 * The class on disk: an append-only log of every accepted batch, written before the learner is told it
 * arrived, so a class killed at any moment (even `kill -9`) is rebuilt by replaying it.
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { BATCH, type Batch } from './protocol.js';

export interface ClassInfo {
  code: string;
  port: number;
  host: string;
  started: string;
}

const INFO = z.object({ code: z.string(), port: z.number(), host: z.string(), started: z.string() });
const ENTRY = z.object({ rx: z.number(), batch: BATCH });

export interface LoggedBatch {
  rx: number;
  batch: Batch;
}

export class ClassLog {
  private fd: number;

  private constructor(
    readonly dir: string,
    readonly info: ClassInfo,
    readonly entries: LoggedBatch[],
    /** Lines that could not be read (a torn last write, or damage): counted, skipped, never fatal. */
    readonly skipped: number,
  ) {
    this.fd = openSync(join(dir, 'events.jsonl'), 'a');
  }

  /** Every class directory lives under `root`; the one in use is `current`, earlier ones are kept beside it. */
  static current(root: string): string {
    return join(root, 'current');
  }

  /** The class last run from `root`, if any. */
  static peek(root: string): ClassInfo | undefined {
    try {
      const r = INFO.safeParse(JSON.parse(readFileSync(join(ClassLog.current(root), 'class.json'), 'utf8')));
      return r.success ? r.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Opens the class in `root/current` and replays its log. */
  static resume(root: string): ClassLog {
    const dir = ClassLog.current(root);
    const info = ClassLog.peek(root);
    if (!info) throw new Error(`no class to resume in ${dir}`);
    const { entries, skipped } = readLog(join(dir, 'events.jsonl'));
    return new ClassLog(dir, info, entries, skipped);
  }

  /** Starts a new class; the previous one, if any, is moved aside (never deleted). */
  static create(root: string, info: ClassInfo): ClassLog {
    const dir = ClassLog.current(root);
    if (existsSync(dir)) renameSync(dir, join(root, `class-${stamp(ClassLog.peek(root)?.started)}-${process.pid}`));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'class.json'), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
    writeFileSync(join(dir, 'events.jsonl'), '', { mode: 0o600 });
    return new ClassLog(dir, info, [], 0);
  }

  /** Records the port actually served (a class started on port 0 resumes on the same one). */
  setPort(port: number): void {
    this.info.port = port;
    writeFileSync(join(this.dir, 'class.json'), JSON.stringify(this.info, null, 2) + '\n', { mode: 0o600 });
  }

  /** Appends one batch; returns once the kernel has it (it survives the process being killed). */
  append(entry: LoggedBatch): void {
    const line = Buffer.from(JSON.stringify(entry) + '\n');
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function stamp(iso?: string): string {
  return (iso ?? new Date().toISOString()).replace(/[:.]/g, '-');
}

/** Reads every whole line; a torn last line (the class died mid-write) is cut off so the next append starts clean. */
function readLog(file: string): { entries: LoggedBatch[]; skipped: number } {
  const fd = openSync(file, existsSync(file) ? 'r+' : 'w+');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
    const end = buf.lastIndexOf(0x0a) + 1;
    if (end < size) ftruncateSync(fd, end);
    const entries: LoggedBatch[] = [];
    let skipped = end < size ? 1 : 0;
    for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
      if (!line) continue;
      try {
        const r = ENTRY.safeParse(JSON.parse(line));
        if (r.success) entries.push(r.data);
        else skipped++;
      } catch {
        skipped++;
      }
    }
    return { entries, skipped };
  } finally {
    closeSync(fd);
  }
}
