// Messages between the page and a profile worker. One worker holds one loaded file; the page
// asks it for derived views. Everything here is plain data or typed arrays (transferred).

import type { DiffFlameView } from '../analysis/diffFlame';
import type { DiffTable } from '../analysis/diffTable';
import type { FlameView } from '../analysis/flame';
import type { GoroutineGrowth } from '../analysis/goroutineGrowth';
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
  /** When the file was saved (File.lastModified) or a sample's capture time, ms since the epoch. */
  knownTime?: number | null;
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
  /** The sample's pprof labels (goroutine state and wait, which the dump parser adds, left out). */
  labels: Array<{ key: string; value: string }>;
  createdBy: StackFrame | null;
  goroutineId: number | null;
  creatorId: number | null;
  /** The goroutine's text as the runtime printed it (debug=2 dumps). */
  raw: string | null;
}

/** What ties a shared link to this file. */
export interface FileIdentity {
  /** SHA-256 of the bytes as read (before any gunzip), 64 lowercase hex digits. */
  sha256: string;
  /** When the profile was taken (ISO 8601), null when the file does not say. */
  time: string | null;
}

/** A flame frame by its function names from the root (a shared link's zoom), in this view's tree. */
export interface PathRequest {
  filter: SampleFilter;
  sampleIndex: number;
  focus: string | null;
  path: string[];
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

export interface DiffTopRequest {
  base: number;
  target: number;
  sampleIndex: number;
  granularity: Granularity;
  /** Scale the base to the target's total. */
  normalize: boolean;
}

export interface DiffFlameRequest {
  base: number;
  target: number;
  sampleIndex: number;
  normalize: boolean;
  zoom: number;
  maxNodes: number;
  minFraction: number;
}

export interface DiffFlameResult {
  view: DiffFlameView;
  sampleType: ValueType;
  baseScale: number;
}

export interface GrowthRequest {
  skipList: string[];
  /** Capture times the user entered, per file index (null: use the file's own). */
  times: Array<number | null>;
}

export interface CompareInfo {
  files: Array<{ name: string; kind: FileKind; sampleTypes: ValueType[]; defaultSampleIndex: number }>;
  times: Array<{ time: number | null; source: 'profile' | 'file' | 'none' }>;
}

export type Request =
  | { type: 'load'; id: number; source: LoadSource; maxInflatedBytes?: number; flameMinFraction: number }
  | { type: 'top'; id: number; req: TopRequest }
  | { type: 'flame'; id: number; req: FlameRequestMsg }
  | { type: 'search'; id: number; req: SearchRequest }
  | { type: 'goroutines'; id: number; req: GoroutinesRequest }
  | { type: 'stack'; id: number; req: StackRequest }
  | { type: 'findings'; id: number; req: FindingsRequest }
  | { type: 'identity'; id: number }
  | { type: 'resolvePath'; id: number; req: PathRequest }
  | { type: 'compareLoad'; id: number; sources: LoadSource[] }
  | { type: 'diffTop'; id: number; req: DiffTopRequest }
  | { type: 'diffFlame'; id: number; req: DiffFlameRequest }
  | { type: 'growth'; id: number; req: GrowthRequest };

export type Response =
  | { type: 'progress'; id: number; phase: LoadPhase; done: number; total: number }
  | { type: 'loaded'; id: number; summary: FileSummary; flame: FlameResult }
  | { type: 'top'; id: number; top: TopTable }
  | { type: 'flame'; id: number; flame: FlameResult }
  | { type: 'search'; id: number; result: SearchResult }
  | { type: 'goroutines'; id: number; result: GoroutinesResult }
  | { type: 'stack'; id: number; result: StackResult }
  | { type: 'findings'; id: number; result: FindingsResult }
  | { type: 'identity'; id: number; identity: FileIdentity }
  | { type: 'resolvePath'; id: number; node: number }
  | { type: 'compareLoaded'; id: number; info: CompareInfo }
  | { type: 'diffTop'; id: number; table: DiffTable }
  | { type: 'diffFlame'; id: number; flame: DiffFlameResult }
  | { type: 'growth'; id: number; growth: GoroutineGrowth }
  | { type: 'error'; id: number; problem: Problem };

export type { DiffTable, DiffRows } from '../analysis/diffTable';
export type { DiffFlameDatum, DiffFlameView } from '../analysis/diffFlame';
export type { GoroutineGrowth, SiteGrowth } from '../analysis/goroutineGrowth';
