// Older schema versions, upgraded by pure functions, one step per version. A decode validates
// a document in its own version's shape, upgrades it step by step to the current wire form
// (wire.ts) and reads that: one reader for every link ever made.
//
// v1: the payload as plain JSON, {"v":1,"profile":{...},"view":{...},"findings":[...],
//     "snapshot":...}, with the field names of specs.ts; read strictly (no v1 writer ever wrote
//     a field it did not know).
// v2: the same content packed: {"v":2,"s":[strings],"d":body}, the body as positional tuples
//     (field order of specs.ts), every string an index into "s" (each distinct string stored
//     once), every enum and finding kind an index. Measured on the goroutine-dump example of
//     test/share/realistic.ts: 4,074 characters as v1, 3,574 as v2 (heap: 3,615 -> 3,219).
//     Tuples cannot gain a field, so v3 went back to names (wire.ts).
// v3: the current form (wire.ts).
//
// The old forms are read with the current descriptions: fields declared `optional` came later
// and are skipped (v2 tuples have no slot for them; v1 documents lack them). When a later
// version changes the content itself, freeze the descriptions below as a copy first.

import { limits } from './schema';
import { ShapeError, StringTable, Unpacker, check, pack } from './shape';
import { bodySpec, type PayloadBody } from './specs';
import { writeWire, type WireV3 } from './wire';

export interface PayloadV1 extends PayloadBody {
  v: 1;
}

export interface WireV2 {
  v: 2;
  /** Distinct strings, in first-use order. */
  s: string[];
  /** The body's tuples. */
  d: unknown;
}

/** Most strings a v2 table may hold. */
export const MAX_TABLE_STRINGS = 20_000;
const longestString = Math.max(limits.noteChars, limits.textChars);

function asObject(json: unknown): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ShapeError('', 'expected an object');
  return json as Record<string, unknown>;
}

/** Validates a parsed v1 document; throws ShapeError naming the bad field. */
export function checkV1(json: unknown): PayloadV1 {
  const { v, ...rest } = asObject(json);
  if (v !== 1) throw new ShapeError('v', 'expected 1');
  return { v: 1, ...check(bodySpec, rest) };
}

/** v1 -> v2: the same content, packed. Pure: the input is not touched. */
export function upgradeV1(doc: PayloadV1): WireV2 {
  const { v: _v, ...body } = doc;
  return packBody(body);
}

/** The v2 document of a payload body (what links made by v2 look like). */
export function packBody(body: PayloadBody): WireV2 {
  const table = new StringTable();
  const d = pack(bodySpec, body, table);
  return { v: 2, s: table.strings, d };
}

/**
 * Validates a parsed v2 document as it unpacks it (string table, indexes, every field, no
 * unused strings); throws ShapeError naming the bad field.
 */
export function readV2(json: unknown): PayloadBody {
  const o = asObject(json);
  for (const k of Object.keys(o)) {
    if (k !== 'v' && k !== 's' && k !== 'd') throw new ShapeError('', `unexpected field "${k.slice(0, 40)}"`);
  }
  if (o.v !== 2) throw new ShapeError('v', 'expected 2');
  const s = o.s;
  if (!Array.isArray(s)) throw new ShapeError('s', 'expected the string table (a list)');
  if (s.length > MAX_TABLE_STRINGS) throw new ShapeError('s', `${s.length} strings, more than the ${MAX_TABLE_STRINGS} allowed`);
  for (let i = 0; i < s.length; i++) {
    const x: unknown = s[i];
    if (typeof x !== 'string') throw new ShapeError(`s[${i}]`, 'expected text');
    if (x.length > longestString) throw new ShapeError(`s[${i}]`, `text of ${x.length} characters is longer than any field allows`);
  }
  const reader = new Unpacker(s as string[]);
  const body = reader.read(bodySpec, o.d, '');
  const unused = reader.unusedStrings();
  if (unused > 0) throw new ShapeError('s', `${unused} string${unused > 1 ? 's' : ''} that no field uses`);
  return body;
}

/** v2 -> v3: the same content with names. Validates the v2 document on the way. */
export function upgradeV2(doc: unknown): WireV3 {
  return writeWire(readV2(doc));
}

/** Any readable document (version checked by the caller) to the current wire form. */
export function upgradeToCurrent(json: { v: number }): unknown {
  let doc: unknown = json;
  if (json.v === 1) doc = upgradeV1(checkV1(doc));
  if (json.v <= 2) doc = upgradeV2(doc);
  return doc;
}

/** The v1 document of a payload (what links made by v1 look like; used to test the upgrade). */
export function toV1(payload: { v: number } & PayloadBody): PayloadV1 {
  const { v: _v, ...body } = payload;
  return { v: 1, ...body };
}
