// The preset dictionaries are part of the link format: links made with each must open for ever.
import { deflate } from 'pako';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../src/share/base64url';
import { decodePermalink, encodePermalink } from '../../src/share/codec';
import { LINK_DICTIONARY, LINK_DICTIONARY_V2, adler32, dictionaryFor } from '../../src/share/dictionary';
import { ENVELOPE_PREFIX } from '../../src/share/envelope';
import { packBody } from '../../src/share/upgrade';
import { examplePayload } from './examples';

describe('link dictionaries', () => {
  it('are frozen: same length, same checksum, ASCII only', () => {
    // Changing these breaks every link ever shared with them: add a new dictionary instead.
    expect(LINK_DICTIONARY_V2.length).toBe(4552);
    expect(adler32(LINK_DICTIONARY_V2).toString(16)).toBe('24299e21');
    expect(LINK_DICTIONARY.length).toBe(6479);
    expect(adler32(LINK_DICTIONARY).toString(16)).toBe('547fe98e');
    for (const d of [LINK_DICTIONARY_V2, LINK_DICTIONARY]) expect(d.every((c) => c >= 0x20 && c < 0x7f)).toBe(true);
  });

  it('are found by their checksum, the v3 one extending the v2 one', () => {
    expect(dictionaryFor(0x24299e21)).toBe(LINK_DICTIONARY_V2);
    expect(dictionaryFor(adler32(LINK_DICTIONARY))).toBe(LINK_DICTIONARY);
    expect(dictionaryFor(0x12345678)).toBeUndefined();
    expect(LINK_DICTIONARY.subarray(0, LINK_DICTIONARY_V2.length)).toEqual(LINK_DICTIONARY_V2);
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
