// Small courses written for the engine tests: a tool swapped for its `without` commands, lesson settings, explanations and wrong answers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished, vi } from 'vitest';
import { Lab, type LabMode } from '../../src/lab/sandbox.js';
import { loadCourse } from '../../src/lesson/load-course.js';
import type { Course } from '../../src/lesson/types.js';
import { tempDir } from '../setup/temp-dir.js';
import type { EngineEvent } from '../../src/engine/types.js';

export const NO_TOOL = 'netns-tutor-no-such-tool';

const FENCE = '```';

/** 1.1 makes the pair d0 (d1 when NO_TOOL is missing), 1.2 needs d1 and the lesson's rp_filter 2; 2.1 needs lesson 2's rp_filter 1 in a new namespace. */
const SWAP = {
  '01-swap.md': `---
id: swap
title: A tool that may be missing
sysctl:
  net.ipv4.conf.all.rp_filter: 2
---

## Dummy {#dummy}

${FENCE}sh run
ip link add d0 type veth peer name d0p
${FENCE}

${FENCE}yaml step
without:
  ${NO_TOOL}:
    - ip link add d1 type veth peer name d1p
expect:
  - exit: 0
hints: [a]
${FENCE}

## Check {#check}

${FENCE}sh run
true
${FENCE}

${FENCE}yaml step
expect:
  - link: d1
  - sysctl: net.ipv4.conf.all.rp_filter
    value: 2
hints: [a]
${FENCE}
`,
  '02-strict.md': `---
id: strict
title: Strict filtering
sysctl:
  net.ipv4.conf.all.rp_filter: 1
---

## New {#new}

${FENCE}sh run
ip netns add c3
${FENCE}

${FENCE}yaml step
expect:
  - sysctl: net.ipv4.conf.all.rp_filter
    value: 1
    in: c3
hints: [a]
${FENCE}
`,
};

/** A pair, then one end up: with the lesson's explanations and wrong answers for step 1.2. */
export const TRY_LESSON = `---
id: try
title: Explanations and wrong answers
---

## Pair {#pair}

${FENCE}sh run
ip link add veth0-0 type veth peer name veth0-1
${FENCE}

${FENCE}yaml step
expect:
  - link: veth0-0
hints: [a]
wrong:
  - command: ip link add veth0-0 type dummy
    explains: "veth0-1"
${FENCE}

## Up {#up}

${FENCE}sh run
ip link set up veth0-0
${FENCE}

${FENCE}yaml step
expect:
  - link: veth0-0
    up: true
    explain: "veth0-0 is still down: \`ip link set up veth0-0\`"
hints: [a]
explain:
  - command: 'veth0-1'
    say: That set up the other end.
    fix: ip link set up veth0-1
  - output: 'Cannot find device'
    say: There is no such device.
wrong:
  - command: ip link set up veth0-0
    explains: 'anything'
  - command: ip link set up veth0-1
    explains: 'Other END'
  - command: 'true'
    explains: 'set up veth0-0'
  - command: echo hi
    explains: 'zzz-nothing'
${FENCE}
`;

function write(files: Record<string, string>, prefix: string): Course {
  const dir = join(tempDir(prefix), 'course');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const r = loadCourse(dir);
  if (!r.course) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.course;
}

export const swapCourse = (): Course => write(SWAP, 'nt-engine-swap-');
export const tryCourse = (): Course => write({ '01-try.md': TRY_LESSON }, 'nt-engine-try-');

/** The mode every lab of these tests runs in. */
export const MODE: LabMode = process.getuid?.() === 0 ? 'root' : 'rootless';

/**
 * The labs that code under test starts with Lab.start(MODE), for the rest of the test. Other tests'
 * leftovers (a proof still closing) start theirs without a mode, so they are not counted.
 */
export function watchLabs(): { started: Lab[]; open: () => Lab[] } {
  const started: Lab[] = [];
  const start = Lab.start.bind(Lab);
  const spy = vi.spyOn(Lab, 'start').mockImplementation(async (mode?: LabMode) => {
    const lab = await start(mode);
    if (mode === MODE) started.push(lab);
    return lab;
  });
  onTestFinished(() => spy.mockRestore());
  return { started, open: () => started.filter((l) => !l.isClosed) };
}

/** Events in short: their kind and what they are about. */
function brief(e: EngineEvent): string {
  switch (e.type) {
    case 'lab-ready':
      return `lab-ready ${e.mode}`;
    case 'step-start':
      return `step-start ${e.ref} [${e.commands.join(' | ')}]${e.substituted ? ` for ${e.substituted}` : ''}`;
    case 'command-start':
      return `command-start ${e.ref} ${e.index} ${e.command}`;
    case 'command-end':
      return `command-end ${e.ref} ${e.index} ${e.result.code}`;
    case 'step-end':
      return `step-end ${e.result.ref} ${e.result.passed}`;
    case 'replay-progress':
      return `replay ${e.ref} ${e.done}/${e.total}`;
    case 'output':
      return `output ${e.ref} ${e.index}`;
    default:
      return e.type;
  }
}

/** Collects a run's events; brief() gives them in short. */
export function recorder() {
  const events: EngineEvent[] = [];
  return { events, emit: (e: EngineEvent) => events.push(e), brief: () => events.map(brief) };
}
