/** Runs one step in a lab: captures around its commands, then reads state, pings and judges. */
import type { Lang } from '../i18n/index.js';
import type { CommandResult, Lab } from '../lab/sandbox.js';
import { ALL_SECTIONS, EMPTY_STATE, readLabState, type LabState, type Section } from '../lab/state.js';
import type { Expectation, Step } from '../lesson/types.js';
import type { CheckResult } from '../checks/result.js';
import { evaluate, type CaptureOutcome, type Observations, type PingOutcome } from '../checks/evaluate.js';
import { judgesCommands, needsOf } from '../checks/registry.js';
import { runPing, startCapture, stopCapture, type Capture } from './probes.js';
import { explainDrafts } from './explanations.js';
import { combinedFix, fixesToProve, settle } from '../explain/rank.js';
import { looksOf } from '../explain/rules/context.js';
import { PROOF_LIMIT, proveFixes, type ProofRun } from './proofs.js';
import type { EngineListener, StepResult } from './types.js';

export interface RunStepOptions {
  ref: string;
  lang: Lang;
  /** A learner's own command line, run in place of the step's commands. */
  command?: string;
  signal?: AbortSignal;
  emit?: EngineListener;
  /** Tools that are not installed: steps with a `without` entry for one of them run its commands instead. */
  missing?: ReadonlySet<string>;
  /** Read the whole lab state even when the checks need less (the UI draws it). */
  fullState?: boolean;
  /** Proves candidate fixes of a failure; without it, explanations offer no fix. */
  prove?: ProofRun;
  /**
   * Prove after 'step-end' instead of before it (the UI): the result has
   * proving: true and 'explanations' events follow until this signal aborts.
   */
  proveLater?: AbortSignal;
}

/** The parts of the lab state a step's checks read (each kind says what it needs). */
export function sectionsFor(step: Step): Set<Section> {
  return needsOf(step.expect).sections;
}

export function commandsFor(step: Step, missing: ReadonlySet<string> = new Set()): { commands: string[]; substituted?: string } {
  for (const [tool, alt] of Object.entries(step.without)) if (missing.has(tool)) return { commands: alt, substituted: tool };
  return { commands: step.commands };
}

/** Runs commands one after another; all run even when one fails, unless cancelled. */
export async function runCommands(lab: Lab, commands: string[], step: Step, opts: Pick<RunStepOptions, 'ref' | 'signal' | 'emit'>): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  // What earlier steps (or attempts) left running, such as a server that was never connected to,
  // would answer in place of the one this step starts: every step starts without them.
  lab.stopLeftovers();
  for (const [index, command] of commands.entries()) {
    if (opts.signal?.aborted) break;
    opts.emit?.({ type: 'command-start', ref: opts.ref, index, command });
    const result = await lab.run(command, {
      timeoutMs: step.timeout * 1000,
      signal: opts.signal,
      onOutput: opts.emit ? (chunk, fd) => opts.emit!({ type: 'output', ref: opts.ref, index, chunk, fd }) : undefined,
    });
    results.push(result);
    opts.emit?.({ type: 'command-end', ref: opts.ref, index, result });
    if (lab.isClosed) break;
  }
  return results;
}

type CaptureExp = Extract<Expectation, { kind: 'capture' }>;

/**
 * The step's own commands that only look, when a check judges what the commands did: a proof judges every
 * check again after the fix alone, so a fix passes only once they have run again (even where they passed before).
 */
export function looksFor(commands: readonly string[], checks: readonly CheckResult[]): string[] {
  if (!checks.some((c) => judgesCommands(c.expectation))) return [];
  return looksOf(commands);
}

export async function runStep(lab: Lab, step: Step, opts: RunStepOptions): Promise<StepResult> {
  const t0 = performance.now();
  const chosen = opts.command !== undefined ? { commands: [opts.command] } : commandsFor(step, opts.missing);
  opts.emit?.({ type: 'step-start', ref: opts.ref, step, commands: chosen.commands, substituted: chosen.substituted });

  // What a typed command changed is read against the state before it.
  const before = opts.command !== undefined ? await readLabState(lab).catch(() => undefined) : undefined;
  const captureTimeout = (step.timeout * chosen.commands.length + 10) * 1000;
  const captureExps = step.expect.filter((e): e is CaptureExp => e.kind === 'capture');
  const around = captureExps.filter((e) => !e.during).map((e) => startCapture(lab, e, captureTimeout));
  await Promise.all(around.map((c) => c.listening));

  const commands = await runCommands(lab, chosen.commands, step, opts);

  const captures = new Map<Expectation, CaptureOutcome>();
  for (const [e, outcome] of await Promise.all(around.map(async (c) => [c.exp, await stopCapture(c)] as const))) captures.set(e, outcome);
  for (const e of captureExps.filter((x) => x.during)) {
    if (opts.signal?.aborted) break;
    const c: Capture = startCapture(lab, e, step.timeout * 1000 + 10_000);
    await c.listening;
    await lab.run(e.during!, { timeoutMs: step.timeout * 1000, signal: opts.signal });
    captures.set(e, await stopCapture(c));
  }

  const sections = opts.fullState ? ALL_SECTIONS : sectionsFor(step);
  const pingExps = step.expect.filter((e): e is Extract<Expectation, { kind: 'ping' }> => e.kind === 'ping');
  // A probe ping adds ARP and bridge entries, so it waits for the state those checks read.
  const stateFirst = sections.has('neigh') || sections.has('fdb');
  const readState = (): Promise<LabState> => (sections.size ? readLabState(lab, sections, needsOf(step.expect).sysctls) : Promise.resolve(EMPTY_STATE));
  const [state, outcomes] = stateFirst
    ? await readState().then(async (st) => [st, await Promise.all(pingExps.map((e) => runPing(lab, e)))] as const)
    : await Promise.all([readState(), Promise.all(pingExps.map((e) => runPing(lab, e)))]);
  const pings = new Map<Expectation, PingOutcome>();
  pingExps.forEach((e, i) => pings.set(e, outcomes[i]));

  const obs: Observations = { state, commands, pings, captures };
  const checks = step.expect.map((e) => evaluate(e, obs, opts.lang));
  const cancelled = commands.some((c) => c.cancelled) || !!opts.signal?.aborted;
  const passed = !cancelled && checks.every((c) => c.passed);
  // Diagnosis compares against everything, so a failure reads the whole state.
  const fullState = passed || sections === ALL_SECTIONS ? state : await readLabState(lab);
  const drafts = passed ? [] : explainDrafts({ step, commands, checks, state: fullState, before, lang: opts.lang, pings, builtin: step.diagnose });
  const combined = combinedFix(drafts, passed ? [] : looksFor(commandsFor(step, opts.missing).commands, checks));
  const candidates = opts.prove && !cancelled ? [...new Set([...fixesToProve(drafts, PROOF_LIMIT), ...(combined ? [combined] : [])])] : [];
  const later = opts.proveLater && candidates.length ? opts.proveLater : undefined;
  const proofs = candidates.length && !later ? await proveFixes(candidates, opts.prove!, { signal: opts.signal }) : new Map<string, boolean>();
  const explanations = settle(drafts, (fix) => proofs.get(fix), combined, !!opts.prove);
  const result: StepResult = {
    ref: opts.ref,
    step,
    commands,
    checks,
    passed,
    explanations,
    proving: !!later,
    state: fullState,
    substituted: chosen.substituted,
    durationMs: performance.now() - t0,
  };
  opts.emit?.({ type: 'step-end', result });
  if (later) {
    const emit = opts.emit;
    void proveFixes(candidates, opts.prove!, {
      signal: later,
      onProof: (fix, ok) => {
        proofs.set(fix, ok);
        emit?.({ type: 'explanations', ref: opts.ref, explanations: settle(drafts, (f) => proofs.get(f), combined), proving: proofs.size < candidates.length });
      },
    });
  }
  return result;
}
