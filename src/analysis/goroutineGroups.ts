// Goroutines grouped the way an operator reads a pile-up: by (state, blocking site), then,
// inside a group, by identical stacks (function + file:line; arguments and ids ignored).
// Works on any goroutine profile: a debug=2 dump (one sample per goroutine, with states and
// wait minutes) or debug=1 / debug=0 (one sample per distinct stack, with a count). Grouped by
// a label key too, each (state, site) group splits by that key's value; every group and stack
// bucket lists the pprof labels of its goroutines.

import type { GoroutineDump } from '../model/goroutines';
import type { Profile } from '../model/profile';
import type { SkipMatcher } from './blockingSite';
import { LabelTally, sampleLabelValue, userLabelKeys, type LabelKeySummary } from './labels';
import type { SampleStates } from './goroutineState';
import { bucketOf, waitBucketsFor } from './waitBuckets';

export interface WaitStats {
  min: number;
  median: number;
  max: number;
}

/**
 * How many goroutines of a group show each wait minute (debug=2 and crash dumps): the distinct
 * minutes the headers print, ascending, with their counts; goroutines whose header shows no
 * minutes (blocked under a minute, or not yet seen by a GC) are counted apart.
 */
export interface WaitDistribution {
  minutes: number[];
  counts: number[];
  withoutMinutes: number;
}

export interface StackBucket {
  /** Goroutines with this exact stack. */
  count: number;
  /** A sample with this stack, to show its frames. */
  sample: number;
  /** A few goroutine ids (debug=2 only). */
  goroutineIds: number[];
  wait: WaitStats | null;
  /** pprof labels of the bucket's goroutines by key (state and wait left out); [] when none. */
  labels: LabelKeySummary[];
}

export interface GoroutineGroup {
  /** Stable within one grouping: index in the count-sorted list. */
  id: number;
  /** Wait reason or status; "" when the format does not say (debug=1, debug=0). */
  state: string;
  /** Function of the blocking site (see blockingSite.ts). */
  site: string;
  siteFile: string;
  siteLine: number;
  count: number;
  /** count / all goroutines. */
  share: number;
  wait: WaitStats | null;
  /** Exact goroutines per wait minute; null when the format has no wait times. */
  waitDistribution: WaitDistribution | null;
  /** Goroutines per wait bucket (the grouping's bucketLabels); empty without wait times. */
  waitHistogram: number[];
  createdBy: Array<{ name: string; count: number }>;
  goroutineIds: number[];
  /** Stack buckets, largest first, at most MAX_BUCKETS of them. */
  buckets: StackBucket[];
  bucketCount: number;
  /**
   * Groups holding the goroutines that created this group's goroutines: by creator id when the
   * dump prints one (Go 1.21+), else groups whose stacks pass through the created-by function.
   * Empty when the creators are gone (often the point: a leaked goroutine outlives its caller).
   */
  creatorGroups: number[];
  /**
   * Grouped by a label key: the group's value of it, null for the goroutines without the key.
   * Absent when the grouping is by (state, site) only.
   */
  label?: string | null;
  /** pprof labels of the group's goroutines by key (state and wait left out); [] when none. */
  labels: LabelKeySummary[];
  /** In a set of several processes' dumps: this group's goroutines in each member, in set order. */
  members?: number[];
}

export interface GoroutineGrouping {
  total: number;
  states: Array<{ state: string; count: number }>;
  groups: GoroutineGroup[];
  hasWaitMinutes: boolean;
  /** Longest wait in the whole dump (before any filter), in minutes; -1 when none shows minutes. */
  longestWait: number;
  /** Lower edges of the wait buckets in minutes (waitBuckets.ts), fitted to longestWait; empty without wait times. */
  bucketEdges: readonly number[];
  /** Upper edge (exclusive) of the last bucket. */
  bucketEnd: number;
  bucketLabels: readonly string[];
  /** Per sample, the id of its group (-1 when filtered out); null for dumps without a goroutine table. */
  groupOfSample: Int32Array | null;
  /** The label key groups are split by, when one was asked for. */
  groupBy?: string;
}

/** Label values listed per key in a group or bucket. */
export const MAX_LABEL_VALUES = 10;

const SAMPLE_IDS = 5;
export const MAX_BUCKETS = 100;

function stats(sorted: number[]): WaitStats | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/** The blocking-site location line of each location, or -1 when every line is skipped. */
function siteLines(p: Profile, skip: SkipMatcher): Int32Array {
  const { locations, lines, functions, strings } = p;
  const skipFn = new Int8Array(functions.length).fill(-1);
  const out = new Int32Array(locations.length).fill(-1);
  for (let l = 0; l < locations.length; l++) {
    for (let i = locations.lineStart[l]!; i < locations.lineStart[l + 1]!; i++) {
      const f = lines.func[i]!;
      if (f < 0) continue;
      if (skipFn[f] === -1) skipFn[f] = skip.skip(strings[functions.name[f]!]!) ? 1 : 0;
      if (skipFn[f] === 0) {
        out[l] = i;
        break;
      }
    }
  }
  return out;
}

interface GroupAcc {
  state: string;
  site: string;
  siteFile: string;
  siteLine: number;
  count: number;
  waits: number[];
  withoutMinutes: number;
  createdBy: Map<string, number>;
  ids: number[];
  /** By stack id (stackIdsOf). */
  buckets: Map<number, { count: number; sample: number; ids: number[]; waits: number[]; labels: LabelTally }>;
  /** Creator goroutines, by id (or "member:id" in a set, where ids repeat across processes). */
  creatorIds: Set<number | string>;
  label: string | null;
  labels: LabelTally;
  /** Goroutines per member of a set; absent for one file. */
  perMember?: number[];
}

/** The member (file) of each sample when the dump is several processes' dumps as one set. */
export interface SetMembers {
  of: Uint16Array;
  count: number;
}

/**
 * Per sample, an id shared by exactly the samples with the same stack (the same locations in
 * the same order): an open-addressing table over the stacks' hashes, compared element by
 * element, so no string is built per sample.
 */
export function stackIdsOf(samples: { length: number; stackStart: Uint32Array; stack: Uint32Array }): Int32Array {
  const { length, stackStart, stack } = samples;
  const ids = new Int32Array(length);
  let size = 16;
  while (size < length * 2) size *= 2;
  const mask = size - 1;
  // Slot -> representative sample + 1 (0: empty).
  const slots = new Int32Array(size);
  const slotId = new Int32Array(size);
  let next = 0;
  for (let s = 0; s < length; s++) {
    const b = stackStart[s]!;
    const e = stackStart[s + 1]!;
    let h = Math.imul(e - b, 0x9e3779b1);
    for (let i = b; i < e; i++) {
      h = Math.imul(h ^ stack[i]!, 0x85ebca6b);
      h ^= h >>> 15;
    }
    let slot = h & mask;
    for (;;) {
      const r = slots[slot]!;
      if (r === 0) {
        slots[slot] = s + 1;
        slotId[slot] = next;
        ids[s] = next++;
        break;
      }
      const rb = stackStart[r - 1]!;
      const re = stackStart[r]!;
      if (re - rb === e - b) {
        let i = 0;
        while (i < e - b && stack[rb + i] === stack[b + i]) i++;
        if (i === e - b) {
          ids[s] = slotId[slot]!;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
  }
  return ids;
}


/**
 * Groups the goroutines; `keep` (1 per sample) leaves out filtered ones; `groupBy` (a label key,
 * "" for none) splits each (state, site) group by the key's value. `states` (debug=0 and
 * debug=1, which print none) gives each sample a state read from its frames (goroutineState.ts).
 */
export function groupGoroutines(
  dump: GoroutineDump,
  skip: SkipMatcher,
  keep?: Uint8Array,
  groupBy = '',
  states?: SampleStates,
  members?: SetMembers,
): GoroutineGrouping {
  const p = dump.profile;
  const g = dump.goroutines;
  const { samples, locations, lines, functions, strings } = p;
  const values = samples.values[0]!;
  const sites = siteLines(p, skip);
  const groups = new Map<string, GroupAcc>();
  const stateCounts = new Map<string, number>();
  const hasWait = g !== null;
  const sampleGroup: Array<GroupAcc | undefined> = g ? new Array(samples.length) : [];
  let total = 0;
  const user = userLabelKeys(p, dump.format === 'debug2');
  // -2: not grouping by a label; -1: no such key in this profile (every goroutine lacks it).
  const byKey = groupBy === '' ? -2 : strings.indexOf(groupBy);
  const stackIds = stackIdsOf(samples);

  for (let s = 0; s < samples.length; s++) {
    const count = values[s]!;
    if (count === 0 || (keep && !keep[s])) continue;
    total += count;
    const begin = samples.stackStart[s]!;
    const end = samples.stackStart[s + 1]!;
    let siteLine = -1;
    for (let i = begin; i < end && siteLine < 0; i++) siteLine = sites[samples.stack[i]!]!;
    if (siteLine < 0 && end > begin) {
      // Everything is runtime: the goroutine's own entry function says what it is.
      const outer = samples.stack[end - 1]!;
      siteLine = locations.lineStart[outer + 1]! - 1;
      if (siteLine < locations.lineStart[outer]!) siteLine = -1;
    }
    const f = siteLine >= 0 ? lines.func[siteLine]! : -1;
    const site = f >= 0 ? strings[functions.name[f]!]! : end > begin ? '(unknown function)' : '(no stack)';
    const state = g ? strings[g.state[s]!]! : states ? states.names[states.state[s]!]! : '';
    const label = byKey < 0 ? null : sampleLabelValue(p, s, byKey);
    const key = byKey === -2 ? `${state}\u0000${site}` : `${state}\u0000${site}\u0000${label === null ? '\u0001' : label}`;
    let acc = groups.get(key);
    if (!acc) {
      acc = {
        state,
        site,
        siteFile: f >= 0 ? strings[functions.filename[f]!]! : '',
        siteLine: siteLine >= 0 ? lines.line[siteLine]! : 0,
        count: 0,
        waits: [],
        withoutMinutes: 0,
        createdBy: new Map(),
        ids: [],
        buckets: new Map(),
        creatorIds: new Set(),
        label,
        labels: new LabelTally(p, user),
        ...(members ? { perMember: new Array<number>(members.count).fill(0) } : {}),
      };
      groups.set(key, acc);
    }
    acc.count += count;
    if (acc.perMember) acc.perMember[members!.of[s]!]! += count;
    acc.labels.add(s, count);
    if (g) sampleGroup[s] = acc;
    stateCounts.set(state, (stateCounts.get(state) ?? 0) + count);

    const stackKey = stackIds[s]!;
    let bucket = acc.buckets.get(stackKey);
    if (!bucket) {
      bucket = { count: 0, sample: s, ids: [], waits: [], labels: new LabelTally(p, user) };
      acc.buckets.set(stackKey, bucket);
    }
    bucket.count += count;
    bucket.labels.add(s, count);

    if (g) {
      const printed = g.waitMinutes[s]!;
      const minutes = Math.max(0, printed);
      if (printed < 0) acc.withoutMinutes++;
      acc.waits.push(minutes);
      bucket.waits.push(minutes);
      if (acc.ids.length < SAMPLE_IDS) acc.ids.push(g.id[s]!);
      if (bucket.ids.length < SAMPLE_IDS) bucket.ids.push(g.id[s]!);
      const creator = g.creatorId[s]!;
      if (creator >= 0) acc.creatorIds.add(members ? `${members.of[s]}:${creator}` : creator);
      const cb = g.createdBy[s]!;
      if (cb >= 0) {
        const lf = lines.func[locations.lineStart[cb]!]!;
        const name = lf >= 0 ? strings[functions.name[lf]!]! : '(unknown)';
        acc.createdBy.set(name, (acc.createdBy.get(name) ?? 0) + 1);
      }
    }
  }

  let longestWait = -1;
  if (g) for (let i = 0; i < g.length; i++) if (g.waitMinutes[i]! > longestWait) longestWait = g.waitMinutes[i]!;
  const fitted = hasWait ? waitBucketsFor(longestWait) : { edges: [], end: 0, labels: [] };

  const groupIndex = new Map<GroupAcc, number>();
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      byText(a.site, b.site) ||
      byText(a.state, b.state) ||
      (a.label === null ? (b.label === null ? 0 : 1) : b.label === null ? -1 : byText(a.label, b.label)),
  );
  sorted.forEach((acc, i) => groupIndex.set(acc, i));
  const creators = creatorIndex(dump, sorted, groupIndex, sampleGroup, members);
  const out: GoroutineGroup[] = sorted.map((acc, id) => {
    const buckets = [...acc.buckets.values()].sort((a, b) => b.count - a.count);
    const createdBy = [...acc.createdBy.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
    const waits = acc.waits.sort((a, b) => a - b);
    const distribution = hasWait ? distributionOf(waits, acc.withoutMinutes) : null;
    return {
      id,
      state: acc.state,
      site: acc.site,
      siteFile: acc.siteFile,
      siteLine: acc.siteLine,
      count: acc.count,
      share: total > 0 ? acc.count / total : 0,
      wait: hasWait ? stats(waits) : null,
      waitDistribution: distribution,
      waitHistogram: distribution ? histogramOf(distribution, fitted.edges) : [],
      createdBy,
      goroutineIds: acc.ids,
      buckets: buckets.slice(0, MAX_BUCKETS).map((b) => ({
        count: b.count,
        sample: b.sample,
        goroutineIds: b.ids,
        wait: hasWait ? stats(b.waits.sort((x, y) => x - y)) : null,
        labels: b.labels.summary(MAX_LABEL_VALUES),
      })),
      bucketCount: buckets.length,
      creatorGroups: creators(acc, createdBy.map((c) => c.name)).filter((c) => c !== id),
      ...(byKey === -2 ? {} : { label: acc.label }),
      labels: acc.labels.summary(MAX_LABEL_VALUES),
      ...(acc.perMember ? { members: acc.perMember } : {}),
    };
  });
  return {
    total,
    states: [...stateCounts.entries()].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count),
    groups: out,
    hasWaitMinutes: hasWait,
    groupOfSample: g ? Int32Array.from(sampleGroup, (acc) => (acc ? groupIndex.get(acc)! : -1)) : null,
    ...(groupBy === '' ? {} : { groupBy }),
    longestWait,
    bucketEdges: fitted.edges,
    bucketEnd: fitted.end,
    bucketLabels: fitted.labels,
  };
}

/** Run lengths of the sorted waits (no-minute goroutines were pushed as 0 and are taken apart). */
function distributionOf(sorted: number[], withoutMinutes: number): WaitDistribution {
  const minutes: number[] = [];
  const counts: number[] = [];
  let i = withoutMinutes;
  while (i < sorted.length) {
    const m = sorted[i]!;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === m) j++;
    minutes.push(m);
    counts.push(j - i);
    i = j;
  }
  return { minutes, counts, withoutMinutes };
}

/** Goroutines per bucket: no-minute goroutines in the first ("<1 min"), the rest by their minutes. */
export function histogramOf(d: WaitDistribution, edges: readonly number[]): number[] {
  const out = new Array<number>(edges.length).fill(0);
  if (edges.length === 0) return out;
  out[0]! += d.withoutMinutes;
  for (let i = 0; i < d.minutes.length; i++) out[bucketOf(edges, d.minutes[i]!)]! += d.counts[i]!;
  return out;
}

/**
 * Finds creators' groups: by goroutine id when the dump prints creator ids, else by the
 * created-by function appearing in another group's stacks.
 */
function creatorIndex(
  dump: GoroutineDump,
  groups: GroupAcc[],
  indexOf: Map<GroupAcc, number>,
  sampleGroup: Array<GroupAcc | undefined>,
  members: SetMembers | undefined,
): (acc: GroupAcc, createdBy: string[]) => number[] {
  const g = dump.goroutines;
  const p = dump.profile;
  let groupOfGoroutine: Map<number | string, number> | null = null;
  let groupsWithFunction: Map<string, Set<number>> | null = null;
  return (acc, createdBy) => {
    if (!g) return [];
    if (acc.creatorIds.size > 0) {
      if (!groupOfGoroutine) {
        groupOfGoroutine = new Map();
        for (let s = 0; s < sampleGroup.length; s++) {
          const grp = sampleGroup[s];
          if (grp) groupOfGoroutine.set(members ? `${members.of[s]}:${g.id[s]}` : g.id[s]!, indexOf.get(grp)!);
        }
      }
      const out = new Set<number>();
      for (const id of acc.creatorIds) {
        const grp = groupOfGoroutine.get(id);
        if (grp !== undefined) out.add(grp);
      }
      if (out.size > 0) return [...out].sort((a, b) => a - b);
    }
    if (createdBy.length === 0) return [];
    if (!groupsWithFunction) {
      groupsWithFunction = new Map();
      const { samples, locations, lines, functions, strings } = p;
      for (const grp of groups) {
        const gi = indexOf.get(grp)!;
        for (const b of grp.buckets.values()) {
          for (let i = samples.stackStart[b.sample]!; i < samples.stackStart[b.sample + 1]!; i++) {
            const loc = samples.stack[i]!;
            for (let li = locations.lineStart[loc]!; li < locations.lineStart[loc + 1]!; li++) {
              const f = lines.func[li]!;
              if (f < 0) continue;
              const name = strings[functions.name[f]!]!;
              let set = groupsWithFunction.get(name);
              if (!set) groupsWithFunction.set(name, (set = new Set()));
              set.add(gi);
            }
          }
        }
      }
    }
    const out = new Set<number>();
    for (const name of createdBy) for (const gi of groupsWithFunction.get(name) ?? []) out.add(gi);
    return [...out].sort((a, b) => a - b);
  };
}
