// The findings the page keeps per file (localStorage, keyed by the file's SHA-256), written
// and read as plain JSON with the same validation as a link: storage can be edited, damaged
// or left by another version. The reading and writing themselves live in src/state.

import { jsonDepth, MAX_JSON_DEPTH } from './envelope';
import { SCHEMA_VERSION, type Finding } from './schema';
import { ShapeError, check } from './shape';
import { findingsSpec, sha256Pattern } from './specs';

/** Longest stored text read (100 findings with 4,000-character notes fit well within it). */
export const MAX_STORED_CHARS = 4 * 1024 * 1024;

/** The storage key of a file's findings. */
export function storageKey(sha256: string): string {
  if (!sha256Pattern.test(sha256)) throw new RangeError(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
  return `stackscope.findings.${sha256}`;
}

export function serializeStored(findings: Finding[]): string {
  return JSON.stringify({ v: SCHEMA_VERSION, findings });
}

/**
 * `newer`: the entry was written by a newer stackscope (a schema version this page does not
 * know); it must be kept as it is, neither removed nor written over, and nothing pinned here.
 * Any other error means "reset this entry and tell the user why".
 */
export type StoredResult = { ok: true; findings: Finding[] } | { ok: false; error: string; newer?: true };

/** Never throws. */
export function parseStored(text: string): StoredResult {
  const bad = (why: string): StoredResult => ({ ok: false, error: `the saved findings for this file could not be read (${why}); they were reset` });
  if (typeof text !== 'string') return bad('nothing was saved');
  if (text.length > MAX_STORED_CHARS) return bad(`${text.length} characters, more than the ${MAX_STORED_CHARS} read`);
  if (jsonDepth(text) > MAX_JSON_DEPTH) return bad(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return bad(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad('not an object');
  const o = json as Record<string, unknown>;
  const v = o.v;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) return bad('no version');
  if (v > SCHEMA_VERSION) return { ok: false, newer: true, error: `the saved findings for this file were written by a newer stackscope (schema v${v}); this page reads up to v${SCHEMA_VERSION} and leaves them as they are: open the file in the newer page to see or change them` };
  // From v3 on, a newer page may have saved optional fields this one does not know: skip them.
  const lenient = v >= 3;
  if (!lenient) for (const k of Object.keys(o)) if (k !== 'v' && k !== 'findings') return bad(`unexpected field "${k.slice(0, 40)}"`);
  try {
    // Findings of every version have the same fields (v2 and v3 changed only how links carry them).
    return { ok: true, findings: check(findingsSpec, o.findings, 'findings', { unknownKeys: lenient ? 'ignore' : 'refuse' }) };
  } catch (e) {
    if (e instanceof ShapeError) return bad(e.message);
    return bad(e instanceof Error ? e.message : String(e));
  }
}
