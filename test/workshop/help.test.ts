/** `--help` in the learner's language: every description, and commander's own words, from src/cli/help-text.ts. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../integration/helpers.js';

const help = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/netns-tutor.js'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

const COMMANDS = ['start', 'present', 'list', 'check', 'try', 'class', 'lint', 'doctor', 'progress'];

describe('--help', () => {
  it('in Chinese with --lang zh: titles, descriptions and the help option, with full-width punctuation', () => {
    const r = help(['--lang', 'zh', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^用法：netns-tutor /);
    expect(r.stdout).toContain('\n选项：\n');
    expect(r.stdout).toContain('\n命令：\n');
    expect(r.stdout).toContain('课程和界面的语言（可选：en、zh）');
    expect(r.stdout).not.toMatch(/Usage|Options|Commands|display help|output the version|choices/);
    // Every command's line is described in Chinese.
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b.*[\\u4e00-\\u9fff]`, 'm'));
  });

  it("a command's help follows the language, from --lang=zh or the locale", () => {
    const check = help(['--lang=zh', 'check', '--help']);
    expect(check.stdout).toMatch(/^用法：netns-tutor check/);
    expect(check.stdout).toContain('--steps <list>  配合 --mutants');
    const viaLocale = help(['help', 'try'], { LANG: 'zh_CN.UTF-8' });
    expect(viaLocale.stdout).toContain('参数：');
    expect(viaLocale.stdout).toContain('步骤，格式为 课.步');
  });

  it('stays English by default', () => {
    const r = help(['--help'], { LANG: 'C.UTF-8' });
    expect(r.stdout).toMatch(/^Usage: netns-tutor /);
    expect(r.stdout).toContain('(choices: en, zh)');
    expect(r.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('usage errors say what went wrong and where to look, in the learner\'s language, exit 2', () => {
    const zh = (args: string[]) => help(['--lang', 'zh', ...args]);
    for (const [args, said] of [
      [['--foo'], '错误：没有选项 --foo。'],
      [['try'], '错误：缺少参数 ref。'],
      [['list', 'a', 'b'], '错误：list 不接受参数，这里给了 2 个。'],
      [['bogus'], '没有“bogus”这个命令。'],
      [['present', '--pace', 'x'], '--pace 后面要写秒数，而不是“x”。'],
    ] as const) {
      const r = zh([...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toMatch(/error:|Error|    at /);
    }
    const en = help(['--foo'], { LANG: 'C.UTF-8' });
    expect(en.status).toBe(2);
    expect(en.stderr).toBe("error: unknown option '--foo'\nSee netns-tutor --help.\n");
  });
});
