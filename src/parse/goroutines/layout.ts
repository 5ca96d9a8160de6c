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
}

export const PLAIN_LAYOUT: LineLayout = { grep: false, stamp: 0 };

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
