/**
 * The built-in diagnosis in English and Chinese. Each explanation says what
 * differs, why the kernel behaves that way, and the command that fixes it.
 * Commands are filled in by the rules; only the prose is translated.
 */
import { fill, translator, type Lang, type Messages } from '../i18n/index.js';

const en = {
  hostNs: 'the host namespace',
  fixLine: 'Fix: `{fix}`',

  // ---- command errors
  devAlreadyMoved: '{dev} is already in {there}: it was moved there earlier, which is why {here} cannot find it any more. There is nothing left to move; look at it with `{fix}`.',
  devElsewhere: '`{cmd}` ran in {here}, but {dev} is in {there}. Each network namespace has its own set of interfaces, and a command only sees those of the namespace it runs in. Run it in {there}: `{fix}`.',
  devElsewhereMoveBack: '{dev} is in {there}, while {other} is in {here}: one command can only join interfaces of the same namespace. Bring {dev} back first: `{fix}`.',
  devTypo: 'There is no interface called {dev} in {here}; the closest name is {near}, so this is probably a typo. `{fix}`',
  devMissingCreate: 'No interface called {dev} exists anywhere in the lab yet, so the command has nothing to act on. Create it first: `{fix}`.',
  devMissing: 'No interface called {dev} exists anywhere in the lab. See the names the kernel knows with `{fix}` (and `ip netns exec NS ip -br link` for each namespace).',
  nsHostIsNotAName: '"host" is not a namespace name: it is what the tutor calls the lab\'s top namespace, which has no name under /run/netns. To send an interface back there, name it by a process that lives in it: `netns 1` (process 1 of the lab). `{fix}`',
  nsTypo: 'There is no namespace {name}; the one that exists is {near}. `{fix}`',
  nsMissing: 'Namespace {name} does not exist yet. `ip netns exec`, `ip -n` and `ip link set … netns` only find namespaces created with `ip netns add`, which pins them under /run/netns. Create it first: `{fix}`.',
  nsExists: 'Namespace {name} already exists, and `ip netns add` will not create it twice. You can go on using it; to start over, `{fix}` deletes it together with the veth ends inside it (their peers go too).',
  linkExists: '{dev} already exists in {here}: interface names are unique within a namespace, so the kernel refuses a second one (RTNETLINK answers: File exists). An earlier run probably created it already. To start over, delete it: `{fix}` (deleting one end of a veth pair removes both).',
  vethSameName: 'Both ends of a new veth pair are created in the same namespace, so they need two different names; `peer name {dev}` reuses the first one. `{fix}`',
  renameExists: 'Another interface in {here} is already called {dev}, and names are unique within a namespace. Pick another name or delete that interface first; list them with `{fix}`.',
  routeExists: 'The route {route} is already there: the kernel adds the route to a subnet by itself when an address with a prefix (such as /24) is added. Nothing to add; see it with `{fix}`.',
  addrExistsOtherPrefix: '{dev} already has {ip}, as {have}. The kernel keeps one entry per address on an interface, so it refuses {want} beside it. Replace it: `{fix}`.',
  addrExists: '{dev} already has {cidr}: it was added before, and the same address cannot be added twice. Nothing to do; check with `{fix}`.',
  addrDelPrefix: '{dev} has {have}, not {typed}: `ip addr del` must name the address with the prefix it really has. `{fix}`',
  addrDelOtherDev: '{ip} is on {other}, not on {dev}: an address belongs to the interface it was added to, so there is nothing to delete on {dev}. If the one on {other} is what should go, `{fix}` removes it.',
  addrDelOtherNs: '{ip} is on {other} in {there}, not in {here}: each namespace has its own addresses. If that is the one to remove, `{fix}` does it.',
  addrDelNowhere: 'No interface in the lab has {ip}, so there is nothing to delete: it was probably removed already (moving an interface to another namespace drops its addresses too). Check with `ip -br addr`.',
  alreadyPortSame: '{dev} is already a port of {bridge}: nothing to do. Check with `bridge link show`.',
  alreadyPortOther: '{dev} is already a port of {other}, and an interface belongs to one bridge at a time. Take it off first: `{fix}`.',
  notPermittedSudo: 'sudo does not work inside the lab: the lab runs in its own user and network namespaces, where you already have the right (CAP_NET_ADMIN) to change interfaces, while sudo tries to become root of your real machine. Run the command without sudo: `{fix}`.',
  notPermittedSysctl: 'The kernel refused to change {key}: only the settings under net.* belong to a network namespace; the others are the whole machine\'s, and the lab may not touch them. No lesson needs them; the lab\'s own are listed by `sysctl net.ipv4`.',
  notPermitted: 'The kernel refused `{cmd}` (Operation not permitted): changing interfaces needs the CAP_NET_ADMIN capability in the namespace that owns them. The lab has it for its own namespaces only, so anything aimed outside (sudo, su, nsenter into another process, a path of your real machine) is refused. Run it plainly in the lab: `{fix}`.',
  toolMissingAlt: '{prog} is not installed on this machine (the shell answered "not found"). It comes in the {deb} package (Fedora: {fed}); install it outside the tutor with `{install}`. Or do the same with iproute2, which is installed: `{fix}`.',
  toolMissing: '{prog} is not installed on this machine (the shell answered "not found"). It comes in the {deb} package (Fedora: {fed}); install it outside the tutor with `{install}`.',
  programTypo: 'There is no command {prog}; you probably meant {near}. `{fix}`',
  programUnknown: 'The shell found no program called {prog}. The lab has ip, bridge, ping and tcpdump; `ip help` lists what ip can do.',

  // ---- syntax
  ipUnknownObjectNear: 'ip has no object "{word}": after `ip` comes what to work on, one of link, address (a), route (r), neigh (n) or netns. You probably meant {near}: `{fix}`',
  ipUnknownObject: 'ip has no object "{word}": after `ip` comes what to work on, one of link, address (a), route (r), neigh (n) or netns. See `ip help`.',
  ipUnknownCommandNear: '`ip {object}` has no command "{word}": it knows {verbs}. You probably meant {near}: `{fix}`',
  ipUnknownCommand: '`ip {object}` has no command "{word}": it knows {verbs}. See `ip {object} help`.',
  brctlUnknownNear: 'brctl has no command "{word}"; you probably meant {near}: `{fix}`',
  brctlUnknown: 'brctl has no command "{word}". Its usual ones are addbr, delbr, addif, delif, show and showmacs; `brctl` alone prints them all.',
  ipUnknownOption: 'ip has no option {option}. Its options come right after `ip` and before the object (`ip -br link`, `ip -n ns0 addr`); the common ones are -br, -n, -4, -j and -d. For example `{fix}`.',
  unknownOption: '{prog} has no option {option}. Check its options with `{fix}`.',
  keywordTypo: '"{word}" is not a keyword ip knows, so it read the words after it as values in the wrong places. You probably meant {near}: `{fix}`',
  addrNeedsDev: 'The interface must follow the keyword dev: without it, ip reads {dev} as a second address ("either local is duplicate, or … is a garbage"). `{fix}`',
  peerOnlyAtCreation: 'peer only exists when a veth pair is created: both ends are made together by `ip link add … type veth peer name …`, and existing interfaces cannot be paired afterwards. `{fix}`',
  linkSetOneDevice: '`ip link set` changes one interface at a time, so {b} after {a} is taken as garbage. Run it once per interface: `{fix}`',
  garbageModel: 'ip did not understand "{word}" in `{cmd}`: a keyword is missing or misspelt before it. The step\'s command reads `{fix}`.',
  garbage: 'ip did not understand "{word}" in `{cmd}`: a keyword is missing or misspelt before it. Check the syntax with `{fix}`.',
  unknownLinkType: '"{type}" is not an interface type the kernel knows; you probably meant {near}. `{fix}`',
  typeUnavailable: 'This kernel cannot make a {type} device: its driver is neither built in nor loaded, and a lab cannot load kernel modules.',
  typeUnavailableModel: 'This kernel cannot make a {type} device: its driver is neither built in nor loaded, and a lab cannot load kernel modules. This step makes a {want}: `{fix}`',
  missingValueModel: '`{cmd}` ends with {word}, which needs a value after it (an interface, a namespace or a name). This step needs `{fix}`.',
  missingValue: '`{cmd}` ends with {word}, which needs a value after it (an interface, a namespace or a name): add it and run the command again.',
  incompleteModel: '`{cmd}` is missing something: the tool stopped before it had all it needs (an interface, an address or a command to run). This step needs `{fix}`.',
  incomplete: '`{cmd}` is missing something: the tool stopped before it had all it needs (an interface, an address or a command to run). See `{fix}`.',
  badAddressModel: '{value} is not a valid IPv4 address with a prefix: each of the four numbers goes from 0 to 255 and the prefix from 0 to 32, as in 192.168.100.1/24. This step needs `{fix}`.',
  badAddress: '{value} is not a valid IPv4 address with a prefix: each of the four numbers goes from 0 to 255 and the prefix from 0 to 32, as in `192.168.100.1/24`.',
  nameTooLong: 'The kernel limits interface names to 15 characters (IFNAMSIZ), and {name} has {n}. Choose a shorter name, such as `veth0-0`.',
  loImmutable: 'lo cannot be moved: each namespace gets its own loopback when it is created, and the kernel pins it there (NETNS_LOCAL). To use lo in {ns}, bring up the one it already has: `{fix}`',
  bridgeInBridge: '{dev} is itself a bridge, and the kernel does not let a bridge be a port of another bridge ({bridge}). Its ports are Ethernet-like devices such as the ends of veth pairs.',
  loNoBridge: 'lo cannot be a bridge port: a port must be an Ethernet-like device, and loopback is not. Give {bridge} a veth end instead.',
  invalidArgumentModel: 'The kernel rejected a value in `{cmd}` (Invalid argument): the syntax is fine, but something names a device or value that cannot be used there. This step needs `{fix}`.',
  invalidArgument: 'The kernel rejected a value in `{cmd}` (Invalid argument): the syntax is fine, but something names a device or value that cannot be used there. Check each one against `ip link help`.',
  brctlReversed: 'brctl {sub} takes the bridge first and the interface second, so `brctl {sub} {first} {second}` treats {first} as the bridge. Swap them: `{fix}`',
  masterReversed: '`master` names the bridge, and the interface comes first: this asked to make {master} (a veth) the master of the bridge {dev}. Swap them: `{fix}`',
  masterNotBridge: '{master} is a {kind} device, not a bridge, so it cannot be the master of {dev} (Operation not supported). Attach {dev} to the bridge: `{fix}`',
  masterNotBridgeNone: '{master} is a {kind} device, not a bridge, so it cannot be the master of {dev}. Create a bridge, then attach {dev} to it: `{fix}`',
  netnsReversed: '`ip link set` takes the interface first, then netns and the namespace: `ip link set {ns} netns {dev}` looks for an interface called {ns}. `{fix}`',
  pingNotAnAddressModel: '{target} is not a complete IPv4 address, so ping tried to resolve it as a host name, and the lab has no name service. Type the full address: `{fix}`',
  pingNotAnAddress: '{target} is not a complete IPv4 address, so ping tried to resolve it as a host name, and the lab has no name service. Type all four numbers, e.g. `ping -c 1 192.168.100.2`.',
  pingBindAddress: 'ping -I {addr} binds to that source address, which must belong to {here}, and it does not. Give the interface name instead: `{fix}`',

  // ---- interfaces and namespaces
  peerMisnamed: 'In {ns}, the other end of {peer} is called {dev}, and the step wants it named {want}. Rename it: `{fix}`',
  wrongVethEnd: 'The other end of the pair was moved: {peer} is in {ns} and {dev} stayed in {home}. A veth works from either end, but the lesson (and the addresses that follow) expect {dev} in {ns}. Swap them: `{fix}`',
  linkElsewhere: '{dev} is in {there}, not in {want}. An interface lives in exactly one network namespace, and `ip link set {dev} netns …` moves it. `{fix}`',
  linkMissingNear: 'There is no {dev}, but there is {near} in {there}: a typo when it was created? Rename it: `{fix}`',
  linkMissing: 'There is no {dev} in {want}, nor anywhere else in the lab: it was never created, or it was deleted (deleting one end of a veth pair, or the namespace holding it, removes both ends). Create it: `{fix}`',
  linkMissingBridge: 'There is no bridge {dev} in {want}: it was never created, or it was deleted. Create it: `{fix}`',
  linkStillHereMove: '{dev} is still in {here}, but it should have moved; the kernel keeps the pair connected across namespaces. `{fix}`',
  linkStillHere: '{dev} still exists in {here}. `{fix}`',
  downLo: 'lo in {ns} is DOWN. Every new network namespace gets its own loopback, and it starts down until someone brings it up. `{fix}`',
  downMoved: '{dev} is in {ns} but DOWN. An interface starts down when it is made, and is set down again whenever it moves to another namespace (which also clears its addresses). `{fix}`',
  downBridge: 'The bridge {dev} is DOWN: a bridge is created down and stays down, whatever its ports do, until it is set up. `{fix}`',
  downNew: '{dev} is DOWN in {ns}. New interfaces start administratively down and stay so until they are set up. `{fix}`',
  linkStillUp: '{dev} is still UP in {ns}. `{fix}`',
  ranInOtherNs: '`{cmd}` ran in {ran}, which has its own {dev}; the {dev} in {want} is a different interface and was not touched. Each namespace has its own interfaces, even its own lo. `{fix}`',
  nsMissingNear: 'There is no namespace {name}, but there is {near}: a typo? `{fix}`',
  nsStillThere: 'Namespace {name} still exists. `{fix}`',

  noRouteViaRouter: '{ns} has no route to {target}: that subnet is on none of its links, so packets to it must go through a router. {via} ({router}, on the link of {dev}) can reach it. Add a route through it: `{fix}`',
  gatewayNobody: '{ns} sends packets for {target} to the gateway {gw}, but nobody on that link has {gw}, so its ARP request goes unanswered. The router on the link of {dev} is {via} ({router}): `{fix}`',
  gatewayCannotReach: '{ns} sends packets for {target} to the gateway {gw} in {there}, which has no route to {target} itself. The router that can reach it is {via} ({router}, on the link of {dev}): `{fix}`',

  pingKilledReplies: '`{cmd}` got {n} replies, then ran on until the step\'s timeout killed it after {secs} s: without -c, ping never stops by itself. The replies show the path works; tell ping how many to send: `{fix}`',
  pingKilledNoReply: '`{cmd}` ran until the step\'s timeout killed it after {secs} s, without a single reply: without -c, ping never stops by itself, so the step cannot judge it. Send a counted ping: `{fix}`',
  commandKilled: '`{cmd}` was still running when the step\'s timeout killed it after {secs} s: it does not end by itself. Give it a count or a limit (ping and tcpdump take -c).',
  pingKilledCounted: '`{cmd}` was still running when the step\'s timeout killed it after {secs} s: ping sends one packet a second until its count is reached, then waits up to 10 s for the last reply unless -W says otherwise. Send one ping with a short wait: `{fix}`',
  looksNotRun: 'This step judges what its {what} does (its exit status, its output or the packets it sends), and your command line did not run it, so there was nothing to judge. Run it after your changes: `{fix}`',
  lookIn: '{prog} in {ns}',
  nothingPrinted: 'This step looks for something in what its commands print, and your command line printed nothing at all, so it could not be there. The step\'s own commands are the ones that make that output.',
  deletedNamespace: '`{cmd}` deleted namespace {ns}, and with it every interface inside it: {names}. A veth end that dies takes its peer along, wherever that peer is. Rebuilding means redoing the steps that made them.',
  deletedEmptyNamespace: '`{cmd}` deleted namespace {ns}, which this step needs. Nothing but its own `lo` was in it, so creating it again is the whole repair, then do this step: `{fix}`',
  deletedPair: '`{cmd}` deleted the veth pair {a} ({an}) and {b} ({bn}): deleting either end of a pair removes both. Rebuild it as it was, then do this step: `{fix}`',
  deletedLink: '`{cmd}` deleted {dev} in {ns}, which this step still needs.',
  unplugged: '`{cmd}` took {dev} out of the bridge {bridge}, which this step still needs it in. Plug it back: `{fix}`',
  switchedOff: '`{cmd}` switched {dev} off in {ns}, and this step needs it up: `{fix}`',

  // ---- addresses
  addrNoDevice: '{want} has no interface {dev}, so it cannot hold {cidr}. Create {dev} or move it there first (`ip -br link` in each namespace shows where the interfaces are).',
  addrOtherNs: '{cidr} is on {other} in {there}, but it should be on {dev} in {want}: the command ran in the wrong namespace (each namespace has its own interfaces and addresses). Move it: `{fix}`',
  addrPrefix32: '{dev} has {have} instead of {want}. Without "/{len}", ip assumes /32: an address that covers only itself, so the kernel adds no route to the rest of the subnet. Replace it: `{fix}`',
  addrPrefix: '{dev} has {have} instead of {want}: the prefix length decides which subnet the kernel reaches directly through {dev}. Replace it: `{fix}`',
  addrOnPortNotBridge: '{cidr} is on {other}, a port of {dev}, instead of on the bridge. Frames arriving on a bridge port are handed to the bridge, so the IP stack hears them on {dev}, never on {other}: the address belongs on the bridge. `{fix}`',
  addrOnOtherDev: '{cidr} is on {other} instead of {dev} (in {ns}). `{fix}`',
  addrLostOnMove: '{dev} in {ns} has no address. Moving an interface into another namespace clears its IP addresses (they belonged to the old namespace\'s IP stack), so it needs one again inside {ns}: `{fix}`',
  addrDifferent: '{dev} has {have}, not {want}: probably a typo in the address. `{fix}`',
  addrMissing: '{dev} in {ns} does not have {cidr} (it has no IPv4 address at all). `{fix}`',
  addrStillOnPort: '{cidr} is still on {dev}. {dev} is a port of {bridge} now, and frames arriving on a port are handed to the bridge, so the address on the port never gets answers and adds a second route to its subnet. `{fix}`',
  addrStillThere: '{cidr} is still on {dev}. `{fix}`',
  sameSubnetTwice: 'In {ns}, {net} is on both {a} and {b}. That makes two routes to one subnet, and the kernel uses only the first one (`ip route` lists it first: dev {used}), so traffic may leave by the wrong interface. Keep the subnet on one interface: `{fix}`',

  // ---- bridges
  bridgeMissing: 'There is no bridge {bridge} in {ns} yet. `{fix}`',
  notABridge: '{bridge} exists but is a {kind} device, not a bridge (it was created without "type bridge"), so it cannot take ports. Recreate it: `{fix}`',
  portElsewhere: '{dev} is in {there}, but a port must be in the same namespace as its bridge {bridge} ({want}). `{fix}`',
  portNotEnslaved: '{dev} is not a port of {bridge} yet: creating a bridge attaches nothing to it. `{fix}`',
  portWrongBridge: '{dev} is a port of {other}, not of {bridge}: an interface belongs to one bridge at a time. `{fix}`',
  portStillEnslaved: '{dev} is still a port of {bridge}. `{fix}`',
  macNotPortYet: '{bridge} and {dev} have different MACs because {dev} is not a port of {bridge}: a bridge whose MAC was not set by hand takes the smallest MAC among its ports, and {dev} is not one of them yet. `{fix}`',
  macLowestPort: '{bridge} has the MAC of {low} ({mac}), not of {dev}: a bridge takes the numerically smallest MAC among its ports, and {low}\'s is smaller. Take {low} off the bridge to see {bridge} switch: `ip link set {low} nomaster`.',
  macSetByHand: '{bridge} no longer follows its ports\' MACs: once a bridge\'s MAC is set by hand, the kernel stops picking it from the ports. Set it to {dev}\'s: `{fix}`',
  learnedNotPort: '{bridge} cannot learn the MAC of {dev}: its other end {peer} is not a port of {bridge}, so {dev}\'s frames never pass through the bridge. `{fix}`',
  learnedNoTraffic: '{bridge} has not learned {dev}\'s MAC ({mac}) yet: a bridge learns a MAC only when a frame from it arrives on a port, and forgets it after 5 minutes without traffic. Send something from {ns}: `{fix}`',
  portDown: '{dev}, a port of {bridge}, is DOWN: a bridge forwards only through ports that are up. `{fix}`',

  // ---- reachability
  loDownOwnAddress: 'lo in {ns} is DOWN, and {target} is {ns}\'s own address. Packets to a namespace\'s own addresses are delivered through its loopback, so with lo down the ping gets no answer; a new namespace starts with lo down. `{fix}`',
  martianVethPair: '{target} belongs to {owner}, which is in {ns} too, so for the kernel it is a local address (`{route}` says "local … dev lo"). Forced out of {iface} with -I, the ARP request reaches {owner} with a sender address that is also local, and the kernel drops it as a martian source; the neighbour entry stays INCOMPLETE. Give each end its own namespace: `{fix}`',
  martianLocal: '{target} is a local address of {ns} (on {owner}; `{route}` says "local … dev lo"). Forcing the ping out of {iface} with -I makes the other side drop the request as a martian source. Ping it without -I: `{fix}`',
  noRouteDown: '{ns} has no route to {target}: {dev} has an address in that subnet but is DOWN, and the kernel withdraws the routes of a down interface ("Network is unreachable"). `{fix}`',
  noRoutePrefix32: '{ns} has no route to {target}: {dev} has {have}, and a /32 covers only the address itself, so the kernel added no route to the subnet. `{fix}`',
  noRouteNoAddr: '{ns} has no route to {target} ("Network is unreachable"): none of its interfaces has an address in that subnet, and it is an address with its prefix (such as /24) that gives a namespace its route to a subnet. Give {dev} one: `{fix}`',
  noRouteNoInterface: '{ns} has no route to {target}: it has no interface but lo. Move one end of a veth pair into it, e.g. `ip link set veth0-1 netns {ns}`.',
  peerDown: '{dev} has no carrier (NO-CARRIER) because the other end of the pair, {peer} in {ns}, is DOWN: a veth pair is like a cable, and the link is up only when both ends are up. `{fix}`',
  targetNoAddrFarEnd: 'Nobody has {target}: the other end, {dev} in {ns}, has no address, so nobody answers the ARP request for {target}. `{fix}`',
  targetOtherAddrFarEnd: 'Nobody has {target}: the other end, {dev} in {ns}, has {have}. Was the address mistyped? `{fix}`',
  targetNowhere: 'No interface in the lab has {target}, so the ARP request for it gets no answer. Check the addresses with `ip -br addr` in each namespace.',
  noReturnRoute: 'The request reaches {dev} in {ns}, but {ns} has no route back to {source}: {dev} has {have}, which does not cover {source}, so the reply cannot be sent. Give {dev} the same prefix as the other side: `{fix}`',
  noReturnRouteRouted: 'The request reaches {ns} still from {source}, and {ns} has no route back to that address, so the reply cannot be sent. Across a router the way back is either a route in {ns} to {source}, or a source address translated on the way out (masquerade) to one {ns} can reach.',
  neighFailed: 'The ARP request for {target} on {dev} ({ns}) went unanswered, and the entry is FAILED: the kernel remembers the failure for a while and drops packets to that address meanwhile. Once the cause is fixed, forget it with `{fix}`. Watch the ARP exchange with `{watch}`.',
  neighIncomplete: 'The ARP request for {target} on {dev} ({ns}) went unanswered (entry INCOMPLETE), so the ping has no MAC address to send to. Watch where the reply goes with `{watch}`.',
  bridgePortTrap: '{port} is a port of {bridge} but still holds {addr}. The ARP reply for {target} does come back in through {port}, but a bridge takes every frame arriving on its ports: it is delivered to {bridge}, not to {port}. So the neighbour entry for {target} on {port} stays {state} and the ping has no MAC to send to. Put the address on the bridge: `{fix}`',
  bridgePortTrapReply: 'The request reaches {ns}, but the reply must leave through {port}, which holds {addr} although it is a port of {bridge}. The ARP reply for {target} comes back in through {port} and is delivered to {bridge}, not to {port}, so the entry for {target} on {port} stays {state} and no reply is sent. Put the address on the bridge: `{fix}`',

  // ---- unexpected successes
  staleNeighbourOnPort: 'The ping still works because the kernel still remembers the MAC of {target} (the entry on {port} is {state}), learned before {port} joined {bridge}; with the MAC known, no ARP is needed. Once the entry expires the ping fails. Make the kernel forget it now: `{fix}`',
  addressAlreadyOnBridge: 'The ping works because {cidr} is already on {bridge}: that is the fix a later step makes. To see the failure first, put the address back on {port}: `{fix}`',
  loAlreadyUp: 'The ping to {target} works because lo in {ns} is already up, so the namespace can reach its own address. To see the failure, bring lo down again: `{fix}`',
  answeredLocally: 'The ping was answered by {ns} itself: {target} is its own address (on {dev}), so the packet never went through a cable.',
  answeredLocallyMeant: 'The ping ran in {ns}, where {target} is a local address, so {ns} answered itself. The check pings from {meant}: `{fix}`',
  neighStillResolvedPort: 'The entry for {target} on {dev} is still {state}: it was learned before {dev} joined {bridge}, and the kernel keeps it until it expires. Flush it to see what happens now: `{fix}`',
  neighStillResolved: 'The entry for {target} on {dev} is still {state}, left over from earlier traffic. `{fix}`',
};

export type MsgKey = keyof typeof en;

const zh: Record<MsgKey, string> = {
  hostNs: '主机命名空间',
  fixLine: '修复：`{fix}`',

  devAlreadyMoved: '{dev} 已经在 {there} 里了：之前已经移过去，所以 {here} 里找不到它。没有什么需要再移动的，可以用 `{fix}` 查看它。',
  devElsewhere: '`{cmd}` 是在 {here} 里执行的，但 {dev} 在 {there} 里。每个网络命名空间都有自己独立的一套接口，命令只能看到它所在命名空间里的接口。请在 {there} 里执行：`{fix}`',
  devElsewhereMoveBack: '{dev} 在 {there} 里，而 {other} 在 {here} 里：一条命令只能把同一个命名空间里的接口连在一起。先把 {dev} 移回来：`{fix}`',
  devTypo: '{here} 里没有叫 {dev} 的接口，最接近的是 {near}，应该是打错了。`{fix}`',
  devMissingCreate: '整个实验环境里还没有叫 {dev} 的接口，命令没有可操作的对象。先创建它：`{fix}`',
  devMissing: '整个实验环境里都没有叫 {dev} 的接口。用 `{fix}` 看看内核里实际有哪些接口（其他命名空间用 `ip netns exec NS ip -br link`）。',
  nsHostIsNotAName: '"host" 不是命名空间的名字：这是本教程对实验环境顶层命名空间的叫法，它在 /run/netns 下并没有名字。要把接口移回去，可以用其中的一个进程来指代它：`netns 1`（实验环境里的 1 号进程）。`{fix}`',
  nsTypo: '没有叫 {name} 的命名空间，现有的是 {near}。`{fix}`',
  nsMissing: '命名空间 {name} 还不存在。`ip netns exec`、`ip -n` 和 `ip link set … netns` 只认 `ip netns add` 创建的命名空间（它会把命名空间挂载到 /run/netns 下）。先创建它：`{fix}`',
  nsExists: '命名空间 {name} 已经存在，`ip netns add` 不会重复创建。可以直接接着用；如果想从头来过，`{fix}` 会把它连同里面的 veth 一起删掉（veth 的另一端也会随之消失）。',
  linkExists: '{here} 里已经有 {dev} 了：同一个命名空间里接口名不能重复，所以内核拒绝再建一个（RTNETLINK answers: File exists）。多半是之前已经执行过这一步。想从头来过，就先删掉它：`{fix}`（删掉 veth pair 的任意一端，两端会一起消失）。',
  vethSameName: '新建的 veth pair 两端都在同一个命名空间里，必须用两个不同的名字，而 `peer name {dev}` 和第一端重名了。`{fix}`',
  renameExists: '{here} 里已经有一个接口叫 {dev}，同一个命名空间里名字不能重复。换个名字，或者先删掉那个接口；用 `{fix}` 查看现有接口。',
  routeExists: '路由 {route} 已经存在：给接口配置带前缀（比如 /24）的地址时，内核会自动加上到该子网的路由。不需要再加，可以用 `{fix}` 查看。',
  addrExistsOtherPrefix: '{dev} 上已经有 {ip} 了，配的是 {have}。同一个地址在一个接口上只能有一条，所以内核拒绝再加 {want}。替换掉它：`{fix}`',
  addrExists: '{dev} 上已经有 {cidr} 了：之前已经加过，同一个地址不能重复添加。不用再做什么，可以用 `{fix}` 确认。',
  addrDelPrefix: '{dev} 上的地址是 {have}，不是 {typed}：`ip addr del` 要写出地址实际的前缀长度。`{fix}`',
  addrDelOtherDev: '{ip} 在 {other} 上，不在 {dev} 上：地址只属于添加它的那个接口，所以 {dev} 上没什么可删的。如果要删的是 {other} 上的那个，用 `{fix}`。',
  addrDelOtherNs: '{ip} 在 {there} 的 {other} 上，不在 {here} 里：每个命名空间都有自己的地址。如果要删的就是它，用 `{fix}`。',
  addrDelNowhere: '实验环境里没有任何接口配有 {ip}，没什么可删的：可能已经删过了（把接口移到别的命名空间时，它的地址也会被清掉）。用 `ip -br addr` 确认一下。',
  alreadyPortSame: '{dev} 已经是 {bridge} 的端口了，不需要再加。可以用 `bridge link show` 确认。',
  alreadyPortOther: '{dev} 已经是 {other} 的端口，而一个接口同一时间只能属于一个网桥。先把它从原网桥上摘下来：`{fix}`',
  notPermittedSudo: '实验环境里不能用 sudo：实验环境运行在自己的 user 和 network 命名空间里，你在里面本来就有修改接口的权限（CAP_NET_ADMIN），而 sudo 想要的是真实机器上的 root。去掉 sudo 直接执行：`{fix}`',
  notPermittedSysctl: '内核拒绝修改 {key}：只有 net.* 下的参数属于网络命名空间，其余的参数是整台机器共用的，实验环境无权修改。本课程也用不到它们；实验环境自己的参数可以用 `sysctl net.ipv4` 查看。',
  notPermitted: '内核拒绝执行 `{cmd}`（Operation not permitted）：修改接口需要在接口所属的命名空间里具备 CAP_NET_ADMIN 能力。实验环境只在它自己的命名空间里有这个能力，所以凡是指向外面的操作（sudo、su、nsenter 进别的进程、访问真实机器上的路径）都会被拒绝。直接在实验环境里执行：`{fix}`',
  toolMissingAlt: '这台机器没有安装 {prog}（shell 提示 "not found"）。它在 {deb} 软件包里（Fedora 上是 {fed}），请在教程之外用 `{install}` 安装。也可以用已经装好的 iproute2 完成同样的操作：`{fix}`',
  toolMissing: '这台机器没有安装 {prog}（shell 提示 "not found"）。它在 {deb} 软件包里（Fedora 上是 {fed}），请在教程之外用 `{install}` 安装。',
  programTypo: '没有 {prog} 这个命令，应该是想输入 {near}。`{fix}`',
  programUnknown: 'shell 找不到叫 {prog} 的程序。实验环境里有 ip、bridge、ping 和 tcpdump，`ip help` 会列出 ip 能做的事。',

  ipUnknownObjectNear: 'ip 没有 "{word}" 这个对象：`ip` 后面要跟操作对象，即 link、address（a）、route（r）、neigh（n）或 netns。应该是想写 {near}：`{fix}`',
  ipUnknownObject: 'ip 没有 "{word}" 这个对象：`ip` 后面要跟操作对象，即 link、address（a）、route（r）、neigh（n）或 netns。参见 `ip help`。',
  ipUnknownCommandNear: '`ip {object}` 没有 "{word}" 这个子命令，它支持的有 {verbs}。应该是想写 {near}：`{fix}`',
  ipUnknownCommand: '`ip {object}` 没有 "{word}" 这个子命令，它支持的有 {verbs}。参见 `ip {object} help`。',
  brctlUnknownNear: 'brctl 没有 "{word}" 这个命令，应该是想写 {near}：`{fix}`',
  brctlUnknown: 'brctl 没有 "{word}" 这个命令。常用的有 addbr、delbr、addif、delif、show 和 showmacs，直接执行 `brctl` 可以看到完整用法。',
  ipUnknownOption: 'ip 没有 {option} 这个选项。ip 的选项紧跟在 `ip` 后面、操作对象之前（如 `ip -br link`、`ip -n ns0 addr`），常用的有 -br、-n、-4、-j 和 -d。比如 `{fix}`。',
  unknownOption: '{prog} 没有 {option} 这个选项。可以用 `{fix}` 查看它支持哪些选项。',
  keywordTypo: '"{word}" 不是 ip 认识的关键字，于是它把后面的词错当成了别处的参数。应该是想写 {near}：`{fix}`',
  addrNeedsDev: '接口名前面要加关键字 dev：少了它，ip 会把 {dev} 当成第二个地址（"either local is duplicate, or … is a garbage"）。`{fix}`',
  peerOnlyAtCreation: 'peer 只在创建 veth pair 时使用：两端由 `ip link add … type veth peer name …` 一次性同时创建，已有的接口事后没法再配成一对。`{fix}`',
  linkSetOneDevice: '`ip link set` 一次只能改一个接口，所以跟在 {a} 后面的 {b} 被当成了多余的参数。每个接口各执行一次：`{fix}`',
  garbageModel: 'ip 看不懂 `{cmd}` 里的 "{word}"：它前面少了或拼错了某个关键字。这一步的命令是 `{fix}`。',
  garbage: 'ip 看不懂 `{cmd}` 里的 "{word}"：它前面少了或拼错了某个关键字。用 `{fix}` 查看正确的语法。',
  unknownLinkType: '内核不认识 "{type}" 这种接口类型，应该是想写 {near}。`{fix}`',
  typeUnavailable: '这个内核创建不了 {type} 设备：它的驱动既没有编译进内核，也没有加载，而实验环境不能加载内核模块。',
  typeUnavailableModel: '这个内核创建不了 {type} 设备：它的驱动既没有编译进内核，也没有加载，而实验环境不能加载内核模块。这一步要创建的是 {want}：`{fix}`',
  missingValueModel: '`{cmd}` 以 {word} 结尾，但 {word} 后面还要跟一个值（接口、命名空间或名字）。这一步需要的是 `{fix}`。',
  missingValue: '`{cmd}` 以 {word} 结尾，但 {word} 后面还要跟一个值（接口、命名空间或名字）：补上之后再执行一次。',
  incompleteModel: '`{cmd}` 少了点东西：命令还没拿到需要的全部参数（接口、地址或要执行的命令）就结束了。这一步需要的是 `{fix}`。',
  incomplete: '`{cmd}` 少了点东西：命令还没拿到需要的全部参数（接口、地址或要执行的命令）就结束了。参见 `{fix}`。',
  badAddressModel: '{value} 不是合法的带前缀 IPv4 地址：四段数字都要在 0 到 255 之间，前缀长度在 0 到 32 之间，比如 192.168.100.1/24。这一步需要的是 `{fix}`。',
  badAddress: '{value} 不是合法的带前缀 IPv4 地址：四段数字都要在 0 到 255 之间，前缀长度在 0 到 32 之间，比如 `192.168.100.1/24`。',
  nameTooLong: '内核规定接口名最长 15 个字符（IFNAMSIZ），而 {name} 有 {n} 个。换个短一点的名字，比如 `veth0-0`。',
  loImmutable: 'lo 不能移动：每个命名空间创建时都自带一个 loopback，内核把它固定在那个命名空间里（NETNS_LOCAL）。要在 {ns} 里用 lo，启用它自带的那个就行：`{fix}`',
  bridgeInBridge: '{dev} 本身就是网桥，内核不允许把网桥当作另一个网桥（{bridge}）的端口。网桥的端口应该是以太网类的设备，比如 veth pair 的一端。',
  loNoBridge: 'lo 不能当网桥端口：网桥端口必须是以太网类的设备，而 loopback 不是。应该往 {bridge} 上加一个 veth 端。',
  invalidArgumentModel: '内核拒绝了 `{cmd}` 里的某个值（Invalid argument）：语法没问题，但某个参数指向了不能用在这里的设备或值。这一步需要的是 `{fix}`。',
  invalidArgument: '内核拒绝了 `{cmd}` 里的某个值（Invalid argument）：语法没问题，但某个参数指向了不能用在这里的设备或值。对照 `ip link help` 逐个检查。',
  brctlReversed: 'brctl {sub} 的参数是先网桥、后接口，所以 `brctl {sub} {first} {second}` 把 {first} 当成了网桥。把两者对调：`{fix}`',
  masterReversed: '`master` 后面跟的是网桥，接口写在前面：这条命令是要让 {master}（一个 veth）当网桥 {dev} 的 master。把两者对调：`{fix}`',
  masterNotBridge: '{master} 是 {kind} 设备，不是网桥，所以不能当 {dev} 的 master（Operation not supported）。把 {dev} 接到网桥上：`{fix}`',
  masterNotBridgeNone: '{master} 是 {kind} 设备，不是网桥，所以不能当 {dev} 的 master。先建一个网桥，再把 {dev} 接上去：`{fix}`',
  netnsReversed: '`ip link set` 后面先写接口，再写 netns 和命名空间：`ip link set {ns} netns {dev}` 会去找一个叫 {ns} 的接口。`{fix}`',
  pingNotAnAddressModel: '{target} 不是完整的 IPv4 地址，ping 就把它当成主机名去解析，而实验环境里没有域名解析。请输入完整的地址：`{fix}`',
  pingNotAnAddress: '{target} 不是完整的 IPv4 地址，ping 就把它当成主机名去解析，而实验环境里没有域名解析。请把四段数字写全，比如 `ping -c 1 192.168.100.2`。',
  pingBindAddress: 'ping -I {addr} 会绑定这个源地址，但它必须是 {here} 自己的地址，而它不是。改成写接口名：`{fix}`',

  peerMisnamed: '{ns} 里，{peer} 的另一端叫 {dev}，而这一步要它叫 {want}。给它改个名：`{fix}`',
  wrongVethEnd: '移错了一端：{peer} 进了 {ns}，{dev} 还留在 {home}。veth 用哪一端都行，但本课（以及后面的地址配置）要求在 {ns} 里的是 {dev}。把两端换过来：`{fix}`',
  linkElsewhere: '{dev} 在 {there} 里，不在 {want} 里。一个接口同一时间只属于一个网络命名空间，`ip link set {dev} netns …` 可以移动它。`{fix}`',
  linkMissingNear: '没有 {dev}，但 {there} 里有个 {near}：创建时名字打错了？改个名：`{fix}`',
  linkMissing: '{want} 里没有 {dev}，实验环境里别处也没有：要么从没创建过，要么已经被删了（删除 veth pair 的一端，或删除它所在的命名空间，两端都会消失）。创建它：`{fix}`',
  linkMissingBridge: '{want} 里没有网桥 {dev}：要么从没创建过，要么已经被删了。创建它：`{fix}`',
  linkStillHereMove: '{dev} 还在 {here} 里，它应该已经移走了；移过去之后，内核会让这对 veth 跨命名空间保持连通。`{fix}`',
  linkStillHere: '{dev} 在 {here} 里仍然存在。`{fix}`',
  downLo: '{ns} 里的 lo 是 DOWN 的。每个新建的网络命名空间都自带一个 loopback，但默认是关闭的，需要手动启用。`{fix}`',
  downMoved: '{dev} 在 {ns} 里，但处于 DOWN 状态。接口刚创建时是关闭的，每次移到另一个命名空间后也会被重新置为 down（地址也会被清掉）。`{fix}`',
  downBridge: '网桥 {dev} 是 DOWN 的：网桥创建出来默认是关闭的，不管端口状态如何，都要手动启用。`{fix}`',
  downNew: '{ns} 里的 {dev} 是 DOWN 的。新建的接口默认都是管理性关闭（admin down），要手动启用。`{fix}`',
  linkStillUp: '{ns} 里的 {dev} 仍然是 UP 的。`{fix}`',
  ranInOtherNs: '`{cmd}` 是在 {ran} 里执行的，那里有它自己的 {dev}；{want} 里的 {dev} 是另一个接口，根本没被动到。每个命名空间都有自己的一套接口，连 lo 也各有一个。`{fix}`',
  nsMissingNear: '没有命名空间 {name}，倒是有个 {near}：名字打错了？`{fix}`',
  nsStillThere: '命名空间 {name} 仍然存在。`{fix}`',

  pingKilledReplies: '`{cmd}` 收到了 {n} 个回复，之后一直运行，直到 {secs} 秒后被这一步的超时强行结束：不加 -c，ping 永远不会自己停下。回复说明路是通的；告诉 ping 要发几个：`{fix}`',
  pingKilledNoReply: '`{cmd}` 一直运行到 {secs} 秒后被这一步的超时强行结束，一个回复也没收到：不加 -c，ping 不会自己停下，这一步也就没法判断结果。发一个限定次数的 ping：`{fix}`',
  commandKilled: '`{cmd}` 到 {secs} 秒时还在运行，被这一步的超时强行结束了：它不会自己停下。给它一个次数或时间上限（ping 和 tcpdump 都用 -c）。',
  pingKilledCounted: '`{cmd}` 到 {secs} 秒时还在运行，被这一步的超时强行结束了：ping 每秒发一个包，直到发够次数，然后还要为最后一个回复最多等 10 秒，除非用 -W 另行指定。只发一个 ping，并设一个较短的等待时间：`{fix}`',
  looksNotRun: '这一步要看 {what} 的结果（退出码、输出或发出的包），而你的命令里没有运行它，所以没有东西可判断。改完之后运行它：`{fix}`',
  lookIn: '它在 {ns} 中运行的 {prog}',
  nothingPrinted: '这一步要在命令的输出里找东西，而你的命令什么也没有输出，所以不可能找到。能产生这些输出的，是这一步自己的命令。',
  deletedNamespace: '`{cmd}` 删除了命名空间 {ns}，里面的接口也随之消失：{names}。veth 的一端没了，另一端无论在哪里也会一起消失。要恢复，只能重做创建它们的那些步骤。',
  deletedEmptyNamespace: '`{cmd}` 删除了这一步需要的命名空间 {ns}。它里面除了自己的 `lo` 什么都没有，所以重新创建它就够了，然后完成这一步：`{fix}`',
  deletedPair: '`{cmd}` 删除了 veth pair：{a}（{an}）和 {b}（{bn}）。删掉任意一端，两端都会消失。按原样重建，再完成这一步：`{fix}`',
  deletedLink: '`{cmd}` 删除了 {ns} 里的 {dev}，而这一步还需要它。',
  unplugged: '`{cmd}` 把 {dev} 从网桥 {bridge} 上拔了下来，而这一步需要它留在网桥上。重新接上：`{fix}`',
  switchedOff: '`{cmd}` 把 {ns} 里的 {dev} 关掉了，而这一步需要它处于 up 状态：`{fix}`',
  noRouteViaRouter: '{ns} 没有去往 {target} 的路由：那个子网不在它的任何一条链路上，发往那里的包必须经过路由器。{via}（{router}，在 {dev} 所在的链路上）能到达它。加一条经过它的路由：`{fix}`',
  gatewayNobody: '{ns} 把发往 {target} 的包交给网关 {gw}，但那条链路上没有谁拥有 {gw}，所以它的 ARP 请求得不到应答。{dev} 所在链路上的路由器是 {via}（{router}）：`{fix}`',
  gatewayCannotReach: '{ns} 把发往 {target} 的包交给 {there} 里的网关 {gw}，可它自己也没有去往 {target} 的路由。能到达那里的路由器是 {via}（{router}，在 {dev} 所在的链路上）：`{fix}`',
  addrNoDevice: '{want} 里没有接口 {dev}，自然也配不了 {cidr}。先创建 {dev} 或把它移过去（在各个命名空间里用 `ip -br link` 可以看到接口在哪）。',
  addrOtherNs: '{cidr} 配在了 {there} 的 {other} 上，而它应该在 {want} 的 {dev} 上：命令在错误的命名空间里执行了（每个命名空间都有自己的接口和地址）。挪过去：`{fix}`',
  addrPrefix32: '{dev} 上的地址是 {have}，而不是 {want}。不写 "/{len}" 时，ip 默认用 /32：这个地址只覆盖它自己，内核不会为子网里的其他地址添加路由。替换它：`{fix}`',
  addrPrefix: '{dev} 上的地址是 {have}，而不是 {want}：前缀长度决定了内核认为哪个子网可以经 {dev} 直达。替换它：`{fix}`',
  addrOnPortNotBridge: '{cidr} 配在了 {other} 上，而 {other} 是 {dev} 的端口。从网桥端口进来的帧都会交给网桥，协议栈只会在 {dev} 上收到它们，永远不会在 {other} 上：所以地址必须配在网桥上。`{fix}`',
  addrOnOtherDev: '{cidr} 配在了 {other} 上，而不是 {ns} 的 {dev} 上。`{fix}`',
  addrLostOnMove: '{ns} 里的 {dev} 没有地址。把接口移到另一个命名空间时，内核会清掉它的 IP 地址（这些地址属于原命名空间的协议栈），所以要在 {ns} 里重新配置：`{fix}`',
  addrDifferent: '{dev} 上的地址是 {have}，不是 {want}，可能是地址打错了。`{fix}`',
  addrMissing: '{ns} 里的 {dev} 上没有 {cidr}（它根本没有 IPv4 地址）。`{fix}`',
  addrStillOnPort: '{cidr} 还在 {dev} 上。{dev} 现在是 {bridge} 的端口，从端口进来的帧都会交给网桥，所以端口上的地址永远收不到应答，还会多出一条到同一子网的路由。`{fix}`',
  addrStillThere: '{cidr} 还在 {dev} 上。`{fix}`',
  sameSubnetTwice: '在 {ns} 里，{a} 和 {b} 上都配了 {net} 网段的地址。这样会有两条到同一子网的路由，而内核只用第一条（`ip route` 里排在前面的：dev {used}），流量可能从错误的接口出去。同一子网只保留在一个接口上：`{fix}`',

  bridgeMissing: '{ns} 里还没有网桥 {bridge}。`{fix}`',
  notABridge: '{bridge} 虽然存在，但它是 {kind} 设备而不是网桥（创建时没有指定 type bridge），所以挂不了端口。重新创建：`{fix}`',
  portElsewhere: '{dev} 在 {there} 里，但网桥端口必须和网桥 {bridge} 在同一个命名空间（{want}）里。`{fix}`',
  portNotEnslaved: '{dev} 还不是 {bridge} 的端口：创建网桥并不会自动接上任何接口。`{fix}`',
  portWrongBridge: '{dev} 是 {other} 的端口，不是 {bridge} 的：一个接口同一时间只能属于一个网桥。`{fix}`',
  portStillEnslaved: '{dev} 仍然是 {bridge} 的端口。`{fix}`',
  macNotPortYet: '{bridge} 和 {dev} 的 MAC 不同，是因为 {dev} 还不是 {bridge} 的端口：没有手动设置过 MAC 的网桥，会取所有端口中最小的那个 MAC，而 {dev} 还没接上去。`{fix}`',
  macLowestPort: '{bridge} 用的是 {low} 的 MAC（{mac}），而不是 {dev} 的：网桥会取所有端口中数值最小的 MAC，{low} 的更小。把 {low} 从网桥上摘下来，就能看到 {bridge} 的 MAC 跟着变：`ip link set {low} nomaster`。',
  macSetByHand: '{bridge} 的 MAC 不再跟随端口变化：网桥的 MAC 一旦被手动设置过，内核就不再从端口里挑选。把它设成 {dev} 的：`{fix}`',
  learnedNotPort: '{bridge} 学不到 {dev} 的 MAC：它的对端 {peer} 不是 {bridge} 的端口，{dev} 发出的帧根本不经过网桥。`{fix}`',
  learnedNoTraffic: '{bridge} 还没有学到 {dev} 的 MAC（{mac}）：网桥只有在端口上收到来自某个 MAC 的帧时才会学习它，表项 5 分钟没有流量就会老化。从 {ns} 发点流量：`{fix}`',
  portDown: '{dev} 是 {bridge} 的端口，但它是 DOWN 的：网桥只通过 UP 的端口转发。`{fix}`',

  loDownOwnAddress: '{ns} 里的 lo 是 DOWN 的，而 {target} 是 {ns} 自己的地址。发往本命名空间自身地址的包要经过它的 loopback 投递，lo 没启用，ping 就收不到回复；新建的命名空间里 lo 默认是关闭的。`{fix}`',
  martianVethPair: '{target} 属于 {owner}，而 {owner} 也在 {ns} 里，所以对内核来说这是本地地址（`{route}` 显示 "local … dev lo"）。用 -I 强制从 {iface} 发出后，ARP 请求到达 {owner} 时，源地址也是本机地址，内核把它当作 martian source（火星源地址）丢弃，邻居表项一直是 INCOMPLETE。让两端各待在自己的命名空间里：`{fix}`',
  martianLocal: '{target} 是 {ns} 的本地地址（在 {owner} 上，`{route}` 显示 "local … dev lo"）。用 -I 强制从 {iface} 发出，对端会把请求当作 martian source 丢弃。去掉 -I 直接 ping：`{fix}`',
  noRouteDown: '{ns} 里没有去 {target} 的路由：{dev} 有这个网段的地址，但它是 DOWN 的，内核会撤掉 down 接口的路由（"Network is unreachable"）。`{fix}`',
  noRoutePrefix32: '{ns} 里没有去 {target} 的路由：{dev} 上的地址是 {have}，/32 只覆盖地址本身，内核不会添加到整个子网的路由。`{fix}`',
  noRouteNoAddr: '{ns} 里没有去 {target} 的路由（"Network is unreachable"）：它的接口都没有这个网段的地址，而正是给接口配上带前缀的地址，命名空间才有了到该子网的路由。给 {dev} 配一个：`{fix}`',
  noRouteNoInterface: '{ns} 里没有去 {target} 的路由：除了 lo 它没有别的接口。把 veth pair 的一端移进去，比如 `ip link set veth0-1 netns {ns}`。',
  peerDown: '{dev} 没有载波（NO-CARRIER），因为 veth pair 的另一端、{ns} 里的 {peer} 是 DOWN 的：veth pair 就像一根网线，两端都 UP 链路才通。`{fix}`',
  targetNoAddrFarEnd: '没有谁配有 {target}：对端 {ns} 里的 {dev} 没有地址，所以对 {target} 的 ARP 请求没人应答。`{fix}`',
  targetOtherAddrFarEnd: '没有谁配有 {target}：对端 {ns} 里的 {dev} 配的是 {have}。是不是地址写错了？`{fix}`',
  targetNowhere: '实验环境里没有任何接口配有 {target}，所以对它的 ARP 请求没人应答。在各个命名空间里用 `ip -br addr` 检查一下地址。',
  noReturnRoute: '请求到达了 {ns} 的 {dev}，但 {ns} 没有回 {source} 的路由：{dev} 上的地址是 {have}，覆盖不到 {source}，回复发不出去。给 {dev} 配上和对端相同的前缀：`{fix}`',
  noReturnRouteRouted: '请求到达 {ns} 时源地址仍是 {source}，而 {ns} 没有回这个地址的路由，回复发不出去。隔着路由器，回程要么靠 {ns} 里一条去 {source} 的路由，要么在出去的路上把源地址转换（masquerade）成 {ns} 能到达的地址。',
  neighFailed: '{ns} 里 {dev} 上对 {target} 的 ARP 请求没有得到应答，表项变成了 FAILED：内核会记住这次失败一段时间，期间发往它的包都会被丢弃。原因解决后，用 `{fix}` 清掉它。用 `{watch}` 可以观察 ARP 交互。',
  neighIncomplete: '{ns} 里 {dev} 上对 {target} 的 ARP 请求没有得到应答（表项为 INCOMPLETE），ping 没有目的 MAC 可用。用 `{watch}` 看看应答到底去了哪里。',
  bridgePortTrap: '{port} 已经是 {bridge} 的端口，但地址 {addr} 还配在它上面。{target} 的 ARP 应答确实从 {port} 回来了，但网桥会接管从端口进来的所有帧：应答被交给了 {bridge}，而不是 {port}。所以 {port} 上 {target} 的邻居表项一直是 {state}，ping 拿不到目的 MAC。把地址挪到网桥上：`{fix}`',
  bridgePortTrapReply: '请求能到达 {ns}，但回复必须从 {port} 发出，而 {port} 虽然是 {bridge} 的端口，地址 {addr} 却还配在它上面。{target} 的 ARP 应答从 {port} 进来后被交给了 {bridge}，而不是 {port}，所以 {port} 上 {target} 的表项一直是 {state}，回复发不出去。把地址挪到网桥上：`{fix}`',

  staleNeighbourOnPort: 'ping 还能通，是因为内核还记得 {target} 的 MAC（{port} 上的表项是 {state}），这是 {port} 加入 {bridge} 之前学到的；MAC 已知，就不需要再发 ARP。等表项过期，ping 就会失败。现在就让内核忘掉它：`{fix}`',
  addressAlreadyOnBridge: 'ping 能通，是因为 {cidr} 已经配在 {bridge} 上了：这是后面某一步才做的修复。想先看到失败的现象，把地址挪回 {port}：`{fix}`',
  loAlreadyUp: 'ping {target} 能通，是因为 {ns} 里的 lo 已经启用了，命名空间可以访问自己的地址。想看到失败的现象，把 lo 再关掉：`{fix}`',
  answeredLocally: 'ping 是 {ns} 自己回复的：{target} 就是它自己的地址（在 {dev} 上），包根本没有经过网线。',
  answeredLocallyMeant: 'ping 是在 {ns} 里执行的，{target} 在那里是本地地址，所以是 {ns} 自己回复的。检查是从 {meant} 发起 ping 的：`{fix}`',
  neighStillResolvedPort: '{dev} 上 {target} 的表项仍然是 {state}：它是 {dev} 加入 {bridge} 之前学到的，内核会一直保留到过期。清掉它，看看现在的真实情况：`{fix}`',
  neighStillResolved: '{dev} 上 {target} 的表项仍然是 {state}，是之前的流量留下的。`{fix}`',
};

const table: Messages<MsgKey> = { en, zh };

const translate = translator(table);
const CJK = '\u3000-\u303f\u4e00-\u9fff\uff00-\uffef';
const CJK_GAP = new RegExp(`([${CJK}]) +(?=[${CJK}])`, 'g');

/**
 * A message in the learner's language. The Chinese templates put spaces around
 * names (ns0, veth0-1); when the name is itself Chinese (主机命名空间) those
 * spaces go, as Chinese puts none between Chinese words.
 */
export function msg(lang: Lang, key: MsgKey, vars?: Record<string, string | number>): string {
  const text = translate(lang, key, vars);
  return lang === 'zh' ? text.replace(CJK_GAP, '$1') : text;
}

/**
 * The template without the command it offers: "Create it: `{fix}`." becomes
 * "Create it."; a clause that is nothing but the command goes entirely. What
 * the explanation says when its fix is not (yet) proven.
 */
export function withoutFixSentence(template: string): string {
  const at = template.indexOf('{fix}');
  if (at < 0) return template;
  // Clause ends (. ! ? ; and their full-width forms) outside `code`.
  const ends: number[] = [];
  let inCode = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '`') inCode = !inCode;
    else if (!inCode && (/[。！？；]/.test(c) || (/[.!?;]/.test(c) && (i + 1 >= template.length || /\s/.test(template[i + 1]))))) ends.push(i);
  }
  const before = ends.filter((i) => i < at).pop();
  const after = ends.find((i) => i > at);
  const start = before === undefined ? 0 : before + 1;
  const end = after === undefined ? template.length : after + 1;
  const clause = template.slice(start, end);
  const colon = Math.max(clause.lastIndexOf(': ', at - start), clause.lastIndexOf('：', at - start));
  const fullWidth = /[\u3000-\u9fff\uff00-\uffef]/.test(clause);
  const kept = colon > 0 ? clause.slice(0, colon) + (fullWidth ? '。' : '.') : '';
  return (template.slice(0, start) + kept + template.slice(end))
    .replace(/\s+$/, '')
    .replace(/ {2,}/g, ' ')
    .replace(/;$/, '.')
    .replace(/；$/, '。');
}

/** A message split into what it diagnoses and the one fix command it offers (when it offers one). */
export function msgWithoutFix(lang: Lang, key: MsgKey, vars: Record<string, string | number>): string {
  const text = fill(withoutFixSentence(table[lang][key] ?? table.en[key]), vars);
  return lang === 'zh' ? text.replace(CJK_GAP, '$1') : text;
}

/** English sentences may open with a namespace's name: "the host namespace" then needs its capital. */
export function sentence(lang: Lang, text: string): string {
  return lang === 'en' ? text.replace(/(^|[.!?] )the host namespace/g, '$1The host namespace') : text;
}

/** Every key, for tests that check both languages are complete. */
export const MESSAGE_KEYS = Object.keys(en) as MsgKey[];
export const MESSAGES = table;
