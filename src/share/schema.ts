// The findings a shared link carries: what a reader without the file needs to see every number,
// and the anchors that put the full view back at the same place when the same file is dropped.
// These are the in-memory types every decode returns, each derived from its description in
// specs.ts (where the fields and their meanings are declared, once); the wire forms live in
// wire.ts (v3, named keys) and upgrade.ts (v1 plain, v2 packed). Tree node ids and group
// indexes are not stable across loads, so anchors are names: function paths from the root,
// (state, site) pairs, frame lists.

import type { Granularity } from '../analysis/nodes';
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
export type GroupAnchor = Infer<typeof groupAnchorSpec>;
export type WaitStats = Infer<typeof waitStatsSpec>;
export type StackFrame = Infer<typeof stackFrameSpec>;
export type Label = Infer<typeof labelSpec>;
export type Figures = Infer<typeof figuresSpec>;
export type GroupSummary = Infer<typeof groupSummarySpec>;
export type KnownBug = Infer<typeof knownBugSpec>;
export type Reference = Infer<typeof referenceSpec>;
export type Evidence = Infer<typeof evidenceSpec>;

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
