// Recognises goroutine text (and the other debug=1 count profiles) from the first 64 KB and
// learns how its lines are wrapped (plain, grep -n, container log prefixes).

import { ascii, decodeRange, indexOfAscii, isDigit, startsWith } from './bytes';
import {
  afterCriPrefix,
  afterGrepPrefix,
  afterTimestamp,
  CANDIDATE_LAYOUTS,
  decodeDockerLog,
  learnShape,
  matchShape,
  PLAIN_LAYOUT,
  type LineLayout,
} from './layout';

export type GoroutineTextKind = 'debug2' | 'debug1';

export const SNIFF_BYTES = 64 * 1024;

const GOROUTINE_SP = ascii('goroutine ');
const PROFILE_TOTAL = ascii(' profile: total ');
const HEAP_PROFILE = ascii('heap profile: ');
const CONTENTION = ascii('--- contention:');
const MUTEX = ascii('--- mutex:');
const BRACKET = ascii(' [');
const GP = ascii(' gp=');

/** Which text format buf[s..e) announces: a debug=2 goroutine header or a debug=1 profile header. */
export function markerKind(buf: Uint8Array, s: number, e: number): GoroutineTextKind | null {
  if (startsWith(buf, s, e, GOROUTINE_SP)) {
    const d = s + GOROUTINE_SP.length;
    if (d < e && isDigit(buf[d]!)) {
      let i = d;
      while (i < e && isDigit(buf[i]!)) i++;
      return startsWith(buf, i, e, BRACKET) || startsWith(buf, i, e, GP) ? 'debug2' : null;
    }
  }
  if (startsWith(buf, s, e, HEAP_PROFILE) || startsWith(buf, s, e, CONTENTION) || startsWith(buf, s, e, MUTEX)) {
    return 'debug1';
  }
  // "<name> profile: total N": goroutine, threadcreate and custom count profiles.
  for (let i = s; i < e && i - s < 200; i++) {
    const c = buf[i]!;
    if (c === 32) {
      if (i > s && startsWith(buf, i, e, PROFILE_TOTAL)) {
        const d = i + PROFILE_TOTAL.length;
        return d < e && isDigit(buf[d]!) ? 'debug1' : null;
      }
      return null;
    }
  }
  return null;
}

/** Content start of [s, e) when every prefix of the layout is present, else -1. */
function strictContentStart(buf: Uint8Array, s: number, e: number, layout: LineLayout): number {
  let c = s;
  if (layout.grep) {
    c = afterGrepPrefix(buf, c, e);
    if (c < 0) return -1;
  }
  if (layout.stamp === 2) {
    const r = afterCriPrefix(buf, c, e);
    return r < 0 ? -1 : r >> 1;
  }
  if (layout.stamp === 1) return afterTimestamp(buf, c, e);
  return c;
}

export interface Sniffed {
  kind: GoroutineTextKind;
  layout: LineLayout;
}

/** Kind and line layout from the first marker line within the first 64 KB, or null. */
export function sniffLayout(bytes: Uint8Array): Sniffed | null {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let pos = 0;
  const decoded = { bytes: new Uint8Array(256) };
  while (pos < n) {
    let nl = bytes.indexOf(10, pos);
    if (nl < 0 || nl > n) nl = n;
    let e = nl;
    if (e > pos && bytes[e - 1] === 13) e--;
    const plain = markerKind(bytes, pos, e);
    if (plain) return { kind: plain, layout: PLAIN_LAYOUT };
    for (const layout of CANDIDATE_LAYOUTS) {
      const c = strictContentStart(bytes, pos, e, layout);
      if (c < 0) continue;
      const kind = markerKind(bytes, c, e);
      if (kind) return { kind, layout: { ...layout, example: decodeRange(bytes, pos, c) } };
    }
    const d = decodeDockerLog(bytes, pos, e, decoded, 0);
    if (d >= 0) {
      const kind = markerKind(decoded.bytes, 0, d);
      if (kind) return { kind, layout: { grep: false, stamp: 0, json: true, example: '{"log":"…","stream":…}' } };
    }
    const at = markerAfterPrefix(bytes, pos, e);
    if (at > pos) {
      const learned = learnPrefix(bytes, pos, at, n);
      if (learned) return learned;
    }
    pos = nl + 1;
  }
  return null;
}

/** Where a marker starts inside [s, e) after some prefix, or -1. */
function markerAfterPrefix(bytes: Uint8Array, s: number, e: number): number {
  let from = s;
  for (;;) {
    const i = indexOfAscii(bytes, GOROUTINE_SP, from, e);
    if (i < 0) return -1;
    if (markerKind(bytes, i, e)) return i;
    from = i + 1;
  }
}

/**
 * The shape of the prefix before the headers, learned from the header-carrying lines from `s`
 * (the first one's prefix ends at `at`) to n; null unless at least one more line carries it
 * (one line of prose that mentions a goroutine is not a prefixed dump).
 */
function learnPrefix(bytes: Uint8Array, s: number, at: number, n: number): Sniffed | null {
  const kind = markerKind(bytes, at, bytes.indexOf(10, at) < 0 ? bytes.length : bytes.indexOf(10, at))!;
  const prefixes: number[] = [s, at];
  const lines: number[] = [];
  let pos = bytes.indexOf(10, at) + 1;
  while (pos > 0 && pos < n && prefixes.length < 512) {
    let nl = bytes.indexOf(10, pos);
    if (nl < 0 || nl > n) nl = n;
    const i = markerAfterPrefix(bytes, pos, nl);
    if (i > pos) prefixes.push(pos, i);
    else if (lines.length < 4096) lines.push(pos, nl);
    pos = nl + 1;
  }
  const shape = learnShape(bytes, prefixes, lines);
  let carriers = 0;
  for (let q = 0; q < prefixes.length && carriers < 2; q += 2) if (matchShape(bytes, prefixes[q]!, prefixes[q + 1]!, shape) >= 0) carriers++;
  for (let q = 0; q < lines.length && carriers < 2; q += 2) if (matchShape(bytes, lines[q]!, lines[q + 1]!, shape) >= 0) carriers++;
  if (carriers < 2) return null;
  return { kind, layout: { grep: false, stamp: 0, shape, example: decodeRange(bytes, s, at) } };
}

/** 'debug2' (debug=2 dumps and crash tracebacks), 'debug1', or null; reads the first 64 KB only. */
export function sniffGoroutineText(bytes: Uint8Array): GoroutineTextKind | null {
  return sniffLayout(bytes)?.kind ?? null;
}
