// The schema of schema.ts as descriptions the validator and the packer walk (shape.ts). The
// compiler checks each description against its type: a missing, extra or mistyped field here
// does not build. Field order is the tuple order of the packed form, and the order of enum
// values and finding kinds their packed index: never reorder a released version; add one.

import type { Fields, Spec } from './shape';
import { list, nullable, num, obj, oneOf, str, union } from './shape';
import {
  limits,
  type BugStatus,
  type Evidence,
  type Figures,
  type Finding,
  type GoroutineFilter,
  type Granularity,
  type GroupAnchor,
  type GroupSummary,
  type KnownBug,
  type Label,
  type Reference,
  type SampleType,
  type SharedProfile,
  type SharedView,
  type Snapshot,
  type SnapshotGroups,
  type SnapshotTop,
  type StackFrame,
  type TopRowSummary,
  type ViewTab,
  type WaitStats,
} from './schema';

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

const tabs: readonly ViewTab[] = ['goroutines', 'flame', 'top'];
const granularities: readonly Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];
const statuses: readonly BugStatus[] = ['affected', 'fixed', 'not-affected', 'unknown-version'];

const granularity = oneOf(granularities);

const sampleType = obj<SampleType>({ type: shortText, unit: shortText });

export const profileSpec = obj<SharedProfile>({
  name: str(500, { role: 'path' }),
  size: count,
  format: shortText,
  sampleTypes: list(sampleType, limits.sampleTypes),
  time: nullable(isoTime),
  sha256: str(64, { re: sha256Pattern, hint: '64 lowercase hex digits (SHA-256)', role: 'token' }),
});

const groupAnchor = obj<GroupAnchor>({ state: shortText, site: text });

const filter = obj<GoroutineFilter>({
  states: list(shortText, limits.states),
  minWait: count,
  frame: text,
});

export const viewSpec = obj<SharedView>({
  tab: oneOf(tabs),
  sampleType: shortText,
  granularity,
  filter,
  focus: nullable(text),
  zoomPath: list(text, limits.pathFrames),
  group: nullable(groupAnchor),
  search: text,
  topFilter: text,
});

const waitStats = obj<WaitStats>({ min: count, median: num({ min: 0 }), max: count });

const figures = obj<Figures>({
  sampleType: shortText,
  unit: shortText,
  flat: value,
  cum: value,
  total: value,
  flatText: shortText,
  cumText: shortText,
  totalText: shortText,
  flatPct: shortText,
  cumPct: shortText,
});

const histogram = list(count, limits.histogramBuckets);
const bucketLabels = list(shortText, limits.histogramBuckets);

const groupSummary = obj<GroupSummary>({
  state: shortText,
  site: text,
  siteFile: filePath,
  siteLine: count,
  count,
  wait: nullable(waitStats),
  histogram,
});

const stackFrame = obj<StackFrame>({ func: text, file: filePath, line: count });
const label = obj<Label>({ key: shortText, value: text });
const evidence = obj<Evidence>({ label: shortText, value: text });
const reference = obj<Reference>({ label: shortText, url: str(1000, { re: httpUrlPattern, hint: 'an http(s) URL', role: 'url' }) });

export const knownBugSpec = obj<KnownBug>({
  id: str(64, { re: /^[A-Za-z0-9._-]{1,64}$/, hint: 'a catalogue id like KAS-TIMEOUT-LEAK', role: 'token' }),
  title: str(limits.titleChars),
  status: oneOf(statuses),
  severity: str(24, { re: wordPattern, hint: 'a severity word like "high"', role: 'token' }),
  summary: text,
  evidence: list(evidence, limits.evidence),
  refs: list(reference, limits.refs),
});

/** The fields every finding has besides its kind. */
const base = {
  id: str(16, { re: findingIdPattern, hint: 'a short id of letters, digits, "-" and "_"', role: 'token' }),
  title: str(limits.titleChars),
  note: str(limits.noteChars),
  createdAt: isoTime,
};

type CaseFields<K extends Finding['kind']> = Fields<Omit<Extract<Finding, { kind: K }>, 'kind'>>;

const frameFields: CaseFields<'frame'> = { ...base, func: text, path: list(text, limits.pathFrames), values: figures };
const topRowFields: CaseFields<'top-row'> = { ...base, name: text, func: text, granularity, values: figures };
const groupFields: CaseFields<'group'> = { ...base, group: groupSummary, total: count, bucketLabels };
const bucketFields: CaseFields<'bucket'> = {
  ...base,
  group: groupAnchor,
  count,
  wait: nullable(waitStats),
  frames: list(stackFrame, limits.bucketFrames),
  depth: count,
  labels: list(label, limits.labels),
};
const knownBugFields: CaseFields<'known-bug'> = { ...base, bug: knownBugSpec };

export const findingSpec: Spec<Finding> = union<Finding, 'kind'>('kind', {
  frame: obj(frameFields),
  'top-row': obj(topRowFields),
  group: obj(groupFields),
  bucket: obj(bucketFields),
  'known-bug': obj(knownBugFields),
});

export const findingsSpec = list(findingSpec, limits.findings);

const topRow = obj<TopRowSummary>({
  name: text,
  flat: value,
  cum: value,
  flatText: shortText,
  cumText: shortText,
  flatPct: shortText,
  cumPct: shortText,
});

const snapshotTop = obj<SnapshotTop>({
  sampleType: shortText,
  unit: shortText,
  granularity,
  total: value,
  totalText: shortText,
  rows: list(topRow, limits.topRows),
  rowCount: count,
});

const snapshotGroups = obj<SnapshotGroups>({
  total: count,
  bucketLabels,
  groups: list(groupSummary, limits.groups),
  groupCount: count,
});

export const snapshotSpec = obj<Snapshot>({
  top: nullable(snapshotTop),
  goroutines: nullable(snapshotGroups),
  knownBugs: list(knownBugSpec, limits.knownBugs),
});

/** Everything but the version, in packed-tuple order. */
export interface PayloadBody {
  profile: SharedProfile;
  view: SharedView;
  findings: Finding[];
  snapshot: Snapshot | null;
}

export const bodySpec = obj<PayloadBody>({
  profile: profileSpec,
  view: viewSpec,
  findings: findingsSpec,
  snapshot: nullable(snapshotSpec),
});
