// The differential flame graph: the target's call tree, shaped by the target's values, with the
// base's value on every box. Paths only the base has are in the tree with a target value of 0:
// they draw no box, but their base counts in every ancestor's delta and in the "small frames"
// box of their parent, so deltas add up at every level.

import type { Profile } from '../model/profile';
import { buildCallTree, type CallTree, type CallTreeOptions } from './callTree';
import { splitDiffValues, withValues } from './diffBase';
import { deriveFlame, type FlameDatum, type FlameRequest, type FlameView } from './flame';
import type { NodeMap } from './nodes';
import { PairIndex } from './pairIndex';

export interface DiffTree extends CallTree {
  /** The target's inclusive and self values are `total` and `self`; these are the base's. */
  base: Float64Array;
  baseSelf: Float64Array;
  /** What the base was multiplied by: 1 unless normalizeBase. */
  baseScale: number;
}

export interface DiffTreeOptions extends CallTreeOptions {
  /** Scale the base to the target's sum first (see splitDiffValues). */
  normalizeBase?: boolean;
}

export interface DiffFlameDatum extends FlameDatum {
  /** The base's inclusive value for this box. */
  base: number;
  /**
   * Inclusive target - base: what d3-flame-graph's differentialColorMapper reads from
   * `data.delta`. Use it with computeDelta(false): it already includes the children.
   */
  delta: number;
  children?: DiffFlameDatum[];
}

export interface DiffFlameView extends FlameView {
  root: DiffFlameDatum;
}

/**
 * The call tree of a -diff_base profile (diffProfiles) over target and base paths together,
 * `total`/`self` from the target, `base`/`baseSelf` from the base. Children widest first by the
 * target, then by the base.
 */
export function buildDiffTree(diff: Profile, nodeMap: NodeMap, opts: DiffTreeOptions): DiffTree {
  const split = splitDiffValues(diff, opts.sampleIndex, opts.normalizeBase);
  const both = new Float64Array(split.target.length);
  for (let s = 0; s < both.length; s++) both[s] = split.target[s]! + split.base[s]!;
  const treeOpts = { sampleIndex: 0, focus: opts.focus };
  // Every path of either side, then the target's alone: each target node is the union node
  // reached by the same frames, and the base is what the union has beyond the target.
  const union = buildCallTree(withValues(diff, opts.sampleIndex, both), nodeMap, treeOpts);
  const target = buildCallTree(withValues(diff, opts.sampleIndex, split.target), nodeMap, treeOpts);

  const childOf = new PairIndex(union.length);
  for (let i = 1; i < union.length; i++) childOf.add(union.parent[i]!, union.frame[i]!, i);
  const total = new Float64Array(union.length);
  const self = new Float64Array(union.length);
  const unionId = new Int32Array(target.length);
  total[0] = target.total[0]!;
  self[0] = target.self[0]!;
  // Tree nodes are numbered in creation order, so a parent comes before its children.
  for (let i = 1; i < target.length; i++) {
    const u = childOf.get(unionId[target.parent[i]!]!, target.frame[i]!);
    unionId[i] = u;
    total[u] = target.total[i]!;
    self[u] = target.self[i]!;
  }
  const base = new Float64Array(union.length);
  const baseSelf = new Float64Array(union.length);
  for (let i = 0; i < union.length; i++) {
    base[i] = union.total[i]! - total[i]!;
    baseSelf[i] = union.self[i]! - self[i]!;
  }
  const children = union.children;
  for (let i = 0; i < union.length; i++) {
    const a = union.childStart[i]!;
    const b = union.childStart[i + 1]!;
    if (b - a > 1) children.subarray(a, b).sort((x, y) => total[y]! - total[x]! || base[y]! - base[x]! || x - y);
  }
  return { ...union, total, self, children, base, baseSelf, baseScale: split.baseScale };
}

/** deriveFlame's boxes (same pruning, same budget) with the base and the delta on each. */
export function deriveDiffFlame(tree: DiffTree, req: FlameRequest): DiffFlameView {
  const view = deriveFlame(tree, req);
  const baseOf = (d: FlameDatum): number => {
    if (d.ancestor) return tree.base[view.zoom]!;
    if (d.id >= 0) return tree.base[d.id]!;
    // A "small frames" box: the children of its parent that deriveFlame left below its threshold.
    const parent = -d.id - 1;
    let sum = 0;
    for (let c = tree.childStart[parent]!; c < tree.childStart[parent + 1]!; c++) {
      const child = tree.children[c]!;
      if (tree.total[child]! < view.threshold) sum += tree.base[child]!;
    }
    return sum;
  };
  const stack: FlameDatum[] = [view.root];
  while (stack.length > 0) {
    const d = stack.pop()! as DiffFlameDatum;
    d.base = baseOf(d);
    d.delta = d.value - d.base;
    for (const c of d.children ?? []) stack.push(c);
  }
  return view as DiffFlameView;
}
