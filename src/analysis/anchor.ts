// Anchors by name, resolved against one load's indexes: a sample type by its name (a flame
// frame by function names from the root is callTree's findTreePath), a goroutine group by (state, site), a stack by its
// frames. Shared links and pinned findings carry these, since tree node ids and group indexes
// change between loads. Each returns "not found" (-1 or null) rather than a guess.

import type { ValueType } from '../model/profile';
import { pathBase } from '../lib/gopath';
import type { GoroutineGroup, GoroutineGrouping } from './goroutineGroups';
import type { StackFrame } from './sampleStack';

/** A goroutine group by what it is, not by its index in one grouping. */
export interface GroupAnchor {
  state: string;
  site: string;
  /**
   * In a view grouped by a label key: the group's value of it, "" for the goroutines without the
   * key (pprof label values are never empty). Absent: the view is not split by a label.
   */
  label?: string;
}

export type { StackFrame };

/** Index of the sample type with this name, or -1. */
export function findSampleType(types: readonly ValueType[], name: string): number {
  return types.findIndex((t) => t.type === name);
}

export function findGroup(grouping: GoroutineGrouping, anchor: GroupAnchor): GoroutineGroup | null {
  // Either side not split by a label: the (state, site) group, the largest part of it if split.
  const sameLabel = (g: GoroutineGroup) => anchor.label === undefined || g.label === undefined || (g.label ?? '') === anchor.label;
  return grouping.groups.find((g) => g.state === anchor.state && g.site === anchor.site && sameLabel(g)) ?? null;
}

/** `shared` may have had its path redacted to a base name. */
function sameFrame(shared: StackFrame, loaded: StackFrame): boolean {
  if (shared.func !== loaded.func || shared.line !== loaded.line) return false;
  return shared.file === loaded.file || (!/[\\/]/.test(shared.file) && pathBase(loaded.file) === shared.file);
}

/**
 * Index of the bucket of `group` whose stack starts with these frames and is `depth` deep, or
 * -1. `framesOf(sample)` gives a bucket's stack, innermost first.
 */
export function findBucket(
  group: GoroutineGroup,
  stack: { frames: readonly StackFrame[]; depth: number },
  framesOf: (sample: number) => readonly StackFrame[],
): number {
  return group.buckets.findIndex((b) => {
    const frames = framesOf(b.sample);
    return frames.length === stack.depth && stack.frames.every((f, i) => frames[i] !== undefined && sameFrame(f, frames[i]!));
  });
}
