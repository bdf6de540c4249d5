/**
 * What a lesson pack needs from the machine (front matter `requires:`): the
 * programs its commands run, found on the lab's PATH, and kernel features,
 * probed in a throwaway sandbox of their own. Reported, with what to install,
 * before anything of the course runs.
 */
import { joinList, translator, type Lang } from '../i18n/index.js';
import { KERNEL_FEATURE_NAMES, KERNEL_FEATURES } from './kernel-features.js';
import { knownPresent, rememberPresent, type FeatureCache } from './feature-cache.js';
import { Lab } from './sandbox.js';
import { findTool, hiddenTools, installHint, type ToolInfo } from './tools.js';

/** Debian and Fedora packages of programs lesson packs commonly run (others: a package of the same name). */
const PACKAGES: Record<string, [string, string]> = {
  ip: ['iproute2', 'iproute'],
  bridge: ['iproute2', 'iproute'],
  ss: ['iproute2', 'iproute'],
  tc: ['iproute2', 'iproute-tc'],
  ping: ['iputils-ping', 'iputils'],
  arping: ['iputils-arping', 'iputils'],
  tracepath: ['iputils-tracepath', 'iputils'],
  tcpdump: ['tcpdump', 'tcpdump'],
  brctl: ['bridge-utils', 'bridge-utils'],
  nft: ['nftables', 'nftables'],
  iptables: ['iptables', 'iptables-nft'],
  nc: ['netcat-openbsd', 'nmap-ncat'],
  socat: ['socat', 'socat'],
  curl: ['curl', 'curl'],
  conntrack: ['conntrack', 'conntrack-tools'],
  ethtool: ['ethtool', 'ethtool'],
  traceroute: ['traceroute', 'traceroute'],
  sysctl: ['procps', 'procps-ng'],
  nsenter: ['util-linux', 'util-linux'],
  unshare: ['util-linux', 'util-linux'],
  python3: ['python3', 'python3'],
};

export function toolInfo(name: string): ToolInfo {
  const [debian, fedora] = PACKAGES[name] ?? [name, name];
  return { name, required: true, debian, fedora };
}

export interface RequirementProblem {
  kind: 'tool' | 'kernel';
  name: string;
  /** Numbers (from 1) of the lessons that declare it. */
  lessons: number[];
  /** What to do about it: a command when there is one. */
  fix: string;
  /** For a kernel feature: what the probe said, or why it could not run. */
  detail?: string;
}

/** What this module reads of a course: each lesson's `requires:` (a course from src/lesson fits). */
export interface Requiring {
  lessons: readonly { requires?: { tools?: readonly string[]; kernel?: readonly string[] } }[];
}

/** name -> numbers of the lessons that declare it, in course order. */
function declared(course: Requiring, kind: 'tools' | 'kernel'): Map<string, number[]> {
  const out = new Map<string, number[]>();
  course.lessons.forEach((l, i) => {
    for (const name of l.requires?.[kind] ?? []) out.set(name, [...(out.get(name) ?? []), i + 1]);
  });
  return out;
}

export function lessonList(lessons: readonly number[], lang: Lang): string {
  return joinList(lang, lessons);
}

/** Declared programs that are not on the lab's PATH (NETNS_TUTOR_WITHOUT hides some, for tests). */
export function missingCourseTools(course: Requiring): RequirementProblem[] {
  const hidden = hiddenTools();
  return [...declared(course, 'tools')]
    .filter(([name]) => hidden.has(name) || !findTool(name))
    .map(([name, lessons]) => ({ kind: 'tool' as const, name, lessons, fix: installHint([toolInfo(name)]) }));
}

/** Runs each feature's probe in one throwaway sandbox; nothing of it outlives the call. */
export async function probeKernelFeatures(names: readonly string[], startLab: () => Promise<Lab> = () => Lab.start()): Promise<Map<string, { ok: boolean; detail?: string }>> {
  const out = new Map<string, { ok: boolean; detail?: string }>();
  const known = names.filter((n) => KERNEL_FEATURES[n]);
  for (const n of names) if (!KERNEL_FEATURES[n]) out.set(n, { ok: false, detail: `unknown feature (known: ${KERNEL_FEATURE_NAMES.join(', ')})` });
  if (!known.length) return out;
  const lab = await startLab();
  try {
    for (const name of known) {
      const probe = KERNEL_FEATURES[name].probes.find((p) => findTool(p.needs));
      if (!probe) {
        out.set(name, { ok: false, detail: `cannot be probed without ${KERNEL_FEATURES[name].probes.map((p) => p.needs).join(' or ')}` });
        continue;
      }
      const r = await lab.run(probe.run, { timeoutMs: 10_000 });
      out.set(name, r.code === 0 ? { ok: true } : { ok: false, detail: r.output.trim().split('\n').pop() || `exit status ${r.code}` });
    }
  } finally {
    await lab.close();
  }
  return out;
}

/**
 * Every declared requirement this machine does not meet; kernel features are probed only when some
 * are declared. With a cache, features already found present on this boot are not probed again
 * (doctor passes none: it always looks afresh).
 */
export async function courseRequirementProblems(course: Requiring, startLab?: () => Promise<Lab>, cache?: FeatureCache): Promise<RequirementProblem[]> {
  const problems = missingCourseTools(course);
  const kernel = declared(course, 'kernel');
  if (!kernel.size) return problems;
  const known = cache ? knownPresent(cache) : new Set<string>();
  const toProbe = [...kernel.keys()].filter((n) => !known.has(n));
  const probed = toProbe.length ? await probeKernelFeatures(toProbe, startLab) : new Map<string, { ok: boolean; detail?: string }>();
  if (cache) rememberPresent(cache, [...probed].filter(([, r]) => r.ok).map(([n]) => n));
  for (const [name, lessons] of kernel) {
    const r = probed.get(name);
    if (known.has(name) || r?.ok) continue;
    const module = KERNEL_FEATURES[name]?.module;
    problems.push({ kind: 'kernel', name, lessons, detail: r?.detail, fix: module ? `sudo modprobe ${module}   (or a kernel built with it)` : '' });
  }
  return problems;
}

const t = translator({
  en: {
    head: 'This course needs what this machine does not have:',
    tool: '  {name} is not installed (lesson {lessons}): {fix}',
    kernel: '  the kernel has no {name} (lesson {lessons}){detail}: {fix}',
  },
  zh: {
    head: '本课程需要的以下内容，这台机器上没有：',
    tool: '  未安装 {name}（第 {lessons} 课需要）：{fix}',
    kernel: '  内核不支持 {name}（第 {lessons} 课需要）{detail}：{fix}',
  },
});

/** The problems as lines for a terminal, with what to run. */
export function requirementsMessage(problems: readonly RequirementProblem[], lang: Lang): string {
  const lines = problems.map((p) =>
    p.kind === 'tool'
      ? t(lang, 'tool', { name: p.name, lessons: lessonList(p.lessons, lang), fix: p.fix })
      : t(lang, 'kernel', { name: p.name, lessons: lessonList(p.lessons, lang), detail: p.detail ? ` (${p.detail})` : '', fix: p.fix }),
  );
  return [t(lang, 'head'), ...lines].join('\n');
}
