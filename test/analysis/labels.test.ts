// Labels on the real series snapshots: counts per key and value against `go tool pprof -tags`,
// the tag filter's focus/ignore partition on random label sets, and grouping by a label over
// the debug=1 and debug=0 files of the same moment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { summarizeLabels } from '../../src/analysis/labels';
import { filterSamples } from '../../src/analysis/sampleFilter';
import { compileTagFilter, parseTagRange } from '../../src/analysis/tagFilter';
import { ProfileBuilder } from '../../src/model/builder';
import { loadBytes } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';

const series = (f: string) => join(repoRoot, 'test', 'fixtures', 'series', f);
const load = (f: string) => loadBytes(new Uint8Array(readFileSync(series(f))));
const skip = compileSkipList(defaultSkipList);
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const delcolSite = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';

/** `go tool pprof -tags` text to {key: {total, values: {value: count}}}. */
function readTags(text: string): Map<string, { total: number; values: Map<string, number> }> {
  const out = new Map<string, { total: number; values: Map<string, number> }>();
  let cur: { total: number; values: Map<string, number> } | null = null;
  for (const line of text.split('\n')) {
    const head = /^\s*(\S+): Total ([\d.]+)$/.exec(line);
    if (head) {
      cur = { total: Number(head[2]), values: new Map() };
      out.set(head[1]!, cur);
      continue;
    }
    const row = /^\s*([\d.]+) \(\s*[\d.]+%\): (.+)$/.exec(line);
    if (row && cur) cur.values.set(row[2]!, Number(row[1]));
  }
  return out;
}

describe('label counts', () => {
  const oracle = readTags(readFileSync(series('oracle/leak-a.t3.goroutine.tags.txt'), 'utf8'));

  it('equal go tool pprof -tags on the debug=0 profile, and the debug=1 text of the same moment', () => {
    expect([...oracle.keys()]).toEqual(['resource', 'scope', 'verb']);
    for (const file of ['leak-a.t3.goroutine.pb.gz', 'leak-a.t3.goroutine.debug1.txt']) {
      const summary = summarizeLabels(load(file).profile, 0, false, 100);
      expect(summary.map((k) => k.key)).toEqual([...oracle.keys()]);
      for (const k of summary) {
        const want = oracle.get(k.key)!;
        expect(k.count, `${file} ${k.key}`).toBe(want.total);
        expect(new Map(k.values.map((v) => [v.value, v.count]))).toEqual(want.values);
        expect(k.moreValues).toBe(0);
      }
    }
  });

  it('leave out the state and wait labels of a debug=2 dump, and there count the same labels', () => {
    const d2 = load('leak-a.t3.goroutine.debug2.txt.gz');
    expect(d2.goroutines!.format).toBe('debug2');
    const summary = summarizeLabels(d2.profile, 0, true, 100);
    // debug=2 text carries no pprof labels (Go 1.19 prints none in tracebacks).
    expect(summary.map((k) => k.key)).toEqual([]);
  });
});

describe('tag filter', () => {
  it('reads ranges as pprof does: units scale within a unit family, a bare number has no unit', () => {
    const r = parseTagRange('32kb:64kb')!;
    expect(r(32 * 1024, 'bytes')).toBe(true);
    expect(r(64 * 1024, 'bytes')).toBe(true);
    expect(r(64 * 1024 + 1, 'bytes')).toBe(false);
    // As measurement.Scale: a value of a unit pprof does not know reads as already in the range's unit.
    expect(r(40, 'count')).toBe(true);
    expect(r(40, 'nanoseconds')).toBe(false);
    expect(parseTagRange(':1kb')!(1024, 'bytes')).toBe(true);
    expect(parseTagRange('4mb:')!(4 * 2 ** 20, 'bytes')).toBe(true);
    expect(parseTagRange('4mb:')!(4 * 2 ** 20 - 1, 'bytes')).toBe(false);
    // "288" has no unit; a bytes label scales to "B", so pprof never matches it (oracle range-exact-288).
    expect(parseTagRange('288')!(288, 'bytes')).toBe(false);
    expect(parseTagRange('288b')!(288, 'bytes')).toBe(true);
    expect(parseTagRange('LIST')).toBeNull();
    expect(parseTagRange('v1')).toBeNull();
    expect(parseTagRange('1mb:2ms')).toBeNull();
    expect(parseTagRange('1mb:2')!(1.5 * 2 ** 20, 'bytes')).toBe(true);
  });

  it('says what is wrong with a bad expression instead of throwing', () => {
    const p = load('leak-a.t3.goroutine.pb.gz').profile;
    const r = compileTagFilter('tagignore', 'verb=[', p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^parsing tagignore regexp: /);
    const f = filterSamples(p, { states: [], minWait: 0, frame: '', tagfocus: '(' });
    expect(f.ok).toBe(false);
  });

  it('with the same expression, tagfocus and tagignore split the samples in two (random label sets)', () => {
    const keys = ['verb', 'resource', 'scope', 'bytes'];
    const values = ['LIST', 'pods', 'cluster', 'namespace', 'a,b', 'x=y', ''];
    const sampleArb = fc.record({
      str: fc.array(fc.tuple(fc.constantFrom(...keys.slice(0, 3)), fc.constantFrom(...values)), { maxLength: 4 }),
      num: fc.array(fc.integer({ min: 0, max: 1 << 22 }), { maxLength: 2 }),
    });
    const exprArb = fc.oneof(
      fc.constantFrom('LIST', 'verb=LIST', 'resource=pods,secrets', 'verb:LIST,scope:cluster', 'scope=', 'bytes=32kb:64kb', ':1kb', '4mb:', 'bytes=8kb', 'nokey=x', 'a,b'),
      fc.tuple(fc.constantFrom(...keys, ''), fc.constantFrom('^p', 'L.*T', '1kb:', ':2mb', 'c')).map(([k, v]) => (k ? `${k}=${v}` : v)),
    );
    fc.assert(
      fc.property(fc.array(sampleArb, { minLength: 1, maxLength: 20 }), exprArb, (samples, expr) => {
        const b = new ProfileBuilder({ sampleTypes: [{ type: 'goroutine', unit: 'count' }] });
        const f = b.addFunction(b.intern('main.f'), 0, b.intern('main.go'));
        for (const s of samples) {
          b.pushFrame(b.frame(f, 1));
          for (const [k, v] of s.str) if (v !== '') b.addLabel(b.intern(k), b.intern(v));
          for (const n of s.num) b.addNumLabel(b.intern('bytes'), n, b.intern('bytes'));
          b.endSample([1]);
        }
        const p = b.build();
        const focus = filterSamples(p, { states: [], minWait: 0, frame: '', tagfocus: expr });
        const ignore = filterSamples(p, { states: [], minWait: 0, frame: '', tagignore: expr });
        if (!focus.ok || !ignore.ok) return false;
        expect(focus.kept + ignore.kept).toBe(p.samples.length);
        for (let s = 0; s < p.samples.length; s++) expect(focus.keep[s]! + ignore.keep[s]!).toBe(1);
        return true;
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('grouping by a label', () => {
  for (const file of ['leak-a.t3.goroutine.debug1.txt', 'leak-a.t3.goroutine.pb.gz']) {
    it(`splits each (state, site) group by the value, goroutines without the key in their own group (${file})`, () => {
      const dump = load(file).goroutines!;
      const plain = groupGoroutines(dump, skip);
      const byVerb = groupGoroutines(dump, skip, undefined, 'verb');
      expect(byVerb.groupBy).toBe('verb');
      expect(byVerb.total).toBe(plain.total);
      expect(byVerb.total).toBe(1999);
      const row = (site: string, label: string | null) => byVerb.groups.find((g) => g.site === site && g.label === label);
      // -tags: LIST 1447 (the timeout leak), DELETECOLLECTION 488 (478 configmaps + 10 secrets).
      expect(row(timeoutSite, 'LIST')!.count).toBe(1447);
      expect(row(delcolSite, 'DELETECOLLECTION')!.count).toBe(488);
      const unlabelled = byVerb.groups.filter((g) => g.label === null).reduce((n, g) => n + g.count, 0);
      expect(unlabelled).toBe(1999 - 1935);
      // Every plain group's count is the sum of its split rows.
      for (const g of plain.groups) {
        const split = byVerb.groups.filter((x) => x.site === g.site && x.state === g.state);
        expect(split.reduce((n, x) => n + x.count, 0)).toBe(g.count);
        expect(g.label).toBeUndefined();
      }
      // The group detail's labels: key=value with counts.
      const del = row(delcolSite, 'DELETECOLLECTION')!;
      const resource = del.labels.find((l) => l.key === 'resource')!;
      expect(resource.values).toEqual([
        { value: 'configmaps', count: 478 },
        { value: 'secrets', count: 10 },
      ]);
      expect(del.buckets.reduce((n, b) => n + b.count, 0)).toBe(488);
      expect(del.buckets[0]!.labels.find((l) => l.key === 'verb')!.values).toEqual([{ value: 'DELETECOLLECTION', count: del.buckets[0]!.count }]);
    });
  }

  it('with a key no goroutine has, keeps every group whole as "without the key"', () => {
    const dump = load('leak-a.t3.goroutine.debug1.txt').goroutines!;
    const g = groupGoroutines(dump, skip, undefined, 'handler');
    expect(g.groups.every((x) => x.label === null)).toBe(true);
    expect(g.groups.length).toBe(groupGoroutines(dump, skip).groups.length);
  });
});
