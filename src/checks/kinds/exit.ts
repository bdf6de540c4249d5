/** `exit:` the exit status of the step's last command line, or of the one `command: N` names. */
import * as z from 'zod/mini';
import type { Lang } from '../../i18n/index.js';
import type { CommandResult } from '../../lab/sandbox.js';
import { commandIndex } from '../fields.js';
import { defineKind, type ExpectationBase } from '../kind.js';
import { kindMessages } from '../labels.js';

export interface ExitExpectation extends ExpectationBase {
  kind: 'exit';
  status: number | 'nonzero';
  /** 1-based command line to judge; the last one when absent. */
  command?: number;
}

const t = kindMessages({
  en: {
    exit0: 'the command succeeds (exit status 0)',
    exitNonzero: 'the command fails (non-zero exit status)',
    exitN: 'the command exits with status {n}',
    nth: 'command {i}: {what}',
    actualExit: 'exit status was {n}',
    actualSignal: 'killed by {signal}',
    actualTimeout: 'timed out after {s}s and was killed',
    actualNoCommand: 'no command ran',
    actualNoNth: 'command {i} did not run ({n} ran)',
  },
  zh: {
    exit0: '命令执行成功（退出码 0）',
    exitNonzero: '命令执行失败（退出码非 0）',
    exitN: '命令的退出码为 {n}',
    nth: '第 {i} 条命令：{what}',
    actualExit: '退出码为 {n}',
    actualSignal: '被信号 {signal} 终止',
    actualTimeout: '运行超过 {s} 秒，已被终止',
    actualNoCommand: '没有执行任何命令',
    actualNoNth: '第 {i} 条命令没有执行（只执行了 {n} 条）',
  },
});

/** The command line `command: N` names (1-based), or the last; with why it is missing when it is. */
export function judgedCommand(commands: CommandResult[], index: number | undefined, lang: Lang): { result?: CommandResult; missing?: string } {
  if (!commands.length) return { missing: t(lang, 'actualNoCommand') };
  if (index === undefined) return { result: commands[commands.length - 1] };
  const result = commands[index - 1];
  return result ? { result } : { missing: t(lang, 'actualNoNth', { i: index, n: commands.length }) };
}

/** Prefixes "command N:" to a label when the check judges one particular command line. */
export function nthCommand(lang: Lang, index: number | undefined, what: string): string {
  return index === undefined ? what : t(lang, 'nth', { i: index, what });
}

/** The step expects its command to fail (a non-zero exit status), and it did. */
export function failedAsExpected(checks: readonly { passed: boolean; expectation: ExpectationBase }[]): boolean {
  return checks.some((c) => c.passed && c.expectation.kind === 'exit' && (c.expectation as ExitExpectation).status !== 0);
}

export const exitKind = defineKind<ExitExpectation>()({
  name: 'exit',
  fields: { exit: z.union([z.int().check(z.gte(0), z.lte(255)), z.literal('nonzero')]), command: commandIndex },
  build: (v) => ({ status: v.exit, command: v.command }),
  needs: () => ({ commands: true }),
  evaluate(e, obs, lang) {
    const { result: last, missing } = judgedCommand(obs.commands, e.command, lang);
    if (!last) return { passed: false, actual: missing };
    const actual = last.timedOut
      ? t(lang, 'actualTimeout', { s: Math.round(last.durationMs / 1000) })
      : last.code === null
        ? t(lang, 'actualSignal', { signal: last.signal ?? '?' })
        : t(lang, 'actualExit', { n: last.code });
    const ok = e.status === 'nonzero' ? last.code !== null && last.code !== 0 : last.code === e.status;
    return { passed: ok, actual, expectedFailure: e.status !== 0 };
  },
  label: (e, lang) => nthCommand(lang, e.command, e.status === 0 ? t(lang, 'exit0') : e.status === 'nonzero' ? t(lang, 'exitNonzero') : t(lang, 'exitN', { n: e.status })),
});
