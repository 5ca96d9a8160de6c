// The call tree behind the flame graph: one node per distinct path of report nodes from the
// root, inlined frames expanded (outermost first), with inclusive and self values. Built in one
// pass over the samples; nodes live in typed arrays so it crosses to nobody and costs no object
// per frame. `focus` keeps only samples through one node and roots the tree there.

import type { Profile } from '../model/profile';
import type { NodeMap } from './nodes';
import { PairIndex } from './pairIndex';

export interface CallTree {
  length: number;
  /** Parent tree node, -1 for the root (node 0). */
  parent: Int32Array;
  /** Report node (NodeMap index) of each tree node; -1 for the root. */
  frame: Int32Array;
  /** Source line when every sample through the node agrees, -1 when they differ, 0 unknown. */
  line: Int32Array;
  total: Float64Array;
  self: Float64Array;
  /** Children of node i: children[childStart[i] .. childStart[i+1]), widest first. */
  childStart: Uint32Array;
  children: Int32Array;
}

export interface CallTreeOptions {
  sampleIndex: number;
  /** Root the tree at this report node: keep samples through it, from its outermost call. */
  focus?: number;
}

class Grow {
  parent = new Int32Array(1024);
  frame = new Int32Array(1024);
  line = new Int32Array(1024);
  total = new Float64Array(1024);
  self = new Float64Array(1024);
  /** The child a node was last asked for, and its frame: most nodes have one child. */
  lastChild = new Int32Array(1024);
  lastChildFrame = new Int32Array(1024);
  length = 0;

  add(parent: number, frame: number, line: number): number {
    if (this.length === this.parent.length) {
      const cap = this.length * 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.parent = grow(this.parent, (n) => new Int32Array(n));
      this.frame = grow(this.frame, (n) => new Int32Array(n));
      this.line = grow(this.line, (n) => new Int32Array(n));
      this.total = grow(this.total, (n) => new Float64Array(n));
      this.self = grow(this.self, (n) => new Float64Array(n));
      this.lastChild = grow(this.lastChild, (n) => new Int32Array(n));
      this.lastChildFrame = grow(this.lastChildFrame, (n) => new Int32Array(n));
    }
    const i = this.length++;
    this.parent[i] = parent;
    this.frame[i] = frame;
    this.line[i] = line;
    this.lastChildFrame[i] = -2;
    return i;
  }
}

export function buildCallTree(p: Profile, nodeMap: NodeMap, opts: CallTreeOptions): CallTree {
  const { samples, locations, lines } = p;
  const values = samples.values[opts.sampleIndex]!;
  const { locNodeStart, locNodes } = nodeMap;
  const focus = opts.focus ?? -1;
  const t = new Grow();
  t.add(-1, focus, 0);
  const childIndex = new PairIndex(1 << 16);

  for (let s = 0; s < samples.length; s++) {
    const v = values[s]!;
    if (v === 0) continue;
    let cur = 0;
    let started = focus < 0;
    for (let i = samples.stackStart[s + 1]! - 1; i >= samples.stackStart[s]!; i--) {
      const loc = samples.stack[i]!;
      const first = locNodeStart[loc]!;
      const lineBase = locations.lineStart[loc]!;
      const hasLines = locations.lineStart[loc + 1]! > lineBase;
      for (let ni = locNodeStart[loc + 1]! - 1; ni >= first; ni--) {
        const node = locNodes[ni]!;
        if (!started) {
          if (node !== focus) continue;
          started = true;
          continue; // the focused node is the root itself
        }
        const line = hasLines ? lines.line[lineBase + (ni - first)]! : 0;
        let child: number;
        if (t.lastChildFrame[cur] === node) {
          child = t.lastChild[cur]!;
        } else {
          child = childIndex.get(cur, node);
          if (child < 0) {
            child = t.add(cur, node, line);
            childIndex.add(cur, node, child);
          }
          t.lastChildFrame[cur] = node;
          t.lastChild[cur] = child;
        }
        if (t.line[child] !== line) t.line[child] = -1;
        t.total[child] += v;
        cur = child;
      }
    }
    if (!started) continue;
    t.total[0] += v;
    t.self[cur] += v;
  }

  const n = t.length;
  const total = t.total.slice(0, n);
  const parent = t.parent.slice(0, n);
  // Children in CSR form, widest first, so readers never search.
  const childStart = new Uint32Array(n + 1);
  for (let i = 1; i < n; i++) childStart[parent[i]! + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i]!;
  const fill = childStart.slice(0, n);
  const children = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) children[fill[parent[i]!]!++] = i;
  for (let i = 0; i < n; i++) {
    const a = childStart[i]!;
    const b = childStart[i + 1]!;
    if (b - a > 1) children.subarray(a, b).sort((x, y) => total[y]! - total[x]! || x - y);
  }

  return {
    length: n,
    parent,
    frame: t.frame.slice(0, n),
    line: t.line.slice(0, n),
    total,
    self: t.self.slice(0, n),
    childStart,
    children,
  };
}

/** Sum of `total` over the outermost tree nodes whose frame matches (no double counting). */
export function matchedTotal(tree: CallTree, matches: (frame: number) => boolean): number {
  let sum = 0;
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== 0 && tree.frame[node]! >= 0 && matches(tree.frame[node]!)) {
      sum += tree.total[node]!;
      continue;
    }
    for (let c = tree.childStart[node]!; c < tree.childStart[node + 1]!; c++) stack.push(tree.children[c]!);
  }
  return sum;
}

/**
 * The call-tree node at this path of frame names from the root, or -1. `frameName` names a
 * tree node's frame (a report node) as the flame graph labels it.
 */
export function findTreePath(tree: CallTree, frameName: (frame: number) => string, path: readonly string[]): number {
  let node = 0;
  for (const name of path) {
    let next = -1;
    for (let i = tree.childStart[node]!; i < tree.childStart[node + 1]!; i++) {
      const child = tree.children[i]!;
      if (frameName(tree.frame[child]!) === name) {
        next = child;
        break;
      }
    }
    if (next < 0) return -1;
    node = next;
  }
  return node;
}
