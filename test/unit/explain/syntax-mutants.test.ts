/** What the syntax rules (src/explain/rules/syntax.ts) make of commands the tools could not parse: which segment, which finding, its exact text, fix, weight and id, and when they stay silent. */
import { describe, expect, it } from 'vitest';
import {
  brctlArgumentsReversed,
  garbageArgument,
  incompleteCommand,
  invalidValue,
  masterArgumentsReversed,
  netnsArgumentsReversed,
  pingUsage,
  unknownSubcommand,
} from '../../../src/explain/rules/syntax.js';
import type { LabState, LinkState } from '../../../src/lab/state.js';
import { direct, edited, fixture, link, ran, step } from './helpers.js';


/** A link like lo of the host, renamed and changed. */
function extra(s: LabState, o: Partial<LinkState> & { name: string }): LinkState {
  return { ...link(s, 'lo'), ifindex: 50 + s.links.length, addrs: [], up: true, ...o };
}

const OBJ = (w: string) => `Object "${w}" is unknown, try "ip help".\n`;
const CMD = (w: string, o: string) => `Command "${w}" is unknown, try "ip ${o} help".\n`;

describe('unknownSubcommand: ip objects', () => {
  it('a close object: the corrected command as fix, weight 75, id by command and word', () => {
    const fs = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('echo adr'), ran('ip adr add 192.168.100.1/24 dev veth0-0', 1, OBJ('adr'))] });
    expect(fs).toEqual([
      {
        id: 'syntax:1:adr',
        weight: 75,
        text: 'ip has no object "adr": after `ip` comes what to work on, one of link, address (a), route (r), neigh (n) or netns. You probably meant addr.',
        fix: 'ip addr add 192.168.100.1/24 dev veth0-0',
      },
    ]);
  });

  it('nothing close, or the word in no segment of that command: weight 50 and ip help', () => {
    const far = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip zzzz', 1, OBJ('zzzz'))] });
    expect(far).toEqual([{ id: 'syntax:0:zzzz', weight: 50, text: 'ip has no object "zzzz": after `ip` comes what to work on, one of link, address (a), route (r), neigh (n) or netns. See `ip help`.', fix: undefined }]);
    const elsewhere = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip lnk show', 0), ran('ip "lnk " show', 1, OBJ('lnk'))] });
    expect(elsewhere).toEqual([{ id: 'syntax:1:lnk', weight: 50, text: 'ip has no object "lnk": after `ip` comes what to work on, one of link, address (a), route (r), neigh (n) or netns. See `ip help`.', fix: undefined }]);
  });
});

describe('unknownSubcommand: ip commands', () => {
  it('a close verb, with the verbs of that object listed', () => {
    const [f] = direct(unknownSubcommand, { state: fixture('state-across-ns0'), commands: [ran('ip netns exec ns0 ip link sett up veth0-1', 255, CMD('sett', 'link'))] });
    expect(f).toEqual({ id: 'syntax:0:sett', weight: 75, text: '`ip link` has no command "sett": it knows add, set, delete, show. You probably meant set.', fix: 'ip netns exec ns0 ip link set up veth0-1' });
  });

  it('objects as ip abbreviates them: addr is address, neighbour is neigh', () => {
    const [a] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip addr ad 10.0.0.1/24 dev veth0-0', 255, CMD('ad', 'addr'))] });
    expect(a.text).toBe('`ip addr` has no command "ad": it knows add, del, show, flush, replace. You probably meant add.');
    expect(a.fix).toBe('ip addr add 10.0.0.1/24 dev veth0-0');
    const [n] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip neighbour flsh dev veth0-0', 255, CMD('flsh', 'neighbour'))] });
    expect(n.text).toBe('`ip neighbour` has no command "flsh": it knows add, del, show, flush, replace, change. You probably meant flush.');
    expect(n.fix).toBe('ip neighbour flush dev veth0-0');
  });

  it('a word far from every verb but with its first two letters, not too long, still finds it', () => {
    const [f] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip link dexxxxxx veth0-0', 255, CMD('dexxxxxx', 'link'))] });
    expect(f.weight).toBe(75);
    expect(f.fix).toBe('ip link delete veth0-0');
    const [long] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip link dexxxxxxx veth0-0', 255, CMD('dexxxxxxx', 'link'))] });
    expect(long).toEqual({ id: 'syntax:0:dexxxxxxx', weight: 50, text: '`ip link` has no command "dexxxxxxx": it knows add, set, delete, show. See `ip link help`.', fix: undefined });
    const [other] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip link xexxxx veth0-0', 255, CMD('xexxxx', 'link'))] });
    expect(other.weight).toBe(50);
  });

  it('an object without a verb list: no verbs to offer', () => {
    const [f] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip tunnel ad', 255, CMD('ad', 'tunnel'))] });
    expect(f).toEqual({ id: 'syntax:0:ad', weight: 50, text: '`ip tunnel` has no command "ad": it knows . See `ip tunnel help`.', fix: undefined });
  });

  it('a close verb but the word in no segment: weight 50', () => {
    const [f] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip link "sett "', 255, CMD('sett', 'link'))] });
    expect(f.weight).toBe(50);
    expect(f.fix).toBeUndefined();
  });
});

describe('unknownSubcommand: options', () => {
  it('ip options: ip -help unless the step has a command with that same start', () => {
    const [plain] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip -x link', 255, 'Option "-x" is unknown, try "ip -help".\n')] });
    expect(plain).toEqual({
      id: 'syntax:0:-x',
      weight: 60,
      text: 'ip has no option -x. Its options come right after `ip` and before the object (`ip -br link`, `ip -n ns0 addr`); the common ones are -br, -n, -4, -j and -d. For example `ip -help`.',
      fix: undefined,
    });
    const [model] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), reference: ['ip -x addr'], commands: [ran('ip -x link', 255, 'Option "-x" is unknown, try "ip -help".\n')] });
    expect(model.text).toBe('ip has no option -x. Its options come right after `ip` and before the object (`ip -br link`, `ip -n ns0 addr`); the common ones are -br, -n, -4, -j and -d.');
    expect(model.fix).toBe('ip -x addr');
    const [long] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip -json2 link', 255, 'Option "-json2" is unknown, try "ip -help".\n')] });
    expect(long.id).toBe('syntax:0:-json2');
    expect(long.text).toContain('ip has no option -json2.');
  });

  it('other programs: their --help, or the step’s command with the same first argument', () => {
    const [plain] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('echo; ping -z 192.168.100.2', 2, "ping: invalid option -- 'z'\n")] });
    expect(plain).toEqual({ id: 'syntax:0:-z', weight: 60, text: 'ping has no option -z. Check its options with `ping --help`.', fix: undefined });
    const [model] = direct(unknownSubcommand, {
      state: fixture('state-veth-pair'),
      reference: ['tcpdump -c 1', 'ping -W 1 192.168.100.9', 'ping -c 1 192.168.100.2'],
      commands: [ran('ping -c 1 -z 192.168.100.2', 2, "ping: invalid option -- 'z'\n")],
    });
    expect(model.text).toBe('ping has no option -z. Check its options with `ping -c 1 192.168.100.2`.');
    const [none] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), reference: ['tcpdump -c 1'], commands: [ran('tcpdump -c 1 -z', 2, "ping: invalid option -- 'z'\n")] });
    expect(none.text).toBe('ping has no option -z. Check its options with `ping --help`.');
    expect(direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('x-ping -z', 2, "x-ping: invalid option -- 'z'\n")] })).toEqual([]);
  });
});

describe('unknownSubcommand: brctl', () => {
  it('a close command is corrected; a far one lists the usual ones', () => {
    const [near] = direct(unknownSubcommand, { state: fixture('state-across-ns0'), commands: [ran('brctl addbrr br0', 1, 'never heard of command [addbrr]\nUsage: brctl [commands]\n')] });
    expect(near).toEqual({ id: 'syntax:0:addbrr', weight: 75, text: 'brctl has no command "addbrr"; you probably meant addbr.', fix: 'brctl addbr br0' });
    const [far] = direct(unknownSubcommand, { state: fixture('state-across-ns0'), commands: [ran('brctl zzzzzz br0', 1, 'never heard of command [zzzzzz]\n')] });
    expect(far).toEqual({ id: 'syntax:0:zzzzzz', weight: 50, text: 'brctl has no command "zzzzzz". Its usual ones are addbr, delbr, addif, delif, show and showmacs; `brctl` alone prints them all.', fix: undefined });
    const [noBrctl] = direct(unknownSubcommand, { state: fixture('state-across-ns0'), commands: [ran('echo addbrr', 1, 'never heard of command [addbrr]\n')] });
    expect(noBrctl.weight).toBe(50);
  });

  it('says nothing about output that is no complaint', () => {
    expect(direct(unknownSubcommand, { state: fixture('state-across-ns0'), commands: [ran('ip link show', 1, 'Cannot find device "x"\n')] })).toEqual([]);
  });
});

const GARBAGE = (key: string, word: string) => `Error: either "${key}" is duplicate, or "${word}" is a garbage.\n`;

describe('garbageArgument: a misspelt keyword earlier in the line', () => {
  it('a three-letter typo of a link keyword: weight 80, the corrected line as fix', () => {
    const fs = direct(garbageArgument, { state: fixture('state-empty'), commands: [ran('ip link add veth0-0 type veth peer nam veth0-1', 255, GARBAGE('dev', 'veth0-1'))] });
    expect(fs).toEqual([{ id: 'syntax:0:veth0-1', weight: 80, text: '"nam" is not a keyword ip knows, so it read the words after it as values in the wrong places. You probably meant name.', fix: 'ip link add veth0-0 type veth peer name veth0-1' }]);
  });

  it('address commands are read against the address keywords', () => {
    const [f] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip addr add 10.0.0.1/24 lable x dev veth0-0', 255, GARBAGE('local', 'x'))] });
    expect(f.text).toContain('"lable" is not a keyword ip knows');
    expect(f.fix).toBe('ip addr add 10.0.0.1/24 label x dev veth0-0');
  });

  it('the verb itself and keywords spelt right are no typos (master is not a misspelt nomaster)', () => {
    const del = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip link del veth0-0 veth0-1', 255, GARBAGE('dev', 'veth0-1'))] });
    expect(del).toEqual([{ id: 'syntax:0:veth0-1', weight: 50, text: 'ip did not understand "veth0-1" in `ip link del veth0-0 veth0-1`: a keyword is missing or misspelt before it. Check the syntax with `ip link help`.', fix: undefined }]);
    const state = edited('state-veth-pair', (s) => s.links.push(extra(s, { name: 'br0', kind: 'bridge' })));
    const [master] = direct(garbageArgument, { state, commands: [ran('ip link set veth0-0 master br0 veth0-1', 255, GARBAGE('dev', 'veth0-1'))] });
    expect(master.text).toContain('`ip link set` changes one interface at a time');
  });

  it('words under three letters are no typos', () => {
    const [f] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip link set veth0-0 dv veth0-1', 255, GARBAGE('dev', 'veth0-1'))] });
    expect(f.text).toContain('`ip link set` changes one interface at a time');
  });

  it('an interface whose name is close to a keyword is no typo', () => {
    const state = edited('state-veth-pair', (s) => s.links.push(extra(s, { name: 'dev0', kind: 'dummy' })));
    const [f] = direct(garbageArgument, { state, commands: [ran('ip link set dev0 up veth0-1', 255, GARBAGE('dev', 'veth0-1'))] });
    expect(f).toEqual({ id: 'syntax:0:veth0-1', weight: 80, text: '`ip link set` changes one interface at a time, so veth0-1 after dev0 is taken as garbage. Run it once per interface.', fix: 'ip link set dev0 up && ip link set veth0-1 up' });
  });
});

describe('garbageArgument: an interface without dev', () => {
  it('adds dev, keeping the verb (del for delete) and the namespace; weight 85', () => {
    const [add] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip addr add 192.168.100.1/24 veth0-0', 255, GARBAGE('local', 'veth0-0'))] });
    expect(add).toEqual({
      id: 'syntax:0:veth0-0',
      weight: 85,
      text: 'The interface must follow the keyword dev: without it, ip reads veth0-0 as a second address ("either local is duplicate, or … is a garbage").',
      fix: 'ip addr add 192.168.100.1/24 dev veth0-0',
    });
    const [del] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip addr del 192.168.100.1/24 veth0-0', 255, GARBAGE('local', 'veth0-0'))] });
    expect(del.fix).toBe('ip addr del 192.168.100.1/24 dev veth0-0');
    const [inNs] = direct(garbageArgument, { state: fixture('state-across-ns0'), commands: [ran('ip -n ns0 addr replace 192.168.100.2/24 veth0-1', 255, GARBAGE('local', 'veth0-1'))] });
    expect(inNs.fix).toBe('ip netns exec ns0 ip addr replace 192.168.100.2/24 dev veth0-1');
  });

  it('only when ip complained about local, and the word is an interface', () => {
    const [key] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip addr add 192.168.100.1/24 veth0-0', 255, GARBAGE('dev', 'veth0-0'))] });
    expect(key.weight).toBe(50);
    const [link] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip link set veth0-0 veth0-1', 255, GARBAGE('local', 'veth0-1'))] });
    expect(link.text).toContain('`ip link set` changes one interface at a time');
    const [word] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip addr add 192.168.100.1/24 vethX', 255, GARBAGE('local', 'vethX'))] });
    expect(word.weight).toBe(50);
    expect(word.text).toBe('ip did not understand "vethX" in `ip addr add 192.168.100.1/24 vethX`: a keyword is missing or misspelt before it. Check the syntax with `ip addr help`.');
  });
});

describe('garbageArgument: peer and several interfaces', () => {
  it('peer on ip link set: creation only, with the pair named from the command', () => {
    const [f] = direct(garbageArgument, { state: fixture('state-veth-created'), commands: [ran('ip link set vethA peer vethB', 255, GARBAGE('dev', 'peer'))] });
    expect(f).toEqual({
      id: 'syntax:0:peer',
      weight: 80,
      text: 'peer only exists when a veth pair is created: both ends are made together by `ip link add … type veth peer name …`, and existing interfaces cannot be paired afterwards.',
      fix: 'ip link add vethA type veth peer name vethB',
    });
    const [bare] = direct(garbageArgument, { state: fixture('state-across-ns0'), commands: [ran('ip -n ns0 link set name peer', 255, GARBAGE('dev', 'peer'))] });
    expect(bare.fix).toBe('ip netns exec ns0 ip link add veth0-0 type veth peer name veth0-1');
  });

  it('peer elsewhere than ip link set is plain garbage', () => {
    const [f] = direct(garbageArgument, { state: fixture('state-veth-created'), commands: [ran('ip link add vethA peer vethB', 255, GARBAGE('dev', 'peer'))] });
    expect(f.weight).toBe(50);
  });

  it('one ip link set per interface, with all the flags, in the namespace', () => {
    const [f] = direct(garbageArgument, { state: fixture('state-veth-created'), commands: [ran('ip link set veth0-0 veth0-1', 255, GARBAGE('dev', 'veth0-1'))] });
    expect(f.fix).toBe('ip link set veth0-0 && ip link set veth0-1');
    const state = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'vethB', ns: 'ns0', kind: 'veth' })));
    const [ns] = direct(garbageArgument, { state, commands: [ran('ip netns exec ns0 ip link set down veth0-1 nomaster vethB', 255, GARBAGE('dev', 'vethB'))] });
    expect(ns.fix).toBe('ip netns exec ns0 ip link set veth0-1 down nomaster && ip netns exec ns0 ip link set vethB down nomaster');
  });

  it('not for ip link add, nor an ip link set with no device', () => {
    const [add] = direct(garbageArgument, { state: fixture('state-veth-created'), commands: [ran('ip link add veth0-0 veth0-1', 255, GARBAGE('dev', 'veth0-1'))] });
    expect(add.weight).toBe(50);
  });
});

describe('garbageArgument: the fallback', () => {
  it('the step’s own command of the same kind, else the tool’s help', () => {
    const [model] = direct(garbageArgument, {
      state: fixture('state-veth-pair'),
      reference: ['ip xyz', 'ip link set veth0-0 up', 'ip addr del 192.168.100.1/24 dev veth0-0', 'ip addr add 192.168.100.1/24 dev veth0-0'],
      commands: [ran('ip addr add 192.168.100.1/24 dev veth0-0 xyzzy', 255, GARBAGE('local', 'xyzzy'))],
    });
    expect(model).toEqual({
      id: 'syntax:0:xyzzy',
      weight: 50,
      text: 'ip did not understand "xyzzy" in `ip addr add 192.168.100.1/24 dev veth0-0 xyzzy`: a keyword is missing or misspelt before it.',
      fix: 'ip addr add 192.168.100.1/24 dev veth0-0',
    });
    const [program] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('xyzzy', 255, GARBAGE('local', 'xyzzy'))] });
    expect(program.text).toBe('ip did not understand "xyzzy" in `xyzzy`: a keyword is missing or misspelt before it.');
    // One space between the words, even without a second word (it was 'xyzzy  help').
    expect(program.fix).toBe('xyzzy help');
  });

  it('a word in no segment of the command: nothing to say', () => {
    expect(direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran('ip addr add 10.0.0.1/24 dev veth0-0', 0), ran('ip addr add 10.0.0.1/24 dev veth0-0', 255, GARBAGE('local', 'xyzzy'))] })).toEqual([]);
  });
});

describe('incompleteCommand', () => {
  const NOT_COMPLETE = 'Command line is not complete. Try option "help"\n';

  it('every complaint of a command cut short is read, on the ip segment of the line', () => {
    for (const err of ['Not enough information: "dev" argument is required.', 'No netns name specified', 'No command specified', 'Incorrect number of arguments for command', 'Destination address required', NOT_COMPLETE.trim()]) {
      const fs = direct(incompleteCommand, { state: fixture('state-veth-pair'), commands: [ran('echo go; ip route add 10.0.0.0/24', 1, `${err}\n`)] });
      expect(fs, err).toEqual([{ id: 'syntax:0:incomplete', weight: 60, text: '`ip route add 10.0.0.0/24` is missing something: the tool stopped before it had all it needs (an interface, an address or a command to run). See `ip help`.', fix: undefined }]);
    }
  });

  it('a line with none of ip, brctl or ping: its first segment; an empty line: nothing', () => {
    const [f] = direct(incompleteCommand, { state: fixture('state-veth-pair'), commands: [ran('echo go && cat', 1, 'No command specified\n')] });
    expect(f.text).toBe('`echo go` is missing something: the tool stopped before it had all it needs (an interface, an address or a command to run). See `echo help`.');
    expect(direct(incompleteCommand, { state: fixture('state-veth-pair'), commands: [ran('# nothing', 1, 'No command specified\n')] })).toEqual([]);
    const [brctl] = direct(incompleteCommand, { state: fixture('state-veth-pair'), commands: [ran('echo go; brctl addif br0', 1, 'Incorrect number of arguments for command\n')] });
    expect(brctl.text).toContain('`brctl addif br0` is missing something');
    const [ping] = direct(incompleteCommand, { state: fixture('state-veth-pair'), commands: [ran('echo go; ping -c 1', 1, 'ping: usage error: Destination address required\n')] });
    expect(ping.text).toContain('`ping -c 1` is missing something');
  });

  it('a keyword left without its value: weight 70, with the step’s command when it has one', () => {
    const state = fixture('state-veth-pair');
    const model = direct(incompleteCommand, { state, reference: ['ip netns add ns0', 'ip link set veth0-1 netns ns0'], commands: [ran('ip link set veth0-1 netns', 255, NOT_COMPLETE)] });
    expect(model).toEqual([{ id: 'syntax:0:incomplete', weight: 70, text: '`ip link set veth0-1 netns` ends with netns, which needs a value after it (an interface, a namespace or a name).', fix: 'ip link set veth0-1 netns ns0' }]);
    for (const word of ['dev', 'master', 'netns', 'name', 'type', 'peer', 'address']) {
      const [f] = direct(incompleteCommand, { state, commands: [ran(`ip link set veth0-1 ${word}`, 255, NOT_COMPLETE)] });
      expect(f, word).toEqual({ id: 'syntax:0:incomplete', weight: 70, text: `\`ip link set veth0-1 ${word}\` ends with ${word}, which needs a value after it (an interface, a namespace or a name): add it and run the command again.`, fix: undefined });
    }
  });

  it('only “not complete” is about a missing value; other last words are something missing', () => {
    const [other] = direct(incompleteCommand, { state: fixture('state-veth-pair'), commands: [ran('ip link set veth0-1 netns', 255, 'No netns name specified\n')] });
    expect(other.weight).toBe(60);
    const [last] = direct(incompleteCommand, { state: fixture('state-veth-pair'), commands: [ran('ip link set veth0-1 up', 255, NOT_COMPLETE)] });
    expect(last.weight).toBe(60);
    const [model] = direct(incompleteCommand, { state: fixture('state-across-ns0'), reference: ['brctl addbr br0', 'brctl addif br0 veth0-0'], commands: [ran('brctl addif br0', 1, 'Incorrect number of arguments for command\n')] });
    expect(model).toEqual({ id: 'syntax:0:incomplete', weight: 60, text: '`brctl addif br0` is missing something: the tool stopped before it had all it needs (an interface, an address or a command to run).', fix: 'brctl addif br0 veth0-0' });
  });

  it('a misspelt interface type: the corrected type, weight 80, for garbage or an unknown type', () => {
    const [garbage] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link add veth0-0 type vet peer name veth0-1', 1, 'Garbage instead of arguments "peer ...". Try "ip link help".\n')] });
    expect(garbage).toEqual({ id: 'syntax:0:incomplete', weight: 80, text: '"vet" is not an interface type the kernel knows; you probably meant veth.', fix: 'ip link add veth0-0 type veth peer name veth0-1' });
    const [empty] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link add br0 type bridg', 1, 'Garbage instead of arguments "". Try "ip link help".\n')] });
    expect(empty.fix).toBe('ip link add br0 type bridge');
    const [unknown] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link add d0 type dumy', 2, 'Error: Unknown device type.\n')] });
    expect(unknown.fix).toBe('ip link add d0 type dummy');
  });

  it('a real device type the kernel refuses: its driver is missing, not a typo; weight 80, and the step\'s own type when it differs', () => {
    const err = 'Error: Unknown device type.\n';
    const [bare] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link add br0 type dummy', 2, err)] });
    expect(bare).toEqual({ id: 'syntax:0:incomplete', weight: 80, text: 'This kernel cannot make a dummy device: its driver is neither built in nor loaded, and a lab cannot load kernel modules.', fix: undefined });
    const [model] = direct(incompleteCommand, { state: fixture('state-empty'), reference: ['ip link add br0 type bridge'], commands: [ran('ip link add br0 type dummy', 2, err)] });
    expect(model).toEqual({ id: 'syntax:0:incomplete', weight: 80, text: 'This kernel cannot make a dummy device: its driver is neither built in nor loaded, and a lab cannot load kernel modules. This step makes a bridge.', fix: 'ip link add br0 type bridge' });
    // The step wants that very type: no other type to point to.
    const [same] = direct(incompleteCommand, { state: fixture('state-empty'), reference: ['ip link add v0 type vxlan id 42 dev eth0'], commands: [ran('ip link add v0 type vxlan id 42', 2, err)] });
    expect(same.text).toBe('This kernel cannot make a vxlan device: its driver is neither built in nor loaded, and a lab cannot load kernel modules.');
    const [zh] = direct(incompleteCommand, { state: fixture('state-empty'), lang: 'zh', reference: ['ip link add br0 type bridge'], commands: [ran('ip link add br0 type dummy', 2, err)] });
    expect(zh.text).toBe('这个内核创建不了 dummy 设备：它的驱动既没有编译进内核，也没有加载，而实验环境不能加载内核模块。这一步要创建的是 bridge。');
  });

  it('not for other complaints, nor a type far from every type', () => {
    const [notComplete] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link add veth0-0 type vet', 255, NOT_COMPLETE)] });
    expect(notComplete.weight).toBe(60);
    const [brctl] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('brctl addbr type', 2, 'Error: Unknown device type.\n')] });
    expect(brctl.weight).toBe(60);
    const [noType] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link set veth0-0 vet', 2, 'Garbage instead of arguments "vet".\n')] });
    expect(noType.weight).toBe(60);
    const [far] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link add x0 type zzzzz', 2, 'Error: Unknown device type.\n')] });
    expect(far).toEqual({ id: 'syntax:0:incomplete', weight: 60, text: '`ip link add x0 type zzzzz` is missing something: the tool stopped before it had all it needs (an interface, an address or a command to run). See `ip help`.', fix: undefined });
  });

  it('says nothing about other errors', () => {
    expect(direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran('ip link add x0 type dummy', 2, 'RTNETLINK answers: File exists\n')] })).toEqual([]);
  });
});

describe('invalidValue', () => {
  it('a bad address: weight 75, with the step’s command when there is one', () => {
    const err = 'Error: any valid prefix is expected rather than "192.168.100.300/24".\n';
    const plain = direct(invalidValue, { state: fixture('state-veth-pair'), commands: [ran('echo', 0), ran('ip addr add 192.168.100.300/24 dev veth0-0', 1, err)] });
    expect(plain).toEqual([{ id: 'invalid:1', weight: 75, text: '192.168.100.300/24 is not a valid IPv4 address with a prefix: each of the four numbers goes from 0 to 255 and the prefix from 0 to 32, as in `192.168.100.1/24`.', fix: undefined }]);
    const [model] = direct(invalidValue, { state: fixture('state-veth-pair'), reference: ['ip addr add 192.168.100.1/24 dev veth0-0'], commands: [ran('ip addr add 192.168.100.300/24 dev veth0-0', 1, err)] });
    expect(model.text).toBe('192.168.100.300/24 is not a valid IPv4 address with a prefix: each of the four numbers goes from 0 to 255 and the prefix from 0 to 32, as in 192.168.100.1/24.');
    expect(model.fix).toBe('ip addr add 192.168.100.1/24 dev veth0-0');
    const [noSeg] = direct(invalidValue, { state: fixture('state-veth-pair'), reference: ['ip addr add 192.168.100.1/24 dev veth0-0'], commands: [ran('ip addr add 192.168.100.30/24 dev veth0-0', 1, err)] });
    expect(noSeg.fix).toBeUndefined();
  });

  it('a name over 15 characters, whichever of the two errors; addresses are no names', () => {
    const [f] = direct(invalidValue, { state: fixture('state-empty'), commands: [ran('ip link add abcdefghijklmnop type dummy', 2, 'Error: Attribute failed policy validation.\n')] });
    expect(f).toEqual({ id: 'invalid:0', weight: 75, text: 'The kernel limits interface names to 15 characters (IFNAMSIZ), and abcdefghijklmnop has 16. Choose a shorter name, such as `veth0-0`.', fix: undefined });
    const [range] = direct(invalidValue, { state: fixture('state-empty'), commands: [ran('ip link add abcdefghijklmnopq type dummy', 2, 'Error: Numerical result out of range.\n')] });
    expect(range.text).toContain('abcdefghijklmnopq has 17');
    expect(direct(invalidValue, { state: fixture('state-empty'), commands: [ran('ip link add abcdefghijklmno type dummy', 2, 'Error: Attribute failed policy validation.\n')] })).toEqual([]);
    expect(direct(invalidValue, { state: fixture('state-empty'), commands: [ran('ip addr add 192.168.100.100/24 dev x', 2, 'Error: Attribute failed policy validation.\n')] })).toEqual([]);
  });

  it('lo cannot move: bring up the lo of the namespace it was sent to (ns0 when the command names none)', () => {
    const err = 'Error: The interface netns is immutable.\n';
    const [f] = direct(invalidValue, { state: fixture('diag-lo-down'), commands: [ran('ip link set lo netns ns1', 2, err)] });
    expect(f).toEqual({ id: 'invalid:0', weight: 85, text: 'lo cannot be moved: each namespace gets its own loopback when it is created, and the kernel pins it there (NETNS_LOCAL). To use lo in ns1, bring up the one it already has.', fix: 'ip netns exec ns1 ip link set up lo' });
    const [after] = direct(invalidValue, { state: fixture('diag-lo-down'), commands: [ran('echo go && ip link set lo netns ns2', 2, err)] });
    expect(after.fix).toBe('ip netns exec ns2 ip link set up lo');
    const [none] = direct(invalidValue, { state: fixture('diag-lo-down'), commands: [ran('ip link set lo up', 2, err)] });
    expect(none.fix).toBe('ip netns exec ns0 ip link set up lo');
  });

  it('a bridge in a bridge names both; unknown ones are marked', () => {
    const err = 'Error: Can not enslave a bridge to a bridge.\n';
    const [f] = direct(invalidValue, { state: fixture('state-bridge-broken'), commands: [ran('echo; ip link set br1 master br0', 2, err)] });
    expect(f).toEqual({ id: 'invalid:0', weight: 70, text: 'br1 is itself a bridge, and the kernel does not let a bridge be a port of another bridge (br0). Its ports are Ethernet-like devices such as the ends of veth pairs.', fix: undefined });
    const [none] = direct(invalidValue, { state: fixture('state-bridge-broken'), commands: [ran('brctl addif br0 br1', 2, err)] });
    expect(none.text).toContain('? is itself a bridge');
    expect(none.text).toContain('another bridge (?)');
  });

  it('Invalid argument: lo as a port, else the command, with the step’s command when there is one', () => {
    const err = 'RTNETLINK answers: Invalid argument\n';
    const [lo] = direct(invalidValue, { state: fixture('state-bridge-broken'), commands: [ran('echo; ip link set lo master br0', 2, err)] });
    expect(lo).toEqual({ id: 'invalid:0', weight: 75, text: 'lo cannot be a bridge port: a port must be an Ethernet-like device, and loopback is not. Give br0 a veth end instead.', fix: undefined });
    const [plain] = direct(invalidValue, { state: fixture('state-bridge-broken'), commands: [ran('echo; ip link set veth0-0 master br0', 2, err)] });
    expect(plain).toEqual({
      id: 'invalid:0',
      weight: 50,
      text: 'The kernel rejected a value in `ip link set veth0-0 master br0` (Invalid argument): the syntax is fine, but something names a device or value that cannot be used there. Check each one against `ip link help`.',
      fix: undefined,
    });
    const [noMaster] = direct(invalidValue, { state: fixture('state-bridge-broken'), commands: [ran('ip link set lo mtu 1', 2, err)] });
    expect(noMaster.weight).toBe(50);
    const [model] = direct(invalidValue, { state: fixture('state-veth-pair'), reference: ['ip link set veth0-0 mtu 1500'], commands: [ran('ip link set veth0-0 mtu 10', 2, err)] });
    expect(model.text).toBe('The kernel rejected a value in `ip link set veth0-0 mtu 10` (Invalid argument): the syntax is fine, but something names a device or value that cannot be used there.');
    expect(model.fix).toBe('ip link set veth0-0 mtu 1500');
    const [other] = direct(invalidValue, { state: fixture('state-veth-pair'), commands: [ran('tc qdisc add dev veth0-0 root x', 2, err)] });
    expect(other.text).toContain('`tc qdisc add dev veth0-0 root x`');
    expect(direct(invalidValue, { state: fixture('state-veth-pair'), commands: [ran('', 2, err)] })).toEqual([]);
  });

  it('says nothing about other errors', () => {
    expect(direct(invalidValue, { state: fixture('state-veth-pair'), commands: [ran('ip link set veth9 up', 1, 'Cannot find device "veth9"\n')] })).toEqual([]);
  });
});

describe('brctlArgumentsReversed', () => {
  const NOT_SUPPORTED = "can't add br0 to bridge veth0-0: Operation not supported\n";

  it('swaps addif and delif arguments: weight 95, covers both names', () => {
    const fs = direct(brctlArgumentsReversed, { state: fixture('diag-not-enslaved'), commands: [ran('echo', 0), ran('brctl addif veth0-0 br0', 1, NOT_SUPPORTED)] });
    expect(fs).toEqual([
      {
        id: 'reversed:1',
        weight: 95,
        text: 'brctl addif takes the bridge first and the interface second, so `brctl addif veth0-0 br0` treats veth0-0 as the bridge. Swap them.',
        fix: 'brctl addif br0 veth0-0',
        covers: ['dev:host:veth0-0', 'dev:host:br0'],
      },
    ]);
    const [del] = direct(brctlArgumentsReversed, { state: fixture('state-bridge-broken'), commands: [ran('brctl delif veth0-0 br0', 1, 'x\n')] });
    expect(del.fix).toBe('brctl delif br0 veth0-0');
  });

  it('a missing bridge whose name starts with br is created first, in the namespace of the command', () => {
    const [f] = direct(brctlArgumentsReversed, { state: fixture('state-across-ns0'), commands: [ran('brctl addif veth0-0 br7', 1, 'interface br7 does not exist!\n')] });
    expect(f.fix).toBe('brctl addbr br7 && brctl addif br7 veth0-0');
    // br0 is in the host, not in ns0; veth0-0 is found in the host too.
    const [ns] = direct(brctlArgumentsReversed, { state: fixture('state-bridge-broken'), commands: [ran('ip netns exec ns0 brctl addif veth0-0 br0', 1, 'x\n')] });
    expect(ns.fix).toBe('ip netns exec ns0 brctl addbr br0 && ip netns exec ns0 brctl addif br0 veth0-0');
    expect(ns.covers).toEqual(['dev:ns0:veth0-0', 'dev:ns0:br0']);
  });

  it('says nothing when the order may be right, the command worked or is not addif/delif with two names', () => {
    const state = fixture('state-bridge-broken');
    for (const [command, code] of [
      ['brctl addif veth0-0 br0', 0],
      ['brctl addif br0', 1],
      ['brctl addbr veth0-0 br0', 1],
      ['ip link set veth0-0 master br0', 1],
      ['brctl addif br0 veth0-0', 1],
      ['brctl addif veth0-0 lo', 1],
      ['brctl addif veth0-0 xbr0', 1],
      ['brctl addif vethX br9', 1],
      ['bridge addif veth0-0 br0', 1],
    ] as const)
      expect(direct(brctlArgumentsReversed, { state, commands: [ran(command, code, 'x\n')] }), command).toEqual([]);
    // The first name as it is in the namespace of the command, before one elsewhere.
    const twice = edited('state-bridge-broken', (s) => {
      s.links.splice(1, 0, extra(s, { name: 'sw0', kind: 'dummy' }));
      s.links.push(extra(s, { ns: 'ns0', name: 'sw0', kind: 'bridge' }), extra(s, { ns: 'ns0', name: 'br5', kind: 'bridge' }));
    });
    expect(direct(brctlArgumentsReversed, { state: twice, commands: [ran('ip netns exec ns0 brctl addif sw0 br5', 1, 'x\n')] })).toEqual([]);
    expect(direct(brctlArgumentsReversed, { state: twice, commands: [ran('brctl addif sw0 br0', 1, 'x\n')] })).toHaveLength(1);
    // A bridge first, even one only found in another namespace.
    expect(direct(brctlArgumentsReversed, { state, commands: [ran('ip netns exec ns0 brctl addif br0 br1', 1, 'x\n')] })).toEqual([]);
  });
});

describe('masterArgumentsReversed', () => {
  const ERR = 'RTNETLINK answers: Operation not supported\n';

  it('a bridge made a port of its port: swapped, weight 95', () => {
    const fs = direct(masterArgumentsReversed, { state: fixture('diag-not-enslaved'), commands: [ran('echo', 0), ran('ip link set br0 master veth0-0', 2, ERR)] });
    expect(fs).toEqual([{ id: 'reversed:1', weight: 95, text: '`master` names the bridge, and the interface comes first: this asked to make veth0-0 (a veth) the master of the bridge br0. Swap them.', fix: 'ip link set veth0-0 master br0' }]);
  });

  it('a master that is no bridge: the bridge of that namespace, or a new one; weight 80', () => {
    const [f] = direct(masterArgumentsReversed, { state: fixture('diag-not-enslaved'), commands: [ran('ip link set veth0-0 master lo', 2, ERR)] });
    expect(f).toEqual({ id: 'reversed:0', weight: 80, text: 'lo is a loopback device, not a bridge, so it cannot be the master of veth0-0 (Operation not supported). Attach veth0-0 to the bridge.', fix: 'ip link set veth0-0 master br0' });
    const [none] = direct(masterArgumentsReversed, { state: fixture('state-across-ns0'), commands: [ran('ip netns exec ns0 ip link set veth0-1 master lo', 2, ERR)] });
    expect(none).toEqual({
      id: 'reversed:0',
      weight: 80,
      text: 'lo is a loopback device, not a bridge, so it cannot be the master of veth0-1. Create a bridge, then attach veth0-1 to it.',
      fix: 'ip netns exec ns0 ip link add br0 type bridge && ip netns exec ns0 ip link set veth0-1 master br0',
    });
    const state = edited('diag-not-enslaved', (s) => s.links.push(extra(s, { name: 'odd0', kind: '' })));
    const [noKind] = direct(masterArgumentsReversed, { state, commands: [ran('ip link set veth0-0 master odd0', 2, ERR)] });
    expect(noKind.text).toContain('odd0 is a ? device');
  });

  it('says nothing when the master is a bridge, a name is unknown here, or the command is another', () => {
    const state = fixture('diag-not-enslaved');
    for (const [command, code] of [
      ['ip link set veth0-0 master br0', 2],
      ['ip link set br0 master veth0-0', 0],
      ['ip link set br0 master vethX', 2],
      ['ip link set vethX master veth0-0', 2],
      ['ip netns exec ns0 ip link set br0 master veth0-0', 2],
      ['ip link set veth0-0 up', 2],
      ['ip link add br0 master veth0-0', 2],
      ['ip addr add 10.0.0.1/24 dev br0', 2],
      ['ip link set master veth0-0', 2],
    ] as const)
      expect(direct(masterArgumentsReversed, { state, commands: [ran(command, code, ERR)] }), command).toEqual([]);
  });
});

describe('netnsArgumentsReversed', () => {
  const ERR = 'Error: argument "veth0-1" is wrong: Invalid "netns" value\n';

  it('swaps the namespace and the interface: weight 95, covering what the swap explains', () => {
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['ns0']));
    const fs = direct(netnsArgumentsReversed, { state, commands: [ran('echo', 0), ran('ip link set ns0 netns veth0-1', 255, ERR)] });
    expect(fs).toEqual([
      {
        id: 'reversed:1',
        weight: 95,
        text: '`ip link set` takes the interface first, then netns and the namespace: `ip link set ns0 netns veth0-1` looks for an interface called ns0.',
        fix: 'ip link set veth0-1 netns ns0',
        covers: ['ns:veth0-1', 'dev:host:ns0', 'where:veth0-1', 'extra:host:veth0-1'],
      },
    ]);
  });

  it('a namespace not created yet counts when its name starts with ns; any existing namespace counts', () => {
    const [f] = direct(netnsArgumentsReversed, { state: fixture('state-veth-pair'), commands: [ran('ip link set ns5 netns veth0-1', 255, ERR)] });
    expect(f.fix).toBe('ip link set veth0-1 netns ns5');
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['red']));
    const [red] = direct(netnsArgumentsReversed, { state, commands: [ran('ip link set red netns veth0-1', 255, ERR)] });
    expect(red.fix).toBe('ip link set veth0-1 netns red');
  });

  it('says nothing otherwise', () => {
    const state = edited('state-veth-pair', (s) => (s.namespaces = ['ns0']));
    for (const [command, code] of [
      ['ip link set ns0 netns veth0-1', 0],
      ['ip link set red netns veth0-1', 255],
      ['ip link set xns0 netns veth0-1', 255],
      ['ip link set ns0 netns vethX', 255],
      ['ip link set ns0 up', 255],
      ['ip link add ns0 netns veth0-1', 255],
      ['ip addr add 10.0.0.1/24 dev ns0', 255],
      ['ip link set netns veth0-1', 255],
    ] as const)
      expect(direct(netnsArgumentsReversed, { state, commands: [ran(command, code, ERR)] }), command).toEqual([]);
  });
});

describe('pingUsage', () => {
  it('a target that is no address: the step’s ping, or an example; both wordings of the resolver', () => {
    const state = fixture('state-across-ns0');
    const fs = direct(pingUsage, {
      state,
      reference: ['ip link set up veth0-0', 'ip netns exec ns0 ping -c 1 192.168.100.1'],
      commands: [ran('echo', 0), ran('ip netns exec ns0 ping -c 1 192.168.100.', 2, 'ping: 192.168.100.: Temporary failure in name resolution\n')],
    });
    expect(fs).toEqual([{ id: 'ping:1', weight: 75, text: '192.168.100. is not a complete IPv4 address, so ping tried to resolve it as a host name, and the lab has no name service. Type the full address: `ip netns exec ns0 ping -c 1 192.168.100.1`', fix: undefined }]);
    const [plain] = direct(pingUsage, { state, commands: [ran('ping -c 1 ns0', 2, 'ping: ns0: Name or service not known\n')] });
    expect(plain).toEqual({ id: 'ping:0', weight: 75, text: 'ns0 is not a complete IPv4 address, so ping tried to resolve it as a host name, and the lab has no name service. Type all four numbers, e.g. `ping -c 1 192.168.100.2`.', fix: undefined });
  });

  it('-I with an address not of this namespace: the interface that has it, else the first that is not lo', () => {
    const state = fixture('state-across-ns0');
    const err = 'ping: bind: Cannot assign requested address\n';
    const [own] = direct(pingUsage, { state, commands: [ran('ping -c 1 -I 192.168.100.1 192.168.100.2', 2, err)] });
    expect(own).toEqual({ id: 'ping:0', weight: 75, text: 'ping -I 192.168.100.1 binds to that source address, which must belong to the host namespace, and it does not. Give the interface name instead: `ping -c 1 -I veth0-0 192.168.100.2`', fix: undefined });
    const [ns] = direct(pingUsage, { state, lang: 'zh', commands: [ran("ip netns exec ns0 ping -c 1 -I 192.168.100.1 -p 'ab cd' 192.168.100.1", 2, err)] });
    expect(ns.text).toContain("`ip netns exec ns0 ping -c 1 -I veth0-1 -p 'ab cd' 192.168.100.1`");
    expect(ns.text).toContain('它必须是 ns0 自己的地址');
    const dummy = edited('state-across-ns0', (s) => s.links.push(extra(s, { name: 'dummy0', kind: 'dummy', addrs: [{ local: '10.0.0.5', prefixlen: 24 }, { local: '10.0.0.1', prefixlen: 24 }] })));
    const [owner] = direct(pingUsage, { state: dummy, commands: [ran('ping -c 1 -I 10.0.0.1 10.0.0.2', 2, err)] });
    expect(owner.text).toContain('`ping -c 1 -I dummy0 10.0.0.2`');
    const bare = edited('state-across-ns0', (s) => (s.links = s.links.filter((l) => l.name === 'lo')));
    const [fallback] = direct(pingUsage, { state: bare, commands: [ran('ping -c 1 -I 10.0.0.1 10.0.0.2', 2, err)] });
    expect(fallback.text).toContain('`ping -c 1 -I veth0-0 10.0.0.2`');
    const [noI] = direct(pingUsage, { state, commands: [ran('ping -c 1 192.168.100.2', 2, err)] });
    expect(noI.text).toContain('ping -I ? binds');
  });

  it('only for ping segments, and only for those two complaints', () => {
    const state = fixture('state-across-ns0');
    expect(direct(pingUsage, { state, commands: [ran('getent hosts x', 2, 'ping: x: Name or service not known\n')] })).toEqual([]);
    expect(direct(pingUsage, { state, commands: [ran('ping -c 1 192.168.100.9', 1, 'ping: sendmsg: Network is unreachable\n')] })).toEqual([]);
  });
});

describe('the words the syntax rules know', () => {
  it('every ip object is offered for a typo of it', () => {
    for (const [typo, near] of [['lnik', 'link'], ['adr', 'addr'], ['adress', 'address'], ['rout', 'route'], ['neigg', 'neigh'], ['netn', 'netns']]) {
      const [f] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran(`ip ${typo} add x`, 1, OBJ(typo))] });
      expect(f.fix, typo).toBe(`ip ${near} add x`);
    }
  });

  it('the verbs of route and netns', () => {
    const [route] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip route ad default via 10.0.0.1', 255, CMD('ad', 'route'))] });
    expect(route.text).toBe('`ip route` has no command "ad": it knows add, del, get, show, flush, replace. You probably meant add.');
    const [netns] = direct(unknownSubcommand, { state: fixture('state-veth-pair'), commands: [ran('ip netns zzzz', 255, CMD('zzzz', 'netns'))] });
    expect(netns.text).toBe('`ip netns` has no command "zzzz": it knows add, delete, exec, list, set, identify, pids. See `ip netns help`.');
  });

  it('every brctl command is offered for a typo of it', () => {
    for (const [typo, near] of [['addbrr', 'addbr'], ['delbrr', 'delbr'], ['addiff', 'addif'], ['deliff', 'delif'], ['shw', 'show'], ['showmac', 'showmacs'], ['showst', 'showstp'], ['stpp', 'stp'], ['setageng', 'setageing'], ['hairpn', 'hairpin']]) {
      const [f] = direct(unknownSubcommand, { state: fixture('state-across-ns0'), commands: [ran(`brctl ${typo} br0`, 1, `never heard of command [${typo}]\n`)] });
      expect(f.fix ?? f.text, typo).toContain(`brctl ${near} br0`);
    }
  });

  it('every link keyword is recognised, misspelt or not', () => {
    for (const [typo, near] of [['upp', 'up'], ['dwn', 'down'], ['mastr', 'master'], ['nomastr', 'nomaster'], ['netn', 'netns'], ['nam', 'name'], ['adress', 'address'], ['mtuu', 'mtu'], ['tpe', 'type'], ['pier', 'peer'], ['devv', 'dev']]) {
      const [f] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran(`ip link set veth0-0 ${typo} v veth0-1`, 255, GARBAGE('dev', 'veth0-1'))] });
      expect(f.text, typo).toContain(`You probably meant ${near}.`);
      expect(f.fix, typo).toBe(`ip link set veth0-0 ${near} v veth0-1`);
    }
  });

  it('every address keyword is recognised, misspelt or not', () => {
    for (const [typo, near] of [['devv', 'dev'], ['lable', 'label'], ['scop', 'scope'], ['broadcst', 'broadcast'], ['pier', 'peer']]) {
      const [f] = direct(garbageArgument, { state: fixture('state-veth-pair'), commands: [ran(`ip addr add 10.0.0.1/24 ${typo} v x`, 255, GARBAGE('local', 'x'))] });
      expect(f.fix, typo).toBe(`ip addr add 10.0.0.1/24 ${near} v x`);
    }
  });

  it('every interface type is offered for a typo of it', () => {
    for (const [typo, near] of [['vet', 'veth'], ['bridg', 'bridge'], ['dumy', 'dummy'], ['vlam', 'vlan'], ['macvlam', 'macvlan'], ['vxlam', 'vxlan'], ['bnd', 'bond']]) {
      const [f] = direct(incompleteCommand, { state: fixture('state-empty'), commands: [ran(`ip link add x0 type ${typo}`, 2, 'Error: Unknown device type.\n')] });
      expect(f.fix, typo).toBe(`ip link add x0 type ${near}`);
    }
  });
});
