// The findings a shared link carries: what a reader without the file needs to see every number,
// and the anchors that put the full view back at the same place when the same file is dropped.
// This is the in-memory form every decode returns; the descriptions that validate it live in
// specs.ts, the wire forms in wire.ts (v3, named keys) and upgrade.ts (v1 plain, v2 packed). Tree node ids and group indexes are not stable across loads, so
// anchors are names: function paths from the root, (state, site) pairs, frame lists.

import type { Granularity } from '../analysis/nodes';

/** The version encodePermalink writes and every decode returns. */
export const SCHEMA_VERSION = 3;

export type { Granularity };
export type ViewTab = 'goroutines' | 'flame' | 'top';
export type FindingKind = 'frame' | 'top-row' | 'group' | 'bucket' | 'known-bug';
export type BugStatus = 'affected' | 'fixed' | 'not-affected' | 'unknown-version';

export interface SharePayload {
  v: typeof SCHEMA_VERSION;
  profile: SharedProfile;
  view: SharedView;
  /** In the order the user arranged them; never dropped to save room. */
  findings: Finding[];
  /** What the reader sees beyond the pinned findings; null when left out. */
  snapshot: Snapshot | null;
}

export interface SharedProfile {
  /** File name as dropped. */
  name: string;
  /** Size in bytes as dropped (before any gunzip). */
  size: number;
  /** "pprof profile", "goroutine dump (debug=2)", ... */
  format: string;
  sampleTypes: SampleType[];
  /** When the profile was taken (ISO 8601), null when the file does not say. */
  time: string | null;
  /** SHA-256 of the file's bytes as dropped, 64 lowercase hex digits. */
  sha256: string;
}

export interface SampleType {
  type: string;
  unit: string;
}

export interface SharedView {
  tab: ViewTab;
  /** Sample type by name ("inuse_space"), resolved against the file when it is dropped. */
  sampleType: string;
  granularity: Granularity;
  filter: GoroutineFilter;
  /** Function the flame graph is rooted at. */
  focus: string | null;
  /** Zoomed flame frame as function names from the root; [] when not zoomed. */
  zoomPath: string[];
  /** Goroutine group shown in detail. */
  group: GroupAnchor | null;
  /** Flame graph search text. */
  search: string;
  /** Top table filter text. */
  topFilter: string;
}

export interface GoroutineFilter {
  states: string[];
  minWait: number;
  /** Regular expression over frame names; "" keeps all. */
  frame: string;
}

/** A goroutine group by what it is, not by its index in one grouping. */
export interface GroupAnchor {
  state: string;
  site: string;
}

export interface WaitStats {
  min: number;
  median: number;
  max: number;
}

export interface StackFrame {
  func: string;
  file: string;
  line: number;
}

export interface Label {
  key: string;
  value: string;
}

/** Values of one frame or row, raw and as pprof prints them. */
export interface Figures {
  sampleType: string;
  /** Unit of the raw numbers ("bytes", "nanoseconds", "count"). */
  unit: string;
  flat: number;
  cum: number;
  /** What the percentages are of. */
  total: number;
  /** "3437.44MB", as the table or tooltip printed it. */
  flatText: string;
  cumText: string;
  totalText: string;
  /** "19.97%", pprof's percentage without its padding. */
  flatPct: string;
  cumPct: string;
}

/** One goroutine group's numbers, as in the group table and the wait histogram. */
export interface GroupSummary {
  state: string;
  site: string;
  siteFile: string;
  siteLine: number;
  /** Goroutines in the group; its share is count / the total that travels beside it. */
  count: number;
  wait: WaitStats | null;
  /** Goroutines per wait bucket (the labels travel beside). */
  histogram: number[];
}

export interface KnownBug {
  /** Catalogue id, e.g. "KAS-TIMEOUT-LEAK". */
  id: string;
  title: string;
  status: BugStatus;
  /** The catalogue's severity word ("high", "medium", ...). */
  severity: string;
  /** One line. */
  summary: string;
  evidence: Evidence[];
  /** Issues and pull requests. */
  refs: Reference[];
}

export interface Reference {
  /** "k/k#83333" */
  label: string;
  /** An http(s) URL: the only scheme accepted, since a page makes a link of it. */
  url: string;
}

export interface Evidence {
  label: string;
  value: string;
}

interface FindingBase {
  /** Short random id (newFindingId), stable while the finding lives. */
  id: string;
  title: string;
  /** Plain text, never markup. */
  note: string;
  /** ISO 8601. */
  createdAt: string;
}

/** A flame-graph frame: the node at this path from the root (self = flat, total = cum). */
export interface FrameFinding extends FindingBase {
  kind: 'frame';
  func: string;
  /** Function names from the root down to this frame (the last one is `func`). */
  path: string[];
  values: Figures;
}

/** A top-table row at some granularity. */
export interface TopRowFinding extends FindingBase {
  kind: 'top-row';
  /** The row's printed name ("pkg.F", "pkg.F file.go:12", "[binary]"). */
  name: string;
  /** Its function ("" when the row names none). */
  func: string;
  granularity: Granularity;
  values: Figures;
}

export interface GroupFinding extends FindingBase {
  kind: 'group';
  group: GroupSummary;
  /** Goroutines counted (after the view's filter): the group's share is count / total. */
  total: number;
  bucketLabels: string[];
}

/** One stack inside a group: identical function + file:line frames. */
export interface BucketFinding extends FindingBase {
  kind: 'bucket';
  group: GroupAnchor;
  count: number;
  wait: WaitStats | null;
  /** Innermost first, at most MAX_BUCKET_FRAMES of them. */
  frames: StackFrame[];
  /** Frames of the whole stack (frames may hold fewer). */
  depth: number;
  /** pprof labels of the stack's goroutines (debug=1 and pprof goroutine profiles). */
  labels: Label[];
}

export interface KnownBugFinding extends FindingBase {
  kind: 'known-bug';
  bug: KnownBug;
}

export type Finding = FrameFinding | TopRowFinding | GroupFinding | BucketFinding | KnownBugFinding;

export interface Snapshot {
  top: SnapshotTop | null;
  goroutines: SnapshotGroups | null;
  knownBugs: KnownBug[];
}

export interface SnapshotTop {
  sampleType: string;
  unit: string;
  granularity: Granularity;
  total: number;
  totalText: string;
  /** The first rows in pprof's order. */
  rows: TopRowSummary[];
  /** Rows of the whole table. */
  rowCount: number;
}

export interface TopRowSummary {
  name: string;
  flat: number;
  cum: number;
  flatText: string;
  cumText: string;
  flatPct: string;
  cumPct: string;
}

export interface SnapshotGroups {
  /** Goroutines counted (after the view's filter). */
  total: number;
  bucketLabels: string[];
  /** The largest groups, largest first. */
  groups: GroupSummary[];
  /** Groups of the whole grouping. */
  groupCount: number;
}

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
