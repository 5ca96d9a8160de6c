// Mutation fuzzing, at least 10,000 mutated inputs per parser and for the link decoder in every
// run (issue 15 point 8): byte flips, inserts, deletes, truncations, duplicated ranges and
// splices of small real seed files (test/fixtures, public/samples). Every input must end in a
// result that passes the structural checks, or in a ParseError (for the link decoder: a payload
// or one message, and a view decode that never throws); nothing else may escape, nothing may
// hang. The count per suite, what it ended in, and the slowest case are printed for the CI log
// (reported, never asserted: the machine is busy).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from '../../bench/gen/prng';
import { ParseError } from '../../src/model/errors';
import type { Profile } from '../../src/model/profile';
import { parseDebug1, parseDebug2, parseGoroutineText } from '../../src/parse/goroutines';
import { inflateGzip, isGzip } from '../../src/parse/inflate';
import { decodeProfile } from '../../src/parse/pprof';
import { parseLegacy, sniffLegacy, type LegacyKind } from '../../src/parse/pprof/legacy';
import { decodePermalink, encodePermalink } from '../../src/share/codec';
import { decodeView, defaultPortableView, encodeView, queryToParams, viewToQuery } from '../../src/share/viewCodec';
import { validateProfile } from '../parse/pprof/validate';
import { examplePayload } from '../share/examples';
import { repoRoot } from '../support/fixtures';

const CASES = 10_000;
const read = (...p: string[]) => new Uint8Array(readFileSync(join(repoRoot, ...p)));
const series = (f: string) => read('test', 'fixtures', 'series', f);
const gunzip = (b: Uint8Array) => new Uint8Array(gunzipSync(b));
const enc = (s: string) => new TextEncoder().encode(s);

/** The first `n` goroutines of a debug=2 dump (a small seed keeps 10,000 parses fast). */
function firstGoroutines(text: string, n: number): Uint8Array {
  let at = 0;
  for (let i = 0; i < n && at >= 0; i++) at = text.indexOf('\n\ngoroutine ', at + 1);
  return enc(at < 0 ? text : text.slice(0, at + 1));
}

type Rand = () => number;

/** One to three mutations of `seed`, some splicing in a range of `other`. */
function mutate(seed: Uint8Array, other: Uint8Array, r: Rand): Uint8Array {
  let b = seed;
  const int = (n: number) => Math.floor(r() * n);
  for (let k = 1 + int(3); k > 0; k--) {
    const n = b.length;
    switch (int(6)) {
      case 0: {
        // flip one bit, or a few
        b = b.slice();
        for (let j = 1 + int(4); j > 0 && n > 0; j--) b[int(n)]! ^= 1 << int(8);
        break;
      }
      case 1: {
        // insert random bytes, sometimes "interesting" ones (0xff, 0x80, 0, '\n', ':', '[')
        const len = 1 + int(16);
        const ins = new Uint8Array(len);
        const pool = [0xff, 0x80, 0x00, 0x0a, 0x3a, 0x5b, 0x09, 0x2b, 0x7f];
        for (let j = 0; j < len; j++) ins[j] = r() < 0.5 ? pool[int(pool.length)]! : int(256);
        const at = int(n + 1);
        b = join3(b.subarray(0, at), ins, b.subarray(at));
        break;
      }
      case 2: {
        // delete a range
        const at = int(n + 1);
        b = join3(b.subarray(0, at), new Uint8Array(0), b.subarray(Math.min(n, at + 1 + int(64))));
        break;
      }
      case 3:
        // truncate
        b = b.subarray(0, int(n + 1));
        break;
      case 4: {
        // duplicate a range of itself somewhere
        const from = int(n + 1);
        const range = b.subarray(from, Math.min(n, from + 1 + int(256)));
        const to = int(n + 1);
        b = join3(b.subarray(0, to), range, b.subarray(to));
        break;
      }
      default: {
        // splice: this input's head, the other seed's tail
        b = join3(b.subarray(0, int(n + 1)), other.subarray(int(other.length + 1)), new Uint8Array(0));
        break;
      }
    }
  }
  return b;
}

function join3(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + c.length);
  out.set(a, 0);
  out.set(b, a.length);
  out.set(c, a.length + b.length);
  return out;
}

/** A result whose only flaw is a value past 2^53 held as the nearest double (see profileProblems). */
const INEXACT = 'inexact';

interface Tally {
  results: number;
  /** Results holding a value past 2^53 as the nearest double: counted and printed, a known gap. */
  inexact: number;
  /** Inputs the loader would not hand to this parser (its sniff refused them): made again. */
  notForParser: number;
  errors: number;
  slowestMs: number;
  totalMs: number;
}
const tallies = new Map<string, Tally>();

/**
 * Runs CASES mutated inputs through `parse`; each must return (and pass `check`) or throw a
 * ParseError (when parseErrorAllowed; the link decoder never throws). The first input that breaks the contract fails the test with its seed and case.
 */
function fuzz(suite: string, seeds: Uint8Array[], seed: number, parse: (b: Uint8Array) => unknown, check: (result: unknown) => string | null, parseErrorAllowed = true): void {
  const r = prng(seed);
  const t: Tally = { results: 0, inexact: 0, notForParser: 0, errors: 0, slowestMs: 0, totalMs: 0 };
  const started = performance.now();
  for (let i = 0; t.results + t.errors < CASES; i++) {
    const s = seeds[i % seeds.length]!;
    const other = seeds[(i + 1) % seeds.length]!;
    const input = mutate(s, other, r);
    const t0 = performance.now();
    let result: unknown;
    try {
      result = parse(input);
    } catch (e) {
      if (!(e instanceof ParseError) || !parseErrorAllowed) {
        throw new Error(`${suite}: case ${i} (prng seed ${seed}) threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      t.errors++;
      t.slowestMs = Math.max(t.slowestMs, performance.now() - t0);
      continue;
    }
    if (result === NOT_FOR_PARSER) {
      t.notForParser++;
      continue;
    }
    const problem = check(result);
    if (problem === INEXACT) t.inexact++;
    else if (problem) throw new Error(`${suite}: case ${i} (prng seed ${seed}): ${problem}`);
    t.results++;
    t.slowestMs = Math.max(t.slowestMs, performance.now() - t0);
  }
  t.totalMs = performance.now() - started;
  tallies.set(suite, t);
  expect(t.results + t.errors).toBe(CASES);
}

/** What a parse function returns for an input the loader would never hand to that parser. */
const NOT_FOR_PARSER = Symbol('not for this parser');

/**
 * The structural checks of test/parse/pprof/validate.ts; a result whose only flaw is a sample
 * value past 2^53 (an integer, but not exact as a double) is INEXACT: the debug=1 text parser
 * keeps such numbers (and counts past 2^64, which Go's parser refuses) as the nearest double.
 */
const profileProblems = (p: unknown) => {
  const problems = validateProfile(p as Profile);
  if (problems.length === 0) return null;
  if (problems.every((m) => /^value -?[0-9.e+]+ not a safe integer$/.test(m))) return INEXACT;
  return `invalid profile: ${problems.join('; ')}`;
};
const dumpProblems = (d: unknown) => {
  const dump = d as { profile: Profile; total: number };
  if (!(Number.isSafeInteger(dump.total) && dump.total >= 0)) return `total ${dump.total}`;
  return profileProblems(dump.profile);
};

afterAll(() => {
  for (const [suite, t] of tallies) {
    console.log(
      `[fuzz] ${suite}: ${(t.results + t.errors).toLocaleString('en-US')} mutated inputs, ${t.results.toLocaleString('en-US')} results, ${t.errors.toLocaleString('en-US')} ParseErrors${t.inexact ? ` (${t.inexact.toLocaleString('en-US')} results hold a value past 2^53 as the nearest double)` : ''}${t.notForParser ? `; ${t.notForParser.toLocaleString('en-US')} more inputs refused by the sniff, not counted` : ''}, slowest ${t.slowestMs.toFixed(1)} ms, all ${(t.totalMs / 1000).toFixed(1)} s`,
    );
  }
});

describe(`mutation fuzzing: ${CASES.toLocaleString('en-US')} inputs per parser`, () => {
  it('pprof protobuf (inflated seeds, and one gzipped seed inflated first as the loader does)', () => {
    const seeds = [
      gunzip(series('leak-a.t1.goroutine.pb.gz')),
      gunzip(read('public', 'samples', 'toyserver.mutex.pb.gz')),
      series('leak-a.t1.goroutine.pb.gz'),
    ];
    fuzz('pprof protobuf', seeds, 0x15_08_01, (b) => decodeProfile(isGzip(b) ? inflateGzip(b, { maxBytes: 16 << 20 }) : b), profileProblems);
  });

  it('legacy text and binary profiles', () => {
    const names = ['contentionz.txt', 'cpu.legacy.prof', 'heapz.txt', 'java.contentionz.txt', 'java.cpu.prof', 'java.heapz.txt', 'threadz.txt'];
    const seeds = names.map((f) => read('test', 'fixtures', 'legacy', f));
    expect(seeds.map((s) => sniffLegacy(s))).not.toContain(null);
    fuzz(
      'legacy profiles',
      seeds,
      0x15_08_02,
      (b) => {
        // What the loader does: sniff, and parse only what the sniff names (else make another input).
        const kind: LegacyKind | null = sniffLegacy(b);
        return kind ? parseLegacy(b, kind) : NOT_FOR_PARSER;
      },
      profileProblems,
    );
  });

  it('goroutine debug=1 (goroutine profile and Go heap/block/mutex texts)', () => {
    const seeds = [series('leak-a.t1.goroutine.debug1.txt'), read('test', 'fixtures', 'legacy', 'go.heap.debug1.txt'), read('test', 'fixtures', 'legacy', 'go.block.debug1.txt'), read('test', 'fixtures', 'legacy', 'go.mutex.debug1.txt')];
    fuzz('goroutine debug=1', seeds, 0x15_08_03, (b) => parseDebug1(b), dumpProblems);
  });

  it('goroutine debug=2', () => {
    const seeds = [firstGoroutines(new TextDecoder().decode(gunzip(series('leak-a.t1.goroutine.debug2.txt.gz'))), 6), firstGoroutines(new TextDecoder().decode(gunzip(series('healthy-c.goroutine.debug2.txt.gz'))), 6)];
    fuzz('goroutine debug=2', seeds, 0x15_08_04, (b) => parseDebug2(b), dumpProblems);
  });

  it('crash output (sniffed as the loader does)', () => {
    const seeds = ['crash-repanic.txt', 'crash-nilderef.txt', 'crash-mapwrite.txt'].map(series);
    fuzz('crash output', seeds, 0x15_08_05, (b) => parseGoroutineText(b), dumpProblems);
  });

  it('the link decoder: permalinks and view fields in the address', () => {
    const link = enc(`#${encodePermalink(examplePayload())}`);
    const query = enc(
      viewToQuery(
        encodeView({ ...defaultPortableView, tab: 'top', filter: { states: ['chan send', 'select'], minWait: 3, frame: '(.|.)*Z' }, search: 'DeleteCollection', zoomPath: ['main.main', 'main.leak'], topFilter: '(.|.)*Z' }),
      ).toString(),
    );
    const seeds = [link, query];
    const text = new TextDecoder();
    fuzz(
      'link decoder',
      seeds,
      0x15_08_06,
      (b) => {
        const s = text.decode(b);
        const permalink = decodePermalink(s);
        const view = decodeView(queryToParams(new URLSearchParams(s)));
        return { permalink, view };
      },
      (out) => {
        const { permalink, view } = out as { permalink: { ok: boolean; error?: string }; view: { invalid: string[] } };
        if (!permalink.ok && !(typeof permalink.error === 'string' && permalink.error.length > 0)) return 'a failed link without a message';
        if (!Array.isArray(view.invalid)) return 'a view decode without its list of invalid keys';
        return null;
      },
      false,
    );
  });
});
