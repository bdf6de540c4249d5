/** scrubCommands (src/explain/scrub.ts) in detail: which code spans count as change commands, how their clause or parenthesis goes, and which fix is offered. */
import { describe, expect, it } from 'vitest';
import { scrubCommands } from '../../../src/explain/scrub.js';

const UP = 'ip link set up veth0-1';

describe('which spans are change commands', () => {
  it('a bare `ip netns exec NS` is a prefix, not a command: it stays', () => {
    for (const prefix of ['ip netns exec ns0', 'sudo ip netns exec ns0']) {
      const text = `Run commands inside with \`${prefix}\` in front. Then look.`;
      expect(scrubCommands(text)).toEqual({ text });
    }
  });

  it('behind `ip netns exec NS`, the command that follows decides', () => {
    const shell = 'Open a shell inside with `ip netns exec ns0 bash`. Then look.';
    expect(scrubCommands(shell)).toEqual({ text: shell });
    for (const cmd of [`ip netns exec ns0 ${UP}`, `sudo ip netns exec ns0 ${UP}`, `sudo  ip netns exec ns0  ${UP}`]) {
      expect(scrubCommands(`veth0-1 is down. Bring it up: \`${cmd}\`.`), cmd).toEqual({ text: 'veth0-1 is down. Bring it up.', fix: cmd });
    }
  });

  it('a span with spaces around the command is the command', () => {
    expect(scrubCommands(`Run \` ${UP} \` now. Then ping.`)).toEqual({ text: 'Then ping.', fix: UP });
  });

  it('a look stays, however long', () => {
    const text = 'Check first. Look with `ip -br addr show dev br0` first.';
    expect(scrubCommands(text)).toEqual({ text });
  });

  it('a change is one with a known effect, or a long enough command line', () => {
    // Three words, but it makes a bridge.
    expect(scrubCommands('No bridge yet. Make one with `brctl addbr br0`.')).toEqual({ text: 'No bridge yet.', fix: 'brctl addbr br0' });
    // No effect the tutor models, but a complete command.
    expect(scrubCommands('The MTU is wrong. Set it with `ip link set veth0-0 mtu 1400`.')).toEqual({ text: 'The MTU is wrong.', fix: 'ip link set veth0-0 mtu 1400' });
    expect(scrubCommands('Stale entries remain. Clear them with `ip neigh flush all`.')).toEqual({ text: 'Stale entries remain.', fix: 'ip neigh flush all' });
    // A command's name, quoted in prose, is no command.
    const named = 'Stale entries remain. `ip neigh flush` clears them.';
    expect(scrubCommands(named)).toEqual({ text: named });
    // Words, not spaces, are counted.
    const spaced = 'Stale entries remain. `ip neigh  flush` clears them.';
    expect(scrubCommands(spaced).text).toBe('Stale entries remain. `ip neigh flush` clears them.');
  });

  it('a sysctl that sets a value is a change (lessons 7 and 8 quote one in parentheses or after "with")', () => {
    expect(scrubCommands("Forwarding is already on; the next step switches it on. Switch it off (`sysctl -w net.ipv4.ip_forward=0`) to see this step's point.")).toEqual({
      text: "Forwarding is already on; the next step switches it on. Switch it off to see this step's point.",
      fix: 'sysctl -w net.ipv4.ip_forward=0',
    });
    expect(scrubCommands('It is on already. Switch it off again with `sysctl -w net.ipv4.ip_forward=0` to see where the packet ends without it.')).toEqual({
      text: 'It is on already.',
      fix: 'sysctl -w net.ipv4.ip_forward=0',
    });
    expect(scrubCommands('It is off. Turn it on in ns0: `ip netns exec ns0 sysctl net.ipv4.ip_forward=1`.')).toEqual({ text: 'It is off. Turn it on in ns0.', fix: 'ip netns exec ns0 sysctl net.ipv4.ip_forward=1' });
    // Reading a setting, or naming the option, is no change.
    for (const text of ['Read it with `sysctl net.ipv4.ip_forward`.', '`sysctl -w` writes a setting.']) expect(scrubCommands(text)).toEqual({ text });
  });
});

describe('the fix offered', () => {
  it('a command with a placeholder goes from the text but is no fix', () => {
    expect(scrubCommands('veth0-1 is down. Bring it up with `ip link set DEV up`.')).toEqual({ text: 'veth0-1 is down.' });
    expect(scrubCommands('veth0-1 is down. Bring it up with `ip link set … up`.')).toEqual({ text: 'veth0-1 is down.' });
  });

  it('a single capital letter is no placeholder', () => {
    const cmd = 'ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:0A dev veth0-0';
    expect(scrubCommands(`The entry is missing. Add it with \`${cmd}\`.`)).toEqual({ text: 'The entry is missing.', fix: cmd });
  });

  it('a MAC or IPv6 address in capitals is no placeholder; a capital word beside it still is', () => {
    for (const cmd of ['ip link set dev veth0-0 address AA:BB:CC:00:00:01', 'ip neigh add FE80::1 lladdr 02:AB:CD:EF:00:01 dev veth0-0', 'ip -6 addr add 2001:DB8::1/64 dev veth0-0']) {
      expect(scrubCommands(`It needs that address. Set it with \`${cmd}\`.`), cmd).toEqual({ text: 'It needs that address.', fix: cmd });
    }
    expect(scrubCommands('It needs an address. Set it with `ip link set dev DEV address AA:BB:CC:00:00:01`.')).toEqual({ text: 'It needs an address.' });
  });

  it('a command line of which only a part ran is still advice', () => {
    const line = 'ip link set up veth0-0 && ip link set up veth0-1';
    expect(scrubCommands(`Both ends are down. Run \`${line}\`.`, ['ip link set up veth0-0'])).toEqual({ text: 'Both ends are down.', fix: line });
    // All of it ran: it is quoted as what happened.
    const said = `\`${line}\` brought both ends up. Then ping.`;
    expect(scrubCommands(said, ['ip link set up veth0-0', 'ip link set up veth0-1'])).toEqual({ text: said });
  });

  it('every change outside parentheses, in order; alternatives in parentheses are left out', () => {
    expect(scrubCommands('Create it with `ip link add br0 type bridge`, then bring it up with `ip link set br0 up`.').fix).toBe('ip link add br0 type bridge && ip link set br0 up');
    expect(scrubCommands(`Bring it up with \`${UP}\` (or \`ip link set veth0-1 up\`).`).fix).toBe(UP);
  });

  it('with only alternatives in parentheses, the last of them', () => {
    expect(scrubCommands(`veth0-1 is down (\`${UP}\`).`)).toEqual({ text: 'veth0-1 is down.', fix: UP });
    expect(scrubCommands(`veth0-1 is down (either \`${UP}\` or \`ip link set veth0-1 up\`).`)).toEqual({ text: 'veth0-1 is down.', fix: 'ip link set veth0-1 up' });
    expect(scrubCommands(`veth0-1 is down (\`${UP}\` or \`ip link set veth0-1 up\` or \`ip link set dev veth0-1 up\`).`).fix).toBe('ip link set dev veth0-1 up');
  });

  it('a closed parenthesis before the command does not count', () => {
    const r = scrubCommands(`veth0-1 is down (see above). Bring it up with \`${UP}\` and \`ip link set veth0-0 up\`.`);
    expect(r).toEqual({ text: 'veth0-1 is down (see above).', fix: `${UP} && ip link set veth0-0 up` });
  });
});

describe('what is left of the text', () => {
  it('a short parenthesis holding the command goes, with the space before it', () => {
    expect(scrubCommands(`veth0-1 is down (\`${UP}\` brings it up, then pings go through).`).text).toBe('veth0-1 is down.');
    expect(scrubCommands(`veth0-1 is down(\`${UP}\`).`).text).toBe('veth0-1 is down.');
    expect(scrubCommands(`(\`${UP}\`) veth0-1 is down.`).text).toBe('veth0-1 is down.');
    expect(scrubCommands(`veth0-1 is down (\`${UP}\`), so the ping fails.`).text).toBe('veth0-1 is down, so the ping fails.');
  });

  it('a parenthesis left open, or a closing one without its opening, holds no command', () => {
    expect(scrubCommands(`veth0-1 is down (run \`${UP}\` to fix it. Then ping.`)).toEqual({ text: 'Then ping.', fix: UP });
    expect(scrubCommands(`veth0-1 is down. Either a) run \`${UP}\`, or b) start over.`)).toEqual({ text: 'veth0-1 is down.', fix: UP });
  });

  it('a long parenthesis is part of its sentence, which goes whole', () => {
    // 39 characters after the command still fit; 40 do not.
    const fits = `veth0-1 is down. Fix it (\`${UP}\` brings it up, and then both pings pass).`;
    expect(fits.indexOf(')') - (fits.indexOf('`', fits.indexOf('`') + 1) + 1)).toBe(39);
    expect(scrubCommands(fits).text).toBe('veth0-1 is down. Fix it.');
    const long = `veth0-1 is down. Fix it (\`${UP}\` brings it up, and after that pings pass).`;
    expect(scrubCommands(long).text).toBe('veth0-1 is down.');
  });

  it('a parenthesis that closes before the command, or opens again after it, is not the command’s', () => {
    expect(scrubCommands(`veth0-1 is down (see above). Run \`${UP}\` now. Then ping.`).text).toBe('veth0-1 is down (see above). Then ping.');
    expect(scrubCommands(`veth0-1 is down. (Run \`${UP}\` (as root) now. Then ping.`).text).toBe('veth0-1 is down. Then ping.');
  });

  it('the clause ends at . ! ? ; followed by a space, not inside other code or a dotted address', () => {
    expect(scrubCommands(`Look with \`ip -br link; ip -br addr\` and fix it with \`${UP}\`. Then ping.`).text).toBe('Then ping.');
    expect(scrubCommands(`Run \`${UP}\` after checking \`ip -br link; ip -br addr\`, then ping. Done.`).text).toBe('Done.');
    expect(scrubCommands(`Check \`ip -br link\`. Then run \`${UP}\`.`).text).toBe('Check `ip -br link`.');
    expect(scrubCommands('br0 has no address. The address 192.168.100.1 belongs on br0, add it with `ip addr add 192.168.100.1/24 dev br0`.').text).toBe('br0 has no address.');
    expect(scrubCommands(`Is veth0-1 up? No! Run \`${UP}\`. Then ping.`).text).toBe('Is veth0-1 up? No! Then ping.');
  });

  it('Chinese clauses end at full-width punctuation without a space', () => {
    expect(scrubCommands(`veth0-1 还没启用。执行 \`${UP}\`。然后再 ping。`)).toEqual({ text: 'veth0-1 还没启用。然后再 ping。', fix: UP });
    expect(scrubCommands(`veth0-1 不通。先执行 \`${UP}\`：它会启用接口。然后再 ping。`).text).toBe('veth0-1 不通。然后再 ping。');
    expect(scrubCommands(`veth0-1 不通。原因：接口没启用，执行 \`${UP}\`。然后再 ping。`).text).toBe('veth0-1 不通。原因。然后再 ping。');
  });

  it('after a colon, the part before it stays; a colon after the command does not count', () => {
    expect(scrubCommands(`veth0-1 is down. One end is not enough: run \`${UP}\`.`).text).toBe('veth0-1 is down. One end is not enough.');
    expect(scrubCommands(`veth0-1 is down. Run \`${UP}\`: it brings the link up. Then ping.`).text).toBe('veth0-1 is down. Then ping.');
    expect(scrubCommands(`veth0-1 is down. Do this: run \`${UP}\`: it brings the link up. Then ping.`).text).toBe('veth0-1 is down. Do this. Then ping.');
  });

  it('spacing and the end are tidied', () => {
    expect(scrubCommands(`Run \`${UP}\`. Then ping again.`).text).toBe('Then ping again.');
    expect(scrubCommands(`veth0-1  is   down. Run \`${UP}\`.`).text).toBe('veth0-1 is down.');
    expect(scrubCommands(`veth0-1 is down (\`${UP}\`)  , so no ping.`).text).toBe('veth0-1 is down, so no ping.');
    expect(scrubCommands(`One end is not enough : run \`${UP}\`.`).text).toBe('One end is not enough.');
    expect(scrubCommands(`veth0-1 is down; run \`${UP}\`.`).text).toBe('veth0-1 is down.');
    expect(scrubCommands(`veth0-1 is down, so; run \`${UP}\`.`).text).toBe('veth0-1 is down, so.');
    expect(scrubCommands(`veth0-1 还没启用；执行 \`${UP}\`。`).text).toBe('veth0-1 还没启用。');
    expect(scrubCommands(`veth0-1 没启用，所以不通；执行 \`${UP}\`。`).text).toBe('veth0-1 没启用，所以不通。');
  });

  it('when nothing would be left, the text with its code replaced by …', () => {
    expect(scrubCommands(`Run \`${UP}\`.`)).toEqual({ text: 'Run ….', fix: UP });
    expect(scrubCommands(`Run \`${UP}\` after \`ip -br link\`.`)).toEqual({ text: 'Run … after ….', fix: UP });
  });
});
