// The result types views render, re-exported so components depend on state, not on analysis.
export type { TopTable, TopRows } from '../analysis/top';
export type { FlameDatum, FlameView } from '../analysis/flame';
export type { Granularity } from '../analysis/nodes';
export { granularities } from '../analysis/nodes';
export type { FileSummary, FlameResult, LoadPhase, SearchResult } from '../worker/protocol';
export type { Problem } from '../model/errors';
export type { ValueType } from '../model/profile';
