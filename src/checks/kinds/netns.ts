/** `netns:` a named namespace exists (or not). */
import { flag, where } from '../fields.js';
import { defineKind, type ExpectationBase } from '../kind.js';
import { kindMessages, tl } from '../labels.js';

export interface NetnsExpectation extends ExpectationBase {
  kind: 'netns';
  name: string;
  exists: boolean;
}

const t = kindMessages({
  en: { netns: 'namespace {name} exists', noNetns: 'namespace {name} does not exist', actualNoNetns: 'namespaces present: {list}' },
  zh: { netns: '命名空间 {name} 存在', noNetns: '命名空间 {name} 不存在', actualNoNetns: '现有的命名空间：{list}' },
});

export const netnsKind = defineKind<NetnsExpectation>()({
  name: 'netns',
  fields: { netns: where, exists: flag(true) },
  build: (v) => ({ name: v.netns, exists: v.exists }),
  needs: () => ({ sections: ['ids'] }),
  evaluate(e, { state }, lang) {
    const has = state.namespaces.includes(e.name);
    return { passed: has === e.exists, actual: t(lang, 'actualNoNetns', { list: state.namespaces.join(', ') || tl(lang, 'none') }) };
  },
  label: (e, lang) => t(lang, e.exists ? 'netns' : 'noNetns', { name: e.name }),
});
