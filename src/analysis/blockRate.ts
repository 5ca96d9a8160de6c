// The rate one debug=2 dump tells: a stuck site's goroutines blocked N minutes ago for each N
// of their wait minutes, so a group's wait-minute distribution reads as "blocked ~K per minute
// over the last M minutes", with a shape: steady, accelerating, slowing, irregular, or one burst.
//
// What wait minutes are (Go runtime, traceback.go goroutineheader and mgcmark.go markroot): a
// goroutine waiting (or in a syscall) gets `waitsince` stamped with the start of the first GC
// that scans it while blocked; the header prints ", N minutes" when N = floor((now -
// waitsince) / 1 min) >= 1. So a minute value m means "blocked at least m minutes ago, and up to
// one GC interval earlier" (the runtime forces a GC at least every 2 minutes; under load they
// are seconds apart). Goroutines without minutes blocked under a minute ago, or were not yet
// seen by a GC. Minute 0 below is those.
//
// The rule, on the counts c[0..top] per minute value of one group (top = its oldest minute):
//
// 1. Absent ({ ok: false, reason }) when the data cannot support a rate: the format has no wait
//    times; the state is not a wait (running, runnable, syscall, ...: wait minutes say nothing
//    about blocking there); fewer than MIN_GOROUTINES goroutines or fewer than MIN_WITH_MINUTES
//    with minutes (at one to three goroutines a minute, one more or less flips any verdict);
//    top < 2 (everything within the last two minute values: at ±1 minute resolution that is no
//    span to measure a rate over).
// 2. The window is the last M = top + 1 minutes. Its oldest minute is partial (the site's first
//    goroutine blocked somewhere inside it), so the rate K is the mean count of the full minutes
//    0..top-1, the maximum-likelihood rate of a Poisson process over them. All the tests below
//    are against that null hypothesis (blocking at a constant rate, each minute's count Poisson),
//    each at ALPHA = 0.001, so that across the dozens of groups of a dump a shape is claimed by
//    chance about once in a thousand groups.
// 3. One burst: some two adjacent minute values (a burst shorter than a minute, floored, spans at
//    most two) hold more than half of the goroutines, and at a constant rate that is improbable:
//    binomial tail P(X >= x | n, 2/top) times the top windows tried (Bonferroni) < ALPHA. 2/top
//    is the largest share two minutes can have at a constant rate over a span longer than top
//    minutes, so the test is conservative. A burst in minutes 0-1 is a rise toward now, read as
//    accelerating (one dump cannot tell a burst just now from a rate that just rose). A burst
//    within a minute of the dump's oldest wait is absent instead: goroutines as old as the
//    oldest in the process most likely started with it (worker pools, listeners), and that
//    cannot be told from a burst.
// 4. Steady: the full minutes' counts pass the index-of-dispersion test (sum (c - K)^2 / K is
//    chi-square with (full minutes - 1) degrees of freedom at a constant rate; steady when its
//    upper tail p >= ALPHA) and the partial oldest minute does not exceed what K allows
//    (Poisson tail p >= ALPHA).
// 5. Otherwise a trend, if there is one and it explains the counts: the recent half of the full
//    minutes against the earlier half (the middle minute left out when odd); at a constant rate
//    each of the Y + O goroutines falls in either half with probability 1/2, so
//    z = (Y - O) / sqrt(Y + O). Accelerating when z >= Z and the recent rate is at least
//    TREND_RATIO times the earlier one; slowing when the reverse. Z = 3.09 is the one-sided
//    normal quantile of ALPHA; the ratio keeps a large group's small drift (with thousands of
//    goroutines a 10% change is "significant") from being called a trend an operator should act
//    on. And the trend must explain the counts: their dispersion around a straight line (least
//    squares) passes the same chi-square test with (full minutes - 2) degrees of freedom, so a
//    single spike in an otherwise flat series is not called a trend.
// 6. Else irregular: the counts vary more than one steady or evenly changing rate allows
//    (several bursts, a rate that changed and changed back, a pool whose goroutines come and go).
//
// A site whose goroutines return (a healthy pool) has fewer old goroutines than young ones for
// that reason alone; the text says so for accelerating, which is what that looks like. Bursts
// closer together than about two minutes (leader elections every 30 s) read as steady at this
// resolution, and the text's resolution note says what a minute here means.

import { binomialSf, chiSquareSf, gammaQ } from '../lib/stats';
import type { GoroutineGroup, WaitDistribution } from './goroutineGroups';
import { isBlockedState } from './goroutinePersistence';

export const MIN_GOROUTINES = 20;
export const MIN_WITH_MINUTES = 10;
export const ALPHA = 0.001;
/** One-sided standard normal quantile of ALPHA. */
export const Z = 3.09;
export const TREND_RATIO = 1.5;

/** What a rate from wait minutes can resolve, for the text beside it. */
export const BLOCK_RATE_RESOLUTION =
  'from wait minutes: ±1 minute, and each goroutine may have blocked up to one GC interval earlier than its minutes say (the runtime forces a GC at least every 2 minutes)';


export type BlockShape = 'steady' | 'accelerating' | 'slowing' | 'irregular' | 'burst';

export interface BlockRate {
  /** K: goroutines per minute over the window's full minutes. */
  perMinute: number;
  /** M: the window is the last M minutes (the group's oldest minute + 1). */
  minutes: number;
  goroutines: number;
  shape: BlockShape;
  /** For 'burst': the minute values it shows (ages from..to+1 minutes) and its goroutines. */
  burst: { from: number; to: number; count: number } | null;
  /** Per minute in the recent and the earlier halves of the full minutes, `half` minutes each. */
  recent: number;
  earlier: number;
  half: number;
  /** The tests' figures: dispersion p (steady when >= ALPHA) and trend z. */
  dispersionP: number;
  trendZ: number;
}

export type BlockRateResult = { ok: true; rate: BlockRate } | { ok: false; reason: string };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const no = (reason: string): BlockRateResult => ({ ok: false, reason });

/** The distribution as (minute value, count) pairs, minute 0 holding the goroutines without minutes. */
function sparseCounts(d: WaitDistribution): { ms: number[]; cs: number[] } {
  const ms: number[] = [];
  const cs: number[] = [];
  let i = 0;
  let zero = d.withoutMinutes;
  if (d.minutes[0] === 0) zero += d.counts[i++]!;
  if (zero > 0) {
    ms.push(0);
    cs.push(zero);
  }
  for (; i < d.minutes.length; i++) {
    ms.push(d.minutes[i]!);
    cs.push(d.counts[i]!);
  }
  return { ms, cs };
}

/**
 * The single-dump block rate of a group. `longestWait` is the dump's oldest wait in minutes
 * (GoroutineGrouping.longestWait), to tell goroutines that started with the process. Works on
 * the sparse distribution: no array per minute, whatever the span.
 */
export function blockRate(group: Pick<GoroutineGroup, 'state' | 'count' | 'waitDistribution'>, longestWait: number): BlockRateResult {
  const d = group.waitDistribution;
  if (!d) return no('this format has no wait times (only debug=2 dumps have them)');
  if (!isBlockedState(group.state)) return no(`goroutines in ${group.state || 'an unknown state'} are not parked: their wait minutes do not tell when they blocked`);
  const n = group.count;
  if (n < MIN_GOROUTINES) return no(`${plural(n, 'goroutine')} ${n === 1 ? 'is' : 'are'} too few for a rate (it takes ${MIN_GOROUTINES})`);
  const withMinutes = n - d.withoutMinutes;
  const { ms, cs } = sparseCounts(d);
  const top = ms.length > 0 ? ms[ms.length - 1]! : 0;
  if (top < 2) {
    const when = top === 0 ? 'under a minute ago' : 'within the last 2 minutes';
    return no(`all ${n} blocked ${when} (or were not yet seen by a GC): too short a span for a rate at minute resolution`);
  }
  if (withMinutes < MIN_WITH_MINUTES) return no(`only ${withMinutes} of ${n} have waited a minute or more: too few to tell a rate over time`);

  // Full minutes 0..top-1: the rate, the halves and the dispersion (zero minutes add K^2 each).
  const full = top;
  const cTop = cs[cs.length - 1]!;
  const K = (n - cTop) / full;
  const half = Math.floor(full / 2);
  let Y = 0;
  let O = 0;
  let ss = 0;
  let nonzero = 0;
  for (let i = 0; i < ms.length - 1; i++) {
    const m = ms[i]!;
    if (m < half) Y += cs[i]!;
    if (m >= full - half) O += cs[i]!;
    ss += (cs[i]! - K) ** 2;
    nonzero++;
  }
  ss += (full - nonzero) * K * K;
  const trendZ = Y + O > 0 ? (Y - O) / Math.sqrt(Y + O) : 0;
  const dispersionP = K > 0 ? chiSquareSf(ss / K, full - 1) : 1;
  const base = { perMinute: K, minutes: top + 1, goroutines: n, burst: null, recent: Y / half, earlier: O / half, half, dispersionP, trendZ };

  // One burst: the best window of two adjacent minute values (a window holding no goroutine at
  // its first minute is never better than the one starting at its second).
  let best = 0;
  let from = 0;
  let to = 0;
  for (let i = 0; i < ms.length; i++) {
    const next = i + 1 < ms.length && ms[i + 1] === ms[i]! + 1;
    const x = cs[i]! + (next ? cs[i + 1]! : 0);
    if (x > best) {
      best = x;
      from = ms[i]!;
      to = next ? ms[i]! + 1 : ms[i]!;
    }
  }
  const burstP = binomialSf(best, n, Math.min(1, 2 / top)) * top;
  if (best * 2 > n && burstP < ALPHA) {
    if (to >= longestWait - 1) {
      return no(
        `${best} of ${n} blocked ${from === to ? `${from}` : `${from}-${to}`} minutes ago, within a minute of the oldest goroutine in this dump (${longestWait} minutes): most likely started with the process, which cannot be told from a burst`,
      );
    }
    if (from > 0) return { ok: true, rate: { ...base, shape: 'burst', burst: { from, to, count: best } } };
    return { ok: true, rate: { ...base, shape: 'accelerating' } };
  }

  // The partial oldest minute holds at most K at a constant rate: P(Poisson(K) >= c[top]).
  const oldestP = 1 - gammaQ(cTop, K);
  if (dispersionP >= ALPHA && oldestP >= ALPHA) return { ok: true, rate: { ...base, shape: 'steady' } };
  const trend = trendZ >= Z && Y >= TREND_RATIO * O ? 'accelerating' : trendZ <= -Z && O >= TREND_RATIO * Y ? 'slowing' : null;
  if (trend && lineFitP(ms, cs, full) >= ALPHA) return { ok: true, rate: { ...base, shape: trend } };
  return { ok: true, rate: { ...base, shape: 'irregular' } };
}

/**
 * How well a straight line (a rate changing evenly with time) explains the counts of minutes
 * 0..full-1: least squares, then the dispersion of the counts around it, chi-square with
 * full - 2 degrees of freedom (1 when two points fit exactly). `ms`, `cs` are sparse.
 */
function lineFitP(ms: number[], cs: number[], full: number): number {
  if (full <= 2) return 1;
  const mx = (full - 1) / 2;
  let sy = 0;
  let sxy = 0;
  for (let i = 0; i < ms.length && ms[i]! < full; i++) {
    sy += cs[i]!;
    sxy += (ms[i]! - mx) * cs[i]!;
  }
  const my = sy / full;
  const slope = sxy / ((full * (full * full - 1)) / 12);
  // sum (c - f)^2 / f = sum c^2 / f - 2 sum c + sum f, the last over every minute.
  let D = -2 * sy;
  let i = 0;
  for (let m = 0; m < full; m++) {
    const f = Math.max(0.5, my + slope * (m - mx));
    D += f;
    if (i < ms.length && ms[i] === m) {
      D += cs[i]! ** 2 / f;
      i++;
    }
  }
  return chiSquareSf(Math.max(0, D), full - 2);
}

/** ~K as a person reads it: whole numbers from 10 up, one decimal below. */
function approx(x: number): string {
  return x >= 10 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1).replace(/\.0$/, '');
}

/** A rate per minute, or per hour when under one a minute ("~0.8 per hour", not "~0 per minute"). */
export function rateText(perMinute: number): string {
  if (perMinute === 0) return 'none';
  return perMinute >= 0.95 ? `~${approx(perMinute)} per minute` : `~${approx(perMinute * 60)} per hour`;
}

/** The window: minutes up to two hours, then hours up to two days, then days. */
export function spanText(minutes: number): string {
  if (minutes < 120) return plural(minutes, 'minute');
  if (minutes < 2880) return `~${Math.round(minutes / 60)} hours`;
  return `~${Math.round(minutes / 1440)} days`;
}

/** The sentence: "blocked ~12 per minute over the last 34 minutes (steady)". */
export function blockRateText(rate: BlockRate): string {
  const over = `over the last ${spanText(rate.minutes)}`;
  const halves = `${rateText(rate.recent)} in the last ${spanText(rate.half)}, ${rateText(rate.earlier)} before`;
  switch (rate.shape) {
    case 'steady':
      return `blocked ${rateText(rate.perMinute)} ${over} (steady)`;
    case 'accelerating':
      return `blocked ${rateText(rate.perMinute)} ${over} (accelerating: ${halves}; or earlier ones have since returned, which a second dump tells)`;
    case 'slowing':
      return `blocked ${rateText(rate.perMinute)} ${over} (slowing: ${halves})`;
    case 'irregular':
      return `blocked ${rateText(rate.perMinute)} on average ${over} (irregular: the counts per minute vary more than one steady rate allows)`;
    case 'burst': {
      const b = rate.burst!;
      return `${b.count} of ${rate.goroutines} blocked in one burst ~${b.from === b.to ? b.from : `${b.from}-${b.to}`} minutes ago`;
    }
  }
}
