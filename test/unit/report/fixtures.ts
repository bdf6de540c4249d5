// A small course and hand-made step results for the reporter tests.
import type { CommandResult } from '../../../src/lab/sandbox.js';
import type { CheckResult, StepResult } from '../../../src/engine/types.js';
import { EMPTY_STATE } from '../../../src/lab/state.js';
import { parseLesson } from '../../../src/lesson/parse.js';
import type { Course, Step } from '../../../src/lesson/types.js';

const step = (id: string, title: string, prose: string, why = '') => `## ${title} {#${id}}

${prose}

\`\`\`sh run
ip link add veth0-0 type veth peer name veth0-1
\`\`\`

\`\`\`yaml step
expect:
  - link: veth0-0
  - ping: 192.168.100.2
    succeeds: false
hints: [first, second]
${why ? `why: ${why}\n` : ''}wrong:
  - command: ip link add veth0-0 type veth
    explains: veth0-1
\`\`\`
`;

function lesson(file: string, id: string, title: string, intro: string, body: string) {
  const r = parseLesson(file, `---\nid: ${id}\ntitle: ${title}\n---\n\n${intro}\n\n${body}`);
  if (!r.lesson) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.lesson;
}

export const COURSE: Course = {
  dir: '/course',
  lessons: [
    lesson('/course/01-a.md', 'a', 'First lesson', 'Intro of the first.', step('one', 'Step one', 'Prose one.', 'Because.') + '\n' + step('two', 'Step two', 'Prose two.')),
    lesson('/course/02-b.md', 'b', 'Second lesson', '', step('three', 'Step three', 'Prose three.')),
  ],
};

export const stepAt = (li: number, si: number): Step => COURSE.lessons[li].steps[si];

export function command(over: Partial<CommandResult> = {}): CommandResult {
  return { command: 'ip link add veth0-0 type veth peer name veth0-1', code: 0, signal: null, timedOut: false, cancelled: false, stdout: '', stderr: '', output: '', durationMs: 12.6, ...over };
}

export function result(ref: string, s: Step, over: Partial<StepResult> = {}): StepResult {
  const checks: CheckResult[] = [
    { expectation: s.expect[0], passed: true, expectedFailure: false, label: 'veth0-0 exists in host' },
    { expectation: s.expect[1], passed: true, expectedFailure: true, label: 'ping 192.168.100.2 from host fails' },
  ];
  return { ref, step: s, commands: [command()], checks, passed: true, explanations: [], proving: false, state: EMPTY_STATE, durationMs: 1234.5, ...over };
}
