/** Lesson prose before it is shown: change commands out (offered as a fix once proven), looks and the learner's own command kept. */
import { describe, expect, it } from 'vitest';
import { scrubCommands } from '../../../src/explain/scrub.js';

describe('scrubCommands', () => {
  it('takes a change command out of its sentence and offers it as the fix', () => {
    const r = scrubCommands('veth0-1 is still down. Run `ip link set up veth0-1`.');
    expect(r.text).toBe('veth0-1 is still down.');
    expect(r.fix).toBe('ip link set up veth0-1');
  });

  it('after a colon, keeps what comes before it', () => {
    const r = scrubCommands('One end is not enough: run `ip link set up veth0-1`.');
    expect(r.text).toBe('One end is not enough.');
    expect(r.fix).toBe('ip link set up veth0-1');
  });

  it('keeps commands that only look', () => {
    const r = scrubCommands('Look with `ip -br link` first.');
    expect(r.text).toBe('Look with `ip -br link` first.');
    expect(r.fix).toBeUndefined();
  });

  it('keeps the command that ran: quoting it says what happened, it is no advice', () => {
    const text = '`ip link set` takes one interface per command, so `ip link set up veth0-0 veth0-1` is refused. Run it once for each end: `ip link set up veth0-0 && ip link set up veth0-1`.';
    const r = scrubCommands(text, ['ip link set up veth0-0  veth0-1']);
    expect(r.text).toContain('one interface per command, so `ip link set up veth0-0 veth0-1` is refused.');
    expect(r.text).not.toContain('&& ip link set up veth0-1');
    expect(r.fix).toBe('ip link set up veth0-0 && ip link set up veth0-1');
    // Without knowing what ran, the quoted command is taken for advice.
    expect(scrubCommands(text).text).not.toContain('is refused');
  });

  it('Chinese prose keeps full-width punctuation', () => {
    const r = scrubCommands('veth0-1 还没启用：执行 `ip link set up veth0-1`。');
    expect(r.text).toBe('veth0-1 还没启用。');
    expect(r.fix).toBe('ip link set up veth0-1');
  });
});
