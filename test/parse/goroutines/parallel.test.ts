// Parallel parsing (parse/goroutines/parallel.ts) gives exactly the single-threaded parse: the
// model, deep-equal, for every real dump we have, split at every goroutine boundary, at many
// random sets of boundaries, and cut (truncated) anywhere; crash output and errors fall back
// to one parse and give its result or its error.
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors';
import type { GoroutineDump } from '../../../src/model/goroutines';
import { parseDebug2 } from '../../../src/parse/goroutines';
import {
  mergeDumpParts,
  parseDebug2Parallel,
  parseDumpPart,
  partCaps,
  splitDump,
  splitDumpAt,
  type PartJob,
  type PartRunner,
} from '../../../src/parse/goroutines/parallel';
import { loadProfile } from '../../../src/parse/load';
import { listFixtures, readFixture, readRepoFile, repoRoot, sharedDir } from '../../support/fixtures';

/** Deep equality, strict about types (node:util, fast on large typed arrays); vitest's diff when not equal. */
function expectSame(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
  expect(isDeepStrictEqual(actual, expected)).toBe(true);
}

/** Runs the parts here, one after the other: the same parts a thread pool runs. */
const inProcess: PartRunner = async (bytes, jobs, opts) => jobs.map((job, i) => parseDumpPart(bytes, job, i === 0 ? opts : partCaps(opts)));

function mergedAt(bytes: Uint8Array, targets: number[]): { jobs: PartJob[]; dump: GoroutineDump | null } | null {
  const jobs = splitDumpAt(bytes, targets);
  if (!jobs) return null;
  return { jobs, dump: mergeDumpParts(jobs, jobs.map((j) => parseDumpPart(bytes, j))) };
}

/** Every offset where splitDumpAt can cut (a header after a blank line). */
function boundaries(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let from = 1;
  for (;;) {
    const jobs = splitDumpAt(bytes, [from]);
    if (!jobs || jobs.length < 2) return out;
    out.push(jobs[0]!.end);
    from = jobs[0]!.end + 1;
  }
}

interface Input {
  name: string;
  bytes: Uint8Array;
}

function inputs(): Input[] {
  const list: Input[] = [];
  const add = (name: string, bytes: Uint8Array) => list.push({ name, bytes: bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes });
  const series = join(repoRoot, 'test', 'fixtures', 'series');
  for (const f of readdirSync(series).sort()) {
    if (f.includes('debug2') || f.startsWith('crash-')) add(`series/${f}`, readRepoFile('test', 'fixtures', 'series', f));
  }
  for (const f of readdirSync(join(repoRoot, 'public', 'samples')).sort()) {
    if (f.endsWith('.debug2.txt')) add(`samples/${f}`, readRepoFile('public', 'samples', f));
  }
  add('testdata/runtime-goroutine.debug2.txt', readRepoFile('test', 'parse', 'goroutines', 'testdata', 'runtime-goroutine.debug2.txt'));
  if (sharedDir) for (const f of listFixtures('goroutine-text', '.txt')) add(`shared/${f}`, readFixture('goroutine-text', f));
  return list;
}

const all = inputs();

describe('parallel goroutine dump parsing equals the single-threaded parse', () => {
  it('has inputs to check, plain dumps that split among them', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    const splittable = all.filter((i) => splitDump(i.bytes, 2, 0) !== null);
    expect(splittable.length).toBeGreaterThanOrEqual(12);
    console.log(`[parallel] ${all.length} inputs, ${splittable.length} split into parts${sharedDir ? '' : ' (shared fixtures absent)'}`);
  });

  for (const input of all) {
    it(`${input.name}: cut at every boundary, in 2, 3 and 7 parts, and through parseDebug2Parallel`, async () => {
      const single = parseDebug2(input.bytes);
      const cuts = boundaries(input.bytes);
      if (cuts.length === 0) {
        // Not plain debug=2, or one goroutine only: one parse, the same result.
        expectSame(await parseDebug2Parallel(input.bytes, { parts: 4, run: inProcess, minBytes: 0 }), single);
        return;
      }
      const every = mergedAt(input.bytes, cuts)!;
      expect(every.jobs.length).toBe(cuts.length + 1);
      if (single.crash) {
        // Crash output carries state across goroutines: the parts are not merged.
        expect(every.dump).toBeNull();
      } else {
        expectSame(every.dump, single);
      }
      for (const n of [2, 3, 7]) {
        const jobs = splitDump(input.bytes, n, 0)!;
        const merged = mergeDumpParts(jobs, jobs.map((j) => parseDumpPart(input.bytes, j)));
        if (!single.crash) expectSame(merged, single);
      }
      expectSame(await parseDebug2Parallel(input.bytes, { parts: 3, run: inProcess, minBytes: 0 }), single);
    });
  }

  const plain = all.filter((i) => !parseDebug2(i.bytes).crash && boundaries(i.bytes).length >= 2);

  it('random sets of cut points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: plain.length - 1 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (k, fractions) => {
        const bytes = plain[k]!.bytes;
        const targets = fractions.map((f) => Math.floor(f * bytes.length)).sort((a, b) => a - b);
        const r = mergedAt(bytes, targets);
        if (!r) return;
        expectSame(r.dump, parseDebug2(bytes));
      }),
      { numRuns: 80, seed: 14 },
    );
  });

  it('dumps cut (truncated) at any byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: plain.length - 1 }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.integer({ min: 2, max: 6 }), (k, f, parts) => {
        const whole = plain[k]!.bytes;
        const bytes = whole.subarray(0, Math.max(1, Math.floor(f * whole.length)));
        const jobs = splitDump(bytes, parts, 0);
        if (!jobs) return;
        const merged = mergeDumpParts(jobs, jobs.map((j) => parseDumpPart(bytes, j)));
        expectSame(merged, parseDebug2(bytes));
      }),
      { numRuns: 80, seed: 41 },
    );
  });

  it('CRLF line ends split and merge too', () => {
    const src = plain[0]!.bytes;
    const text = new TextDecoder().decode(src).replace(/\n/g, '\r\n');
    const bytes = new TextEncoder().encode(text);
    const jobs = splitDump(bytes, 4, 0)!;
    expect(jobs.length).toBe(4);
    expectSame(mergeDumpParts(jobs, jobs.map((j) => parseDumpPart(bytes, j))), parseDebug2(bytes));
  });

  it('log-prefixed dumps are not split (the prefix is learned from the whole input)', () => {
    const src = new TextDecoder().decode(plain[0]!.bytes);
    const prefixed = new TextEncoder().encode(
      src
        .split('\n')
        .map((l, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}.000000000Z stderr F ${l}`)
        .join('\n'),
    );
    expect(splitDump(prefixed, 4, 0)).toBeNull();
  });

  it('a part that fails (a limit) leaves the answer to one parse: its error, with its line number', async () => {
    const bytes = plain[0]!.bytes;
    const opts = { maxFramesPerStack: 3 };
    let expected: unknown;
    try {
      parseDebug2(bytes, opts);
    } catch (e) {
      expected = e;
    }
    expect(expected).toBeInstanceOf(ParseError);
    await expect(parseDebug2Parallel(bytes, { parts: 3, run: inProcess, minBytes: 0 }, opts)).rejects.toEqual(expected);
  });

  it('more goroutines than maxGoroutines: the single parse\'s error', async () => {
    const bytes = plain[0]!.bytes;
    const total = parseDebug2(bytes).total;
    const opts = { maxGoroutines: total - 1 };
    await expect(parseDebug2Parallel(bytes, { parts: 3, run: inProcess, minBytes: 0 }, opts)).rejects.toThrow(/maxGoroutines/);
  });

  it('cancelling stops the parse instead of starting it again', async () => {
    const run: PartRunner = async () => {
      throw new ParseError('cancelled', 'parsing was cancelled');
    };
    await expect(parseDebug2Parallel(plain[0]!.bytes, { parts: 2, run, minBytes: 0 })).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('loadProfile with a runner gives the same loaded file, gzipped or not', async () => {
    const gz = readRepoFile('test', 'fixtures', 'series', 'leak-a.t3.goroutine.debug2.txt.gz');
    const plainLoad = await loadProfile(gz);
    const parallelLoad = await loadProfile(gz, { parallel: { parts: 4, run: inProcess, minBytes: 0 } });
    expectSame(parallelLoad, plainLoad);
    // A pprof file is not text: the runner is not asked.
    let asked = false;
    const spy: PartRunner = async (b, jobs, opts) => {
      asked = true;
      return inProcess(b, jobs, opts);
    };
    const heap = readRepoFile('test', 'fixtures', 'series', 'leak-a.t3.heap.pb.gz');
    expectSame(await loadProfile(heap, { parallel: { parts: 4, run: spy, minBytes: 0 } }), await loadProfile(heap));
    expect(asked).toBe(false);
  });
});
