// Property tests: mutated real profiles (bit flips, truncation, insertion, overwrites,
// duplicated byte ranges), of the gzip bytes and of the inflated bytes, never crash, hang or
// mislead. Each case ends in a Profile whose every index is in range, or in a ParseError of
// kind malformed / unrecognized / limit, a malformed one with an offset inside its input.
import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it, afterAll } from 'vitest';
import { ParseError } from '../../../src/model/errors';
import { inflateGzip } from '../../../src/parse/inflate';
import { decodeProfile, looksLikeProfileProto } from '../../../src/parse/pprof';
import { listFixtures, readFixture, sharedSkipReason } from '../../support/fixtures';
import { validateProfile } from './validate';
import { concat } from './build';

const RUNS_PER_PROPERTY = 400;
/** The slowest case seen, reported (not asserted: CI machines are busy). */
let slowestMs = 0;
/** Mutated gzip may claim anything; keep a bomb from costing the suite its time. */
const TEST_INFLATE_CAP = 16 << 20;

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'duplicate'; from: number; length: number; to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 256 }), to: fc.nat() }),
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

function apply(input: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = input;
  for (const m of ms) {
    const n = b.length;
    if (n === 0) return b;
    switch (m.kind) {
      case 'flip': {
        b = b.slice();
        b[m.at % n]! ^= 1 << m.bit;
        break;
      }
      case 'truncate':
        b = b.slice(0, m.at % n);
        break;
      case 'insert': {
        const at = m.at % (n + 1);
        b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
        break;
      }
      case 'overwrite': {
        b = b.slice();
        b.set(m.bytes.subarray(0, Math.max(0, n - (m.at % n))), m.at % n);
        break;
      }
      case 'duplicate': {
        const from = m.from % n;
        const range = b.subarray(from, Math.min(n, from + m.length));
        const to = m.to % (n + 1);
        b = concat(b.subarray(0, to), range, b.subarray(to));
        break;
      }
    }
  }
  return b;
}

/** Checks a thrown value against the contract; returns a reason when it breaks it. */
function problemWith(e: unknown, inputLength: number): string | null {
  if (!(e instanceof ParseError)) return `non-ParseError escaped: ${e instanceof Error ? e.stack : String(e)}`;
  if (e.kind === 'cancelled') return 'cancelled without being asked';
  if (e.kind === 'malformed') {
    if (e.offset === undefined) return `malformed without offset: ${e.message}`;
    if (!(e.offset >= 0 && e.offset <= inputLength)) return `offset ${e.offset} outside 0..${inputLength}: ${e.message}`;
  }
  return null;
}

/** Decodes inflated bytes; null when the contract holds, else what broke. */
function checkDecode(bytes: Uint8Array): string | null {
  try {
    const p = decodeProfile(bytes);
    const problems = validateProfile(p);
    if (problems.length) return `invalid profile: ${problems.join('; ')}`;
    if (!looksLikeProfileProto(bytes)) return 'decoded, but the sniff says it is not a profile';
    return null;
  } catch (e) {
    if (e instanceof ParseError && e.kind === 'unrecognized' && looksLikeProfileProto(bytes)) {
      return 'unrecognized, but the sniff says it is a profile';
    }
    return problemWith(e, bytes.length);
  }
}

function checkGzip(gz: Uint8Array): string | null {
  let inflated: Uint8Array;
  try {
    inflated = inflateGzip(gz, { maxBytes: TEST_INFLATE_CAP });
  } catch (e) {
    return problemWith(e, gz.length);
  }
  return checkDecode(inflated);
}

function timed(check: () => string | null): boolean {
  const t0 = performance.now();
  const problem = check();
  const ms = performance.now() - t0;
  if (problem) throw new Error(problem);
  slowestMs = Math.max(slowestMs, ms);
  return true;
}

const fixtures = listFixtures('pprof', '.pb.gz');

describe.skipIf(fixtures.length === 0)(`mutated pprof fixtures end in a profile or a clear error ${sharedSkipReason}`, () => {
  it.each(fixtures)('%s: mutated gzip bytes', (name) => {
    const gz = readFixture('pprof', name);
    fc.assert(
      fc.property(mutations, (ms) => timed(() => checkGzip(apply(gz, ms)))),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });

  it.each(fixtures)('%s: mutated inflated bytes', (name) => {
    const bytes = new Uint8Array(gunzipSync(readFixture('pprof', name)));
    fc.assert(
      fc.property(mutations, (ms) => timed(() => checkDecode(apply(bytes, ms)))),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });
});

describe('arbitrary bytes', () => {
  it('never escape as anything but a ParseError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => timed(() => checkDecode(bytes))),
      { numRuns: 500 },
    );
  });

  it('after a gzip header either', () => {
    const header = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (tail) => timed(() => checkGzip(concat(header, tail)))),
      { numRuns: 300 },
    );
  });

  it('the smallest valid profile (a string table of "") decodes to an empty profile', () => {
    const p = decodeProfile(new Uint8Array([0x32, 0x00]));
    expect(p.samples.length).toBe(0);
    expect(p.strings).toEqual(['']);
    expect(validateProfile(p)).toEqual([]);
  });
});

afterAll(() => console.log(`[measure] slowest mutated pprof case: ${slowestMs.toFixed(0)} ms`));
