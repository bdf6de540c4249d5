/** The dashboard's frames at 80×24: the recorded class, and 100 learners on a 25-step course. */
import { describe, expect, it } from 'vitest';
import { ClassModel } from '../../src/class/model.js';
import { duration, frame, type FrameInput } from '../../src/class/dashboard/layout.js';
import { dashboardKey, follow, START, type DashboardView } from '../../src/class/dashboard/view.js';
import { stringWidth } from '../../src/ui/text.js';
import { bigClass } from './bench/big-class.js';
import { recorded } from './helpers.js';

function recordedModel(): { model: ClassModel; last: number } {
  const model = new ClassModel();
  let last = 0;
  for (const e of recorded()) {
    model.apply(e.batch, e.rx);
    last = Math.max(last, e.rx);
  }
  return { model, last };
}

const input = (model: ClassModel, now: number, view: DashboardView = START, size = { columns: 80, rows: 24 }): FrameInput => ({
  model,
  view,
  now,
  ...size,
  url: 'http://192.0.2.10:7070',
  code: 'ABCD-EFGH',
  lang: 'en',
  traffic: { accepted: 120, refused: 2 },
});

describe('dashboard frames', () => {
  it('fit 80×24 exactly, whatever the screen', () => {
    const { model, now } = bigClass();
    for (const screen of ['learners', 'steps', 'learner'] as const) {
      const f = frame(input(model, now, { ...START, screen, learnerId: 'learner-0000' }));
      expect(f.lines).toHaveLength(23);
      for (const l of f.lines) expect(stringWidth(l.text)).toBe(80);
    }
  });

  it('show the stuck first, with their step, time there and the check they fail', () => {
    const { model, last } = recordedModel();
    const f = frame(input(model, last + 65_000));
    const text = f.lines.map((l) => l.text);
    expect(text[0]).toContain('http://192.0.2.10:7070');
    expect(text[0]).toContain('ABCD-EFGH');
    expect(text[1]).toMatch(/4 learners · 1 stuck · 2 finished/);
    expect(text[2]).toMatch(/Now on: 1\.1 ×1 \(1!\) · 1\.3 ×1/);
    const rows = text.slice(4, 8);
    expect(rows[0]).toMatch(/^›!Cleo +1\.1 +✘···· +1m\d\d +2\/0 +veth0-1 is down in host/);
    expect(rows[1]).toMatch(/Dev +1\.3 +✔»●·· +1m\d\d +0\/1/);
    expect(rows.slice(2).join('\n')).toMatch(/✔Ann +✔ +✔✔✔✔✔/);
    expect(f.lines[4].tone).toBe('selected');
    expect(f.lines.at(-1)!.text).toMatch(/^↑↓ select.* 120 events · 2 refused$/);
  });

  it('open a learner’s recent attempts: the commands typed and the first explanation', () => {
    const { model, last } = recordedModel();
    const list = frame(input(model, last));
    const v = dashboardKey(START, { input: '', return: true }, { rows: list.listRows, ids: list.ids, steps: list.steps });
    expect(v.screen).toBe('learner');
    const text = frame(input(model, last, v)).lines.map((l) => l.text.trimEnd());
    expect(text[3]).toMatch(/^Cleo · at 1\.1 · \d+s on it · 0\/5 passed/);
    expect(text[4]).toContain('3 attempts (3 failed) · 2 hints · 0 whys');
    expect(text).toContain('✘ 1.1 (typed)');
    expect(text).toContain('    $ ip link add veth0-0 type veth');
    expect(text).toContain('    Failing: veth0-1 is down in host');
    expect(text.find((l) => l.startsWith('    Told: '))).toMatch(/There is no veth0-1, but there is veth0/);
    expect(dashboardKey(v, { input: '', escape: true }, { rows: 10, ids: [], steps: 0 }).screen).toBe('learners');
  });

  it('with 100 learners: scroll to the selection, and summarise per step', () => {
    const { model, now } = bigClass();
    const f = frame(input(model, now));
    expect(f.ids).toHaveLength(100);
    const stuckRows = f.lines.slice(4, 4 + f.listRows).filter((l) => l.text.startsWith('›!') || l.text.startsWith(' !'));
    // Learners 0, 9, …, 99 failed their step three times.
    expect(stuckRows.length).toBe(12);
    let v: DashboardView = START;
    for (let i = 0; i < 60; i++) v = dashboardKey(v, { input: '', downArrow: true }, { rows: f.listRows, ids: f.ids, steps: f.steps });
    expect(v.selected).toBe(60);
    expect(v.scroll).toBe(60 - f.listRows + 1);
    const scrolled = frame(input(model, now, v));
    expect(scrolled.lines.filter((l) => l.tone === 'selected')).toHaveLength(1);
    const steps = frame(input(model, now, dashboardKey(START, { input: '', tab: true }, { rows: f.listRows, ids: f.ids, steps: f.steps })));
    expect(steps.lines[3].text).toMatch(/^STEP +TITLE +PASSED +HERE +STUCK +MOST FAIL/);
    expect(steps.lines[4].text).toMatch(/^1\.1 +Lesson 1 step 1 +96 +4 +\d/);
  });

  it('in Chinese, wide characters keep the columns', () => {
    const { model, now } = bigClass();
    const f = frame({ ...input(model, now), lang: 'zh' });
    for (const l of f.lines) expect(stringWidth(l.text)).toBe(80);
    expect(f.lines[3].text).toMatch(/^ {2}名字/);
  });

  it('keys keep the selection inside the list', () => {
    expect(follow({ ...START, selected: 50 }, 10, 5)).toMatchObject({ selected: 9, scroll: 5 });
    expect(dashboardKey(START, { input: 'q' }, { rows: 5, ids: [], steps: 0 }).quit).toBe(true);
    expect(duration(65_000)).toBe('1m05');
    expect(duration(3_700_000)).toBe('1h01');
  });
});
