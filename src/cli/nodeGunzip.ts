// Node's zlib is about twice as fast as pako on a cold start; the CLI uses it, with the same
// cap and the same kind of error messages as the app's inflater.

import { gunzipSync } from 'node:zlib';
import { ParseError } from '../model/errors';
import { claimedOverCap, formatBytes } from '../parse/inflate';

export function nodeGunzip(bytes: Uint8Array, maxBytes: number): Uint8Array {
  const early = claimedOverCap(bytes, maxBytes);
  if (early) throw early;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new ParseError('limit', `inflated size exceeds the ${formatBytes(maxBytes)} cap`);
    }
    if (err.code === 'Z_BUF_ERROR') {
      throw new ParseError('malformed', 'gzip stream ends early: the file looks truncated');
    }
    throw new ParseError('malformed', `gzip stream is corrupt: ${err.message}`);
  }
}
