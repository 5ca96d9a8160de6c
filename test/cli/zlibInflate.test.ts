// The command line's gunzip (Node's zlib): the bytes, the cap, and a refusal the parse layer hands
// to pako for a precise message.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zlibInflate } from '../../src/cli/zlibInflate';
import { gunzip } from '../../src/parse/inflate';
import { setPlatformInflate } from '../../src/parse/inflateNative';
import { ParseError } from '../../src/model/errors';

const text = new TextEncoder().encode('goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1\n'.repeat(1000));

describe('zlibInflate', () => {
  it('gives the inflated bytes in a buffer of their own, and concatenated members whole', async () => {
    const one = await zlibInflate(gzipSync(text), 1 << 20);
    expect(one).not.toBe('over-cap');
    expect(Buffer.from(one as Uint8Array).equals(Buffer.from(text))).toBe(true);
    expect((one as Uint8Array).buffer.byteLength).toBe(text.length);
    const two = await zlibInflate(Buffer.concat([gzipSync(text), gzipSync(text)]), 1 << 20);
    expect((two as Uint8Array).length).toBe(2 * text.length);
  });

  it('says over-cap past the cap, and refuses broken data', async () => {
    expect(await zlibInflate(gzipSync(text), text.length - 1)).toBe('over-cap');
    const broken = gzipSync(text).subarray(0, 40);
    await expect(zlibInflate(broken, 1 << 20)).rejects.toThrow();
  });

  it('as the parse layer gunzip: a bomb is refused at the cap, a truncated file gets pako\'s precise message', async () => {
    setPlatformInflate(zlibInflate);
    try {
      const big = gzipSync(new Uint8Array(4 << 20));
      await expect(gunzip(big, { maxBytes: 1 << 20 })).rejects.toThrow(/more than the 1(\.0)? MiB cap|cap/);
      const cut = gzipSync(text).subarray(0, 60);
      const e = await gunzip(cut, { maxBytes: 1 << 20 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).message).toMatch(/truncated|unexpected end|ended/i);
    } finally {
      setPlatformInflate(null);
    }
  });
});
