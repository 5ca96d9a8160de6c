// Goroutine growth over real series from our leak generator (test/fixtures/series: one process
// dumped at 45 s, 2m45s, 4m45s, 6m45s, another process and a healthy replica at the same
// moments; public/samples: one process 4 minutes apart), against facts read from the raw files:
// counts by plain text splitting, and the true elapsed time from the debug=0 profile of the same
// snapshot (its time_nanos). Then hand-written dumps for churn and replaced goroutines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { captureTimeMs, goroutineGrowth, growthDump, type GrowthDump } from '../../src/analysis/goroutineGrowth';
import { loadBytes, loadProfile } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';

const skip = compileSkipList(defaultSkipList);
const series = (f: string) => join(repoRoot, 'test', 'fixtures', 'series', f);
const samplePath = (f: string) => join(repoRoot, 'public', 'samples', f);

const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const delcolSite = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';

async function dumpOf(path: string, fileTime: number | null = null, enteredTime: number | null = null): Promise<GrowthDump> {
  const l = await loadProfile(new Uint8Array(readFileSync(path)));
  const g = l.loaded.goroutines!;
  return growthDump({ goroutines: g, text: l.inflated, profile: l.loaded.profile }, groupGoroutines(g, skip), fileTime, enteredTime);
}

function text(path: string): string {
  const raw = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

/** Goroutines of a debug=2 text whose first frame is `func`, by plain splitting (not the parser). */
function rawCount(path: string, func: string): number {
  return text(path)
    .split('\n\n')
    .map((block) => block.trim().split('\n'))
    .filter((lines) => lines[0]!.startsWith('goroutine ') && lines[1]!.slice(0, lines[1]!.lastIndexOf('(')) === func).length;
}

/** The true time of a snapshot: the time_nanos of its debug=0 profile, written in the same pause. */
const snapshotTime = (stem: string) => captureTimeMs(loadBytes(new Uint8Array(readFileSync(series(`${stem}.goroutine.pb.gz`)))).profile)!;

describe('one process dumped three times, given out of order', () => {
  const stems = ['leak-a.t4', 'leak-a.t2', 'leak-a.t3'];
  const files = stems.map((s) => series(`${s}.goroutine.debug2.txt.gz`));

  it('orders the dumps by their wait minutes and bounds each interval to the minute around the true one', async () => {
    // Every file has the same date, as after a copy: only the dumps can tell the time.
    const g = goroutineGrowth(await Promise.all(files.map((f) => dumpOf(f, 1_000))));
    expect(g.order).toEqual([1, 2, 0]);
    expect(g.orderedBy).toBe('goroutine-waits');
    expect(g.sameProcess).toBe(true);
    expect(g.intervals).toHaveLength(2);
    for (const i of g.intervals) {
      const truth = (snapshotTime(stems[i.to]!) - snapshotTime(stems[i.from]!)) / 1000;
      expect(i.source).toBe('goroutine-waits');
      expect(i.sameProcess).toBe(true);
      expect(i.persisted!.count / i.persisted!.of).toBeGreaterThan(0.9);
      expect(i.minSeconds!).toBeLessThanOrEqual(truth);
      expect(i.maxSeconds!).toBeGreaterThanOrEqual(truth);
      expect(i.maxSeconds! - i.minSeconds!).toBeLessThanOrEqual(120);
      expect(Math.abs(i.elapsedSeconds! - truth)).toBeLessThanOrEqual(60);
      expect(i.note).toMatch(/from the wait minutes of [\d,]+ goroutines waiting in both/);
    }
    // First to last is measured directly from the dumps, not summed.
    const truth = (snapshotTime('leak-a.t4') - snapshotTime('leak-a.t2')) / 1000;
    expect(g.span!.minSeconds!).toBeLessThanOrEqual(truth);
    expect(g.span!.maxSeconds!).toBeGreaterThanOrEqual(truth);
    expect(g.spanPositions).toEqual([0, 2]);
  });

  it('ranks the two leaks as suspects with counts of the raw texts and rates from the inferred time', async () => {
    const g = goroutineGrowth(await Promise.all(files.map((f) => dumpOf(f))));
    const ordered = g.order.map((i) => files[i]!);
    expect(g.sites.filter((s) => s.verdict === 'leak-suspect').map((s) => s.site)).toEqual([timeoutSite, delcolSite]);
    for (const site of [timeoutSite, delcolSite]) {
      const s = g.sites.find((x) => x.site === site)!;
      const counts = ordered.map((f) => rawCount(f, site));
      expect(s.counts).toEqual(counts);
      expect(s.state).toBe('chan send');
      expect(s.persistedShare).toBe(1);
      expect(s.grewEveryInterval).toBe(true);
      const change = counts[2]! - counts[0]!;
      expect(s.perMinute).toBeCloseTo(change / (g.span!.elapsedSeconds! / 60), 9);
      expect(s.perMinuteLow).toBeCloseTo(change / (g.span!.maxSeconds! / 60), 9);
      expect(s.perMinuteHigh).toBeCloseTo(change / (g.span!.minSeconds! / 60), 9);
      expect(s.rateText).toMatch(new RegExp(`^\\+${change.toLocaleString('en-US')} in 4 min ± 1 min: [\\d.,]+-[\\d.,]+ per minute$`));
    }
  });

  it('calls the keep-alive connections that were replaced at a flat count churn, not growth', async () => {
    const g = goroutineGrowth(await Promise.all(files.slice(1).map((f) => dumpOf(f))));
    const churn = g.sites.filter((s) => s.verdict === 'churn');
    expect(churn.length).toBeGreaterThan(0);
    for (const s of churn) {
      expect(s.change).toBe(0);
      expect(s.persistedShare!).toBeLessThan(0.5);
    }
  });
});

describe('the early dump and the series around it', () => {
  it('takes no time from the first interval (no goroutine waited a minute, file dates equal) and rates over the rest', async () => {
    const stems = ['leak-a.t1', 'leak-a.t2', 'leak-a.t3', 'leak-a.t4'];
    const g = goroutineGrowth(await Promise.all(stems.map((s) => dumpOf(series(`${s}.goroutine.debug2.txt.gz`), 5_000))));
    expect(g.order).toEqual([0, 1, 2, 3]);
    expect(g.sameProcess).toBe(true);
    expect(g.intervals[0]).toMatchObject({ elapsedSeconds: null, source: 'file-mtime', sameProcess: true });
    expect(g.intervals[0]!.note).toContain('no rate');
    expect(g.spanPositions).toEqual([1, 3]);
    const s = g.sites[0]!;
    expect(s.site).toBe(timeoutSite);
    expect(s.verdict).toBe('leak-suspect');
    expect(s.perMinute).toBeCloseTo((s.counts[3]! - s.counts[1]!) / (g.span!.elapsedSeconds! / 60), 9);
  });

  it('uses file dates only when nothing else exists, says they are not reliable, and gives no rate for dates a second apart', async () => {
    const d1 = ['leak-a.t2', 'leak-a.t3'].map((s) => series(`${s}.goroutine.debug1.txt`));
    const close = goroutineGrowth(await Promise.all(d1.map((f, i) => dumpOf(f, 1_000_000 + i * 400))));
    expect(close.intervals[0]).toMatchObject({ source: 'file-mtime', elapsedSeconds: null });
    expect(close.sites.every((s) => s.perMinute === null && s.rateText === null)).toBe(true);
    const far = goroutineGrowth(await Promise.all(d1.map((f, i) => dumpOf(f, 1_000_000 + i * 120_000))));
    expect(far.sameProcess).toBeNull();
    expect(far.intervals[0]).toMatchObject({ source: 'file-mtime', elapsedSeconds: 120 });
    expect(far.intervals[0]!.note).toContain('not reliable');
    // Two debug=1 dumps have no goroutine ids: growth, but not a leak suspect.
    expect(far.sites[0]).toMatchObject({ site: timeoutSite, verdict: 'growing' });
  });

  it('reads pprof goroutine profiles by their own times, to the second, as a series that cannot be verified as one process', async () => {
    const stems = ['leak-a.t2', 'leak-a.t3', 'leak-a.t4'];
    const g = goroutineGrowth(await Promise.all(stems.map((s) => dumpOf(series(`${s}.goroutine.pb.gz`)))));
    expect(g.orderedBy).toBe('profile-time');
    expect(g.sameProcess).toBeNull();
    expect(g.processNote).toContain('not verified');
    const truth = (snapshotTime('leak-a.t4') - snapshotTime('leak-a.t2')) / 1000;
    expect(g.span).toMatchObject({ source: 'profile-time', resolutionSeconds: 0 });
    expect(g.span!.elapsedSeconds).toBeCloseTo(truth, 6);
    const s = g.sites[0]!;
    // Three dumps growing in both intervals are suspects even without ids; one figure, the time being exact.
    expect(s).toMatchObject({ site: timeoutSite, verdict: 'leak-suspect' });
    expect(s.rateText).toMatch(/^\+[\d,]+ in 4\.0 min: \+\d+ per minute$/);
  });

  it('cross-checks the wait minutes with the profiles of the same snapshots when both are known', async () => {
    const stems = ['leak-a.t2', 'leak-a.t3'];
    const dumps = await Promise.all(stems.map((s) => dumpOf(series(`${s}.goroutine.debug2.txt.gz`))));
    dumps.forEach((d, i) => (d.profileTime = snapshotTime(stems[i]!)));
    const g = goroutineGrowth(dumps);
    expect(g.intervals[0]!.source).toBe('goroutine-waits');
    expect(g.intervals[0]!.note).toContain("the profiles' own times agree");
  });
});

describe('different processes', () => {
  it('puts three replicas at one moment side by side and names the one with the pile-up', async () => {
    const files = ['leak-a.t3', 'leak-b.t2', 'healthy-c'].map((s) => series(`${s}.goroutine.debug2.txt.gz`));
    const g = goroutineGrowth(await Promise.all(files.map((f) => dumpOf(f))));
    expect(g.sameProcess).toBe(false);
    expect(g.processNote).toMatch(/^different processes \(only \d+ goroutines of [\d,]+ waiting in the earlier dump are still there with the same id and stack\)/);
    expect(g.intervals.every((i) => i.elapsedSeconds === null && i.sameProcess === false)).toBe(true);
    expect(g.span).toBeNull();
    const timeout = g.sites.find((s) => s.site === timeoutSite)!;
    expect(timeout.counts).toEqual(files.map((f) => rawCount(f, timeoutSite)));
    expect(timeout.counts[2]).toBe(0);
    expect(timeout.pileUp).toBe(0);
    expect(timeout.shares[0]).toBeCloseTo(timeout.counts[0]! / g.totals[0]!, 12);
    expect(g.sites.every((s) => s.verdict === 'side-by-side' && s.rateText === null)).toBe(true);
    // DeleteCollection piles up alike in the two leaking replicas: no single replica stands out.
    expect(g.sites.find((s) => s.site === delcolSite)!.pileUp).toBeNull();
  });

  it('does not take one binary started twice for one process, though start-up goroutines share ids and stacks', async () => {
    const g = goroutineGrowth(await Promise.all(['leak-b.t1', 'leak-a.t2'].map((s) => dumpOf(series(`${s}.goroutine.debug2.txt.gz`)))));
    expect(g.intervals[0]!.persisted!.count).toBeGreaterThan(0);
    expect(g.sameProcess).toBe(false);
  });

  it('takes pprof profiles taken within seconds of each other for one moment, not a series', async () => {
    const g = goroutineGrowth(await Promise.all(['leak-a.t3', 'leak-b.t2', 'healthy-c'].map((s) => dumpOf(series(`${s}.goroutine.pb.gz`)))));
    expect(g.sameProcess).toBe(false);
    expect(g.processNote).toMatch(/^one moment/);
    expect(g.sites.every((s) => s.perMinute === null)).toBe(true);
  });
});

describe('the public samples: one process four minutes apart', () => {
  it('infers the four minutes from the dumps, consistent with the capture times the generator recorded', async () => {
    const index = JSON.parse(readFileSync(samplePath('index.json'), 'utf8')) as Array<{ file: string; capturedAt: string | null }>;
    const files = ['apiserver-leaks.t1.goroutine.debug2.txt', 'apiserver-leaks.t2.goroutine.debug2.txt'];
    const g = goroutineGrowth(await Promise.all(files.map((f) => dumpOf(samplePath(f)))));
    // capturedAt is written to the second, before the dumps: within a second or two of the truth.
    const recorded = (Date.parse(index.find((e) => e.file === files[1])!.capturedAt!) - Date.parse(index.find((e) => e.file === files[0])!.capturedAt!)) / 1000;
    expect(g.intervals[0]!.source).toBe('goroutine-waits');
    expect(g.intervals[0]!.minSeconds!).toBeLessThanOrEqual(recorded + 2);
    expect(g.intervals[0]!.maxSeconds!).toBeGreaterThanOrEqual(recorded - 2);
    expect(g.sites.slice(0, 2).map((s) => [s.site, s.verdict])).toEqual([
      [timeoutSite, 'leak-suspect'],
      [delcolSite, 'leak-suspect'],
    ]);
  });
});

/** A debug=2 dump of goroutines (id, state, minutes, function, argument) written as the runtime does. */
function dumpText(goroutines: Array<[number, string, number, string, string]>): string {
  return goroutines
    .map(
      ([id, state, minutes, fn, arg]) =>
        `goroutine ${id} [${state}${minutes > 0 ? `, ${minutes} minutes` : ''}]:\nmain.${fn}(${arg})\n\t/src/main.go:10 +0x1d\ncreated by main.main\n\t/src/main.go:5 +0x25\n`,
    )
    .join('\n');
}

async function dumpFromText(s: string, enteredTime: number | null = null): Promise<GrowthDump> {
  const l = await loadProfile(new TextEncoder().encode(s));
  const g = l.loaded.goroutines!;
  return growthDump({ goroutines: g, text: l.inflated, profile: l.loaded.profile }, groupGoroutines(g, skip), null, enteredTime);
}

describe('hand-written dumps of one process', () => {
  // Background workers that stay (ids 1-20, waiting since start), and a site whose goroutines
  // are replaced or kept.
  const workers = (minutes: number) => Array.from({ length: 20 }, (_, i) => [i + 1, 'chan receive', minutes, 'worker', '0xc000010000'] as [number, string, number, string, string]);
  const at = (ids: number[], minutes: number, fn: string) => ids.map((id) => [id, 'select', minutes, fn, `0x${id.toString(16)}`] as [number, string, number, string, string]);
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  it('healthy churn (ids replaced, count flat) is churn; growth of replaced goroutines is not a leak suspect', async () => {
    const a = await dumpFromText(dumpText([...workers(30), ...at(range(100, 40), 0, 'poll'), ...at(range(300, 10), 0, 'burst')]));
    // New goroutines get ids above every earlier one: ids are never reused within a process.
    const b = await dumpFromText(dumpText([...workers(35), ...at(range(500, 40), 0, 'poll'), ...at(range(600, 30), 0, 'burst')]));
    const g = goroutineGrowth([a, b]);
    expect(g.sameProcess).toBe(true);
    expect(g.intervals[0]).toMatchObject({ source: 'goroutine-waits', elapsedSeconds: 300, minSeconds: 240, maxSeconds: 360 });
    const by = Object.fromEntries(g.sites.map((s) => [s.site, s]));
    expect(by['main.poll']).toMatchObject({ verdict: 'churn', change: 0, persistedShare: 0 });
    expect(by['main.burst']).toMatchObject({ verdict: 'growing', change: 20, persistedShare: 0 });
    expect(by['main.burst']!.reason).toContain('replaced');
    expect(by['main.worker']).toMatchObject({ verdict: 'flat', persistedShare: 1 });
    expect(by['main.burst']!.rateText).toBe('+20 in 5 min ± 1 min: 3.33-5 per minute');
  });

  it('two dumps: growth whose goroutines keep waiting is a leak suspect', async () => {
    const a = await dumpFromText(dumpText([...workers(30), ...at(range(100, 40), 2, 'stuck')]));
    const b = await dumpFromText(dumpText([...workers(32), ...at(range(100, 40), 4, 'stuck'), ...at(range(500, 60), 0, 'stuck')]));
    const g = goroutineGrowth([b, a]);
    expect(g.order).toEqual([1, 0]);
    const s = g.sites[0]!;
    expect(s).toMatchObject({ site: 'main.stuck', verdict: 'leak-suspect', change: 60, persistedShare: 1 });
    expect(s.rateText).toBe('+60 in 2 min ± 1 min: 20-60 per minute');
  });

  it('dumps less than a minute apart (wait minutes unchanged) get no rate', async () => {
    const a = await dumpFromText(dumpText([...workers(30), ...at(range(100, 5), 0, 'stuck')]));
    const b = await dumpFromText(dumpText([...workers(30), ...at(range(100, 5), 0, 'stuck'), ...at(range(200, 10), 0, 'stuck')]));
    const g = goroutineGrowth([a, b]);
    expect(g.intervals[0]).toMatchObject({ source: 'goroutine-waits', elapsedSeconds: null, minSeconds: 0, maxSeconds: 60 });
    expect(g.sites.every((s) => s.rateText === null)).toBe(true);
  });

  it('times the user entered win, and equal entered times give no rate', async () => {
    const texts = [dumpText([...workers(30), ...at(range(100, 5), 1, 'stuck')]), dumpText([...workers(40), ...at(range(100, 5), 11, 'stuck'), ...at(range(200, 10), 0, 'stuck')])];
    const hour = 3_600_000;
    const g = goroutineGrowth(await Promise.all(texts.map((t, i) => dumpFromText(t, i * hour))));
    expect(g.intervals[0]).toMatchObject({ source: 'entered', elapsedSeconds: 3600 });
    expect(g.sites[0]!.rateText).toBe('+10 in 60 min: +0.17 per minute');
    const same = goroutineGrowth(await Promise.all(texts.map((t) => dumpFromText(t, hour))));
    expect(same.intervals[0]).toMatchObject({ source: 'entered', elapsedSeconds: null });
  });
});
