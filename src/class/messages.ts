/** Words of the class: the learner's join lines and the instructor's dashboard, in English and Chinese. */
import { translator, type Messages } from '../i18n/index.js';

type Key =
  | 'joined'
  | 'shared'
  | 'delivered'
  | 'waiting'
  | 'kept'
  | 'refused'
  | 'badUrl'
  | 'needCode'
  | 'needJoin'
  | 'badWait'
  | 'badPort'
  | 'classStarted'
  | 'classResumed'
  | 'joinWith'
  | 'serving'
  | 'stopped'
  | 'noResume'
  | 'portBusy'
  | 'codeDiffers'
  | 'badCode'
  | 'unreachable'
  | 'badge-connecting'
  | 'badge-connected'
  | 'badge-offline'
  | 'badge-refused';

const table: Messages<Key> = {
  en: {
    joined: 'Joined the class at {url} as "{name}".',
    shared:
      'Shared with the instructor: your name, the steps you open and pass, the commands you run with the first explanation of a failure, and how many hints and whys you open. Command output and anything outside the tutor stay on this machine.',
    delivered: 'Class: {n} events delivered.',
    waiting: 'Class at {url} unreachable ({detail}); waiting up to {s} s to send {n} events (Ctrl+C stops waiting; nothing is lost).',
    kept: 'Class: {n} events kept in {file}; they are sent the next time you join this class as "{name}".',
    refused: 'The class at {url} refused the code ({detail}). Check the code with your instructor; your events are kept and sent when you join with the right one.',
    badUrl: '--join needs the address the instructor gave, like http://10.0.0.5:7070 (got "{url}").',
    needCode: '--join needs the class code too: --code CODE (the instructor’s screen shows it).',
    needJoin: '{option} is for joining a class: add --join URL.',
    badWait: '--join-wait needs a number of seconds, got "{value}".',
    badPort: '--port needs a port number from 0 to 65535, got "{value}".',
    classStarted: 'Class started. Its log: {dir}',
    classResumed: 'Class resumed with {learners} learners from {dir}{skipped}.',
    joinWith: 'Learners join with:  netns-tutor --join {url} --code {code} --name "THEIR NAME"',
    serving: 'Serving on {urls} (code {code}). Ctrl+C stops the class; `netns-tutor class --resume` brings it back.',
    stopped: 'Class stopped. Everything is in {dir}.',
    noResume: 'There is no class to resume in {dir}. Start one with `netns-tutor class`.',
    portBusy: 'Port {port} is in use on {host}. Choose another with --port N (learners then join with that port).',
    codeDiffers: 'The class in {dir} has another code; --resume keeps its code ({code}). Start a new class without --resume to use a new one.',
    badCode: '--code must be 4 to 64 letters, digits or dashes, got "{value}".',
    unreachable: 'The class at {url} did not answer ({detail}).',
    'badge-connecting': 'class: connecting…',
    'badge-connected': 'class: connected',
    'badge-offline': 'class: offline, {n} queued',
    'badge-refused': 'class: code refused',
  },
  zh: {
    joined: '已加入课堂 {url}，名字为“{name}”。',
    shared: '与讲师共享的内容：你的名字、你打开和通过的步骤、你运行的命令及失败时的第一条解释、你打开提示和原理说明的次数。命令输出以及本教程之外的任何内容都留在本机。',
    delivered: '课堂：已送达 {n} 条事件。',
    waiting: '无法连接课堂 {url}（{detail}）；最多等待 {s} 秒以发送 {n} 条事件（按 Ctrl+C 停止等待，不会丢失任何内容）。',
    kept: '课堂：{n} 条事件保存在 {file}；下次以“{name}”加入这个课堂时会发送。',
    refused: '课堂 {url} 拒绝了这个代码（{detail}）。请向讲师核对代码；你的事件会保留，用正确的代码加入时发送。',
    badUrl: '--join 需要讲师给出的地址，例如 http://10.0.0.5:7070（收到的是“{url}”）。',
    needCode: '--join 还需要课堂代码：--code CODE（讲师的屏幕上有）。',
    needJoin: '{option} 用于加入课堂：请加上 --join URL。',
    badWait: '--join-wait 需要秒数，收到的是“{value}”。',
    badPort: '--port 需要 0 到 65535 之间的端口号，收到的是“{value}”。',
    classStarted: '课堂已开始。日志位于：{dir}',
    classResumed: '已从 {dir} 恢复课堂，共 {learners} 名学员{skipped}。',
    joinWith: '学员这样加入：netns-tutor --join {url} --code {code} --name "名字"',
    serving: '正在 {urls} 上服务（代码 {code}）。按 Ctrl+C 结束课堂；用 `netns-tutor class --resume` 可以恢复。',
    stopped: '课堂已结束。所有记录都在 {dir}。',
    noResume: '{dir} 中没有可以恢复的课堂。请用 `netns-tutor class` 开始一个。',
    portBusy: '{host} 上的端口 {port} 已被占用。请用 --port N 换一个（学员随之用这个端口加入）。',
    codeDiffers: '{dir} 中的课堂使用另一个代码；--resume 沿用它的代码（{code}）。如需新代码，请不带 --resume 开始新课堂。',
    badCode: '--code 必须是 4 到 64 个字母、数字或短横线，收到的是“{value}”。',
    unreachable: '课堂 {url} 没有响应（{detail}）。',
    'badge-connecting': '课堂：连接中…',
    'badge-connected': '课堂：已连接',
    'badge-offline': '课堂：离线，{n} 条待发',
    'badge-refused': '课堂：代码被拒绝',
  },
};

export const tcl = translator(table);
export type ClassMessageKey = Key;
