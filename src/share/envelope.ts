// The outer layer of a link: "s1." + base64url(zlib(UTF-8 JSON)), deflated with a preset
// dictionary of dictionary.ts (zlib's header names it by checksum, so links made with an older
// dictionary open too). Opening one is
// bounded at every step: the text length, the inflated size (the inflater writes into one
// buffer that never grows past the cap, so a deflate bomb stops there), the JSON's nesting
// depth (scanned before JSON.parse). zlib's Adler-32 trailer catches damaged data that
// would otherwise inflate into plausible but wrong numbers.

import {
  Z_BUF_ERROR,
  Z_NEED_DICT,
  Z_NO_FLUSH,
  Z_OK,
  Z_STREAM_END,
  ZStream,
  deflate,
  zlibInflate,
  zlibInflateEnd,
  zlibInflateInit2,
  zlibInflateSetDictionary,
} from 'pako';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { LINK_DICTIONARY, dictionaryFor } from './dictionary';

/** Envelope format 1. The schema version is inside the JSON (its "v"). */
export const ENVELOPE_PREFIX = 's1.';
/** Longest fragment accepted, in characters. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** Largest JSON text a fragment may inflate to, in bytes. */
export const MAX_INFLATED_BYTES = 1024 * 1024;
/** Deepest nesting of [ and { accepted (the schema needs 8 in the v2 form, 6 in v3). */
export const MAX_JSON_DEPTH = 16;

const ZLIB_WINDOW_BITS = 15;

export type Opened = { ok: true; json: unknown } | { ok: false; error: string };

const utf8 = new TextEncoder();

/** Any JSON value to a fragment (without "#"). */
export function sealEnvelope(json: unknown): string {
  const bytes = utf8.encode(JSON.stringify(json));
  return ENVELOPE_PREFIX + encodeBase64Url(deflate(bytes, { level: 9, dictionary: LINK_DICTIONARY }));
}

const damaged = (why: string): { ok: false; error: string } => ({ ok: false, error: `the link is cut or damaged: ${why}` });

/**
 * Characters chat clients and mail readers glue to the end of a link, none of them in the
 * base64url alphabet: dropping them is safe because the checksum still has to match. (A loop,
 * not a regular expression: /[...]+$/ backtracks quadratically on a long run of them.)
 */
const trailingJunk = new Set([...' \t\r\n.,;:!?)]}>\'"»”’']);
/**
 * The same characters percent-encoded, as an address bar or a chat client's link writes them
 * ("%22", "%C2%BB", ...), in upper case. "%" is not in the base64url alphabet either, so a link's
 * own data never ends in one of these.
 */
const encodedJunk = [...trailingJunk].map((c) =>
  Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
);

function dropTrailingJunk(s: string): string {
  let end = s.length;
  for (;;) {
    if (end > 0 && trailingJunk.has(s[end - 1]!)) {
      end--;
      continue;
    }
    const pct = end >= 3 && s.charCodeAt(end - 3) === 37 /* % */ ? encodedJunk.find((e) => e.length <= end && s.slice(end - e.length, end).toUpperCase() === e) : undefined;
    if (pct === undefined) break;
    end -= pct.length;
  }
  return s.slice(0, end);
}

/** A fragment (with or without "#") to its JSON value, or a message for a person. Never throws. */
export function openEnvelope(fragment: string): Opened {
  if (typeof fragment !== 'string') return { ok: false, error: 'there is no link to read' };
  if (fragment.length > MAX_FRAGMENT_CHARS + 16) {
    return { ok: false, error: `the link is too long (${fragment.length} characters; the limit is ${MAX_FRAGMENT_CHARS})` };
  }
  let f = fragment.trim();
  if (f.startsWith('#')) f = f.slice(1);
  if (f === '') return { ok: false, error: 'the link carries no findings (its part after "#" is empty)' };
  const dot = f.indexOf('.');
  const prefix = dot > 0 && dot < 8 ? f.slice(0, dot + 1) : '';
  if (prefix !== ENVELOPE_PREFIX) {
    const newer = /^s([0-9]{1,4})\.$/.exec(prefix);
    if (newer && Number(newer[1]) > 1) {
      return { ok: false, error: `this link was made by a newer stackscope (link format s${newer[1]}); this page reads s1` };
    }
    return { ok: false, error: `this is not a stackscope findings link (the part after "#" should start with "${ENVELOPE_PREFIX}")` };
  }
  const data = dropTrailingJunk(f.slice(ENVELOPE_PREFIX.length));
  if (data.length > MAX_FRAGMENT_CHARS) {
    return { ok: false, error: `the link is too long (${data.length} characters; the limit is ${MAX_FRAGMENT_CHARS})` };
  }
  if (data === '') return damaged('it ends right after its "s1." prefix');
  const decoded = decodeBase64Url(data);
  if (!decoded.ok) return damaged(decoded.error);
  const inflated = inflateCapped(decoded.bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) return inflated;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(inflated.bytes);
  } catch {
    return damaged('its text is not valid UTF-8');
  }
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) return damaged(`its data is nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (e) {
    return damaged(`its data is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** zlib-wrapped deflate to bytes, stopping as soon as the output would pass maxBytes. */
export function inflateCapped(input: Uint8Array, maxBytes: number): Inflated {
  const strm = new ZStream();
  if (zlibInflateInit2(strm, ZLIB_WINDOW_BITS) !== Z_OK) return { ok: false, error: 'could not start the decompressor' };
  try {
    strm.input = input;
    strm.next_in = 0;
    strm.avail_in = input.length;
    // Typical links inflate 3-6 times; start there and double up to the cap.
    let out = new Uint8Array(Math.min(maxBytes + 1, Math.max(1 << 14, input.length * 8)));
    strm.output = out;
    strm.next_out = 0;
    strm.avail_out = out.length;
    for (;;) {
      const inBefore = strm.next_in;
      const outBefore = strm.next_out;
      const status = zlibInflate(strm, Z_NO_FLUSH);
      if (strm.next_out > maxBytes) return overCap(maxBytes);
      if (status === Z_STREAM_END) {
        if (strm.next_in < input.length) return damaged('it has extra data after its end');
        return { ok: true, bytes: out.subarray(0, strm.next_out) };
      }
      if (status === Z_NEED_DICT) {
        // The stream names its dictionary by Adler-32 (in strm.adler now); zlib checks it again.
        const dictionary = dictionaryFor(strm.adler);
        if (!dictionary || zlibInflateSetDictionary(strm, dictionary) !== Z_OK) return damaged('its data needs a dictionary this page does not have');
        continue;
      }
      if (status !== Z_OK && status !== Z_BUF_ERROR) {
        if (strm.msg === 'incorrect data check') return damaged('its checksum does not match (characters were changed or lost)');
        return damaged(`its compressed data is corrupt (${strm.msg || `zlib error ${status}`})`);
      }
      if (strm.avail_out === 0) {
        if (out.length > maxBytes) return overCap(maxBytes);
        const bigger = new Uint8Array(Math.min(maxBytes + 1, out.length * 2));
        bigger.set(out.subarray(0, strm.next_out));
        out = bigger;
        strm.output = out;
        strm.avail_out = out.length - strm.next_out;
        continue;
      }
      if (strm.avail_in === 0) return damaged(`it ends early (its data stops after ${input.length} bytes)`);
      if (strm.next_in === inBefore && strm.next_out === outBefore) return damaged('its compressed data does not decode');
    }
  } catch (e) {
    return damaged(`its compressed data does not decode (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    zlibInflateEnd(strm);
  }
}

function overCap(maxBytes: number): Inflated {
  return { ok: false, error: `the link's data inflates to more than ${Math.round(maxBytes / 1024)} KiB, the most this page reads` };
}

/** Deepest nesting of arrays and objects, strings skipped; stops counting past the cap. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) {
        max = depth;
        if (max > MAX_JSON_DEPTH) return max;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}
