// Crash output around the goroutines of a traceback: what crashed, read in the same pass as the
// goroutines. The Go runtime prints (runtime/panic.go printpanics, fatalthrow; signal_unix.go
// sighandler; traceback.go):
//
//   panic: V [recovered]                  the oldest panic first; " [recovered, repanicked]"
//   \tpanic: W                            (Go 1.25+) when re-raised with the same value
//   fatal error: MSG | fatal: MSG         runtime.throw / runtime.fatal; morestack on g0
//   runtime: MSG                          diagnostics printed before a throw
//   [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x498e75]
//   SIGQUIT: quit                         a signal's own report (sighandler), then
//   PC=0x46b2a1 m=0 sigcode=0 [addr=0x..]
//   runtime stack:                        system-stack frames of a throw
//   rax    0xca                           registers (GOTRACEBACK=crash, fatal signals)
//   -----                                 the crash passed on to the next thread
//   exit status 2 | signal: killed        how the process ended (go run, shells)
//
// The parser hands this collector every line outside a goroutine and the lines that end a
// stack without fitting its grammar. Crash output is a few lines, so they are decoded to text.

import {
  MAX_CRASH_LINES,
  type CrashGoroutine,
  type CrashLine,
  type CrashLineKind,
  type CrashReport,
  type CrashSignal,
  type GoroutineTable,
  type PanicLink,
} from '../../model/goroutines';
import type { Profile } from '../../model/profile';
import { ascii, decodeRange, endsWith, equalsAscii, isDigit, isHexDigit, parseDecimal, skipDigits, startsWith } from './bytes';
import { validFunctionName } from './names';

const TAB = 9;
const SPACE = 32;
const LPAREN = 40;
const RPAREN = 41;

const PANIC = ascii('panic: ');
const TAB_PANIC = ascii('\tpanic: ');
const FATAL_ERROR = ascii('fatal error: ');
const FATAL = ascii('fatal: ');
const RUNTIME = ascii('runtime: ');
const UNEXPECTED_FAULT = ascii('unexpected fault address ');
const SIGNAL_OPEN = ascii('[signal ');
const SIG = ascii('SIG');
const SIGNAL_NUMBER = ascii('Signal ');
const PC_EQ = ascii('PC=0x');
const CGO_NOTE = ascii('signal arrived during ');
const INSTRUCTION_BYTES = ascii('instruction bytes:');
const RUNTIME_STACK = ascii('runtime stack:');
const SEPARATOR = ascii('-----');
const EXIT_STATUS = ascii('exit status ');
const EXIT_SIGNAL = ascii('signal: ');
const RECOVERED = ascii(' [recovered]');
const REPANICKED = ascii(' [recovered, repanicked]');
const RERAISED = ascii(' [recovered, reraised]');
const HEX_PREFIX = ascii('0x');

/** Longest text kept of one line, and of one panic message. */
const MAX_LINE_CHARS = 1000;
const MAX_MESSAGE_CHARS = 4000;
/** Further lines of one multi-line panic value; past this, lines are the program's again. */
const MAX_CONTINUATION_LINES = 100;

/** Functions through which a goroutine's stack holds a throw or a panic. */
const THROW_FUNCTIONS = new Set(['runtime.throw', 'runtime.fatal', 'runtime.fatalthrow', 'runtime.fatalpanic', 'runtime.gopanic', 'panic']);

const NONE = 0;
const IN_PANIC = 1; // after a panic line: further lines of its value may follow
const IN_RUNTIME_STACK = 2;
const IN_REGISTERS = 3;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `name   0x..`: a register as dumpregs prints it (lower-case name, spaces, hex). */
function isRegisterLine(buf: Uint8Array, s: number, e: number): boolean {
  let i = s;
  while (i < e && i - s < 8 && ((buf[i]! >= 97 && buf[i]! <= 122) || isDigit(buf[i]!))) i++;
  if (i === s || i >= e || buf[i] !== SPACE || !(buf[s]! >= 97 && buf[s]! <= 122)) return false;
  while (i < e && buf[i] === SPACE) i++;
  if (!startsWith(buf, i, e, HEX_PREFIX)) return false;
  i += 2;
  if (i === e) return false;
  for (; i < e; i++) if (!isHexDigit(buf[i]!)) return false;
  return true;
}

/** `SIGQUIT: quit`, `Signal 35`: the first line of a signal handler's report. */
function isSignalNameLine(buf: Uint8Array, s: number, e: number): boolean {
  if (startsWith(buf, s, e, SIG)) {
    let i = s + 3;
    while (i < e && ((buf[i]! >= 65 && buf[i]! <= 90) || isDigit(buf[i]!))) i++;
    return i > s + 3 && buf[i] === 58 /* : */ && buf[i + 1] === SPACE && i + 2 < e;
  }
  if (startsWith(buf, s, e, SIGNAL_NUMBER)) {
    const d = s + SIGNAL_NUMBER.length;
    return d < e && skipDigits(buf, d, e) === e;
  }
  return false;
}

/** `exit status N` or `signal: killed` / `signal: segmentation fault (core dumped)`. */
function isExitLine(buf: Uint8Array, s: number, e: number): boolean {
  if (startsWith(buf, s, e, EXIT_STATUS)) {
    const d = s + EXIT_STATUS.length;
    return d < e && skipDigits(buf, d, e) === e;
  }
  return startsWith(buf, s, e, EXIT_SIGNAL) && s + EXIT_SIGNAL.length < e && buf[s + EXIT_SIGNAL.length]! >= 97 && buf[s + EXIT_SIGNAL.length]! <= 122;
}

/** `F(args)` as a traceback prints it. */
function isFunctionLine(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s < 3 || buf[e - 1] !== RPAREN) return false;
  let p = e - 2;
  while (p > s && buf[p] !== LPAREN) p--;
  return p > s && validFunctionName(buf, s, p);
}

export class CrashCollector {
  private readonly panics: PanicLink[] = [];
  private readonly fatal: Array<{ message: string; line: number }> = [];
  private readonly runtime: Array<{ message: string; line: number }> = [];
  private signal: CrashSignal | undefined;
  private raised: CrashSignal | undefined;
  /** The signal a following PC= line belongs to. */
  private lastSignal: CrashSignal | undefined;
  private exitStatus: { code: number; line: number } | undefined;
  private exitSignal: { text: string; line: number } | undefined;
  private readonly runtimeStacks: Array<{ line: number; endLine: number; frames: number }> = [];
  private readonly registers: Array<{ line: number; endLine: number; count: number }> = [];
  private readonly lines: CrashLine[] = [];
  private lineCount = 0;
  private mode = NONE;
  private continuation = 0;
  /** A signal's report was seen: register dumps may follow. */
  private signalSeen = false;
  /** Set by crash messages: the next goroutine header is the first printed after them. */
  private awaiting: 'message' | 'signal' | null = null;
  private first: { row: number; id: number; line: number; running: boolean; after: 'message' | 'signal' } | null = null;

  /** Whether any crash output was seen. */
  get seen(): boolean {
    return this.lineCount > 0;
  }

  /**
   * A line inside a goroutine's stack that fits none of the stack's rules: true when it is
   * crash output that ends the stack (an exit status, a signal's report, registers, a
   * separator, a panic or fatal error). The caller closes the goroutine and passes it to
   * `outside`.
   */
  endsStack(buf: Uint8Array, s: number, e: number): boolean {
    const c0 = buf[s];
    if (c0 === 101 /* e */) return isExitLine(buf, s, e);
    if (c0 === 115 /* s */) return isExitLine(buf, s, e);
    if (c0 === 83 /* S */) return isSignalNameLine(buf, s, e);
    if (c0 === 45 /* - */) return equalsAscii(buf, s, e, SEPARATOR);
    if (c0 === 102 /* f */) return startsWith(buf, s, e, FATAL_ERROR) || startsWith(buf, s, e, FATAL);
    if (c0 === 112 /* p */) return startsWith(buf, s, e, PANIC);
    return this.signalSeen && isRegisterLine(buf, s, e);
  }

  /**
   * A non-blank line outside any goroutine: true when it is crash output (then recorded).
   * `whole` is false for a last line without a line feed, which may have been cut.
   */
  outside(buf: Uint8Array, s: number, e: number, lineNo: number, whole = true): boolean {
    const mode = this.mode;
    if (mode === IN_RUNTIME_STACK) {
      if (buf[s] === TAB || isFunctionLine(buf, s, e)) {
        const section = this.runtimeStacks[this.runtimeStacks.length - 1]!;
        section.endLine = lineNo;
        if (buf[s] !== TAB) section.frames++;
        this.record(lineNo, 'runtime-stack', buf, s, e);
        return true;
      }
      this.mode = NONE;
    } else if (mode === IN_REGISTERS) {
      if (isRegisterLine(buf, s, e)) {
        const dump = this.registers[this.registers.length - 1]!;
        dump.endLine = lineNo;
        dump.count++;
        this.record(lineNo, 'register', buf, s, e);
        return true;
      }
      this.mode = NONE;
    }
    const c0 = buf[s];
    if (c0 === 112 /* p */ && startsWith(buf, s, e, PANIC)) return this.panic(buf, s + PANIC.length, e, lineNo, false);
    if (c0 === TAB && startsWith(buf, s, e, TAB_PANIC)) return this.panic(buf, s + TAB_PANIC.length, e, lineNo, true);
    // A cut last line may be the start of any crash line ("\tpa", "[sig"): it adds nothing to the value.
    if (this.mode === IN_PANIC && whole && this.continuePanic(buf, s, e, lineNo)) return true;
    this.mode = NONE;
    if (c0 === 102 /* f */) {
      const at = startsWith(buf, s, e, FATAL_ERROR) ? FATAL_ERROR.length : startsWith(buf, s, e, FATAL) ? FATAL.length : 0;
      if (at > 0) {
        this.fatal.push({ message: clip(decodeRange(buf, s + at, e), MAX_MESSAGE_CHARS), line: lineNo });
        this.awaiting ??= 'message';
        this.record(lineNo, 'fatal', buf, s, e);
        return true;
      }
    }
    if (c0 === 114 /* r */) {
      if (equalsAscii(buf, s, e, RUNTIME_STACK)) {
        this.runtimeStacks.push({ line: lineNo, endLine: lineNo, frames: 0 });
        this.mode = IN_RUNTIME_STACK;
        this.record(lineNo, 'runtime-stack', buf, s, e);
        return true;
      }
      if (startsWith(buf, s, e, RUNTIME)) {
        this.runtime.push({ message: clip(decodeRange(buf, s + RUNTIME.length, e), MAX_LINE_CHARS), line: lineNo });
        this.record(lineNo, 'runtime', buf, s, e);
        return true;
      }
    }
    if (c0 === 117 /* u */ && startsWith(buf, s, e, UNEXPECTED_FAULT)) {
      this.runtime.push({ message: clip(decodeRange(buf, s, e), MAX_LINE_CHARS), line: lineNo });
      this.record(lineNo, 'runtime', buf, s, e);
      return true;
    }
    if (c0 === 91 /* [ */ && startsWith(buf, s, e, SIGNAL_OPEN) && buf[e - 1] === 93 /* ] */) {
      this.bracketSignal(buf, s + SIGNAL_OPEN.length, e - 1, lineNo);
      this.record(lineNo, 'signal', buf, s, e);
      return true;
    }
    if ((c0 === 83 /* S */) && isSignalNameLine(buf, s, e)) {
      this.signalName(buf, s, e, lineNo);
      this.record(lineNo, 'signal-name', buf, s, e);
      return true;
    }
    if (c0 === 80 /* P */ && startsWith(buf, s, e, PC_EQ)) {
      this.signalPc(buf, s, e);
      this.record(lineNo, 'signal-pc', buf, s, e);
      return true;
    }
    if ((c0 === 115 /* s */ && startsWith(buf, s, e, CGO_NOTE)) || (c0 === 105 /* i */ && startsWith(buf, s, e, INSTRUCTION_BYTES))) {
      this.record(lineNo, 'signal-note', buf, s, e);
      return true;
    }
    if (c0 === 45 /* - */ && equalsAscii(buf, s, e, SEPARATOR)) {
      this.record(lineNo, 'separator', buf, s, e);
      return true;
    }
    if ((c0 === 101 /* e */ || c0 === 115 /* s */) && isExitLine(buf, s, e)) {
      if (c0 === 101) {
        const code = parseDecimal(buf, s + EXIT_STATUS.length, e);
        if (code >= 0) this.exitStatus = { code, line: lineNo };
      } else {
        this.exitSignal = { text: clip(decodeRange(buf, s + EXIT_SIGNAL.length, e), MAX_LINE_CHARS), line: lineNo };
      }
      this.record(lineNo, 'exit', buf, s, e);
      return true;
    }
    if (this.signalSeen && isRegisterLine(buf, s, e)) {
      this.registers.push({ line: lineNo, endLine: lineNo, count: 1 });
      this.mode = IN_REGISTERS;
      this.record(lineNo, 'register', buf, s, e);
      return true;
    }
    return false;
  }

  /** A blank line outside any goroutine: ends a panic value, a runtime stack, a register dump. */
  blank(): void {
    this.mode = NONE;
  }

  /** A goroutine header was read. */
  goroutine(row: number, id: number, lineNo: number, running: boolean): void {
    this.mode = NONE;
    if (this.awaiting !== null) {
      if (this.first === null) this.first = { row, id, line: lineNo, running, after: this.awaiting };
      this.awaiting = null;
    }
  }

  private panic(buf: Uint8Array, s: number, e: number, lineNo: number, nested: boolean): boolean {
    let end = e;
    let recovered = false;
    let repanicked = false;
    if (endsWith(buf, s, end, REPANICKED)) {
      end -= REPANICKED.length;
      recovered = repanicked = true;
    } else if (endsWith(buf, s, end, RERAISED)) {
      end -= RERAISED.length;
      recovered = repanicked = true;
    } else if (endsWith(buf, s, end, RECOVERED)) {
      end -= RECOVERED.length;
      recovered = true;
    }
    this.panics.push({ message: clip(decodeRange(buf, s, end), MAX_MESSAGE_CHARS), line: lineNo, recovered, repanicked });
    this.mode = IN_PANIC;
    this.continuation = 0;
    this.awaiting ??= 'message';
    this.record(lineNo, 'panic', buf, s - (nested ? TAB_PANIC.length : PANIC.length), e);
    return true;
  }

  /**
   * A further line of a panic value that spans lines (newer runtimes indent them with a tab,
   * runtime.printindented; older ones print them as they are): any
   * line up to the blank line, signal or header that follows the chain, but not crash lines.
   */
  private continuePanic(buf: Uint8Array, s: number, e: number, lineNo: number): boolean {
    if (this.continuation >= MAX_CONTINUATION_LINES) return false;
    const c0 = buf[s];
    if (
      (c0 === 91 && startsWith(buf, s, e, SIGNAL_OPEN)) ||
      (c0 === 102 && (startsWith(buf, s, e, FATAL_ERROR) || startsWith(buf, s, e, FATAL))) ||
      (c0 === 114 && (startsWith(buf, s, e, RUNTIME) || equalsAscii(buf, s, e, RUNTIME_STACK))) ||
      (c0 === 83 && isSignalNameLine(buf, s, e)) ||
      isExitLine(buf, s, e)
    ) {
      return false;
    }
    this.continuation++;
    const link = this.panics[this.panics.length - 1]!;
    const from = c0 === TAB ? s + 1 : s;
    let end = e;
    if (endsWith(buf, from, end, REPANICKED) || endsWith(buf, from, end, RERAISED)) {
      end -= endsWith(buf, from, end, REPANICKED) ? REPANICKED.length : RERAISED.length;
      link.recovered = link.repanicked = true;
    } else if (endsWith(buf, from, end, RECOVERED)) {
      end -= RECOVERED.length;
      link.recovered = true;
    }
    if (link.message.length < MAX_MESSAGE_CHARS) link.message = clip(`${link.message}\n${decodeRange(buf, from, end)}`, MAX_MESSAGE_CHARS);
    this.record(lineNo, 'panic-continued', buf, s, e);
    return true;
  }

  /** "SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x498e75" (inside the brackets). */
  private bracketSignal(buf: Uint8Array, s: number, e: number, lineNo: number): void {
    const text = decodeRange(buf, s, e);
    const fieldsAt = text.search(/ (code|addr|pc)=/);
    const head = fieldsAt >= 0 ? text.slice(0, fieldsAt) : text;
    const colon = head.indexOf(': ');
    const signal: CrashSignal = {
      line: lineNo,
      name: colon >= 0 ? head.slice(0, colon) : head,
      description: colon >= 0 ? head.slice(colon + 2) : '',
    };
    if (fieldsAt >= 0) {
      for (const field of text.slice(fieldsAt + 1).split(' ')) {
        const eq = field.indexOf('=');
        const key = field.slice(0, eq);
        const value = field.slice(eq + 1);
        if (key === 'code') signal.code = value;
        else if (key === 'addr') signal.addr = value;
        else if (key === 'pc') signal.pc = value;
      }
    }
    // The first signal explains the crash; a later SIGABRT (GOTRACEBACK=crash) does not replace it.
    this.signal ??= signal;
    this.awaiting ??= 'message';
  }

  private signalName(buf: Uint8Array, s: number, e: number, lineNo: number): void {
    const text = decodeRange(buf, s, e);
    const colon = text.indexOf(': ');
    const signal: CrashSignal =
      colon >= 0 ? { line: lineNo, name: text.slice(0, colon), description: text.slice(colon + 2) } : { line: lineNo, name: text.slice(SIGNAL_NUMBER.length), description: '' };
    this.signalSeen = true;
    this.lastSignal = undefined;
    if (this.panics.length > 0 || this.fatal.length > 0) {
      // After the message: the runtime crashing itself (GOTRACEBACK=crash), not the cause.
      if (!this.raised) this.lastSignal = this.raised = signal;
    } else if (!this.signal) {
      this.lastSignal = this.signal = signal;
      this.awaiting ??= 'signal';
    }
    // Else the same signal passed on to the next thread (after "-----"): already reported.
  }

  /** "PC=0x46b2a1 m=0 sigcode=0 [addr=0x..]": fills the fields of the signal it follows. */
  private signalPc(buf: Uint8Array, s: number, e: number): void {
    const signal = this.lastSignal;
    this.lastSignal = undefined;
    if (!signal) return;
    for (const field of decodeRange(buf, s, e).split(' ')) {
      const eq = field.indexOf('=');
      const key = field.slice(0, eq);
      const value = field.slice(eq + 1);
      if (key === 'PC') signal.pc ??= value;
      else if (key === 'm') signal.m ??= value;
      else if (key === 'sigcode') signal.code ??= value;
      else if (key === 'addr') signal.addr ??= value;
    }
  }

  private record(lineNo: number, kind: CrashLineKind, buf: Uint8Array, s: number, e: number): void {
    this.lineCount++;
    if (this.lines.length < MAX_CRASH_LINES) this.lines.push({ line: lineNo, kind, text: clip(decodeRange(buf, s, e), MAX_LINE_CHARS) });
  }

  /** The report, or undefined when the input held no crash output. */
  finish(profile: Profile, table: GoroutineTable): CrashReport | undefined {
    if (this.lineCount === 0) return undefined;
    const kind = this.panics.length > 0 ? 'panic' : this.fatal.length > 0 ? 'fatal' : this.signal ? 'signal' : 'other';
    const report: CrashReport = {
      kind,
      panics: this.panics,
      fatal: this.fatal,
      runtime: this.runtime,
      runtimeStacks: this.runtimeStacks,
      registers: this.registers,
      lines: this.lines,
      lineCount: this.lineCount,
    };
    if (this.signal) report.signal = this.signal;
    if (this.raised) report.raised = this.raised;
    if (this.exitStatus) report.exitStatus = this.exitStatus;
    if (this.exitSignal) report.exitSignal = this.exitSignal;
    const goroutine = this.crashedGoroutine(kind, profile, table);
    if (goroutine) report.goroutine = goroutine;
    return report;
  }

  private crashedGoroutine(kind: CrashReport['kind'], profile: Profile, table: GoroutineTable): CrashGoroutine | undefined {
    const first = this.first;
    if (first && first.row < table.length) {
      if (first.after === 'signal' && kind === 'signal') return { row: first.row, id: first.id, line: first.line, reason: 'signal' };
      if (first.after === 'message' && first.running) return { row: first.row, id: first.id, line: first.line, reason: 'first-running' };
    }
    if (kind !== 'panic' && kind !== 'fatal') return undefined;
    // No running goroutine was printed first: the one whose stack holds the throw, if any.
    const { samples, locations, lines, functions, strings } = profile;
    const holds = new Uint8Array(functions.length);
    for (let f = 0; f < functions.length; f++) if (THROW_FUNCTIONS.has(strings[functions.name[f]!]!)) holds[f] = 1;
    for (let row = 0; row < table.length && row < samples.length; row++) {
      for (let k = samples.stackStart[row]!; k < samples.stackStart[row + 1]!; k++) {
        const loc = samples.stack[k]!;
        for (let l = locations.lineStart[loc]!; l < locations.lineStart[loc + 1]!; l++) {
          const f = lines.func[l]!;
          if (f >= 0 && holds[f] === 1) return { row, id: table.id[row]!, line: table.lineNo[row]!, reason: 'holds-throw' };
        }
      }
    }
    return undefined;
  }
}
