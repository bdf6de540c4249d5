/** A made-up class for the dashboard's tests and the load test: 100 learners on a 25-step course. */
import { ClassModel } from '../../../src/class/model.js';

/** 100 learners spread over a 25-step course (6 lessons), a few stuck. */
export function bigClass(): { model: ClassModel; now: number } {
  const shape = [3, 5, 4, 5, 4, 4];
  const steps = shape.flatMap((n, l) => Array.from({ length: n }, (_, s) => ({ ref: `${l + 1}.${s + 1}`, title: `Lesson ${l + 1} step ${s + 1}` })));
  const model = new ClassModel();
  const t0 = 1_000_000;
  for (let i = 0; i < 100; i++) {
    const reach = (i * 7) % steps.length;
    const events: object[] = [{ type: 'join', mode: 'learn', course: { title: 'Course', steps } }];
    for (let k = 0; k <= reach; k++) {
      events.push({ type: 'open', ref: steps[k].ref });
      const fails = k === reach && i % 9 === 0 ? 3 : 0;
      for (let f = 0; f < fails; f++) events.push({ type: 'attempt', ref: steps[k].ref, commands: [`ip link set veth${i} up`], typed: true, passed: false, failing: `veth${i}-1 is up in ns0`, explanation: 'The link is down: bring it up with ip link set … up.' });
      if (k < reach) events.push({ type: 'attempt', ref: steps[k].ref, commands: ['ip link add'], typed: false, passed: true });
    }
    model.apply({ learner: { id: `learner-${String(i).padStart(4, '0')}`, name: `Learner ${i} 学员` }, events: events.map((e, n) => ({ ...e, seq: n + 1, at: t0 + n * 1000 })) as any }, t0 + 100_000);
  }
  return { model, now: t0 + 200_000 };
}

