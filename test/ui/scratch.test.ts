import { test } from 'vitest';
import { renderMarkdown } from '../../src/ui/markdown.js';
import { stringWidth } from '../../src/ui/text.js';
test('md', () => {
  const md = 'A **veth pair** is `one device` with two faces. Each end lives in a namespace and packets sent into one come out of the other.\n\n- item one which is quite long and wraps around and around and around\n- two\n\n```sh\nip link add a type veth peer name b\n```\n\n中文说明：一对 veth 设备就像一根网线，两端分别放在不同的网络命名空间里，从一端发出的包会从另一端出来。\n\n1. first numbered item that is long enough to wrap at forty columns\n';
  for (const l of renderMarkdown(md, 40)) console.log(JSON.stringify(l), stringWidth(l));
});
