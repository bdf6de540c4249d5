/** `netns-tutor doctor`: can this machine run the course, and if not, exactly what to fix. */
import { existsSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import type { Lang } from '../i18n/index.js';
import { Lab } from '../lab/sandbox.js';
import { defaultMode, LabError } from '../lab/lab-error.js';
import { findTool, hiddenTools, installHint, labPath, TOOLS } from '../lab/tools.js';
import { courseRequirementProblems, lessonList, missingCourseTools, type RequirementProblem } from '../lab/requirements.js';
import { formatError, type LoadResult } from '../lesson/course.js';
import { labErrorMessage } from './lab-errors.js';

export type Status = 'ok' | 'warn' | 'fail';

export interface Finding {
  id: string;
  status: Status;
  message: string;
  fix?: string;
}

function sys(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Runs a probe on the host: bounded in time and output, killed if it hangs. */
async function probe(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await execa(cmd, args, { env: { PATH: labPath(), LANG: 'C.UTF-8' }, extendEnv: false, stdin: 'ignore', timeout: 5000, maxBuffer: 1 << 20, reject: false, forceKillAfterDelay: 500 });
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

async function version(cmd: string, args: string[]): Promise<string | undefined> {
  const r = await probe(cmd, args);
  return (r.stdout.trim() || r.stderr.trim()).split('\n')[0] || undefined;
}

const M = {
  en: {
    nsOk: 'kernel supports network, mount, PID and user namespaces',
    nsFail: 'kernel lacks namespace support ({missing})',
    root: 'running as root: root mode (the lab still runs in its own user namespace, as the unprivileged user nobody)',
    rootless: 'running as an unprivileged user: rootless mode (user namespace)',
    apparmor: 'AppArmor blocks unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)',
    maxUserns: 'user namespaces are disabled (user.max_user_namespaces=0)',
    usernsClone: 'unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0)',
    usernsOk: 'unprivileged user namespaces are allowed',
    usernsRootNote: 'unprivileged user namespaces are restricted here: learners without sudo cannot use rootless mode',
    tool: '{name}: {version}',
    toolMissing: '{name} is not installed',
    toolOptional: '{name} is not installed (optional: lessons use the iproute2 equivalent)',
    ipJson: 'iproute2 has no JSON output (-j); the checks need it',
    labOk: 'sandbox starts in {ms} ms ({mode} mode)',
    pingFrac: 'ping accepts fractional -W (short timeouts for pings that must fail)',
    pingNoFrac: 'this ping rejects fractional -W: {detail}',
    rpFilter: 'host rp_filter is {v}; the lab does not inherit it: every namespace of the lab starts from the kernel defaults',
    courseOk: 'the course\'s declared tools and kernel features are all here',
    courseTool: '{name} is not installed (lesson {lessons})',
    courseKernel: 'the kernel has no {name} (lesson {lessons}){detail}',
    courseErrors: 'the lessons have errors: {first}',
    courseUnprobed: 'the course\'s kernel features ({names}) were not probed: the sandbox did not start',
    summaryOk: 'ready: {mode} mode, all tools present',
    summaryWarn: 'ready with warnings: {list}',
    summaryFail: 'not ready: {list}',
  },
  zh: {
    nsOk: '内核支持网络、挂载、PID 和用户命名空间',
    nsFail: '内核缺少 namespace 支持（{missing}）',
    root: '以 root 运行：使用 root 模式（实验环境仍在自己的用户命名空间中，以无特权用户 nobody 运行）',
    rootless: '以普通用户运行：使用无 root 模式（用户命名空间）',
    apparmor: 'AppArmor 禁止普通用户创建用户命名空间（kernel.apparmor_restrict_unprivileged_userns=1）',
    maxUserns: '用户命名空间已被禁用（user.max_user_namespaces=0）',
    usernsClone: '普通用户的用户命名空间已被禁用（kernel.unprivileged_userns_clone=0）',
    usernsOk: '允许普通用户创建用户命名空间',
    usernsRootNote: '本机限制了普通用户的用户命名空间：没有 sudo 的学员无法使用无 root 模式',
    tool: '{name}:{version}',
    toolMissing: '未安装 {name}',
    toolOptional: '未安装 {name}（可选：课程会改用等效的 iproute2 命令）',
    ipJson: 'iproute2 不支持 JSON 输出（-j），而检查需要它',
    labOk: '沙盒启动耗时 {ms} 毫秒（{mode} 模式）',
    pingFrac: 'ping 支持小数形式的 -W（让注定失败的 ping 快速结束）',
    pingNoFrac: '此 ping 不接受小数形式的 -W:{detail}',
    rpFilter: '主机的 rp_filter 为 {v}；实验环境不继承它：其中每个命名空间都从内核默认值开始',
    courseOk: '课程声明需要的工具和内核功能都已具备',
    courseTool: '未安装 {name}（第 {lessons} 课需要）',
    courseKernel: '内核不支持 {name}（第 {lessons} 课需要）{detail}',
    courseErrors: '课程文件有错误：{first}',
    courseUnprobed: '沙盒没有启动，因此没有检测课程需要的内核功能（{names}）',
    summaryOk: '就绪：{mode} 模式，工具齐全',
    summaryWarn: '可用，但有警告：{list}',
    summaryFail: '无法运行：{list}',
  },
} as const;

function fmt(lang: Lang, key: keyof (typeof M)['en'], vars: Record<string, string | number> = {}): string {
  return M[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

const FIX_USERNS = 'sudo netns-tutor …  (or allow user namespaces, see README "Running without root")';

/** Checks that read files only, fast enough for the course menu. */
export function staticFindings(lang: Lang): Finding[] {
  const f: Finding[] = [];
  const nsMissing = ['net', 'mnt', 'pid', 'user'].filter((n) => !existsSync(`/proc/self/ns/${n}`));
  f.push(nsMissing.length ? { id: 'namespaces', status: 'fail', message: fmt(lang, 'nsFail', { missing: nsMissing.join(', ') }), fix: 'a Linux kernel built with CONFIG_NET_NS, CONFIG_USER_NS, CONFIG_PID_NS' } : { id: 'namespaces', status: 'ok', message: fmt(lang, 'nsOk') });
  const root = defaultMode() === 'root';
  f.push({ id: 'privileges', status: 'ok', message: fmt(lang, root ? 'root' : 'rootless') });
  const blockers: [string, keyof (typeof M)['en'], string][] = [];
  if (sys('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') blockers.push(['userns', 'apparmor', 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0']);
  if (sys('/proc/sys/user/max_user_namespaces') === '0') blockers.push(['userns', 'maxUserns', 'sudo sysctl -w user.max_user_namespaces=15000']);
  if (sys('/proc/sys/kernel/unprivileged_userns_clone') === '0') blockers.push(['userns', 'usernsClone', 'sudo sysctl -w kernel.unprivileged_userns_clone=1']);
  if (!blockers.length) f.push({ id: 'userns', status: 'ok', message: fmt(lang, 'usernsOk') });
  // As root the lab keeps CAP_SYS_ADMIN while it makes its user namespace, so only a zero limit stops it.
  for (const [id, key, fix] of blockers) {
    const warn = root && key !== 'maxUserns';
    f.push({ id, status: warn ? 'warn' : 'fail', message: warn ? `${fmt(lang, key)}: ${fmt(lang, 'usernsRootNote')}` : fmt(lang, key), fix: root ? fix : `${fix}   ${FIX_USERNS}` });
  }
  const hidden = hiddenTools();
  for (const t of TOOLS) {
    const path = hidden.has(t.name) ? undefined : findTool(t.name);
    if (!path) f.push({ id: `tool:${t.name}`, status: t.required ? 'fail' : 'warn', message: fmt(lang, t.required ? 'toolMissing' : 'toolOptional', { name: t.name }), fix: installHint([t]) });
  }
  const rp = sys('/proc/sys/net/ipv4/conf/all/rp_filter');
  if (rp && rp !== '0') f.push({ id: 'rp_filter', status: 'ok', message: fmt(lang, 'rpFilter', { v: rp }) });
  return f;
}

export function summarize(lang: Lang, findings: Finding[]): string {
  const bad = findings.filter((x) => x.status === 'fail');
  const warn = findings.filter((x) => x.status === 'warn');
  if (bad.length) return fmt(lang, 'summaryFail', { list: bad.map((x) => x.message).join('; ') });
  if (warn.length) return fmt(lang, 'summaryWarn', { list: warn.map((x) => x.message).join('; ') });
  return fmt(lang, 'summaryOk', { mode: defaultMode() });
}

async function activeFindings(lang: Lang): Promise<Finding[]> {
  const f: Finding[] = [];
  const hidden = hiddenTools();
  const tool = (name: string) => !hidden.has(name) && !!findTool(name);
  if (tool('ip')) {
    f.push({ id: 'version:ip', status: 'ok', message: fmt(lang, 'tool', { name: 'ip', version: (await version('ip', ['-V'])) ?? '?' }) });
    const json = await probe('ip', ['-j', 'link', 'show', 'lo']);
    try {
      JSON.parse(json.stdout);
    } catch {
      f.push({ id: 'ip-json', status: 'fail', message: fmt(lang, 'ipJson'), fix: 'install iproute2 4.14 or later' });
    }
  }
  if (tool('ping')) f.push({ id: 'version:ping', status: 'ok', message: fmt(lang, 'tool', { name: 'ping', version: (await version('ping', ['-V'])) ?? '?' }) });
  if (tool('tcpdump')) f.push({ id: 'version:tcpdump', status: 'ok', message: fmt(lang, 'tool', { name: 'tcpdump', version: (await version('tcpdump', ['--version'])) ?? '?' }) });
  if (tool('brctl')) f.push({ id: 'version:brctl', status: 'ok', message: fmt(lang, 'tool', { name: 'brctl', version: (await version('brctl', ['-V'])) ?? '?' }) });
  if (!tool('unshare')) return f;
  let lab: Lab | undefined;
  try {
    lab = await Lab.start();
    f.push({ id: 'sandbox', status: 'ok', message: fmt(lang, 'labOk', { ms: Math.round(performance.now() - lab.startedMs), mode: lab.mode }) });
    if (tool('ping')) {
      // Inside the sandbox, to its own loopback: nothing leaves it.
      const r = await lab.run('ping -n -c 1 -W 0.2 127.0.0.1', { timeoutMs: 5000 });
      f.push(r.code === 0 ? { id: 'ping-W', status: 'ok', message: fmt(lang, 'pingFrac') } : { id: 'ping-W', status: 'warn', message: fmt(lang, 'pingNoFrac', { detail: r.output.trim().split('\n')[0] }), fix: 'sudo apt-get install iputils-ping' });
    }
  } catch (e) {
    const message = e instanceof LabError ? labErrorMessage(e, lang) : String((e as Error).message);
    f.push({ id: 'sandbox', status: 'fail', message: message.split('\n')[0], fix: message.split('\n').slice(1).join(' ').trim() || undefined });
  } finally {
    await lab?.close();
  }
  return f;
}

/** What the course (built-in or --lessons) declares in `requires:`, checked on this machine. */
async function courseFindings(lang: Lang, loaded: LoadResult): Promise<Finding[]> {
  if (!loaded.course) return [{ id: 'course', status: 'fail', message: fmt(lang, 'courseErrors', { first: loaded.errors[0] ? formatError(loaded.errors[0]) : '?' }), fix: 'netns-tutor lint' }];
  let problems: RequirementProblem[];
  const unprobed: Finding[] = [];
  try {
    problems = await courseRequirementProblems(loaded.course);
  } catch (e) {
    // Kernel features are probed in a sandbox: where none starts (the finding above says why), the report goes on without them.
    if (!(e instanceof LabError)) throw e;
    problems = missingCourseTools(loaded.course);
    const names = [...new Set(loaded.course.lessons.flatMap((l) => l.requires?.kernel ?? []))];
    unprobed.push({ id: 'course:kernel', status: 'warn', message: fmt(lang, 'courseUnprobed', { names: names.join(', ') }) });
  }
  if (!problems.length && !unprobed.length) return [{ id: 'course', status: 'ok', message: fmt(lang, 'courseOk') }];
  return [...unprobed, ...problems.map((p) => ({
    id: `course:${p.kind}:${p.name}`,
    status: 'fail' as const,
    message: fmt(lang, p.kind === 'tool' ? 'courseTool' : 'courseKernel', { name: p.name, lessons: lessonList(p.lessons, lang), detail: p.detail ? ` (${p.detail})` : '' }),
    fix: p.fix || undefined,
  }))];
}

export async function runDoctor(lang: Lang, json: boolean, loaded?: LoadResult): Promise<number> {
  const findings = [...staticFindings(lang), ...(await activeFindings(lang)), ...(loaded ? await courseFindings(lang, loaded) : [])];
  const ok = !findings.some((x) => x.status === 'fail');
  if (json) process.stdout.write(JSON.stringify({ ok, mode: defaultMode(), summary: summarize(lang, findings), findings: findings.map((x) => ({ ...x, fix: x.fix ?? null })) }, null, 2) + '\n');
  else {
    for (const x of findings) {
      process.stdout.write(`${x.status === 'ok' ? '✔' : x.status === 'warn' ? '!' : '✘'} ${x.message}\n`);
      if (x.fix && x.status !== 'ok') process.stdout.write(`    → ${x.fix}\n`);
    }
    process.stdout.write(`\n${summarize(lang, findings)}\n`);
  }
  return ok ? 0 : 1;
}
