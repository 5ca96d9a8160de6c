// Flat and cum per report node, as pprof's graph.newGraph computes them: cum counts a node once
// per sample even under recursion, flat goes to the innermost frame, samples of value 0 are
// skipped. Inline marks come from a second, separate pass over the edges, because only nodes
// that are inlined somewhere can carry "(inline)" / "(partial-inline)".

import type { Profile } from '../model/profile';
import type { NodeMap } from './nodes';
import { PairIndex } from './pairIndex';

export const InlineMark = { none: 0, inline: 1, partial: 2 } as const;

export interface NodeValues {
  flat: Float64Array;
  cum: Float64Array;
  /** Sum of flat over all nodes (pprof's g.Nodes.Sum()). */
  flatSum: number;
}

/**
 * Values of every node. Dropping nodes (pprof's node fraction) leaves the values of the kept
 * ones unchanged: cum is per node, and flat goes to the innermost frame only if it is kept.
 */
export function nodeValues(p: Profile, nodeMap: NodeMap, sampleIndex: number): NodeValues {
  const exact = p.samples.exact?.[sampleIndex];
  if (exact) return nodeValuesExact(p, nodeMap, exact);
  const { samples } = p;
  const values = samples.values[sampleIndex]!;
  const { locNodeStart, locNodes } = nodeMap;
  const n = nodeMap.nodes.length;
  const flat = new Float64Array(n);
  const cum = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  const { stackStart, stack } = samples;
  let flatSum = 0;
  for (let s = 0; s < samples.length; s++) {
    const v = values[s]!;
    if (v === 0) continue;
    let leaf = -1;
    for (let i = stackStart[s + 1]! - 1; i >= stackStart[s]!; i--) {
      const loc = stack[i]!;
      for (let ni = locNodeStart[loc + 1]! - 1; ni >= locNodeStart[loc]!; ni--) {
        const node = locNodes[ni]!;
        if (seen[node] !== s) {
          seen[node] = s;
          cum[node] += v;
        }
        leaf = node;
      }
    }
    if (leaf >= 0) {
      flat[leaf] += v;
      flatSum += v;
    }
  }
  return { flat, cum, flatSum };
}

/**
 * nodeValues over int64 values that a double cannot sum exactly (model SampleTable.exact): the
 * sums in int64, wrapping on overflow as pprof's do, each then the nearest double, which is what
 * pprof formats (measurement.ScaledLabel prints float64(value)).
 */
function nodeValuesExact(p: Profile, nodeMap: NodeMap, values: BigInt64Array): NodeValues {
  const { samples } = p;
  const { locNodeStart, locNodes } = nodeMap;
  const n = nodeMap.nodes.length;
  // BigInt64Array stores wrap to int64, as Go's += does.
  const flat = new BigInt64Array(n);
  const cum = new BigInt64Array(n);
  const flatSum = new BigInt64Array(1);
  const seen = new Int32Array(n).fill(-1);
  const { stackStart, stack } = samples;
  for (let s = 0; s < samples.length; s++) {
    const v = values[s]!;
    if (v === 0n) continue;
    let leaf = -1;
    for (let i = stackStart[s + 1]! - 1; i >= stackStart[s]!; i--) {
      const loc = stack[i]!;
      for (let ni = locNodeStart[loc + 1]! - 1; ni >= locNodeStart[loc]!; ni--) {
        const node = locNodes[ni]!;
        if (seen[node] !== s) {
          seen[node] = s;
          cum[node] = cum[node]! + v;
        }
        leaf = node;
      }
    }
    if (leaf >= 0) {
      flat[leaf] = flat[leaf]! + v;
      flatSum[0] = flatSum[0]! + v;
    }
  }
  return { flat: Float64Array.from(flat, Number), cum: Float64Array.from(cum, Number), flatSum: Number(flatSum[0]!) };
}

export interface InlineOptions {
  sampleIndex: number;
  /** Nodes kept after pprof's node-fraction trim (1 = kept); undefined keeps all. */
  kept?: Uint8Array;
  /** Edges with |weight| below this are dropped (pprof's edge fraction) before marks are read. */
  edgeCutoff: number;
}

/** InlineMark per node, from the edges between kept nodes, as pprof's TextItems reads them. */
export function inlineMarks(p: Profile, nodeMap: NodeMap, opts: InlineOptions): Uint8Array {
  const n = nodeMap.nodes.length;
  const { locNodeStart, locNodes, inlinedSomewhere } = nodeMap;
  const marks = new Uint8Array(n);
  if (!inlinedSomewhere.includes(1)) return marks;

  const { samples } = p;
  const values = samples.values[opts.sampleIndex]!;
  const kept = opts.kept;
  const edgeIndex = new PairIndex(n * 4);
  const edgeChild: number[] = [];
  const edgeWeight: number[] = [];
  const edgeAllInline: number[] = [];
  const edgeSeen: number[] = [];
  // Most frames meet the same caller as last time: a one-entry cache per position in the
  // location table saves the hash lookup.
  const slotParent = new Int32Array(locNodes.length).fill(-1);
  const slotEdge = new Int32Array(locNodes.length);
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
        if (kept && !kept[node]) continue;
        if (parent >= 0 && node !== parent && inlinedSomewhere[node]) {
          let e: number;
          if (slotParent[ni] === parent) {
            e = slotEdge[ni]!;
          } else {
            e = edgeIndex.get(parent, node);
            if (e < 0) {
              e = edgeChild.length;
              edgeIndex.add(parent, node, e);
              edgeChild.push(node);
              edgeWeight.push(0);
              edgeAllInline.push(1);
              edgeSeen.push(-1);
            }
            slotParent[ni] = parent;
            slotEdge[ni] = e;
          }
          // An edge counts once per sample; its first occurrence decides, as in pprof.
          if (edgeSeen[e] !== s) {
            edgeSeen[e] = s;
            edgeWeight[e] += v;
            if (ni === last) edgeAllInline[e] = 0;
          }
        }
        parent = node;
      }
    }
  }

  const hasInline = new Uint8Array(n);
  const hasCall = new Uint8Array(n);
  for (let e = 0; e < edgeChild.length; e++) {
    if (Math.abs(edgeWeight[e]!) < opts.edgeCutoff) continue;
    if (edgeAllInline[e]) hasInline[edgeChild[e]!] = 1;
    else hasCall[edgeChild[e]!] = 1;
  }
  for (let i = 0; i < n; i++) if (hasInline[i]) marks[i] = hasCall[i] ? InlineMark.partial : InlineMark.inline;
  return marks;
}
