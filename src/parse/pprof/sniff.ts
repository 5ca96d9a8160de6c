// A cheap look at the first bytes: is this a profile.proto message? It reads at most the
// first field, one tag inside it and the tag after it, so text (goroutine dumps, crash
// output) and random bytes are turned away in constant time and sniffing can move on.

import { WireReader, WireType, fieldOf, wireTypeOf } from './wire';

const BYTES = 1 << WireType.Bytes;
const VARINT = 1 << WireType.Varint;

/** Allowed wire types (bit set) of each Profile field; 0 for fields we do not know. */
const PROFILE_FIELDS = [
  0,
  BYTES, BYTES, BYTES, BYTES, BYTES, BYTES, // sample_type, sample, mapping, location, function, string_table
  VARINT, VARINT, VARINT, VARINT, // drop_frames, keep_frames, time_nanos, duration_nanos
  BYTES, VARINT, VARINT | BYTES, VARINT, // period_type, period, comment, default_sample_type
  VARINT, // 15: doc_url / tick_unit in later or draft schemas
];

/** Fields whose payload is itself a message, so its first tag can be checked too. */
const MESSAGE_FIELDS = new Set([1, 2, 3, 4, 5, 11]);

const KNOWN_WIRE_TYPES = VARINT | BYTES | (1 << WireType.Fixed64) | (1 << WireType.Fixed32);

export function looksLikeProfileProto(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const r = new WireReader(bytes);
  const end = bytes.length;
  try {
    const tag = r.tag(end);
    const field = fieldOf(tag);
    const wt = wireTypeOf(tag);
    const allowed = PROFILE_FIELDS[field] ?? 0;
    if (field < 1 || (allowed & (1 << wt)) === 0) return false;
    if (wt === WireType.Varint) {
      r.varint(end);
    } else {
      const payloadEnd = r.lengthEnd(end, 'field');
      if (MESSAGE_FIELDS.has(field) && r.pos < payloadEnd && !plausibleTag(r, payloadEnd)) return false;
      r.pos = payloadEnd;
    }
    return r.pos >= end || plausibleTag(r, end);
  } catch {
    return false;
  }
}

function plausibleTag(r: WireReader, end: number): boolean {
  const tag = r.tag(end);
  const field = fieldOf(tag);
  const wt = wireTypeOf(tag);
  if (field === 0 || (KNOWN_WIRE_TYPES & (1 << wt)) === 0) return false;
  return true;
}
