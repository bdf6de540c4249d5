/** A lab command's output as the tutor keeps it: decoded across chunk edges, bounded, and free of terminal control sequences. */
import { StringDecoder } from 'node:string_decoder';
import { stripControls } from '../text/sanitize.js';
import { OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES } from './agent-source.js';

/** The agent already caps output; this second bound only guards against a lab that forges agent messages. */
const MAX_KEPT_CHARS = 2 * (OUTPUT_HEAD_BYTES + OUTPUT_TAIL_BYTES);

export function droppedNote(bytes: number): string {
  return `\n[… ${bytes} bytes of output not kept …]\n`;
}

/**
 * Holds back the end of a chunk that may be the start of a control sequence
 * (or a CR that may precede LF), so that streamed pieces are cleaned as the
 * whole text would be.
 */
export class StreamCleaner {
  private carry = '';

  push(chunk: string): string {
    const s = this.carry + chunk;
    // eslint-disable-next-line no-control-regex
    const m = /(?:\u001b\[?|\u009b)[\u0020-\u003f]{0,32}$|\r$/.exec(s);
    const cut = m ? m.index : s.length;
    this.carry = s.slice(cut);
    return stripControls(s.slice(0, cut));
  }

  flush(): string {
    const s = this.carry;
    this.carry = '';
    return stripControls(s);
  }
}

/** Collects one command's stdout and stderr, apart and interleaved. */
export class OutputCollector {
  private raw = { 1: '', 2: '', both: '' };
  private decoders = { 1: new StringDecoder('utf8'), 2: new StringDecoder('utf8') };
  private cleaners = { 1: new StreamCleaner(), 2: new StreamCleaner() };
  droppedBytes = 0;
  private droppedHere = 0;

  /** Adds raw bytes from fd 1 or 2; returns the cleaned text to stream now. */
  add(fd: 1 | 2, bytes: Buffer): string {
    const text = this.decoders[fd].write(bytes);
    if (this.raw.both.length > MAX_KEPT_CHARS) {
      this.droppedBytes += bytes.length;
      this.droppedHere += bytes.length;
      return '';
    }
    return this.keep(fd, text);
  }

  private keep(fd: 1 | 2, text: string): string {
    this.raw[fd] += text;
    this.raw.both += text;
    return this.cleaners[fd].push(text);
  }

  /** The agent dropped `bytes` in the middle; what follows is the tail. */
  dropped(bytes: number): string {
    this.droppedBytes += bytes;
    const note = droppedNote(bytes);
    this.raw[1] += note;
    this.raw.both += note;
    return note;
  }

  /** Cleaned text still held back by the stream cleaners. */
  flush(): { fd: 1 | 2; text: string }[] {
    return ([1, 2] as const).map((fd) => ({ fd, text: this.keep(fd, this.decoders[fd].end()) + this.cleaners[fd].flush() })).filter((x) => x.text);
  }

  result(): { stdout: string; stderr: string; output: string } {
    const extra = this.droppedHere ? droppedNote(this.droppedHere) : '';
    return { stdout: stripControls(this.raw[1] + extra), stderr: stripControls(this.raw[2]), output: stripControls(this.raw.both + extra) };
  }
}
