// Findings and snapshots from analysis results, with every printed figure made by the same
// functions the views use (pprof's units and percentages), so a reader without the file sees
// the digits the sender saw.

import type { GoroutineGroup, GoroutineGrouping } from '../analysis/goroutineGroups';
import type { TopTable } from '../analysis/top';
import { label, percentage, scaledLabel } from '../lib/units';
import type { ValueType } from '../model/profile';
import {
  MAX_BUCKET_FRAMES,
  SNAPSHOT_GROUPS,
  SNAPSHOT_TOP_ROWS,
  limits,
  type BucketFinding,
  type Figures,
  type FrameFinding,
  type GroupAnchor,
  type GroupFinding,
  type GroupSummary,
  type SharedBug,
  type KnownBugFinding,
  type Label,
  type SnapshotGroups,
  type SnapshotTop,
  type StackFrame,
  type TopRowFinding,
} from './schema';

/** What the user writes, and optionally a fixed id and time (else fresh ones). */
export interface FindingText {
  title: string;
  note: string;
  id?: string;
  createdAt?: string;
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 8 random base64url characters (48 bits): unique among one person's findings. */
export function newFindingId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += idAlphabet[b & 63]!;
  return id;
}

function base(text: FindingText): { id: string; title: string; note: string; createdAt: string } {
  return {
    id: text.id ?? newFindingId(),
    title: text.title.slice(0, limits.titleChars),
    note: text.note.slice(0, limits.noteChars),
    createdAt: text.createdAt ?? new Date().toISOString(),
  };
}

/** pprof's percentage column without its padding: "19.97%", "0.1%", "100%". */
export function percentText(value: number, total: number): string {
  return percentage(value, total).trim();
}

/** A value of a top table in its output unit, as the top view prints it (formatTopValue's digits). */
function topValueText(t: Pick<TopTable, 'sampleType' | 'outputUnit'>, v: number): string {
  return scaledLabel(v, t.sampleType.unit, t.outputUnit);
}

/** A top-table row's figures, printed in the table's output unit. */
export function topFigures(t: TopTable, row: number): Figures {
  const flat = t.rows.flat[row]!;
  const cum = t.rows.cum[row]!;
  return {
    sampleType: t.sampleType.type,
    unit: t.sampleType.unit,
    flat,
    cum,
    total: t.total,
    flatText: topValueText(t, flat),
    cumText: topValueText(t, cum),
    totalText: topValueText(t, t.total),
    flatPct: percentText(flat, t.total),
    cumPct: percentText(cum, t.total),
  };
}

export function topRowFinding(t: TopTable, row: number, text: FindingText): TopRowFinding {
  return {
    kind: 'top-row',
    ...base(text),
    name: t.rows.name[row]!,
    func: t.rows.funcName[row]!,
    granularity: t.granularity,
    values: topFigures(t, row),
  };
}

/** A flame frame as the tooltip prints it: values scaled on their own, percentages of the total. */
export interface FlameFrame {
  /** Function names from the root down to the frame. */
  path: string[];
  /** The frame's own value (flat) and its subtree's (cum). */
  self: number;
  value: number;
  total: number;
  sampleType: ValueType;
}

export function frameFinding(f: FlameFrame, text: FindingText): FrameFinding {
  const unit = f.sampleType.unit;
  return {
    kind: 'frame',
    ...base(text),
    func: f.path[f.path.length - 1] ?? '',
    path: f.path.slice(0, limits.pathFrames),
    values: {
      sampleType: f.sampleType.type,
      unit,
      flat: f.self,
      cum: f.value,
      total: f.total,
      flatText: label(f.self, unit),
      cumText: label(f.value, unit),
      totalText: label(f.total, unit),
      flatPct: percentText(f.self, f.total),
      cumPct: percentText(f.value, f.total),
    },
  };
}

export function groupAnchor(g: Pick<GoroutineGroup, 'state' | 'site' | 'label'>): GroupAnchor {
  // A group of a view split by a label key carries its value ("" when without the key).
  return g.label === undefined ? { state: g.state, site: g.site } : { state: g.state, site: g.site, label: g.label ?? '' };
}

export function groupSummary(g: GoroutineGroup): GroupSummary {
  return {
    state: g.state,
    site: g.site,
    siteFile: g.siteFile,
    siteLine: g.siteLine,
    count: g.count,
    wait: g.wait ? { ...g.wait } : null,
    histogram: [...g.waitHistogram],
  };
}

export function groupFinding(grouping: GoroutineGrouping, g: GoroutineGroup, text: FindingText): GroupFinding {
  return { kind: 'group', ...base(text), group: groupSummary(g), total: grouping.total, bucketLabels: [...grouping.bucketLabels] };
}

/**
 * One stack bucket of a group. `frames` is the bucket's stack, innermost first (the worker's
 * stack answer); the finding keeps the first MAX_BUCKET_FRAMES and the depth.
 */
export function bucketFinding(g: GoroutineGroup, bucket: number, frames: readonly StackFrame[], labels: readonly Label[], text: FindingText): BucketFinding {
  const b = g.buckets[bucket];
  if (!b) throw new RangeError(`group ${g.id} has no bucket ${bucket}`);
  return {
    kind: 'bucket',
    ...base(text),
    group: groupAnchor(g),
    count: b.count,
    wait: b.wait ? { ...b.wait } : null,
    frames: frames.slice(0, MAX_BUCKET_FRAMES).map((f) => ({ func: f.func, file: f.file, line: f.line })),
    depth: frames.length,
    labels: labels.slice(0, limits.labels).map((l) => ({ key: l.key, value: l.value })),
  };
}

export function knownBugFinding(bug: SharedBug, text: FindingText): KnownBugFinding {
  return { kind: 'known-bug', ...base(text), bug: structuredClone(bug) };
}

export function snapshotTop(t: TopTable, maxRows = SNAPSHOT_TOP_ROWS): SnapshotTop {
  const n = Math.min(t.rows.length, maxRows, limits.topRows);
  const rows = [];
  for (let r = 0; r < n; r++) {
    const f = topFigures(t, r);
    rows.push({ name: t.rows.name[r]!, flat: f.flat, cum: f.cum, flatText: f.flatText, cumText: f.cumText, flatPct: f.flatPct, cumPct: f.cumPct });
  }
  return {
    sampleType: t.sampleType.type,
    unit: t.sampleType.unit,
    granularity: t.granularity,
    total: t.total,
    totalText: topValueText(t, t.total),
    rows,
    rowCount: t.rows.length,
  };
}

export function snapshotGroups(grouping: GoroutineGrouping, maxGroups = SNAPSHOT_GROUPS): SnapshotGroups {
  return {
    total: grouping.total,
    bucketLabels: [...grouping.bucketLabels],
    groups: grouping.groups.slice(0, Math.min(maxGroups, limits.groups)).map(groupSummary),
    groupCount: grouping.groups.length,
  };
}
