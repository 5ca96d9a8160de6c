// The Graph view's layout: every box and edge of pprof's -dot graph placed by Graphviz (WASM,
// no network), boxes inside the drawing and not overlapping, callers above their callees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCallGraph } from '../../src/analysis/callGraph';
import { boxLines, layoutCallGraph } from '../../src/analysis/graphLayout';
import { loadProfile } from '../../src/parse/load';
import { scaledLabel } from '../../src/lib/units';
import { repoRoot } from '../support/fixtures';

async function graphOf(file: string, sampleIndex: number) {
  const p = (await loadProfile(new Uint8Array(readFileSync(join(repoRoot, file))))).profile;
  return computeCallGraph(p, { sampleIndex, granularity: 'functions' });
}

describe('call graph layout', () => {
  it('places every box and edge of the toyserver heap graph top-down without overlaps', async () => {
    const g = await graphOf('public/samples/toyserver.heap.pb.gz', 3);
    const l = await layoutCallGraph(g);
    const tagBoxes = g.nodes.reduce((s, n) => s + n.nodelets.length, 0);
    expect(l.boxes.length).toBe(g.nodes.length + tagBoxes);
    expect(l.edges.filter((e) => e.edge >= 0).map((e) => e.edge).sort((a, b) => a - b)).toEqual(g.edges.map((_, i) => i));
    for (const b of l.boxes) {
      expect(b.x - b.width / 2).toBeGreaterThanOrEqual(-0.5);
      expect(b.y - b.height / 2).toBeGreaterThanOrEqual(-0.5);
      expect(b.x + b.width / 2).toBeLessThanOrEqual(l.width + 0.5);
      expect(b.y + b.height / 2).toBeLessThanOrEqual(l.height + 0.5);
    }
    for (let i = 0; i < l.boxes.length; i++) {
      for (let j = i + 1; j < l.boxes.length; j++) {
        const a = l.boxes[i]!;
        const b = l.boxes[j]!;
        const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width - 1 || Math.abs(a.y - b.y) * 2 >= a.height + b.height - 1;
        expect(apart, `boxes ${i} and ${j} overlap`).toBe(true);
      }
    }
    // A non-residual, non-recursive call edge goes downwards: runtime.main is above main.main.
    const at = (name: string) => l.boxes[g.nodes.findIndex((n) => n.name === name)]!;
    expect(at('runtime.main').y).toBeLessThan(at('main.main').y);
  });

  it("shows pprof's label text in each box", async () => {
    const g = await graphOf('public/samples/toyserver.heap.pb.gz', 3);
    // N1 of test/oracle/dot/samples/toyserver.heap.pb.gz.dot: label="bytes\ngrowSlice\n4.63MB (44.76%)"
    expect(boxLines(g, 0)).toEqual(['bytes', 'growSlice', '4.63MB (44.76%)']);
    // N2: "catalog\nGenerate\n2.82MB (27.30%)\nof 4.30MB (41.56%)"
    expect(boxLines(g, 1)).toEqual(['catalog', 'Generate', '2.82MB (27.30%)', 'of 4.30MB (41.56%)']);
  });
});

describe('call graph layout, edges', () => {
  it('draws each edge between the boxes it joins, with its own label', async () => {
    const g = await graphOf('public/samples/toyserver.heap.pb.gz', 3);
    const l = await layoutCallGraph(g);
    const near = (p: { x: number; y: number }, b: { x: number; y: number; width: number; height: number }) =>
      Math.abs(p.x - b.x) <= b.width / 2 + 12 && Math.abs(p.y - b.y) <= b.height / 2 + 12;
    for (const e of l.edges) {
      if (e.edge < 0) continue;
      const ge = g.edges[e.edge]!;
      expect(near(e.points[0]!, l.boxes[ge.src]!), `edge ${e.edge} starts at its source`).toBe(true);
      expect(near(e.points[e.points.length - 1]!, l.boxes[ge.dst]!), `edge ${e.edge} ends at its destination`).toBe(true);
      expect(e.label.startsWith(scaledWeight(g, ge.weight))).toBe(true);
    }
  });
});

function scaledWeight(g: Awaited<ReturnType<typeof graphOf>>, v: number): string {
  return scaledLabel(v, g.sampleType.unit, g.outputUnit);
}
