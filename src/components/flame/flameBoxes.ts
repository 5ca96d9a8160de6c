// The boxes of a flame view on the page, in the order of the worker's layout (preorder: a box,
// then its children left to right), with their parents, and a per-depth index for hit tests.
// No DOM: tested in Node.

import type { FlameDatum, FlameView } from '../../state/types';
import type { HierarchyNode } from './tooltip';

export interface FlameBoxes {
  /** The data of box i (the layout's box i). */
  data: FlameDatum[];
  /** The parent box of box i, -1 for the root. */
  parent: Int32Array;
  /** Box indices of each depth, left to right. */
  rows: Int32Array[];
  /** The position of box i in its depth's row. */
  column: Int32Array;
}

export function flameBoxes(view: FlameView): FlameBoxes {
  const { layout } = view;
  const n = layout.x0.length;
  const data: FlameDatum[] = new Array<FlameDatum>(n);
  const parent = new Int32Array(n);
  // Preorder with an explicit stack, children pushed right to left (as the worker walks them).
  const nodes: FlameDatum[] = [view.root];
  const parents: number[] = [-1];
  let i = 0;
  while (nodes.length > 0) {
    const d = nodes.pop()!;
    const p = parents.pop()!;
    if (i >= n) throw new Error(`the flame view has more boxes than its layout (${n})`);
    data[i] = d;
    parent[i] = p;
    const children = d.children;
    if (children) {
      for (let c = children.length - 1; c >= 0; c--) {
        nodes.push(children[c]!);
        parents.push(i);
      }
    }
    i++;
  }
  if (i !== n) throw new Error(`the flame view has ${i} boxes, its layout ${n}`);
  const counts = new Int32Array(layout.maxDepth + 1);
  for (let b = 0; b < n; b++) counts[layout.depth[b]!]!++;
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const column = new Int32Array(n);
  counts.fill(0);
  for (let b = 0; b < n; b++) {
    const dep = layout.depth[b]!;
    column[b] = counts[dep]!;
    rows[dep]![counts[dep]!++] = b;
  }
  return { data, parent, rows, column };
}

/** The box whose datum has id `id` (ids are unique within a view), or -1. */
export function boxOfId(boxes: FlameBoxes, id: number): number {
  for (let b = 0; b < boxes.data.length; b++) if (boxes.data[b]!.id === id) return b;
  return -1;
}

/** The widest child of box `b` (the first of equals), or -1 for a leaf. */
export function widestChild(view: FlameView, boxes: FlameBoxes, b: number): number {
  // Preorder: the children of b are b's next boxes at depth + 1 whose parent is b.
  const row = boxes.rows[view.layout.depth[b]! + 1];
  if (!row) return -1;
  const first = b + 1;
  if (first >= boxes.parent.length || boxes.parent[first] !== b) return -1;
  let best = -1;
  for (let k = boxes.column[first]!; k < row.length && boxes.parent[row[k]!] === b; k++) {
    const c = row[k]!;
    if (best < 0 || view.layout.width[c]! > view.layout.width[best]!) best = c;
  }
  return best;
}

/** The box left (-1) or right (+1) of `b` at the same depth, or -1 at the row's end. */
export function besideBox(view: FlameView, boxes: FlameBoxes, b: number, step: -1 | 1): number {
  const row = boxes.rows[view.layout.depth[b]!]!;
  const k = boxes.column[b]! + step;
  return k >= 0 && k < row.length ? row[k]! : -1;
}

/** Box `b` as d3-flame-graph's hierarchy node (data, value, parent chain), for tooltips and pins. */
export function hierarchyOf(boxes: FlameBoxes, b: number): HierarchyNode {
  const d = boxes.data[b]!;
  const p = boxes.parent[b]!;
  return { data: d, value: d.value, parent: p >= 0 ? hierarchyOf(boxes, p) : null };
}

/** The box at depth `depth` covering `x` (a fraction of the root's width), or -1. */
export function boxAt(view: FlameView, boxes: FlameBoxes, depth: number, x: number): number {
  const row = boxes.rows[depth];
  if (!row || row.length === 0) return -1;
  const { x0, width } = view.layout;
  let lo = 0;
  let hi = row.length - 1;
  // The last box whose left edge is at or before x.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (x0[row[mid]!]! <= x) lo = mid;
    else hi = mid - 1;
  }
  const b = row[lo]!;
  return x >= x0[b]! && x < x0[b]! + width[b]! ? b : -1;
}
