// debug=1 count profiles. The runtime-* twins (testdata/gen/generate.sh, Go 1.19) are the
// debug=1 text and the debug=0 protobuf of the same profile written by one process: parsing
// the text must give the sample types, period and per-sample values (and labels) of the
// protobuf, decoded here with the project's pprof decoder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GoroutineDump } from '../../../src/model/goroutines';
import type { Profile } from '../../../src/model/profile';
import { parseDebug1, parseDebug2, parseGoroutineText } from '../../../src/parse/goroutines';
import { scaleHeapSample } from '../../../src/parse/goroutines/profiles';
import { loadBytes } from '../../../src/parse/load';
import { describeLocation, sampleLabels } from '../../support/dump-goroutines';
import { repoRoot } from '../../support/fixtures';
import { enc } from './summary';

const testdata = (name: string) => new Uint8Array(readFileSync(join(repoRoot, 'test', 'parse', 'goroutines', 'testdata', name)));

/**
 * Each sample as "values | sorted labels", sorted: a multiset that ignores record order.
 * All-zero samples are left out: the runtime lists every heap bucket, and buckets created by
 * the allocations of writing the first profile show up, empty, only in the second.
 */
function samples(p: Profile): string[] {
  const out: string[] = [];
  for (let i = 0; i < p.samples.length; i++) {
    if (p.samples.values.every((v) => v[i] === 0)) continue;
    const values = p.samples.values.map((v) => v[i]).join(' ');
    out.push(`${values} | ${sampleLabels(p, i).sort().join(' ')}`);
  }
  return out.sort();
}

function frames(p: Profile, i: number): string[] {
  const out: string[] = [];
  for (let k = p.samples.stackStart[i]!; k < p.samples.stackStart[i + 1]!; k++) out.push(describeLocation(p, p.samples.stack[k]!));
  return out;
}

describe('debug=1 against the debug=0 protobuf of the same profile (Go 1.19)', () => {
  for (const name of ['goroutine', 'threadcreate', 'heap', 'block', 'mutex']) {
    it(`${name}: same sample types, period and values`, () => {
      const dump = parseGoroutineText(testdata(`runtime-${name}.debug1.txt`));
      const want = loadBytes(testdata(`runtime-${name}.debug0.pb.gz`)).profile;
      const got = dump.profile;
      expect(dump.format).toBe('debug1');
      expect(dump.goroutines).toBeNull();
      expect(dump.unparsed.count).toBe(0);
      expect(dump.problems).toEqual([]);
      expect(got.sampleTypes).toEqual(want.sampleTypes);
      expect(got.periodType).toEqual(want.periodType);
      expect(got.period).toBe(want.period);
      expect(got.samples.length).toBeGreaterThan(0);
      expect(samples(got)).toEqual(samples(want));
    });
  }

  it('goroutine: labels read back from Go %q quoting, the empty one dropped as in debug=0', () => {
    const d = parseDebug1(testdata('runtime-goroutine.debug1.txt'));
    expect(d.total).toBe(9);
    expect(sampleLabels(d.profile, 0)).toEqual(['job="import \\"id\\"=7"', 'note="café\\n\\t\\\\"']);
    expect(frames(d.profile, 0).map((f) => f.split('  ')[0])).toEqual(['main.parked', 'main.main.func1', 'runtime/pprof.Do']);
  });

  it('goroutine: the debug=2 dump of the same process has as many goroutines', () => {
    const d2 = parseDebug2(testdata('runtime-goroutine.debug2.txt'));
    expect(d2.total).toBe(9);
    expect(d2.unparsed.count).toBe(0);
    expect(d2.truncated).toBe(false);
  });

  it('threadcreate: a record with an empty stack has no locations, as in debug=0', () => {
    const d = parseDebug1(testdata('runtime-threadcreate.debug1.txt'));
    expect(d.total).toBe(5);
    expect(d.profile.samples.stack.length).toBe(0);
  });

  it('heap: values are scaled like runtime/pprof scaleHeapSample, with the bytes label', () => {
    const d = parseDebug1(enc('heap profile: 210: 10080 [420: 20160] @ heap/8192\n210: 10080 [420: 20160] @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:3\n'));
    const p = d.profile;
    expect(p.period).toBe(4096);
    const [inuseObjects, inuseBytes] = scaleHeapSample(210, 10080, 4096);
    const [allocObjects, allocBytes] = scaleHeapSample(420, 20160, 4096);
    expect([allocObjects, allocBytes, inuseObjects, inuseBytes]).toEqual([36050, 1730419, 18025, 865209]);
    expect(p.samples.values.map((v) => v[0])).toEqual([allocObjects, allocBytes, inuseObjects, inuseBytes]);
    expect(sampleLabels(p, 0)).toEqual(['bytes=48']);
    expect(d.total).toBe(210);
    // MemProfileRate 1 (heap/2) records every allocation: nothing to scale.
    expect(scaleHeapSample(3, 300, 1)).toEqual([3, 300]);
    expect(scaleHeapSample(0, 0, 4096)).toEqual([0, 0]);
  });

  it('heap: scaleHeapSample gives the numbers of the Go runtime, digit for digit (Go 1.19 math.Exp)', () => {
    const sweep = new TextDecoder().decode(testdata('scaleheap.go1.19-amd64.txt')).trim().split('\n');
    expect(sweep.length).toBeGreaterThan(2000);
    const mismatches = sweep.filter((line) => {
      const [count, size, rate, c, s] = line.split(' ').map(Number) as [number, number, number, number, number];
      const [gc, gs] = scaleHeapSample(count, size, rate);
      return gc !== c || gs !== s;
    });
    expect(mismatches).toEqual([]);
  });
});

describe('debug=1 details', () => {
  it('keeps frames without symbols as address-only locations', () => {
    const d = parseDebug1(enc('goroutine profile: total 3\n3 @ 0x4ad90f 0x4ad857 0x461661\n#\t0x4ad90e\n#\t0x4ad856\n#\t0x461660\n\n'));
    expect(frames(d.profile, 0)).toEqual(['0x4ad90e (address only)', '0x4ad856 (address only)', '0x461660 (address only)']);
    expect(d.total).toBe(3);
    expect(d.unparsed.count).toBe(0);
  });

  it('reports a header total that disagrees with the records, without failing', () => {
    const d = parseDebug1(enc('goroutine profile: total 10\n3 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n4 @ 0x2\n#\t0x2\tmain.g+0x1\t/a.go:4\n\n'));
    expect(d.total).toBe(7);
    expect(d.problems).toEqual([{ kind: 'malformed', message: 'the header says total 10 but the records add up to 7', line: 1 }]);
  });

  it('reads every Go %q escape in labels', () => {
    const d = parseDebug1(
      enc('goroutine profile: total 1\n1 @ 0x1\n# labels: {"a\\x41\\101":"\\u00e9\\U0001F600\\a\\b\\f\\v\\r", "k":"v, w"}\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n'),
    );
    expect(sampleLabels(d.profile, 0)).toEqual([`aAA=${JSON.stringify('é😀\u0007\b\f\v\r')}`, 'k="v, w"']);
    expect(d.unparsed.count).toBe(0);
  });

  it('reads frames whose columns the tabwriter padded with several tabs, and Windows paths', () => {
    const d = parseDebug1(enc('goroutine profile: total 2\n2 @ 0x1 0x2\n#\t0x1\tmain.(*T).f+0x1\t\t\tC:/src/a.go:3\n#\t0x2\tmain.main+0x2a\t\t\t\tC:/src/main.go:9\n\n'));
    expect(frames(d.profile, 0)).toEqual(['main.(*T).f  C:/src/a.go:3', 'main.main  C:/src/main.go:9']);
  });

  it('counts lines it does not understand and skips text before the header', () => {
    const d = parseDebug1(enc('some log line\ngoroutine profile: total 1\n1 @ 0x1\n#\tbroken\n#\t0x1\tmain.f+0x1\t/a.go:3\nnonsense\n'));
    expect(d.skipped).toEqual({ count: 1, firstLines: [1] });
    expect(d.unparsed).toEqual({ count: 2, firstLines: [4, 6] });
    expect(frames(d.profile, 0)).toEqual(['main.f  /a.go:3']);
  });

  it('marks a cut last line as truncation and keeps the records read', () => {
    const text = 'goroutine profile: total 5\n3 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n2 @ 0x2\n#\t0x2\tmain.g+0x1\t/a.go:44\n';
    const d = parseDebug1(enc(text.slice(0, -3)));
    expect(d.truncated).toBe(true);
    expect(d.total).toBe(5);
    expect(frames(d.profile, 1)).toEqual([]);
    expect(d.problems).toEqual([]);
  });

  it('reads block and mutex headers: delay from cycles, mutex scaled by its sampling period', () => {
    const block = parseDebug1(enc('--- contention:\ncycles/second=2000000000\n3000000000 7 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n'));
    expect(block.profile.samples.values.map((v) => v[0])).toEqual([7, 1500000000]);
    const mutex = parseDebug1(enc('--- mutex:\ncycles/second=2000000000\nsampling period=5\n3000000000 7 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n'));
    expect(mutex.profile.samples.values.map((v) => v[0])).toEqual([35, 7500000000]);
    expect(mutex.total).toBe(7);
  });

  it('keeps the runtime.MemStats trailer of heap profiles as profile comments, out of the records', () => {
    const d = parseDebug1(enc('heap profile: 1: 8 [1: 8] @ heap/1048576\n1: 8 [1: 8] @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:3\n\n# runtime.MemStats\n# Alloc = 1\n# NumGC = 2\n'));
    expect(d.profile.comments).toEqual(['# runtime.MemStats', '# Alloc = 1', '# NumGC = 2']);
    expect(d.skipped?.count).toBe(0);
    expect(d.unparsed.count).toBe(0);
    expect(d.profile.samples.length).toBe(1);
  });

  it('says what is wrong when the text has no debug=1 header', () => {
    expect(() => parseDebug1(enc('goroutine 1 [running]:\n'))).toThrow(/not a debug=1 profile/);
  });
});

describe('debug=0', () => {
  it('gives the dump view of a decoded goroutine profile: total = sum of counts', async () => {
    const { goroutineDumpFromProfile } = await import('../../../src/parse/goroutines');
    const p = loadBytes(testdata('runtime-goroutine.debug0.pb.gz')).profile;
    const d: GoroutineDump = goroutineDumpFromProfile(p);
    expect([d.format, d.total, d.goroutines, d.truncated, d.unparsed.count]).toEqual(['debug0', 9, null, false, 0]);
    expect(d.profile).toBe(p);
  });
});
