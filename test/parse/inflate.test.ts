// inflateGzip: round trips at any chunk size, concatenated members, the output cap (a gzip
// bomb stops at the cap, fast), corrupt and truncated streams, progress and cancel.
// gunzip (native first, pako on failure): the same bytes, cap, messages and offsets.
import { gzip } from 'pako';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParseError } from '../../src/model/errors';
import { DEFAULT_MAX_INFLATED_BYTES, formatBytes, gunzip, inflateGzip, isGzip, type InflateOptions } from '../../src/parse/inflate';
import { listFixtures, readFixture, readRepoFile } from '../support/fixtures';
import { concat } from './pprof/build';
import { parseErrorOf } from '../support/parseError';

/** Deterministic bytes that compress somewhat (text-like), so deflate uses matches. */
function sample(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  const words = ['goroutine ', 'runtime.gopark', ' [chan receive]:\n', 'k8s.io/apiserver/pkg/', '0x1f8b', '\t/usr/local/go/src/'];
  let i = 0;
  while (i < n) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const w = words[x % words.length]!;
    for (let k = 0; k < w.length && i < n; k++) out[i++] = w.charCodeAt(k) ^ (x >>> 24 === 0 ? 1 : 0);
  }
  return out;
}

/** toEqual walks typed arrays element by element (slow for 100 KB+); compare bytes directly. */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(Buffer.from(actual.buffer, actual.byteOffset, actual.length), Buffer.from(expected.buffer, expected.byteOffset, expected.length))).toBe(0);
}

function inflateError(bytes: Uint8Array, opts?: InflateOptions): ParseError {
  try {
    inflateGzip(bytes, opts);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw new Error(`expected a ParseError, got ${String(e)}`);
  }
  throw new Error('expected inflateGzip to throw');
}

describe('inflateGzip', () => {
  it('sniffs the gzip magic', () => {
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new TextEncoder().encode('goroutine 1'))).toBe(false);
    expect(DEFAULT_MAX_INFLATED_BYTES).toBe(1 << 30);
  });

  it.each([1, 7, 4096, 1 << 20])('round-trips at input chunk size %i', (chunkSize) => {
    const data = sample(300_000);
    expectSameBytes(inflateGzip(gzip(data), { chunkSize }), data);
  });

  it('returns a buffer it owns, sized exactly, for a single member', () => {
    const data = sample(100_000);
    const out = inflateGzip(gzip(data));
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(data.length);
  });

  it('inflates an empty member to zero bytes', () => {
    expect(inflateGzip(gzip(new Uint8Array(0))).length).toBe(0);
  });

  it('agrees with node:zlib on every pprof fixture', () => {
    for (const name of listFixtures('pprof', '.pb.gz')) {
      const gz = readFixture('pprof', name);
      expectSameBytes(inflateGzip(gz), new Uint8Array(gunzipSync(gz)));
    }
  });

  it('reads concatenated members (multistream) as one stream, at any chunk boundary', () => {
    const a = sample(70_000, 2);
    const b = sample(50_000, 3);
    const c = new TextEncoder().encode('tail');
    const gz = concat(gzip(a), gzip(b), gzip(c));
    const want = concat(a, b, c);
    expectSameBytes(inflateGzip(gz), want);
    const firstEnd = gzip(a).length;
    for (const chunkSize of [1, 3, firstEnd, firstEnd - 1, firstEnd + 1]) {
      expectSameBytes(inflateGzip(gz, { chunkSize }), want);
    }
    // The result still owns its buffer exactly.
    const out = inflateGzip(gz);
    expect(out.buffer.byteLength).toBe(want.length);
  });

  it('ignores zero padding after the last member but rejects other trailing bytes', () => {
    const data = sample(10_000);
    const gz = gzip(data);
    expectSameBytes(inflateGzip(concat(gz, new Uint8Array(16))), data);
    const e = inflateError(concat(gz, new Uint8Array([0x42, 0x1f])));
    expect(e.kind).toBe('malformed');
    expect(e.message).toBe('unexpected data after the end of the gzip stream');
    expect(e.offset).toBe(gz.length);
  });

  it('refuses at once a file whose trailer says it is over the cap', () => {
    const bomb = gzip(new Uint8Array(32 << 20)); // 32 MiB of zeros in ~32 KB
    // Refused from the trailer (the offset says so), without inflating anything.
    const e = inflateError(bomb, { maxBytes: 1 << 20 });
    expect(e.kind).toBe('limit');
    expect(e.message).toBe('the file inflates to 32 MiB, more than the 1 MiB cap');
    expect(e.offset).toBe(bomb.length - 4);
  });

  it('stops a gzip bomb that lies about its size at the cap, fast, with a message in human units', () => {
    const bomb = gzip(new Uint8Array(32 << 20)); // 32 MiB of zeros in ~32 KB
    expect(bomb.length).toBeLessThan(100_000);
    bomb.set([0, 4, 0, 0], bomb.length - 4); // the trailer claims 1 KiB
    const t0 = performance.now();
    const e = inflateError(bomb, { maxBytes: 1 << 20 });
    const ms = performance.now() - t0;
    expect(e.kind).toBe('limit');
    expect(e.message).toBe('inflated size exceeds the 1 MiB cap');
    // It stopped near the first MiB of output, long before the end of the input.
    expect(e.offset).toBeGreaterThan(0);
    expect(e.offset).toBeLessThan(bomb.length / 8);
    console.log(`[measure] gzip bomb stopped at the 1 MiB cap in ${ms.toFixed(0)} ms`);
  });

  it('accepts output exactly at the cap', () => {
    const data = sample(4096);
    expect(inflateGzip(gzip(data), { maxBytes: 4096 })).toEqual(data);
    expect(inflateError(gzip(data), { maxBytes: 4095 }).kind).toBe('limit');
  });

  it('caps concatenated members too', () => {
    const gz = concat(gzip(sample(3000)), gzip(sample(3000)));
    expect(inflateError(gz, { maxBytes: 5000 }).message).toBe('inflated size exceeds the 4.9 KiB cap');
  });

  it('reports a corrupt CRC-32 with zlib message and offset', () => {
    const gz = gzip(sample(20_000));
    const bad = gz.slice();
    bad[bad.length - 8]! ^= 0xff; // first byte of the CRC-32 trailer
    const e = inflateError(bad);
    expect(e.kind).toBe('malformed');
    expect(e.message).toBe('corrupt gzip data: incorrect data check');
    expect(e.offset).toBeGreaterThanOrEqual(bad.length - 8);
    expect(e.offset).toBeLessThanOrEqual(bad.length);
  });

  it('reports a wrong length trailer', () => {
    const bad = gzip(sample(20_000)).slice();
    bad[bad.length - 4]! ^= 0x01;
    expect(inflateError(bad).message).toBe('corrupt gzip data: incorrect length check');
  });

  it('reports corrupt deflate data with where it was found', () => {
    const gz = gzip(sample(50_000));
    const bad = gz.slice();
    for (let i = 12; i < 40; i++) bad[i] = 0xff;
    const e = inflateError(bad);
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/^corrupt gzip data: invalid /);
    expect(e.offset).toBeGreaterThanOrEqual(10);
    expect(e.offset).toBeLessThanOrEqual(bad.length);
  });

  it('says a cut file looks truncated and how much it inflated', () => {
    const data = sample(200_000);
    const gz = gzip(data);
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const e = inflateError(cut);
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/^the gzip stream ends early: the file looks truncated \(inflated \d+ bytes before the end\)$/);
    const inflated = Number(/inflated (\d+) bytes/.exec(e.message)![1]);
    expect(inflated).toBeGreaterThan(0);
    expect(inflated).toBeLessThan(data.length);
    expect(e.offset).toBe(cut.length);
    // Cut inside the 8-byte trailer: all data is there, the check is not.
    expect(inflateError(gz.subarray(0, gz.length - 3)).message).toBe(
      `the gzip stream ends early: the file looks truncated (inflated ${data.length} bytes before the end)`,
    );
  });

  it('says unrecognized without the gzip magic (uncompressed input is the caller\'s job)', () => {
    const e = inflateError(new TextEncoder().encode('goroutine 1 [running]:'));
    expect(e.kind).toBe('unrecognized');
  });

  it('reports progress between chunks and stops when cancelled', () => {
    const data = sample(400_000);
    const gz = gzip(data);
    expect(gz.length).toBeGreaterThan(5000);
    const calls: [number, number][] = [];
    inflateGzip(gz, { chunkSize: 1000, onProgress: (i, o) => calls.push([i, o]) });
    expect(calls.length).toBeGreaterThan(3);
    for (let k = 1; k < calls.length; k++) {
      expect(calls[k]![0]).toBeGreaterThanOrEqual(calls[k - 1]![0]);
      expect(calls[k]![1]).toBeGreaterThanOrEqual(calls[k - 1]![1]);
    }
    expect(calls[calls.length - 1]).toEqual([gz.length, data.length]);

    let checks = 0;
    const e = inflateError(gz, { chunkSize: 1000, isCancelled: () => ++checks > 2 });
    expect(e.kind).toBe('cancelled');
    expect(e.offset).toBe(3000);
  });

  it('formats caps the way people say them', () => {
    expect(formatBytes(1 << 30)).toBe('1 GiB');
    expect(formatBytes(64 << 20)).toBe('64 MiB');
    expect(formatBytes(100)).toBe('100 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});

const gunzipError = (bytes: Uint8Array, opts?: InflateOptions) => parseErrorOf(() => gunzip(bytes, opts), 'gunzip');

describe('gunzip (DecompressionStream, pako on failure)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('takes the native path when it can (Node has it, as browsers and workers do)', async () => {
    const Native = DecompressionStream;
    let made = 0;
    vi.stubGlobal(
      'DecompressionStream',
      class extends Native {
        constructor(format: CompressionFormat) {
          super(format);
          made++;
        }
      },
    );
    const data = sample(100_000);
    expectSameBytes(await gunzip(gzip(data)), data);
    expect(made).toBe(1);
  });

  it('agrees with node:zlib on every pprof fixture and sample, into a buffer it owns', async () => {
    const files = listFixtures('pprof', '.pb.gz').map((n) => readFixture('pprof', n));
    files.push(readRepoFile('public', 'samples', 'apiserver-leaks.t2.heap.pb.gz'));
    for (const gz of files) {
      const out = await gunzip(gz);
      expectSameBytes(out, new Uint8Array(gunzipSync(gz)));
      expect(out.byteOffset).toBe(0);
      expect(out.buffer.byteLength).toBe(out.length);
    }
  });

  it('reads concatenated members, zero padding and an empty member', async () => {
    const a = sample(70_000, 2);
    const b = sample(50_000, 3);
    expectSameBytes(await gunzip(concat(gzip(a), gzip(b))), concat(a, b));
    expectSameBytes(await gunzip(concat(gzip(a), new Uint8Array(16))), a);
    expect((await gunzip(gzip(new Uint8Array(0)))).length).toBe(0);
  });

  it('gives pako\'s precise message and file offset for a broken stream', async () => {
    const gz = gzip(sample(50_000));
    const bad = gz.slice();
    for (let i = 12; i < 40; i++) bad[i] = 0xff;
    const e = await gunzipError(bad);
    const want = inflateError(bad);
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/^corrupt gzip data: invalid /);
    expect([e.message, e.offset]).toEqual([want.message, want.offset]);

    const crc = gz.slice();
    crc[crc.length - 8]! ^= 0xff;
    expect((await gunzipError(crc)).message).toBe('corrupt gzip data: incorrect data check');

    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const t = await gunzipError(cut);
    expect(t.message).toMatch(/^the gzip stream ends early: the file looks truncated/);
    expect(t.offset).toBe(cut.length);

    const trailing = await gunzipError(concat(gz, new Uint8Array([0x42, 0x1f])));
    expect([trailing.message, trailing.offset]).toEqual(['unexpected data after the end of the gzip stream', gz.length]);
  });

  it('refuses at once a file whose trailer claims more than the cap', async () => {
    const bomb = gzip(new Uint8Array(32 << 20));
    // Refused from the trailer (the offset says so), without inflating anything.
    const e = await gunzipError(bomb, { maxBytes: 1 << 20 });
    expect([e.kind, e.message, e.offset]).toEqual(['limit', 'the file inflates to 32 MiB, more than the 1 MiB cap', bomb.length - 4]);
  });

  it('stops a bomb that lies about its size at the cap, without a second pass', async () => {
    const bomb = gzip(new Uint8Array(32 << 20));
    bomb.set([0, 4, 0, 0], bomb.length - 4); // the trailer claims 1 KiB
    const e = await gunzipError(bomb, { maxBytes: 1 << 20 });
    expect(e.kind).toBe('limit');
    expect(e.message).toBe('the file inflates to more than the 1 MiB cap; it was not loaded');
  });

  it('accepts output exactly at the cap, and not a byte more', async () => {
    const data = sample(4096);
    expectSameBytes(await gunzip(gzip(data), { maxBytes: 4096 }), data);
    expect((await gunzipError(gzip(data), { maxBytes: 4095 })).kind).toBe('limit');
  });

  it('reports progress in input bytes and stops when cancelled', async () => {
    const data = sample(400_000);
    const gz = gzip(data);
    const calls: [number, number][] = [];
    await gunzip(gz, { onProgress: (i, o) => calls.push([i, o]) });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[calls.length - 1]).toEqual([gz.length, data.length]);
    expect((await gunzipError(gz, { isCancelled: () => true })).kind).toBe('cancelled');
  });

  it('says unrecognized without the gzip magic', async () => {
    expect((await gunzipError(new TextEncoder().encode('goroutine 1 [running]:'))).kind).toBe('unrecognized');
  });

  it('uses pako where DecompressionStream is missing', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    const data = sample(100_000);
    expectSameBytes(await gunzip(gzip(data)), data);
    expect((await gunzipError(gzip(data), { maxBytes: 1000 })).message).toBe('the file inflates to 97.7 KiB, more than the 1000 bytes cap');
  });
});
