// Layout of pprof's default -dot call graph (about 80 boxes) by three well-kept libraries, to
// choose the one the Graph view uses: @dagrejs/dagre (pure JS), elkjs (layered, pure JS) and
// Graphviz dot compiled to WASM (@hpcc-js/wasm-graphviz, the engine under d3-graphviz). Each
// lays out the same boxes (same sizes) and labelled edges; warm-up, then the median of 9 runs; Graphviz's
// one-time WASM load is reported apart. Prints one JSON line per library.
//
//   npx tsx bench/cases/graph-layout.ts [FILE]   (default public/samples/apiserver-leaks.t2.heap.pb.gz)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import dagre from '@dagrejs/dagre';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { computeCallGraph } from '../../src/analysis/callGraph';
import { layoutDot, layoutInput } from '../../src/analysis/graphLayout';
import { defaultSampleIndex } from '../../src/analysis/sampleIndex';
import { loadProfile } from '../../src/parse/load';

const file = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'public', 'samples', 'apiserver-leaks.t2.heap.pb.gz');
const p = (await loadProfile(new Uint8Array(readFileSync(file)))).profile;
const g = computeCallGraph(p, { sampleIndex: defaultSampleIndex(p), granularity: 'functions' });
const input = layoutInput(g);
const boxes = input.boxes.map((b, i) => ({ id: `b${i}`, width: b.width, height: b.height }));
const edgeList: Array<[number, number]> = input.links.map((l) => [l.from, l.to]);

async function median(run: () => unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[4]!;
}

const size = { nodes: g.nodes.length, boxes: boxes.length, edges: edgeList.length };
const out = (library: string, ms: number, note?: string) =>
  console.log(JSON.stringify({ case: `graph layout ${size.nodes} nodes, ${size.boxes} boxes, ${size.edges} edges`, phase: library, ms: Math.round(ms * 10) / 10, note }));

out(
  '@dagrejs/dagre',
  await median(() => {
    const dg = new dagre.graphlib.Graph();
    dg.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 40 });
    dg.setDefaultEdgeLabel(() => ({}));
    boxes.forEach((b) => dg.setNode(b.id, { width: b.width, height: b.height }));
    input.links.forEach((l) => dg.setEdge(`b${l.from}`, `b${l.to}`, { minlen: l.minlen, weight: l.weight, width: l.label.length * 7, height: 10 }));
    dagre.layout(dg);
  }),
);

const elk = new ELK();
const elkGraph = () => ({
  id: 'root',
  layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.edgeRouting': 'POLYLINE' },
  children: boxes.map((b) => ({ ...b })),
  edges: edgeList.map(([s, t], i) => ({ id: `e${i}`, sources: [`b${s}`], targets: [`b${t}`], labels: [{ text: input.links[i]!.label, width: input.links[i]!.label.length * 7, height: 10 }] })),
});
out('elkjs layered', await median(() => elk.layout(elkGraph())));

const t0 = performance.now();
const gv = await Graphviz.load();
const loadMs = performance.now() - t0;
// The DOT text the Graph view lays out (src/analysis/graphLayout.ts layoutDot), edge labels included.
const dot = layoutDot(input);
out('graphviz dot (wasm)', await median(() => gv.layout(dot, 'json', 'dot')), `WASM load ${Math.round(loadMs)} ms once`);
