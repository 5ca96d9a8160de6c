// Schema v3 on the wire: the payload as plain JSON with its field names,
// {"v":3,"profile":{...},"view":{...the view codec's keys...},"findings":[{"kind":"frame",...}],"snapshot":...}, keys in
// the order of specs.ts, enums and finding kinds by name. A reader ignores keys it does not
// know, so a newer stackscope may add optional fields (shape.ts `optional`) without a version
// bump and its links still open here; the fields older links lack read as absent.
//
// Why not the packed v2 form (tuples, one string table, enum indexes; upgrade.ts)? Tuples
// cannot gain a field without breaking every reader. Measured on the examples of
// test/share/realistic.ts, in characters of the fragment: v2 3,574 (goroutine dump) and 3,219
// (heap profile); these names and inline strings with the v2 dictionary 4,075 and 3,615; with
// the v3 dictionary (the v2 one plus a skeleton of a v3 document, dictionary.ts) 3,646 and 3,266.
// A string table on top of named keys made them longer (4,401 and 3,867 with the v2
// dictionary): deflate already stores a repeated string as a back-reference, and the table
// parts each string from the key before it. Enums and finding kinds as indexes instead of
// names: 0.3% shorter with the v2 dictionary, 0.1% longer with the v3 one (it holds the names).

import { SCHEMA_VERSION, type SharePayload } from './schema';
import { ShapeError, check, type Spec } from './shape';
import { bodySpec, type PayloadBody } from './specs';
import { encodeView, readViewParams, type ViewParams } from './viewCodec';

/** The view's description inside the body's (the same as viewSpec, unless a test swaps the body's). */
function viewDescription(): { readonly raw: Spec<unknown>['raw'] } {
  const raw = bodySpec.raw;
  if (raw.t !== 'obj') throw new Error('the body is an object');
  return { raw: raw.specs[raw.keys.indexOf('view')]! };
}


/**
 * The view is written by the one view codec (viewCodec.ts), as the page's address writes it:
 * named keys, its own version, defaults left out.
 */
export type WireV3 = { v: 3 } & Omit<PayloadBody, 'view'> & { view: ViewParams };

/** The v3 document of a payload body, keys in schema order; throws ShapeError on a bad body. */
export function writeWire(body: PayloadBody): WireV3 {
  const checked = check(bodySpec, body);
  return { v: 3, ...checked, view: encodeView(checked.view, viewDescription()) };
}

/** A parsed v3 document to the in-memory payload; throws ShapeError naming the bad field. */
export function readWire(json: unknown): SharePayload {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ShapeError('', 'expected an object');
  const { v, view, ...rest } = json as Record<string, unknown>;
  if (v !== 3) throw new ShapeError('v', 'expected 3');
  if (view === undefined) throw new ShapeError('', 'missing field "view"');
  return { v: SCHEMA_VERSION, ...check(bodySpec, { ...rest, view: readViewParams(view, 'view', viewDescription()) }, '', { unknownKeys: 'ignore' }) };
}
