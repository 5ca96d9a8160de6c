// The comparison table of the UI: per report node, the base's and the target's flat and cum,
// their difference and the difference relative to the base. Built from the -diff_base profile
// (diff.ts), so nodes are identified exactly as pprof identifies them in a diff.

import type { Profile, ValueType } from '../model/profile';
import { splitDiffValues, withValues } from './diffBase';
import { inlineMarks, nodeValues } from './graph';
import { mapNodes, type Granularity, type NodeMap } from './nodes';
import { selectOutputUnit } from './top';

export interface DiffTableOptions {
  sampleIndex: number;
  granularity: Granularity;
  /** Scale the base to the target's sum first (see splitDiffValues). */
  normalizeBase?: boolean;
  /** pprof -edgefraction (default 0.001): only the rows' (inline) marks depend on it. */
  edgeFraction?: number;
}

export interface DiffRows {
  length: number;
  name: string[];
  funcName: string[];
  file: string[];
  line: Int32Array;
  /** pprof's mark after the name: 0 none, 1 " (inline)", 2 " (partial-inline)" (InlineMark). */
  inline: Uint8Array;
  baseFlat: Float64Array;
  targetFlat: Float64Array;
  /** target - base. */
  deltaFlat: Float64Array;
  /**
   * 100 * delta / |base|. When the base is 0 (the node is new): +Infinity for a growth,
   * -Infinity for a drop, 0 when nothing changed. Float64Arrays carry Infinity through
   * postMessage; the UI shows "new".
   */
  deltaFlatPct: Float64Array;
  baseCum: Float64Array;
  targetCum: Float64Array;
  deltaCum: Float64Array;
  deltaCumPct: Float64Array;
}

export interface DiffTable {
  granularity: Granularity;
  sampleIndex: number;
  sampleType: ValueType;
  /** Sums of |value| over each side's samples (the base after normalizing). */
  baseTotal: number;
  targetTotal: number;
  /** pprof's total for the diff (the base's), the one its percentages are of. */
  total: number;
  /** What the base was multiplied by: 1 unless normalizeBase. */
  baseScale: number;
  /** The unit `go tool pprof -top -diff_base` would print the deltas in. */
  outputUnit: string;
  /** Every node with a value on either side, in pprof's diff order (|delta flat|, name, |delta cum|). */
  rows: DiffRows;
}

export type DiffSortKey =
  | 'name'
  | 'baseFlat'
  | 'targetFlat'
  | 'deltaFlat'
  | 'deltaFlatPct'
  | 'baseCum'
  | 'targetCum'
  | 'deltaCum'
  | 'deltaCumPct';

function percentChange(delta: number, base: number): number {
  if (base !== 0) return (100 * delta) / Math.abs(base);
  return delta > 0 ? Infinity : delta < 0 ? -Infinity : 0;
}

function sumAbs(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.abs(values[i]!);
  return sum;
}

/** `diff` is diffProfiles' profile; nodeMap, when given, must be mapNodes(diff, granularity). */
export function computeDiffTable(diff: Profile, opts: DiffTableOptions, nodeMap?: NodeMap): DiffTable {
  const sampleType = diff.sampleTypes[opts.sampleIndex];
  if (!sampleType) throw new Error(`sample index ${opts.sampleIndex} out of range`);
  const nm = nodeMap ?? mapNodes(diff, opts.granularity);
  const split = splitDiffValues(diff, opts.sampleIndex, opts.normalizeBase);
  const t = nodeValues(withValues(diff, opts.sampleIndex, split.target), nm, 0);
  const b = nodeValues(withValues(diff, opts.sampleIndex, split.base), nm, 0);

  const baseTotal = sumAbs(split.base);
  const targetTotal = sumAbs(split.target);
  // computeTotal's rule, on the (possibly normalized) base.
  const total = baseTotal > 0 ? baseTotal : targetTotal;
  // The marks are read from the diff's own edges (target - base), as pprof reads them, every
  // node kept; the edge cutoff is of the graph's flat sum, as in pprof's newTrimmedGraph (computeTop).
  const combined = new Float64Array(split.target.length);
  for (let s = 0; s < combined.length; s++) combined[s] = split.target[s]! - split.base[s]!;
  const edgeCutoff = Math.abs(Math.trunc((t.flatSum - b.flatSum) * (opts.edgeFraction ?? 0.001)));
  const inline = inlineMarks(withValues(diff, opts.sampleIndex, combined), nm, { sampleIndex: 0, edgeCutoff });

  const { nodes } = nm;
  const order: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (t.flat[i] !== 0 || t.cum[i] !== 0 || b.flat[i] !== 0 || b.cum[i] !== 0) order.push(i);
  }
  const absDelta = (x: Float64Array, y: Float64Array, i: number) => Math.abs(x[i]! - y[i]!);
  order.sort((x, y) => {
    const fx = absDelta(t.flat, b.flat, x);
    const fy = absDelta(t.flat, b.flat, y);
    if (fx !== fy) return fy - fx;
    const nx = nodes.name[x]!;
    const ny = nodes.name[y]!;
    if (nx !== ny) return nx < ny ? -1 : 1;
    const cx = absDelta(t.cum, b.cum, x);
    const cy = absDelta(t.cum, b.cum, y);
    if (cx !== cy) return cy - cx;
    const ix = nodes.infoString[x]!;
    const iy = nodes.infoString[y]!;
    return ix < iy ? -1 : ix > iy ? 1 : 0;
  });

  const n = order.length;
  const rows: DiffRows = {
    length: n,
    name: new Array<string>(n),
    funcName: new Array<string>(n),
    file: new Array<string>(n),
    line: new Int32Array(n),
    inline: new Uint8Array(n),
    baseFlat: new Float64Array(n),
    targetFlat: new Float64Array(n),
    deltaFlat: new Float64Array(n),
    deltaFlatPct: new Float64Array(n),
    baseCum: new Float64Array(n),
    targetCum: new Float64Array(n),
    deltaCum: new Float64Array(n),
    deltaCumPct: new Float64Array(n),
  };
  for (let r = 0; r < n; r++) {
    const node = order[r]!;
    rows.name[r] = nodes.name[node]!;
    rows.funcName[r] = nodes.funcName[node]!;
    rows.file[r] = nodes.file[node]!;
    rows.line[r] = nodes.line[node]!;
    rows.inline[r] = inline[node]!;
    rows.baseFlat[r] = b.flat[node]!;
    rows.targetFlat[r] = t.flat[node]!;
    rows.deltaFlat[r] = t.flat[node]! - b.flat[node]!;
    rows.deltaFlatPct[r] = percentChange(rows.deltaFlat[r]!, b.flat[node]!);
    rows.baseCum[r] = b.cum[node]!;
    rows.targetCum[r] = t.cum[node]!;
    rows.deltaCum[r] = t.cum[node]! - b.cum[node]!;
    rows.deltaCumPct[r] = percentChange(rows.deltaCum[r]!, b.cum[node]!);
  }

  return {
    granularity: opts.granularity,
    sampleIndex: opts.sampleIndex,
    sampleType,
    baseTotal,
    targetTotal,
    total,
    baseScale: split.baseScale,
    outputUnit: selectOutputUnit({ flat: rows.deltaFlat, cum: rows.deltaCum }, n, total, sampleType.unit),
    rows,
  };
}

/**
 * Row indices of `rows` sorted by one column; ties keep the table's order. NaN never occurs;
 * +-Infinity (new nodes) sort beyond every finite percentage.
 */
export function diffRowOrder(rows: DiffRows, key: DiffSortKey, descending = true): Uint32Array {
  const order = new Uint32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const sign = descending ? -1 : 1;
  if (key === 'name') {
    const names = rows.name;
    return order.sort((a, b) => (names[a]! < names[b]! ? -sign : names[a]! > names[b]! ? sign : a - b));
  }
  const col = rows[key];
  return order.sort((a, b) => {
    const x = col[a]!;
    const y = col[b]!;
    if (x === y) return a - b;
    return x < y ? -sign : sign;
  });
}
