// Streams the lines of a text dump without copying: each call to next() exposes one line as a
// byte range of `buf` (the input itself, or a scratch buffer when container-log partial lines
// had to be joined), with its 1-based line number and byte offset. Line ends (\n, \r\n) and
// the layout's prefixes are stripped. Progress and cancellation are checked every few MB.

import { ParseError } from '../../model/errors';
import { viewOf } from './intern';
import { decodeDockerLog, isPlainLayout, stripLayout, type LineLayout } from './layout';
import { CHECKPOINT_BYTES, type GoroutineParseOptions } from './options';
import { LineTally } from './tally';

/**
 * Physical lines longer than this are counted (with their first line numbers) for a note: they
 * are read whole, on purpose: scanning a line is linear in its bytes and runs in the worker, and
 * what is kept of them is capped (names at MAX_NAME_BYTES, crash lines and panic values at their
 * own caps, notes by lib/clip.ts), so the note says why a long line shows cut.
 */
export const LONG_LINE_BYTES = 64 * 1024;

export class LineReader {
  /** Holds the current line: the input, or scratch for joined partial lines. */
  buf: Uint8Array;
  /** A DataView over buf, for word-at-a-time reads. */
  view: DataView;
  start = 0;
  end = 0;
  /** 1-based number of the (first) physical line of the current line. */
  lineNo = 0;
  /** Byte offset of the (first) physical line, prefixes included. */
  offset = 0;
  /** False when the input ended without a line feed after this line. */
  terminated = true;
  /** Physical lines whose prefix was removed. */
  stripped = 0;
  /** Physical lines longer than LONG_LINE_BYTES. */
  readonly longLines = new LineTally();

  private pos = 0;
  private physical = 0;
  private readonly n: number;
  private readonly plain: boolean;
  private scratch = new Uint8Array(0);
  private scratchView = viewOf(this.scratch);
  private readonly inputView: DataView;
  private nextCheckpoint = CHECKPOINT_BYTES;

  constructor(
    private readonly input: Uint8Array,
    private readonly layout: LineLayout,
    private readonly opts: GoroutineParseOptions,
  ) {
    this.buf = input;
    this.inputView = viewOf(input);
    this.view = this.inputView;
    this.n = input.length;
    this.plain = isPlainLayout(layout);
  }

  /** Physical lines read so far. */
  get lineCount(): number {
    return this.physical;
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.pos;
  }

  next(): boolean {
    const pos = this.pos;
    if (pos >= this.n) return false;
    if (pos >= this.nextCheckpoint) this.checkpoint();
    if (!this.plain) return this.layout.json ? this.nextJson() : this.nextPrefixed();
    const input = this.input;
    let end = input.indexOf(10, pos);
    if (end < 0) {
      end = this.n;
      this.terminated = false;
      this.pos = end;
    } else {
      this.terminated = true;
      this.pos = end + 1;
    }
    if (end > pos && input[end - 1] === 13) end--;
    this.start = pos;
    this.end = end;
    this.offset = pos;
    this.lineNo = ++this.physical;
    if (end - pos > LONG_LINE_BYTES) this.longLines.add(this.physical);
    return true;
  }

  /** Reports progress and throws ParseError('cancelled') when asked to stop. */
  checkpoint(): void {
    this.nextCheckpoint = this.pos + CHECKPOINT_BYTES;
    const { onProgress, isCancelled } = this.opts;
    if (onProgress) onProgress(this.pos, this.n);
    if (isCancelled && isCancelled()) {
      throw new ParseError('cancelled', 'parsing was cancelled', { offset: this.pos });
    }
  }

  /** One physical line: [start, end) without \r\n, and the position after it. */
  private physicalLine(): { s: number; e: number } {
    const input = this.input;
    const s = this.pos;
    let nl = input.indexOf(10, s);
    if (nl < 0) {
      nl = this.n;
      this.terminated = false;
      this.pos = nl;
    } else {
      this.terminated = true;
      this.pos = nl + 1;
    }
    let e = nl;
    if (e > s && input[e - 1] === 13) e--;
    this.physical++;
    if (e - s > LONG_LINE_BYTES) this.longLines.add(this.physical);
    return { s, e };
  }

  private nextPrefixed(): boolean {
    const input = this.input;
    this.offset = this.pos;
    const first = this.physicalLine();
    this.lineNo = this.physical;
    let r = stripLayout(input, first.s, first.e, this.layout);
    if (r >> 1 !== first.s) this.stripped++;
    if ((r & 1) === 0) {
      this.buf = input;
      this.view = this.inputView;
      this.start = r >> 1;
      this.end = first.e;
      return true;
    }
    // A partial (P) line: join it with the following ones up to the final (F) part.
    let used = 0;
    let from = r >> 1;
    let to = first.e;
    for (;;) {
      const len = to - from;
      if (used + len > this.scratch.length) {
        const next = new Uint8Array(Math.max(256, (used + len) * 2));
        next.set(this.scratch.subarray(0, used));
        this.scratch = next;
        this.scratchView = viewOf(next);
      }
      this.scratch.set(input.subarray(from, to), used);
      used += len;
      if ((r & 1) === 0 || this.pos >= this.n) break;
      const line = this.physicalLine();
      r = stripLayout(input, line.s, line.e, this.layout);
      if (r >> 1 !== line.s) this.stripped++;
      from = r >> 1;
      to = line.e;
    }
    // Input that ends on a partial line ended inside that line.
    if ((r & 1) === 1) this.terminated = false;
    if (used > 0 && this.scratch[used - 1] === 13) used--;
    this.buf = this.scratch;
    this.view = this.scratchView;
    this.start = 0;
    this.end = used;
    return true;
  }

  private readonly decoded = { bytes: new Uint8Array(256) };

  /**
   * Docker json-file records: the `log` string decoded into scratch. A string that does not end
   * in a line feed was split by the logging driver (16 KB parts): joined with the next records.
   * Lines that are not such records are taken whole.
   */
  private nextJson(): boolean {
    const input = this.input;
    this.offset = this.pos;
    const first = this.physicalLine();
    this.lineNo = this.physical;
    let used = decodeDockerLog(input, first.s, first.e, this.decoded, 0);
    if (used < 0) {
      this.buf = input;
      this.view = this.inputView;
      this.start = first.s;
      this.end = first.e;
      return true;
    }
    this.stripped++;
    while (used === 0 || this.decoded.bytes[used - 1] !== 10) {
      if (this.pos >= this.n) {
        this.terminated = false;
        break;
      }
      // Only a following record continues the line; anything else ends it as it stands.
      const save = this.pos;
      const savedPhysical = this.physical;
      const line = this.physicalLine();
      const next = decodeDockerLog(input, line.s, line.e, this.decoded, used);
      if (next < 0) {
        this.pos = save;
        this.physical = savedPhysical;
        this.terminated = true;
        break;
      }
      this.stripped++;
      used = next;
    }
    if (used > 0 && this.decoded.bytes[used - 1] === 10) {
      used--;
      this.terminated = true;
    }
    if (used > 0 && this.decoded.bytes[used - 1] === 13) used--;
    if (this.scratch !== this.decoded.bytes) {
      this.scratch = this.decoded.bytes;
      this.scratchView = viewOf(this.scratch);
    }
    this.buf = this.scratch;
    this.view = this.scratchView;
    this.start = 0;
    this.end = used;
    return true;
  }
}
