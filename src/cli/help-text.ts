/** Every text of `--help`, in both languages: descriptions of the program, its options, commands and arguments, and commander's own words. */
import type { Lang } from '../i18n/index.js';

const en = {
  program: 'Learn Linux network namespaces, veth pairs and bridges by doing, on the real kernel, inside a throwaway sandbox.',
  optLessons: 'use the lessons in this folder',
  optLang: 'language of the course and the interface',
  optPlain: 'print a plain transcript instead of the interactive interface',
  optJoin: "join an instructor's class at this address (see docs/class.md)",
  optCode: 'the class code, to join a class or to start one',
  optName: 'your name in the class you join',
  optJoinWait: 'how long to wait at the end for an unreachable class (default 20 for check)',
  optVersion: 'print the version number',
  optHelp: 'show this help',
  helpCommand: 'show the help of a command',
  argRef: 'step as L.S',
  optJson: 'machine-readable output',
  start: 'open the tutor at a step, e.g. `start 2.1`',
  present: 'presenter mode for a projector: play the course step by step',
  optPace: 'advance automatically after this many seconds',
  list: 'list lessons and steps',
  check: 'run the whole course in a fresh sandbox and check every step',
  optMutants: "run each step's declared wrong answers instead, and check each fails with its explanation",
  optVerbose: 'print the full transcript',
  optSteps: 'with --mutants: only these steps, comma-separated (5.3 is a step, 5 a whole lesson)',
  try: 'run your own command in place of a step, after replaying the steps before it',
  argCommand: 'the command line, after --',
  class: 'run a class: learners join with --join, the instructor sees who is stuck (see docs/class.md)',
  optPort: 'port to serve on (default 7070; 0 picks a free one)',
  optHost: 'address to serve on (default: every address of this machine)',
  optResume: 'continue the last class from its log, with its code and port',
  optHeadless: 'serve without the dashboard (for a class server, and for tests)',
  lint: 'validate lesson files; errors as file:line: message',
  argDir: 'lessons folder (default: the built-in course, every language)',
  doctor: 'check this machine for the course: namespaces, tools, privileges',
  progress: 'what this learner has completed, and when',
  optReset: 'forget the progress of every course, or of one (its key, as --json shows it)',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  program: '在真实的内核上、在用完即弃的沙盒里动手学习 Linux 网络命名空间、veth pair 和网桥。',
  optLessons: '使用这个文件夹里的课程',
  optLang: '课程和界面的语言',
  optPlain: '输出纯文本记录，不用交互界面',
  optJoin: '加入讲师在这个地址开的课堂（见 docs/class.md）',
  optCode: '课堂码：加入课堂或开课时使用',
  optName: '你在所加入课堂里的名字',
  optJoinWait: '结束时等待连不上的课堂多久（check 默认 20 秒）',
  optVersion: '显示版本号',
  optHelp: '显示本帮助',
  helpCommand: '显示某个命令的帮助',
  argRef: '步骤，格式为 课.步',
  optJson: '机器可读的输出',
  start: '从某一步打开教程，例如 `start 2.1`',
  present: '投影用的演示模式：一步一步播放课程',
  optPace: '每隔这么多秒自动前进一步',
  list: '列出课程和步骤',
  check: '在全新的沙盒里运行整套课程，检查每一步',
  optMutants: '改为运行每一步声明的错误答案，检查每个都会失败并给出对应的解释',
  optVerbose: '输出完整记录',
  optSteps: '配合 --mutants：只运行这些步骤，用逗号分隔（5.3 是一步，5 是整课）',
  try: '先重放前面的步骤，再用你自己的命令代替某一步来运行',
  argCommand: '要运行的命令行，写在 -- 之后',
  class: '开一个课堂：学员用 --join 加入，讲师可以看到谁卡住了（见 docs/class.md）',
  optPort: '监听的端口（默认 7070；0 表示自动选一个空闲端口）',
  optHost: '监听的地址（默认：本机的所有地址）',
  optResume: '根据日志继续上一次的课堂，沿用原来的课堂码和端口',
  optHeadless: '不显示仪表盘，只提供服务（用于课堂服务器和测试）',
  lint: '检查课程文件；错误以 文件:行号: 说明 的格式列出',
  argDir: '课程文件夹（默认：内置课程的所有语言）',
  doctor: '检查这台机器能否上这门课：命名空间、工具、权限',
  progress: '这位学员完成了什么、在什么时候完成',
  optReset: '清除所有课程的进度，或只清除其中一门（用 --json 显示的键）',
};

/** commander's section titles. */
const TITLES: Record<Lang, Record<string, string>> = {
  en: {},
  zh: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' },
};

export function helpText(lang: Lang): Record<Key, string> {
  return lang === 'zh' ? zh : en;
}

export function helpTitle(lang: Lang, title: string): string {
  return TITLES[lang][title] ?? title;
}

/** The language `--help` is shown in: `--lang` on the command line (either form), else the locale. */
export function langFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') return argv[i + 1];
    if (argv[i].startsWith('--lang=')) return argv[i].slice('--lang='.length);
  }
  return undefined;
}

/** The values an option takes, after its description. */
export function choicesNote(lang: Lang, choices: readonly string[]): string {
  return lang === 'zh' ? `（可选：${choices.join('、')}）` : `(choices: ${choices.join(', ')})`;
}

/** commander puts a space after each title; after a full-width colon it is one too many. */
export function helpSpacing(lang: Lang, text: string): string {
  return lang === 'zh' ? text.replace(/：[ ]/g, '：') : text;
}

/** commander's error lines, in Chinese; anything not listed stays as commander wrote it. */
const ZH_ERRORS: [RegExp, string][] = [
  [/^error: unknown option '(.+)'(?:\n\(Did you mean (.+)\?\))?$/s, '错误：没有选项 $1。'],
  [/^error: unknown command '(.+)'$/, '错误：没有命令 $1。'],
  [/^error: missing required argument '(.+)'$/, '错误：缺少参数 $1。'],
  [/^error: option '(.+)' argument '(.+)' is invalid\. Allowed choices are (.+)\.$/, '错误：选项 $1 不接受 $2，可选的值为 $3。'],
  [/^error: option '(.+)' argument missing$/, '错误：选项 $1 后面缺少值。'],
  [/^error: too many arguments for '(.+)'\. Expected 0 arguments but got (\d+)\.$/, '错误：$1 不接受参数，这里给了 $2 个。'],
  [/^error: too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/, '错误：$1 最多接受 $2 个参数，这里给了 $3 个。'],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, '错误：最多接受 $1 个参数，这里给了 $2 个。'],
];

/** A commander error in the learner's language, with where to look next. */
export function commanderError(lang: Lang, text: string): string {
  const line = text.trim();
  if (lang !== 'zh') return `${line}\nSee netns-tutor --help.\n`;
  for (const [re, zhText] of ZH_ERRORS) if (re.test(line)) return `${line.replace(re, zhText)}\n运行 netns-tutor --help 查看用法。\n`;
  return `${line}\n运行 netns-tutor --help 查看用法。\n`;
}
