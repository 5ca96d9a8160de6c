// Text encodings the parsers do not read directly, converted once, before any sniffing: UTF-16
// LE/BE (what Windows PowerShell's `>` writes) to UTF-8, a UTF-8 byte-order mark removed, and
// CR-only line ends (classic Mac, some copy-paste paths) turned into LF. CRLF needs nothing: every
// text parser drops a \r before \n. Each conversion is said in a note, with what it does to byte
// offsets, so a reported offset is never taken for one into the original file.

import { ParseError } from '../model/errors';

export interface NormalizedText {
  /** The bytes to sniff and parse: the input itself when nothing was converted. */
  bytes: Uint8Array;
  /** What was converted and what offsets then count, or null when nothing was. */
  note: string | null;
}

/** Bytes looked at to tell CR-only line ends and BOM-less UTF-16. */
const SNIFF_BYTES = 64 * 1024;
/** UTF-16 is decoded in chunks of this many bytes (even), so no string is ever the whole file. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The input as UTF-8 text with LF or CRLF line ends when it is recognisably text in another
 * encoding; binary input (protobuf, gzip, legacy CPU profiles) is returned as it is.
 * @param maxBytes cap on the UTF-8 bytes UTF-16 converts to (the inflated-size cap).
 */
export function normalizeText(input: Uint8Array, maxBytes: number): NormalizedText {
  const n = input.length;
  if (n >= 2 && input[0] === 0xff && input[1] === 0xfe) return fromUtf16(input, 2, 'utf-16le', 'UTF-16 LE with a byte-order mark', maxBytes);
  if (n >= 2 && input[0] === 0xfe && input[1] === 0xff) return fromUtf16(input, 2, 'utf-16be', 'UTF-16 BE with a byte-order mark', maxBytes);
  const bom = n >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  if (!bom) {
    const unmarked = unmarkedUtf16(input);
    if (unmarked) return fromUtf16(input, 0, unmarked, `${unmarked === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} without a byte-order mark`, maxBytes);
  }
  const text = bom ? input.subarray(3) : input;
  const cr = bom || printableStart(text) ? crOnly(text) : false;
  if (!bom && !cr) return { bytes: input, note: null };
  const notes: string[] = [];
  if (bom) notes.push('Removed the UTF-8 byte-order mark at the start: byte offsets count from after it (3 bytes less than in the file).');
  if (cr) notes.push('Line ends were CR only: read as LF (line numbers and byte offsets are unchanged).');
  return { bytes: cr ? crToLf(text) : text, note: notes.join(' ') };
}

function printableStart(b: Uint8Array): boolean {
  return b.length > 0 && b[0]! >= 32 && b[0]! < 127;
}

/** 'utf-16le' / 'utf-16be' when the first bytes are ASCII text with a zero byte beside each character. */
function unmarkedUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 256) & ~1;
  if (n < 16) return null;
  let le = true;
  let be = true;
  for (let i = 0; i < n && (le || be); i += 2) {
    const x = b[i]!;
    const y = b[i + 1]!;
    if (!(y === 0 && asciiText(x))) le = false;
    if (!(x === 0 && asciiText(y))) be = false;
  }
  return le ? 'utf-16le' : be ? 'utf-16be' : null;
}

function asciiText(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127);
}

/** Whether the first 64 KB hold a CR and no LF. */
function crOnly(b: Uint8Array): boolean {
  const n = Math.min(b.length, SNIFF_BYTES);
  const head = b.subarray(0, n);
  return head.indexOf(10) < 0 && head.indexOf(13) >= 0;
}

/** A copy with every CR not followed by LF made LF (same length: offsets stay). */
function crToLf(b: Uint8Array): Uint8Array {
  const out = b.slice();
  for (let i = out.indexOf(13); i >= 0; i = out.indexOf(13, i + 1)) if (out[i + 1] !== 10) out[i] = 10;
  return out;
}

function fromUtf16(input: Uint8Array, from: number, encoding: 'utf-16le' | 'utf-16be', what: string, maxBytes: number): NormalizedText {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  // ASCII text halves; grow when characters take more than one byte.
  let out = new Uint8Array(Math.min(maxBytes, Math.ceil((input.length - from) / 2) + 1024));
  let used = 0;
  const write = (s: string): void => {
    let rest = s;
    for (;;) {
      const r = encoder.encodeInto(rest, out.subarray(used));
      used += r.written;
      if (r.read === rest.length) return;
      rest = rest.slice(r.read);
      if (out.length >= maxBytes) {
        throw new ParseError('limit', `the UTF-16 text converts to more than ${maxBytes.toLocaleString('en-US')} bytes of UTF-8 (the inflated-size cap)`, {
          offset: from + used * 2,
        });
      }
      const next = new Uint8Array(Math.min(maxBytes, Math.max(out.length * 2, used + rest.length * 3)));
      next.set(out.subarray(0, used));
      out = next;
    }
  };
  for (let at = from; at < input.length; at += CHUNK_BYTES) {
    const end = Math.min(input.length, at + CHUNK_BYTES);
    write(decoder.decode(input.subarray(at, end), { stream: end < input.length }));
  }
  write(decoder.decode());
  const converted = normalizeText(out.subarray(0, used), maxBytes);
  const note = `The file is ${what}: converted to UTF-8, so byte offsets are into the converted text, not the file.`;
  return { bytes: converted.bytes, note: converted.note ? `${note} ${converted.note}` : note };
}
