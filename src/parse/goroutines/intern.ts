// Interns byte ranges as strings: a name printed 45,000 times is hashed each time but decoded
// to a string once. An open-addressing table over a private copy of each distinct key (so keys
// may come from a scratch buffer that is later overwritten) maps bytes to string-table ids.
// Hashing and comparing read four bytes at a time through DataViews.

import type { StringInterner } from '../../model/strings';
import { decodeRange } from './bytes';

const EMPTY = 0;

/**
 * Longest name or string kept whole (UTF-8 bytes): a longer one is kept as its first
 * MAX_NAME_BYTES and a marker saying how many bytes were cut (a 50 MB function name in a dump
 * took the page 23 s and 7 GB to show). The parsers report each cut with its line.
 */
export const MAX_NAME_BYTES = 4096;

/**
 * Labels kept of one sample (pprof) or record (debug=1), in both parsers; the rest are read
 * past and counted in a note. Real profiles carry a handful.
 */
export const MAX_LABELS = 1000;

/** The problem a parser reports for a name cut on `line`. */
export function cutProblemMessage(bytes: number): string {
  return `a name or string of ${bytes.toLocaleString('en-US')} bytes is kept as its first ${MAX_NAME_BYTES.toLocaleString('en-US')} bytes, marked "…[N more bytes cut]"`;
}

/** The text a cut name is kept as: its head, then the marker. */
export function cutName(buf: Uint8Array, start: number, end: number): string {
  let head = start + MAX_NAME_BYTES;
  // Not inside a UTF-8 sequence: back up over continuation bytes.
  while (head > start && (buf[head]! & 0xc0) === 0x80) head--;
  return `${decodeRange(buf, start, head)}…[${(end - head).toLocaleString('en-US')} more bytes cut]`;
}

/** A DataView over exactly the bytes of buf, for word-at-a-time reads. */
export function viewOf(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Hash of buf[start..end): 32-bit words through view, then the tail bytes. */
export function hashRange(view: DataView, buf: Uint8Array, start: number, end: number): number {
  let h = Math.imul(end - start, 0x9e3779b1);
  let i = start;
  const last = end - 4;
  for (; i <= last; i += 4) {
    h = Math.imul(h ^ view.getUint32(i, true), 0x85ebca6b);
    h ^= h >>> 15;
  }
  for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class ByteInterner {
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  // Entry k (stored in slots as k + 1): its hash, key bytes arena[keyStart[k] .. +keyLen[k]), id.
  private hashes: Int32Array;
  private keyStart: Int32Array;
  private keyLen: Int32Array;
  private ids: Int32Array;
  private arena: Uint8Array;
  private arenaView: DataView;
  private arenaUsed = 0;
  /** Names longer than MAX_NAME_BYTES interned so far (as cutName); the parser reports them. */
  cuts = 0;
  /** Length in bytes of the last name cut. */
  lastCutBytes = 0;

  constructor(private readonly strings: StringInterner, capacity = 4096) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyLen = new Int32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.arena = new Uint8Array(capacity * 32);
    this.arenaView = viewOf(this.arena);
  }

  /** The string id of the text in buf[start..end); view must be viewOf(buf). */
  intern(view: DataView, buf: Uint8Array, start: number, end: number): number {
    if (end - start > MAX_NAME_BYTES) {
      this.cuts++;
      this.lastCutBytes = end - start;
      return this.strings.intern(cutName(buf, start, end));
    }
    const h = hashRange(view, buf, start, end);
    const len = end - start;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const e = slots[slot]!;
      if (e === EMPTY) break;
      const k = e - 1;
      if (this.hashes[k] === h && this.keyLen[k] === len && this.sameKey(k, view, buf, start, len)) return this.ids[k]!;
      slot = (slot + 1) & mask;
    }
    return this.insert(slot, h, buf, start, end);
  }

  private sameKey(k: number, view: DataView, buf: Uint8Array, start: number, len: number): boolean {
    const arena = this.arenaView;
    const from = this.keyStart[k]!;
    let i = 0;
    for (; i + 4 <= len; i += 4) if (arena.getUint32(from + i, true) !== view.getUint32(start + i, true)) return false;
    for (; i < len; i++) if (this.arena[from + i] !== buf[start + i]) return false;
    return true;
  }

  private insert(slot: number, h: number, buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const k = this.count;
    if (k === this.hashes.length) this.growEntries();
    if (this.arenaUsed + len > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < this.arenaUsed + len) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = next;
      this.arenaView = viewOf(next);
    }
    this.arena.set(buf.subarray(start, end), this.arenaUsed);
    this.keyStart[k] = this.arenaUsed;
    this.keyLen[k] = len;
    this.arenaUsed += len;
    this.hashes[k] = h;
    const id = this.strings.intern(decodeRange(buf, start, end));
    this.ids[k] = id;
    this.count = k + 1;
    this.slots[slot] = k + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  private growEntries(): void {
    const size = this.hashes.length * 2;
    const grow = (a: Int32Array): Int32Array => {
      const next = new Int32Array(size);
      next.set(a);
      return next;
    };
    this.hashes = grow(this.hashes);
    this.keyStart = grow(this.keyStart);
    this.keyLen = grow(this.keyLen);
    this.ids = grow(this.ids);
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = this.hashes[k]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
