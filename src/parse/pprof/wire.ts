// Protobuf wire format, read exactly: varints up to 64 bits without loss, bounds checked
// against the enclosing message, every failure a ParseError with the byte offset.
//
// Why not protobufjs's Reader: its uint32() silently drops bits above 32 (so ids >= 2^32
// would alias), its 64-bit reads allocate a Long per value, and it throws plain RangeErrors
// without a field or offset. The profile needs exact uint64 ids, addresses and time stamps.

import { ParseError } from '../../model/errors';

export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;

export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export function malformed(message: string, offset: number): ParseError {
  return new ParseError('malformed', message, { offset });
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class WireReader {
  pos = 0;
  /** The unsigned 64-bit value of the last varint that did not fit below 2^53. */
  big = 0n;

  constructor(readonly buf: Uint8Array) {}

  /**
   * The varint at pos, which must end before `end`: its exact value when below 2^53,
   * otherwise -1 with the unsigned 64-bit value in `big`. Ten bytes at most; bits past
   * 64 are dropped, as Go's decoder does.
   */
  varint(end: number): number {
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    if (pos >= end) throw truncatedVarint(start);
    let b = buf[pos++]!;
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let v = b & 0x7f;
    let mul = 128;
    // Seven bytes hold 49 bits, exact in a double; longer ones take the bigint path.
    for (let i = 1; i < 7; i++) {
      if (pos >= end) throw truncatedVarint(start);
      b = buf[pos++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.pos = pos;
        return v;
      }
      mul *= 128;
    }
    return this.varintSlow(start, end);
  }

  private varintSlow(start: number, end: number): number {
    const buf = this.buf;
    let pos = start;
    let big = 0n;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw truncatedVarint(start);
      const b = buf[pos++]!;
      big |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) {
        this.pos = pos;
        big = BigInt.asUintN(64, big);
        if (big <= BigInt(MAX_SAFE)) return Number(big);
        this.big = big;
        return -1;
      }
    }
    throw malformed('malformed varint: longer than 10 bytes', start);
  }

  /**
   * An int64 field as a number, or an error naming `what` when it cannot be exact.
   * Negative values arrive as 10-byte two's complement varints.
   */
  int64(end: number, what: string): number {
    const start = this.pos;
    const v = this.varint(end);
    if (v >= 0) return v;
    const signed = BigInt.asIntN(64, this.big);
    if (signed < 0n && signed >= -BigInt(MAX_SAFE)) return Number(signed);
    throw malformed(`${what} ${signed} exceeds 2^53 in magnitude and cannot be represented exactly`, start);
  }

  /**
   * An index-like int64 (string index): exact when in range, and otherwise a value that is
   * certainly out of range (negative or huge), so the caller's range check reports it.
   */
  index(end: number): number {
    const v = this.varint(end);
    if (v >= 0) return v;
    return Number(BigInt.asIntN(64, this.big));
  }

  /**
   * An int64 sample value: the number when exact below 2^53 in magnitude, otherwise the
   * nearest double with the exact value in `big` (signed) and `true` from `lastWasBig`.
   */
  int64Value(end: number): number {
    const v = this.varint(end);
    if (v >= 0) {
      this.lastWasBig = false;
      return v;
    }
    const signed = BigInt.asIntN(64, this.big);
    this.big = signed;
    this.lastWasBig = signed > BigInt(MAX_SAFE) || signed < -BigInt(MAX_SAFE);
    return Number(signed);
  }

  /** Whether the last int64Value did not fit a double exactly (its value is in `big`). */
  lastWasBig = false;

  /** A uint64 kept exactly: a number when below 2^53, else a bigint. */
  uint64(end: number): number | bigint {
    const v = this.varint(end);
    return v >= 0 ? v : this.big;
  }

  /** A uint64 as a bigint (addresses, mapping bounds). */
  bigUint64(end: number): bigint {
    const v = this.varint(end);
    return v >= 0 ? BigInt(v) : this.big;
  }

  /** A signed int64 as a bigint (time stamps). */
  bigInt64(end: number): bigint {
    const v = this.varint(end);
    return v >= 0 ? BigInt(v) : BigInt.asIntN(64, this.big);
  }

  /**
   * A field tag: field number and wire type. Field numbers past 2^32 are legal varints but
   * name no field we know, so they come back as -1 and get skipped as unknown.
   */
  tag(end: number): number {
    const v = this.varint(end);
    if (v >= 0) return v;
    // Keep the wire type (low 3 bits) with an impossible field number.
    return -8 + Number(this.big & 7n);
  }

  /** The end offset of a length-delimited payload that starts at pos. */
  lengthEnd(end: number, what: string): number {
    const start = this.pos;
    const len = this.varint(end);
    const payloadEnd = this.pos + len;
    if (len < 0 || payloadEnd > end) {
      const size = len < 0 ? this.big.toString() : String(len);
      throw malformed(
        `truncated ${what}: it claims ${size} bytes but only ${end - this.pos} remain`,
        start,
      );
    }
    return payloadEnd;
  }

  string(end: number): string {
    const buf = this.buf;
    const start = this.pos;
    this.pos = end;
    // Short ASCII strings (most identifiers) are cheaper built directly than via TextDecoder.
    if (end - start <= 24) {
      let s = '';
      for (let i = start; i < end; i++) {
        const c = buf[i]!;
        if (c >= 0x80) return utf8.decode(buf.subarray(start, end));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return utf8.decode(buf.subarray(start, end));
  }

  /** Skips the payload of a field of the given wire type (an unknown field). */
  skip(wireType: number, end: number, fieldStart: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.varint(end);
        return;
      case WireType.Fixed64:
        if (this.pos + 8 > end) throw malformed('truncated fixed64 field', fieldStart);
        this.pos += 8;
        return;
      case WireType.Bytes:
        this.pos = this.lengthEnd(end, 'field');
        return;
      case WireType.Fixed32:
        if (this.pos + 4 > end) throw malformed('truncated fixed32 field', fieldStart);
        this.pos += 4;
        return;
      default:
        throw malformed(`unsupported wire type ${wireType}`, fieldStart);
    }
  }
}

function truncatedVarint(offset: number): ParseError {
  return malformed('truncated varint: the message ends inside it', offset);
}

/** The field number of a tag, or -1 for one too large to be any field we know. */
export function fieldOf(tag: number): number {
  return tag < 0 ? -1 : Math.floor(tag / 8);
}

export function wireTypeOf(tag: number): number {
  return tag < 0 ? tag + 8 : tag % 8;
}
