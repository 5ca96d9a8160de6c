// Source frames of text dumps: (function name, file, line) -> one shared location of the
// profile, found by a numeric hash probe, so the builder's string-keyed function index is
// consulted only the first time a frame is seen.

import type { ProfileBuilder } from '../../model/builder';
import { ParseError } from '../../model/errors';

/** The builder's frame keys stay exact for function ids below 2^21 (see ProfileBuilder.frame). */
const MAX_FUNCTIONS = 1 << 21;

export class FrameTable {
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  private names: Int32Array;
  private files: Int32Array;
  private lines: Float64Array;
  private locs: Int32Array;
  private readonly addressLocs = new Map<string, number>();

  constructor(private readonly builder: ProfileBuilder, capacity = 4096) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.names = new Int32Array(capacity);
    this.files = new Int32Array(capacity);
    this.lines = new Float64Array(capacity);
    this.locs = new Int32Array(capacity);
  }

  /** The location of function `name` (string id) in `file` (string id) at `line`. */
  location(name: number, file: number, line: number): number {
    const h = mix(name, file, line);
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const e = this.slots[slot]!;
      if (e === 0) break;
      const k = e - 1;
      if (this.names[k] === name && this.files[k] === file && this.lines[k] === line) return this.locs[k]!;
      slot = (slot + 1) & mask;
    }
    const b = this.builder;
    const fn = b.addFunction(name, name, file);
    if (fn >= MAX_FUNCTIONS) {
      throw new ParseError('limit', `more than ${MAX_FUNCTIONS} distinct functions`);
    }
    const loc = b.frame(fn, line);
    this.insert(slot, name, file, line, loc);
    return loc;
  }

  /** A location with an address and no source line ("#\t0x4ee630", "non-Go function at pc=0x..."). */
  addressLocation(hex: string): number {
    let loc = this.addressLocs.get(hex);
    if (loc === undefined) {
      loc = this.builder.addLocation(BigInt.asUintN(64, BigInt(hex)), -1, []);
      this.addressLocs.set(hex, loc);
    }
    return loc;
  }

  /** Every address location made so far, with its key, in the order they were made. */
  addressLocations(): Array<[hex: string, location: number]> {
    return [...this.addressLocs];
  }

  private insert(slot: number, name: number, file: number, line: number, loc: number): void {
    const k = this.count;
    if (k === this.names.length) {
      const size = k * 2;
      const g32 = (a: Int32Array): Int32Array => {
        const n = new Int32Array(size);
        n.set(a);
        return n;
      };
      this.names = g32(this.names);
      this.files = g32(this.files);
      this.locs = g32(this.locs);
      const l = new Float64Array(size);
      l.set(this.lines);
      this.lines = l;
    }
    this.names[k] = name;
    this.files[k] = file;
    this.lines[k] = line;
    this.locs[k] = loc;
    this.count = k + 1;
    this.slots[slot] = k + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = mix(this.names[k]!, this.files[k]!, this.lines[k]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function mix(name: number, file: number, line: number): number {
  let h = Math.imul(name, 0x9e3779b1) ^ Math.imul(file, 0x85ebca77) ^ Math.imul(line | 0, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
