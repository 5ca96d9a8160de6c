// Links made by released versions (test/share/corpus/made-by-v<N>/, written once by
// make-corpus.ts and never regenerated) open with today's decoder to the report they carried.
// A failure here means links people already shared would open differently or not at all.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodePermalink, encodePermalink } from '../../src/share/codec';
import { SCHEMA_VERSION } from '../../src/share/schema';

const corpus = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const versions = readdirSync(corpus, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^made-by-v\d+$/.test(d.name))
  .map((d) => d.name)
  .sort();

const names = (dir: string, ext: string) =>
  readdirSync(join(corpus, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .sort();

/**
 * `actual` with the object keys `expected` lacks left out, recursively: a newer reader may
 * fill in fields an old link did not have (optional fields, defaults); every field the link
 * had must read back the same.
 */
function onlyKeysOf(expected: unknown, actual: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) return actual.map((a, i) => onlyKeysOf(expected[i], a));
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null && !Array.isArray(actual)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(actual)) if (Object.prototype.hasOwnProperty.call(expected, k)) out[k] = onlyKeysOf((expected as Record<string, unknown>)[k], v);
    return out;
  }
  return actual;
}

describe('links made by earlier versions', () => {
  it('the corpus is all there', () => {
    expect(versions).toContain('made-by-v2');
    // Pinned: a link removed from the corpus is a compatibility test lost.
    expect(names('made-by-v2', '.link')).toEqual([
      'empty',
      'every-kind',
      'every-kind-redacted',
      'goroutine-dump',
      'goroutine-dump-redacted',
      'goroutine-dump-shortened',
      'heap-profile',
      'heap-profile-findings-only',
      'kind-bucket',
      'kind-frame',
      'kind-group',
      'kind-known-bug',
      'kind-top-row',
      'odd-text',
      'partial-snapshot',
      'v1-every-kind',
      'v1-goroutine-dump-redacted',
      'v1-heap-profile',
    ]);
    expect(versions).toContain('made-by-v3');
    expect(names('made-by-v3', '.link')).toEqual(names('made-by-v2', '.link').filter((n) => !n.startsWith('v1-')));
    for (const v of versions) expect(names(v, '.json'), v).toEqual(names(v, '.link'));
  });

  for (const v of versions) {
    for (const name of names(v, '.link')) {
      it(`${v}/${name} opens to the report it carried, and survives being shared again`, () => {
        const link = readFileSync(join(corpus, v, `${name}.link`), 'utf8').trim();
        const expected = JSON.parse(readFileSync(join(corpus, v, `${name}.json`), 'utf8')) as unknown;
        const r = decodePermalink(link);
        if (!r.ok) throw new Error(`${v}/${name}: ${r.error}`);
        expect(r.payload.v).toBe(SCHEMA_VERSION);
        const { v: _v, ...body } = r.payload;
        const got = JSON.parse(JSON.stringify(body)) as unknown;
        expect(onlyKeysOf(expected, got)).toEqual(expected);
        expect(decodePermalink(encodePermalink(r.payload))).toEqual(r);
      });
    }
  }
});
