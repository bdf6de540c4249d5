import { test } from 'vitest';
import { testCourse } from './course.js';
import { FakeSession } from './fake-session.js';
import { KEY, renderApp, sleep } from './helpers.js';
test('x', async () => {
  const c = testCourse();
  c.lessons[1].steps[0].prose = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} of a long explanation that fills one line.`).join('\n\n');
  const s = new FakeSession({ course: c, outcomes: { '2.1': { output: ['a\nb\nc\nd\n'], state: 'veth-created', checks: [{ label: 'x', passed: true }] } } });
  const app = await renderApp({ session: s, startRef: '2.1' });
  await app.waitFor('Enter run');
  console.log(app.live());
  await app.press(KEY.enter);
  await app.waitFor('Step passed');
  await sleep(50);
  console.log(app.live());
});
