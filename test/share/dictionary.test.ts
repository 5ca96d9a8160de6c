// The preset dictionary is part of the link format: links made today must open for ever.
import { deflate } from 'pako';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../src/share/base64url';
import { decodePermalink, encodePermalink } from '../../src/share/codec';
import { LINK_DICTIONARY } from '../../src/share/dictionary';
import { ENVELOPE_PREFIX } from '../../src/share/envelope';
import { packBody } from '../../src/share/wire';
import { examplePayload } from './examples';

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

describe('link dictionary', () => {
  it('is frozen: same length, same checksum, ASCII only', () => {
    // Changing these breaks every s1 link ever shared: make a new envelope prefix instead.
    expect(LINK_DICTIONARY.length).toBe(4552);
    expect(adler32(LINK_DICTIONARY).toString(16)).toBe('24299e21');
    expect(LINK_DICTIONARY.every((c) => c >= 0x20 && c < 0x7f)).toBe(true);
  });

  it('is named in every link zlib header (FDICT and its Adler-32)', () => {
    const decoded = decodeBase64Url(encodePermalink(examplePayload()).slice(ENVELOPE_PREFIX.length));
    if (!decoded.ok) throw new Error(decoded.error);
    const b = decoded.bytes;
    expect(b[0]! & 0x0f).toBe(8); // deflate
    expect(((b[0]! << 8) | b[1]!) % 31).toBe(0);
    expect(b[1]! & 0x20).toBe(0x20);
    expect(((b[2]! << 24) | (b[3]! << 16) | (b[4]! << 8) | b[5]!) >>> 0).toBe(adler32(LINK_DICTIONARY));
  });

  it('links deflated without it open too', () => {
    const p = examplePayload();
    const { v: _v, ...body } = p;
    const plain = ENVELOPE_PREFIX + encodeBase64Url(deflate(new TextEncoder().encode(JSON.stringify(packBody(body)))));
    expect(decodePermalink(plain)).toEqual({ ok: true, payload: p });
    expect(plain.length).toBeGreaterThan(encodePermalink(p).length);
  });
});
