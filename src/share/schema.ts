// The findings a shared link carries: what a reader without the file needs to see every number,
// and the anchors that put the full view back at the same place when the same file is dropped.
// These are the in-memory types every decode returns, each derived from its description in
// specs.ts (where the fields and their meanings are declared, once); the wire forms live in
// wire.ts (v3, named keys) and upgrade.ts (v1 plain, v2 packed). Tree node ids and group
// indexes are not stable across loads, so anchors are names: function paths from the root,
// (state, site) pairs, frame lists.

import type { Granularity } from '../analysis/nodes';
import type { GroupAnchor } from '../analysis/anchor';
import type { WaitStats } from '../analysis/goroutineGroups';
import type { Label, StackFrame } from '../analysis/sampleStack';
import type { Infer } from './shape';
import type {
  bodySpec,
  bugStatusSpec,
  evidenceSpec,
  figuresSpec,
  filterSpec,
  findingSpec,
  groupAnchorSpec,
  groupSummarySpec,
  knownBugSpec,
  labelSpec,
  profileSpec,
  referenceSpec,
  sampleTypeSpec,
  snapshotGroupsSpec,
  snapshotSpec,
  snapshotTopSpec,
  stackFrameSpec,
  tabSpec,
  topRowSpec,
  viewSpec,
  waitStatsSpec,
} from './specs';

/** The version encodePermalink writes and every decode returns. */
export const SCHEMA_VERSION = 3;

export type { Granularity };
export type ViewTab = Infer<typeof tabSpec>;
export type BugStatus = Infer<typeof bugStatusSpec>;

export type SharePayload = { v: typeof SCHEMA_VERSION } & Infer<typeof bodySpec>;
export type SharedProfile = Infer<typeof profileSpec>;
export type SampleType = Infer<typeof sampleTypeSpec>;
export type SharedView = Infer<typeof viewSpec>;
export type GoroutineFilter = Infer<typeof filterSpec>;
// These four are analysis's own types (their one home); the descriptions are checked to
// describe exactly them (a field added on one side and not the other does not build).
export type { GroupAnchor, WaitStats, StackFrame, Label };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const describes = <A, B>(ok: Same<A, B>) => ok;
describes<Infer<typeof groupAnchorSpec>, GroupAnchor>(true);
describes<Infer<typeof waitStatsSpec>, WaitStats>(true);
describes<Infer<typeof stackFrameSpec>, StackFrame>(true);
describes<Infer<typeof labelSpec>, Label>(true);
export type Figures = Infer<typeof figuresSpec>;
export type GroupSummary = Infer<typeof groupSummarySpec>;
/** A known bug as a link carries it (the catalogue's entry is knowledge's KnownBug). */
export type SharedBug = Infer<typeof knownBugSpec>;
/** A shared bug's reference and evidence lines (knowledge's Reference and Evidence, as links carry them). */
export type SharedReference = Infer<typeof referenceSpec>;
export type SharedEvidence = Infer<typeof evidenceSpec>;

export type Finding = Infer<typeof findingSpec>;
export type FindingKind = Finding['kind'];
export type FrameFinding = Extract<Finding, { kind: 'frame' }>;
export type TopRowFinding = Extract<Finding, { kind: 'top-row' }>;
export type GroupFinding = Extract<Finding, { kind: 'group' }>;
export type BucketFinding = Extract<Finding, { kind: 'bucket' }>;
export type KnownBugFinding = Extract<Finding, { kind: 'known-bug' }>;

export type Snapshot = Infer<typeof snapshotSpec>;
export type SnapshotTop = Infer<typeof snapshotTopSpec>;
export type TopRowSummary = Infer<typeof topRowSpec>;
export type SnapshotGroups = Infer<typeof snapshotGroupsSpec>;

/** Caps a payload must respect; decoding enforces them, builders stay within them. */
export const limits = {
  findings: 100,
  titleChars: 200,
  noteChars: 4000,
  /** Function names, file paths, evidence values, search text. */
  textChars: 4096,
  /** A flame path from the root; Go stacks can be deep, recursion deeper. */
  pathFrames: 1024,
  bucketFrames: 12,
  labels: 64,
  sampleTypes: 32,
  states: 64,
  histogramBuckets: 16,
  topRows: 100,
  groups: 100,
  knownBugs: 64,
  evidence: 32,
  refs: 32,
} as const;

export const MAX_BUCKET_FRAMES = limits.bucketFrames;
/** Top rows and groups a snapshot starts with (fitToSize may drop some). */
export const SNAPSHOT_TOP_ROWS = 20;
export const SNAPSHOT_GROUPS = 20;
