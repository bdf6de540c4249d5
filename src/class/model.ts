/** The class as the instructor sees it, rebuilt from learners' events alone: no I/O, no clock but the times it is given. */
import { cleanEvent, displayName, type Batch, type StampedEvent } from './protocol.js';

/** On one step this long without passing it, or failing it this many times, a learner counts as stuck. */
export const STUCK_MS = 5 * 60_000;
export const STUCK_FAILURES = 3;
const RECENT = 12;

export interface CourseOutline {
  title: string;
  steps: { ref: string; title: string }[];
}

export interface AttemptView {
  ref: string;
  commands: string[];
  typed: boolean;
  passed: boolean;
  failing?: string;
  explanation?: string;
  at: number;
}

export interface Learner {
  id: string;
  name: string;
  mode?: 'learn' | 'check';
  course?: CourseOutline;
  current?: string;
  /** When they opened the current step (their clock, never later than when it arrived). */
  currentSince?: number;
  /** Passed steps, in the order they passed. */
  done: string[];
  /** Steps they opened. */
  opened: Set<string>;
  attempts: number;
  failedAttempts: number;
  failedByStep: Map<string, number>;
  hints: number;
  whys: number;
  /** Label of the check their last attempt at the current step failed, while it still fails. */
  failing?: string;
  recent: AttemptView[];
  /** Highest event number applied: a resent batch is applied once. */
  lastSeq: number;
  lastSeen: number;
  left: boolean;
}

function newLearner(id: string, name: string): Learner {
  return { id, name, done: [], opened: new Set(), attempts: 0, failedAttempts: 0, failedByStep: new Map(), hints: 0, whys: 0, recent: [], lastSeq: 0, lastSeen: 0, left: false };
}

export class ClassModel {
  readonly learners = new Map<string, Learner>();
  /** The course of the first learner who joined: the per-step summary counts against it. */
  course?: CourseOutline;
  /** Bumped on every change, so a view redraws only when something happened. */
  version = 0;

  /** The part of a batch not applied yet (a resent batch is empty), or undefined when nothing is new. */
  fresh(batch: Batch): Batch | undefined {
    const last = this.learners.get(batch.learner.id)?.lastSeq ?? 0;
    const events = batch.events.filter((e) => e.seq > last);
    return events.length ? { learner: batch.learner, events } : undefined;
  }

  /** Applies a learner's batch, received at `rx` (ms). Returns how many events were new. */
  apply(batch: Batch, rx: number): number {
    const { id } = batch.learner;
    let l = this.learners.get(id);
    if (!l) this.learners.set(id, (l = newLearner(id, displayName(batch.learner.name))));
    else l.name = displayName(batch.learner.name);
    let fresh = 0;
    for (const e of batch.events) {
      if (e.seq <= l.lastSeq) continue;
      l.lastSeq = e.seq;
      this.event(l, cleanEvent(e), Math.min(e.at, rx));
      fresh++;
    }
    l.lastSeen = Math.max(l.lastSeen, rx);
    if (fresh) this.version++;
    return fresh;
  }

  private event(l: Learner, e: StampedEvent, at: number): void {
    switch (e.type) {
      case 'join':
        l.mode = e.mode;
        l.course = e.course;
        l.left = false;
        this.course ??= e.course;
        break;
      case 'open':
        if (l.current !== e.ref) {
          l.current = e.ref;
          l.currentSince = at;
          l.failing = undefined;
        }
        l.opened.add(e.ref);
        break;
      case 'attempt': {
        if (l.current !== e.ref) {
          l.current = e.ref;
          l.currentSince = at;
          l.opened.add(e.ref);
        }
        l.attempts++;
        if (e.passed) {
          if (!l.done.includes(e.ref)) l.done.push(e.ref);
          l.failing = undefined;
        } else {
          l.failedAttempts++;
          l.failedByStep.set(e.ref, (l.failedByStep.get(e.ref) ?? 0) + 1);
          l.failing = e.failing ?? '';
        }
        l.recent.push({ ref: e.ref, commands: e.commands, typed: e.typed, passed: e.passed, failing: e.failing, explanation: e.explanation, at });
        if (l.recent.length > RECENT) l.recent.shift();
        break;
      }
      case 'hint':
        l.hints++;
        break;
      case 'why':
        l.whys++;
        break;
      case 'leave':
        l.left = true;
        break;
    }
  }
}

/** One learner, as the dashboard and /v1/status show them at time `now`. */
export interface LearnerStatus {
  id: string;
  name: string;
  mode?: 'learn' | 'check';
  done: string[];
  current: string | null;
  /** Milliseconds on the current step; 0 once it passed. */
  onStepMs: number;
  attempts: number;
  failedAttempts: number;
  failedHere: number;
  hints: number;
  whys: number;
  skipped: string[];
  failing: string | null;
  stuck: boolean;
  finished: boolean;
  left: boolean;
  lastSeen: number;
  /** Follows the class's course (the per-step summary counts only these). */
  onClassCourse: boolean;
}

function sameOutline(a: CourseOutline, b: CourseOutline): boolean {
  return a.title === b.title && a.steps.length === b.steps.length && a.steps.every((s, i) => s.ref === b.steps[i].ref && s.title === b.steps[i].title);
}

export function learnerStatus(l: Learner, now: number, course = l.course): LearnerStatus {
  const steps = (l.course ?? course)?.steps ?? [];
  const here = l.current ?? null;
  const passedHere = here !== null && l.done.includes(here);
  const failedHere = here ? (l.failedByStep.get(here) ?? 0) : 0;
  const onStepMs = here && !passedHere && l.currentSince !== undefined ? Math.max(0, now - l.currentSince) : 0;
  const furthest = Math.max(-1, ...steps.map((s, i) => (l.opened.has(s.ref) || l.done.includes(s.ref) ? i : -1)));
  const skipped = steps.slice(0, Math.max(0, furthest)).filter((s) => !l.done.includes(s.ref) && s.ref !== here).map((s) => s.ref);
  const finished = steps.length > 0 && steps.every((s) => l.done.includes(s.ref));
  const stuck = !finished && here !== null && !passedHere && (failedHere >= STUCK_FAILURES || onStepMs >= STUCK_MS);
  return {
    id: l.id,
    name: l.name,
    mode: l.mode,
    done: [...l.done],
    current: here,
    onStepMs,
    attempts: l.attempts,
    failedAttempts: l.failedAttempts,
    failedHere,
    hints: l.hints,
    whys: l.whys,
    skipped,
    failing: l.failing !== undefined && !passedHere ? l.failing : null,
    stuck,
    finished,
    left: l.left,
    lastSeen: l.lastSeen,
    onClassCourse: !l.course || !course || l.course === course || sameOutline(l.course, course),
  };
}

/** Stuck first (longest on their step, then most failures there), finished last, then by name. */
export function stuckFirst(a: LearnerStatus, b: LearnerStatus): number {
  return (
    Number(b.stuck) - Number(a.stuck) ||
    Number(a.finished) - Number(b.finished) ||
    b.onStepMs - a.onStepMs ||
    b.failedHere - a.failedHere ||
    a.name.localeCompare(b.name) ||
    a.id.localeCompare(b.id)
  );
}

export function statuses(m: ClassModel, now: number): LearnerStatus[] {
  return [...m.learners.values()].map((l) => learnerStatus(l, now, m.course)).sort(stuckFirst);
}

export interface StepSummary {
  ref: string;
  title: string;
  passed: number;
  /** Learners whose current step this is and who have not passed it. */
  here: number;
  stuck: number;
  /** The check most of those here fail, with how many fail it. */
  topFailing?: { label: string; count: number };
}

export function stepSummaries(m: ClassModel, list: LearnerStatus[]): StepSummary[] {
  list = list.filter((l) => l.onClassCourse);
  return (m.course?.steps ?? []).map((s) => {
    const here = list.filter((l) => l.current === s.ref && !l.done.includes(s.ref));
    const counts = new Map<string, number>();
    for (const l of here) if (l.failing) counts.set(l.failing, (counts.get(l.failing) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return {
      ref: s.ref,
      title: s.title,
      passed: list.filter((l) => l.done.includes(s.ref)).length,
      here: here.length,
      stuck: here.filter((l) => l.stuck).length,
      topFailing: top ? { label: top[0], count: top[1] } : undefined,
    };
  });
}

/** The `GET /v1/status` document. */
export function statusJson(m: ClassModel, now: number) {
  const list = statuses(m, now);
  return {
    course: m.course ?? null,
    learners: list,
    steps: stepSummaries(m, list),
  };
}
