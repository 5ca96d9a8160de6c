// pprof profile.proto (already inflated) to the columnar model, in two phases as google/pprof
// does: raw decode (raw.ts), then resolve and validate (resolve.ts).

import { ParseError } from '../../model/errors';
import type { Profile } from '../../model/profile';
import { decodeRaw, type DecodeOptions } from './raw';
import { resolveProfile } from './resolve';
import { looksLikeProfileProto } from './sniff';

export type { DecodeOptions } from './raw';
export { looksLikeProfileProto } from './sniff';

/**
 * Decodes an inflated profile.proto. Throws ParseError: 'unrecognized' when the first field
 * is not a plausible Profile field, 'malformed' with the byte offset when the message is
 * broken or does not resolve, 'cancelled' when isCancelled() says so.
 */
export function decodeProfile(bytes: Uint8Array, opts: DecodeOptions = {}): Profile {
  if (bytes.length === 0) throw new ParseError('unrecognized', 'empty input: not a pprof profile');
  if (!looksLikeProfileProto(bytes)) {
    throw new ParseError('unrecognized', 'not a pprof profile: the first bytes are not a profile.proto field', {
      offset: 0,
    });
  }
  try {
    const raw = decodeRaw(bytes, opts);
    const profile = resolveProfile(raw, opts);
    opts.onProgress?.(bytes.length, bytes.length);
    return profile;
  } catch (e) {
    if (e instanceof ParseError) throw e;
    // Typed array allocations are the only thing expected to fail here (out of memory).
    if (e instanceof RangeError) {
      throw new ParseError('limit', `the profile is too large to decode in memory (${e.message})`);
    }
    throw new ParseError('malformed', `could not decode the profile: ${e instanceof Error ? e.message : String(e)}`);
  }
}
