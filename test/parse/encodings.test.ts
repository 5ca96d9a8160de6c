// Text encodings (parse/textEncoding.ts): every real dump and debug=1 text, written with a UTF-8
// byte-order mark, as UTF-16 LE/BE (with and without a byte-order mark: what PowerShell's `>`
// writes), gzipped UTF-16, with CRLF and with CR-only line ends, loads to the model of the clean
// file (deep-equal; the notes say what was converted). Offsets are of the converted text, so
// only CRLF (a longer text) changes them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/model/errors';
import { parseDumpPart, partCaps, type PartRunner } from '../../src/parse/goroutines/parallel';
import { decodeInflated, loadProfile, type Loaded } from '../../src/parse/load';
import { normalizeText } from '../../src/parse/textEncoding';
import { readRepoFile, repoRoot } from '../support/fixtures';

interface Fixture {
  name: string;
  bytes: Uint8Array;
}

const series = readdirSync(join(repoRoot, 'test', 'fixtures', 'series'))
  .filter((f) => /\.debug[12]\.txt(\.gz)?$/.test(f) || /^crash-.*\.txt$/.test(f))
  .sort()
  .map((f): Fixture => {
    const raw = readRepoFile('test', 'fixtures', 'series', f);
    return { name: `series/${f}`, bytes: f.endsWith('.gz') ? new Uint8Array(gunzipSync(raw)) : raw };
  });
const samples = readdirSync(join(repoRoot, 'public', 'samples'))
  .filter((f) => /\.debug[12]\.txt$/.test(f))
  .sort()
  .map((f): Fixture => ({ name: `samples/${f}`, bytes: readRepoFile('public', 'samples', f) }));
const fixtures = [...series, ...samples];

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const utf16le = (b: Uint8Array) => new Uint8Array(Buffer.from(text(b), 'utf16le'));
const swap = (b: Uint8Array) => {
  const out = b.slice();
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  return out;
};
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const variants: Array<{ name: string; make: (b: Uint8Array) => Uint8Array; note: RegExp; sameOffsets: boolean }> = [
  { name: 'UTF-8 with BOM', make: (b) => cat(new Uint8Array([0xef, 0xbb, 0xbf]), b), note: /UTF-8 byte-order mark/, sameOffsets: true },
  { name: 'UTF-16 LE with BOM', make: (b) => cat(new Uint8Array([0xff, 0xfe]), utf16le(b)), note: /UTF-16 LE with a byte-order mark/, sameOffsets: true },
  { name: 'UTF-16 BE with BOM', make: (b) => cat(new Uint8Array([0xfe, 0xff]), swap(utf16le(b))), note: /UTF-16 BE with a byte-order mark/, sameOffsets: true },
  { name: 'UTF-16 LE without BOM', make: (b) => utf16le(b), note: /UTF-16 LE without a byte-order mark/, sameOffsets: true },
  { name: 'UTF-16 LE with BOM, gzipped', make: (b) => new Uint8Array(gzipSync(cat(new Uint8Array([0xff, 0xfe]), utf16le(b)))), note: /UTF-16 LE/, sameOffsets: true },
  { name: 'CRLF', make: (b) => new Uint8Array(Buffer.from(text(b).replace(/\n/g, '\r\n'))), note: /^$/, sameOffsets: false },
  { name: 'CR only', make: (b) => new Uint8Array(Buffer.from(text(b).replace(/\n/g, '\r'))), note: /CR only/, sameOffsets: true },
  {
    name: 'UTF-16 LE with BOM and CR only',
    make: (b) => cat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(text(b).replace(/\n/g, '\r'), 'utf16le'))),
    note: /UTF-16 LE.*CR only/,
    sameOffsets: true,
  },
];

/** The parts of Loaded a view reads, offsets dropped when the variant's text is longer. */
function model(l: Loaded, sameOffsets: boolean): unknown {
  const g = l.goroutines;
  const table = g?.goroutines ? { ...g.goroutines, offset: sameOffsets ? g.goroutines.offset : null } : null;
  return { profile: l.profile, goroutines: g ? { ...g, goroutines: table, profile: null } : null, formatLabel: l.formatLabel };
}

function expectSame(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
  expect(isDeepStrictEqual(actual, expected)).toBe(true);
}

describe('text encodings load to the clean model', () => {
  it('has real dumps to convert', () => {
    expect(series.length).toBeGreaterThanOrEqual(17);
    expect(samples.length).toBeGreaterThanOrEqual(4);
  });

  for (const f of fixtures) {
    describe(f.name, () => {
      const clean = decodeInflated(f.bytes, false);
      it('is clean as written', () => {
        expect(clean.notes).toBeUndefined();
        expect(clean.goroutines?.total ?? clean.profile.samples.length).toBeGreaterThan(0);
      });
      for (const v of variants) {
        it(v.name, async () => {
          const loaded = (await loadProfile(v.make(f.bytes))).loaded;
          expectSame(model(loaded, v.sameOffsets), model(clean, v.sameOffsets));
          if (v.note.source === '^$') expect(loaded.notes).toBeUndefined();
          else expect(loaded.notes?.join(' ')).toMatch(v.note);
        });
      }
    });
  }

  it('a BOM keeps goroutine 1, the first goroutine of the dump', async () => {
    const f = series.find((x) => x.name.endsWith('leak-a.t1.goroutine.debug2.txt.gz'))!;
    const loaded = (await loadProfile(variants[0]!.make(f.bytes))).loaded;
    expect(loaded.goroutines!.goroutines!.id[0]).toBe(1);
    expect(loaded.goroutines!.total).toBe(decodeInflated(f.bytes, false).goroutines!.total);
  });

  it('converts before the parallel parse: its parts see the converted text', async () => {
    const inProcess: PartRunner = async (bytes, jobs, opts) => jobs.map((job, i) => parseDumpPart(bytes, job, i === 0 ? opts : partCaps(opts)));
    const f = series.find((x) => x.name.endsWith('leak-a.t4.goroutine.debug2.txt.gz'))!;
    const clean = decodeInflated(f.bytes, false);
    for (const v of variants) {
      const loaded = await loadProfile(v.make(f.bytes), { parallel: { parts: 3, run: inProcess, minBytes: 1 } });
      expectSame(model(loaded.loaded, v.sameOffsets), model(clean, v.sameOffsets));
    }
  });
});

describe('normalizeText', () => {
  it('leaves binary input and clean text alone (the same bytes, no note)', () => {
    const pb = readRepoFile('test', 'fixtures', 'series', 'leak-a.t1.goroutine.pb.gz');
    expect(normalizeText(pb, 1 << 30)).toEqual({ bytes: pb, note: null });
    const inflated = new Uint8Array(gunzipSync(pb));
    expect(normalizeText(inflated, 1 << 30).bytes).toBe(inflated);
    expect(normalizeText(series[0]!.bytes, 1 << 30).bytes).toBe(series[0]!.bytes);
  });

  it('converts UTF-16 characters beyond ASCII exactly', () => {
    const s = 'goroutine 1 [running]:\nmain.f(\u00e9\u4e16\ud83d\ude00)\n';
    const out = normalizeText(cat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(s, 'utf16le'))), 1 << 20);
    expect(text(out.bytes)).toBe(s);
  });

  it('stops UTF-16 that converts to more than the cap, with a message', () => {
    const big = cat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from('\u4e16'.repeat(4000), 'utf16le')));
    let error: unknown;
    try {
      normalizeText(big, 10_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).kind).toBe('limit');
    expect((error as ParseError).message).toMatch(/UTF-16 text converts to more than 10,000 bytes/);
  });

  it('a file that is only a byte-order mark is named empty', () => {
    expect(() => decodeInflated(new Uint8Array([0xef, 0xbb, 0xbf]), false)).toThrow(/no text after its byte-order mark/);
  });
});
