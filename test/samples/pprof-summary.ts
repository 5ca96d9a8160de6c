// Just enough of profile.proto to check the committed samples against their oracles without Go:
// sample type names, the time, and per sample type the sum of values. Deliberately independent
// of src/parse, so that a bug there cannot hide a bad sample or the other way round.
import { gunzipSync } from 'node:zlib';

export interface PprofSummary {
  sampleTypes: string[];
  /** time_nanos in milliseconds since the epoch. */
  timeMillis: number;
  sampleCount: number;
  /** Sum of each sample type's values over all samples, by sample type index. */
  totals: number[];
}

class WireReader {
  pos = 0;
  constructor(readonly buf: Uint8Array, readonly end = buf.length) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error(`varint runs past the end at byte ${this.pos}`);
      const byte = this.buf[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
    }
    if (!Number.isSafeInteger(value)) throw new Error(`varint above 2^53 before byte ${this.pos}`);
    return value;
  }

  /** A varint of any size (time_nanos is above 2^53). */
  bigVarint(): bigint {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error(`varint runs past the end at byte ${this.pos}`);
      const byte = this.buf[this.pos++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
      shift += 7n;
    }
  }

  /** The bytes of a length-delimited field. */
  sub(): WireReader {
    const length = this.varint();
    const start = this.pos;
    this.pos += length;
    if (this.pos > this.end) throw new Error(`field of ${length} bytes runs past the end at byte ${start}`);
    return new WireReader(this.buf.subarray(start, this.pos));
  }

  skip(wireType: number): void {
    if (wireType === 0) this.bigVarint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.sub();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wireType} at byte ${this.pos}`);
  }
}

/** Values of a repeated int64 field, packed or not. */
function readInts(r: WireReader, wireType: number, into: number[]): void {
  if (wireType === 2) {
    const packed = r.sub();
    while (packed.pos < packed.end) into.push(packed.varint());
  } else {
    into.push(r.varint());
  }
}

export function summarizePprof(gzipped: Uint8Array): PprofSummary {
  const r = new WireReader(gunzipSync(gzipped));
  const typeNameIndex: number[] = [];
  const strings: string[] = [];
  const decoder = new TextDecoder();
  let timeMillis = 0;
  let sampleCount = 0;
  let totals: number[] = [];
  while (r.pos < r.end) {
    const key = r.varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 1 && wireType === 2) {
      // ValueType { int64 type = 1; int64 unit = 2; }
      const vt = r.sub();
      let type = 0;
      while (vt.pos < vt.end) {
        const k = vt.varint();
        if (k === 8) type = vt.varint();
        else vt.skip(k % 8);
      }
      typeNameIndex.push(type);
    } else if (field === 2 && wireType === 2) {
      // Sample { repeated uint64 location_id = 1; repeated int64 value = 2; ... }
      const s = r.sub();
      const values: number[] = [];
      while (s.pos < s.end) {
        const k = s.varint();
        if (Math.floor(k / 8) === 2) readInts(s, k % 8, values);
        else s.skip(k % 8);
      }
      if (totals.length < values.length) totals = totals.concat(new Array<number>(values.length - totals.length).fill(0));
      values.forEach((v, i) => (totals[i]! += v));
      sampleCount++;
    } else if (field === 6 && wireType === 2) {
      const s = r.sub();
      strings.push(decoder.decode(s.buf));
    } else if (field === 9 && wireType === 0) {
      timeMillis = Number(r.bigVarint() / 1_000_000n);
    } else {
      r.skip(wireType);
    }
  }
  return { sampleTypes: typeNameIndex.map((i) => strings[i] ?? `#${i}`), timeMillis, sampleCount, totals };
}
