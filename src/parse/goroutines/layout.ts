// How the lines of a pasted dump are wrapped: plain runtime output, or lines carrying
// `grep -n` numbers (`123:` / `123-`), container log prefixes (CRI: `<RFC 3339 time> stderr F `,
// partial lines tagged `P`), or `kubectl logs --timestamps` times. Detected once from the
// first marker line, then stripped from every line that carries it.

import { ascii, isDigit, startsWith } from './bytes';

export interface LineLayout {
  /** Lines start with `grep -n` line numbers. */
  grep: boolean;
  /** 0: no time prefix; 1: `<time> ` only; 2: CRI `<time> <stream> <F|P> `. */
  stamp: 0 | 1 | 2;
  /**
   * A prefix shape learned from the lines that carry goroutine headers (journald, klog, any
   * log format): token codes, see SHAPE_* below. Absent when the layout is a fixed one.
   */
  shape?: Int16Array;
  /** Lines are Docker json-file records: `{"log":"...","stream":...}`; the log string is decoded. */
  json?: boolean;
  /** The prefix as it stood on the first header line, for the file notes. */
  example?: string;
}

export const PLAIN_LAYOUT: LineLayout = { grep: false, stamp: 0 };

/** Whether lines are taken as they are (no prefix of any kind). */
export function isPlainLayout(layout: LineLayout): boolean {
  return !layout.grep && layout.stamp === 0 && !layout.shape && !layout.json;
}

/** Where the content starts after a `grep -n` prefix at s, or -1. */
export function afterGrepPrefix(buf: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e && i - s < 12 && isDigit(buf[i]!)) i++;
  if (i === s || i >= e) return -1;
  const c = buf[i];
  return c === 58 /* : */ || c === 45 /* - */ ? i + 1 : -1;
}

/** Positions of the digits in "2024-01-02T". */
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/** Where the content starts after an RFC 3339 time and one space at s, or -1. */
export function afterTimestamp(buf: Uint8Array, s: number, e: number): number {
  // 2024-01-02T03:04:05[.fraction](Z|+hh:mm)
  if (e - s < 21) return -1;
  for (const i of DATE_DIGITS) if (!isDigit(buf[s + i]!)) return -1;
  if (buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 10] !== 84 /* T */) return -1;
  const limit = Math.min(e, s + 40);
  for (let i = s + 11; i < limit; i++) {
    const c = buf[i]!;
    if (c === 32) return i + 1;
    if (!(isDigit(c) || c === 58 || c === 46 || c === 90 || c === 43 || c === 45)) return -1;
  }
  return -1;
}

const STDOUT = ascii('stdout ');
const STDERR = ascii('stderr ');

/**
 * After a CRI time at s: where the content starts and whether the line is partial (`P`), as
 * (content start) * 2 + (partial ? 1 : 0); -1 when the line has no CRI prefix.
 */
export function afterCriPrefix(buf: Uint8Array, s: number, e: number): number {
  const t = afterTimestamp(buf, s, e);
  if (t < 0) return -1;
  if (!startsWith(buf, t, e, STDOUT) && !startsWith(buf, t, e, STDERR)) return -1;
  const tag = t + 7;
  if (tag >= e) return -1;
  const c = buf[tag];
  if (c !== 70 /* F */ && c !== 80 /* P */) return -1;
  if (tag + 1 < e && buf[tag + 1] !== 32) return -1;
  const content = Math.min(tag + 2, e);
  return content * 2 + (c === 80 ? 1 : 0);
}

/**
 * Content start of line [s, e) under a layout; lines that lack the expected prefix are taken
 * whole (logs mix prefixed and bare lines). Returns start * 2 + (partial ? 1 : 0).
 */
export function stripLayout(buf: Uint8Array, s: number, e: number, layout: LineLayout): number {
  let c = s;
  if (layout.grep) {
    const g = afterGrepPrefix(buf, c, e);
    if (g >= 0) c = g;
  }
  if (layout.stamp === 2) {
    const r = afterCriPrefix(buf, c, e);
    if (r >= 0) return r;
  } else if (layout.stamp === 1) {
    const t = afterTimestamp(buf, c, e);
    if (t >= 0) c = t;
  } else if (layout.shape) {
    const t = matchShape(buf, c, e, layout.shape);
    if (t >= 0) c = t;
  }
  return c * 2;
}

/** Candidate layouts, most specific first, tried on a marker line to learn the layout. */
export const CANDIDATE_LAYOUTS: readonly LineLayout[] = [
  { grep: true, stamp: 2 },
  { grep: true, stamp: 1 },
  { grep: false, stamp: 2 },
  { grep: false, stamp: 1 },
  { grep: true, stamp: 0 },
];

// Learned prefix shapes. A prefix text is cut into tokens: a run of digits, a run of letters,
// a run of spaces, or any other single byte taken literally. Runs match any run of their class
// (so `Dec  3` and `Dec 13`, `node-1` and `node-12` share a shape); the loose form folds
// letters, digits and `-._` into one word class so host names of differing form match too.
export const SHAPE_DIGITS = 256;
export const SHAPE_LETTERS = 257;
export const SHAPE_SPACES = 258;
export const SHAPE_WORD = 259;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isWordByte(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 45 || c === 46;
}

function classOf(c: number, loose: boolean): number {
  if (loose && isWordByte(c)) return SHAPE_WORD;
  if (isDigit(c)) return SHAPE_DIGITS;
  if (isLetter(c)) return SHAPE_LETTERS;
  if (c === 32) return SHAPE_SPACES;
  return c;
}

/** The shape of buf[s..e): strict (digits, letters, spaces) or loose (words, spaces). */
export function shapeOf(buf: Uint8Array, s: number, e: number, loose: boolean): Int16Array {
  const tokens: number[] = [];
  let i = s;
  while (i < e) {
    const k = classOf(buf[i]!, loose);
    tokens.push(k);
    i++;
    if (k >= 256) while (i < e && classOf(buf[i]!, loose) === k) i++;
  }
  return Int16Array.from(tokens);
}

/** Where the content starts after a prefix of the given shape at s, or -1. */
export function matchShape(buf: Uint8Array, s: number, e: number, shape: Int16Array): number {
  let i = s;
  for (let t = 0; t < shape.length; t++) {
    const k = shape[t]!;
    if (i >= e) return -1;
    if (k < 256) {
      if (buf[i] !== k) return -1;
      i++;
      continue;
    }
    const start = i;
    if (k === SHAPE_DIGITS) while (i < e && isDigit(buf[i]!)) i++;
    else if (k === SHAPE_LETTERS) while (i < e && isLetter(buf[i]!)) i++;
    else if (k === SHAPE_SPACES) while (i < e && buf[i] === 32) i++;
    else while (i < e && isWordByte(buf[i]!)) i++;
    if (i === start) return -1;
  }
  return i;
}

/**
 * The shape that fits the most of the given prefixes ([start, end) pairs in buf): the strict
 * shape of each of the first few, then their loose shapes. A candidate must end exactly where
 * each prefix it counts ends. Among those that fit as many, the one that also fits the most of
 * the other lines ([start, end) pairs in `lines`) wins: header lines alone may all share a
 * value (one source file name in a klog header) that other lines of the dump do not.
 */
export function learnShape(buf: Uint8Array, prefixes: readonly number[], lines: readonly number[]): Int16Array {
  let best: Int16Array | null = null;
  let bestFit = -1;
  let bestLines = -1;
  const n = prefixes.length / 2;
  for (const loose of [false, true]) {
    for (let p = 0; p < Math.min(n, 8); p++) {
      const shape = shapeOf(buf, prefixes[2 * p]!, prefixes[2 * p + 1]!, loose);
      let fit = 0;
      for (let q = 0; q < n; q++) {
        if (matchShape(buf, prefixes[2 * q]!, prefixes[2 * q + 1]!, shape) === prefixes[2 * q + 1]) fit++;
      }
      if (fit < bestFit) continue;
      let lineFit = 0;
      for (let q = 0; q < lines.length; q += 2) if (matchShape(buf, lines[q]!, lines[q + 1]!, shape) >= 0) lineFit++;
      if (fit > bestFit || lineFit > bestLines) {
        best = shape;
        bestFit = fit;
        bestLines = lineFit;
      }
    }
  }
  return best!;
}

const LOG_KEY = ascii('{"log":"');

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Decodes the `log` string of a Docker json-file line at buf[s..e) into out at `at`. Returns
 * the new end in out, or -1 when the line is not such a record (out may be grown: see `grow`).
 */
export function decodeDockerLog(
  buf: Uint8Array,
  s: number,
  e: number,
  out: { bytes: Uint8Array },
  at: number,
): number {
  if (!startsWith(buf, s, e, LOG_KEY)) return -1;
  let i = s + LOG_KEY.length;
  let o = at;
  // Decoded text is never longer than the escaped text.
  if (out.bytes.length < at + (e - i)) {
    const next = new Uint8Array(Math.max(256, (at + (e - i)) * 2));
    next.set(out.bytes.subarray(0, at));
    out.bytes = next;
  }
  const dst = out.bytes;
  while (i < e) {
    const c = buf[i]!;
    if (c === 34 /* " */) return o;
    if (c !== 92 /* \ */) {
      dst[o++] = c;
      i++;
      continue;
    }
    if (i + 1 >= e) return -1;
    const x = buf[i + 1]!;
    i += 2;
    switch (x) {
      case 110: dst[o++] = 10; break; // n
      case 116: dst[o++] = 9; break; // t
      case 114: dst[o++] = 13; break; // r
      case 98: dst[o++] = 8; break; // b
      case 102: dst[o++] = 12; break; // f
      case 34: case 92: case 47: dst[o++] = x; break;
      case 117: { // uXXXX, surrogate pairs joined, written as UTF-8
        if (i + 4 > e) return -1;
        let cp = 0;
        for (let k = 0; k < 4; k++) {
          const h = hexValue(buf[i + k]!);
          if (h < 0) return -1;
          cp = cp * 16 + h;
        }
        i += 4;
        if (cp >= 0xd800 && cp < 0xdc00 && i + 6 <= e && buf[i] === 92 && buf[i + 1] === 117) {
          let lo = 0;
          for (let k = 0; k < 4; k++) lo = lo * 16 + Math.max(0, hexValue(buf[i + 2 + k]!));
          if (lo >= 0xdc00 && lo < 0xe000) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i += 6;
          }
        }
        if (cp < 0x80) dst[o++] = cp;
        else if (cp < 0x800) {
          dst[o++] = 0xc0 | (cp >> 6);
          dst[o++] = 0x80 | (cp & 63);
        } else if (cp < 0x10000) {
          dst[o++] = 0xe0 | (cp >> 12);
          dst[o++] = 0x80 | ((cp >> 6) & 63);
          dst[o++] = 0x80 | (cp & 63);
        } else {
          dst[o++] = 0xf0 | (cp >> 18);
          dst[o++] = 0x80 | ((cp >> 12) & 63);
          dst[o++] = 0x80 | ((cp >> 6) & 63);
          dst[o++] = 0x80 | (cp & 63);
        }
        break;
      }
      default:
        return -1;
    }
  }
  return -1;
}
