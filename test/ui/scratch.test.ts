import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { layoutTopology, drawingText } from '../../src/ui/topology/layout.js';
const labels = { host: 'host (sandbox)', up: 'up', down: 'down', noCarrier: 'no carrier', noInterfaces: '(no interfaces)', peerUnknown: 'peer not visible' };
const zh = { host: '主机（沙箱）', up: '启用', down: '停用', noCarrier: '无载波', noInterfaces: '（没有接口）', peerUnknown: '对端不可见' };
test('draw', () => {
  for (const f of ['empty', 'veth-created', 'veth-pair', 'across-ns0', 'bridge-broken', 'bridge-fixed']) {
    const st = JSON.parse(readFileSync(`/work/main/test/fixtures/state-${f}.json`, 'utf8'));
    for (const w of [100, 80, 50]) {
      console.log(`== ${f} @${w}\n` + drawingText(layoutTopology(st, labels, w)).join('\n'));
    }
    console.log(`== ${f} zh\n` + drawingText(layoutTopology(st, zh, 80)).join('\n'));
  }
});
