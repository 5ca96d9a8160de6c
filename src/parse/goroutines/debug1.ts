// debug=1 text of runtime/pprof's count profiles: goroutine, threadcreate and custom profiles
// (`name profile: total N`), heap/allocs (`heap profile: ...`) and block/mutex
// (`--- contention:` / `--- mutex:`). One sample per record, with the sample types and values
// that the debug=0 protobuf of the same profile carries (runtime/pprof's printCountProfile,
// writeHeapProto + scaleHeapSample, printCountCycleProfile + scaleMutexProfile, Go 1.19).
//
// Record: a header (`COUNT @ 0x..`, `A: B [C: D] @ 0x..` or `CYCLES COUNT @ 0x..`), an optional
// `# labels: {...}` line, frames `#\t0xPC\tF+0xOFF\tfile:line` (or `#\t0xPC` alone when the
// function is unknown), and a blank line.

import { ProfileBuilder } from '../../model/builder';
import { ParseError, type Problem } from '../../model/errors';
import type { GoroutineDump } from '../../model/goroutines';
import { ascii, decodeRange, isDigit, isHexDigit, parseDecimal, skipDigits, startsWith } from './bytes';
import { FrameTable } from './frames';
import { unquoteGo, utf8String } from './goquote';
import { ByteInterner, cutName, cutProblemMessage, MAX_LABELS, MAX_NAME_BYTES } from './intern';
import { longLinesProblem, ProblemList } from './problems';
import { PLAIN_LAYOUT, type LineLayout } from './layout';
import { LineReader, LONG_LINE_BYTES } from './lines';
import { DEFAULT_MAX_FRAMES_PER_STACK, DEFAULT_MAX_GOROUTINES, limitError, type GoroutineParseOptions } from './options';
import { debug0Values, headerOf, heapBlockSize, printedCount, type Header } from './profiles';
import { sniffLayout } from './sniff';
import { LineTally } from './tally';

const TAB = 9;
const SPACE = 32;
const HASH = 35;

const LABELS = ascii('# labels: {');
const MEMSTATS = ascii('# runtime.MemStats');
const HEX_PREFIX = ascii('0x');
const PLUS_HEX = ascii('+0x');

const PREAMBLE = 0;
const RECORDS = 1;
const TRAILER = 2;
const MAX_TRAILER = 200;
/**
 * Labels kept of one record, as the pprof decoder keeps them of one sample (MAX_LABELS; real
 * records carry a handful): the rest of the line is still read and checked, and counted in a note.
 */
const MAX_LABELS_PER_RECORD = MAX_LABELS;
const CUT_NAMES = `names or lines longer than ${MAX_NAME_BYTES.toLocaleString('en-US')} bytes cut`;

class Debug1Parser {
  private builder: ProfileBuilder | null = null;
  private names: ByteInterner | null = null;
  private frames: FrameTable | null = null;
  private header: Header | null = null;
  private headerLine = 0;
  private readonly reader: LineReader;
  private readonly unparsed = new LineTally();
  private readonly skipped = new LineTally();
  /** The heap's "# runtime.MemStats" trailer, kept as profile comments (at most MAX_TRAILER lines). */
  private readonly trailer: string[] = [];
  private readonly problems: Problem[] = [];
  /** Names and trailer lines cut at MAX_NAME_BYTES, with their lines. */
  private readonly cutProblems = new ProblemList();
  private readonly maxRecords: number;
  private readonly maxFrames: number;
  private state = PREAMBLE;
  private truncated = false;
  // block / mutex header attributes.
  private cyclesPerSecond = 0;
  private samplingPeriod = 1;
  private sawCyclesPerSecond = false;
  // The open record.
  private open = false;
  private depth = 0;
  /** The open record's "@" list is empty. */
  private noPcs = false;
  private readonly values: number[] = [0, 0, 0, 0];
  private readonly raw: number[] = [0, 0, 0, 0];
  private readonly sums: number[] = [0, 0, 0, 0];
  private records = 0;
  private total = 0;
  private readonly labelBytes: number[] = [];
  /** Records whose labels line had more than MAX_LABELS_PER_RECORD labels; the first's line and count. */
  private labelCapRecords = 0;
  private labelCapFirstLine = 0;
  private labelCapFirstCount = 0;

  /** The removed prefix as it stood on the first header line. */
  private readonly example: string | undefined;

  constructor(input: Uint8Array, layout: LineLayout, opts: GoroutineParseOptions) {
    this.reader = new LineReader(input, layout, opts);
    this.example = layout.example;
    this.maxRecords = opts.maxGoroutines ?? DEFAULT_MAX_GOROUTINES;
    this.maxFrames = opts.maxFramesPerStack ?? DEFAULT_MAX_FRAMES_PER_STACK;
  }

  parse(): GoroutineDump {
    const r = this.reader;
    let cuts = 0;
    while (r.next()) {
      if (r.terminated) {
        this.line(r.buf, r.start, r.end);
      } else if (this.state === RECORDS && r.end > r.start) {
        // The input ends inside this line: nothing in it can be trusted.
        this.truncated = true;
      } else {
        this.line(r.buf, r.start, r.end);
      }
      const names = this.names;
      if (names !== null && names.cuts !== cuts) {
        cuts = names.cuts;
        this.cutProblems.add(CUT_NAMES, cutProblemMessage(names.lastCutBytes), r.lineNo);
      }
    }
    r.checkpoint();
    this.endRecord();
    return this.finish();
  }

  private line(buf: Uint8Array, s: number, e: number): void {
    const lineNo = this.reader.lineNo;
    if (this.state === PREAMBLE) {
      if (s === e) return;
      const header = headerOf(decodeRange(buf, s, e));
      if (!header) {
        this.skipped.add(lineNo);
        return;
      }
      this.startProfile(header, lineNo);
      return;
    }
    if (this.state === TRAILER) {
      if (s === e) return;
      if (buf[s] === HASH && this.trailer.length < MAX_TRAILER) {
        // Kept as comments: at most MAX_NAME_BYTES of a line, cut like a name and reported.
        if (e - s > MAX_NAME_BYTES) this.cutProblems.add(CUT_NAMES, cutProblemMessage(e - s), lineNo);
        this.trailer.push(e - s > MAX_NAME_BYTES ? cutName(buf, s, e) : decodeRange(buf, s, e).trimEnd());
      }
      else this.skipped.add(lineNo);
      return;
    }
    if (s === e) {
      this.endRecord();
      return;
    }
    const c0 = buf[s]!;
    if (isDigit(c0)) {
      if (!this.recordHeader(buf, s, e)) this.unparsed.add(lineNo);
      return;
    }
    if (c0 === HASH) {
      if (this.open && e - s > 1 && buf[s + 1] === TAB) {
        if (!this.frameLine(buf, s + 2, e)) this.unparsed.add(lineNo);
        return;
      }
      if (this.open && this.depth === 0 && startsWith(buf, s, e, LABELS)) {
        if (!this.labelsLine(buf, s + LABELS.length - 1, e)) this.unparsed.add(lineNo);
        return;
      }
      if (startsWith(buf, s, e, MEMSTATS)) {
        this.endRecord();
        this.state = TRAILER;
        this.trailer.push(decodeRange(buf, s, e).trimEnd());
        return;
      }
    }
    if (this.header!.layout === 'cycles' && !this.open && this.records === 0 && this.cyclesAttribute(buf, s, e)) return;
    this.unparsed.add(lineNo);
  }

  private startProfile(header: Header, lineNo: number): void {
    this.header = header;
    this.headerLine = lineNo;
    this.builder = new ProfileBuilder({ sampleTypes: header.sampleTypes, periodType: header.periodType, period: header.period });
    this.names = new ByteInterner(this.builder.strings);
    this.frames = new FrameTable(this.builder);
    this.state = RECORDS;
  }

  /** "cycles/second=N" and, for mutex, "sampling period=N" after a block/mutex header. */
  private cyclesAttribute(buf: Uint8Array, s: number, e: number): boolean {
    const text = decodeRange(buf, s, e);
    let m = /^cycles\/second=(\d+)$/.exec(text);
    if (m) {
      this.cyclesPerSecond = Number(m[1]);
      this.sawCyclesPerSecond = true;
      return true;
    }
    m = /^sampling period=(-?\d+)$/.exec(text);
    if (m) {
      this.samplingPeriod = Number(m[1]);
      return true;
    }
    return false;
  }

  /** Reads the numbers of a record header into raw[]; false when the line is not one. */
  private recordHeader(buf: Uint8Array, s: number, e: number): boolean {
    const layout = this.header!.layout;
    const raw = this.raw;
    let i = s;
    const num = (k: number): boolean => {
      const d = skipDigits(buf, i, e);
      if (d === i) return false;
      raw[k] = d - i <= 15 ? parseDecimal(buf, i, d) : Number(decodeRange(buf, i, d));
      i = d;
      return true;
    };
    const lit = (c: number): boolean => {
      if (buf[i] !== c) return false;
      i++;
      return true;
    };
    if (layout === 'count') {
      if (!num(0)) return false;
    } else if (layout === 'heap') {
      // "A: B [C: D]"
      if (!(num(0) && lit(58) && lit(SPACE) && num(1) && lit(SPACE) && lit(91) && num(2) && lit(58) && lit(SPACE) && num(3) && lit(93))) {
        return false;
      }
    } else if (!(num(0) && lit(SPACE) && num(1))) {
      return false;
    }
    // " @" then " 0x.." words (the stack's PCs, which the frame lines resolve).
    if (!(lit(SPACE) && lit(64))) return false;
    const firstPc = i;
    while (i < e) {
      if (!lit(SPACE) || !startsWith(buf, i, e, HEX_PREFIX)) return false;
      i += 2;
      const h = i;
      while (i < e && isHexDigit(buf[i]!)) i++;
      if (i === h) return false;
    }
    this.endRecord();
    if (this.records >= this.maxRecords) {
      throw limitError('records', 'maxGoroutines', this.maxRecords, this.reader.lineNo);
    }
    this.open = true;
    this.depth = 0;
    this.noPcs = firstPc === e;
    return true;
  }

  /** "0xPC\tF+0xOFF\tfile:line" (tabwriter may pad with more tabs), or "0xPC" alone. */
  private frameLine(buf: Uint8Array, s: number, e: number): boolean {
    if (!startsWith(buf, s, e, HEX_PREFIX)) return false;
    let i = s + 2;
    while (i < e && isHexDigit(buf[i]!)) i++;
    if (i === s + 2 || i - s > 18) return false;
    const pcEnd = i;
    while (i < e && buf[i] === TAB) i++;
    const frames = this.frames!;
    if (i === e) {
      // An empty stack prints one "#\t0x0" line (runtime.CallersFrames of nothing); its
      // debug=0 sample has no locations.
      if (!this.noPcs) this.pushFrame(frames.addressLocation(decodeRange(buf, s, pcEnd)));
      return true;
    }
    if (i === pcEnd) return false;
    const nameStart = i;
    while (i < e && buf[i] !== TAB) i++;
    const tokenEnd = i;
    let plus = tokenEnd - 1;
    while (plus > nameStart && !(buf[plus] === 43 && startsWith(buf, plus, tokenEnd, PLUS_HEX))) plus--;
    if (plus <= nameStart) return false;
    while (i < e && buf[i] === TAB) i++;
    if (i === tokenEnd || i === e) return false;
    // file:line, the line after the last colon.
    let colon = e - 1;
    while (colon > i && buf[colon] !== 58) colon--;
    if (colon <= i) return false;
    const line = parseDecimal(buf, colon + 1, e);
    if (line < 0 || line > 0xffffffff) return false;
    const names = this.names!;
    const name = names.intern(this.reader.view, buf, nameStart, plus);
    const file = names.intern(this.reader.view, buf, i, colon);
    this.pushFrame(frames.location(name, file, line));
    return true;
  }

  private pushFrame(loc: number): void {
    if (++this.depth > this.maxFrames) {
      throw limitError('frames in one stack', 'maxFramesPerStack', this.maxFrames, this.reader.lineNo);
    }
    this.builder!.pushFrame(loc);
  }

  /** `{"k":"v", "k2":"v2"}` (keys sorted, Go %q quoting); s is at '{'. */
  private labelsLine(buf: Uint8Array, s: number, e: number): boolean {
    const b = this.builder!;
    const names = this.names!;
    const bytes = this.labelBytes;
    let i = s + 1;
    const pairs: number[] = [];
    let labels = 0;
    if (buf[i] === 125 /* } */) return i + 1 === e;
    for (;;) {
      bytes.length = 0;
      const k = i;
      i = unquoteGo(buf, i, e, bytes);
      if (i < 0) return false;
      const key = bytes.length === i - k - 2 ? names.intern(this.reader.view, buf, k + 1, i - 1) : b.intern(this.unquoted(bytes));
      if (buf[i] !== 58 /* : */) return false;
      bytes.length = 0;
      const v = i + 1;
      i = unquoteGo(buf, v, e, bytes);
      if (i < 0) return false;
      const value = bytes.length === i - v - 2 ? names.intern(this.reader.view, buf, v + 1, i - 1) : b.intern(this.unquoted(bytes));
      if (pairs.length < 2 * MAX_LABELS_PER_RECORD) pairs.push(key, value);
      else labels++;
      if (buf[i] === 125) {
        if (i + 1 !== e) return false;
        break;
      }
      if (buf[i] !== 44 || buf[i + 1] !== SPACE) return false;
      i += 2;
    }
    // An empty value is string index 0, which the model reads as a numeric label; pprof drops
    // such labels when it decodes the debug=0 profile, so they are dropped here too.
    for (let j = 0; j < pairs.length; j += 2) if (pairs[j + 1]! > 0) b.addLabel(pairs[j]!, pairs[j + 1]!);
    if (labels > 0 && this.labelCapRecords++ === 0) {
      this.labelCapFirstLine = this.reader.lineNo;
      this.labelCapFirstCount = labels + MAX_LABELS_PER_RECORD;
    }
    return true;
  }

  /** An escaped label key or value, cut like a name when longer than MAX_NAME_BYTES. */
  private unquoted(bytes: number[]): string {
    if (bytes.length <= MAX_NAME_BYTES) return utf8String(bytes);
    const names = this.names!;
    names.cuts++;
    names.lastCutBytes = bytes.length;
    return cutName(Uint8Array.from(bytes.slice(0, MAX_NAME_BYTES + 1)), 0, bytes.length);
  }

  private endRecord(): void {
    if (!this.open) return;
    this.open = false;
    const h = this.header!;
    const raw = this.raw;
    const b = this.builder!;
    debug0Values(h, raw, this.cyclesPerSecond, this.samplingPeriod, this.values);
    if (h.layout === 'heap') {
      const blockSize = heapBlockSize(raw);
      if (blockSize !== 0) b.addNumLabel(b.intern('bytes'), blockSize);
    }
    for (let k = 0; k < 4; k++) this.sums[k]! += raw[k]!;
    this.total += printedCount(h, raw);
    b.endSample(this.values);
    this.records++;
  }

  private finish(): GoroutineDump {
    const h = this.header;
    if (!h) {
      throw new ParseError('unrecognized', 'not a debug=1 profile: no "... profile: total N", "heap profile:" or "--- contention:" header', {
        offset: 0,
      });
    }
    const line = this.headerLine;
    if (h.layout === 'count' && h.totals && !this.truncated && h.totals[0] !== this.sums[0]) {
      this.problems.push({
        kind: 'malformed',
        message: `the header says total ${h.totals[0]} but the records add up to ${this.sums[0]}`,
        line,
      });
    }
    if (h.layout === 'heap' && h.totals && !this.truncated && h.totals.some((t, k) => t !== this.sums[k])) {
      this.problems.push({
        kind: 'malformed',
        message: `the header totals ${h.totals[0]}: ${h.totals[1]} [${h.totals[2]}: ${h.totals[3]}] differ from the records' ${this.sums[0]}: ${this.sums[1]} [${this.sums[2]}: ${this.sums[3]}]`,
        line,
      });
    }
    if (h.layout === 'cycles' && !this.sawCyclesPerSecond && this.records > 0) {
      this.problems.push({ kind: 'malformed', message: 'no "cycles/second=" line: delays are left at 0', line });
    }
    return this.dump(this.builder!, this.total);
  }

  private allProblems(): Problem[] {
    const long = longLinesProblem(this.reader.longLines.result(), LONG_LINE_BYTES);
    if (this.labelCapRecords > 0) {
      const n = this.labelCapRecords;
      const cap = MAX_LABELS_PER_RECORD.toLocaleString('en-US');
      this.problems.push({
        kind: 'limit',
        message: `${n.toLocaleString('en-US')} record${n > 1 ? 's' : ''} with more than ${cap} labels: the first ${cap} of each are kept (the first such record, with ${this.labelCapFirstCount.toLocaleString('en-US')} labels, at line ${this.labelCapFirstLine})`,
        line: this.labelCapFirstLine,
      });
      this.labelCapRecords = 0;
    }
    if (this.cutProblems.length === 0 && !long) return this.problems;
    return [...this.problems, ...this.cutProblems.result(), ...(long ? [long] : [])];
  }

  private dump(b: ProfileBuilder, total: number): GoroutineDump {
    const profile = b.build();
    // Comments starting with "#" stay out of pprof's report header, as pprof leaves them out.
    if (this.trailer.length > 0) profile.comments = [...profile.comments, ...this.trailer];
    return {
      format: 'debug1',
      profile,
      goroutines: null,
      total,
      truncated: this.truncated,
      unparsed: this.unparsed.result(),
      skipped: this.skipped.result(),
      ...(this.example !== undefined && this.reader.stripped > 0 ? { prefix: { example: this.example, lines: this.reader.stripped } } : {}),
      problems: this.allProblems(),
    };
  }
}

export function parseDebug1WithLayout(bytes: Uint8Array, layout: LineLayout, opts: GoroutineParseOptions = {}): GoroutineDump {
  return new Debug1Parser(bytes, layout, opts).parse();
}

/** debug=1 text of a goroutine, threadcreate, heap, allocs, block or mutex profile. */
export function parseDebug1(bytes: Uint8Array, opts: GoroutineParseOptions = {}): GoroutineDump {
  const sniffed = sniffLayout(bytes);
  const layout = sniffed && sniffed.kind === 'debug1' ? sniffed.layout : PLAIN_LAYOUT;
  return parseDebug1WithLayout(bytes, layout, opts);
}
