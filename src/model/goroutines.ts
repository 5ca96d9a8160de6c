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
   * Lines outside any goroutine or record that are not errors: a crash preamble (panic message,
   * signal, registers) and log lines between goroutines. Counted so nothing vanishes unseen.
   */
  skipped?: UnparsedLines;
  /** Non-fatal findings, e.g. a debug=1 header total that disagrees with its records. */
  problems?: Problem[];
}

/** Sample label keys a goroutine profile carries, usable in filters like any pprof label. */
export const GoroutineLabel = {
  state: 'state',
  waitMinutes: 'wait',
  waitUnit: 'minutes',
} as const;
