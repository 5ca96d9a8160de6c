// Goroutine groups on the real leak samples, checked against counts taken from the raw text
// with plain string handling (not the parser), and across the debug=0/1/2 dumps of a moment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { histogramSeries } from '../../src/analysis/goroutineHistogram';
import { filterSamples } from '../../src/analysis/sampleFilter';
import { bucketOf } from '../../src/analysis/waitBuckets';
import { loadBytes } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';

const skip = compileSkipList(defaultSkipList);
const samplePath = (f: string) => join(repoRoot, 'public', 'samples', f);
const load = (f: string) => loadBytes(new Uint8Array(readFileSync(samplePath(f))));

/** Goroutines of a debug=2 text as [state, minutes, first frame function], by plain splitting. */
function rawGoroutines(text: string): Array<{ state: string; minutes: number; top: string }> {
  return text
    .split('\n\n')
    .map((block) => block.trim().split('\n'))
    .filter((lines) => lines[0]!.startsWith('goroutine '))
    .map((lines) => {
      const status = /\[(.*)\]:$/.exec(lines[0]!)![1]!.split(', ');
      const minutes = status.find((p) => p.endsWith(' minutes'));
      return { state: status[0]!, minutes: minutes ? Number.parseInt(minutes, 10) : 0, top: lines[1]!.replace(/\([^()]*\)$/, '') };
    });
}

const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const delcolSite = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';

describe('goroutine groups', () => {
  const text = readFileSync(samplePath('apiserver-leaks.t2.goroutine.debug2.txt'), 'utf8');
  const raw = rawGoroutines(text);
  const dump = load('apiserver-leaks.t2.goroutine.debug2.txt').goroutines!;
  const grouping = groupGoroutines(dump, skip);

  it('puts the two leaks on top, with the counts and waits of the raw text', () => {
    expect(grouping.total).toBe(raw.length);
    for (const [i, site] of [timeoutSite, delcolSite].entries()) {
      const mine = raw.filter((g) => g.top === site);
      const group = grouping.groups[i]!;
      expect(group.site).toBe(site);
      expect(group.state).toBe('chan send');
      expect(group.count).toBe(mine.length);
      expect(mine.every((g) => g.state === 'chan send')).toBe(true);
      const minutes = mine.map((g) => g.minutes).sort((a, b) => a - b);
      expect(group.wait).toEqual({ min: minutes[0], median: minutes[Math.floor(minutes.length / 2)] , max: minutes[minutes.length - 1] });
      const hist = grouping.bucketEdges.map(() => 0);
      for (const m of minutes) hist[bucketOf(grouping.bucketEdges, m)]!++;
      expect(group.waitHistogram).toEqual(hist);
      const exact = new Map<number, number>();
      for (const g of mine) if (g.minutes > 0) exact.set(g.minutes, (exact.get(g.minutes) ?? 0) + 1);
      expect(group.waitDistribution).toEqual({
        minutes: [...exact.keys()].sort((a, b) => a - b),
        counts: [...exact.keys()].sort((a, b) => a - b).map((m) => exact.get(m)),
        withoutMinutes: mine.filter((g) => g.minutes === 0).length,
      });
      expect(group.createdBy).toEqual([{ name: site.replace(/\.func1(\.1)?$/, ''), count: mine.length }]);
      // The creator (a request handler or the DeleteCollection call) has returned: nothing to jump to.
      expect(group.creatorGroups).toEqual([]);
    }
  });

  it('counts states as the headers say', () => {
    const states = new Map<string, number>();
    for (const g of raw) states.set(g.state, (states.get(g.state) ?? 0) + 1);
    expect(Object.fromEntries(grouping.states.map((s) => [s.state, s.count]))).toEqual(Object.fromEntries(states));
  });

  it('stacks the histogram by site and by state without losing a goroutine', () => {
    for (const by of ['site', 'state'] as const) {
      const h = histogramSeries(grouping, by);
      expect(h.bucketTotals.reduce((a, b) => a + b, 0)).toBe(raw.length);
      expect(h.series.reduce((a, s) => a + s.total, 0)).toBe(raw.length);
    }
    const bySite = histogramSeries(grouping, 'site');
    expect(bySite.series[0]!.label).toBe(timeoutSite);
    expect(bySite.series[0]!.openGroup.filter((g) => g >= 0).every((g) => g === 0)).toBe(true);
  });

  it('filters by state, minimum wait and frame', () => {
    const f = filterSamples(dump.profile, { states: ['chan send'], minWait: 5, frame: 'DeleteCollection' });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.kept).toBe(raw.filter((g) => g.state === 'chan send' && g.minutes >= 5 && g.top === delcolSite).length);
    const filtered = groupGoroutines(dump, skip, f.keep);
    expect(filtered.groups.map((g) => g.site)).toEqual([delcolSite]);
    expect(filterSamples(dump.profile, { states: [], minWait: 0, frame: '(' })).toMatchObject({ ok: false });
  });

  it.each(['apiserver-leaks.t1', 'apiserver-leaks.t2', 'apiserver-leaks-vendored', 'toyserver'])(
    '%s: debug=0, debug=1 and debug=2 give the same count per blocking site',
    (snapshot) => {
      const perSite = (file: string) => {
        const g = groupGoroutines(load(file).goroutines!, skip);
        const m: Record<string, number> = {};
        for (const grp of g.groups) m[grp.site] = (m[grp.site] ?? 0) + grp.count;
        return m;
      };
      const d2 = perSite(`${snapshot}.goroutine.debug2.txt`);
      expect(perSite(`${snapshot}.goroutine.debug1.txt`)).toEqual(d2);
      expect(perSite(`${snapshot}.goroutine.pb.gz`)).toEqual(d2);
    },
  );
});
