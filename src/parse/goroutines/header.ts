// The goroutine header line of debug=2 dumps (runtime/traceback.go goroutineheader):
//
//   goroutine N [gp=0x.. m=N mp=0x.. | gp=0x.. m=nil] [STATE[ (scan)][, N minutes]
//     [, locked to thread][, synctest group|bubble N]]:
//
// STATE is a status or wait reason; no wait reason holds "," or "]". Go 1.27 adds goroutine
// labels (GODEBUG tracebacklabels) as a `{...}` block; it is recognised and skipped.

import { GoroutineFlag } from '../../model/goroutines';
import { ascii, decodeRange, endsWith, equalsAscii, indexOfAscii, isDigit, parseDecimal, skipDigits, startsWith } from './bytes';

export const GOROUTINE_SP = ascii('goroutine ');
export const CLOSE_HEADER = ascii(']:');
const GP = ascii(' gp=');
const OPEN_STATE = ascii(' [');
const SCAN = ascii(' (scan)');
const MINUTES = ascii(' minutes');
const LOCKED = ascii('locked to thread');
const SYNCTEST_GROUP = ascii('synctest group ');
const SYNCTEST_BUBBLE = ascii('synctest bubble ');
const LABELS_KEY = ascii(' labels:');
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

export interface HeaderFields {
  id: number;
  /** The state text is buf[stateStart..stateEnd), " (scan)" excluded. */
  stateStart: number;
  stateEnd: number;
  /** -1 when the header shows no minutes. */
  minutes: number;
  /** GoroutineFlag bits: Scan, Locked, Synctest. */
  flags: number;
  /**
   * HeaderOverflow bits: a number the header prints that a double (the id, beyond 2^53) or the
   * table's 32-bit wait column (minutes) cannot hold; the goroutine is kept and the caller says so.
   */
  overflow: number;
  /** The id's digits are buf[idStart..idEnd); the minutes' digits buf[minutesStart..minutesEnd) (when shown). */
  idStart: number;
  idEnd: number;
  minutesStart: number;
  minutesEnd: number;
}

export const HeaderOverflow = {
  /** The id exceeds 2^53: kept as the nearest double. */
  Id: 1,
  /** The wait exceeds 2^31 - 1 minutes: kept as MAX_WAIT_MINUTES. */
  Minutes: 2,
} as const;

/** The largest wait the goroutine table holds (Int32Array); longer waits are kept as this, and reported. */
export const MAX_WAIT_MINUTES = 0x7fffffff;

export function newHeaderFields(): HeaderFields {
  return { id: 0, stateStart: 0, stateEnd: 0, minutes: -1, flags: 0, overflow: 0, idStart: 0, idEnd: 0, minutesStart: 0, minutesEnd: 0 };
}

/** Parses a header line into out; false when buf[s..e) is not one. */
export function parseHeader(buf: Uint8Array, s: number, e: number, out: HeaderFields): boolean {
  if (!startsWith(buf, s, e, GOROUTINE_SP) || buf[e - 1] !== COLON) return false;
  const d = s + GOROUTINE_SP.length;
  const digitsEnd = skipDigits(buf, d, e);
  if (digitsEnd === d) return false;
  let overflow = 0;
  let id = parseDecimal(buf, d, digitsEnd);
  if (id < 0) {
    // More than 2^53: kept (rounded to the nearest double), never dropped; the caller reports it.
    id = Number(decodeRange(buf, d, digitsEnd));
    overflow |= HeaderOverflow.Id;
  }
  let minutesStart = 0;
  let minutesEnd = 0;
  let open = digitsEnd;
  if (startsWith(buf, open, e, GP)) {
    // " gp=0x.. m=N mp=0x.." or " gp=0x.. m=nil" (GOTRACEBACK=system, Go 1.22+ crashes).
    open = indexOfAscii(buf, OPEN_STATE, open, e);
    if (open < 0) return false;
  }
  if (!startsWith(buf, open, e, OPEN_STATE)) return false;
  const inner = open + 2;
  let p = inner;
  while (p < e && buf[p] !== COMMA && buf[p] !== RBRACKET && buf[p] !== LBRACE) p++;
  let flags = 0;
  let stateEnd = p;
  if (endsWith(buf, inner, stateEnd, LABELS_KEY)) stateEnd -= LABELS_KEY.length;
  if (endsWith(buf, inner, stateEnd, SCAN)) {
    flags |= GoroutineFlag.Scan;
    stateEnd -= SCAN.length;
  }
  if (stateEnd === inner) return false;
  let minutes = -1;
  // Attributes after the state, then "]", then ":". Unknown attributes (a newer runtime) are
  // ignored rather than costing the goroutine; goroutine label blocks `{...}` (Go 1.27
  // tracebacklabels, in or after the brackets) are skipped whole, quotes respected.
  for (;;) {
    if (p >= e) return false;
    const c = buf[p];
    if (c === RBRACKET) break;
    if (c === LBRACE) {
      p = skipBlock(buf, p, e);
      if (p < 0) return false;
      continue;
    }
    if (c !== COMMA) {
      p++;
      continue;
    }
    let a = p + 1;
    if (buf[a] === SPACE) a++;
    let z = a;
    while (z < e && buf[z] !== COMMA && buf[z] !== RBRACKET && buf[z] !== LBRACE) z++;
    const digits = skipDigits(buf, a, z);
    if (digits > a && equalsAscii(buf, digits, z, MINUTES)) {
      const m = parseDecimal(buf, a, digits);
      minutesStart = a;
      minutesEnd = digits;
      if (m >= 0 && m <= MAX_WAIT_MINUTES) {
        minutes = m;
      } else {
        // Never "<1 min": the longest wait the table holds, reported by the caller.
        minutes = MAX_WAIT_MINUTES;
        overflow |= HeaderOverflow.Minutes;
      }
    } else if (equalsAscii(buf, a, z, LOCKED)) {
      flags |= GoroutineFlag.Locked;
    } else if (startsWith(buf, a, z, SYNCTEST_GROUP) || startsWith(buf, a, z, SYNCTEST_BUBBLE)) {
      flags |= GoroutineFlag.Synctest;
    }
    p = z;
  }
  p++; // past "]"
  if (p < e - 1) {
    if (buf[p] !== SPACE || buf[p + 1] !== LBRACE) return false;
    p = skipBlock(buf, p + 1, e);
    if (p !== e - 1) return false;
  }
  if (p !== e - 1) return false;
  out.id = id;
  out.stateStart = inner;
  out.stateEnd = stateEnd;
  out.minutes = minutes;
  out.flags = flags;
  out.overflow = overflow;
  out.idStart = d;
  out.idEnd = digitsEnd;
  out.minutesStart = minutesStart;
  out.minutesEnd = minutesEnd;
  return true;
}

/** The index after the "}" closing the block that opens at buf[p] ("{"), or -1. */
function skipBlock(buf: Uint8Array, p: number, e: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = p; i < e; i++) {
    const c = buf[i];
    if (quoted) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) quoted = false;
    } else if (c === QUOTE) {
      quoted = true;
    } else if (c === LBRACE) {
      depth++;
    } else if (c === RBRACE && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/** Whether buf[s..e) starts like a header: a prefix of "goroutine ", or "goroutine " and a digit. */
export function isHeaderStart(buf: Uint8Array, s: number, e: number): boolean {
  const n = Math.min(e - s, GOROUTINE_SP.length);
  for (let i = 0; i < n; i++) if (buf[s + i] !== GOROUTINE_SP[i]) return false;
  return e - s <= GOROUTINE_SP.length || isDigit(buf[s + GOROUTINE_SP.length]!);
}
