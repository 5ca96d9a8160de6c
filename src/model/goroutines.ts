// Goroutines from a text dump, beside the Profile built from the same dump. Goroutine i is
// sample i of that profile (value 1), so every profile view works on a dump too; this table
// adds what only a debug=2 or crash dump knows: ids, states, wait minutes, creators.

import type { Problem } from './errors';
import type { Profile } from './profile';

export const GoroutineFlag = {
  /** ", locked to thread" */
  Locked: 1,
  /** " (scan)" after the status */
  Scan: 2,
  /** The input ended inside this goroutine's stack. */
  Cut: 4,
  /** "goroutine running on other thread; stack unavailable" */
  StackUnavailable: 8,
  /** The runtime elided frames ("...additional frames elided..." or "...N frames elided..."). */
  FramesElided: 16,
  /** ", synctest group N" / ", synctest bubble N" */
  Synctest: 32,
} as const;

export interface AncestorTable {
  length: number;
  /** Goroutine id from "[originating from goroutine N]:". */
  id: Float64Array;
  /** Frames of ancestor j are stack[stackStart[j] .. stackStart[j+1]), leaf first. */
  stackStart: Uint32Array;
  stack: Uint32Array;
  /** Location of the ancestor's own "created by" line, -1 when absent. */
  createdBy: Int32Array;
  /** 1 when the runtime printed "...additional frames elided..." for this ancestor. */
  framesElided: Uint8Array;
}

export interface GoroutineTable {
  length: number;
  id: Float64Array;
  /** String index of the status or wait reason ("chan receive", "running", ...). */
  state: Int32Array;
  /** Minutes from the header, -1 when the header shows none. */
  waitMinutes: Int32Array;
  flags: Uint8Array;
  /** Location (function + file:line) of the "created by" line, -1 when absent. */
  createdBy: Int32Array;
  /** Creator goroutine id from "in goroutine N" (Go 1.21+), -1 when absent. */
  creatorId: Float64Array;
  /** Frames the runtime elided, when it printed the count (Go 1.21+); 0 otherwise. */
  elidedFrames: Uint32Array;
  /** Byte offset of the header line in the (inflated) input. */
  offset: Float64Array;
  /** 1-based line number of the header line. */
  lineNo: Uint32Array;
  /** Ancestors of goroutine i are ancestors[ancestorStart[i] .. ancestorStart[i+1]). */
  ancestorStart: Uint32Array;
  ancestors: AncestorTable;
}

export type GoroutineFormat = 'debug2' | 'debug1' | 'debug0';

export interface UnparsedLines {
  count: number;
  /** The first few 1-based line numbers the parser did not understand. */
  firstLines: number[];
}

export interface GoroutineDump {
  /** debug2 covers /debug/pprof/goroutine?debug=2 and crash or SIGQUIT tracebacks. */
  format: GoroutineFormat;
  /** Sample i is goroutine i (debug2) or one aggregated record with its count (debug1/0). */
  profile: Profile;
  /** Per-goroutine facts; null for debug=1 and debug=0, which only carry counts. */
  goroutines: GoroutineTable | null;
  /** Goroutines in the dump: the table length, or the sum of the record counts. */
  total: number;
  /** The input ended inside a goroutine (debug=2 output stops growing at 64 MB). */
  truncated: boolean;
  unparsed: UnparsedLines;
  /**
   * Lines outside any goroutine or record that are not errors and not crash output: log lines
   * of the program (debug=2), trailers such as the heap `# runtime.MemStats` block (debug=1).
   * Counted so nothing vanishes unseen. Crash output is in `crash`, not here.
   */
  skipped?: UnparsedLines;
  /**
   * A log prefix removed from the lines (container runtime, journald, klog, Docker json-file,
   * any shape learned from the header lines): as it stood on the first header line, and how
   * many physical lines carried it. Lines without it were read as they are.
   */
  prefix?: { example: string; lines: number };
  /** What crashed, when the dump is a crash or signal traceback (debug=2 only). */
  crash?: CrashReport;
  /** Non-fatal findings, e.g. a debug=1 header total that disagrees with its records. */
  problems?: Problem[];
}

/** Sample label keys a goroutine profile carries, usable in filters like any pprof label. */
export const GoroutineLabel = {
  state: 'state',
  waitMinutes: 'wait',
  waitUnit: 'minutes',
} as const;

/** One line of crash output as the runtime printed it. */
export interface CrashLine {
  /** 1-based line number in the input. */
  line: number;
  kind: CrashLineKind;
  /** The line's text (prefixes such as `grep -n` or container log times removed), capped. */
  text: string;
}

export type CrashLineKind =
  /** `panic: V`, or `\tpanic: V` for a panic raised while an earlier one ran its defers. */
  | 'panic'
  /** A further line of a multi-line panic value. */
  | 'panic-continued'
  /** `fatal error: ...` (runtime.throw / runtime.fatal) or `fatal: ...` (e.g. morestack on g0). */
  | 'fatal'
  /** `runtime: ...` diagnostics printed before a throw, `unexpected fault address 0x..`. */
  | 'runtime'
  /** `[signal SIGSEGV: segmentation violation code=.. addr=.. pc=..]` (a panic from a signal). */
  | 'signal'
  /** `SIGQUIT: quit`, `SIGSEGV: segmentation violation`, `Signal 35`: the signal handler's own report. */
  | 'signal-name'
  /** `PC=0x.. m=N sigcode=N [addr=0x..]` after a signal name. */
  | 'signal-pc'
  /** `signal arrived during cgo execution`, `instruction bytes: ...`. */
  | 'signal-note'
  /** `runtime stack:` and the system-stack frames under it. */
  | 'runtime-stack'
  /** A register of the dump GOTRACEBACK=crash and fatal signals print (`rax    0x0`). */
  | 'register'
  /** `-----`: the runtime passes a crash to the next thread (GOTRACEBACK=crash). */
  | 'separator'
  /** `exit status N` or `signal: killed` (`go run`, shells): how the process ended. */
  | 'exit';

/** One panic of the chain the runtime printed, oldest first. */
export interface PanicLink {
  /** The panic value as printed (several lines joined with "\n"), capped. */
  message: string;
  line: number;
  /** ` [recovered]`: a deferred call recovered it, then something panicked again. */
  recovered: boolean;
  /**
   * ` [recovered, repanicked]` (Go 1.25+, also announced as `reraised`): recovered and raised
   * again with the same value, printed once instead of twice.
   */
  repanicked: boolean;
}

export interface CrashSignal {
  line: number;
  /** `SIGSEGV`, or the number as printed (`0x7`, `35`) when the runtime knows no name. */
  name: string;
  /** `segmentation violation`; empty when not printed. */
  description: string;
  /** Fields as printed (hex), absent when the line has none. */
  code?: string;
  addr?: string;
  pc?: string;
  /** `m=N` of a signal handler's PC= line: the thread that received it. */
  m?: string;
}

/** Which goroutine crashed, and how the parser knows. */
export interface CrashGoroutine {
  /** Row in the goroutine table (= sample index of the profile). */
  row: number;
  id: number;
  /** 1-based line of its header. */
  line: number;
  /**
   * `first-running`: the first goroutine printed after the panic or fatal error, `[running]`
   * (the runtime prints the crashing goroutine first); `holds-throw`: a fatal error whose first
   * goroutine is not running, and this is the first goroutine whose stack passes through
   * runtime.throw / runtime.fatal / runtime.fatalthrow / runtime.fatalpanic / a panic;
   * `signal`: the first goroutine after a signal handler's report, where the signal arrived.
   */
  reason: 'first-running' | 'holds-throw' | 'signal';
}

export interface CrashReport {
  /**
   * panic: an unrecovered panic; fatal: a fatal error (throw); signal: only a signal's report
   * (SIGQUIT dumps too); other: crash lines without any of these (e.g. only `exit status 2`).
   */
  kind: 'panic' | 'fatal' | 'signal' | 'other';
  /** The panic chain, oldest first, as printed. */
  panics: PanicLink[];
  /** `fatal error: ...` / `fatal: ...` messages, with their line. */
  fatal: Array<{ message: string; line: number }>;
  /** `runtime: ...` diagnostics, in order. */
  runtime: Array<{ message: string; line: number }>;
  /** The signal that caused the crash: `[signal ...]`, or a signal's report before any message. */
  signal?: CrashSignal;
  /**
   * A signal's report after the panic or fatal error: the runtime raising SIGABRT on itself to
   * crash (GOTRACEBACK=crash) rather than the cause.
   */
  raised?: CrashSignal;
  /** `exit status N` after the dump. */
  exitStatus?: { code: number; line: number };
  /** `signal: killed` and the like after the dump: the process ended by a signal. */
  exitSignal?: { text: string; line: number };
  /** `runtime stack:` sections: first and last line, and how many frames they hold. */
  runtimeStacks: Array<{ line: number; endLine: number; frames: number }>;
  /** Register dumps: first and last line, and how many registers. */
  registers: Array<{ line: number; endLine: number; count: number }>;
  /** Absent when no goroutine can be said to have crashed (e.g. a deadlock found by the scheduler). */
  goroutine?: CrashGoroutine;
  /** Every crash line, in order (the first MAX_CRASH_LINES), with its kind. */
  lines: CrashLine[];
  /** Crash lines in all, kept or not. */
  lineCount: number;
}

/** Crash lines kept with their text; the rest are counted. */
export const MAX_CRASH_LINES = 200;
