// The result types views render, and the few analysis and model values they use, re-exported so
// components depend on state only. State itself reaches them through worker/client, its one
// door to the worker and the analysis behind it (DESIGN.md: state -> model types, worker/client).
export type {
  AnchorMiss,
  BlockRate,
  BlockRateResult,
  CompareInfo,
  DiffFlameDatum,
  DiffFlameResult,
  DiffRows,
  DiffSortKey,
  DiffTable,
  Evidence,
  FileIdentity,
  FileSummary,
  KnownBugMatch,
  KnownBugsResult,
  LabelKeySummary,
  FlameDatum,
  FlameResult,
  FlameView,
  GoroutineGroup,
  GoroutineGrowth,
  GoroutineHistogram,
  GoroutinesResult,
  GraphResult,
  Granularity,
  HistogramSeries,
  LoadPhase,
  SampleFilter,
  SandwichEdge,
  SandwichResult,
  SearchResult,
  SiteGrowth,
  GrowthInterval,
  StackBucket,
  StackBy,
  StackFrame,
  StackResult,
  TopRows,
  TopTable,
  VersionStatus,
  WaitStats,
} from '../worker/client';
export { sameTable, tableKey } from '../worker/client';
export { BLOCK_RATE_RESOLUTION, OTHER_KEY, blockRateText, defaultSkipList, describeProblem, diffRowOrder, granularities, isEmptyFilter, noFilter, refineNumberKeys, refineTextKeys } from '../worker/client';
export type { Problem } from '../model/errors';
export type { CrashGoroutine, CrashReport } from '../model/goroutines';
export type { ValueType } from '../model/profile';
