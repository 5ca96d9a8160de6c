// Goroutine growth across dumps of one process: per blocking site, how many goroutines each
// dump holds, how that changed from the first dump to the last, how fast per hour, and a
// leak-suspect score that favours steady growth. A leak grows in every dump and at a steady
// pace; a burst of requests comes and goes.

import type { Profile } from '../model/profile';
import type { GoroutineGrouping } from './goroutineGroups';

export interface GrowthDump {
  /** groupGoroutines() of this dump. */
  grouping: GoroutineGrouping;
  /**
   * Capture time in ms since the epoch: the profile's time_nanos (captureTimeMs), or a file's
   * modification time or a time the user typed; null when unknown.
   */
  capturedAt: number | null;
}

export interface StateGrowth {
  state: string;
  /** Goroutines in this state at this site, per dump (in `order`). */
  counts: number[];
  change: number;
}

export interface SiteGrowth {
  site: string;
  siteFile: string;
  siteLine: number;
  /** Goroutines at the site in every state, per dump (in `order`). */
  counts: number[];
  /** Last dump minus first. */
  change: number;
  /** change / first count (1 = doubled); null when the first dump had none. */
  relativeChange: number | null;
  /**
   * change per hour between the first and the last dump with a capture time (their counts);
   * null without two distinct times.
   */
  perHour: number | null;
  /** Never fewer than in the dump before, and more at the end. */
  monotonic: boolean;
  /** change / (sum of every rise and fall): 1 for steady growth, toward 0 for ups and downs; 0 without growth. */
  steadiness: number;
  /**
   * R^2 of a straight line through the counts over capture time (over dump order when a time
   * is missing): 1 for an even pace; 1 with two dumps; 0 without growth.
   */
  linearity: number;
  /** change * steadiness * linearity: goroutines of steady growth; 0 for sites that did not grow. */
  score: number;
  /** The same counts per state (debug=1 and debug=0 dumps have one state, ""), largest last first. */
  states: StateGrowth[];
}

export interface GoroutineGrowth {
  /** Input index of each compared dump: by capture time when every dump has one, else as given. */
  order: number[];
  /** Capture times in `order`. */
  capturedAt: Array<number | null>;
  /** Input indices of the dumps without a capture time. */
  missingTimes: number[];
  /** Hours between the first and the last dump with a time; null without two distinct times. */
  hours: number | null;
  /** All goroutines per dump (in `order`). */
  totals: number[];
  /** Sites ranked by score, then change, then last count, then name. */
  sites: SiteGrowth[];
}

/** The capture time a profile carries (time_nanos), in ms since the epoch; null when unset. */
export function captureTimeMs(p: Profile): number | null {
  return p.timeNanos === 0n ? null : Number(p.timeNanos / 1_000_000n) + Number(p.timeNanos % 1_000_000n) / 1e6;
}

const HOUR_MS = 3_600_000;

/** Least-squares R^2 of ys over xs; 1 when there are only two points, 0 when ys do not vary. */
function rSquared(xs: number[], ys: number[]): number {
  const n = ys.length;
  if (n < 3) return 1;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  if (syy === 0 || sxx === 0) return 0;
  return (sxy * sxy) / (sxx * syy);
}

interface SiteAcc {
  site: string;
  siteFile: string;
  siteLine: number;
  counts: number[];
  states: Map<string, number[]>;
}

function growthOf(counts: number[], xs: number[], timed: { first: number; last: number; hours: number } | null) {
  const first = counts[0]!;
  const last = counts[counts.length - 1]!;
  const change = last - first;
  let moves = 0;
  let falls = 0;
  for (let i = 1; i < counts.length; i++) {
    const step = counts[i]! - counts[i - 1]!;
    moves += Math.abs(step);
    if (step < 0) falls++;
  }
  const steadiness = change > 0 ? change / moves : 0;
  const linearity = change > 0 ? rSquared(xs, counts) : 0;
  return {
    change,
    relativeChange: first > 0 ? change / first : null,
    perHour: timed ? (counts[timed.last]! - counts[timed.first]!) / timed.hours : null,
    monotonic: change > 0 && falls === 0,
    steadiness,
    linearity,
    score: change > 0 ? change * steadiness * linearity : 0,
  };
}

/** Growth per blocking site over two or more groupings of dumps of the same process. */
export function goroutineGrowth(dumps: GrowthDump[]): GoroutineGrowth {
  if (dumps.length < 2) throw new RangeError(`goroutine growth needs two or more dumps, got ${dumps.length}`);
  const order = dumps.map((_, i) => i);
  const allTimed = dumps.every((d) => d.capturedAt !== null);
  if (allTimed) order.sort((a, b) => dumps[a]!.capturedAt! - dumps[b]!.capturedAt! || a - b);
  const capturedAt = order.map((i) => dumps[i]!.capturedAt);
  const missingTimes = dumps.flatMap((d, i) => (d.capturedAt === null ? [i] : []));

  const timedAt = capturedAt.flatMap((t, k) => (t === null ? [] : [k]));
  let timed: { first: number; last: number; hours: number } | null = null;
  if (timedAt.length >= 2) {
    const first = timedAt[0]!;
    const last = timedAt[timedAt.length - 1]!;
    const hours = (capturedAt[last]! - capturedAt[first]!) / HOUR_MS;
    if (hours !== 0) timed = { first, last, hours };
  }
  const xs = allTimed ? capturedAt.map((t) => t!) : order.map((_, k) => k);

  const n = order.length;
  const sites = new Map<string, SiteAcc>();
  order.forEach((input, k) => {
    for (const g of dumps[input]!.grouping.groups) {
      let acc = sites.get(g.site);
      if (!acc) {
        acc = { site: g.site, siteFile: g.siteFile, siteLine: g.siteLine, counts: new Array<number>(n).fill(0), states: new Map() };
        sites.set(g.site, acc);
      }
      // The latest dump names the site's file and line.
      acc.siteFile = g.siteFile;
      acc.siteLine = g.siteLine;
      acc.counts[k]! += g.count;
      let byState = acc.states.get(g.state);
      if (!byState) acc.states.set(g.state, (byState = new Array<number>(n).fill(0)));
      byState[k]! += g.count;
    }
  });

  const out: SiteGrowth[] = [...sites.values()].map((acc) => ({
    site: acc.site,
    siteFile: acc.siteFile,
    siteLine: acc.siteLine,
    counts: acc.counts,
    ...growthOf(acc.counts, xs, timed),
    states: [...acc.states.entries()]
      .map(([state, counts]) => ({ state, counts, change: counts[n - 1]! - counts[0]! }))
      .sort((a, b) => b.counts[n - 1]! - a.counts[n - 1]! || b.change - a.change || (a.state < b.state ? -1 : 1)),
  }));
  out.sort(
    (a, b) =>
      b.score - a.score ||
      b.change - a.change ||
      b.counts[n - 1]! - a.counts[n - 1]! ||
      (a.site < b.site ? -1 : a.site > b.site ? 1 : 0),
  );

  return {
    order,
    capturedAt,
    missingTimes,
    hours: timed ? timed.hours : null,
    totals: order.map((i) => dumps[i]!.grouping.total),
    sites: out,
  };
}
