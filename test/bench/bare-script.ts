/** Prints a bare shell script that runs a course's commands and probes the way the tutor does, for the benchmark. */
import { courseDir } from '../../src/lesson/course.js';
import { loadCourse } from '../../src/lesson/load-course.js';
import { allSteps } from '../../src/lesson/refs.js';
import { inNs, pingCommand } from '../../src/engine/probes.js';

const [dir, upTo] = process.argv.slice(2);
const course = loadCourse(courseDir(dir, 'en')).course;
if (!course) throw new Error(`cannot load ${dir}`);
const lines = [
  'set +e',
  'if [ -d /run/netns ]; then mount -t tmpfs none /run/netns; else mount -t tmpfs none /run; mkdir /run/netns; fi',
  'mount -t sysfs sysfs /sys',
  'ip link set lo up',
];
const capture = (file: string, ns: string, iface: string) =>
  `${inNs(ns, `tcpdump --immediate-mode -l -t -nn -e -i ${iface} arp or icmp`)} >${file} 2>&1 & CAPS="$CAPS $!"; until grep -q "listening on" ${file} 2>/dev/null; do sleep 0.005; done`;
const replayOnly = upTo !== undefined;
for (const s of allSteps(course)) {
  if (upTo && s.ref === upTo) break;
  lines.push(`# ${s.ref}`, 'CAPS=');
  if (!replayOnly) s.step.expect.forEach((e, i) => e.kind === 'capture' && !e.during && lines.push(capture(`/run/cap.${i}`, e.in, e.iface)));
  lines.push(...s.step.commands.map((c) => `${c} >/dev/null 2>&1`));
  if (replayOnly) continue;
  lines.push('[ -n "$CAPS" ] && { sleep 0.06; kill -INT $CAPS; wait $CAPS 2>/dev/null; }');
  for (const e of s.step.expect) {
    if (e.kind === 'ping') lines.push(`${pingCommand(e)} >/dev/null 2>&1`);
    if (e.kind === 'capture' && e.during) lines.push('CAPS=', capture('/run/cap.d', e.in, e.iface), `${e.during} >/dev/null 2>&1`, 'sleep 0.06; kill -INT $CAPS; wait $CAPS 2>/dev/null');
  }
}
process.stdout.write(lines.join('\n') + '\n');
