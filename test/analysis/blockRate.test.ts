// The single-dump block rate: synthetic wait-minute distributions of each shape, and goldens on
// the real dumps (test/fixtures/series, public/samples, the shared real-world dumps).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { BLOCK_RATE_RESOLUTION, blockRate, blockRateText, type BlockRateResult } from '../../src/analysis/blockRate';
import { groupGoroutines, type GoroutineGrouping, type WaitDistribution } from '../../src/analysis/goroutineGroups';
import { loadProfile } from '../../src/parse/load';
import { listFixtures, readFixture, repoRoot, sharedDir } from '../support/fixtures';

/** A group from counts per minute value: counts[0] without minutes, counts[m] with m minutes. */
function group(counts: number[], state = 'chan send') {
  const d: WaitDistribution = { minutes: [], counts: [], withoutMinutes: counts[0] ?? 0 };
  counts.forEach((c, m) => {
    if (m > 0 && c > 0) {
      d.minutes.push(m);
      d.counts.push(c);
    }
  });
  return { state, count: counts.reduce((a, b) => a + b, 0), waitDistribution: d };
}

const rate = (counts: number[], longestWait = 60, state?: string) => blockRate(group(counts, state), longestWait);
const ok = (r: BlockRateResult) => {
  if (!r.ok) throw new Error(`no rate: ${r.reason}`);
  return r.rate;
};

describe('block rate on synthetic distributions', () => {
  it('reads Poisson-like counts around 30 a minute as steady, with K the mean of the full minutes', () => {
    const r = ok(rate([31, 28, 33, 27, 30, 35, 26, 29, 32, 30, 12]));
    expect(r.shape).toBe('steady');
    expect(r.minutes).toBe(11);
    expect(r.perMinute).toBeCloseTo(301 / 10, 10);
    expect(blockRateText(r)).toBe('blocked ~30 per minute over the last 11 minutes (steady)');
  });

  it('reads a rate rising toward now as accelerating, with both halves in the text', () => {
    const r = ok(rate([60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 5]));
    expect(r.shape).toBe('accelerating');
    expect(blockRateText(r)).toBe(
      'blocked ~38 per minute over the last 11 minutes (accelerating: ~50 per minute in the last 5 minutes, ~25 per minute before; or earlier ones have since returned, which a second dump tells)',
    );
  });

  it('gives a rate under one a minute per hour, and a long window in hours', () => {
    // 24 goroutines over 10 hours, one every 25 minutes.
    const counts = new Array<number>(601).fill(0);
    for (let m = 0; m < 600; m += 25) counts[m] = 1;
    counts[600] = 1;
    const r = ok(rate(counts, 2000));
    expect(r.perMinute).toBeCloseTo(24 / 600, 10);
    expect(blockRateText(r)).toBe('blocked ~2.4 per hour over the last ~10 hours (steady)');
  });

  it('reads a rate falling toward now as slowing', () => {
    expect(ok(rate([15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 20])).shape).toBe('slowing');
  });

  it('reads most goroutines within two minutes, well before the oldest in the dump, as one burst', () => {
    const r = ok(rate([2, 1, 0, 3, 1, 150, 40, 1, 2, 0, 1, 1], 60));
    expect(r.shape).toBe('burst');
    expect(r.burst).toEqual({ from: 5, to: 6, count: 190 });
    expect(blockRateText(r)).toBe('190 of 202 blocked in one burst ~5-6 minutes ago');
  });

  it('does not call a burst as old as the oldest goroutine of the dump a burst: it may have started with the process', () => {
    const r = rate([1, 0, 2, 1, 0, 1, 0, 2, 40, 12], 9);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('52 of 59 blocked 8-9 minutes ago, within a minute of the oldest goroutine in this dump (9 minutes): most likely started with the process, which cannot be told from a burst');
  });

  it('reads a burst in the last two minutes as a rise toward now', () => {
    expect(ok(rate([120, 40, 3, 2, 4, 3, 2, 3, 1])).shape).toBe('accelerating');
  });

  it('reads a flat series with one spike, and one that jumps up and down, as irregular', () => {
    expect(ok(rate([30, 31, 29, 30, 90, 30, 28, 31, 30, 10])).shape).toBe('irregular');
    expect(ok(rate([10, 60, 10, 60, 10, 60, 10, 60, 10])).shape).toBe('irregular');
  });

  it('says the rate is absent, and why, when the data cannot support it', () => {
    const reason = (r: BlockRateResult) => (r.ok ? `rate ${blockRateText(r.rate)}` : r.reason);
    expect(reason(rate([5, 4, 3, 3]))).toBe('15 goroutines are too few for a rate (it takes 20)');
    expect(reason(rate([228]))).toBe('all 228 blocked under a minute ago (or were not yet seen by a GC): too short a span for a rate at minute resolution');
    expect(reason(rate([100, 90]))).toBe('all 190 blocked within the last 2 minutes (or were not yet seen by a GC): too short a span for a rate at minute resolution');
    expect(reason(rate([300, 0, 0, 3, 2]))).toBe('only 5 of 305 have waited a minute or more: too few to tell a rate over time');
    expect(reason(rate([30, 30, 30, 30], 60, 'running'))).toBe('goroutines in running are not parked: their wait minutes do not tell when they blocked');
    expect(reason(rate([30, 30, 30, 30], 60, 'syscall'))).toMatch(/^goroutines in syscall are not parked/);
    expect(reason(blockRate({ state: '', count: 100, waitDistribution: null }, -1))).toBe('this format has no wait times (only debug=2 dumps have them)');
  });

  it('states its resolution', () => {
    expect(BLOCK_RATE_RESOLUTION).toMatch(/±1 minute/);
    expect(BLOCK_RATE_RESOLUTION).toMatch(/GC/);
  });
});

async function groupingOf(bytes: Uint8Array): Promise<GoroutineGrouping | null> {
  const loaded = await loadProfile(bytes);
  const dump = loaded.loaded.goroutines;
  return dump?.goroutines ? groupGoroutines(dump, compileSkipList(defaultSkipList)) : null;
}

/** Every group of at least 10 goroutines: its counts per minute and what the rule says. */
function describeRates(grouping: GoroutineGrouping): string {
  const out = [`${grouping.total} goroutines, oldest wait ${grouping.longestWait} minutes`];
  for (const g of grouping.groups) {
    if (g.count < 10) continue;
    const d = g.waitDistribution!;
    const counts = [`<1:${d.withoutMinutes}`, ...d.minutes.map((m, i) => `${m}:${d.counts[i]}`)].join(' ');
    const r = blockRate(g, grouping.longestWait);
    out.push(`${g.count} ${g.state} ${g.site}`, `  minutes ${counts}`, `  ${r.ok ? blockRateText(r.rate) : `no rate: ${r.reason}`}`);
  }
  return `${out.join('\n')}\n`;
}

const goldenFile = join(repoRoot, 'test', 'golden', 'block-rate.txt');
const update = process.env.UPDATE_GOLDEN === '1';
const series = ['leak-a.t1', 'leak-a.t2', 'leak-a.t3', 'leak-a.t4', 'leak-b.t1', 'leak-b.t2', 'healthy-c'].map((n) => `test/fixtures/series/${n}.goroutine.debug2.txt.gz`);
const samples = ['apiserver-leaks.t1', 'apiserver-leaks.t2', 'toyserver'].map((n) => `public/samples/${n}.goroutine.debug2.txt`);

describe('block rate on real dumps', () => {
  const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
  const delcolSite = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';
  const load = (path: string) => groupingOf(new Uint8Array(readFileSync(join(repoRoot, path))));
  const rateAt = (g: GoroutineGrouping, site: string) => blockRate(g.groups.find((x) => x.site === site)!, g.longestWait);

  it('reads the timeout leak of process a (a list every 150 ms, about 5 leaks a second) as steady near 300 a minute once it spans minutes', async () => {
    const t1 = (await load(series[0]!))!;
    expect(rateAt(t1, timeoutSite).ok).toBe(false);
    for (const [path, minutes] of [[series[1]!, 3], [series[2]!, 5], [series[3]!, 7]] as const) {
      const r = ok(rateAt((await load(path))!, timeoutSite));
      expect(r.shape, path).toBe('steady');
      expect(r.minutes, path).toBe(minutes);
      expect(r.perMinute, path).toBeGreaterThan(280);
      expect(r.perMinute, path).toBeLessThan(320);
    }
  });

  it('reads the DeleteCollection leak (bursts every 30 s) as steady at minute resolution', async () => {
    for (const path of series.slice(1, 4)) {
      const r = ok(rateAt((await load(path))!, delcolSite));
      expect(r.shape, path).toBe('steady');
    }
  });

  it('claims no rate for the healthy replica or the toy server', async () => {
    for (const path of [series[6]!, samples[2]!]) {
      const g = (await load(path))!;
      expect(g.groups.every((x) => !blockRate(x, g.longestWait).ok), path).toBe(true);
    }
  });

  it('matches the golden file', async () => {
    const parts: string[] = [];
    for (const path of [...series, ...samples]) parts.push(`== ${path}\n${describeRates((await load(path))!)}`);
    if (sharedDir) {
      for (const file of listFixtures('goroutine-text', '.txt')) {
        const g = await groupingOf(readFixture('goroutine-text', file)).catch(() => null);
        if (g && g.groups.some((x) => x.count >= 10)) parts.push(`== shared/fixtures/goroutine-text/${file}\n${describeRates(g)}`);
      }
    } else {
      console.warn('[block rate] shared fixtures absent: the golden comparison covers only the repository dumps');
    }
    const text = parts.join('\n');
    if (update) {
      mkdirSync(join(repoRoot, 'test', 'golden'), { recursive: true });
      writeFileSync(goldenFile, text);
    }
    if (!existsSync(goldenFile)) throw new Error(`missing golden file ${goldenFile}; run with UPDATE_GOLDEN=1 and review it`);
    const golden = readFileSync(goldenFile, 'utf8');
    // Without ../shared the repository dumps, which come first, must still read as written.
    if (sharedDir) expect(text).toBe(golden);
    else expect(golden.slice(0, text.length)).toBe(text);
  });
});
