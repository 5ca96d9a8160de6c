// The result types views render, re-exported so components depend on state, not on analysis.
export type { TopTable, TopRows } from '../analysis/top';
export type { FlameDatum, FlameView } from '../analysis/flame';
export type { Granularity } from '../analysis/nodes';
export { granularities } from '../analysis/nodes';
export type {
  AnchorMiss,
  CompareInfo,
  DiffFlameDatum,
  DiffFlameResult,
  DiffRows,
  DiffTable,
  GoroutineGrowth,
  SiteGrowth,
  Evidence,
  FileIdentity,
  FileSummary,
  Finding,
  FindingsResult,
  FlameResult,
  GoroutinesResult,
  LoadPhase,
  SearchResult,
  StackFrame,
  StackResult,
  VersionStatus,
} from '../worker/protocol';
export type { GoroutineGroup, StackBucket, WaitStats } from '../analysis/goroutineGroups';
export type { GoroutineHistogram, HistogramSeries, StackBy } from '../analysis/goroutineHistogram';
export { OTHER_KEY } from '../analysis/goroutineHistogram';
export type { SampleFilter } from '../analysis/sampleFilter';
export { noFilter, isEmptyFilter } from '../analysis/sampleFilter';
export { defaultSkipList } from '../analysis/blockingSite';
export type { Problem } from '../model/errors';
export type { ValueType } from '../model/profile';
export { diffRowOrder } from '../analysis/diffTable';
export type { DiffSortKey } from '../analysis/diffTable';
