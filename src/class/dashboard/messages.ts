/** The dashboard's words, in English and Chinese. */
import { translator, type Messages } from '../../i18n/index.js';

type Key =
  | 'title'
  | 'counts'
  | 'nowOn'
  | 'nobody'
  | 'colName'
  | 'colAt'
  | 'colSteps'
  | 'colTime'
  | 'colHw'
  | 'colFailing'
  | 'keysList'
  | 'keysSteps'
  | 'keysLearner'
  | 'traffic'
  | 'colRef'
  | 'colTitle'
  | 'colPassed'
  | 'colHere'
  | 'colStuck'
  | 'colTop'
  | 'learnerHead'
  | 'learnerLine'
  | 'noAttempts'
  | 'typed'
  | 'lessonCommands'
  | 'shellCheck'
  | 'failingLabel'
  | 'explanationLabel'
  | 'gone'
  | 'waitingForLearners'
  | 'legend';

const table: Messages<Key> = {
  en: {
    title: 'netns-tutor class · {url} · code {code}',
    counts: '{n} learners · {stuck} stuck · {finished} finished',
    nowOn: 'Now on: ',
    nobody: 'nobody on a step yet',
    colName: 'NAME',
    colAt: 'AT',
    colSteps: 'STEPS',
    colTime: 'TIME',
    colHw: 'H/W',
    colFailing: 'FAILING NOW',
    keysList: '↑↓ select · Enter attempts · Tab steps · q quit',
    keysSteps: '↑↓ scroll · Tab learners · q quit',
    keysLearner: 'Esc back · q quit',
    traffic: '{accepted} events · {refused} refused',
    colRef: 'STEP',
    colTitle: 'TITLE',
    colPassed: 'PASSED',
    colHere: 'HERE',
    colStuck: 'STUCK',
    colTop: 'MOST FAIL',
    learnerHead: '{name} · at {at} · {time} on it · {passed}/{total} passed',
    learnerLine: '{attempts} attempts ({failed} failed) · {hints} hints · {whys} whys{skipped}',
    noAttempts: 'No attempts yet.',
    typed: 'typed',
    lessonCommands: "lesson's commands",
    shellCheck: 'checked after a shell',
    failingLabel: 'Failing: ',
    explanationLabel: 'Told: ',
    gone: 'This learner is no longer in the list.',
    waitingForLearners: 'Waiting for learners: they join with --join {url} --code {code} --name NAME',
    legend: '✔ passed  ✘ failed  » skipped  ● here  · not yet  ! stuck',
  },
  zh: {
    title: 'netns-tutor 课堂 · {url} · 代码 {code}',
    counts: '{n} 名学员 · {stuck} 名卡住 · {finished} 名完成',
    nowOn: '当前所在：',
    nobody: '还没有人开始步骤',
    colName: '名字',
    colAt: '位置',
    colSteps: '步骤',
    colTime: '用时',
    colHw: '提/理',
    colFailing: '当前未通过的检查',
    keysList: '↑↓ 选择 · Enter 查看尝试 · Tab 步骤 · q 退出',
    keysSteps: '↑↓ 滚动 · Tab 学员 · q 退出',
    keysLearner: 'Esc 返回 · q 退出',
    traffic: '{accepted} 条事件 · 拒绝 {refused} 次',
    colRef: '步骤',
    colTitle: '标题',
    colPassed: '通过',
    colHere: '在此',
    colStuck: '卡住',
    colTop: '最常未通过',
    learnerHead: '{name} · 在 {at} · 已用 {time} · 通过 {passed}/{total}',
    learnerLine: '尝试 {attempts} 次（失败 {failed} 次）· 提示 {hints} 次 · 原理 {whys} 次{skipped}',
    noAttempts: '还没有尝试。',
    typed: '自己输入',
    lessonCommands: '课程命令',
    shellCheck: '在 shell 之后检查',
    failingLabel: '未通过：',
    explanationLabel: '得到的解释：',
    gone: '这名学员已不在列表中。',
    waitingForLearners: '等待学员加入：--join {url} --code {code} --name 名字',
    legend: '✔ 通过  ✘ 失败  » 跳过  ● 当前  · 未到  ! 卡住',
  },
};

export const td = translator(table);
