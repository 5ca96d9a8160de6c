// Putting a link's state back onto a freshly loaded file: its anchors are names (sample type,
// function paths, group state and site, stack frames), resolved here against this load's
// indexes. Each returns "not found" rather than a guess: a finding that no longer anchors is
// still shown from its own numbers. A flame path is found by findTreePath in analysis/callTree.

import type { GoroutineGroup, GoroutineGrouping } from '../analysis/goroutineGroups';
import type { TopTable } from '../analysis/top';
import type { ValueType } from '../model/profile';
import { pathBase } from './redact';
import type { BucketFinding, GroupAnchor, SharePayload, StackFrame } from './schema';

/** The dropped file is the one the link was made from. */
export function isSameFile(payload: SharePayload, sha256: string): boolean {
  return payload.profile.sha256 === sha256.toLowerCase();
}

/** Index of the sample type with this name, or -1. */
export function findSampleType(types: readonly ValueType[], name: string): number {
  return types.findIndex((t) => t.type === name);
}

export function findGroup(grouping: GoroutineGrouping, anchor: GroupAnchor): GoroutineGroup | null {
  return grouping.groups.find((g) => g.state === anchor.state && g.site === anchor.site) ?? null;
}

/** Row of the top table with this printed name, or -1. */
export function findTopRow(t: TopTable, name: string): number {
  return t.rows.name.indexOf(name);
}

/** `shared` may have had its path redacted to a base name. */
function sameFrame(shared: StackFrame, loaded: StackFrame): boolean {
  if (shared.func !== loaded.func || shared.line !== loaded.line) return false;
  return shared.file === loaded.file || (!/[\\/]/.test(shared.file) && pathBase(loaded.file) === shared.file);
}

/**
 * Index of the bucket of `group` whose stack starts with the finding's frames and is as deep,
 * or -1. `framesOf(sample)` gives a bucket's stack, innermost first (analysis/sampleStack sampleFrames).
 */
export function findBucket(group: GoroutineGroup, finding: Pick<BucketFinding, 'frames' | 'depth'>, framesOf: (sample: number) => readonly StackFrame[]): number {
  return group.buckets.findIndex((b) => {
    const frames = framesOf(b.sample);
    return frames.length === finding.depth && finding.frames.every((f, i) => frames[i] !== undefined && sameFrame(f, frames[i]!));
  });
}
