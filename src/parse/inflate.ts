// gzip to bytes, with a hard cap on the output. gunzip is the one way the app and the CLI
// inflate: the platform's DecompressionStream (inflateNative.ts) first, pako when that fails.
//
// inflateGzip is the pako path, synchronous and streaming. It drives pako's zlib port directly
// (not its Inflate wrapper) so that the output is written straight into one buffer (no chunk
// list to glue), the cap is checked as the output grows, and concatenated gzip members
// (which Go's gzip reader accepts) are read one after another.

import {
  ZStream,
  Z_BUF_ERROR,
  Z_NO_FLUSH,
  Z_OK,
  Z_STREAM_END,
  zlibInflate,
  zlibInflateEnd,
  zlibInflateInit2,
  zlibInflateReset,
} from 'pako';
import { ParseError } from '../model/errors';
import { inflateNative } from './inflateNative';

export const DEFAULT_MAX_INFLATED_BYTES = 1 << 30;
const DEFAULT_CHUNK_SIZE = 1 << 20;
/** zlib windowBits: 15-bit window, +16 for a gzip wrapper (and only gzip). */
const GZIP_WINDOW_BITS = 15 + 16;
/** Deflate cannot expand more than about 1032:1, which bounds a believable ISIZE. */
const MAX_DEFLATE_RATIO = 1032;

export interface InflateOptions {
  /** Output cap in bytes; default 1 GiB. */
  maxBytes?: number;
  /** Input bytes handed to zlib per step (progress and cancel happen between steps). */
  chunkSize?: number;
  onProgress?: (inputBytes: number, outputBytes: number) => void;
  /** Checked between chunks; true stops with ParseError('cancelled'). */
  isCancelled?: () => boolean;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * gzip to bytes: the native DecompressionStream when it works (about three times faster than
 * pako), else pako, which reads what the platform refuses (zero padding after the stream in
 * some browsers) and says precisely what is wrong, with the file offset. A file whose trailer
 * claims more than the cap is refused before any work; one that only turns out to be over it
 * is refused at the cap without a second pass. Throws ParseError as inflateGzip does.
 */
export async function gunzip(bytes: Uint8Array, opts: InflateOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  if (!isGzip(bytes)) throw new ParseError('unrecognized', 'not gzip data (no 1f 8b magic)', { offset: 0 });
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const early = claimedOverCap(bytes, maxBytes);
  if (early) throw early;
  let out: Uint8Array<ArrayBuffer> | 'over-cap';
  try {
    out = await inflateNative(bytes, maxBytes, claimedSize(bytes), opts.onProgress, opts.isCancelled);
  } catch (e) {
    if (e instanceof ParseError && e.kind === 'cancelled') throw e;
    return inflateGzip(bytes, opts);
  }
  // A gzip bomb: say so at once rather than inflating up to the cap again for an offset.
  if (out === 'over-cap') throw new ParseError('limit', `the file inflates to more than the ${formatBytes(maxBytes)} cap; it was not loaded`);
  return out;
}

/**
 * Inflates one or more concatenated gzip members. The result owns its whole buffer (so it
 * can be transferred). Throws ParseError: 'unrecognized' without the gzip magic, 'limit' past
 * maxBytes, 'malformed' for corrupt or truncated data, 'cancelled'.
 */
export function inflateGzip(bytes: Uint8Array, opts: InflateOptions = {}): Uint8Array<ArrayBuffer> {
  if (!isGzip(bytes)) throw new ParseError('unrecognized', 'not gzip data (no 1f 8b magic)', { offset: 0 });
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const chunkSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const { onProgress, isCancelled } = opts;
  const inLength = bytes.length;
  const early = claimedOverCap(bytes, maxBytes);
  if (early) throw early;

  const strm = new ZStream();
  if (zlibInflateInit2(strm, GZIP_WINDOW_BITS) !== Z_OK) {
    throw new ParseError('malformed', 'could not start the gzip decoder');
  }
  // zlib indexes input and output absolutely, so the whole file is the input and avail_in
  // meters it out in chunks; no input copies.
  strm.input = bytes;
  strm.next_in = 0;
  strm.avail_in = 0;
  let out = new Uint8Array(0);
  strm.next_out = 0;

  try {
    out = new Uint8Array(initialCapacity(bytes, maxBytes));
    strm.output = out;
    strm.avail_out = out.length;
    for (;;) {
      if (strm.avail_in === 0 && strm.next_in < inLength) {
        if (strm.next_in > 0) {
          if (isCancelled?.()) {
            throw new ParseError('cancelled', 'inflating was cancelled', { offset: strm.next_in });
          }
          onProgress?.(strm.next_in, strm.next_out);
        }
        strm.avail_in = Math.min(chunkSize, inLength - strm.next_in);
      }

      const status = zlibInflate(strm, Z_NO_FLUSH);
      if (strm.next_out > maxBytes) throw overCap(maxBytes, strm.next_in);

      if (status === Z_STREAM_END) {
        const next = strm.next_in;
        if (next >= inLength || isZeroPadding(bytes, next)) break;
        if (!isGzip(bytes.subarray(next, next + 2))) {
          throw new ParseError('malformed', 'unexpected data after the end of the gzip stream', { offset: next });
        }
        // Another gzip member: Go's gzip reader reads them as one stream, and so do we.
        // The reset keeps next_in/avail_in and the output position.
        zlibInflateReset(strm);
        continue;
      }
      if (status !== Z_OK && status !== Z_BUF_ERROR) {
        throw new ParseError('malformed', `corrupt gzip data: ${strm.msg || `zlib error ${status}`}`, {
          offset: strm.next_in,
        });
      }
      // zlib stopped for want of input or of room. Input first: with an exact ISIZE the
      // output is full before the trailer is read, and the trailer needs no room.
      if (strm.avail_in === 0 && strm.next_in < inLength) continue;
      if (strm.avail_out === 0) {
        if (out.length > maxBytes) throw overCap(maxBytes, strm.next_in);
        out = grow(out, strm.next_out, maxBytes);
        strm.output = out;
        strm.avail_out = out.length - strm.next_out;
        continue;
      }
      if (strm.avail_in === 0) {
        throw new ParseError(
          'malformed',
          `the gzip stream ends early: the file looks truncated (inflated ${strm.next_out} bytes before the end)`,
          { offset: inLength },
        );
      }
    }
  } catch (e) {
    if (e instanceof ParseError) throw e;
    // An output buffer the engine could not allocate, or a bug in the zlib port: still a
    // ParseError, so no other exception type leaves a parser.
    if (e instanceof RangeError) {
      throw new ParseError('limit', `not enough memory to inflate (${e.message})`, { offset: strm.next_in });
    }
    throw new ParseError('malformed', `could not inflate: ${e instanceof Error ? e.message : String(e)}`, {
      offset: strm.next_in,
    });
  } finally {
    zlibInflateEnd(strm);
  }

  onProgress?.(inLength, strm.next_out);
  return strm.next_out === out.length ? out : out.slice(0, strm.next_out);
}

/**
 * The gzip trailer's ISIZE (length mod 2^32 of the last member) is exact for the usual
 * single-member file; trust it when the deflate ratio allows it, so the output buffer is
 * allocated once at its final size.
 */
function initialCapacity(bytes: Uint8Array, maxBytes: number): number {
  const isize = claimedSize(bytes);
  if (isize > 0 && isize <= maxBytes) return isize;
  return Math.min(maxBytes + 1, Math.max(1 << 16, bytes.length * 4));
}

/**
 * What the last member's trailer says the data inflates to, when the deflate ratio makes it
 * believable, else 0. The real size is ISIZE plus a multiple of 2^32, so a claim above the cap
 * means the file is over the cap: a large file is refused at once, not after a minute of
 * inflating. (A file that lies is still stopped by the running count.)
 */
export function claimedSize(bytes: Uint8Array): number {
  const n = bytes.length;
  const isize = n >= 18 ? (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0 : 0;
  return isize > 0 && isize <= n * MAX_DEFLATE_RATIO ? isize : 0;
}

/** The limit error for a file whose trailer already says it is over the cap, or null. */
export function claimedOverCap(bytes: Uint8Array, maxBytes: number): ParseError | null {
  const claimed = claimedSize(bytes);
  if (claimed <= maxBytes) return null;
  return new ParseError('limit', `the file inflates to ${formatBytes(claimed)}, more than the ${formatBytes(maxBytes)} cap`, {
    offset: bytes.length - 4,
  });
}

function grow(out: Uint8Array, used: number, maxBytes: number): Uint8Array<ArrayBuffer> {
  const size = Math.min(maxBytes + 1, Math.max(out.length * 2, used + (1 << 16)));
  const next = new Uint8Array(size);
  next.set(out.subarray(0, used));
  return next;
}

function overCap(maxBytes: number, inputOffset: number): ParseError {
  return new ParseError('limit', `inflated size exceeds the ${formatBytes(maxBytes)} cap`, { offset: inputOffset });
}

function isZeroPadding(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** 1 GiB, 64 MiB, 512 KiB, 100 bytes: the cap as a person would say it. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return `${text} ${units[u]}`;
}
