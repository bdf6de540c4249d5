/** `--join URL --code CODE --name NAME`: checks the options, opens the link, and says what is shared. Loads nothing of the UI. */
import { userInfo } from 'node:os';
import type { Lang } from '../i18n/index.js';
import type { EngineListener } from '../engine/types.js';
import type { Course } from '../lesson/types.js';
import { stateDir } from '../files/state-dir.js';
import { classEventsOf, joinEvent, screenEvents, type ScreenView } from './learner-events.js';
import { ClassLink } from './link.js';
import { tcl } from './messages.js';
import { displayName } from './protocol.js';

export interface JoinFlags {
  join?: string;
  code?: string;
  name?: string;
  joinWait?: string;
}

/** A bad combination of options, as a message; undefined when they are fine. */
export function joinProblem(f: JoinFlags, lang: Lang, command: 'learn' | 'check' | 'class' | 'other'): string | undefined {
  if (f.join !== undefined && (command === 'other' || command === 'class')) return tcl(lang, 'joinWhere');
  if (f.join === undefined) {
    if (command === 'class') return undefined;
    for (const [option, v] of [['--code', f.code], ['--name', f.name], ['--join-wait', f.joinWait]] as const) if (v !== undefined) return tcl(lang, 'needJoin', { option });
    return undefined;
  }
  if (!joinUrl(f.join)) return tcl(lang, 'badUrl', { url: f.join });
  if (!f.code) return tcl(lang, 'needCode');
  if (f.joinWait !== undefined && !(Number(f.joinWait) >= 0)) return tcl(lang, 'badWait', { value: f.joinWait });
  return undefined;
}

/** The class address as a URL: `10.0.0.5:7070` is taken as http://10.0.0.5:7070. Only plain HTTP. */
export function joinUrl(s: string): string | undefined {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
    if (u.protocol !== 'http:' || !u.hostname || u.username || u.password) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export interface Joined {
  link: ClassLink;
  /** Engine listener: every step that starts and ends goes to the class. */
  on: EngineListener;
  /** Watches the tutor's screen state for opened steps, hints and whys. */
  observe(store: { getState(): ScreenView; subscribe(l: () => void): () => void }): () => void;
  /** One short line for the tutor's status line: connected, offline with events queued, or refused. */
  badge: { get(): string; subscribe(onChange: () => void): () => void };
  /** Says goodbye and waits (at most the --join-wait seconds) for the outbox to empty. */
  finish(): Promise<void>;
}

export function openJoin(f: JoinFlags, course: Course, mode: 'learn' | 'check', lang: Lang, say: (line: string) => void): Joined {
  const url = joinUrl(f.join!)!;
  const name = displayName(f.name ?? safeUser());
  const link = new ClassLink({ url, code: f.code!, name, dir: stateDir() });
  say(tcl(lang, 'joined', { url, name }));
  say(tcl(lang, 'shared'));
  link.send(joinEvent(course, mode));
  const waitS = f.joinWait !== undefined ? Number(f.joinWait) : mode === 'check' ? 20 : 3;
  return {
    link,
    badge: { get: () => tcl(lang, `badge-${link.status}`, { n: link.queued }), subscribe: (l) => link.subscribe(l) },
    on: (e) => {
      for (const ce of classEventsOf(e)) link.send(ce);
    },
    observe(store) {
      let before: ScreenView | undefined;
      const look = () => {
        const now = store.getState();
        for (const ce of screenEvents(before, now)) link.send(ce);
        before = now;
      };
      look();
      return store.subscribe(look);
    },
    async finish() {
      link.send({ type: 'leave' });
      const n = link.queued;
      let done = await link.flush(Math.min(2000, waitS * 1000));
      if (!done && link.status !== 'refused' && waitS > 2) {
        say(tcl(lang, 'waiting', { url, detail: link.detail || link.status, s: waitS, n: link.queued }));
        done = await link.flush(waitS * 1000 - 2000);
      }
      link.close();
      if (link.status === 'refused') say(tcl(lang, 'refused', { url, detail: link.detail }));
      else if (!done && link.status !== 'connected') say(tcl(lang, 'unreachable', { url, detail: link.detail || link.status }));
      if (done) say(tcl(lang, 'delivered', { n: Math.max(n, link.delivered) }));
      else say(tcl(lang, 'kept', { n: link.queued, file: link.outboxPath, name }));
    },
  };
}

function safeUser(): string {
  try {
    return process.env.USER || userInfo().username;
  } catch {
    return 'learner';
  }
}
