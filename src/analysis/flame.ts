// What the flame graph draws: a subtree of the call tree small enough for the DOM. Frames
// narrower than a threshold merge into one "N small frames" box per parent, so sums hold and
// at most about `maxNodes` boxes exist at once; zooming asks for a new subtree.

import type { CallTree } from './callTree';

export interface FlameDatum {
  /** Tree node id; negative for the merged "small frames" box (-(parent id) - 1). */
  id: number;
  name: string;
  /** Inclusive value (d3-flame-graph's `value`). */
  value: number;
  self: number;
  /** Report node of the frame, -1 for the root and merged boxes. */
  frame: number;
  /** Source file of the frame ("" when unknown) and its line (0 unknown, -1 several). */
  file: string;
  line: number;
  /** Frames merged into this box (small-frames boxes only). */
  merged?: number;
  /** An ancestor shown above a zoomed frame (drawn faded, full width). */
  ancestor?: boolean;
  children?: FlameDatum[];
}

export interface FlameRequest {
  /** Tree node to zoom on; 0 is the whole tree. */
  zoom: number;
  /** Budget of boxes, merged boxes included. */
  maxNodes: number;
  /** Boxes narrower than this fraction of the zoomed frame are merged (about one pixel). */
  minFraction: number;
  rootName: string;
  frameName: (frame: number) => string;
  frameFile: (frame: number) => string;
}

export interface FlameView {
  root: FlameDatum;
  /** Boxes in `root`, merged ones included. */
  nodeCount: number;
  /** Absolute value below which frames were merged. */
  threshold: number;
  zoom: number;
  /** Where each box of `root` goes, computed here so that the page only draws. */
  layout: FlameLayout;
}

/**
 * The boxes of a flame view in preorder (a box, then its children left to right, as
 * `flamePreorder` walks them): left edge and width as fractions of the root's width, and depth
 * (the root is 0). Within one depth, boxes come left to right.
 */
export interface FlameLayout {
  x0: Float64Array;
  width: Float64Array;
  depth: Uint16Array;
  maxDepth: number;
}

/** Calls `visit` on every box in preorder with its left edge (fraction of the root) and depth. */
export function flamePreorder(root: FlameDatum, visit: (d: FlameDatum, x0: number, depth: number) => void): void {
  const total = root.value > 0 ? root.value : 1;
  const nodes: FlameDatum[] = [root];
  const xs: number[] = [0];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const d = nodes.pop()!;
    const x0 = xs.pop()!;
    const depth = depths.pop()!;
    visit(d, x0, depth);
    const children = d.children;
    if (!children) continue;
    // Left edges summed left to right; pushed right to left, so that they are visited left to right.
    const base = xs.length;
    let left = x0;
    for (let i = 0; i < children.length; i++) {
      xs.push(0);
      depths.push(depth + 1);
      nodes.push(children[children.length - 1 - i]!);
    }
    for (let i = 0; i < children.length; i++) {
      xs[base + children.length - 1 - i] = left;
      left += children[i]!.value / total;
    }
  }
}

/** The layout of a flame view's boxes (see FlameLayout). */
export function layoutFlame(root: FlameDatum, nodeCount: number): FlameLayout {
  const x0 = new Float64Array(nodeCount);
  const width = new Float64Array(nodeCount);
  const depth = new Uint16Array(nodeCount);
  const total = root.value > 0 ? root.value : 1;
  let i = 0;
  let maxDepth = 0;
  flamePreorder(root, (d, x, dep) => {
    if (i >= nodeCount) throw new Error(`flame layout: more boxes than the ${nodeCount} counted`);
    x0[i] = x;
    width[i] = d.value / total;
    depth[i] = Math.min(dep, 0xffff);
    if (dep > maxDepth) maxDepth = dep;
    i++;
  });
  if (i !== nodeCount) throw new Error(`flame layout: ${i} boxes, ${nodeCount} counted`);
  return { x0, width, depth, maxDepth };
}

function childrenOf(tree: CallTree, node: number): Int32Array {
  return tree.children.subarray(tree.childStart[node]!, tree.childStart[node + 1]!);
}

/** The smallest threshold >= base that keeps the visible boxes within budget. */
function chooseThreshold(tree: CallTree, zoom: number, base: number, budget: number): number {
  const totals: number[] = [];
  const stack = [zoom];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const c of childrenOf(tree, node)) {
      if (tree.total[c]! >= base) {
        totals.push(tree.total[c]!);
        stack.push(c);
      }
    }
  }
  // Leave room for one merged box per kept parent: keep at most ~70% real frames.
  const realBudget = Math.floor(budget * 0.7);
  if (totals.length <= realBudget) return base;
  totals.sort((a, b) => b - a);
  // Frames strictly wider than the cut value stay; ties at the cut merge too.
  return Math.max(base, totals[realBudget]! * (1 + 1e-9));
}

export function deriveFlame(tree: CallTree, req: FlameRequest): FlameView {
  const zoom = req.zoom >= 0 && req.zoom < tree.length ? req.zoom : 0;
  const zoomTotal = tree.total[zoom]!;
  const threshold = chooseThreshold(tree, zoom, Math.max(zoomTotal * req.minFraction, Number.MIN_VALUE), req.maxNodes);
  const datum = (node: number): FlameDatum => ({
    id: node,
    name: node === 0 ? req.rootName : req.frameName(tree.frame[node]!),
    value: tree.total[node]!,
    self: tree.self[node]!,
    frame: node === 0 ? -1 : tree.frame[node]!,
    file: node === 0 || tree.frame[node]! < 0 ? '' : req.frameFile(tree.frame[node]!),
    line: tree.line[node]!,
  });

  let nodeCount = 0;
  const top = datum(zoom);
  nodeCount++;
  const work: Array<[number, FlameDatum]> = [[zoom, top]];
  while (work.length > 0) {
    const [node, out] = work.pop()!;
    let mergedValue = 0;
    let mergedCount = 0;
    for (const c of childrenOf(tree, node)) {
      const v = tree.total[c]!;
      if (v >= threshold) {
        const d = datum(c);
        (out.children ??= []).push(d);
        nodeCount++;
        work.push([c, d]);
      } else {
        mergedValue += v;
        mergedCount++;
      }
    }
    if (mergedCount > 0) {
      (out.children ??= []).push({
        id: -node - 1,
        name: `${mergedCount} small frame${mergedCount > 1 ? 's' : ''}`,
        value: mergedValue,
        self: mergedValue,
        frame: -1,
        file: '',
        line: 0,
        merged: mergedCount,
      });
      nodeCount++;
    }
  }

  // Ancestors of a zoomed frame, outermost first, each as wide as the zoomed frame.
  let root = top;
  for (let a = tree.parent[zoom]!; zoom !== 0 && a >= 0; a = tree.parent[a]!) {
    const d = datum(a);
    d.value = zoomTotal;
    d.self = 0;
    d.ancestor = true;
    d.children = [root];
    root = d;
    nodeCount++;
  }
  return { root, nodeCount, threshold, zoom, layout: layoutFlame(root, nodeCount) };
}
