// Text chunks in a PNG: written after IHDR with valid CRCs, read back exactly (UTF-8 included),
// the image itself untouched; broken files named with where they break.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addPngText, pngSize, readPngText } from '../../src/lib/pngText';

const png = new Uint8Array(readFileSync(new URL('../../docs/screenshot.png', import.meta.url)));

/** The concatenated IDAT data, inflated: the pixels, which adding text must not change. */
function pixels(p: Uint8Array): Buffer {
  const parts: Uint8Array[] = [];
  let at = 8;
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  while (at < p.length) {
    const len = dv.getUint32(at);
    const type = String.fromCharCode(...p.subarray(at + 4, at + 8));
    if (type === 'IDAT') parts.push(p.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  return inflateSync(Buffer.concat(parts));
}

describe('PNG text', () => {
  it('adds iTXt chunks that read back exactly, without touching the image', () => {
    const entries: Array<[string, string]> = [
      ['Title', 'Flame graph — inuse_space'],
      ['Description', 'File: leak-a.t2.heap.pb.gz\nRefinements: focus=timeoutHandler; wait≥5 min'],
      ['Software', 'stackscope 0.1.0'],
    ];
    const before = readPngText(png);
    const out = addPngText(png, entries);
    expect(readPngText(out)).toEqual([...entries, ...before]);
    expect(pngSize(out)).toEqual(pngSize(png));
    expect(pixels(out).equals(pixels(png))).toBe(true);
    // Chunk order: signature, IHDR (25 bytes), then ours.
    expect(String.fromCharCode(...out.subarray(37, 41))).toBe('iTXt');
  });

  it('names what is wrong with a file that is not a PNG or is damaged', () => {
    expect(() => readPngText(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toThrow('not a PNG file (no PNG signature at byte 0)');
    const damaged = addPngText(png, [['Title', 'x']]);
    damaged[45] ^= 0xff;
    expect(() => readPngText(damaged)).toThrow('PNG chunk iTXt at byte 33 has a wrong CRC');
    expect(() => addPngText(png, [['', 'x']])).toThrow('PNG text keyword "" is not 1-79 printable ASCII characters');
  });
});
