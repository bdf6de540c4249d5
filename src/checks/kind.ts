/** The contract of a check kind: everything about one kind lives in one module of src/checks/kinds/. */
import * as z from 'zod/mini';
import type { Lang } from '../i18n/index.js';
import type { CommandResult } from '../lab/sandbox.js';
import type { LabState, Section } from '../lab/state.js';
import { COMMON_FIELDS } from './fields.js';

export type Where = 'host' | string;

export type PacketKind = 'arp-request' | 'arp-reply' | 'icmp-echo' | 'icmp-echo-request' | 'icmp-echo-reply';

/** What every expectation carries, whatever its kind. */
export interface ExpectationBase {
  kind: string;
  /** 1-based line in the lesson file where this expectation starts. */
  line: number;
  /** Lesson-authored explanation shown when this expectation fails. */
  explain?: string;
  /** Lesson-authored words shown instead of the generated label. */
  label?: string;
}

export interface PingOutcome {
  replied: boolean;
  output: string;
  /** The ping could not be sent at all: why. */
  error?: string;
}

export interface CaptureOutcome {
  /** The packet lines tcpdump printed. */
  lines: string[];
  seen: Set<PacketKind>;
  /** tcpdump itself failed (no such device, …). */
  error?: string;
}

/** Everything a step's checks are judged on, all of it recorded data. */
export interface Observations {
  state: LabState;
  commands: CommandResult[];
  pings: ReadonlyMap<ExpectationBase, PingOutcome>;
  captures: ReadonlyMap<ExpectationBase, CaptureOutcome>;
}

/** One kind's judgement; the label is added by the caller. */
export interface Verdict {
  passed: boolean;
  /** What was found instead (shown only when it failed). */
  actual?: string;
  /** The expected outcome was a failure (a ping that must not answer, a non-zero exit). */
  expectedFailure?: boolean;
  /** Packets a capture saw, one per line, for display. */
  captured?: string[];
}

/** What must be read from the lab before the kind can judge. */
export interface Needs {
  sections?: Section[];
  /** /proc/sys names (dotted) to read in every namespace. */
  sysctls?: string[];
  /**
   * Judged on what the step's commands did (exit status, output, packets they
   * sent): the lab alone cannot judge it again, and a fix must end by running
   * the step's commands that look.
   */
  commands?: boolean;
}

/** One explanation a kind offers for its own failed check; src/explain merges these with its rules. */
export interface KindFinding {
  /** Identifies what is explained; two findings with one id are one explanation. */
  id: string;
  /** Higher is more specific. */
  weight: number;
  /** What the tutor sees, in the learner's language; names no command. */
  text: string;
  /** A command line that would fix it, to be proven on a copy of the lab before it is shown. */
  fix?: string;
}

export interface KindDiagnosis<E> {
  e: E;
  /** The failed check's "actual" text. */
  actual?: string;
  state: LabState;
  commands: CommandResult[];
  lang: Lang;
}

export interface CheckKind<E extends ExpectationBase = ExpectationBase> {
  /** The YAML key that names the kind, e.g. `link`. */
  readonly name: E['kind'];
  /** Strict schema of the YAML mapping, common keys (explain, label) included. */
  readonly schema: z.ZodMiniType;
  /** The keys the mapping may hold (one may be another kind's name, as `port` in `learned`). */
  readonly keys: readonly string[];
  /** A rule between fields that the schema cannot say; returns the error message. */
  validate(value: any): string | undefined;
  /** The checked YAML mapping -> the engine's expectation. */
  build(value: any, line: number): E;
  needs(e: E): Needs;
  evaluate(e: E, obs: Observations, lang: Lang): Verdict;
  /** The sentence that names what the expectation checks. */
  label(e: E, lang: Lang): string;
  /** Explains a failed check of this kind, when the kind knows more than the general rules. */
  diagnose?(input: KindDiagnosis<E>): KindFinding[];
}

type Fields<E extends ExpectationBase> = Omit<E, 'kind' | 'line' | 'explain' | 'label'>;

export interface KindDefinition<E extends ExpectationBase, S extends z.core.$ZodLooseShape> {
  name: E['kind'];
  /** The keys of this kind (the kind's own key included); explain and label are added. */
  fields: S;
  validate?(value: z.output<z.ZodMiniObject<S>>): string | undefined;
  build(value: z.output<z.ZodMiniObject<S>>): Fields<E>;
  needs?(e: E): Needs;
  evaluate(e: E, obs: Observations, lang: Lang): Verdict;
  label(e: E, lang: Lang): string;
  diagnose?(input: KindDiagnosis<E>): KindFinding[];
}

/** Builds a kind from its definition: `defineKind<MyExpectation>()({ name, fields, … })`. */
export function defineKind<E extends ExpectationBase>() {
  return <S extends z.core.$ZodLooseShape>(def: KindDefinition<E, S>): CheckKind<E> => ({
    name: def.name,
    schema: z.strictObject({ ...def.fields, ...COMMON_FIELDS }),
    keys: [...Object.keys(def.fields), ...Object.keys(COMMON_FIELDS)],
    validate: (v) => def.validate?.(v),
    build: (v, line) => ({ ...def.build(v), kind: def.name, line, explain: v.explain, label: v.label }) as unknown as E,
    needs: (e) => def.needs?.(e) ?? {},
    evaluate: def.evaluate,
    label: def.label,
    diagnose: def.diagnose,
  });
}
