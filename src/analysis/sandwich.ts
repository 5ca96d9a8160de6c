// A sandwich of one function (as speedscope draws it): the stacks that lead to it, as a tree
// rooted at the function that grows towards the callers, and what it calls, the flame graph
// rooted at it (callTree's focus). Both start at the function's outermost call in each sample,
// so each sample counts once and the roots' totals are the function's cum; the direct callers
// and callees, with the weights pprof's -peek prints, come from peek.ts.

import type { Profile } from '../model/profile';
import type { CallTree } from './callTree';
import type { NodeMap } from './nodes';
import { PairIndex } from './pairIndex';

/**
 * The callers tree of report node `node`: node 0 is the function, its children its callers in
 * the samples' outermost call of it, their children their callers, up to each stack's root.
 * `self` of a tree node is the value of the stacks that start there (no caller above).
 */
export function buildCallerTree(p: Profile, nm: NodeMap, sampleIndex: number, node: number): CallTree {
  const { samples } = p;
  const values = samples.values[sampleIndex]!;
  const { locNodeStart, locNodes } = nm;
  const parent: number[] = [-1];
  const frame: number[] = [node];
  const total: number[] = [0];
  const self: number[] = [0];
  const childIndex = new PairIndex(1 << 12);
  // The report nodes of one sample, root first; reused across samples.
  let path = new Int32Array(256);

  for (let s = 0; s < samples.length; s++) {
    const v = values[s]!;
    if (v === 0) continue;
    let len = 0;
    let at = -1;
    for (let i = samples.stackStart[s + 1]! - 1; i >= samples.stackStart[s]!; i--) {
      const loc = samples.stack[i]!;
      for (let ni = locNodeStart[loc + 1]! - 1; ni >= locNodeStart[loc]!; ni--) {
        const n = locNodes[ni]!;
        if (n === node) {
          at = len;
          break;
        }
        if (len === path.length) {
          const grown = new Int32Array(len * 2);
          grown.set(path);
          path = grown;
        }
        path[len++] = n;
      }
      if (at >= 0) break;
    }
    if (at < 0) continue;
    total[0] += v;
    let cur = 0;
    for (let k = at - 1; k >= 0; k--) {
      const n = path[k]!;
      let child = childIndex.get(cur, n);
      if (child < 0) {
        child = parent.length;
        childIndex.add(cur, n, child);
        parent.push(cur);
        frame.push(n);
        total.push(0);
        self.push(0);
      }
      total[child] += v;
      cur = child;
    }
    self[cur] += v;
  }

  const n = parent.length;
  const totals = Float64Array.from(total);
  const childStart = new Uint32Array(n + 1);
  for (let i = 1; i < n; i++) childStart[parent[i]! + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i]!;
  const fill = childStart.slice(0, n);
  const children = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) children[fill[parent[i]!]!++] = i;
  for (let i = 0; i < n; i++) {
    const a = childStart[i]!;
    const b = childStart[i + 1]!;
    if (b - a > 1) children.subarray(a, b).sort((x, y) => totals[y]! - totals[x]! || x - y);
  }
  return {
    length: n,
    parent: Int32Array.from(parent),
    frame: Int32Array.from(frame),
    line: new Int32Array(n),
    total: totals,
    self: Float64Array.from(self),
    childStart,
    children,
  };
}
