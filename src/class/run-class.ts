/** `netns-tutor class`: opens (or resumes) the class log, serves learners, and shows the dashboard unless --headless. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Lang } from '../i18n/index.js';
import { stateDir } from '../files/state-dir.js';
import { ClassLog } from './log-store.js';
import { tcl } from './messages.js';
import { ClassModel } from './model.js';
import { ClassServer, joinUrls, newCode } from './server.js';

export interface ClassFlags {
  port?: string;
  host?: string;
  code?: string;
  resume?: boolean;
  headless?: boolean;
}

export const DEFAULT_PORT = 7070;

/** A bad option, as a message. */
export function classProblem(f: ClassFlags, lang: Lang): string | undefined {
  if (f.port !== undefined && !(/^\d{1,5}$/.test(f.port) && Number(f.port) <= 65535)) return tcl(lang, 'badPort', { value: f.port });
  if (f.code !== undefined && !/^[A-Za-z0-9-]{4,64}$/.test(f.code)) return tcl(lang, 'badCode', { value: f.code });
  return undefined;
}

/** The class log and model, as they were left: `--resume`, or a new class started with the last one's code. */
export function openClass(f: ClassFlags, lang: Lang, root: string): { log: ClassLog; model: ClassModel; resumed: boolean } | { error: string } {
  const last = ClassLog.peek(root);
  const resume = f.resume || (last !== undefined && f.code !== undefined && f.code === last.code);
  if (resume && !last) return { error: tcl(lang, 'noResume', { dir: root }) };
  if (resume && last && f.code !== undefined && f.code !== last.code) return { error: tcl(lang, 'codeDiffers', { dir: root, code: last.code }) };
  const log = resume
    ? ClassLog.resume(root)
    : ClassLog.create(root, {
        code: f.code ?? newCode(randomBytes),
        port: f.port !== undefined ? Number(f.port) : DEFAULT_PORT,
        host: f.host ?? '0.0.0.0',
        started: new Date().toISOString(),
      });
  const model = new ClassModel();
  for (const e of log.entries) model.apply(e.batch, e.rx);
  return { log, model, resumed: resume };
}

export interface ClassIo {
  say: (line: string) => void;
  complain: (line: string) => void;
}

export async function runClass(f: ClassFlags, lang: Lang, { say, complain }: ClassIo, root = join(stateDir(), 'class')): Promise<number> {
  const opened = openClass(f, lang, root);
  if ('error' in opened) {
    complain(opened.error);
    return 2;
  }
  const { log, model, resumed } = opened;
  const host = f.host ?? log.info.host;
  const port = f.port !== undefined ? Number(f.port) : log.info.port;
  let redraw = () => {};
  const server = new ClassServer({ model, log, code: log.info.code, host, port, onChange: () => redraw() });
  let actual: number;
  try {
    actual = await server.listen();
  } catch (e) {
    log.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      complain(tcl(lang, 'portBusy', { port, host }));
      return 1;
    }
    throw e;
  }
  if (actual !== log.info.port) log.setPort(actual);
  const urls = joinUrls(host, actual);
  say(resumed ? tcl(lang, 'classResumed', { learners: model.learners.size, dir: log.dir, skipped: log.skipped ? ` (${log.skipped} unreadable lines skipped)` : '' }) : tcl(lang, 'classStarted', { dir: log.dir }));
  say(tcl(lang, 'serving', { urls: urls.join(', '), code: log.info.code }));
  say(tcl(lang, 'joinWith', { url: urls[0], code: log.info.code }));
  try {
    // Without a terminal to draw on, the class serves headless.
    if (f.headless || !(process.stdin.isTTY && process.stdout.isTTY)) await new Promise<never>(() => {});
    const { runDashboard } = await import('./dashboard/run-dashboard.js');
    await runDashboard({ model, urls, code: log.info.code, lang, traffic: () => server.stats, setRedraw: (fn) => (redraw = fn) });
  } finally {
    await server.close();
    log.close();
  }
  say(tcl(lang, 'stopped', { dir: log.dir }));
  return 0;
}
