import chalk from 'chalk';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { graphemes, stringWidth, stripAnsi } from '../../src/ui/text.js';
import { testCourse, zhCourse } from './course.js';
import { FakeSession, type Outcome } from './fake-session.js';
import { BRCTL, KEY, renderApp, setSize, sleep, tempProgress } from './helpers.js';

afterEach(() => cleanup());

const CREATE = 'ip link add veth0-0 type veth peer name veth0-1';

const created: Outcome = {
  output: ['created veth0-0 and veth0-1\n'],
  state: 'veth-created',
  checks: [
    { label: 'veth0-0 exists in host', passed: true },
    { label: 'veth0-1 is down in host', passed: true },
  ],
};

const addresses: Outcome = {
  state: 'veth-pair',
  checks: [
    { label: 'veth0-0 has 192.168.100.1/24 in host', passed: true },
    { label: 'ping 192.168.100.2 from host via veth0-0 gets no reply', passed: true, expectedFailure: true },
  ],
};

const bridged: Outcome = {
  output: ['', '', ''],
  state: 'bridge-fixed',
  checks: [
    { label: 'veth0-0 is a port of br0 in host', passed: true },
    { label: 'ping 192.168.100.2 from host gets a reply', passed: true },
  ],
};

function session(outcomes: Record<string, Outcome | ((c?: string) => Outcome)> = {}, extra: Partial<ConstructorParameters<typeof FakeSession>[0]> = {}) {
  return new FakeSession({ course: testCourse(), outcomes: { '1.1': { state: 'empty' }, '2.1': created, '2.2': addresses, '3.1': bridged, ...outcomes }, ...extra });
}

const lines = (f: string) => f.split('\n');
/** A line as terminal cells: a wide character takes its cell and an empty one. */
const cells = (l: string) => graphemes(l).flatMap(({ g, w }) => (w === 2 ? [g, ''] : [g]));

describe('course menu', () => {
  test('marks lessons done / current / to do, shows the environment, Enter continues', async () => {
    const progress = tempProgress();
    const s = session();
    progress.markDone(s.course.dir, { ref: '1.1', lesson: 'namespaces', step: 'add', at: 'x' });
    progress.markDone(s.course.dir, { ref: '1.2', lesson: 'namespaces', step: 'look', at: 'x' });
    const app = await renderApp({ session: s, progress, missing: [BRCTL], doctor: 'user namespaces OK' });
    const f = await app.waitFor('Namespaces');
    expect(f).toMatch(/✔ 1\. Namespaces +done/);
    expect(f).toMatch(/❯ ➜ 2\. A veth pair that pings +current/);
    expect(f).toMatch(/◦ 3\. A bridge +to do/);
    expect(f).toContain('sandbox: rootless (user namespace)');
    expect(f.replace(/\s+/g, ' ')).toContain('missing: brctl; install with sudo apt-get install bridge-utils (Fedora: sudo dnf install bridge-utils)');
    expect(f).toContain('doctor: user namespaces OK');
    expect(f).toContain('Enter opens lesson 2 at 2.1');
    expect(s.calls).toEqual([]);
    await app.press(KEY.enter);
    await app.waitFor('Lesson 2/3 · step 1/2');
    expect(s.calls).toContain('prepare 2.1');
  });

  test('resumes where the learner left off, without the menu', async () => {
    const progress = tempProgress();
    const s = session();
    progress.setCurrent(s.course.dir, '2.2');
    const app = await renderApp({ session: s, progress });
    await app.waitFor('Lesson 2/3 · step 2/2');
    await app.waitFor(() => s.calls.includes('prepare 2.2'));
    await app.press('l');
    const f = await app.waitFor('Enter continues at 2.2: Addresses');
    expect(f).toMatch(/❯ ➜ 2\. A veth pair that pings +current/);
    await app.press(KEY.esc);
    await app.waitFor('Lesson 2/3 · step 2/2');
  });

  test('a broken progress file is reported once and the tutor carries on', async () => {
    const progress = tempProgress();
    mkdirSync(dirname(progress.path), { recursive: true });
    writeFileSync(progress.path, '{ not json');
    const app = await renderApp({ session: session(), progress, startRef: '1.1' });
    const f = await app.waitFor((x) => x.includes('Enter run') && x.includes('The progress file could not be read'));
    expect(f.replace(/\s+/g, '')).toContain(`${progress.path}.corrupt`.replace(/\s+/g, ''));
  });

  test('the menu and its keys fit the terminal', async () => {
    const app = await renderApp({ session: session() });
    await app.waitFor('q quit');
    for (const l of lines(app.live())) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(lines(app.live()).length).toBeLessThanOrEqual(23);
  });
});

describe('lesson view', () => {
  test('shows the prose, the commands as commands, the topology and the status line', async () => {
    const app = await renderApp({ session: session(), startRef: '2.1' });
    const f = await app.waitFor((x) => x.includes('Enter run') && x.includes('┌─ host'));
    expect(f).toContain('Lesson 2: A veth pair that pings');
    expect(f).toContain('Step 1/2: Create the pair');
    expect(f).toContain('A veth pair is one device with two faces');
    expect(f).toContain('This step runs:');
    expect(f).toContain(`$ ${CREATE}`);
    expect(f).toMatch(/Lesson 2\/3 · step 1\/2 +Enter run/);
    expect(f).toContain('? help');
    expect(f).toContain('q quit');
    await app.waitFor('┌─ host (sandbox)');
    expect(app.live()).toMatch(/│ lo ▲ up 127\.0\.0\.1\/8 +│/);
  });

  test('Enter runs the step: spinner and streaming output, then checks, why, topology redrawn', async () => {
    const progress = tempProgress();
    const s = session({}, { tick: 40 });
    const app = await renderApp({ session: s, startRef: '2.1', progress });
    await app.waitFor('Enter run');
    await app.press(KEY.enter);
    await app.waitFor('Running…');
    await app.waitFor('created veth0');
    const f = await app.waitFor('Step passed');
    expect(f).toContain('✔ Step passed. Enter goes on to the next step.');
    expect(f).toContain('✔ veth0-0 exists in host');
    expect(f).toContain('✔ veth0-1 is down in host');
    expect(f).toContain('Why:');
    expect(f).toContain('Both ends appear together because a veth pair is one device with two faces.');
    expect(f).toContain(`✔ $ ${CREATE}`);
    expect(f).toMatch(/✔ passed +Enter next/);
    // The finished output went to the transcript above the live view.
    expect(f).toMatch(/── 2\.1 Create the pair\n✔ \$ ip link add/);
    // Topology from the state after the step.
    const live = await app.waitFor((x) => x.includes('veth0-0 ▼ down'));
    expect(live).toMatch(/veth0-1 ▼ down +├─┐/);
    expect(s.calls).toContain('run 2.1');
    const saved = progress.load().courses[s.course.dir];
    expect(saved.done.map((d) => d.ref)).toEqual(['2.1']);
    expect(saved.done[0]).toMatchObject({ lesson: 'veth-pair', step: 'create' });
    expect(saved.current).toBe('2.1');
    // Enter again goes on.
    await app.press(KEY.enter);
    await app.waitFor('Lesson 2/3 · step 2/2');
    expect(progress.load().courses[s.course.dir].current).toBe('2.2');
  });

  test('an expected failure shows ✔ with "failed as expected"', async () => {
    const app = await renderApp({ session: session(), startRef: '2.2' });
    await app.waitFor('Enter run');
    await app.press(KEY.enter);
    const f = await app.waitFor('Step passed');
    expect(f).toContain('✔ ping 192.168.100.2 from host via veth0-0 gets no reply — failed as expected');
    expect(f).toContain('✔ veth0-0 has 192.168.100.1/24 in host');
  });

  test('a failed step shows ✘, what was found, and the explanations', async () => {
    const failing: Outcome = {
      output: ['RTNETLINK answers: File exists\n'],
      codes: [2],
      checks: [
        { label: 'veth0-0 exists in host', passed: true },
        { label: 'veth0-1 is down in host', passed: false, actual: 'veth0-1 is up' },
      ],
      explanations: ['The pair is already there. Delete it with `ip link del veth0-0`.'],
    };
    const progress = tempProgress();
    const s = session({ '2.1': failing });
    const app = await renderApp({ session: s, startRef: '2.1', progress });
    await app.waitFor('Enter run');
    await app.press(KEY.enter);
    const f = await app.waitFor('Not yet');
    expect(f).toContain('✘ Not yet: 1 of 2 checks failed.');
    expect(f).toContain('✘ veth0-1 is down in host');
    expect(f).toContain('found: veth0-1 is up');
    expect(f).toContain('What went wrong:');
    expect(f).toContain('- The pair is already there. Delete it with ip link del veth0-0.');
    expect(f).toContain(`✘ $ ${CREATE}  (exit 2)`);
    expect(f).toContain('RTNETLINK answers: File exists');
    expect(app.live()).not.toContain('✔ passed');
    expect(progress.load().courses[s.course.dir]?.done ?? []).toEqual([]);
    // Enter runs it again.
    await app.press(KEY.enter);
    await app.waitFor(() => s.calls.filter((c) => c === 'run 2.1').length === 2);
  });

  test('replaying earlier steps shows a progress indicator', async () => {
    const s = session({}, { tick: 60 });
    const app = await renderApp({ session: s, startRef: '3.1' });
    const f = await app.waitFor(/Preparing the lab: replaying step \d\/4/);
    expect(f).toMatch(/[█░]{20}/);
    await app.waitFor((x) => x.includes('Enter run') && !x.includes('replaying'));
    expect(s.calls[0]).toBe('prepare 3.1');
    expect(s.events.filter((e) => e.type === 'replay-progress').length).toBeGreaterThanOrEqual(4);
  });

  test('at 80×24 the bridge step fits, with the topology drawn', async () => {
    const s = session({}, { initial: 'bridge-broken' });
    const app = await renderApp({ session: s, startRef: '3.1' });
    await app.waitFor('Enter run');
    await app.press(KEY.enter);
    await app.waitFor('Step passed');
    const live = await app.waitFor((x) => x.includes('br0       ▲ up 192.168.100.1/24'));
    const ls = lines(app.live());
    expect(ls.length).toBeLessThanOrEqual(23);
    for (const l of ls) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(live).toMatch(/│ └ veth0-0 ▲ up +├─+┘ └─+┘/);
    expect(ls.at(-1)).toMatch(/^ Lesson 3\/3 · step 1\/1 /);
  });
  test('when the results are taller than the room, the header stays whole and the verdict stays in view', async () => {
    const busy: Outcome = {
      output: ['PING 192.168.100.2 56(84) bytes of data.\n\n--- statistics ---\n1 packets transmitted, 0 received\n', 'x\n', 'y\n'],
      codes: [0, 0, 1],
      state: 'bridge-broken',
      checks: [
        { label: 'veth0-0 is a port of br0 in host', passed: true },
        { label: 'ping 192.168.100.2 from host gets a reply', passed: false, actual: 'no reply within 1 s' },
      ],
      explanations: [
        'veth0-0 is now a port of br0, and a port does not use its own IPv4 address: packets that arrive on it go to the bridge. Move 192.168.100.1/24 from veth0-0 to br0.',
        'The address is still on veth0-0.',
      ],
    };
    for (const [columns, rows] of [
      [80, 24],
      [60, 16],
    ]) {
      const app = await renderApp({ session: session({ '3.1': busy }, { initial: 'across-ns0' }), startRef: '3.1', columns, rows });
      await app.waitFor('Enter run');
      await app.press(KEY.enter);
      await app.waitFor('Not yet');
      await app.waitFor(/│ br0 +▲ up/);
      const ls = lines(app.live());
      expect(ls.join('\n')).toContain('Lab topology');
      expect(ls.length).toBe(rows - 1);
      if (rows >= 20) {
        expect(ls[0]).toBe('Lesson 3: A bridge');
        expect(ls[1]).toBe('Step 1/1: Make a bridge');
      } else expect(ls[0]).toBe('Lesson 3: A bridge › Step 1/1: Make a bridge');
      expect(ls.join('\n')).toContain('✘ Not yet: 1 of 2 checks failed.');
      expect(ls.at(-1)).toMatch(/^ Lesson 3\/3 · step 1\/1 /);
      for (const l of ls) expect(stringWidth(l)).toBeLessThanOrEqual(columns);
      app.unmount();
    }
  });
});

describe('squeezed layouts', () => {
  test('prose taller than the room scrolls: the newest result is shown, everything above is marked and reachable', async () => {
    const c = testCourse();
    c.lessons[1].steps[0].prose = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} of a long explanation that fills one line.`).join('\n\n');
    const s = new FakeSession({ course: c, outcomes: { '2.1': { state: 'veth-created', checks: [{ label: 'veth0-0 exists in host', passed: true }] } } });
    const app = await renderApp({ session: s, startRef: '2.1' });
    await app.waitFor('Enter run');
    expect(app.live()).toContain('Sentence number 1 ');
    expect(app.live()).toMatch(/↓ \d+ more lines/);
    await app.press(KEY.enter);
    await app.waitFor('Step passed');
    await sleep(50);
    let ls = lines(app.live());
    expect(ls.length).toBe(23);
    expect(ls[2]).toMatch(/^ ↑ \d+ more lines$/);
    expect(ls.join('\n')).not.toContain('Sentence number 1 ');
    // Home goes to the top, every line whole and in order.
    await app.press('\u001B[H');
    ls = lines(await app.waitFor((f) => f.includes('Sentence number 1 ')));
    const prose = ls.filter((l) => l.includes('Sentence number'));
    for (const l of prose) expect(l.trim()).toMatch(/^Sentence number \d+ of a long explanation that fills one line\.$/);
    // PgDn and ↓ reach the end again.
    for (let i = 0; i < 8; i++) await app.press('\u001B[6~');
    await app.waitFor('Step passed');
  });

  test('the help fits a small terminal, boxed, and scrolls', async () => {
    const app = await renderApp({ session: session(), startRef: '2.1', columns: 60, rows: 16 });
    await app.waitFor('Enter run');
    await app.press('?');
    await app.waitFor('Keys');
    let ls = lines(app.live());
    expect(ls.length).toBe(15);
    expect(ls[0]).toMatch(/^╭─+╮$/);
    expect(ls[1]).toMatch(/^│ Keys +│$/);
    expect(ls[2]).toMatch(/^│ Enter +run the step/);
    for (const l of ls.slice(1, -1)) expect(l).toMatch(/^│ .* │$/);
    expect(ls.join('\n')).toMatch(/↓ \d+ more lines/);
    let seen = app.live();
    for (let i = 0; i < 30; i++) {
      await app.press(KEY.down);
      seen += '\n' + app.live();
    }
    expect(seen).toMatch(/│ q +quit/);
    expect(seen).toMatch(/↑ \d+ more lines/);
    expect(seen).toContain('Backspace');
    for (const l of lines(seen)) expect(stringWidth(l)).toBeLessThanOrEqual(60);
  });
});

describe('keys', () => {
  test('n and p move between steps and prepare the lab for each', async () => {
    const s = session();
    const app = await renderApp({ session: s, startRef: '2.1' });
    await app.waitFor('Enter run');
    await app.press('n');
    await app.waitFor('Lesson 2/3 · step 2/2');
    await app.waitFor('Step 2/2: Addresses');
    await app.press('n');
    await app.waitFor('Lesson 3/3 · step 1/1');
    await app.press('p', 'p');
    await app.waitFor('Lesson 2/3 · step 1/2');
    await app.waitFor(() => s.calls.includes('prepare 2.1') && s.calls.includes('prepare 2.2') && s.calls.includes('prepare 3.1'));
  });

  test('h reveals hints one by one; the last is the command itself', async () => {
    const app = await renderApp({ session: session(), startRef: '2.1' });
    await app.waitFor('Enter run');
    expect(app.live()).not.toContain('Hint 1/3');
    await app.press('h');
    let f = await app.waitFor('Hint 1/3:');
    expect(f).toContain('A veth pair is created in one go, both ends at once.');
    expect(f).not.toContain('Hint 2/3');
    await app.press('h');
    f = await app.waitFor('Hint 2/3:');
    await app.press('h');
    f = await app.waitFor('Hint 3/3, the command itself:');
    expect(f.split('Hint 3/3, the command itself:')[1]).toContain(`$ ${CREATE}`);
    await app.press('h');
    await app.waitFor('No more hints');
  });

  test('t hides and shows the topology', async () => {
    const app = await renderApp({ session: session(), startRef: '2.1' });
    await app.waitFor('┌─ host (sandbox)');
    await app.press('t');
    await app.waitFor((f) => !f.includes('Lab topology'));
    await app.press('t');
    await app.waitFor('┌─ host (sandbox)');
  });

  test('? lists every key; any key closes the help', async () => {
    const s = session();
    const app = await renderApp({ session: s, startRef: '2.1' });
    await app.waitFor('Enter run');
    await app.press('?');
    let f = await app.waitFor('Keys');
    expect(f).toContain('open a real shell inside the lab');
    await app.press('\u001B[F');
    f += await app.waitFor('cancel a running command; press again to quit');
    for (const k of ['Enter', 'n / p', 'h ', 'e ', 's ', 't ', 'r ', 'l ', 'x ', '↑ ↓ PgUp PgDn Home End', '?', 'q ', 'Ctrl+C', '← →', 'Backspace']) expect(f).toMatch(new RegExp(`│ ${k.replace(/[?+]/g, '\\$&')}`));
    await app.press('n');
    await app.waitFor('Step 1/2: Create the pair');
    expect(app.live()).not.toContain('closes this help');
    expect(s.calls).not.toContain('prepare 2.2');
  });

  test('e: the learner types a command, the step’s checks judge it', async () => {
    const typed = 'ip link add veth0-0 type veth peer name veth0-9';
    const s = session({
      '2.1': (command) =>
        command === typed
          ? { checks: [{ label: 'veth0-1 exists in host', passed: false, actual: 'no such interface' }], explanations: ['The other end must be called veth0-1.'] }
          : created,
    });
    const app = await renderApp({ session: s, startRef: '2.1' });
    await app.waitFor('Enter run');
    await app.press('e');
    await app.waitFor('Type a command for this step');
    await app.press(typed);
    await app.waitFor(`❯ ${typed}`);
    await app.press(KEY.enter);
    const f = await app.waitFor('Not yet');
    expect(s.calls).toContain(`run 2.1 ${typed}`);
    expect(f).toContain('Your command:');
    expect(f).toContain(`$ ${typed}`);
    expect(f).toContain('✘ veth0-1 exists in host');
    expect(f).toContain('The other end must be called veth0-1.');
  });

  test('Ctrl+C cancels a running command; a second Ctrl+C quits', async () => {
    const s = session({ '2.1': { output: ['working\n'], hang: true } });
    const app = await renderApp({ session: s, startRef: '2.1' });
    await app.waitFor('Enter run');
    await app.press(KEY.enter);
    await app.waitFor('working');
    await app.press(KEY.ctrlC);
    const f = await app.waitFor('cancelled before it finished');
    expect(f).toContain('Cancelled. Press Ctrl+C again to quit.');
    expect(f).toContain(`✘ $ ${CREATE}  (cancelled)`);
    expect(app.store.getState().exit).toBeNull();
    await app.press(KEY.ctrlC);
    expect(app.store.getState().exit).toEqual({ reason: 'quit', code: 130 });
  });

  test('q quits and saves where the learner is', async () => {
    const progress = tempProgress();
    const s = session();
    const app = await renderApp({ session: s, startRef: '2.2', progress });
    await app.waitFor('Enter run');
    await app.press('q');
    expect(app.store.getState().exit).toEqual({ reason: 'quit', code: 0 });
    expect(progress.load().courses[s.course.dir].current).toBe('2.2');
  });

  test('s leaves Ink for a shell only when nothing runs', async () => {
    const s = session({ '2.1': { hang: true } });
    const app = await renderApp({ session: s, startRef: '2.1' });
    await app.waitFor('Enter run');
    await app.press(KEY.enter);
    await app.waitFor('Running…');
    await app.press('s');
    await app.waitFor('A command is running. Ctrl+C cancels it.');
    expect(app.store.getState().exit).toBeNull();
    await app.press(KEY.ctrlC);
    await app.waitFor('cancelled before it finished');
    await app.press('s');
    expect(app.store.getState().exit).toEqual({ reason: 'shell', code: 0 });
  });

  test('r takes the step back to its starting lab', async () => {
    const s = session({}, { tick: 30 });
    const app = await renderApp({ session: s, startRef: '2.2' });
    await app.waitFor('Enter run');
    await app.press('r');
    await app.waitFor(() => s.calls.includes('resetStep 2.2'));
    await app.waitFor(/replaying step|Rebuilding the lab|Preparing the lab/);
    await app.waitFor('Enter run');
    expect(s.calls.slice(s.calls.indexOf('resetStep 2.2'))).toContain('prepare 2.2');
    await app.waitFor('Next command runs in: the step’s starting lab.');
  });
});

describe('the teaching loop (issue 9)', () => {
  const TYPO = 'ip link add veth0-0 type veth peer name veth0-l';
  const FIX = 'ip link set veth0-l name veth0-1';
  const outcomes = {
    '2.1': (command?: string): Outcome =>
      command === TYPO
        ? {
            checks: [
              { label: 'veth0-0 exists in host', passed: true },
              { label: 'veth0-1 exists in host', passed: false, actual: 'no such interface' },
            ],
            explanations: ['The other end is called veth0-l, not veth0-1.', 'The step wants both ends in the host.'],
            proven: [
              { text: 'The other end is called veth0-l, not veth0-1: rename it.', fix: FIX, source: 'builtin' },
              { text: 'The step wants both ends in the host.', source: 'builtin' },
            ],
          }
        : command === FIX
          ? created
          : created,
  };

  test('a failed attempt: the best explanation first, its proven fix, the others on x; the next attempt runs on the lab as left', async () => {
    const s = session(outcomes);
    const app = await renderApp({ session: s, startRef: '2.1' });
    await app.waitFor('Enter run');
    await app.waitFor('Next command runs in: the step’s starting lab.');
    await app.press('e');
    await app.press(TYPO, KEY.enter);
    let f = await app.waitFor('Not yet');
    f = await app.waitFor('Try this (it made the step pass on a copy of your lab):');
    expect(f).toContain(`$ ${FIX}`);
    expect(f).toContain('rename it');
    expect(f).toContain('x shows 1 more explanation.');
    expect(f).not.toContain('The step wants both ends in the host.');
    expect(f).toContain('Next command runs in: your lab as you left it');
    await app.press('x');
    await app.waitFor('The step wants both ends in the host.');
    // The input line is in view after a failed attempt, and ↑ recalls the typed command.
    await app.press('e');
    f = await app.waitFor('❯');
    expect(lines(app.live()).some((l) => l.startsWith('❯'))).toBe(true);
    await app.press(KEY.up);
    await app.waitFor(`❯ ${TYPO}`);
    await app.press(KEY.ctrlC);
    await app.waitFor(() => lines(app.live()).find((l) => l.startsWith('❯'))?.trimEnd() === '❯');
    await app.press(FIX, KEY.enter);
    await app.waitFor('Step passed');
    // No reset and no replay between the two attempts.
    const after = s.calls.slice(s.calls.indexOf(`run 2.1 ${TYPO}`));
    expect(after).toEqual([`run 2.1 ${TYPO}`, `run 2.1 ${FIX}`, ...after.slice(2).filter((c) => c === 'state')]);
  });
});

describe('terminal size, colour and language', () => {
  test('a too-small terminal says so, ignores keys, and recovers on resize', async () => {
    const s = session();
    const app = await renderApp({ session: s, startRef: '2.1', columns: 40, rows: 12 });
    const f = await app.waitFor('too small');
    expect(f).toContain('The terminal is too small (40×12).');
    expect(f).toContain('Make it at least 60×16. q quits.');
    for (const l of lines(app.live())) expect(stringWidth(l)).toBeLessThanOrEqual(40);
    await app.press(KEY.enter);
    await sleep(50);
    expect(s.calls).not.toContain('run 2.1');
    setSize(app.stdout, 80, 24);
    await app.waitFor('Enter run');
    expect(app.live()).not.toContain('too small');
  });

  test('a wide terminal puts the topology beside the text', async () => {
    const s = session({}, { initial: 'across-ns0' });
    const app = await renderApp({ session: s, startRef: '2.1', columns: 130, rows: 30 });
    const f = await app.waitFor('┌─ host (sandbox)');
    expect(lines(f).some((l) => /A veth pair is one device.*Lab topology/.test(l))).toBe(true);
    setSize(app.stdout, 80, 24);
    await app.waitFor((x) => lines(x).some((l) => l.startsWith(' Lab topology')));
  });

  test('Chinese: the interface speaks Chinese and wide characters keep the layout', async () => {
    const s = new FakeSession({ course: zhCourse(), lang: 'zh', initial: 'across-ns0', outcomes: { '2.1': { ...created, state: 'across-ns0', checks: [{ label: 'veth0-0 存在于 host', passed: true }] } } });
    const app = await renderApp({ session: s, startRef: '2.1' });
    const f = await app.waitFor('┌─ 主机（沙盒）');
    expect(f).toContain('第 2 课：能互相 ping 通的 veth pair');
    expect(f).toContain('第 1/2 步：创建 veth pair');
    expect(f).toContain('本步骤将运行：');
    expect(f).toMatch(/第 2\/3 课 · 第 1\/2 步 +回车 运行/);
    const ls = lines(app.live());
    for (const l of ls) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    // Both boxes keep straight borders: on every line of the drawing, the host
    // box's right border and ns0's left border sit at the columns the top line set.
    const top = ls.findIndex((l) => l.includes('┌─ 主机（沙盒）'));
    const g = ls.slice(top).map(cells);
    const hostRight = g[0].indexOf('┐');
    const nsLeft = g[0].lastIndexOf('┌');
    expect(nsLeft).toBeGreaterThan(hostRight);
    for (const row of g.slice(1, 4)) {
      expect('│├┘').toContain(row[hostRight]);
      expect('│┤└').toContain(row[nsLeft]);
    }
    expect(ls[top + 2]).toMatch(/veth0-0 ▲ 启用 192\.168\.100\.1\/24 ├─+┤ veth0-1 ▲ 启用/);
    await app.press(KEY.enter);
    const after = await app.waitFor('本步通过');
    expect(after).toContain('✔ veth0-0 存在于 host');
    expect(after).toContain('原理：');
  });

  test('NO_COLOR: no colour codes, the marks and words still say everything', async () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const colour = await renderApp({ session: session(), startRef: '2.2', color: true });
      await colour.waitFor('Enter run');
      await colour.press(KEY.enter);
      const withColour = await colour.waitFor('Step passed');
      expect(withColour).toMatch(/\u001b\[3[0-9]m/);
      colour.unmount();

      const plain = await renderApp({ session: session(), startRef: '2.2', color: false });
      await plain.waitFor('Enter run');
      await plain.press(KEY.enter);
      const f = await plain.waitFor('Step passed');
      expect(stripAnsi(f)).toContain('✔ ping 192.168.100.2 from host via veth0-0 gets no reply — failed as expected');
      expect(f).not.toMatch(/\u001b\[(3[0-9]|9[0-7]|4[0-9])(;\d+)*m/);
      expect(stripAnsi(f)).toMatch(/▲ up/);
    } finally {
      chalk.level = level;
    }
  });
});

describe('present mode', () => {
  test('runs each step, shows the output and the topology, waits for Space', async () => {
    const s = session({ '2.1': { ...created, output: ['one\ntwo\nthree\nfour\nfive\nsix\nseven\n'] } });
    const app = await renderApp({ session: s, mode: 'present', startRef: '2.1' });
    const f = await app.waitFor('Space or Enter: next step');
    expect(s.calls).toContain('run 2.1');
    expect(f).toContain('Create the pair');
    expect(f).toContain('✔ veth0-0 exists in host');
    expect(f).toContain('Lab topology');
    // No transcript of past output in presenter mode.
    expect(f).not.toContain('── 2.1');
    expect(s.calls).not.toContain('run 2.2');
    // All the output is there, above the checks.
    await app.press('\u001B[H');
    const top = await app.waitFor(`✔ $ ${CREATE}`);
    expect(top).toMatch(/ one\n/);
    await app.press(' ');
    await app.waitFor('Lesson 2/3 · step 2/2');
    await app.waitFor(() => s.calls.includes('run 2.2'));
    await app.waitFor(/failed as\s+expected/);
  });

  test('at 80×24 nothing gives way: the verdict in view, the packets and the whole why reachable by scrolling', async () => {
    const c = testCourse();
    const why = 'A bridge forwards frames between its ports. ' + 'It learns which MAC address lives behind which port, and floods frames for unknown addresses to every port. '.repeat(3);
    c.lessons[2].steps[0].why = why;
    const packet = '02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.168.100.2 tell 192.168.100.1, length 28';
    const s = new FakeSession({
      course: c,
      outcomes: {
        '3.1': {
          ...bridged,
          output: ['', '', Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n') + '\n'],
          checks: [
            { label: 'veth0-0 is a port of br0 in host', passed: true },
            { label: 'tcpdump on br0 sees an ARP reply', passed: true, captured: [packet, 'cc > dd ARP reply', 'ee > ff ARP reply', 'gg > hh ARP reply'] },
            { label: 'ping 192.168.100.2 from host gets a reply', passed: true },
          ],
        },
      },
    });
    const app = await renderApp({ session: s, mode: 'present', startRef: '3.1' });
    await app.waitFor('Space or Enter: next step');
    const f = await app.waitFor('✔ Step passed.');
    expect(lines(f).length).toBe(23);
    expect(f).toContain('Lab topology');
    expect(f).toMatch(/↑ \d+ more lines/);
    // Scroll from the top to the end, collecting every line shown.
    await app.press('\u001B[H');
    let seen = await app.waitFor('✔ $ ip link add br0 type bridge');
    for (let i = 0; i < 40; i++) {
      await app.press(KEY.down);
      seen += '\n' + app.live();
    }
    expect(seen).toContain('line 0');
    expect(seen).toContain('line 11');
    expect(seen).toContain('gg > hh ARP reply');
    // A long packet line wraps instead of being cut.
    expect(seen).toContain('Request who-has 192.168.100.2');
    expect(seen.replace(/\s+/g, ' ')).toContain('It learns which MAC address lives behind which port, and floods frames for unknown addresses to every port. It learns');
    for (const l of lines(seen)) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });

  test('a command whose failure the step wanted carries no ✘', async () => {
    const s = session({ '3.1': { ...bridged, codes: [0, 0, 1] } });
    const app = await renderApp({ session: s, startRef: '3.1' });
    await app.waitFor('Enter run');
    await app.press(KEY.enter);
    const f = await app.waitFor('Step passed');
    expect(app.live()).toContain('   $ ip link set veth0-0 master br0  (exit 1)');
    expect(app.live()).not.toContain('✘');
    expect(f).toContain('✔ $ ip link set up br0');
  });

  test('with a pace it moves on by itself', async () => {
    const s = session();
    const app = await renderApp({ session: s, mode: 'present', startRef: '2.1', pace: 0.3 });
    await app.waitFor(/next step in \d s/);
    await app.waitFor(() => s.calls.includes('run 2.2'), 3000);
    await app.waitFor(() => s.calls.includes('run 3.1'), 3000);
    await app.waitFor('End of the course', 3000);
  });
});
