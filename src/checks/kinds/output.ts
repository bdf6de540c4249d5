/** `output:` a regular expression over what the step's commands printed (or one command's, with `command: N`). */
import { packRegex } from '../../text/pack-regex.js';
import { commandIndex, flag, regex } from '../fields.js';
import { defineKind, type ExpectationBase } from '../kind.js';
import { kindMessages } from '../labels.js';
import { judgedCommand, nthCommand } from './exit.js';

export interface OutputExpectation extends ExpectationBase {
  kind: 'output';
  pattern: string;
  matches: boolean;
  /** 1-based command line whose output is searched; all of them when absent. */
  command?: number;
}

const t = kindMessages({
  en: { output: 'the output shows /{p}/', noOutput: 'the output does not show /{p}/' },
  zh: { output: '输出中出现 /{p}/', noOutput: '输出中没有 /{p}/' },
});

export const outputKind = defineKind<OutputExpectation>()({
  name: 'output',
  fields: { output: regex, matches: flag(true), command: commandIndex },
  build: (v) => ({ pattern: v.output, matches: v.matches, command: v.command }),
  needs: () => ({ commands: true }),
  evaluate(e, obs, lang) {
    let text: string;
    if (e.command === undefined) text = obs.commands.map((c) => c.output).join('');
    else {
      const { result, missing } = judgedCommand(obs.commands, e.command, lang);
      if (!result) return { passed: false, actual: missing };
      text = result.output;
    }
    const found = packRegex(e.pattern, 'm').test(text);
    return { passed: found === e.matches };
  },
  label: (e, lang) => nthCommand(lang, e.command, t(lang, e.matches ? 'output' : 'noOutput', { p: e.pattern })),
});
