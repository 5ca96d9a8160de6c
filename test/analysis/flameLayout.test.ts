// The flame view's layout, computed in the worker, and the page's walk of the same boxes
// (components/flame/flameBoxes.ts) agree box for box; hit tests find the box under a point.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../src/model/builder';
import { buildCallTree } from '../../src/analysis/callTree';
import { deriveFlame, type FlameView } from '../../src/analysis/flame';
import { mapNodes } from '../../src/analysis/nodes';
import { loadProfile } from '../../src/parse/load';
import { besideBox, boxAt, boxOfId, flameBoxes, hierarchyOf, widestChild } from '../../src/components/flame/flameBoxes';

/** Stacks written root first: "main;a;b" with a value. */
function profileOf(stacks: Array<[string, number]>) {
  const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
  for (const [path, v] of stacks) {
    for (const f of path.split(';').reverse()) b.pushFrame(b.frame(b.addFunction(b.intern(f), 0, b.intern('x.go')), 1));
    b.endSample([v]);
  }
  return b.build();
}

function viewOf(p: ReturnType<typeof profileOf>, zoom = 0, maxNodes = 5000, minFraction = 0): FlameView {
  const nm = mapNodes(p, 'functions');
  const tree = buildCallTree(p, nm, { sampleIndex: 0 });
  return deriveFlame(tree, { zoom, maxNodes, minFraction, rootName: 'root', frameName: (f) => nm.nodes.name[f]!, frameFile: () => 'x.go' });
}

/** Every box: as wide as its value, its children side by side from its left edge, one row deeper. */
function checkLayout(view: FlameView): void {
  const { x0, width, depth } = view.layout;
  const boxes = flameBoxes(view);
  expect(boxes.data.length).toBe(view.nodeCount);
  expect(x0.length).toBe(view.nodeCount);
  const rootValue = view.root.value;
  expect(boxes.data[0]).toBe(view.root);
  expect([x0[0], width[0], depth[0]]).toEqual([0, 1, 0]);
  const nextLeft = new Map<number, number>();
  for (let b = 1; b < view.nodeCount; b++) {
    const p = boxes.parent[b]!;
    expect(boxes.data[p]!.children).toContain(boxes.data[b]);
    expect(depth[b]).toBe(depth[p]! + 1);
    expect(width[b]).toBeCloseTo(boxes.data[b]!.value / rootValue, 12);
    expect(x0[b]).toBeCloseTo(nextLeft.get(p) ?? x0[p]!, 12);
    nextLeft.set(p, x0[b]! + width[b]!);
  }
  for (const [p, end] of nextLeft) expect(end).toBeLessThanOrEqual(x0[p]! + width[p]! + 1e-12);
  // Rows hold their boxes left to right, and a point in a box finds it.
  for (const row of boxes.rows) {
    for (let i = 0; i < row.length; i++) {
      const b = row[i]!;
      if (i > 0) expect(x0[b]).toBeGreaterThanOrEqual(x0[row[i - 1]!]! + width[row[i - 1]!]! - 1e-12);
      if (width[b]! > 1e-9) expect(boxAt(view, boxes, depth[b]!, x0[b]! + width[b]! / 2)).toBe(b);
    }
  }
}

describe('flame layout', () => {
  it('places each box of a small tree exactly', () => {
    const view = viewOf(profileOf([['main;a;b', 5], ['main;a;c', 3], ['main;a', 2], ['main;d;a;b', 1], ['main;e', 0], ['x', 4]]));
    checkLayout(view);
    const boxes = flameBoxes(view);
    const box = (name: string, depth = name === 'main' || name === 'x' ? 1 : 2) =>
      boxes.data.findIndex((d, b) => d.name === name && view.layout.depth[b] === depth);
    const at = (depth: number, x: number) => {
      const b = boxAt(view, boxes, depth, x);
      return b < 0 ? null : boxes.data[b]!.name;
    };
    // root 15: main 11 (a 10: b 5, c 3; d 1), x 4; children in the call tree's order.
    const { x0, width } = view.layout;
    expect(boxes.rows[1]!.length).toBe(2);
    expect([width[box('main')]! * 15, width[box('x')]! * 15, width[box('a')]! * 15, width[box('d')]! * 15]).toEqual([11, 4, 10, 1].map((v) => expect.closeTo(v, 9)));
    expect(at(0, 0.5)).toBe('root');
    expect(at(1, x0[box('x')]! + 1e-9)).toBe('x');
    // a's self value (2) is the part of its width that no child covers.
    const a = box('a');
    let childEnd = x0[a]!;
    for (const b of boxes.rows[3]!) if (boxes.parent[b] === a) childEnd = Math.max(childEnd, x0[b]! + width[b]!);
    expect(childEnd - x0[a]!).toBeCloseTo(8 / 15, 12);
    expect(at(3, childEnd + 1e-9)).toBeNull();
    expect(at(9, 0.1)).toBeNull();
    expect(at(1, 1)).toBeNull();
  });

  it('lays out a zoomed view: the ancestors and the zoomed frame span the width', () => {
    const p = profileOf([['main;a;b', 5], ['main;a;c', 3], ['main;d', 2]]);
    const whole = viewOf(p);
    const a = flameBoxes(whole).data.find((d) => d.name === 'a')!.id;
    const view = viewOf(p, a);
    checkLayout(view);
    const boxes = flameBoxes(view);
    expect(boxes.data.slice(0, 3).map((d) => d.name)).toEqual(['root', 'main', 'a']);
    expect([...view.layout.width.subarray(0, 3)]).toEqual([1, 1, 1]);
  });

  it('agrees with the page on a real heap profile, pruned with merged boxes', async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'series', 'leak-a.t4.heap.pb.gz')));
    const { profile } = await loadProfile(bytes);
    const nm = mapNodes(profile, 'functions');
    const tree = buildCallTree(profile, nm, { sampleIndex: profile.sampleTypes.length - 1 });
    const view = deriveFlame(tree, { zoom: 0, maxNodes: 60, minFraction: 0.001, rootName: 'root', frameName: (f) => nm.nodes.name[f]!, frameFile: () => '' });
    expect(view.nodeCount).toBeLessThanOrEqual(60);
    expect(flameBoxes(view).data.some((d) => d.merged)).toBe(true);
    checkLayout(view);
  });

  it('moves by keyboard: the parent, the widest child, the neighbours of a row', () => {
    // root 15: main 11 (a 10: b 5, c 3; d 1), x 4.
    const view = viewOf(profileOf([['main;a;b', 5], ['main;a;c', 3], ['main;a', 2], ['main;d;a;b', 1], ['x', 4]]));
    const boxes = flameBoxes(view);
    const name = (b: number) => (b < 0 ? null : boxes.data[b]!.name);
    const main = boxes.data.findIndex((d) => d.name === 'main');
    const x = boxes.data.findIndex((d) => d.name === 'x');
    expect(name(widestChild(view, boxes, 0))).toBe('main');
    const a = widestChild(view, boxes, main);
    expect(name(a)).toBe('a');
    expect(name(widestChild(view, boxes, a))).toBe('b');
    const b = widestChild(view, boxes, a);
    expect(widestChild(view, boxes, b)).toBe(-1);
    expect(name(boxes.parent[b]!)).toBe('a');
    expect(name(besideBox(view, boxes, b, 1))).toBe('c');
    expect(besideBox(view, boxes, main, -1)).toBe(-1);
    expect(besideBox(view, boxes, main, 1)).toBe(x);
    expect(besideBox(view, boxes, x, 1)).toBe(-1);
    expect(name(besideBox(view, boxes, a, 1))).toBe('d');
    // c's right neighbour at depth 3 is d's child a: a row, not only a family.
    const c = besideBox(view, boxes, b, 1);
    const cousin = besideBox(view, boxes, c, 1);
    expect(name(cousin)).toBe('a');
    expect(name(boxes.parent[cousin]!)).toBe('d');
    // x is a leaf. The root has no parent.
    expect(widestChild(view, boxes, x)).toBe(-1);
    expect(boxes.parent[0]).toBe(-1);
    for (let k = 0; k < boxes.data.length; k++) expect(boxOfId(boxes, boxes.data[k]!.id)).toBe(k);
    expect(boxOfId(boxes, 1e9)).toBe(-1);
    const chain: string[] = [];
    for (let n: ReturnType<typeof hierarchyOf> | null = hierarchyOf(boxes, b); n; n = n.parent) chain.push(n.data.name);
    expect(chain).toEqual(['b', 'a', 'main', 'root']);
  });
});
