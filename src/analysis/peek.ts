// pprof's peek report (`go tool pprof -peek REGEX`, report.printTree with a symbol regex): for
// every node whose name matches, its callers and callees with the weight of each call edge.
// Peek never trims (pprof turns node and edge fractions off for it), so the graph is complete:
// node order, header and output unit are the top table's with node fraction 0, and the edges
// are pprof's graph edges: counted once per sample, "(inline)" when every occurrence is an
// inlined call.

import { percentage } from '../lib/units';
import type { Profile } from '../model/profile';
import { mapNodes, type Granularity, type NodeMap } from './nodes';
import { PairIndex } from './pairIndex';
import { computeTop, formatTopValue, type TopTable } from './top';

export interface PeekEdge {
  node: number;
  name: string;
  weight: number;
  inline: boolean;
}

export interface PeekEntry {
  node: number;
  name: string;
  flat: number;
  cum: number;
  /** Callers, sorted as pprof prints them (weight, then name). */
  callers: PeekEdge[];
  /** Callees, sorted likewise. */
  callees: PeekEdge[];
}

export interface PeekReport {
  /** The complete top table the entries were picked from (header, unit, total, order). */
  top: TopTable;
  entries: PeekEntry[];
}

export interface PeekOptions {
  sampleIndex: number;
  granularity: Granularity;
  /** Which nodes to report, tested on pprof's printable name (unanchored, as Go's MatchString). */
  match: (name: string) => boolean;
  /** As in TopOptions: the total percentages are of, when filters removed samples. */
  total?: number;
  activeFilters?: string[];
}

/** Call edges between report nodes: src -> dst (caller -> callee). */
export interface EdgeTable {
  length: number;
  src: Int32Array;
  dst: Int32Array;
  weight: Float64Array;
  /** 1 when every occurrence of the edge is an inlined call. */
  inline: Uint8Array;
}

/** pprof's graph.newGraph edges over every node (no node kept out). */
export function graphEdges(p: Profile, nm: NodeMap, sampleIndex: number): EdgeTable {
  const { samples } = p;
  const values = samples.values[sampleIndex]!;
  const { locNodeStart, locNodes } = nm;
  const index = new PairIndex(nm.nodes.length * 4);
  const src: number[] = [];
  const dst: number[] = [];
  const weight: number[] = [];
  const inline: number[] = [];
  const seen: number[] = [];
  const { stackStart, stack } = samples;
  for (let s = 0; s < samples.length; s++) {
    const v = values[s]!;
    if (v === 0) continue;
    let parent = -1;
    for (let i = stackStart[s + 1]! - 1; i >= stackStart[s]!; i--) {
      const loc = stack[i]!;
      const first = locNodeStart[loc]!;
      const last = locNodeStart[loc + 1]! - 1;
      for (let ni = last; ni >= first; ni--) {
        const node = locNodes[ni]!;
        if (parent >= 0 && node !== parent) {
          let e = index.get(parent, node);
          if (e < 0) {
            e = src.length;
            index.add(parent, node, e);
            src.push(parent);
            dst.push(node);
            weight.push(0);
            inline.push(1);
            seen.push(-1);
          }
          if (seen[e] !== s) {
            seen[e] = s;
            weight[e] += v;
            if (ni === last) inline[e] = 0;
          }
        }
        parent = node;
      }
    }
  }
  return {
    length: src.length,
    src: Int32Array.from(src),
    dst: Int32Array.from(dst),
    weight: Float64Array.from(weight),
    inline: Uint8Array.from(inline),
  };
}

/** graph.edgeList's order: |weight| descending, then caller name, then callee name. */
function sortEdges(edges: PeekEdge[], otherName: (e: PeekEdge) => string, thisName: string, callers: boolean): void {
  edges.sort((a, b) => {
    if (a.weight !== b.weight) return Math.abs(b.weight) - Math.abs(a.weight);
    const [fa, fb] = callers ? [otherName(a), otherName(b)] : [thisName, thisName];
    if (fa !== fb) return fa < fb ? -1 : 1;
    const [ta, tb] = callers ? [thisName, thisName] : [otherName(a), otherName(b)];
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

export function computePeek(p: Profile, opts: PeekOptions, nodeMap?: NodeMap): PeekReport {
  const nm = nodeMap ?? mapNodes(p, opts.granularity);
  const top = computeTop(
    p,
    { sampleIndex: opts.sampleIndex, granularity: opts.granularity, nodeFraction: 0, edgeFraction: 0, total: opts.total, activeFilters: opts.activeFilters },
    nm,
  );
  const picked = new Int32Array(nm.nodes.length).fill(-1);
  const entries: PeekEntry[] = [];
  for (let r = 0; r < top.rows.length; r++) {
    if (!opts.match(top.rows.name[r]!)) continue;
    const node = top.rows.node[r]!;
    picked[node] = entries.length;
    entries.push({ node, name: top.rows.name[r]!, flat: top.rows.flat[r]!, cum: top.rows.cum[r]!, callers: [], callees: [] });
  }
  if (entries.length === 0) return { top, entries };
  const edges = graphEdges(p, nm, opts.sampleIndex);
  const names = nm.nodes.name;
  for (let e = 0; e < edges.length; e++) {
    const s = edges.src[e]!;
    const d = edges.dst[e]!;
    const w = edges.weight[e]!;
    const inline = edges.inline[e] === 1;
    if (picked[d]! >= 0) entries[picked[d]!]!.callers.push({ node: s, name: names[s]!, weight: w, inline });
    if (picked[s]! >= 0) entries[picked[s]!]!.callees.push({ node: d, name: names[d]!, weight: w, inline });
  }
  for (const entry of entries) {
    sortEdges(entry.callers, (x) => x.name, entry.name, true);
    sortEdges(entry.callees, (x) => x.name, entry.name, false);
  }
  return { top, entries };
}

const separator = '----------------------------------------------------------+-------------';
const legend = '      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ';

/** The text `go tool pprof -peek REGEX` prints (the caller says "no matches" when entries is empty). */
export function formatPeekText(r: PeekReport): string {
  const t = r.top;
  const pad = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);
  const fmt = (v: number) => formatTopValue(t, v);
  const out: string[] = [...t.header, separator, legend];
  let flatSum = 0;
  const edgeLine = (e: PeekEdge, cum: number) =>
    `${pad(fmt(e.weight), 50)} ${percentage(e.weight, cum)} |   ${e.name}${e.inline ? ' (inline)' : ''}`;
  for (const entry of r.entries) {
    out.push(separator);
    for (const e of entry.callers) out.push(edgeLine(e, entry.cum));
    flatSum += entry.flat;
    out.push(
      `${pad(fmt(entry.flat), 10)} ${percentage(entry.flat, t.total)} ${percentage(flatSum, t.total)} ` +
        `${pad(fmt(entry.cum), 10)} ${percentage(entry.cum, t.total)}                | ${entry.name}`,
    );
    for (const e of entry.callees) out.push(edgeLine(e, entry.cum));
  }
  if (t.rows.length > 0) out.push(separator);
  return `${out.join('\n')}\n`;
}
