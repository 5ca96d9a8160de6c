// Messages between the page and a profile worker. One worker holds one loaded file; the page
// asks it for derived views. Everything here is plain data or typed arrays (transferred).

import type { FlameView } from '../analysis/flame';
import type { GoroutineGrouping } from '../analysis/goroutineGroups';
import type { GoroutineHistogram } from '../analysis/goroutineHistogram';
import type { SampleFilter } from '../analysis/sampleFilter';
import type { Finding } from '../knowledge/match';

export type { Evidence, Finding } from '../knowledge/match';
export type { VersionStatus } from '../knowledge/versions';
import type { Granularity } from '../analysis/nodes';
import type { TopTable } from '../analysis/top';
import type { Problem } from '../model/errors';
import type { GoroutineFormat } from '../model/goroutines';
import type { ValueType } from '../model/profile';

export type LoadPhase = 'reading' | 'inflating' | 'decoding' | 'analysing';

export interface LoadSource {
  name: string;
  /** A File from a drop or the picker, raw bytes (paste, sample fetch), or text. */
  file?: Blob;
  bytes?: ArrayBuffer;
}

export type FileKind = 'pprof' | 'goroutines';

/** What the page needs to know about a loaded file, beyond the views it asks for. */
export interface FileSummary {
  kind: FileKind;
  /** 'pprof protobuf', 'goroutine dump (debug=2)', ... */
  formatLabel: string;
  goroutineFormat?: GoroutineFormat;
  sampleTypes: ValueType[];
  defaultSampleIndex: number;
  /** Bytes read and bytes after inflating. */
  size: number;
  inflatedSize: number;
  gzipped: boolean;
  sampleCount: number;
  locationCount: number;
  functionCount: number;
  /** Loss-free hints the page shows: truncated input, unparsed lines. */
  notes: string[];
  timings: Partial<Record<LoadPhase, number>>;
}

export interface TopRequest {
  filter: SampleFilter;
  sampleIndex: number;
  granularity: Granularity;
}

export interface FlameRequestMsg {
  filter: SampleFilter;
  sampleIndex: number;
  /** Function name to root the tree at (a click on a top-table row), or null. */
  focus: string | null;
  /** Tree node to zoom on, 0 for the whole tree. */
  zoom: number;
  maxNodes: number;
  minFraction: number;
}

export interface FlameResult {
  view: FlameView;
  total: number;
  sampleType: ValueType;
  focus: string | null;
}

export interface SearchRequest {
  filter: SampleFilter;
  sampleIndex: number;
  focus: string | null;
  pattern: string;
  regex: boolean;
}

export interface SearchResult {
  /** Value of the outermost matching frames, over the whole tree (not only the drawn part). */
  matched: number;
  total: number;
  /** Distinct function names that match. */
  functions: number;
  error?: string;
}

export interface GoroutinesRequest {
  filter: SampleFilter;
  /** Regular expressions of functions that are never a blocking site (blockingSite.ts). */
  skipList: string[];
}

export interface GoroutinesResult {
  grouping: GoroutineGrouping;
  histograms: { site: GoroutineHistogram; state: GoroutineHistogram };
  /** Goroutines in the dump, before the filter, and their states. */
  allGoroutines: number;
  allStates: Array<{ state: string; count: number }>;
  filterError: string | null;
  skipErrors: string[];
}

export interface StackRequest {
  sample: number;
}

export interface StackFrame {
  func: string;
  file: string;
  line: number;
}

export interface StackResult {
  sample: number;
  /** Innermost first. */
  frames: StackFrame[];
  createdBy: StackFrame | null;
  goroutineId: number | null;
  creatorId: number | null;
  /** The goroutine's text as the runtime printed it (debug=2 dumps). */
  raw: string | null;
}

export interface FindingsRequest {
  /** kube-apiserver version as the user typed it, or null. */
  version: string | null;
}

export interface FindingsResult {
  findings: Finding[];
  /** Kind of profile the matcher saw (goroutine, heap, cpu, ...). */
  kind: string;
  /** Known bugs the catalogue knows for this kind of profile (all checked). */
  checked: number;
}

export type Request =
  | { type: 'load'; id: number; source: LoadSource; maxInflatedBytes?: number; flameMinFraction: number }
  | { type: 'top'; id: number; req: TopRequest }
  | { type: 'flame'; id: number; req: FlameRequestMsg }
  | { type: 'search'; id: number; req: SearchRequest }
  | { type: 'goroutines'; id: number; req: GoroutinesRequest }
  | { type: 'stack'; id: number; req: StackRequest }
  | { type: 'findings'; id: number; req: FindingsRequest };

export type Response =
  | { type: 'progress'; id: number; phase: LoadPhase; done: number; total: number }
  | { type: 'loaded'; id: number; summary: FileSummary; flame: FlameResult }
  | { type: 'top'; id: number; top: TopTable }
  | { type: 'flame'; id: number; flame: FlameResult }
  | { type: 'search'; id: number; result: SearchResult }
  | { type: 'goroutines'; id: number; result: GoroutinesResult }
  | { type: 'stack'; id: number; result: StackResult }
  | { type: 'findings'; id: number; result: FindingsResult }
  | { type: 'error'; id: number; problem: Problem };
