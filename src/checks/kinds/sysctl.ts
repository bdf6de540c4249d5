/** `sysctl:` a kernel setting under /proc/sys has a value in a namespace (net.* settings are per namespace). */
import * as z from 'zod/mini';
import { inNs, sysctlName } from '../fields.js';
import { inNs as inNamespace } from '../../lab/in-ns.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, nsName } from '../labels.js';

export interface SysctlExpectation extends ExpectationBase {
  kind: 'sysctl';
  /** Dotted name, e.g. net.ipv4.ip_forward. */
  name: string;
  /** Compared with the file's content, trimmed, runs of white space as one space. */
  value: string;
  in: Where;
}

const t = kindMessages({
  en: {
    sysctl: '{name} is {value} in {ns}',
    actualValue: '{name} is {value}',
    actualNoSuch: '{ns} has no setting {name}',
    differs: '{name} is {actual} in {ns}, and this step needs {value}.',
  },
  zh: {
    sysctl: '{ns} 中的 {name} 为 {value}',
    actualValue: '{name} 为 {value}',
    actualNoSuch: '{ns} 中没有 {name} 这个设置',
    differs: '{ns} 中的 {name} 是 {actual}，而这一步需要 {value}。',
  },
});

export const normalizeValue = (s: string) => s.trim().replace(/\s+/g, ' ');

export const sysctlKind = defineKind<SysctlExpectation>()({
  name: 'sysctl',
  fields: { sysctl: sysctlName, value: z.union([z.string(), z.number()], { error: 'needs `value`: a number or a text, such as 1 or "32768 60999"' }), in: inNs },
  build: (v) => ({ name: v.sysctl, value: normalizeValue(String(v.value)), in: v.in }),
  needs: (e) => ({ sections: ['sysctl'], sysctls: [e.name] }),
  evaluate(e, { state }, lang) {
    const found = state.sysctls?.find((s) => s.ns === e.in && s.name === e.name);
    if (!found) return { passed: false, actual: t(lang, 'actualNoSuch', { ns: nsName(lang, e.in), name: e.name }) };
    return { passed: normalizeValue(found.value) === e.value, actual: t(lang, 'actualValue', { name: e.name, value: normalizeValue(found.value) }) };
  },
  label: (e, lang) => t(lang, 'sysctl', { name: e.name, value: e.value, ns: nsName(lang, e.in) }),
  diagnose({ e, state, lang }) {
    const found = state.sysctls?.find((s) => s.ns === e.in && s.name === e.name);
    if (!found || !/^[\w .:/-]+$/.test(e.value)) return [];
    const set = `sysctl -w ${e.name}=${/\s/.test(e.value) ? `'${e.value}'` : e.value}`;
    return [
      {
        id: `sysctl:${e.in}:${e.name}`,
        weight: 60,
        text: t(lang, 'differs', { name: e.name, actual: normalizeValue(found.value), ns: nsName(lang, e.in), value: e.value }),
        fix: inNamespace(e.in, set),
      },
    ];
  },
});
