// Older schema versions, upgraded by pure functions, one step per version. A decode validates
// a document in its own version's shape, upgrades it step by step to the current wire form and
// reads that: one reader for every link ever made.
//
// v1: the payload as plain JSON, {"v":1,"profile":{...},"view":{...},"findings":[...],
//     "snapshot":...}, with the field names of schema.ts.
// v2: the same content packed (wire.ts): tuples, one string table, enum indexes, so a link
//     with ten findings and a snapshot stays under 4 KB. Measured on the goroutine-dump example
//     of test/share/realistic.ts: 4,074 characters as v1, 3,574 as v2 (heap: 3,615 -> 3,219).
//
// When a later version changes the content itself, freeze the v1 types below as a copy first.

import type { SharePayload } from './schema';
import { ShapeError, check } from './shape';
import { bodySpec, type PayloadBody } from './specs';
import { packBody, type WireV2 } from './wire';

export interface PayloadV1 extends PayloadBody {
  v: 1;
}

/** Validates a parsed v1 document; throws ShapeError naming the bad field. */
export function checkV1(json: unknown): PayloadV1 {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ShapeError('', 'expected an object');
  const { v, ...rest } = json as Record<string, unknown>;
  if (v !== 1) throw new ShapeError('v', 'expected 1');
  return { v: 1, ...check(bodySpec, rest) };
}

/** v1 -> v2: the same content, packed. Pure: the input is not touched. */
export function upgradeV1(doc: PayloadV1): WireV2 {
  const { v: _v, ...body } = doc;
  return packBody(body);
}

/** The v1 document of a payload (what links made by v1 look like; used to test the upgrade). */
export function toV1(payload: SharePayload): PayloadV1 {
  const { v: _v, ...body } = payload;
  return { v: 1, ...body };
}
