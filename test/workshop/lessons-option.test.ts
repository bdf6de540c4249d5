/** `--lessons DIR` with every command an instructor uses: list, lint, check, try, start (no terminal). */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, sandboxWorks } from '../integration/helpers.js';
import { EXAMPLE, hasEscapes, ROOT } from './helpers.js';

const TITLES = ['A switch and two empty rooms', 'A cable from each room to the switch', 'Everybody talks to everybody'];
const REFS = ['1.1', '1.2', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3'];

/** A two-language course root made from the example: DIR/en and DIR/zh (zh with translated titles only). */
function bilingual(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nt-lessons-'));
  cpSync(EXAMPLE, join(dir, 'en'), { recursive: true });
  cpSync(EXAMPLE, join(dir, 'zh'), { recursive: true });
  const f = join(dir, 'zh', '01-bridge.md');
  writeFileSync(f, readFileSync(f, 'utf8').replace('title: A switch and two empty rooms', 'title: 一台交换机和两个空房间').replace('## Build the switch {#bridge}', '## 搭建交换机 {#bridge}'));
  return dir;
}

describe('--lessons DIR', () => {
  it('list: the pack, not the built-in course, in either option position, as text and JSON', () => {
    for (const args of [['list', '--lessons', EXAMPLE], ['--lessons', EXAMPLE, 'list'], ['list', '--lessons', relative(ROOT, EXAMPLE)]]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      TITLES.forEach((t, i) => expect(r.stdout).toContain(`${i + 1}. ${t}`));
      expect(r.stdout).toContain('   3.3 Flooded or forwarded?');
      expect(r.stdout).toContain('        $ ip link add br0 type bridge');
    }
    const j = cliJson(['list', '--json', '--lessons', EXAMPLE]);
    expect(j.code).toBe(0);
    expect(j.json.lessons.map((l: any) => l.title)).toEqual(TITLES);
    expect(j.json.steps.map((s: any) => s.ref)).toEqual(REFS);
    expect(j.json.lessons[0].steps[0]).toMatchObject({ ref: '1.1', id: 'bridge', commands: ['ip link add br0 type bridge', 'ip link set br0 up', 'ip addr add 192.168.100.1/24 dev br0'], hints: 3, wrong: 2 });
  });

  it('a folder that is not there: exit 1, file:line, no stack trace', () => {
    const missing = join(tmpdir(), `nt-no-such-folder-${process.pid}`);
    for (const cmd of ['list', 'check', 'start']) {
      const r = cli([cmd, '--lessons', missing], {}, '');
      expect(r.code, cmd).toBe(1);
      expect(r.stderr).toContain(`${missing}:1: no such lessons folder`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('lint: --lessons DIR is linted when no folder is given, and errors are file:line', () => {
    const ok = cli(['lint', '--lessons', EXAMPLE]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('3 lesson files, no errors.');
    const bad = mkdtempSync(join(tmpdir(), 'nt-lessons-bad-'));
    cpSync(EXAMPLE, bad, { recursive: true });
    const f = join(bad, '02-cables.md');
    const text = readFileSync(f, 'utf8');
    writeFileSync(f, text.replace('  - port: veth1-0\n', '  - prot: veth1-0\n'));
    const line = text.split('\n').indexOf('  - port: veth1-0') + 1;
    const r = cli(['lint', '--lessons', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:${line}: expectation 1 has no known kind (first key \`prot\`)`);
    // The positional folder wins over --lessons.
    expect(cli(['lint', '--lessons', bad, EXAMPLE]).code).toBe(0);
  });

  it('lint: a course root lints every language and reports drift as file:line', () => {
    const dir = bilingual();
    const ok = cli(['lint', dir]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('6 lesson files, no errors.');
    const zh = join(dir, 'zh', '02-cables.md');
    const text = readFileSync(zh, 'utf8');
    writeFileSync(zh, text.replace('ip link set veth1-1 netns ns1\n```', 'ip link set veth1-0 netns ns1\n```'));
    const r = cli(['lint', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${zh}:\\d+: commands differ from ${join(dir, 'en', '02-cables.md')}:\\d+`));
  });

  it('a course root picks the language from --lang, falling back to en', () => {
    const dir = bilingual();
    expect(cli(['list', '--lessons', dir, '--lang', 'zh']).stdout).toContain('1. 一台交换机和两个空房间');
    expect(cli(['list', '--lessons', dir, '--lang', 'en']).stdout).toContain('1. A switch and two empty rooms');
    mkdirSync(join(dir, 'only-en'));
    cpSync(join(dir, 'en'), join(dir, 'only-en', 'en'), { recursive: true });
    expect(cli(['list', '--lessons', join(dir, 'only-en'), '--lang', 'zh']).stdout).toContain('1. A switch and two empty rooms');
  });

  describe.skipIf(!sandboxWorks())('on the real kernel', () => {
    it('check runs the pack', () => {
      const j = cliJson(['check', '--json', '--lessons', EXAMPLE]);
      expect(j.code).toBe(0);
      expect(j.json.passed).toBe(true);
      expect(j.json.steps.map((s: any) => s.ref)).toEqual(REFS);
      expect(j.json.steps[0].commands[0].command).toBe('ip link add br0 type bridge');
    });

    it('try: the right command passes, a wrong one fails with the lesson’s explanation', () => {
      const good = cliJson(['try', '2.1', '--json', '--lessons', EXAMPLE, '--', 'ip link add veth1-0 type veth peer name veth1-1 netns ns1']);
      expect(good.code).toBe(0);
      expect(good.json.passed).toBe(true);
      const bad = cliJson(['try', '2.1', '--json', '--lessons', EXAMPLE, '--', 'ip link add veth1-0 type veth peer name veth1-1; ip link set veth1-0 netns ns1']);
      expect(bad.code).toBe(1);
      expect(bad.json.passed).toBe(false);
      expect(bad.json.explanations.map((e: { text: string }) => e.text).join('\n')).toMatch(/wrong end went into ns1/);
      const plain = cli(['try', '2.2', '--lessons', EXAMPLE, '--', 'ip link set veth1-0 up']);
      expect(plain.code).toBe(1);
      expect(plain.stdout).toContain('$ ip link set veth1-0 up');
      expect(plain.stdout).toContain('not plugged into the switch');
      expect(cli(['try', '9.1', '--lessons', EXAMPLE, '--', 'true']).code).toBe(2);
    });

    it('start --plain and start without a terminal print the pack as a plain transcript', () => {
      for (const args of [['start', '--plain', '--lessons', EXAMPLE], ['--lessons', EXAMPLE, 'start']]) {
        const r = cli(args, {}, '');
        expect(r.code, args.join(' ')).toBe(0);
        expect(r.stdout).toContain('== Lesson 1/3 · A switch and two empty rooms ==');
        expect(r.stdout).toContain('-- 1.1 Build the switch --');
        expect(r.stdout).toContain('$ ip link add br0 type bridge');
        expect(r.stdout).toContain('ping 192.168.100.13 from ns1 gets no reply');
        expect(r.stdout).toContain(`All ${REFS.length} steps passed`);
        expect(hasEscapes(r.stdout + r.stderr)).toBe(false);
      }
    });

    it('start REF without a terminal transcribes from that step', () => {
      const r = cli(['start', '2.2', '--plain', '--lessons', EXAMPLE], {}, '');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('-- 2.2 Plug in, switch on, address --');
      expect(r.stdout).not.toContain('-- 1.1 ');
      expect(r.stdout).toContain('-- 3.3 Flooded or forwarded? --');
      expect(cli(['start', '9.9', '--plain', '--lessons', EXAMPLE], {}, '').code).toBe(2);
    });
  });
});
