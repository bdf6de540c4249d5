/** A small, realistic course for the UI tests, parsed by the real lesson parser. */
import { parseLesson } from '../../src/lesson/parse.js';
import type { Course, Lesson } from '../../src/lesson/types.js';

const L1 = `---
id: namespaces
title: Namespaces
---

A network namespace is a separate copy of the network stack.

## Make a namespace {#add}

Create a namespace called **ns0**. It starts with only a loopback interface.

\`\`\`sh run
ip netns add ns0
\`\`\`

\`\`\`yaml step
expect:
  - netns: ns0
hints:
  - Namespaces are managed with the ip netns family of commands.
  - ip netns add ns0
why: ip netns add creates the namespace and keeps it alive with a bind mount under /run/netns.
\`\`\`

## Look inside {#look}

List the interfaces inside ns0.

\`\`\`sh run
ip -n ns0 link
\`\`\`

\`\`\`yaml step
expect:
  - output: "lo"
hints:
  - ip -n runs a command in a namespace.
  - ip -n ns0 link
\`\`\`
`;

const L2 = `---
id: veth-pair
title: A veth pair that pings
---

## Create the pair {#create}

A **veth pair** is one device with two faces: what goes in one end comes out
of the other. Create one with both ends in the host namespace.

\`\`\`sh run
ip link add veth0-0 type veth peer name veth0-1
\`\`\`

\`\`\`yaml step
expect:
  - link: veth0-0
  - link: veth0-1
    up: false
hints:
  - A veth pair is created in one go, both ends at once.
  - Use ip link add with type veth and a peer name.
  - ip link add veth0-0 type veth peer name veth0-1
why: Both ends appear together because a veth pair is one device with two faces.
explain:
  - output: "File exists"
    say: The pair is already there. Delete it with \`ip link del veth0-0\`.
\`\`\`

## Addresses {#addr}

Bring both ends up and give them addresses.

\`\`\`sh run
ip link set up veth0-0
ip link set up veth0-1
ip addr add 192.168.100.1/24 dev veth0-0
ip addr add 192.168.100.2/24 dev veth0-1
\`\`\`

\`\`\`yaml step
expect:
  - addr: 192.168.100.1/24
    dev: veth0-0
  - ping: 192.168.100.2
    iface: veth0-0
    succeeds: false
hints: [Both ends need to be up., ip link set up veth0-0]
\`\`\`
`;

const L3 = `---
id: bridge
title: A bridge
---

## Make a bridge {#br}

Create a bridge and plug one end of the pair into it.

\`\`\`sh run
ip link add br0 type bridge
ip link set up br0
ip link set veth0-0 master br0
\`\`\`

\`\`\`yaml step
expect:
  - port: veth0-0
    bridge: br0
  - ping: 192.168.100.2
hints: [A bridge is a link of type bridge., ip link add br0 type bridge]
\`\`\`
`;

function parse(name: string, text: string): Lesson {
  const r = parseLesson(name, text);
  if (!r.lesson) throw new Error(r.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
  return r.lesson;
}

export function testCourse(): Course {
  return { dir: '/tmp/netns-tutor-ui-test-course', lessons: [parse('01-namespaces.md', L1), parse('02-veth.md', L2), parse('03-bridge.md', L3)] };
}

/** The same course with Chinese titles and prose, to check wide-character layout. */
export function zhCourse(): Course {
  const c = testCourse();
  c.lessons[0].title = '网络命名空间';
  c.lessons[0].steps[0].title = '创建一个命名空间';
  c.lessons[0].steps[0].prose = '创建一个名为 **ns0** 的网络命名空间。新的命名空间里只有一个回环接口，而且它默认是关闭的，需要手动启用之后才能使用。';
  c.lessons[1].title = '能互相 ping 通的 veth pair';
  c.lessons[1].steps[0].title = '创建 veth pair';
  c.lessons[1].steps[0].prose = 'veth pair就像一根网线：从一端发出的包会从另一端出来。我们先在主机命名空间里创建它的两端。';
  return c;
}
