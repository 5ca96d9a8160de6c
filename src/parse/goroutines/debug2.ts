// debug=2 goroutine dumps and crash / SIGQUIT tracebacks: a line-by-line state machine over
// the bytes. Each goroutine becomes a row of the goroutine table and one sample (value 1) of a
// goroutine profile whose stack is the printed frames, innermost first.
//
// Line grammar (runtime/traceback.go): a header `goroutine N [state...]:`, then frames as two
// lines (`F(args)` and `\tfile:line +0x..`), elision markers, `created by F [in goroutine N]`
// with its file line, and `[originating from goroutine N]:` ancestors with their own frames and
// creators. A blank line ends a goroutine. See README.md for how other lines are counted.

import { ProfileBuilder } from '../../model/builder';
import { GoroutineFlag, GoroutineLabel, type GoroutineDump } from '../../model/goroutines';
import {
  ascii,
  decodeRange,
  endsWith,
  equalsAscii,
  indexOfAscii,
  isDigit,
  isHexDigit,
  parseDecimal,
  skipDigits,
  startsWith,
} from './bytes';
import { CrashCollector } from './crash';
import { FrameTable } from './frames';
import { GoroutineTableBuilder } from './goroutine-table';
import { CLOSE_HEADER, GOROUTINE_SP, HeaderOverflow, isHeaderStart, MAX_WAIT_MINUTES, newHeaderFields, parseHeader } from './header';
import { ByteInterner, cutProblemMessage, MAX_NAME_BYTES, viewOf } from './intern';
import { isPlainLayout, PLAIN_LAYOUT, type LineLayout } from './layout';
import { LineReader, LONG_LINE_BYTES } from './lines';
import { validFunctionName } from './names';
import {
  DEFAULT_MAX_FRAMES_PER_STACK,
  DEFAULT_MAX_GOROUTINES,
  limitError,
  type GoroutineParseOptions,
} from './options';
import { sniffLayout } from './sniff';
import { LineTally } from './tally';
import { longLinesProblem, ProblemList, shownText } from './problems';

/** debug=2 output is built in a buffer that stops growing at 64 MB (runtime/pprof). */
export const RUNTIME_DUMP_CAP = 64 << 20;

const TAB = 9;
const SPACE = 32;
const LPAREN = 40;
const RPAREN = 41;
const LBRACKET = 91;

const CREATED_BY = ascii('created by ');
const IN_GOROUTINE = ascii(' in goroutine ');
const ORIGINATING = ascii('[originating from goroutine ');
const ADDITIONAL_ELIDED = ascii('...additional frames elided...');
const DOTS = ascii('...');
const FRAMES_ELIDED = ascii(' frames elided...');
const ELIDED_END = ascii('elided...');
const UNAVAILABLE = ascii('\tgoroutine running on other thread; stack unavailable');
const NON_GO_AT = ascii('non-Go function at pc=0x');
const NON_GO = ascii('non-Go function');
const PC_HEX = ascii('pc=0x');
const OFFSET = ascii(' +0x');
const RUNNING = ascii('running');

/** Parser states. */
const PREAMBLE = 0; // before the first header
const STACK = 1; // in a goroutine or ancestor, between frames
const FRAME_FILE = 2; // a function line was read; its "\tfile:line" comes next
const CREATOR_FILE = 3; // "created by F" was read; its "\tfile:line" comes next
const GAP = 4; // after the blank line that ended a goroutine

const ONE = [1];
const CUT_NAMES = `names longer than ${MAX_NAME_BYTES.toLocaleString('en-US')} bytes cut`;

class Debug2Parser {
  private readonly builder = new ProfileBuilder({
    sampleTypes: [{ type: 'goroutine', unit: 'count' }],
    periodType: { type: 'goroutine', unit: 'count' },
    period: 1,
  });
  private readonly names = new ByteInterner(this.builder.strings);
  private readonly frames = new FrameTable(this.builder);
  private readonly table = new GoroutineTableBuilder();
  private readonly unparsed = new LineTally();
  private readonly skipped = new LineTally();
  /** Numbers kept although out of range, line numbers that do not parse: each said with its line. */
  private readonly problems = new ProblemList();
  private readonly crash = new CrashCollector();
  private readonly reader: LineReader;
  private readonly maxGoroutines: number;
  private readonly maxFrames: number;
  private readonly stateKey: number;
  private readonly waitKey: number;
  private readonly minutesUnit: number;
  /** Lines are the runtime's own (no log prefixes), so offsets are the runtime's too. */
  private readonly plain: boolean;
  /** The removed prefix as it stood on the first header line. */
  private readonly example: string | undefined;

  private state = PREAMBLE;
  /** Current goroutine row, -1 when none is open. */
  private row = -1;
  /** Current ancestor of that goroutine, -1 while reading the goroutine's own stack. */
  private ancestor = -1;
  /** Frames in the stack being read (the goroutine's or the ancestor's). */
  private depth = 0;
  /** The function line awaiting its file line (FRAME_FILE) or the creator (CREATOR_FILE). */
  private pendingName = 0;
  private pendingLine = 0;
  private pendingCreator = -1;
  /** A function line without arguments (cgo symbolizer output), kept as bytes until confirmed. */
  private pendingBare: Uint8Array | null = null;
  /** The input ended inside a line of the open goroutine. */
  private cutTail = false;
  private truncatedHeader = false;
  /** Per string id: 0 not checked, 1 a valid function name, 2 not one. */
  private nameChecks = new Uint8Array(1024);
  private readonly headerFields = newHeaderFields();
  // Results of parseLocation.
  private locFile = 0;
  private locLine = 0;

  /**
   * @param wholeLength the length of the whole input when `input` is its last part, -1 for the
   *   other parts (parallel parsing, parallel.ts): the runtime's 64 MiB cap is about the whole dump.
   */
  constructor(
    input: Uint8Array,
    layout: LineLayout,
    opts: GoroutineParseOptions,
    private readonly wholeLength = input.length,
  ) {
    this.reader = new LineReader(input, layout, opts);
    this.maxGoroutines = opts.maxGoroutines ?? DEFAULT_MAX_GOROUTINES;
    this.maxFrames = opts.maxFramesPerStack ?? DEFAULT_MAX_FRAMES_PER_STACK;
    const b = this.builder;
    this.stateKey = b.intern(GoroutineLabel.state);
    this.waitKey = b.intern(GoroutineLabel.waitMinutes);
    this.minutesUnit = b.intern(GoroutineLabel.waitUnit);
    this.plain = isPlainLayout(layout);
    this.example = layout.example;
  }

  /** Physical lines read so far. */
  get lineCount(): number {
    return this.reader.lineCount;
  }

  /** Whether any crash output was read (parallel parsing leaves crash dumps to one parser). */
  get crashSeen(): boolean {
    return this.crash.seen;
  }

  /** Locations made from bare addresses, with the text that keys them. */
  addressLocations(): Array<[hex: string, location: number]> {
    return this.frames.addressLocations();
  }

  parse(): GoroutineDump {
    const r = this.reader;
    const names = this.names;
    let cuts = 0;
    while (r.next()) {
      if (r.terminated) this.line(r.buf, r.start, r.end);
      else this.lastLine(r.buf, r.start, r.end);
      if (names.cuts !== cuts) {
        cuts = names.cuts;
        this.problems.add(CUT_NAMES, cutProblemMessage(names.lastCutBytes), r.lineNo);
      }
    }
    r.checkpoint();
    return this.finish();
  }

  private line(buf: Uint8Array, s: number, e: number): void {
    if (s === e) {
      this.blank();
      return;
    }
    const c0 = buf[s]!;
    if (c0 === 103 /* g */ && this.header(buf, s, e)) return;
    switch (this.state) {
      case FRAME_FILE:
        if (c0 === TAB) {
          if (this.pendingBare !== null ? this.bareFrameFile(buf, s, e) : this.frameFile(buf, s, e)) return;
          this.unparsedLine(this.pendingLine);
          this.unparsedLine(this.reader.lineNo);
          this.pendingBare = null;
          this.state = STACK;
          return;
        }
        this.unparsedLine(this.pendingLine);
        this.pendingBare = null;
        this.state = STACK;
        break;
      case CREATOR_FILE:
        if (c0 === TAB) {
          if (this.creatorFile(buf, s, e)) return;
          this.unparsedLine(this.pendingLine);
          this.unparsedLine(this.reader.lineNo);
          this.state = STACK;
          return;
        }
        this.unparsedLine(this.pendingLine);
        this.state = STACK;
        break;
      case PREAMBLE:
        // Crash output (panic, fatal error, signal, runtime stack), else the program's log.
        if (!this.crash.outside(buf, s, e, this.reader.lineNo, this.reader.terminated)) this.skipped.add(this.reader.lineNo);
        return;
      case GAP:
        // Crash output, log lines; stack lines there belong to nothing.
        if (this.crash.outside(buf, s, e, this.reader.lineNo, this.reader.terminated)) return;
        if (this.looksLikeStackLine(buf, s, e)) this.unparsedLine(this.reader.lineNo);
        else this.skipped.add(this.reader.lineNo);
        return;
    }
    this.stackLine(buf, s, e, c0);
  }

  /** A line inside a goroutine or ancestor, expecting a frame or one of the markers. */
  private stackLine(buf: Uint8Array, s: number, e: number, c0: number): void {
    if (c0 === TAB) {
      if (this.ancestor < 0 && equalsAscii(buf, s, e, UNAVAILABLE)) {
        this.table.addFlag(this.row, GoroutineFlag.StackUnavailable);
      } else {
        this.unparsedLine(this.reader.lineNo);
      }
      return;
    }
    if (buf[e - 1] === RPAREN && this.functionLine(buf, s, e)) return;
    if (c0 === 46 /* . */ && this.elisionLine(buf, s, e)) return;
    if (c0 === 99 /* c */ && startsWith(buf, s, e, CREATED_BY) && this.creatorLine(buf, s, e)) return;
    if (c0 === LBRACKET && startsWith(buf, s, e, ORIGINATING) && this.ancestorHeader(buf, s, e)) return;
    if (c0 === 110 /* n */ && startsWith(buf, s, e, NON_GO_AT) && this.nonGoLine(buf, s, e)) return;
    if (this.crash.endsStack(buf, s, e)) {
      // "exit status 2", "SIGABRT: abort", registers right after the last frame: the
      // goroutine has ended and crash output follows.
      this.endGoroutine();
      this.state = GAP;
      this.crash.outside(buf, s, e, this.reader.lineNo);
      return;
    }
    if (this.bareFunctionLine(buf, s, e)) return;
    this.unparsedLine(this.reader.lineNo);
  }

  /** `F(args)`: the arguments are the last parenthesised group; F may hold `(*T)` and `[...]`. */
  private functionLine(buf: Uint8Array, s: number, e: number): boolean {
    let p = e - 2;
    while (p > s && buf[p] !== LPAREN) p--;
    if (p <= s) return false;
    const name = this.names.intern(this.reader.view, buf, s, p);
    if (!this.isFunctionName(name, buf, s, p)) return false;
    this.pendingName = name;
    this.pendingLine = this.reader.lineNo;
    this.state = FRAME_FILE;
    return true;
  }

  /** Whether string `name` (the text of buf[s..e)) can be a function name; checked once per name. */
  private isFunctionName(name: number, buf: Uint8Array, s: number, e: number): boolean {
    let checks = this.nameChecks;
    if (name >= checks.length) {
      const next = new Uint8Array(Math.max(name + 1, checks.length * 2));
      next.set(checks);
      this.nameChecks = checks = next;
    }
    let v = checks[name]!;
    if (v === 0) checks[name] = v = validFunctionName(buf, s, e) ? 1 : 2;
    return v === 1;
  }

  /** "\tfile:line [+0x..] [fp=.. sp=.. pc=..]" after a function line. */
  private frameFile(buf: Uint8Array, s: number, e: number): boolean {
    if (!this.parseLocation(buf, s + 1, e)) return false;
    this.pushFrame(this.frames.location(this.pendingName, this.locFile, this.locLine));
    this.state = STACK;
    return true;
  }

  /**
   * Parses "file:line[ suffix]" in buf[s..e) into locFile / locLine. The line number follows
   * the last ':' (Windows paths hold a drive colon; the suffixes hold none).
   */
  private parseLocation(buf: Uint8Array, s: number, e: number, strict = false): boolean {
    let colon = e - 1;
    while (colon > s && buf[colon] !== 58) colon--;
    if (colon <= s) return false;
    const digitsEnd = skipDigits(buf, colon + 1, e);
    let line = digitsEnd === colon + 1 || (digitsEnd < e && buf[digitsEnd] !== SPACE) ? -1 : parseDecimal(buf, colon + 1, digitsEnd);
    if (line < 0 || line > 0xffffffff) {
      // The line after a function line is its file line: a number that does not parse costs the
      // line number (0, unknown), never the frame, and is reported.
      if (strict) return false;
      let end = colon + 1;
      while (end < e && buf[end] !== SPACE) end++;
      this.problems.add(
        'line numbers that do not parse',
        `the line number in ${shownText(buf, s, end)} does not parse${end > colon + 1 ? '' : ' (none printed)'}: the frame is kept with line 0 (unknown)`,
        this.reader.lineNo,
      );
      line = 0;
    }
    this.locFile = this.names.intern(this.reader.view, buf, s, colon);
    this.locLine = line;
    return true;
  }

  private pushFrame(loc: number): void {
    if (++this.depth > this.maxFrames) {
      throw limitError('frames in one stack', 'maxFramesPerStack', this.maxFrames, this.reader.lineNo);
    }
    if (this.ancestor < 0) this.builder.pushFrame(loc);
    else this.table.ancestorStack.push(loc);
  }

  /** "...additional frames elided..." (Go <= 1.20) or "...N frames elided..." (Go >= 1.21). */
  private elisionLine(buf: Uint8Array, s: number, e: number): boolean {
    const t = this.table;
    if (equalsAscii(buf, s, e, ADDITIONAL_ELIDED)) {
      if (this.ancestor >= 0) t.ancestorElided.set(this.ancestor, 1);
      else t.addFlag(this.row, GoroutineFlag.FramesElided);
      return true;
    }
    if (!startsWith(buf, s, e, DOTS)) return false;
    const d = skipDigits(buf, s + 3, e);
    if (d === s + 3 || !equalsAscii(buf, d, e, FRAMES_ELIDED)) return false;
    const n = parseDecimal(buf, s + 3, d);
    if (n < 0 || n > 0xffffffff) return false;
    if (this.ancestor >= 0) {
      t.ancestorElided.set(this.ancestor, 1);
    } else {
      t.addFlag(this.row, GoroutineFlag.FramesElided);
      t.elidedFrames.set(this.row, Math.min(0xffffffff, t.elidedFrames.get(this.row) + n));
    }
    return true;
  }

  /** "created by F" or, since Go 1.21, "created by F in goroutine N". */
  private creatorLine(buf: Uint8Array, s: number, e: number): boolean {
    const nameStart = s + CREATED_BY.length;
    let nameEnd = e;
    let creator = -1;
    let d = e;
    while (d > nameStart && isDigit(buf[d - 1]!)) d--;
    if (d < e && endsWith(buf, nameStart, d, IN_GOROUTINE)) {
      creator = parseDecimal(buf, d, e);
      if (creator < 0) return false;
      nameEnd = d - IN_GOROUTINE.length;
    }
    if (nameEnd <= nameStart) return false;
    const name = this.names.intern(this.reader.view, buf, nameStart, nameEnd);
    if (!this.isFunctionName(name, buf, nameStart, nameEnd)) return false;
    this.pendingName = name;
    this.pendingCreator = creator;
    this.pendingLine = this.reader.lineNo;
    this.state = CREATOR_FILE;
    return true;
  }

  private creatorFile(buf: Uint8Array, s: number, e: number): boolean {
    if (!this.parseLocation(buf, s + 1, e)) return false;
    const loc = this.frames.location(this.pendingName, this.locFile, this.locLine);
    const t = this.table;
    if (this.ancestor >= 0) {
      t.ancestorCreatedBy.set(this.ancestor, loc);
    } else {
      t.createdBy.set(this.row, loc);
      t.creatorId.set(this.row, this.pendingCreator);
    }
    this.state = STACK;
    return true;
  }

  /** "[originating from goroutine N]:" (GODEBUG=tracebackancestors=N). */
  private ancestorHeader(buf: Uint8Array, s: number, e: number): boolean {
    const d = s + ORIGINATING.length;
    const digitsEnd = skipDigits(buf, d, e);
    if (digitsEnd === d || !equalsAscii(buf, digitsEnd, e, CLOSE_HEADER)) return false;
    const id = parseDecimal(buf, d, digitsEnd);
    if (id < 0) return false;
    const t = this.table;
    if (this.ancestor >= 0) t.endAncestor();
    this.ancestor = t.addAncestor(id);
    this.depth = 0;
    return true;
  }

  /** "non-Go function at pc=0x..": a cgo frame without a symbolizer, kept as its address. */
  private nonGoLine(buf: Uint8Array, s: number, e: number): boolean {
    const h = s + NON_GO_AT.length;
    if (h === e || e - h > 16) return false;
    for (let i = h; i < e; i++) if (!isHexDigit(buf[i]!)) return false;
    this.pushFrame(this.frames.addressLocation(`0x${decodeRange(buf, h, e)}`));
    return true;
  }

  /**
   * A frame printed by a cgo symbolizer: the function name without arguments (or
   * "non-Go function"), then "\t[file:line ]pc=0x..". Held until that second line confirms it.
   */
  private bareFunctionLine(buf: Uint8Array, s: number, e: number): boolean {
    if (!equalsAscii(buf, s, e, NON_GO)) {
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c === SPACE || c === TAB || c === LPAREN || c === RPAREN) return false;
      }
    }
    this.pendingBare = buf.slice(s, e);
    this.pendingLine = this.reader.lineNo;
    this.state = FRAME_FILE;
    return true;
  }

  private bareFrameFile(buf: Uint8Array, s: number, e: number): boolean {
    const name = this.pendingBare!;
    const pc = indexOfAscii(buf, PC_HEX, s + 1, e);
    if (pc < 0 || (pc > s + 1 && buf[pc - 1] !== SPACE)) return false;
    const h = pc + PC_HEX.length;
    if (h === e || e - h > 16) return false;
    for (let i = h; i < e; i++) if (!isHexDigit(buf[i]!)) return false;
    let loc: number;
    if (equalsAscii(name, 0, name.length, NON_GO)) {
      loc = this.frames.addressLocation(`0x${decodeRange(buf, h, e)}`);
    } else {
      let file = 0;
      let line = 0;
      if (pc > s + 1) {
        if (!this.parseLocation(buf, s + 1, pc - 1, true)) return false;
        file = this.locFile;
        line = this.locLine;
      }
      loc = this.frames.location(this.names.intern(viewOf(name), name, 0, name.length), file, line);
    }
    this.pendingBare = null;
    this.pushFrame(loc);
    this.state = STACK;
    return true;
  }

  /** A goroutine header opens the next goroutine; false when the line is not one. */
  private header(buf: Uint8Array, s: number, e: number): boolean {
    const h = this.headerFields;
    if (!parseHeader(buf, s, e, h)) return false;
    this.startGoroutine(h.id, buf, h.stateStart, h.stateEnd, h.minutes, h.flags);
    if (h.overflow !== 0) this.headerOverflow(buf);
    return true;
  }

  private headerOverflow(buf: Uint8Array): void {
    const h = this.headerFields;
    const line = this.reader.lineNo;
    if (h.overflow & HeaderOverflow.Id) {
      this.problems.add(
        'goroutine ids beyond 2^53',
        `goroutine id ${shownText(buf, h.idStart, h.idEnd)} is beyond 2^53: the goroutine is kept, its id shown as ${h.id.toLocaleString('en-US')} (rounded)`,
        line,
      );
    }
    if (h.overflow & HeaderOverflow.Minutes) {
      this.problems.add(
        'waits beyond the table',
        `a wait of ${shownText(buf, h.minutesStart, h.minutesEnd)} minutes is beyond what the table holds: kept as ${MAX_WAIT_MINUTES.toLocaleString('en-US')} minutes or more`,
        line,
      );
    }
  }

  private startGoroutine(id: number, buf: Uint8Array, stateStart: number, stateEnd: number, minutes: number, flags: number): void {
    this.endGoroutine();
    const t = this.table;
    if (t.length >= this.maxGoroutines) {
      throw limitError('goroutines', 'maxGoroutines', this.maxGoroutines, this.reader.lineNo);
    }
    const state = this.names.intern(this.reader.view, buf, stateStart, stateEnd);
    this.row = t.add(id, state, minutes, flags, this.reader.offset, this.reader.lineNo);
    this.crash.goroutine(this.row, id, this.reader.lineNo, equalsAscii(buf, stateStart, stateEnd, RUNNING));
    const b = this.builder;
    b.addLabel(this.stateKey, state);
    if (minutes >= 0) b.addNumLabel(this.waitKey, minutes, this.minutesUnit);
    this.state = STACK;
    this.ancestor = -1;
    this.depth = 0;
  }

  /** Closes the open goroutine (if any): its pending line was not followed by what it needs. */
  private endGoroutine(): void {
    if (this.row < 0) return;
    if (this.state === FRAME_FILE || this.state === CREATOR_FILE) this.unparsedLine(this.pendingLine);
    this.closeGoroutine();
  }

  private closeGoroutine(): void {
    const t = this.table;
    if (this.ancestor >= 0) t.endAncestor();
    t.endGoroutine();
    this.builder.endSample(ONE);
    this.row = -1;
    this.ancestor = -1;
    this.pendingBare = null;
  }

  private blank(): void {
    if (this.state === PREAMBLE || this.state === GAP) {
      this.crash.blank();
      return;
    }
    this.endGoroutine();
    this.state = GAP;
  }

  /**
   * The input's last line when no line feed follows it. Inside a goroutine it counts only when
   * nothing can be missing from it; otherwise the goroutine is marked cut.
   */
  private lastLine(buf: Uint8Array, s: number, e: number): void {
    if (s === e) return;
    const state = this.state;
    const between = state === PREAMBLE || state === GAP;
    // A header cut short (between goroutines even a bare "gorou" is one): nothing of that
    // goroutine is known, but the input is truncated.
    if (between ? isHeaderStart(buf, s, e) : isHeaderStart(buf, s, e) && e - s > GOROUTINE_SP.length) {
      if (!parseHeader(buf, s, e, this.headerFields)) {
        this.truncatedHeader = true;
        return;
      }
    }
    if (between || this.lastLineComplete(buf, s, e) || (state === STACK && this.crash.endsStack(buf, s, e))) this.line(buf, s, e);
    else if (state === FRAME_FILE && this.pendingBare !== null) this.line(buf, s, e);
    else this.cutTail = true;
  }

  private lastLineComplete(buf: Uint8Array, s: number, e: number): boolean {
    if (
      parseHeader(buf, s, e, this.headerFields) ||
      endsWith(buf, s, e, CLOSE_HEADER) ||
      endsWith(buf, s, e, ELIDED_END) ||
      equalsAscii(buf, s, e, UNAVAILABLE)
    ) {
      return true;
    }
    if ((this.state === FRAME_FILE || this.state === CREATOR_FILE) && buf[s] === TAB) {
      // The line number is whole only if the " +0x" offset after it was printed.
      let colon = e - 1;
      while (colon > s && buf[colon] !== 58) colon--;
      return colon > s && startsWith(buf, skipDigits(buf, colon + 1, e), e, OFFSET);
    }
    return false;
  }

  /** Stack-shaped text outside any goroutine: reported, unlike ordinary log lines. */
  private looksLikeStackLine(buf: Uint8Array, s: number, e: number): boolean {
    const c0 = buf[s];
    if (c0 === TAB || startsWith(buf, s, e, CREATED_BY) || startsWith(buf, s, e, ORIGINATING)) return true;
    if (buf[e - 1] !== RPAREN) return false;
    let p = e - 2;
    while (p > s && buf[p] !== LPAREN) p--;
    return p > s && validFunctionName(buf, s, p);
  }

  private unparsedLine(lineNo: number): void {
    this.unparsed.add(lineNo);
  }

  private finish(): GoroutineDump {
    let truncated = this.truncatedHeader;
    if (this.row >= 0) {
      const state = this.state;
      const emptyStack = this.depth === 0 && !(this.ancestor < 0 && this.hasFlag(GoroutineFlag.StackUnavailable));
      if (state === FRAME_FILE && this.pendingBare !== null) {
        // An argument-less line at the very end is more likely a log line than a cut frame.
        this.unparsedLine(this.pendingLine);
        this.state = STACK;
      } else if (this.cutTail || state === FRAME_FILE || state === CREATOR_FILE || emptyStack) {
        this.table.addFlag(this.row, GoroutineFlag.Cut);
        truncated = true;
      }
      this.closeGoroutine();
    }
    const t = this.table;
    if (this.plain && this.wholeLength === RUNTIME_DUMP_CAP && t.length > 0) {
      // Exactly the runtime's cap: the dump was cut wherever the buffer filled up.
      t.addFlag(t.length - 1, GoroutineFlag.Cut);
      truncated = true;
    }
    const profile = this.builder.build();
    const goroutines = t.build();
    const long = longLinesProblem(this.reader.longLines.result(), LONG_LINE_BYTES);
    const dump: GoroutineDump = {
      format: 'debug2',
      profile,
      goroutines,
      total: t.length,
      truncated,
      unparsed: this.unparsed.result(),
      skipped: this.skipped.result(),
      ...(this.problems.length > 0 || long ? { problems: long ? [...this.problems.result(), long] : this.problems.result() } : {}),
      ...(this.example !== undefined && this.reader.stripped > 0 ? { prefix: { example: this.example, lines: this.reader.stripped } } : {}),
    };
    const crash = this.crash.finish(profile, goroutines);
    if (crash) dump.crash = crash;
    return dump;
  }

  private hasFlag(flag: number): boolean {
    return (this.table.flags.get(this.row) & flag) !== 0;
  }
}

/**
 * One part of a plain debug=2 dump that starts at a goroutine header (or at the input's start)
 * and ends after a blank line (or at the input's end), parsed as parseDebug2 would parse it
 * alone, plus what merging the parts needs (parallel.ts).
 */
export function parseDebug2Part(bytes: Uint8Array, last: boolean, wholeLength: number, opts: GoroutineParseOptions = {}) {
  const parser = new Debug2Parser(bytes, PLAIN_LAYOUT, opts, last ? wholeLength : -1);
  const dump = parser.parse();
  return { dump, lines: parser.lineCount, crashSeen: parser.crashSeen, addressLocations: parser.addressLocations() };
}

export function parseDebug2WithLayout(bytes: Uint8Array, layout: LineLayout, opts: GoroutineParseOptions = {}): GoroutineDump {
  return new Debug2Parser(bytes, layout, opts).parse();
}

/** A debug=2 goroutine dump or a crash / SIGQUIT traceback. */
export function parseDebug2(bytes: Uint8Array, opts: GoroutineParseOptions = {}): GoroutineDump {
  const sniffed = sniffLayout(bytes);
  const layout = sniffed && sniffed.kind === 'debug2' ? sniffed.layout : PLAIN_LAYOUT;
  return parseDebug2WithLayout(bytes, layout, opts);
}
