// Messages between the page and a profile worker. One worker holds one loaded file; the page
// asks it for derived views. Everything here is plain data or typed arrays (transferred).

import type { DiffFlameView } from '../analysis/diffFlame';
import type { DiffTable } from '../analysis/diffTable';
import type { FlameView } from '../analysis/flame';
import type { GoroutineGrowth } from '../analysis/goroutineGrowth';
import type { BlockRateResult } from '../analysis/blockRate';
import type { GoroutineGrouping } from '../analysis/goroutineGroups';
import type { GoroutineHistogram } from '../analysis/goroutineHistogram';
import type { SampleFilter } from '../analysis/sampleFilter';
import type { LabelKeySummary } from '../analysis/labels';
import type { KnownBugMatch, UndecidedBug } from '../knowledge/match';

export type { Evidence, KnownBugMatch, UndecidedBug } from '../knowledge/match';
export type { VersionStatus } from '../knowledge/versions';
import type { Granularity } from '../analysis/nodes';
import type { TopTable } from '../analysis/top';
import type { RowOrder, TopSort } from '../analysis/topOrder';
import type { CallGraph } from '../analysis/callGraph';
import type { GraphLayout } from '../analysis/graphLayout';
import type { Problem } from '../model/errors';
import type { CrashReport, GoroutineFormat } from '../model/goroutines';
import type { SamplePlace } from '../analysis/crashGroup';
import type { ValueType } from '../model/profile';
import type { GroupAnchor } from '../analysis/anchor';
import type { StackFrame } from '../analysis/sampleStack';

export type { GroupAnchor };

export type LoadPhase = 'reading' | 'inflating' | 'decoding' | 'analysing';

export interface LoadSource {
  name: string;
  /** When the file was saved (File.lastModified) or a sample's capture time, ms since the epoch. */
  knownTime?: number | null;
  /** A File from a drop or the picker, raw bytes (paste, sample fetch), or text. */
  file?: Blob;
  bytes?: ArrayBuffer;
  /** The archive this file came out of (its name), shown as the tab's group. */
  group?: string;
}

/** An archive's members (each a file to open on its own) and what was skipped; kind null: not an archive. */
export interface UnpackResult {
  kind: 'zip' | 'tar' | 'tar.gz' | null;
  members: Array<{ name: string; bytes: ArrayBuffer }>;
  skipped: Array<{ name: string; reason: string }>;
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
  /** What crashed, when the file is a crash or signal traceback. */
  crash?: CrashReport;
  /** The profile's comments (a heap text's "# runtime.MemStats" block among them), at most 200. */
  comments?: string[];
  timings: Partial<Record<LoadPhase, number>>;
  /**
   * pprof labels of the whole file by key (goroutine state and wait left out), weighted by the
   * default sample type, top values per key; absent or [] when the file has none.
   */
  labels?: LabelKeySummary[];
  /** A set of several files: their names, in the order of every per-member column. */
  members?: string[];
}

export interface TopRequest {
  filter: SampleFilter;
  sampleIndex: number;
  granularity: Granularity;
}

/** The rows of the table `top` gave for the same request, as the view shows them. */
export interface TopOrderRequest extends TopRequest {
  rowFilter: string;
  sort: TopSort | null;
}

/** pprof's -dot call graph with its defaults (nodecount 80, nodefraction 0.005, edgefraction 0.001). */
export interface GraphRequest {
  filter: SampleFilter;
  sampleIndex: number;
  granularity: Granularity;
}

export interface GraphResult {
  graph: CallGraph;
  /** Top-down layout (Graphviz dot, run in the worker). */
  layout: GraphLayout;
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
  /** A label key to split each (state, site) group by; "" or absent: none. */
  groupBy?: string;
}

export interface GoroutinesResult {
  grouping: GoroutineGrouping;
  histograms: { site: GoroutineHistogram; state: GoroutineHistogram };
  /** Goroutines in the dump, before the filter, and their states. */
  allGoroutines: number;
  allStates: Array<{ state: string; count: number }>;
  filterError: string | null;
  skipErrors: string[];
  /**
   * Where the goroutine that crashed (FileSummary.crash.goroutine) is in this grouping; null
   * when the filters leave it out; absent when the file names no such goroutine.
   */
  crashPlace?: SamplePlace | null;
  /**
   * Per group (by id): the single-dump block rate (analysis/blockRate.ts) of all goroutines at
   * that state and site, the view's filters aside (a minimum wait would cut the recent minutes).
   */
  rates: BlockRateResult[];
  /** A set: its members in order (the groups' `members` counts), with all their goroutines. */
  members?: Array<{ name: string; total: number }>;
}

export interface StackRequest {
  sample: number;
}

export type { StackFrame };

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

export interface KnownBugsRequest {
  /** kube-apiserver version as the user typed it, or null. */
  version: string | null;
}

export interface KnownBugsResult {
  matches: KnownBugMatch[];
  /** Kind of profile the matcher saw (goroutine, heap, cpu, ...). */
  kind: string;
  /** Known bugs the catalogue knows for this kind of profile (all checked). */
  checked: number;
  /** Bugs this format cannot decide: their test is a wait time and it carries none. */
  undecided?: UndecidedBug[];
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

/** The view a shared anchor resolves in: the filter and rules of the view it will be shown in. */
export interface AnchorRequest {
  filter: SampleFilter;
  skipList: string[];
  /** The label key groups are split by in that view ("" or absent: none). */
  groupBy?: string;
  /** Sample index to use when `sampleType` is absent or not in this file. */
  sampleIndex: number;
  /** Sample type by name ("inuse_space"), as links and findings carry it. */
  sampleType?: string;
  /** Flame graph root (a function name), and a frame as function names from that root. */
  focus?: string | null;
  path?: string[];
  /** A goroutine group, and optionally one of its stacks (innermost first, and its depth). */
  group?: GroupAnchor;
  stack?: { frames: StackFrame[]; depth: number };
}

/** What an anchor could not find in this file (each is left at its default in the view). */
export type AnchorMiss =
  | { what: 'sampleType'; name: string }
  | { what: 'focus'; name: string }
  | { what: 'frame'; name: string }
  | { what: 'group'; group: GroupAnchor }
  | { what: 'stack'; group: GroupAnchor };

/** The view to show for an anchor: indexes valid for the request's filter and rules. */
export interface AnchorResult {
  sampleIndex: number;
  focus: string | null;
  /** Tree node of the zoomed frame (0: the whole tree). */
  zoom: number;
  /** Group index in the grouping for the request's filter and rules, and its stack bucket. */
  group: number | null;
  bucket: number;
  missed: AnchorMiss[];
}

export interface LoadRequest {
  /** The file; for a set, only its name (the set's) is read. */
  source: LoadSource;
  /**
   * Several files of different processes (replicas) shown as one: profiles merged as pprof
   * merges them, dumps side by side in one grouping that says which replica holds what.
   */
  members?: LoadSource[];
  maxInflatedBytes?: number;
  /** Frames narrower than this share of the whole merge in the first flame graph. */
  flameMinFraction: number;
}

export interface LoadResult {
  summary: FileSummary;
  flame: FlameResult;
}

interface Call<Req, Reply> {
  req: Req;
  reply: Reply;
}

/**
 * Every call the page can make of a worker: its request and its reply. The client's `call`, the
 * worker's dispatch and the handler table are all typed from this one table.
 */
export interface Calls {
  /** Reads and decodes a file; this worker then holds it. Sends progress while it runs. */
  load: Call<LoadRequest, LoadResult>;
  /** Whether a source is an archive (.zip, .tar, .tar.gz), and if so its members; holds nothing after. */
  unpack: Call<{ source: LoadSource }, UnpackResult>;
  top: Call<TopRequest, TopTable>;
  graph: Call<GraphRequest, GraphResult>;
  flame: Call<FlameRequestMsg, FlameResult>;
  search: Call<SearchRequest, SearchResult>;
  goroutines: Call<GoroutinesRequest, GoroutinesResult>;
  stack: Call<StackRequest, StackResult>;
  knownBugs: Call<KnownBugsRequest, KnownBugsResult>;
  /** The file's content hash (computed after the load, so the first paint does not wait). */
  identity: Call<null, FileIdentity>;
  /** A shared link's view or a pinned finding: where it lands in this file, in one call. */
  resolveAnchor: Call<AnchorRequest, AnchorResult>;
  /** This worker becomes a comparison of several files (their sources are read again). */
  compareLoad: Call<{ sources: LoadSource[] }, CompareInfo>;
  diffTop: Call<DiffTopRequest, DiffTable>;
  diffFlame: Call<DiffFlameRequest, DiffFlameResult>;
  growth: Call<GrowthRequest, GoroutineGrowth>;
  /** The top table's rows as shown: filtered by a Go regexp over names, sorted by a column. */
  topOrder: Call<TopOrderRequest, RowOrder>;
  /** One function's callers and callees (pprof's -peek) and its sandwich flame graphs. */
  sandwich: Call<SandwichRequest, SandwichResult>;
}

export type CallName = keyof Calls;
export type CallRequest<K extends CallName> = Calls[K]['req'];
export type CallReply<K extends CallName> = Calls[K]['reply'];

export type Request = { [K in CallName]: { id: number; call: K; req: CallRequest<K> } }[CallName];

export type Response =
  | { type: 'progress'; id: number; phase: LoadPhase; done: number; total: number }
  | { type: 'reply'; id: number; reply: unknown }
  | { type: 'error'; id: number; problem: Problem };

export type { DiffTable, DiffRows } from '../analysis/diffTable';
export type { DiffFlameDatum, DiffFlameView } from '../analysis/diffFlame';
export type { GoroutineGrowth, GrowthInterval, SiteGrowth } from '../analysis/goroutineGrowth';

export interface SandwichRequest {
  filter: SampleFilter;
  sampleIndex: number;
  /** The function, by its name in the top table at functions granularity. */
  name: string;
  maxNodes: number;
  minFraction: number;
}

export interface SandwichEdge {
  name: string;
  weight: number;
  inline: boolean;
}

/** One function's callers and callees: pprof's -peek numbers and the two flame graphs. */
export interface SandwichResult {
  name: string;
  sampleType: ValueType;
  /** What percentages are of (the whole profile's total, as the top table). */
  total: number;
  /** The unit values print in (the top table's). */
  outputUnit: string;
  flat: number;
  cum: number;
  /** Direct callers and callees with the weights and order of `go tool pprof -peek`. */
  callers: SandwichEdge[];
  callees: SandwichEdge[];
  /** Callers tree (root: the function, children: its callers) and the callees flame graph. */
  callerFlame: FlameView;
  calleeFlame: FlameView;
  /**
   * The function calls itself in some stack (directly or through others). The trees start at its
   * outermost call, so a caller met only inside such a recursion is drawn in the callees flame.
   */
  recursive: boolean;
}
