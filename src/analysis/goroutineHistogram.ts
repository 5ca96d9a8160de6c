// The wait-minutes histogram as stacked series: one series per blocking site (or per state),
// the largest few by name and the rest as "other", each with its goroutine count per wait
// bucket and the group a click on that segment opens.

import type { GoroutineGrouping } from './goroutineGroups';

export type StackBy = 'site' | 'state';

export interface HistogramSeries {
  key: string;
  label: string;
  counts: number[];
  total: number;
  /** Per wait bucket: the largest group of this series with goroutines there, or -1. */
  openGroup: number[];
}

export interface GoroutineHistogram {
  by: StackBy;
  bucketLabels: readonly string[];
  /** Lower edge of each bucket in minutes, and the upper edge (exclusive) of the last. */
  bucketEdges: readonly number[];
  bucketEnd: number;
  series: HistogramSeries[];
  /** Goroutines per bucket over all series. */
  bucketTotals: number[];
}

export const OTHER_KEY = '\u0000other';

export function histogramSeries(grouping: GoroutineGrouping, by: StackBy, maxSeries = 8): GoroutineHistogram {
  const nb = grouping.bucketLabels.length;
  const byKey = new Map<string, HistogramSeries>();
  for (const g of grouping.groups) {
    const key = by === 'site' ? g.site : g.state;
    let s = byKey.get(key);
    if (!s) {
      s = { key, label: key === '' ? '(state unknown)' : key, counts: new Array<number>(nb).fill(0), total: 0, openGroup: new Array<number>(nb).fill(-1) };
      byKey.set(key, s);
    }
    for (let b = 0; b < nb; b++) {
      const c = g.waitHistogram[b]!;
      if (c === 0) continue;
      s.counts[b]! += c;
      const open = s.openGroup[b]!;
      if (open < 0 || grouping.groups[open]!.waitHistogram[b]! < c) s.openGroup[b] = g.id;
    }
    s.total += g.count;
  }
  const all = [...byKey.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  const series = all.slice(0, maxSeries);
  const rest = all.slice(maxSeries);
  if (rest.length > 0) {
    const other: HistogramSeries = {
      key: OTHER_KEY,
      label: `${rest.length} other ${by === 'site' ? 'site' : 'state'}${rest.length > 1 ? 's' : ''}`,
      counts: new Array<number>(nb).fill(0),
      total: 0,
      openGroup: new Array<number>(nb).fill(-1),
    };
    for (const s of rest) {
      other.total += s.total;
      for (let b = 0; b < nb; b++) {
        other.counts[b]! += s.counts[b]!;
        const open = s.openGroup[b]!;
        const cur = other.openGroup[b]!;
        if (open >= 0 && (cur < 0 || grouping.groups[cur]!.waitHistogram[b]! < grouping.groups[open]!.waitHistogram[b]!)) other.openGroup[b] = open;
      }
    }
    series.push(other);
  }
  const bucketTotals = new Array<number>(nb).fill(0);
  for (const s of series) for (let b = 0; b < nb; b++) bucketTotals[b]! += s.counts[b]!;
  return { by, bucketLabels: grouping.bucketLabels, bucketEdges: grouping.bucketEdges, bucketEnd: grouping.bucketEnd, series, bucketTotals };
}
