// The payload a link carries, declared once: each description here is what the validator, the
// writers and the readers walk (shape.ts), and schema.ts names the in-memory types they
// describe (type SharedView = Infer<typeof viewSpec>). Field order is the key order of the
// written JSON; in the v2 tuple form (upgrade.ts) it was the position, and the order of enum
// values and finding kinds their index: never reorder them, append.
//
// Adding a field to links: declare it here with `optional(spec)` (links made before it lack it
// and read it as undefined; older pages skip it), then use it where it is set and read. The
// type, validation, redaction, the v1/v2 upgrades, stored findings and the share preview (a
// generic line until preview.ts names it) follow from the declaration; no version bump. With
// `optional(spec, default)` the field is required in memory, so code that builds the object
// sets it too. A field every link must have, a changed meaning or a removed field is a new
// schema version (upgrade.ts).

import type { Granularity } from '../analysis/nodes';
import type { StackBy } from '../analysis/goroutineHistogram';
import { limits } from './schema';
import type { Infer } from './shape';
import { list, nullable, num, obj, oneOf, optional, str, union } from './shape';

const text = str(limits.textChars);
const shortText = str(200);
const count = num({ int: true, min: 0 });
const value = num();

export const findingIdPattern = /^[A-Za-z0-9_-]{4,16}$/;
/** new Date(...).toISOString() output: the only form accepted, so it round-trips exactly. */
export const isoTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const sha256Pattern = /^[0-9a-f]{64}$/;
/** A catalogue word: lowercase letters, digits and dashes. */
const wordPattern = /^[a-z0-9-]{1,24}$/;
/**
 * A reference URL is the one string a page makes a link of: http(s) only, so "javascript:",
 * "data:" or a scheme-relative "//host" never get that far.
 */
export const httpUrlPattern = /^https?:\/\/[^\s/?#]+[^\s]*$/;

const isoTime = str(24, { re: isoTimePattern, hint: 'a time like 2026-11-23T02:01:00.000Z', role: 'token' });
const filePath = str(limits.textChars, { role: 'path' });

export const tabSpec = oneOf(['goroutines', 'flame', 'top', 'graph']);
const stackBys: readonly StackBy[] = ['site', 'state'];
const granularities: readonly Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];
export const granularitySpec = oneOf(granularities);
export const bugStatusSpec = oneOf(['affected', 'fixed', 'not-affected', 'unknown-version']);

export const sampleTypeSpec = obj({ type: shortText, unit: shortText });

export const profileSpec = obj({
  /** File name as dropped. */
  name: str(500, { role: 'path' }),
  /** Size in bytes as dropped (before any gunzip). */
  size: count,
  /** "pprof profile", "goroutine dump (debug=2)", ... */
  format: shortText,
  sampleTypes: list(sampleTypeSpec, limits.sampleTypes),
  /** When the profile was taken (ISO 8601), null when the file does not say. */
  time: nullable(isoTime),
  /** SHA-256 of the file's bytes as dropped, 64 lowercase hex digits. */
  sha256: str(64, { re: sha256Pattern, hint: '64 lowercase hex digits (SHA-256)', role: 'token' }),
});

/** A goroutine group by what it is, not by its index in one grouping. */
export const groupAnchorSpec = obj({
  state: shortText,
  site: text,
  /** In a view split by a label key: the group's value of it, "" for goroutines without the key. */
  label: optional(text),
});

export const filterSpec = obj({
  states: list(shortText, limits.states),
  minWait: count,
  /** Regular expression over frame names; "" keeps all. */
  frame: text,
  /** pprof -tagfocus: keep samples whose labels match ("key=regex,...", "key=1mb:2mb", "regex"). */
  tagfocus: optional(text),
  /** pprof -tagignore: drop samples whose labels match, same forms. */
  tagignore: optional(text),
  /** pprof -focus (a regular expression over function, file and mapping names); not the flame root (view.focus). */
  focus: optional(text),
  /** pprof -ignore. */
  ignore: optional(text),
  /** pprof -hide. */
  hide: optional(text),
  /** pprof -show. */
  show: optional(text),
  /** pprof -show_from. */
  show_from: optional(text),
  /** pprof -prune_from. */
  prune_from: optional(text),
  /** pprof -nodefraction for the top table. */
  nodefraction: optional(num({ min: 0, max: 1 })),
  /** pprof -edgefraction for the top table. */
  edgefraction: optional(num({ min: 0, max: 1 })),
  /** pprof -nodecount for the top table (0: all). */
  nodecount: optional(num({ int: true, min: 0, max: 1_000_000 })),
});

export const viewSpec = obj({
  tab: tabSpec,
  /** Sample type by name ("inuse_space"), resolved against the file when it is dropped. */
  sampleType: shortText,
  granularity: granularitySpec,
  filter: filterSpec,
  /** Function the flame graph is rooted at. */
  focus: nullable(text),
  /** Zoomed flame frame as function names from the root; [] when not zoomed. */
  zoomPath: list(text, limits.pathFrames),
  /** Goroutine group shown in detail. */
  group: nullable(groupAnchorSpec),
  /** Flame graph search text. */
  search: text,
  /** Top table filter text. */
  topFilter: text,
  /** How the wait histogram is stacked: by blocking site or by state. */
  stackBy: optional(oneOf(stackBys)),
  /** Label key the goroutine groups are split by (site x label value); "" for none. */
  groupBy: optional(shortText),
  /** Function whose callers and callees the flame panel shows (a sandwich); "" for none. */
  sandwich: optional(text),
});

export const waitStatsSpec = obj({ min: count, median: num({ min: 0 }), max: count });

/** Values of one frame or row, raw and as pprof prints them. */
export const figuresSpec = obj({
  sampleType: shortText,
  /** Unit of the raw numbers ("bytes", "nanoseconds", "count"). */
  unit: shortText,
  flat: value,
  cum: value,
  /** What the percentages are of. */
  total: value,
  /** "3437.44MB", as the table or tooltip printed it. */
  flatText: shortText,
  cumText: shortText,
  totalText: shortText,
  /** "19.97%", pprof's percentage without its padding. */
  flatPct: shortText,
  cumPct: shortText,
});

const histogram = list(count, limits.histogramBuckets);
const bucketLabels = list(shortText, limits.histogramBuckets);

/** One goroutine group's numbers, as in the group table and the wait histogram. */
export const groupSummarySpec = obj({
  state: shortText,
  site: text,
  siteFile: filePath,
  siteLine: count,
  /** Goroutines in the group; its share is count / the total that travels beside it. */
  count,
  wait: nullable(waitStatsSpec),
  /** Goroutines per wait bucket (the labels travel beside). */
  histogram,
});

export const stackFrameSpec = obj({ func: text, file: filePath, line: count });
export const labelSpec = obj({ key: shortText, value: text });
export const evidenceSpec = obj({ label: shortText, value: text });
export const referenceSpec = obj({
  /** "k/k#83333" */
  label: shortText,
  /** An http(s) URL: the only scheme accepted, since a page makes a link of it. */
  url: str(1000, { re: httpUrlPattern, hint: 'an http(s) URL', role: 'url' }),
});

export const knownBugSpec = obj({
  /** Catalogue id, e.g. "KAS-TIMEOUT-LEAK". */
  id: str(64, { re: /^[A-Za-z0-9._-]{1,64}$/, hint: 'a catalogue id like KAS-TIMEOUT-LEAK', role: 'token' }),
  title: str(limits.titleChars),
  status: bugStatusSpec,
  /** The catalogue's severity word ("high", "medium", ...). */
  severity: str(24, { re: wordPattern, hint: 'a severity word like "high"', role: 'token' }),
  /** One line. */
  summary: text,
  evidence: list(evidenceSpec, limits.evidence),
  /** Issues and pull requests. */
  refs: list(referenceSpec, limits.refs),
});

/** The fields every finding has besides its kind. */
const base = {
  /** Short random id (newFindingId), stable while the finding lives. */
  id: str(16, { re: findingIdPattern, hint: 'a short id of letters, digits, "-" and "_"', role: 'token' }),
  title: str(limits.titleChars),
  /** Plain text, never markup. */
  note: str(limits.noteChars),
  /** ISO 8601. */
  createdAt: isoTime,
};

/** A flame-graph frame: the node at this path from the root (self = flat, total = cum). */
const frameFinding = obj({
  ...base,
  func: text,
  /** Function names from the root down to this frame (the last one is `func`). */
  path: list(text, limits.pathFrames),
  values: figuresSpec,
});

/** A top-table row at some granularity. */
const topRowFinding = obj({
  ...base,
  /** The row's printed name ("pkg.F", "pkg.F file.go:12", "[binary]"). */
  name: text,
  /** Its function ("" when the row names none). */
  func: text,
  granularity: granularitySpec,
  values: figuresSpec,
});

const groupFinding = obj({
  ...base,
  group: groupSummarySpec,
  /** Goroutines counted (after the view's filter): the group's share is count / total. */
  total: count,
  bucketLabels,
});

/** One stack inside a group: identical function + file:line frames. */
const bucketFinding = obj({
  ...base,
  group: groupAnchorSpec,
  count,
  wait: nullable(waitStatsSpec),
  /** Innermost first, at most MAX_BUCKET_FRAMES of them. */
  frames: list(stackFrameSpec, limits.bucketFrames),
  /** Frames of the whole stack (frames may hold fewer). */
  depth: count,
  /** pprof labels of the stack's goroutines (debug=1 and pprof goroutine profiles). */
  labels: list(labelSpec, limits.labels),
});

const knownBugFinding = obj({ ...base, bug: knownBugSpec });

export const findingSpec = union('kind', {
  frame: frameFinding,
  'top-row': topRowFinding,
  group: groupFinding,
  bucket: bucketFinding,
  'known-bug': knownBugFinding,
});

/** In the order the user arranged them; never dropped to save room. */
export const findingsSpec = list(findingSpec, limits.findings);

export const topRowSpec = obj({
  name: text,
  flat: value,
  cum: value,
  flatText: shortText,
  cumText: shortText,
  flatPct: shortText,
  cumPct: shortText,
});

export const snapshotTopSpec = obj({
  sampleType: shortText,
  unit: shortText,
  granularity: granularitySpec,
  total: value,
  totalText: shortText,
  /** The first rows in pprof's order. */
  rows: list(topRowSpec, limits.topRows),
  /** Rows of the whole table. */
  rowCount: count,
});

export const snapshotGroupsSpec = obj({
  /** Goroutines counted (after the view's filter). */
  total: count,
  bucketLabels,
  /** The largest groups, largest first. */
  groups: list(groupSummarySpec, limits.groups),
  /** Groups of the whole grouping. */
  groupCount: count,
});

export const snapshotSpec = obj({
  top: nullable(snapshotTopSpec),
  goroutines: nullable(snapshotGroupsSpec),
  knownBugs: list(knownBugSpec, limits.knownBugs),
});

/** Everything a link carries but the version. */
export const bodySpec = obj({
  profile: profileSpec,
  view: viewSpec,
  findings: findingsSpec,
  /** What the reader sees beyond the pinned findings; null when left out. */
  snapshot: nullable(snapshotSpec),
});

export type PayloadBody = Infer<typeof bodySpec>;
