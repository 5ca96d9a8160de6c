// Tiny profiles for the edge-case tests, encoded with protobufjs: `encode` from a plain
// object through reflection (64-bit fields as decimal strings), `Writer` for hand-made bytes.
import protobuf from 'protobufjs';
import { ProfileType } from './reference';

export const { Writer } = protobuf;

export function encode(profile: Record<string, unknown>): Uint8Array {
  return ProfileType.encode(ProfileType.fromObject(profile)).finish();
}

/** The offset of the first occurrence of `pattern` in `bytes` (for expected error offsets). */
export function indexOfBytes(bytes: Uint8Array, pattern: ArrayLike<number>): number {
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  throw new Error('pattern not found');
}

export function varintBytes(v: bigint): number[] {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A small valid profile: two sample types, one mapping, two functions, three locations. */
export function baseProfile(): Record<string, unknown> {
  return {
    sampleType: [
      { type: 1, unit: 2 },
      { type: 3, unit: 4 },
    ],
    sample: [
      { locationId: [1, 2, 3], value: [1, 100] },
      { locationId: [2, 3], value: [2, 200] },
    ],
    mapping: [{ id: 1, memoryStart: 4096, memoryLimit: 65536, filename: 5, hasFunctions: true }],
    location: [
      { id: 1, mappingId: 1, address: 4100, line: [{ functionId: 1, line: 10 }] },
      { id: 2, mappingId: 1, address: 4200, line: [{ functionId: 2, line: 20 }] },
      { id: 3, mappingId: 1, address: 4300, line: [{ functionId: 2, line: 30 }] },
    ],
    function: [
      { id: 1, name: 6, systemName: 6, filename: 7 },
      { id: 2, name: 8, systemName: 8, filename: 7 },
    ],
    stringTable: ['', 'objects', 'count', 'space', 'bytes', '/bin/app', 'main.leaf', 'main.go', 'main.main'],
  };
}
