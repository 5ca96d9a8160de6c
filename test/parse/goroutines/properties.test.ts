// Property tests over mutations of the real fixtures: the parsers end in a well-formed result
// or a ParseError, quickly; and a dump cut at any byte keeps every goroutine before the cut
// unchanged and flags the goroutine the cut falls in.
import fc from 'fast-check';
import { describe, expect, it, afterAll } from 'vitest';
import { ParseError } from '../../../src/model/errors';
import { GoroutineFlag, type GoroutineDump } from '../../../src/model/goroutines';
import { parseDebug1, parseDebug2, parseGoroutineText } from '../../../src/parse/goroutines';
import { describeLocation } from '../../support/dump-goroutines';
import { listFixtures, readFixture, sharedDir, sharedSkipReason } from '../../support/fixtures';
import { summarize } from './summary';

/** The slowest parse seen, reported (not asserted: CI machines are busy). */
let slowestMs = 0;

/** Structural invariants every dump must satisfy, whatever the input (plain loops: fast). */
function checkInvariants(d: GoroutineDump): void {
  const fail = (what: string): never => {
    throw new Error(`invariant broken: ${what}`);
  };
  const p = d.profile;
  const nLoc = p.locations.length;
  const nStr = p.strings.length;
  const s = p.samples;
  if (s.stackStart.length !== s.length + 1 || s.labelStart.length !== s.length + 1) fail('sample index lengths');
  for (let i = 0; i < s.length; i++) {
    if (s.stackStart[i]! > s.stackStart[i + 1]! || s.labelStart[i]! > s.labelStart[i + 1]!) fail(`sample ${i} ranges`);
  }
  if (s.stackStart[s.length] !== s.stack.length || s.labelStart[s.length] !== p.labels.length) fail('sample ends');
  for (const loc of s.stack) if (loc >= nLoc) fail('stack location');
  for (let l = 0; l < p.lines.length; l++) {
    const fn = p.lines.func[l]!;
    if (fn >= p.functions.length || p.functions.name[fn]! >= nStr || p.functions.filename[fn]! >= nStr) fail('line function');
  }
  for (let j = 0; j < p.labels.length; j++) if (p.labels.key[j]! >= nStr || p.labels.str[j]! >= nStr) fail('label strings');
  if (d.unparsed.firstLines.length !== Math.min(10, d.unparsed.count)) fail('unparsed line numbers');
  if (d.crash) {
    // A crash line is counted once: never also as skipped or not understood.
    const lines = d.crash.lines.map((l) => l.line);
    for (let i = 1; i < lines.length; i++) if (lines[i]! <= lines[i - 1]!) fail('crash lines in order');
    for (const n of lines) if (d.unparsed.firstLines.includes(n) || d.skipped?.firstLines.includes(n)) fail(`crash line ${n} counted twice`);
    if (d.crash.lineCount < lines.length) fail('crash line count');
  }
  const g = d.goroutines;
  if (d.format !== 'debug2') {
    if (g !== null) fail('goroutine table on a non-debug2 dump');
    return;
  }
  if (!g || g.length !== s.length || d.total !== g.length) fail('goroutine count');
  const a = g!.ancestors;
  let anyCut = false;
  for (let i = 0; i < g!.length; i++) {
    if (g!.createdBy[i]! >= nLoc || g!.state[i]! >= nStr) fail(`goroutine ${i} references`);
    if (g!.ancestorStart[i]! > g!.ancestorStart[i + 1]!) fail('ancestor ranges');
    if (i > 0 && g!.offset[i]! <= g!.offset[i - 1]!) fail('offsets increase');
    if ((g!.flags[i]! & GoroutineFlag.Cut) !== 0) anyCut = true;
  }
  if (g!.ancestorStart[g!.length] !== a.length || a.stackStart[a.length] !== a.stack.length) fail('ancestor ends');
  for (const loc of a.stack) if (loc >= nLoc) fail('ancestor location');
  if (anyCut && !d.truncated) fail('a cut goroutine in a dump not marked truncated');
}

/** Runs every parser on the bytes: each ends in a result or a ParseError; the slowest is reported. */
function parseAll(bytes: Uint8Array): void {
  for (const parse of [parseGoroutineText, parseDebug2, parseDebug1]) {
    const t0 = performance.now();
    try {
      checkInvariants(parse(bytes));
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
    }
    slowestMs = Math.max(slowestMs, performance.now() - t0);
  }
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; line: string }
  | { kind: 'duplicate'; from: number; length: number; at: number };

const interestingLines = fc.oneof(
  fc.constantFrom(
    'goroutine 1 [running]:',
    'goroutine 99999999999999999999 [select]:',
    'goroutine 2 gp=0xc000 m=nil [chan receive, 5 minutes, locked to thread]:',
    'goroutine 3 [',
    '\t/a.go:1 +0x1',
    '\t/a.go:99999999999',
    '\tgoroutine running on other thread; stack unavailable',
    'main.f()',
    'main.(*T).M(0x1, {0x2, 0x3}, ...)',
    'created by main.main in goroutine 1',
    'created by ',
    '...additional frames elided...',
    '...123 frames elided...',
    '[originating from goroutine 7]:',
    'non-Go function at pc=0x1234',
    'non-Go function',
    '\tpc=0xabc',
    'goroutine profile: total 5',
    'heap profile: 1: 2 [3: 4] @ heap/1048576',
    '--- mutex:',
    'cycles/second=2000000000',
    '3 @ 0x1 0x2',
    '1: 2 [3: 4] @ 0x5',
    '# labels: {"k":"v\\u00e9", "z":"\\x00"}',
    '#\t0x4ee630\tsync.runtime_notifyListWait+0x150\t\tGOROOT/src/runtime/sema.go:597',
    '#\t0x4ee630',
    '# runtime.MemStats',
    '2024-01-02T03:04:05.123456789Z stderr P goroutine',
    '12:goroutine 5 [select]:',
    'panic: boom [recovered]',
    '\tpanic: again [recovered, repanicked]',
    'fatal error: concurrent map writes',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x498e75]',
    'SIGQUIT: quit',
    'PC=0x46b2a1 m=0 sigcode=0',
    'runtime stack:',
    'rax    0xca',
    '-----',
    'exit status 2',
    '',
    '\r',
  ),
  fc.string({ maxLength: 80 }),
);

const mutation = (len: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(Math.max(0, len - 1)), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(len) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(len), line: interestingLines }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      from: fc.nat(len),
      length: fc.integer({ min: 1, max: 4096 }),
      at: fc.nat(len),
    }),
  );

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = Math.min(m.kind === 'duplicate' ? m.at : m.at, bytes.length);
  switch (m.kind) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      out[at % bytes.length]! ^= 1 << m.bit;
      return out;
    }
    case 'cut':
      return bytes.subarray(0, at);
    case 'insert': {
      const line = new TextEncoder().encode(`${m.line}\n`);
      const nl = bytes.indexOf(10, at);
      const pos = nl < 0 ? bytes.length : nl + 1;
      const out = new Uint8Array(bytes.length + line.length);
      out.set(bytes.subarray(0, pos));
      out.set(line, pos);
      out.set(bytes.subarray(pos), pos + line.length);
      return out;
    }
    case 'duplicate': {
      const from = Math.min(m.from, bytes.length);
      const range = bytes.subarray(from, Math.min(bytes.length, from + m.length));
      const out = new Uint8Array(bytes.length + range.length);
      out.set(bytes.subarray(0, at));
      out.set(range, at);
      out.set(bytes.subarray(at), at + range.length);
      return out;
    }
  }
}

describe.skipIf(!sharedDir)(`mutated real dumps${sharedDir ? '' : ` (${sharedSkipReason})`}`, () => {
  const files = listFixtures('goroutine-text', '.txt');
  const small = files.filter((f) => readFixture('goroutine-text', f).length < 100_000);
  const large = files.filter((f) => !small.includes(f));

  it('small fixtures: every mutation ends in a result or a ParseError', () => {
    const inputs = small.map((f) => readFixture('goroutine-text', f));
    fc.assert(
      fc.property(
        fc.nat(inputs.length - 1).chain((i) => fc.tuple(fc.constant(i), fc.array(mutation(inputs[i]!.length), { minLength: 1, maxLength: 6 }))),
        ([i, ms]) => {
          let bytes = inputs[i]!;
          for (const m of ms) bytes = apply(bytes, m);
          parseAll(bytes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('large fixtures: mutations end in a result or a ParseError', () => {
    const inputs = large.map((f) => readFixture('goroutine-text', f));
    fc.assert(
      fc.property(
        fc.nat(inputs.length - 1).chain((i) => fc.tuple(fc.constant(i), fc.array(mutation(inputs[i]!.length), { minLength: 1, maxLength: 20 }))),
        ([i, ms]) => {
          let bytes = inputs[i]!;
          for (const m of ms) bytes = apply(bytes, m);
          parseAll(bytes);
        },
      ),
      { numRuns: 200 },
    );
  });

  const debug2Files = files.filter((f) => f !== 'stackgazer-stacks_with_labels.txt' && readFixture('goroutine-text', f).length > 0);

  for (const file of debug2Files) {
    const bytes = readFixture('goroutine-text', file);
    const runs = bytes.length > 100_000 ? 300 : Math.min(1000, bytes.length + 1);
    it(`${file}: a cut at any byte keeps the goroutines before it and flags the one it falls in`, () => {
      const full = summarize(parseDebug2(bytes));
      fc.assert(
        fc.property(fc.nat(bytes.length), (k) => {
          const d = parseDebug2(bytes.subarray(0, k));
          checkInvariants(d);
          const got = summarize(d);
          // c: the goroutine whose text the cut falls in (its header starts before k).
          let c = -1;
          while (c + 1 < full.length && full[c + 1]!.offset < k) c++;
          for (let i = 0; i < Math.min(c, got.length); i++) expect(got[i]).toEqual(full[i]);
          expect(got.length).toBeGreaterThanOrEqual(Math.max(0, c));
          expect(got.length).toBeLessThanOrEqual(c + 1);
          if (c < 0) return;
          const lineStart = bytes.lastIndexOf(10, k - 1) + 1;
          const atLineEnd = k === lineStart || k === bytes.length || bytes[k] === 10;
          const partial = new TextDecoder().decode(bytes.subarray(lineStart, k));
          if (got.length === c) {
            // The cut fell inside goroutine c's header line.
            expect(lineStart).toBe(full[c]!.offset);
            expect(d.truncated).toBe(true);
            return;
          }
          const cut = got[c]!;
          const whole = full[c]!;
          expect([cut.id, cut.state, cut.minutes]).toEqual([whole.id, whole.state, whole.minutes]);
          expect(cut.frames).toEqual(whole.frames.slice(0, cut.frames.length));
          const headerFlags = (flags: string[]) => flags.filter((f) => f === 'locked' || f === 'scan' || f === 'synctest');
          expect(headerFlags(cut.flags)).toEqual(headerFlags(whole.flags));
          // A cut in the middle of a body line loses data: the goroutine must say so, unless
          // only a file line's "+0x.." offset was lost, or the line lies after the blank line
          // that ended the goroutine.
          const body = new TextDecoder().decode(bytes.subarray(whole.offset, lineStart));
          const afterBlank = /\n\n/.test(body);
          if (!atLineEnd && lineStart > whole.offset && !afterBlank && !/:\d+ \+0x/.test(partial)) {
            expect(cut.flags).toContain('cut');
          }
        }),
        { numRuns: runs },
      );
    });
  }

  it('stackgazer-stacks_with_labels.txt (debug=1): a cut keeps every record before it', () => {
    const bytes = readFixture('goroutine-text', 'stackgazer-stacks_with_labels.txt');
    const records = (d: GoroutineDump): string[] => {
      const p = d.profile;
      const out: string[] = [];
      for (let i = 0; i < p.samples.length; i++) {
        const frames: string[] = [];
        for (let k = p.samples.stackStart[i]!; k < p.samples.stackStart[i + 1]!; k++) frames.push(describeLocation(p, p.samples.stack[k]!));
        out.push(`${p.samples.values[0]![i]} ${frames.join(' / ')}`);
      }
      return out;
    };
    const full = records(parseDebug1(bytes));
    fc.assert(
      fc.property(fc.integer({ min: 30, max: bytes.length }), (k) => {
        const d = parseDebug1(bytes.subarray(0, k));
        checkInvariants(d);
        const got = records(d);
        for (let i = 0; i < got.length - 1; i++) expect(got[i]).toBe(full[i]);
        if (k < bytes.length && bytes[k - 1] !== 10) expect(d.truncated).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

afterAll(() => console.log(`[measure] slowest parse of a mutated dump: ${slowestMs.toFixed(0)} ms`));
