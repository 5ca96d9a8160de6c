// The content hash: standard SHA-256 vectors, Node's own hash on real files, and its speed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/hash';
import { samplePath } from '../share/realistic';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 vectors', async () => {
    const enc = new TextEncoder();
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex(enc.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes the bytes as dropped, a view into a larger buffer included', async () => {
    for (const f of ['apiserver-leaks.t2.heap.pb.gz', 'apiserver-leaks.t2.goroutine.debug2.txt']) {
      const bytes = new Uint8Array(readFileSync(samplePath(f)));
      const node = createHash('sha256').update(bytes).digest('hex');
      expect(await sha256Hex(bytes)).toBe(node);
      const padded = new Uint8Array(bytes.length + 10);
      padded.set(bytes, 5);
      expect(await sha256Hex(padded.subarray(5, 5 + bytes.length))).toBe(node);
    }
  });

  it('hashes 100 MB in well under the time a dump takes to parse', async () => {
    const big = new Uint8Array(100 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i & 255;
    const t0 = performance.now();
    const hex = await sha256Hex(big);
    const ms = performance.now() - t0;
    console.log(`[share] sha256 of 100 MiB: ${ms.toFixed(0)} ms (${(100 / (ms / 1000)).toFixed(0)} MiB/s)`);
    expect(hex).toBe(createHash('sha256').update(big).digest('hex'));
  });
});
