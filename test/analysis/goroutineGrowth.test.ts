// Goroutine growth: on the leak samples (t1 and t2, 4 minutes apart) against counts taken from
// the raw text and times taken from index.json or the profile bytes, and on hand-made groupings
// whose scores are worked out by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { groupGoroutines, type GoroutineGroup, type GoroutineGrouping } from '../../src/analysis/goroutineGroups';
import { captureTimeMs, goroutineGrowth, type GrowthDump } from '../../src/analysis/goroutineGrowth';
import { loadBytes } from '../../src/parse/load';
import { summarizePprof } from '../samples/pprof-summary';
import { repoRoot } from '../support/fixtures';

const skip = compileSkipList(defaultSkipList);
const samplePath = (f: string) => join(repoRoot, 'public', 'samples', f);
const grouping = (f: string) => groupGoroutines(loadBytes(new Uint8Array(readFileSync(samplePath(f)))).goroutines!, skip);
const index = JSON.parse(readFileSync(samplePath('index.json'), 'utf8')) as Array<{ file: string; capturedAt: string | null }>;
const capturedAt = (f: string) => Date.parse(index.find((e) => e.file === f)!.capturedAt!);

const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const delcolSite = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';

/** Goroutines of a debug=2 text whose first frame is `func`, by plain splitting (not the parser). */
function rawCount(file: string, func: string): number {
  return readFileSync(samplePath(file), 'utf8')
    .split('\n\n')
    .map((block) => block.trim().split('\n'))
    .filter((lines) => lines[0]!.startsWith('goroutine ') && lines[1]!.slice(0, lines[1]!.lastIndexOf('(')) === func).length;
}

describe('growth between the leak dumps t1 and t2', () => {
  const t1 = 'apiserver-leaks.t1.goroutine.debug2.txt';
  const t2 = 'apiserver-leaks.t2.goroutine.debug2.txt';
  const hours = (capturedAt(t2) - capturedAt(t1)) / 3_600_000;
  const growth = goroutineGrowth([
    { grouping: grouping(t1), capturedAt: capturedAt(t1) },
    { grouping: grouping(t2), capturedAt: capturedAt(t2) },
  ]);

  it('ranks the timeoutHandler and DeleteCollection sites first and second, growing at the rate of the raw texts', () => {
    expect(hours).toBeCloseTo(4 / 60, 12);
    expect(growth.hours).toBe(hours);
    for (const [rank, site] of [timeoutSite, delcolSite].entries()) {
      const s = growth.sites[rank]!;
      const counts = [rawCount(t1, site), rawCount(t2, site)];
      expect(counts[0]).toBeGreaterThan(100);
      expect(s.site).toBe(site);
      expect(s.counts).toEqual(counts);
      expect(s.change).toBe(counts[1]! - counts[0]!);
      expect(s.perHour).toBe((counts[1]! - counts[0]!) / hours);
      expect([s.monotonic, s.steadiness, s.linearity, s.score]).toEqual([true, 1, 1, s.change]);
      expect(s.states).toEqual([{ state: 'chan send', counts, change: s.change }]);
    }
    // The two leaks are all that grew.
    expect(growth.sites.slice(2).every((s) => s.score === 0)).toBe(true);
    expect(growth.totals[1]! - growth.totals[0]!).toBe(growth.sites[0]!.change + growth.sites[1]!.change);
  });

  it('reads the same from the pprof (debug=0) and debug=1 forms, with the time the profile carries', () => {
    const pb = ['apiserver-leaks.t1.goroutine.pb.gz', 'apiserver-leaks.t2.goroutine.pb.gz'];
    const dumps: GrowthDump[] = pb.map((f) => ({
      grouping: grouping(f),
      capturedAt: captureTimeMs(loadBytes(new Uint8Array(readFileSync(samplePath(f)))).profile),
    }));
    const times = pb.map((f) => summarizePprof(new Uint8Array(readFileSync(samplePath(f)))).timeMillis);
    expect(dumps.map((d) => Math.floor(d.capturedAt!))).toEqual(times);
    const fromPprof = goroutineGrowth(dumps);
    const fromDebug1 = goroutineGrowth(
      ['apiserver-leaks.t1.goroutine.debug1.txt', 'apiserver-leaks.t2.goroutine.debug1.txt'].map((f) => ({ grouping: grouping(f), capturedAt: capturedAt(f) })),
    );
    for (const g of [fromPprof, fromDebug1]) {
      expect(g.sites.slice(0, 2).map((s) => [s.site, s.counts])).toEqual(growth.sites.slice(0, 2).map((s) => [s.site, s.counts]));
    }
    const change = growth.sites[0]!.change;
    expect(fromPprof.sites[0]!.perHour).toBeCloseTo(change / ((dumps[1]!.capturedAt! - dumps[0]!.capturedAt!) / 3_600_000), 6);
    expect(fromPprof.sites[0]!.perHour! / growth.sites[0]!.perHour!).toBeCloseTo(1, 2);
  });

  it('says which dumps have no time, and gives no rate without two', () => {
    const g = goroutineGrowth([
      { grouping: grouping(t1), capturedAt: null },
      { grouping: grouping(t2), capturedAt: capturedAt(t2) },
    ]);
    expect(g.missingTimes).toEqual([0]);
    expect(g.hours).toBeNull();
    expect(g.sites[0]!.perHour).toBeNull();
    expect(g.sites[0]!.site).toBe(timeoutSite);
  });
});

/** A grouping with these (state, site, count) groups; the other fields do not matter here. */
function groupingOf(groups: Array<[string, string, number]>): GoroutineGrouping {
  const out: GoroutineGroup[] = groups.map(([state, site, count], id) => ({
    id,
    state,
    site,
    siteFile: `${site}.go`,
    siteLine: 1,
    count,
    share: 0,
    wait: null,
    waitDistribution: null,
    waitHistogram: [],
    createdBy: [],
    goroutineIds: [],
    buckets: [],
    bucketCount: 0,
    creatorGroups: [],
  }));
  return { total: groups.reduce((a, g) => a + g[2], 0), states: [], groups: out, hasWaitMinutes: false, longestWait: -1, bucketEdges: [], bucketEnd: 0, bucketLabels: [] };
}

describe('the leak-suspect score', () => {
  const hour = 3_600_000;
  // Three dumps an hour apart. Worked out by hand (x = 0, 1, 2 hours):
  //   leak   100 200 300: change 200, steady (200/200), R^2 1          -> score 200, 100/h
  //   step   100 100 300: change 200, steady, R^2 200^2/(2*26666.67) = 0.75 -> 150
  //   burst    0 500 250: change 250, 250/(500+250) = 1/3, R^2 250^2/(2*125000) = 0.25 -> 20.83
  //   flat    40  40  40: change 0 -> 0;   shrink 300 200 100: change -200 -> 0
  const counts: Record<string, number[]> = {
    leak: [100, 200, 300],
    step: [100, 100, 300],
    burst: [0, 500, 250],
    flat: [40, 40, 40],
    shrink: [300, 200, 100],
  };
  const dumpAt = (k: number, time: number | null): GrowthDump => ({
    grouping: groupingOf(Object.entries(counts).map(([site, c]) => ['chan receive', site, c[k]!] as [string, string, number])),
    capturedAt: time,
  });

  it('prefers steady growth to jumps, and jumps to ups and downs', () => {
    // Given out of order: the dumps are compared by capture time.
    const g = goroutineGrowth([dumpAt(2, 2 * hour), dumpAt(0, 0), dumpAt(1, hour)]);
    expect(g.order).toEqual([1, 2, 0]);
    expect(g.hours).toBe(2);
    expect(g.sites.map((s) => s.site)).toEqual(['leak', 'step', 'burst', 'flat', 'shrink']);
    const bySite = Object.fromEntries(g.sites.map((s) => [s.site, s]));
    expect(bySite.leak).toMatchObject({ counts: [100, 200, 300], change: 200, relativeChange: 2, perHour: 100, monotonic: true, steadiness: 1, linearity: 1, score: 200 });
    expect(bySite.step!.monotonic).toBe(true);
    expect(bySite.step!.linearity).toBeCloseTo(0.75, 12);
    expect(bySite.step!.score).toBeCloseTo(150, 9);
    expect(bySite.burst!.monotonic).toBe(false);
    expect(bySite.burst!.relativeChange).toBeNull();
    expect(bySite.burst!.steadiness).toBeCloseTo(1 / 3, 12);
    expect(bySite.burst!.linearity).toBeCloseTo(0.25, 12);
    expect(bySite.burst!.score).toBeCloseTo(250 / 12, 9);
    expect([bySite.flat!.score, bySite.shrink!.score, bySite.shrink!.change, bySite.shrink!.perHour]).toEqual([0, 0, -200, -100]);
  });

  it('keeps the given order when a time is missing, and rates between the dumps that have one', () => {
    const g = goroutineGrowth([dumpAt(0, 0), dumpAt(1, null), dumpAt(2, 2 * hour)]);
    expect([g.order, g.missingTimes, g.hours]).toEqual([[0, 1, 2], [1], 2]);
    expect(g.sites[0]).toMatchObject({ site: 'leak', perHour: 100, linearity: 1 });
    const untimed = goroutineGrowth([dumpAt(0, null), dumpAt(2, null)]);
    expect([untimed.hours, untimed.missingTimes, untimed.sites[0]!.perHour]).toEqual([null, [0, 1], null]);
  });

  it('adds the states of a site together and keeps them apart too', () => {
    const g = goroutineGrowth([
      { grouping: groupingOf([['chan send', 'x', 10], ['select', 'x', 5], ['IO wait', 'y', 7]]), capturedAt: 0 },
      { grouping: groupingOf([['chan send', 'x', 30], ['semacquire', 'x', 2], ['IO wait', 'y', 7]]), capturedAt: hour / 2 },
    ]);
    expect(g.sites[0]).toMatchObject({ site: 'x', counts: [15, 32], change: 17, perHour: 34 });
    expect(g.sites[0]!.states).toEqual([
      { state: 'chan send', counts: [10, 30], change: 20 },
      { state: 'semacquire', counts: [0, 2], change: 2 },
      { state: 'select', counts: [5, 0], change: -5 },
    ]);
    expect(g.totals).toEqual([22, 39]);
    expect(() => goroutineGrowth([dumpAt(0, 0)])).toThrow('two or more dumps');
  });
});
