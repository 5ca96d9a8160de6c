// Findings to a URL fragment and back. The fragment is "s1." + base64url(zlib(JSON)) (see
// envelope.ts) and goes after "#", which browsers never send to a server. Decoding treats the
// fragment as hostile: it never throws, stops at every cap, and returns the current in-memory
// payload or one sentence saying what is wrong.

import { MAX_FRAGMENT_CHARS, openEnvelope, sealEnvelope } from './envelope';
import { SCHEMA_VERSION, type SharePayload } from './schema';
import { ShapeError, check } from './shape';
import { bodySpec } from './specs';
import { upgradeToCurrent } from './upgrade';
import { readWire, writeWire } from './wire';

export type DecodeResult = { ok: true; payload: SharePayload } | { ok: false; error: string };

export type Validation = { ok: true } | { ok: false; error: string };

/** Whether decodePermalink would accept this payload; the message names the field. */
export function validatePayload(payload: SharePayload): Validation {
  try {
    if (payload.v !== SCHEMA_VERSION) return { ok: false, error: `v: expected ${SCHEMA_VERSION}` };
    const { v: _v, ...body } = payload;
    check(bodySpec, body);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The fragment for a payload (without the leading "#"). Throws a RangeError naming the field
 * when the payload breaks a cap (a note too long, a bad id), so no link is made that would
 * not open: callers check with validatePayload first, or cap their inputs (limits).
 */
export function encodePermalink(payload: SharePayload): string {
  const valid = validatePayload(payload);
  if (!valid.ok) throw new RangeError(`cannot share these findings: ${valid.error}`);
  const { v: _v, ...body } = payload;
  return sealEnvelope(writeWire(body));
}

/** A fragment (with or without "#") to the payload, or a message for a person. Never throws. */
export function decodePermalink(fragment: string): DecodeResult {
  try {
    // A whole address pasted in works too: only what follows "#" matters.
    const hash = typeof fragment === 'string' && fragment.length <= 2 * MAX_FRAGMENT_CHARS ? fragment.indexOf('#') : -1;
    const opened = openEnvelope(hash >= 0 ? fragment.slice(hash + 1) : fragment);
    if (!opened.ok) return opened;
    return readDocument(opened.json);
  } catch (e) {
    // Nothing above throws by design; this keeps the promise if something ever does.
    return { ok: false, error: `could not read this link (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** A parsed document of any readable version to the current payload. */
export function readDocument(json: unknown): DecodeResult {
  const damaged = (why: string): DecodeResult => ({ ok: false, error: `the link is cut or damaged: ${why}` });
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !Object.prototype.hasOwnProperty.call(json, 'v')) {
    return damaged('its data has no schema version');
  }
  const v = (json as { v: unknown }).v;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) return damaged('its schema version is not a version number');
  if (v > SCHEMA_VERSION) {
    return { ok: false, error: `this link was made by a newer stackscope (schema v${v}); this page reads up to v${SCHEMA_VERSION}` };
  }
  try {
    return { ok: true, payload: readWire(upgradeToCurrent(json as { v: number })) };
  } catch (e) {
    if (e instanceof ShapeError) return damaged(e.message);
    throw e;
  }
}
