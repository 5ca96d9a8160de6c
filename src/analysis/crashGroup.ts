// Where one goroutine landed in a grouping: its group and the bucket of identical stacks that
// holds it. Used to lead a crash dump's view with the goroutine that crashed.

import type { GoroutineDump } from '../model/goroutines';
import type { GoroutineGrouping } from './goroutineGroups';

export interface SamplePlace {
  group: number;
  /** Index in the group's buckets. */
  bucket: number;
}

/** Whether samples a and b have the same stack (same locations, same order). */
function sameStack(dump: GoroutineDump, a: number, b: number): boolean {
  const { stackStart, stack } = dump.profile.samples;
  const n = stackStart[a + 1]! - stackStart[a]!;
  if (stackStart[b + 1]! - stackStart[b]! !== n) return false;
  for (let i = 0; i < n; i++) if (stack[stackStart[a]! + i] !== stack[stackStart[b]! + i]) return false;
  return true;
}

/**
 * The group and bucket of goroutine `sample` (a row of the dump's goroutine table), or null
 * when the grouping left it out (`keep`, the filter the grouping was made with, says 0) or its
 * bucket is past the ones a group keeps. A group is (state, blocking site) and a bucket one
 * stack, so the place is the group of the sample's state whose bucket has the sample's stack.
 */
export function placeOfSample(dump: GoroutineDump, grouping: GoroutineGrouping, sample: number, keep?: Uint8Array | null): SamplePlace | null {
  const g = dump.goroutines;
  const p = dump.profile;
  if (!g || sample < 0 || sample >= g.length || (keep && !keep[sample])) return null;
  const state = p.strings[g.state[sample]!]!;
  // The grouping knows each goroutine's group (also when groups are split by a label).
  const known = grouping.groupOfSample?.[sample];
  if (known !== undefined && known >= 0) {
    const group = grouping.groups[known]!;
    const b = group.buckets.findIndex((bucket) => sameStack(dump, bucket.sample, sample));
    return b >= 0 ? { group: group.id, bucket: b } : null;
  }
  for (const group of grouping.groups) {
    if (group.state !== state) continue;
    for (let b = 0; b < group.buckets.length; b++) {
      if (sameStack(dump, group.buckets[b]!.sample, sample)) return { group: group.id, bucket: b };
    }
  }
  return null;
}
