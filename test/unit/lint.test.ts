import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lesson/parse.js';
import { lintPath } from '../../src/lesson/lint.js';
import { tempDir } from '../setup/temp-dir.js';

const head = '---\nid: x\ntitle: X\n---\n\n';
const step = (block: string, run = 'true') => `## S {#s}\n\n\`\`\`sh run\n${run}\n\`\`\`\n\n\`\`\`yaml step\n${block}\n\`\`\`\n`;
const errs = (text: string) => parseLesson('f.md', text).errors.map((e) => `${e.line}: ${e.message}`);

describe('lesson errors are located as file:line', () => {
  it('reports an unknown key at its own line', () => {
    expect(errs(head + step('expect: [{exit: 0}]\nhints: [a]\nhintz: [b]'))).toEqual(['15: unknown key `hintz` in step "S"']);
  });
  it('reports an unknown key inside an expectation', () => {
    expect(errs(head + step('expect:\n  - link: veth0-0\n    upp: true\nhints: [a]'))[0]).toMatch(/^15: unknown key `upp` in `link` expectation/);
  });
  it('reports a misspelt key of every expectation kind, e.g. `form: ns0` in a ping', () => {
    expect(errs(head + step('expect:\n  - ping: 192.168.100.1\n    form: ns0\nhints: [a]'))).toEqual([expect.stringMatching(/^15: unknown key `form` in `ping` expectation/)]);
    const typos: Record<string, string> = {
      exit: 'exit: 0\n    exits: 1',
      output: 'output: x\n    match: false',
      netns: 'netns: ns0\n    exist: false',
      link: 'link: veth0-0\n    inn: ns0',
      addr: 'addr: 192.168.100.1/24\n    dev: veth0-0\n    device: veth0-0',
      port: 'port: veth0-0\n    bridge: br0\n    brige: br0',
      'same-mac': 'same-mac: [br0, veth0-0]\n    inside: ns0',
      neigh: 'neigh: 192.168.100.2\n    dev: veth0-0\n    resolve: false',
      learned: 'learned: br0\n    mac-of: veth0-1\n    mac_in: ns0',
      capture: 'capture: br0\n    show: [arp-reply]',
    };
    for (const [kind, exp] of Object.entries(typos)) {
      const bad = exp.split('\n').pop()!.trim().split(':')[0];
      expect(errs(head + step(`expect:\n  - ${exp}\nhints: [a]`)).join('\n'), kind).toContain(`unknown key \`${bad}\` in \`${kind}\` expectation`);
    }
  });
  it('reports an expectation with no known kind', () => {
    expect(errs(head + step('expect:\n  - interface: veth0-0\nhints: [a]'))[0]).toMatch(/^14: expectation 1 has no known kind/);
  });
  it('reports a malformed value', () => {
    expect(errs(head + step('expect:\n  - addr: 192.168.100.1\n    dev: veth0-0\nhints: [a]'))[0]).toMatch(/^14: `addr` in `addr` expectation: an IPv4 address with prefix/);
  });
  it('reports missing fields and steps with no expectation', () => {
    expect(errs(head + step('hints: [a]'))[0]).toMatch(/^13: missing `expect`/);
    expect(errs(head + step('expect: []\nhints: [a]'))[0]).toMatch(/^13: `expect` .*at least one expectation/);
    expect(errs(head + step('expect: [{exit: 0}]'))[0]).toMatch(/missing `hints`/);
  });
  it('reports a step without a run block, and a fence that never closes', () => {
    expect(errs(head + '## S\n\nprose\n\n```yaml step\nexpect: [{exit: 0}]\nhints: [a]\n```\n')).toEqual(['6: step "S" has no ```sh run block with the commands to run']);
    expect(errs(head + step('expect: [{exit: 0}]\nhints: [a]') + '\n```sh\nnever closed\n')).toContain('17: this code fence never closes: add a line ``` after its last line');
  });
  it('reports broken front matter, empty files and binary data', () => {
    expect(errs('---\nid: x\ntitle: [unclosed\n---\n## S\n')[0]).toMatch(/^3: YAML/);
    expect(errs('no front matter')).toEqual(['1: missing front matter: start the file with ---, then `id:` and `title:`, then ---']);
    expect(errs('')).toEqual([expect.stringMatching(/^1: empty file/)]);
    expect(errs('\u0000\u0001binary')).toEqual(['1: not a UTF-8 text file (binary data found)']);
    expect(errs('---\nid: Bad Id\ntitle: T\n---\n' + step('expect: [{exit: 0}]\nhints: [a]'))[0]).toMatch(/^2: `id` in front matter/);
  });
  it('reports duplicate step ids', () => {
    const text = head + step('expect: [{exit: 0}]\nhints: [a]') + '\n' + step('expect: [{exit: 0}]\nhints: [a]');
    expect(errs(text)).toContain('17: duplicate step id `s` (also at line 6)');
  });
});

describe('lintPath', () => {
  it('finds duplicate lesson ids across files', () => {
    const dir = tempDir('nt-lint-');
    const body = step('expect:\n  - link: veth0-0\nhints: [a]');
    writeFileSync(join(dir, '01-a.md'), head + body);
    writeFileSync(join(dir, '02-b.md'), head + body);
    expect(lintPath(dir).map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([`${join(dir, '02-b.md')}:2: duplicate lesson id \`x\` (also in ${join(dir, '01-a.md')})`]);
  });

  it('finds drift between languages', () => {
    const root = tempDir('nt-lint-');
    mkdirSync(join(root, 'en'));
    mkdirSync(join(root, 'zh'));
    const body = step('expect:\n  - link: veth0-0\nhints: [a]', 'ip link add veth0-0 type veth peer name veth0-1');
    writeFileSync(join(root, 'en', '01-a.md'), head + body);
    writeFileSync(join(root, 'zh', '01-a.md'), head + body.replace('veth0-1', 'veth9-9').replace('link: veth0-0', 'link: veth0-1'));
    const errors = lintPath(root).map((e) => `${e.file.slice(root.length + 1)}:${e.line}: ${e.message}`);
    expect(errors).toContain('zh/01-a.md:9: commands differ from ' + join(root, 'en', '01-a.md') + ':9');
    expect(errors).toContain('zh/01-a.md:14: expectation 1 differs from ' + join(root, 'en', '01-a.md') + ':14');
  });
});
