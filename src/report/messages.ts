/** What the plain report of a run (src/report/plain.ts) says around the steps, in English and Chinese. */
import { translator, type Messages } from '../i18n/index.js';

const table = {
  en: {
    labReady: 'Sandbox ready ({mode} mode, {ms} ms). Your own network is not touched.',
    modeRoot: 'root',
    modeRootless: 'rootless',
    lesson: 'Lesson {n}/{total} · {title}',
    substituted: '({tool} is not installed: running the iproute2 equivalent)',
    failedAsExpected: 'failed as expected',
    why: 'Why',
    explanation: 'What went wrong',
  },
  zh: {
    labReady: '沙盒已就绪（{mode} 模式，{ms} 毫秒）。你自己的网络不会受到任何影响。',
    modeRoot: 'root',
    modeRootless: '无 root',
    lesson: '第 {n}/{total} 课 · {title}',
    substituted: '（未安装 {tool}：改为执行等效的 iproute2 命令）',
    failedAsExpected: '如预期般失败',
    why: '原理',
    explanation: '问题出在哪里',
  },
} satisfies Messages<string>;

export type ReportKey = keyof typeof table.en;
export const tr = translator(table as Messages<ReportKey>);
