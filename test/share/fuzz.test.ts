// Properties over generated inputs: any valid payload survives a link exactly (v3, v2, v1), and
// anything else a chat can deliver (random text, damaged links, forged documents, bombs, deep
// nesting, prototype keys, non-finite numbers, markup) ends in a payload or one clear
// sentence, quickly, without an exception.
import fc from 'fast-check';
import { deflate } from 'pako';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../src/share/base64url';
import { decodePermalink, encodePermalink, validatePayload } from '../../src/share/codec';
import { LINK_DICTIONARY } from '../../src/share/dictionary';
import { ENVELOPE_PREFIX, sealEnvelope } from '../../src/share/envelope';
import { SCHEMA_VERSION, type Figures, type Finding, type GroupSummary, type SharedBug, type SharePayload, type Snapshot, type StackFrame, type WaitStats } from '../../src/share/schema';
import { packBody, toV1 } from '../../src/share/upgrade';
import { writeWire } from '../../src/share/wire';

const hostile = [
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '</script><script>alert(1)</script>',
  '"><svg/onload=alert(1)>',
  '${alert(1)}',
  '__proto__',
  'constructor',
  '\u0000\u2028\u2029\u202E',
  '{"v":2}',
];

/** Well-formed text: any code points, or one of the hostile strings. */
const text = (max: number) =>
  fc.oneof({ weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: Math.floor(max / 2) }) }, { weight: 1, arbitrary: fc.constantFrom(...hostile) });
const short = text(200);
const long = text(400);
const count = fc.oneof(fc.nat({ max: 100_000 }), fc.maxSafeNat());
const value = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const time = fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString());
const granularity = fc.constantFrom('functions', 'filefunctions', 'files', 'lines', 'addresses' as const);

const figures: fc.Arbitrary<Figures> = fc.record({
  sampleType: short,
  unit: short,
  flat: value,
  cum: value,
  total: value,
  flatText: short,
  cumText: short,
  totalText: short,
  flatPct: short,
  cumPct: short,
});
const wait: fc.Arbitrary<WaitStats | null> = fc.option(fc.record({ min: count, median: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)), max: count }));
const groupSummary: fc.Arbitrary<GroupSummary> = fc.record({
  state: short,
  site: long,
  siteFile: long,
  siteLine: count,
  count,
  wait,
  histogram: fc.array(count, { maxLength: 6 }),
});
const frame: fc.Arbitrary<StackFrame> = fc.record({ func: long, file: long, line: count });
const bug: fc.Arbitrary<SharedBug> = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
  title: short,
  status: fc.constantFrom('affected', 'fixed', 'not-affected', 'unknown-version' as const),
  severity: fc.stringMatching(/^[a-z0-9-]{1,24}$/),
  summary: long,
  evidence: fc.array(fc.record({ label: short, value: long }), { maxLength: 3 }),
  refs: fc.array(fc.record({ label: short, url: fc.webUrl({ validSchemes: ['https', 'http'] }) }), { maxLength: 3 }),
});
const base = { id: fc.stringMatching(/^[A-Za-z0-9_-]{4,16}$/), title: short, note: text(4000), createdAt: time };
const finding: fc.Arbitrary<Finding> = fc.oneof(
  fc.record({ kind: fc.constant('frame' as const), ...base, func: long, path: fc.array(long, { maxLength: 8 }), values: figures }),
  fc.record({ kind: fc.constant('top-row' as const), ...base, name: long, func: long, granularity, values: figures }),
  fc.record({ kind: fc.constant('group' as const), ...base, group: groupSummary, total: count, bucketLabels: fc.array(short, { maxLength: 6 }) }),
  fc.record({
    kind: fc.constant('bucket' as const),
    ...base,
    group: fc.record({ state: short, site: long }),
    count,
    wait,
    frames: fc.array(frame, { maxLength: 12 }),
    depth: count,
    labels: fc.array(fc.record({ key: short, value: long }), { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('known-bug' as const), ...base, bug }),
);
const snapshot: fc.Arbitrary<Snapshot> = fc.record({
  top: fc.option(
    fc.record({
      sampleType: short,
      unit: short,
      granularity,
      total: value,
      totalText: short,
      rows: fc.array(fc.record({ name: long, flat: value, cum: value, flatText: short, cumText: short, flatPct: short, cumPct: short }), { maxLength: 5 }),
      rowCount: count,
    }),
  ),
  goroutines: fc.option(fc.record({ total: count, bucketLabels: fc.array(short, { maxLength: 6 }), groups: fc.array(groupSummary, { maxLength: 4 }), groupCount: count })),
  knownBugs: fc.array(bug, { maxLength: 2 }),
});
const payload: fc.Arbitrary<SharePayload> = fc.record({
  v: fc.constant(SCHEMA_VERSION),
  profile: fc.record({
    name: short,
    size: count,
    format: short,
    sampleTypes: fc.array(fc.record({ type: short, unit: short }), { maxLength: 4 }),
    time: fc.option(time),
    sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
  }),
  view: fc.record({
    tab: fc.constantFrom('goroutines', 'flame', 'top', 'graph' as const),
    sampleType: short,
    granularity,
    filter: fc.record({ states: fc.array(short, { maxLength: 4 }), minWait: count, frame: long }),
    focus: fc.option(long),
    zoomPath: fc.array(long, { maxLength: 6 }),
    group: fc.option(fc.record({ state: short, site: long })),
    search: long,
    topFilter: long,
  }),
  findings: fc.array(finding, { maxLength: 5 }),
  snapshot: fc.option(snapshot),
});

/** decodePermalink must answer, not throw (a hang ends the run at the test's timeout). */
function decodeSafely(fragment: string): ReturnType<typeof decodePermalink> {
  const r = decodePermalink(fragment);
  if (r.ok) expect(validatePayload(r.payload)).toEqual({ ok: true });
  else {
    expect(typeof r.error).toBe('string');
    expect(r.error.length).toBeGreaterThan(10);
    expect(r.error.length).toBeLessThan(400);
  }
  return r;
}

describe('valid payloads', () => {
  it('round-trip exactly through a v3 link, a v2 link and a v1 link', () => {
    fc.assert(
      fc.property(payload, (p) => {
        expect(validatePayload(p)).toEqual({ ok: true });
        const v3 = decodePermalink(encodePermalink(p));
        expect(v3).toEqual({ ok: true, payload: p });
        const { v: _v, ...body } = p;
        expect(decodePermalink(sealEnvelope(packBody(body)))).toEqual({ ok: true, payload: p });
        expect(decodePermalink(sealEnvelope(toV1(p)))).toEqual({ ok: true, payload: p });
      }),
      { numRuns: 400 },
    );
  });
});

describe('hostile input', () => {
  it('arbitrary text, and arbitrary text after the prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 300 }), (s, b64) => {
        decodeSafely(s);
        decodeSafely(`#${s}`);
        expect(decodeSafely(`s1.${b64}`).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('damaged links: flipped bits, cuts, insertions, deletions', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 5 }) }),
      fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 16 }) }),
    );
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(payload, fc.array(mutation, { minLength: 1, maxLength: 3 }), (p, mutations) => {
        let f = encodePermalink(p);
        for (const m of mutations) {
          const at = 3 + (m.at % Math.max(1, f.length - 3));
          if (m.op === 'flip') {
            const i = alphabet.indexOf(f[at] ?? 'A');
            f = f.slice(0, at) + alphabet[(i < 0 ? 0 : i) ^ (1 << m.bit)]! + f.slice(at + 1);
          } else if (m.op === 'cut') f = f.slice(0, at);
          else if (m.op === 'insert') f = f.slice(0, at) + m.text + f.slice(at);
          else f = f.slice(0, at) + f.slice(at + m.n);
        }
        decodeSafely(f);
      }),
      { numRuns: 1500 },
    );
  });

  it('forged documents: a random value anywhere in a valid one', () => {
    const seen = new Set<string>();
    const leaf = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      // Non-finite numbers exist only in JSON text ("1e999" parses to Infinity): written via markers.
      fc.constantFrom('\u0000+inf', '\u0000-inf', -0, 2 ** 53, 0.5, -1, '__proto__', ...hostile),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'kind', 'v'), fc.jsonValue({ maxDepth: 1 })),
    );
    fc.assert(
      fc.property(payload, fc.constantFrom(1, 2, 3), fc.nat(), leaf, (p, form, pick, replacement) => {
        const { v: _v, ...body } = p;
        const doc = JSON.parse(JSON.stringify(form === 1 ? toV1(p) : form === 2 ? packBody(body) : writeWire(body))) as unknown;
        // Every place in the document (containers and leaves); replace the picked one.
        const places: Array<[Record<string, unknown>, string]> = [];
        const visit = (node: unknown) => {
          if (typeof node !== 'object' || node === null) return;
          for (const k of Object.keys(node)) {
            places.push([node as Record<string, unknown>, k]);
            visit((node as Record<string, unknown>)[k]);
          }
        };
        visit(doc);
        const [parent, key] = places[pick % places.length]!;
        parent[key] = replacement;
        const json = JSON.stringify(doc).replaceAll('"\\u0000+inf"', '1e999').replaceAll('"\\u0000-inf"', '-1e999');
        const fragment = ENVELOPE_PREFIX + encodeBase64Url(deflate(new TextEncoder().encode(json), { dictionary: LINK_DICTIONARY }));
        const r = decodeSafely(fragment);
        seen.add(r.ok ? 'ok' : r.error.replace(/^.*: /, ''));
      }),
      { numRuns: 1500 },
    );
    // The generator reaches the cases it is meant to (not only "ok" and one kind of error).
    const all = [...seen].join('\n');
    for (const want of ['ok', 'expected a finite number, got an infinite number', 'forbidden key "__proto__"', 'expected text', 'unexpected field']) {
      expect(all).toContain(want);
    }
  });

  it('arbitrary JSON, deep nesting and huge arrays', () => {
    const nested = fc.integer({ min: 1, max: 5000 }).map((n) => `${'{"v":['.repeat(n)}1${']}'.repeat(n)}`);
    const huge = fc.integer({ min: 10_000, max: 200_000 }).map((n) => JSON.stringify({ v: 2, s: new Array(n).fill('x'), d: [] }));
    const wide = fc.integer({ min: 1000, max: 100_000 }).map((n) => JSON.stringify({ v: 1, findings: new Array(n).fill(0) }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue().map((j) => JSON.stringify(j) ?? 'null'), nested, huge, wide), (textDoc) => {
        decodeSafely(ENVELOPE_PREFIX + encodeBase64Url(deflate(new TextEncoder().encode(textDoc), { dictionary: LINK_DICTIONARY })));
      }),
      { numRuns: 300 },
    );
  });

  it('deflate bombs of any size stop at the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 255 }), (mb, byte) => {
        const bomb = deflate(new Uint8Array(mb * 1024 * 1024).fill(byte), { level: 9 });
        const r = decodeSafely(ENVELOPE_PREFIX + encodeBase64Url(bomb));
        expect(r.ok).toBe(false);
      }),
      { numRuns: 12 },
    );
  });
});
