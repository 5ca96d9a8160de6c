// The top table of `go tool pprof -top`: rows, order, output unit and header lines, computed
// the way pprof's report.TextItems does, so that every figure and every row matches.

import { baseName } from '../lib/gopath';
import { formatProfileTime } from '../lib/gotime';
import { label, percentage, scale, scaledLabel } from '../lib/units';
import type { Profile, ValueType } from '../model/profile';
import { diffBaseMask } from './diffBase';
import { InlineMark, inlineMarks, nodeValues } from './graph';
import { mapNodes, type Granularity, type NodeMap } from './nodes';

export interface TopOptions {
  sampleIndex: number;
  granularity: Granularity;
  /** pprof -nodefraction (default 0.005 in pprof; the UI uses 0 to show every node). */
  nodeFraction?: number;
  /** pprof -edgefraction (default 0.001); only affects the (inline) marks in a top table. */
  edgeFraction?: number;
  /** pprof -nodecount: keep the first N rows after -nodefraction (0 or absent: all). */
  nodeCount?: number;
  /** Zone for the "Time:" line; undefined means the local zone, as pprof does. */
  timeZone?: string;
  /**
   * The total percentages are of. pprof computes it before focus and tag filters, so a
   * filtered view passes the unfiltered profile's total here.
   */
  total?: number;
  /** Lines pprof prints under "Active filters:" (tagFilter.ts activeFilterLines), or none. */
  activeFilters?: string[];
}

export interface TopRows {
  length: number;
  /** The report node of each row (an index into the NodeMap the table was computed with). */
  node: Int32Array;
  name: string[];
  funcName: string[];
  file: string[];
  line: Int32Array;
  /** InlineMark per row. */
  inline: Uint8Array;
  flat: Float64Array;
  cum: Float64Array;
}

export interface TopTable {
  granularity: Granularity;
  sampleIndex: number;
  sampleType: ValueType;
  /** pprof's total: sum of |value| over all samples. */
  total: number;
  /** Unit the values are printed in (pprof's selectOutputUnit), e.g. "MB", "ms", "". */
  outputUnit: string;
  /** The header lines above the column titles, as pprof prints them. */
  header: string[];
  droppedNodes: number;
  rows: TopRows;
  /** A set of several files: each member's flat and cum for every row, and its own total. */
  members?: MemberColumns;
}

export interface MemberColumns {
  names: string[];
  totals: number[];
  /** flat[m][row], cum[m][row]: 0 where the member has no such row. */
  flat: Float64Array[];
  cum: Float64Array[];
}

/** Formats a value of this table the way pprof prints it ("4610.32kB", "20ms", "0"). */
export function formatTopValue(t: Pick<TopTable, 'sampleType' | 'outputUnit'>, v: number): string {
  return scaledLabel(v, t.sampleType.unit, t.outputUnit);
}

/**
 * pprof's computeTotal: the sum of |value| over all samples, or, in a -diff_base profile (see
 * diff.ts), over the samples labelled pprof::base only, when those add up to more than zero.
 */
export function computeTotal(p: Profile, sampleIndex: number): number {
  const values = p.samples.values[sampleIndex]!;
  const base = diffBaseMask(p);
  const exact = p.samples.exact?.[sampleIndex];
  if (exact) {
    // In int64, wrapping as Go's sums do (BigInt64Array stores wrap), then the nearest double.
    const sums = new BigInt64Array(2);
    for (let i = 0; i < exact.length; i++) {
      const v = exact[i]! < 0n ? -exact[i]! : exact[i]!;
      sums[0] = sums[0]! + v;
      if (base && base[i]) sums[1] = sums[1]! + v;
    }
    return Number(sums[1]! > 0n ? sums[1]! : sums[0]!);
  }
  let total = 0;
  let baseTotal = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    total += v;
    if (base && base[i]) baseTotal += v;
  }
  return baseTotal > 0 ? baseTotal : total;
}

/** pprof's selectOutputUnit: the unit a table's values print in, from its smallest value and its total. */
export function selectOutputUnit(rows: { flat: Float64Array; cum: Float64Array }, count: number, total: number, unit: string): string {
  if (count === 0) return 'minimum';
  let minValue = 0;
  for (let i = 0; i < count; i++) {
    let v = Math.abs(rows.flat[i]!);
    if (v === 0) v = Math.abs(rows.cum[i]!);
    if (v > 0 && (minValue === 0 || v < minValue)) minValue = v;
  }
  const maxValue = total;
  if (minValue === 0) minValue = maxValue;
  const [, minUnit] = scale(minValue, unit, 'minimum');
  const [, maxUnit] = scale(maxValue, unit, 'minimum');
  let out = minUnit;
  if (minUnit !== maxUnit && minValue * 100 < maxValue) {
    // pprof scales the minimum by 100 so that it may print as small as 0.01 of a larger unit.
    [, out] = scale(100 * minValue, unit, 'minimum');
  }
  return out !== '' ? out : unit;
}

/** report.ProfileLabels: File, Build ID, comments, Type, Time, Duration. */
export function profileLabels(
  p: Profile,
  sampleType: ValueType,
  total: number,
  formatValue: (v: number) => string,
  timeZone?: string,
): string[] {
  const out: string[] = [];
  const m0 = p.mappings[0];
  if (m0) {
    if (m0.file !== '') out.push(`File: ${baseName(m0.file)}`);
    if (m0.buildId !== '') out.push(`Build ID: ${m0.buildId}`);
  }
  for (const c of p.comments) if (!c.startsWith('#')) out.push(c);
  if (sampleType.type !== '') out.push(`Type: ${sampleType.type}`);
  if (p.timeNanos !== 0n) {
    out.push(`Time: ${formatProfileTime(Number(p.timeNanos / 1_000_000n), timeZone)}`);
  }
  if (p.durationNanos !== 0n) {
    const duration = Number(p.durationNanos);
    const [totalNanos, totalUnit] = scale(total, sampleType.unit, 'nanoseconds');
    const ratio = totalUnit === 'ns' && totalNanos !== 0 ? `(${percentage(Math.trunc(totalNanos), duration)})` : '';
    out.push(`Duration: ${label(duration, 'nanoseconds')}, Total samples = ${formatValue(total)} ${ratio}`);
  }
  return out;
}

function sortRows(order: number[], nm: NodeMap, flat: Float64Array, cum: Float64Array): void {
  const { name, infoString } = nm.nodes;
  order.sort((a, b) => {
    const fa = Math.abs(flat[a]!);
    const fb = Math.abs(flat[b]!);
    if (fa !== fb) return fb - fa;
    const na = name[a]!;
    const nb = name[b]!;
    if (na !== nb) return na < nb ? -1 : 1;
    const ca = Math.abs(cum[a]!);
    const cb = Math.abs(cum[b]!);
    if (ca !== cb) return cb - ca;
    const ia = infoString[a]!;
    const ib = infoString[b]!;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

export function computeTop(p: Profile, opts: TopOptions, nodeMap?: NodeMap): TopTable {
  const sampleType = p.sampleTypes[opts.sampleIndex];
  if (!sampleType) throw new Error(`sample index ${opts.sampleIndex} out of range`);
  const nm = nodeMap ?? mapNodes(p, opts.granularity);
  const nodeFraction = opts.nodeFraction ?? 0;
  const edgeFraction = opts.edgeFraction ?? 0;
  const total = opts.total ?? computeTotal(p, opts.sampleIndex);

  // The complete graph's values give the cutoffs, as in pprof's newTrimmedGraph.
  const { flat, cum, flatSum: totalValue } = nodeValues(p, nm, opts.sampleIndex);
  const nodeCutoff = Math.abs(Math.trunc(totalValue * nodeFraction));
  const edgeCutoff = Math.abs(Math.trunc(totalValue * edgeFraction));
  let kept: Uint8Array | undefined;
  let droppedNodes = 0;
  if (nodeCutoff > 0) {
    kept = new Uint8Array(nm.nodes.length);
    for (let i = 0; i < kept.length; i++) {
      if (cum[i] === 0 && flat[i] === 0) continue;
      if (Math.abs(cum[i]!) >= nodeCutoff) kept[i] = 1;
      else droppedNodes++;
    }
    if (droppedNodes === 0) kept = undefined;
  }
  const order: number[] = [];
  for (let i = 0; i < nm.nodes.length; i++) {
    if ((flat[i] !== 0 || cum[i] !== 0) && (!kept || kept[i])) order.push(i);
  }
  sortRows(order, nm, flat, cum);
  // pprof's SelectTopNodes: the first nodecount nodes in the table's order, the graph rebuilt on them.
  const origCount = order.length;
  const nodeCount = opts.nodeCount ?? 0;
  if (nodeCount > 0 && order.length > nodeCount) {
    order.length = nodeCount;
    kept = new Uint8Array(nm.nodes.length);
    for (const i of order) kept[i] = 1;
  }
  const inline = inlineMarks(p, nm, { sampleIndex: opts.sampleIndex, kept, edgeCutoff });

  const count = order.length;
  const rows: TopRows = {
    length: count,
    node: new Int32Array(count),
    name: new Array<string>(count),
    funcName: new Array<string>(count),
    file: new Array<string>(count),
    line: new Int32Array(count),
    inline: new Uint8Array(count),
    flat: new Float64Array(count),
    cum: new Float64Array(count),
  };
  let flatSum = 0;
  for (let r = 0; r < count; r++) {
    const node = order[r]!;
    rows.node[r] = node;
    rows.name[r] = nm.nodes.name[node]!;
    rows.funcName[r] = nm.nodes.funcName[node]!;
    rows.file[r] = nm.nodes.file[node]!;
    rows.line[r] = nm.nodes.line[node]!;
    rows.inline[r] = inline[node]!;
    rows.flat[r] = flat[node]!;
    rows.cum[r] = cum[node]!;
    flatSum += flat[node]!;
  }

  const outputUnit = selectOutputUnit(rows, count, total, sampleType.unit);
  const fmt = (v: number) => scaledLabel(v, sampleType.unit, outputUnit);
  const header = profileLabels(p, sampleType, total, fmt, opts.timeZone);
  if (opts.activeFilters) header.push(...opts.activeFilters);
  header.push(`Showing nodes accounting for ${fmt(flatSum)}, ${percentage(flatSum, total).trim()} of ${fmt(total)} total`);
  if (total !== 0 && droppedNodes > 0) {
    const limit = fmt(Math.abs(Math.trunc(total * nodeFraction)));
    header.push(`Dropped ${droppedNodes} node${droppedNodes > 1 ? 's' : ''} (cum <= ${limit})`);
  }
  if (total !== 0 && nodeCount > 0 && count < origCount) header.push(`Showing top ${count} nodes out of ${origCount}`);

  return {
    granularity: opts.granularity,
    sampleIndex: opts.sampleIndex,
    sampleType,
    total,
    outputUnit,
    header,
    droppedNodes,
    rows,
  };
}

const inlineLabel = ['', ' (inline)', ' (partial-inline)'];

/** The text `go tool pprof -top` prints for this table. */
export function formatTopText(t: TopTable): string {
  const pad = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);
  const out: string[] = [...t.header];
  out.push(`${pad('flat', 10)} ${pad('flat', 5)}% ${pad('sum', 5)}% ${pad('cum', 10)} ${pad('cum', 5)}%`);
  let flatSum = 0;
  for (let r = 0; r < t.rows.length; r++) {
    const flat = t.rows.flat[r]!;
    const cum = t.rows.cum[r]!;
    flatSum += flat;
    out.push(
      `${pad(formatTopValue(t, flat), 10)} ${percentage(flat, t.total)} ${percentage(flatSum, t.total)} ` +
        `${pad(formatTopValue(t, cum), 10)} ${percentage(cum, t.total)}  ${t.rows.name[r]}${inlineLabel[t.rows.inline[r]!]}`,
    );
  }
  return `${out.join('\n')}\n`;
}

export { InlineMark };
