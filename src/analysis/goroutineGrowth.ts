// Goroutine growth across dumps: are they one process (a time series) or several (replicas side
// by side), how much time passed between them and how we know, and per blocking site the
// counts, the rate with its resolution, and whether the site is a leak suspect.
//
// Time comes from the dumps themselves whenever it can: for debug=2 dumps of one process, the
// wait minutes of goroutines waiting in both (goroutinePersistence.ts) give the elapsed time to
// the minute; pprof profiles carry their own time (time_nanos). A file's modification time is
// the last resort and is said to be unreliable; equal or unknown times give no rate at all.
//
// A site is a leak suspect when it grew and what grew keeps waiting: with three or more dumps,
// growth in every interval; with two, growth while the site's goroutines of the first dump are
// still there, unchanged, in the second. Goroutines replaced at a flat count are churn.

import type { GoroutineTable } from '../model/goroutines';
import type { Profile } from '../model/profile';
import type { GoroutineGrouping } from './goroutineGroups';
import { elapsedFromWaits, persistence, stackDigests, type Persistence, type PersistenceDump } from './goroutinePersistence';

export type TimeSource = 'goroutine-waits' | 'profile-time' | 'file-mtime' | 'entered' | 'unknown';

export interface GrowthDump {
  /** groupGoroutines() of this dump (with groupOfSample for debug=2 dumps). */
  grouping: GoroutineGrouping;
  /** debug=2 only: the goroutine table and stackDigests of the dump's text. */
  identity: { goroutines: GoroutineTable; digests: Float64Array; truncated: boolean } | null;
  /** The profile's own time (time_nanos) in ms since the epoch; null when it has none. */
  profileTime: number | null;
  /** The file's modification time, or a sample's recorded capture time; null when unknown. */
  fileTime: number | null;
  /** A time the user typed; it wins over every other source. */
  enteredTime?: number | null;
}

/** What growthDump needs of a loaded file. */
export interface GrowthSource {
  goroutines: { goroutines: GoroutineTable | null; truncated: boolean };
  /** The inflated text (for debug=2 dumps: stack digests). */
  text: Uint8Array;
  profile: Profile;
}

export interface GrowthInterval {
  /** Input indices of the earlier and the later dump. */
  from: number;
  to: number;
  /** Best estimate of the time between them; null when unknown, equal, or different processes. */
  elapsedSeconds: number | null;
  /** Half the width of the bounds (60 for wait minutes); null without an elapsed time. */
  resolutionSeconds: number | null;
  /** The elapsed time is within [minSeconds, maxSeconds]. */
  minSeconds: number | null;
  maxSeconds: number | null;
  source: TimeSource;
  /** True when the later dump still holds the earlier one's waiting goroutines; null without goroutine ids. */
  sameProcess: boolean | null;
  /** The earlier dump's blocked goroutines still waiting, unchanged, in the later one. */
  persisted: { count: number; of: number } | null;
  /** Both dumps carry a profile time as well: the seconds it gives, to cross-check the wait minutes. */
  profileSeconds: number | null;
  /** One sentence: where the time comes from, or why there is none. */
  note: string;
}

export interface StateGrowth {
  state: string;
  /** Goroutines in this state at this site, per dump (in `order`). */
  counts: number[];
  change: number;
}

export type SiteVerdict = 'leak-suspect' | 'growing' | 'churn' | 'flat' | 'shrinking' | 'side-by-side';

export interface SiteGrowth {
  site: string;
  siteFile: string;
  siteLine: number;
  /** The state holding most of the site's goroutines in the last dump ("" for debug=1 and debug=0). */
  state: string;
  /** Goroutines at the site in every state, per dump (in `order`). */
  counts: number[];
  /** counts / the dump's total, per dump. */
  shares: number[];
  /** Last dump minus first. */
  change: number;
  /** change per minute over the series; null without an elapsed time of one process. */
  perMinute: number | null;
  /** The rate's bounds from the elapsed time's bounds (high is Infinity when the time may be under a minute). */
  perMinuteLow: number | null;
  perMinuteHigh: number | null;
  /** "+240 in 2 min ± 1 min: 80-240 per minute"; null without a rate. */
  rateText: string | null;
  /** The count rose in every interval (and there is at least one). */
  grewEveryInterval: boolean;
  /** Of the site's blocked goroutines in each earlier dump, the share still waiting in the next; null without ids. */
  persistedShare: number | null;
  verdict: SiteVerdict;
  /** Why the verdict, in a few words. */
  reason: string;
  /** Different processes: the position (in `order`) of the replica with the pile-up; null when none stands out. */
  pileUp: number | null;
  /** The same counts per state, largest last first. */
  states: StateGrowth[];
}

export interface GoroutineGrowth {
  /** Input index of each dump, earliest first when that is known, else as given. */
  order: number[];
  /** How the order was found. */
  orderedBy: 'entered-time' | 'profile-time' | 'goroutine-waits' | 'goroutine-ids' | 'file-mtime' | 'input';
  /** True: one process (a time series); false: different processes (replicas); null: cannot tell (no goroutine ids). */
  sameProcess: boolean | null;
  processNote: string;
  /** Consecutive pairs in `order`. */
  intervals: GrowthInterval[];
  /**
   * What the rates are over: first to last when every interval has a time, else the longest run
   * of intervals with one; measured directly between its ends when the dumps allow it (tighter
   * than the sum of its intervals). Null without any time.
   */
  span: GrowthInterval | null;
  /** Positions (in `order`) of the span's first and last dump. */
  spanPositions: [number, number] | null;
  /** Minutes from the first dump to each dump (in `order`); null entries when unknown. */
  offsetsMinutes: Array<number | null>;
  /** All goroutines per dump (in `order`). */
  totals: number[];
  /** Leak suspects first (fastest first), then growing, then the rest by change and size. */
  sites: SiteGrowth[];
}

/** The capture time a profile carries (time_nanos), in ms since the epoch; null when unset. */
export function captureTimeMs(p: Profile): number | null {
  return p.timeNanos === 0n ? null : Number(p.timeNanos / 1_000_000n) + Number(p.timeNanos % 1_000_000n) / 1e6;
}

/** A GrowthDump from a loaded file and its grouping. */
export function growthDump(src: GrowthSource, grouping: GoroutineGrouping, fileTime: number | null, enteredTime: number | null = null): GrowthDump {
  const table = src.goroutines.goroutines;
  return {
    grouping,
    identity: table ? { goroutines: table, digests: stackDigests(src.text, table), truncated: src.goroutines.truncated } : null,
    profileTime: captureTimeMs(src.profile),
    fileTime,
    enteredTime,
  };
}

/** Sites grow by fewer than this within the noise of a server's background work. */
const MIN_SUSPECT_CHANGE = 5;
/** A leak's goroutines stay: this share of a site's waiting goroutines must still be there. */
const MIN_SUSPECT_PERSISTENCE = 0.9;
/** One process: this share of the earlier dump's blocked goroutines persists ... */
const SAME_PROCESS_SHARE = 0.5;
/** ... or, for a process with much churn, some persist and nearly no id is unexplained. */
const CHURN_PROCESS_SHARE = 0.05;
/** Wait-minute differences: at least this many, and this share inside one window, to give a time. */
const MIN_WAIT_DIFFS = 3;
const MIN_WAIT_AGREEMENT = 0.8;
/**
 * Profiles' own times closer than this are one moment (replicas pulled together), and file
 * dates closer than a minute were set by a copy, a download or an archive, not by the captures.
 */
const MIN_PROFILE_SECONDS = 10;
const MIN_FILE_SECONDS = 60;
/** Below this many blocked goroutines in the earlier dump, persistence says nothing. */
const MIN_BLOCKED = 5;

const MINUTE = 60;

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function minutesText(seconds: number): string {
  const m = seconds / MINUTE;
  if (m >= 120) return `${(m / 60).toFixed(m % 60 === 0 ? 0 : 1)} h`;
  return `${Number.isInteger(m) ? m : m.toFixed(1)} min`;
}

interface PairFacts {
  p: Persistence;
  sameProcess: boolean | null;
  why: string;
}

function pairFacts(a: PersistenceDump, b: PersistenceDump): PairFacts {
  const p = persistence(a, b);
  if (p.blocked < MIN_BLOCKED) return { p, sameProcess: null, why: `too few waiting goroutines (${p.blocked}) to tell one process from two` };
  const share = p.persisted / p.blocked;
  const waits = elapsedFromWaits(p.waitDiffs);
  if (waits && waits.total >= 10 && waits.agreeing / waits.total < MIN_WAIT_AGREEMENT) {
    return { p, sameProcess: false, why: `the wait minutes of matching goroutines disagree (${waits.agreeing} of ${waits.total} agree)` };
  }
  const fewUnexplained = p.old >= 20 && p.unexplainedOld <= 0.1 * p.old;
  if (share >= SAME_PROCESS_SHARE || (share >= CHURN_PROCESS_SHARE && fewUnexplained)) {
    return { p, sameProcess: true, why: `${plural(p.persisted, 'goroutine')} of ${p.blocked.toLocaleString('en-US')} waiting in the earlier dump are still there, same id and stack` };
  }
  return {
    p,
    sameProcess: false,
    why: `only ${plural(p.persisted, 'goroutine')} of ${p.blocked.toLocaleString('en-US')} waiting in the earlier dump ${p.persisted === 1 ? 'is' : 'are'} still there with the same id and stack`,
  };
}

function persistenceDump(d: GrowthDump, siteIndexOfGroup: Int32Array): PersistenceDump | null {
  const id = d.identity;
  const gos = d.grouping.groupOfSample;
  if (!id || !gos) return null;
  const siteOf = new Int32Array(gos.length);
  const states: string[] = new Array<string>(gos.length);
  for (let s = 0; s < gos.length; s++) {
    const g = gos[s]!;
    siteOf[s] = g >= 0 ? siteIndexOfGroup[g]! : -1;
    states[s] = g >= 0 ? d.grouping.groups[g]!.state : '';
  }
  return { goroutines: id.goroutines, digests: id.digests, states, siteOf, truncated: id.truncated };
}

/** The interval between two dumps from the best source both have. */
function intervalOf(from: number, to: number, a: GrowthDump, b: GrowthDump, facts: PairFacts | null): GrowthInterval {
  const base = {
    from,
    to,
    sameProcess: facts ? facts.sameProcess : null,
    persisted: facts ? { count: facts.p.persisted, of: facts.p.blocked } : null,
    profileSeconds: a.profileTime !== null && b.profileTime !== null ? (b.profileTime - a.profileTime) / 1000 : null,
  };
  const none = (source: TimeSource, note: string): GrowthInterval => ({ ...base, elapsedSeconds: null, resolutionSeconds: null, minSeconds: null, maxSeconds: null, source, note });
  const exact = (seconds: number, source: TimeSource, note: string): GrowthInterval =>
    seconds > 0 ? { ...base, elapsedSeconds: seconds, resolutionSeconds: 0, minSeconds: seconds, maxSeconds: seconds, source, note } : none(source, note);

  if (facts?.sameProcess === false) return none('unknown', `different processes: ${facts.why}`);
  if (a.enteredTime != null && b.enteredTime != null) {
    const s = (b.enteredTime - a.enteredTime) / 1000;
    return exact(s, 'entered', s > 0 ? `${minutesText(s)} from the times entered` : 'the times entered are equal or reversed: no rate');
  }
  const waits = facts?.sameProcess ? elapsedFromWaits(facts.p.waitDiffs) : null;
  if (waits && waits.total >= MIN_WAIT_DIFFS && waits.agreeing / waits.total >= MIN_WAIT_AGREEMENT) {
    if (waits.minutes === 0) {
      return { ...none('goroutine-waits', 'less than a minute apart (the wait minutes did not change): no rate'), minSeconds: 0, maxSeconds: MINUTE };
    }
    const symmetric = waits.low === waits.minutes - 1;
    const span = symmetric ? `${minutesText(waits.minutes * MINUTE)} ± 1 min` : `${waits.low}-${waits.high} min`;
    const check =
      base.profileSeconds === null
        ? ''
        : base.profileSeconds >= waits.low * MINUTE - MINUTE && base.profileSeconds <= waits.high * MINUTE + MINUTE
          ? `; the profiles' own times agree (${minutesText(Math.round(base.profileSeconds))})`
          : `; the profiles' own times say ${minutesText(Math.round(base.profileSeconds))}, which does not agree`;
    return {
      ...base,
      elapsedSeconds: Math.round(waits.minutes * MINUTE),
      resolutionSeconds: ((waits.high - waits.low) * MINUTE) / 2,
      minSeconds: waits.low * MINUTE,
      maxSeconds: waits.high * MINUTE,
      source: 'goroutine-waits',
      note: `${span}, from the wait minutes of ${plural(waits.agreeing, 'goroutine')} waiting in both${check}`,
    };
  }
  if (base.profileSeconds !== null) {
    const s = base.profileSeconds;
    if (s < MIN_PROFILE_SECONDS) {
      return none('profile-time', `taken ${s.toFixed(1)} s apart by the profiles' own times: too close for a rate (replicas at one moment?)`);
    }
    return exact(s, 'profile-time', `${minutesText(s)} between the profiles' own times`);
  }
  if (a.fileTime !== null && b.fileTime !== null) {
    const s = (b.fileTime - a.fileTime) / 1000;
    if (s < MIN_FILE_SECONDS) {
      return none('file-mtime', `times from file dates are ${s <= 0 ? 'equal or reversed' : `${s.toFixed(1)} s apart`}: set by a copy or a download, not the captures; no rate`);
    }
    return exact(s, 'file-mtime', `${minutesText(s)} between the files' dates: not reliable (a copy or download sets them)`);
  }
  if (facts?.sameProcess && waits === null) return none('unknown', 'no goroutine waited a minute in the earlier dump: the wait minutes give no time; enter the capture times');
  return none('unknown', 'no capture time: enter one to get rates');
}

function signedOffsetMinutes(a: PersistenceDump, b: PersistenceDump): number | null {
  const f = pairFacts(a, b);
  if (!f.sameProcess) return null;
  const w = elapsedFromWaits(f.p.waitDiffs);
  if (!w || w.total < MIN_WAIT_DIFFS || w.agreeing / w.total < MIN_WAIT_AGREEMENT) return null;
  return w.minutes;
}

function maxId(d: PersistenceDump): number {
  let m = -1;
  for (let i = 0; i < d.goroutines.length; i++) if (d.goroutines.id[i]! > m) m = d.goroutines.id[i]!;
  return m;
}

/** Earliest first, by the best ordering every dump supports. */
function orderOf(dumps: GrowthDump[], pd: Array<PersistenceDump | null>): Pick<GoroutineGrowth, 'order' | 'orderedBy'> {
  const idx = dumps.map((_, i) => i);
  const by = (key: (i: number) => number) => [...idx].sort((a, b) => key(a) - key(b) || a - b);
  if (dumps.every((d) => d.enteredTime != null)) return { order: by((i) => dumps[i]!.enteredTime!), orderedBy: 'entered-time' };
  if (dumps.every((d) => d.profileTime !== null)) return { order: by((i) => dumps[i]!.profileTime!), orderedBy: 'profile-time' };
  if (pd.every((d) => d !== null)) {
    const ref = pd[0]!;
    const offsets = pd.map((d, i) => (i === 0 ? 0 : signedOffsetMinutes(ref, d!)));
    if (offsets.every((o) => o !== null)) return { order: by((i) => offsets[i]!), orderedBy: 'goroutine-waits' };
    // Within one process ids only grow: the dump holding the newest goroutine is the latest.
    if (pd.slice(1).every((d) => pairFacts(ref, d!).sameProcess === true || pairFacts(d!, ref).sameProcess === true)) {
      const ids = pd.map((d) => maxId(d!));
      return { order: by((i) => ids[i]!), orderedBy: 'goroutine-ids' };
    }
    return { order: idx, orderedBy: 'input' };
  }
  const files = dumps.map((d) => d.fileTime);
  if (files.every((t) => t !== null) && new Set(files).size === files.length) return { order: by((i) => files[i]!), orderedBy: 'file-mtime' };
  return { order: idx, orderedBy: 'input' };
}

interface SiteAcc {
  site: string;
  siteFile: string;
  siteLine: number;
  counts: number[];
  states: Map<string, number[]>;
  blocked: number;
  persisted: number;
}

type Rate = Pick<SiteGrowth, 'perMinute' | 'perMinuteLow' | 'perMinuteHigh' | 'rateText'>;
const noRate: Rate = { perMinute: null, perMinuteLow: null, perMinuteHigh: null, rateText: null };

function rateOf(change: number, span: GrowthInterval | null): Rate {
  if (!span || span.elapsedSeconds === null || span.minSeconds === null || span.maxSeconds === null) return noRate;
  const minutes = span.elapsedSeconds / MINUTE;
  const perMinute = change / minutes;
  const low = change / (span.maxSeconds / MINUTE);
  const high = span.minSeconds > 0 ? change / (span.minSeconds / MINUTE) : Infinity;
  const sign = change > 0 ? '+' : '';
  const fmt = (x: number) => {
    const a = Math.abs(x);
    return (a >= 100 ? Math.round(x) : a >= 10 ? Math.round(x * 10) / 10 : Math.round(x * 100) / 100).toLocaleString('en-US');
  };
  const spanText =
    span.maxSeconds === span.minSeconds
      ? minutesText(span.elapsedSeconds)
      : span.maxSeconds - span.minSeconds === 2 * MINUTE && span.elapsedSeconds - span.minSeconds === MINUTE
        ? `${minutesText(span.elapsedSeconds)} ± 1 min`
        : `${span.minSeconds / MINUTE}-${span.maxSeconds / MINUTE} min`;
  // A single figure once the time is known to within a tenth; a range before that.
  const tight = span.maxSeconds - span.minSeconds <= 0.2 * span.elapsedSeconds;
  const rate =
    change === 0
      ? 'no change'
      : tight
        ? `${sign}${fmt(perMinute)} per minute`
        : Number.isFinite(high)
          ? `${fmt(Math.min(low, high))}-${fmt(Math.max(low, high))} per minute`
          : `at least ${fmt(low)} per minute`;
  return { perMinute, perMinuteLow: Math.min(low, high), perMinuteHigh: Math.max(low, high), rateText: `${sign}${change.toLocaleString('en-US')} in ${spanText}: ${rate}` };
}

/** Growth per blocking site over two or more groupings of dumps. */
export function goroutineGrowth(dumps: GrowthDump[]): GoroutineGrowth {
  if (dumps.length < 2) throw new RangeError(`goroutine growth needs two or more dumps, got ${dumps.length}`);

  // One site table for the series, so persistence can be counted per site.
  const siteIndex = new Map<string, number>();
  const siteIndexOfGroup = dumps.map((d) =>
    Int32Array.from(d.grouping.groups, (g) => {
      let i = siteIndex.get(g.site);
      if (i === undefined) siteIndex.set(g.site, (i = siteIndex.size));
      return i;
    }),
  );
  const pd = dumps.map((d, i) => persistenceDump(d, siteIndexOfGroup[i]!));
  const { order, orderedBy } = orderOf(dumps, pd);
  const n = order.length;

  const facts: Array<PairFacts | null> = [];
  const intervals: GrowthInterval[] = [];
  for (let k = 1; k < n; k++) {
    const a = order[k - 1]!;
    const b = order[k]!;
    const f = pd[a] && pd[b] ? pairFacts(pd[a]!, pd[b]!) : null;
    facts.push(f);
    const interval = intervalOf(a, b, dumps[a]!, dumps[b]!, f);
    // Without goroutine ids, profiles taken at one moment are replicas (or one process twice):
    // either way not a time series.
    if (interval.sameProcess === null && interval.source === 'profile-time' && interval.elapsedSeconds === null) interval.sameProcess = false;
    intervals.push(interval);
  }
  const verdicts = intervals.map((i) => i.sameProcess);
  const sameProcess = verdicts.includes(false) ? false : verdicts.every((v) => v === true) ? true : null;
  const firstDifferent = intervals.find((i) => i.sameProcess === false);
  const processNote =
    sameProcess === true
      ? 'one process: each dump still holds the goroutines waiting in the one before (same id and stack)'
      : sameProcess === false
        ? firstDifferent!.source === 'profile-time'
          ? `one moment (${firstDifferent!.note.replace(/: too close.*$/, '')}): replicas or one process twice, shown side by side, not as growth`
          : `different processes (${firstDifferent!.note.replace(/^different processes: /, '')}): shown side by side, not as growth`
        : 'one process not verified: debug=1 and pprof goroutine profiles carry no goroutine ids';

  // The rates run over the longest stretch of consecutive intervals with a known time: all of
  // them when every interval is known (measured first to last directly where the dumps allow).
  let span: GrowthInterval | null = null;
  let spanPositions: [number, number] | null = null;
  if (sameProcess !== false) {
    let best: [number, number] | null = null;
    for (let i = 0; i < intervals.length; i++) {
      if (intervals[i]!.elapsedSeconds === null) continue;
      let j = i;
      while (j + 1 < intervals.length && intervals[j + 1]!.elapsedSeconds !== null) j++;
      if (!best || j - i > best[1] - best[0]) best = [i, j];
      i = j;
    }
    if (best) {
      const [i, j] = best;
      spanPositions = [i, j + 1];
      const a = order[i]!;
      const b = order[j + 1]!;
      const direct = j === i ? intervals[i]! : intervalOf(a, b, dumps[a]!, dumps[b]!, pd[a] && pd[b] ? pairFacts(pd[a]!, pd[b]!) : null);
      if (direct.elapsedSeconds !== null) span = direct;
      else {
        const run = intervals.slice(i, j + 1);
        const sum = (f: (x: GrowthInterval) => number) => run.reduce((t, x) => t + f(x), 0);
        const minS = sum((x) => x.minSeconds!);
        const maxS = sum((x) => x.maxSeconds!);
        const sources = new Set(run.map((x) => x.source));
        span = {
          ...direct,
          elapsedSeconds: sum((x) => x.elapsedSeconds!),
          minSeconds: minS,
          maxSeconds: maxS,
          resolutionSeconds: (maxS - minS) / 2,
          source: sources.size === 1 ? run[0]!.source : 'unknown',
          note: `the sum of ${run.length} intervals`,
        };
      }
    }
  }
  const offsetsMinutes: Array<number | null> = [0];
  for (const i of intervals) {
    const prev = offsetsMinutes[offsetsMinutes.length - 1]!;
    offsetsMinutes.push(prev === null || i.elapsedSeconds === null ? null : prev + i.elapsedSeconds / MINUTE);
  }

  const sites = new Map<string, SiteAcc>();
  const bySiteIndex: SiteAcc[] = [];
  order.forEach((input, k) => {
    for (const g of dumps[input]!.grouping.groups) {
      let acc = sites.get(g.site);
      if (!acc) {
        acc = { site: g.site, siteFile: g.siteFile, siteLine: g.siteLine, counts: new Array<number>(n).fill(0), states: new Map(), blocked: 0, persisted: 0 };
        sites.set(g.site, acc);
        bySiteIndex[siteIndex.get(g.site)!] = acc;
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
  const haveIds = facts.length > 0 && facts.every((f) => f !== null);
  if (haveIds) {
    for (const f of facts) {
      for (const [site, [blocked, persisted]] of f!.p.bySite) {
        const acc = bySiteIndex[site];
        if (!acc) continue;
        acc.blocked += blocked;
        acc.persisted += persisted;
      }
    }
  }
  const totals = order.map((i) => dumps[i]!.grouping.total);

  const out: SiteGrowth[] = [...sites.values()].map((acc) => {
    const counts = acc.counts;
    const change = counts[n - 1]! - counts[0]!;
    let grewEveryInterval = n > 1;
    for (let k = 1; k < n; k++) if (counts[k]! <= counts[k - 1]!) grewEveryInterval = false;
    const persistedShare = haveIds && acc.blocked > 0 ? acc.persisted / acc.blocked : null;
    const states = [...acc.states.entries()]
      .map(([state, c]) => ({ state, counts: c, change: c[n - 1]! - c[0]! }))
      .sort((a, b) => b.counts[n - 1]! - a.counts[n - 1]! || b.change - a.change || (a.state < b.state ? -1 : 1));
    let verdict: SiteVerdict;
    let reason: string;
    if (sameProcess === false) {
      verdict = 'side-by-side';
      reason = 'different processes or one moment: not a time series';
    } else if (change > 0) {
      const keeps = persistedShare !== null && persistedShare >= MIN_SUSPECT_PERSISTENCE;
      const steady = n >= 3 && grewEveryInterval;
      if (change >= MIN_SUSPECT_CHANGE && ((n === 2 && keeps) || (steady && (persistedShare === null || keeps)))) {
        verdict = 'leak-suspect';
        reason = steady ? `grew in all ${n - 1} intervals${keeps ? ' and its goroutines keep waiting' : ''}` : 'grew and its goroutines keep waiting';
      } else {
        verdict = 'growing';
        reason =
          change < MIN_SUSPECT_CHANGE
            ? `grew by fewer than ${MIN_SUSPECT_CHANGE}`
            : persistedShare !== null && !keeps
              ? `grew, but ${Math.round((1 - persistedShare) * 100)}% of its goroutines were replaced`
              : n >= 3
                ? 'grew with ups and downs'
                : 'grew; without goroutine ids two dumps cannot tell a leak from a burst';
      }
    } else if (change < 0) {
      verdict = 'shrinking';
      reason = 'fewer in the last dump';
    } else if (persistedShare !== null && persistedShare < 0.5) {
      verdict = 'churn';
      reason = `same count, ${Math.round((1 - persistedShare) * 100)}% of its goroutines replaced`;
    } else {
      verdict = 'flat';
      reason = 'same count';
    }
    return {
      site: acc.site,
      siteFile: acc.siteFile,
      siteLine: acc.siteLine,
      state: states[0]?.state ?? '',
      counts,
      shares: counts.map((c, k) => (totals[k]! > 0 ? c / totals[k]! : 0)),
      change,
      ...(sameProcess === false || !spanPositions ? noRate : rateOf(counts[spanPositions[1]]! - counts[spanPositions[0]]!, span)),
      grewEveryInterval,
      persistedShare,
      verdict,
      reason,
      pileUp: sameProcess === false ? pileUpOf(counts) : null,
      states,
    };
  });

  const rank: Record<SiteVerdict, number> = { 'leak-suspect': 0, growing: 1, churn: 2, flat: 2, shrinking: 2, 'side-by-side': 2 };
  if (sameProcess === false) {
    // Replicas: the sites that differ most between them first.
    const spread = (s: SiteGrowth) => Math.max(...s.counts) - Math.min(...s.counts);
    out.sort((a, b) => spread(b) - spread(a) || Math.max(...b.counts) - Math.max(...a.counts) || (a.site < b.site ? -1 : 1));
  } else {
    out.sort(
      (a, b) =>
        rank[a.verdict] - rank[b.verdict] ||
        b.change - a.change ||
        b.counts[n - 1]! - a.counts[n - 1]! ||
        (a.site < b.site ? -1 : a.site > b.site ? 1 : 0),
    );
  }
  return { order, orderedBy, sameProcess, processNote, intervals, span, spanPositions, offsetsMinutes, totals, sites: out };
}

/**
 * The replica with the pile-up: the largest count when it is at least 10 and at least twice
 * every other replica's; null when no replica stands out.
 */
function pileUpOf(counts: number[]): number | null {
  let top = -1;
  for (let k = 0; k < counts.length; k++) if (top < 0 || counts[k]! > counts[top]!) top = k;
  const max = counts[top]!;
  if (max < 10) return null;
  for (let k = 0; k < counts.length; k++) if (k !== top && counts[k]! * 2 > max) return null;
  return top;
}
