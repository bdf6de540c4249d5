/** The one place that makes untrusted text (pack strings, command output, packets) safe to print on a terminal. */

// CSI (ESC [ or the 8-bit CSI), OSC/DCS/SOS/PM/APC strings up to their terminator, two-byte ESC sequences,
// then any C0 control except tab and newline, DEL, and the C1 range.
// eslint-disable-next-line no-control-regex
const SEQUENCES = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Removes every terminal control sequence and control character but newline and tab.
 * A carriage return keeps only what was written after it on that line (progress bars), so
 * `\r\n` line ends survive as plain newlines.
 */
export function stripControls(s: string): string {
  // Fast path: most text has nothing to remove.
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(s)) return s;
  let out = s.replace(/\r+\n/g, '\n');
  if (out.includes('\r')) out = out.split('\n').map((line) => line.slice(line.lastIndexOf('\r') + 1)).join('\n');
  return out.replace(SEQUENCES, '').replace(CONTROLS, '');
}

/** stripControls for one-line labels (titles, names, commands): newlines and tabs become spaces too. */
export function stripControlsLine(s: string): string {
  return stripControls(s).replace(/[\n\t]/g, ' ');
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes C0 controls but writes DEL and the C1
 * range (U+0080–U+009F, where 0x9B is a CSI) raw; here they are \u escapes too. Same data, valid JSON.
 */
export function terminalJson(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
