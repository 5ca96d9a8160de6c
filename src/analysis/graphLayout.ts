// Top-down layout of a call graph (callGraph.ts) with Graphviz dot (WASM), in the worker. Boxes are
// sized from their text in a monospace font (char width 0.6 em, line height 1.2 em), which is how
// the view draws them, so the sizes hold without measuring text in a DOM.
// Graphviz was chosen by measured speed on an 80-node graph against @dagrejs/dagre and elkjs:
// see bench/cases/graph-layout.ts.

import { scaledLabel } from '../lib/units';
import { dotColor, nodeFontSize, nodeLabelLines, type CallGraph } from './callGraph';
import { percentage } from '../lib/units';

export const charWidthEm = 0.6;
export const lineHeightEm = 1.2;
const padX = 8;
const padY = 6;
const nodeletFont = 8;

export interface LaidOutBox {
  /** Index into graph.nodes, or -1 for a tag box. */
  node: number;
  /** Lines of text, top to bottom. */
  lines: string[];
  fontSize: number;
  /** pprof's colours: by cum share for a node, plain for a tag box. */
  fill: string;
  stroke: string;
  /** Centre, and size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutEdge {
  /** Index into graph.edges, or -1 for the edge to a tag box. */
  edge: number;
  /** Polyline through these points, from source to target. */
  points: Array<{ x: number; y: number }>;
  label: string;
  /** pprof's colour and pen width by weight; residual edges dotted, inline ones dashed. */
  color: string;
  width: number;
  residual: boolean;
  inline: boolean;
  labelX: number;
  labelY: number;
  /** points are a cubic Bézier (p0, then 3 per segment) followed by the arrow's end point. */
  spline: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  boxes: LaidOutBox[];
  edges: LaidOutEdge[];
}

/** The lines a node's box shows: pprof's label split at its line breaks. */
export function boxLines(g: CallGraph, i: number): string[] {
  const n = g.nodes[i]!;
  const fmt = (v: number) => scaledLabel(v, g.sampleType.unit, g.outputUnit);
  const lines = nodeLabelLines(n).map((l) => l.replace(/\\(.)/g, '$1'));
  const flat = n.flat !== 0 ? `${fmt(n.flat)} (${percentage(n.flat, g.total).trim()})` : '0';
  if (n.cum === n.flat) lines.push(flat);
  else if (n.flat !== 0) lines.push(flat, `of ${fmt(n.cum)} (${percentage(n.cum, g.total).trim()})`);
  else lines.push(`0 of ${fmt(n.cum)} (${percentage(n.cum, g.total).trim()})`);
  return lines;
}

function boxSize(lines: string[], fontSize: number): { width: number; height: number } {
  let longest = 0;
  for (const l of lines) longest = Math.max(longest, l.length);
  return { width: longest * fontSize * charWidthEm + 2 * padX, height: lines.length * fontSize * lineHeightEm + 2 * padY };
}

/** The boxes and edges to lay out: every node and tag box with its size, every edge with its label. */
export interface LayoutInput {
  boxes: LaidOutBox[];
  /** DOT ids of the boxes ("N1", "NN1_0"). */
  ids: string[];
  links: Array<{ edge: number; from: number; to: number; label: string; minlen: number; weight: number; color: string; width: number; residual: boolean; inline: boolean }>;
}

export function layoutInput(g: CallGraph): LayoutInput {
  const fmt = (v: number) => scaledLabel(v, g.sampleType.unit, g.outputUnit);
  let maxFlat = 0;
  for (const n of g.nodes) maxFlat = Math.max(maxFlat, Math.abs(n.flat));
  const boxes: LaidOutBox[] = [];
  const ids: string[] = [];
  const index = new Map<string, number>();
  const add = (id: string, box: LaidOutBox) => {
    index.set(id, boxes.length);
    ids.push(id);
    boxes.push(box);
  };
  g.nodes.forEach((n, i) => {
    const lines = boxLines(g, i);
    const fontSize = nodeFontSize(n.flat, maxFlat);
    const share = n.cum / Math.abs(g.total || 1);
    add(`N${i + 1}`, { node: i, lines, fontSize, fill: dotColor(share, true), stroke: dotColor(share, false), x: 0, y: 0, ...boxSize(lines, fontSize) });
  });
  const links: LayoutInput['links'] = [];
  for (const n of g.nodes) {
    for (const t of n.nodelets) {
      const lines = t.name.split('\\n');
      add(`N${t.id}`, { node: -1, lines, fontSize: nodeletFont, fill: '#f8f8f8', stroke: '#000000', x: 0, y: 0, ...boxSize(lines, nodeletFont) });
      links.push({ edge: -1, from: index.get(t.source)!, to: index.get(`N${t.id}`)!, label: fmt(t.weight), minlen: 1, weight: 100, color: '#000000', width: 1, residual: false, inline: false });
    }
  }
  g.edges.forEach((e, i) => {
    links.push({
      edge: i,
      from: e.src,
      to: e.dst,
      label: `${fmt(e.weight)}${e.inline ? ' (inline)' : ''}`,
      minlen: g.nodes[e.src]!.nodelets.length > 0 ? 2 : 1,
      weight: g.total !== 0 ? 1 + Math.min(100, Math.trunc(Math.abs((e.weight * 100) / g.total))) : 1,
      color: g.total !== 0 ? dotColor(e.weight / Math.abs(g.total), false) : '#000000',
      width: g.total !== 0 ? 1 + Math.min(5, Math.trunc(Math.abs((e.weight * 5) / g.total))) : 1,
      residual: e.residual,
      inline: e.inline,
    });
  });
  return { boxes, ids, links };
}

interface GraphvizJson {
  bb: string;
  objects?: Array<{ name: string; pos?: string }>;
  edges?: Array<{ id?: string; pos?: string; lp?: string }>;
}

type GraphvizEngine = Awaited<ReturnType<(typeof import('@hpcc-js/wasm-graphviz'))['Graphviz']['load']>>;
let engine: Promise<GraphvizEngine> | null = null;

/** Graphviz (WASM, bundled; loaded once, on first use). */
function graphviz(): Promise<GraphvizEngine> {
  if (!engine) engine = import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
  return engine;
}

const points = (s: string) =>
  s
    .trim()
    .split(/\s+/)
    .map((p) => {
      const [x, y] = p.split(',');
      return { x: Number(x), y: Number(y) };
    });

/** The DOT text handed to Graphviz: fixed box sizes (points to inches), pprof's edge attributes. */
export function layoutDot(input: LayoutInput): string {
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const out = ['digraph g {', 'node [shape=box fixedsize=true label=""]', 'edge [fontsize=10]'];
  input.boxes.forEach((b, i) => out.push(`${q(input.ids[i]!)} [width=${(b.width / 72).toFixed(4)} height=${(b.height / 72).toFixed(4)}]`));
  input.links.forEach((l, k) => {
    // The id names the link: Graphviz's own edge numbering need not follow the input order.
    out.push(`${q(input.ids[l.from]!)} -> ${q(input.ids[l.to]!)} [id="e${k}" label=${q(` ${l.label}`)} weight=${l.weight}${l.minlen > 1 ? ` minlen=${l.minlen}` : ''}]`);
  });
  out.push('}');
  return out.join('\n');
}

/** Lays the graph out top-down (callers above callees) with Graphviz dot, as pprof -http does. */
export async function layoutCallGraph(g: CallGraph): Promise<GraphLayout> {
  const input = layoutInput(g);
  const gv = await graphviz();
  const json = JSON.parse(gv.layout(layoutDot(input), 'json', 'dot')) as GraphvizJson;
  const [, , bw, bh] = json.bb.split(',').map(Number) as [number, number, number, number];
  const flip = (p: { x: number; y: number }) => ({ x: p.x, y: bh - p.y });
  const byName = new Map<string, { x: number; y: number }>();
  for (const o of json.objects ?? []) if (o.pos) byName.set(o.name, flip(points(o.pos)[0]!));
  input.boxes.forEach((b, i) => {
    const c = byName.get(input.ids[i]!);
    if (!c) throw new Error(`graph layout: Graphviz placed no box ${input.ids[i]}`);
    b.x = c.x;
    b.y = c.y;
  });
  const edges: LaidOutEdge[] = [];
  for (const e of json.edges ?? []) {
    const link = e.id?.startsWith('e') ? input.links[Number(e.id.slice(1))] : undefined;
    if (!link || !e.pos) continue;
    // "e,X,Y p0 p1 ...": a cubic B-spline's control points, then where the arrow head ends.
    const parts = e.pos.trim().split(/\s+/);
    let end: { x: number; y: number } | null = null;
    if (parts[0]!.startsWith('e,')) {
      const [, x, y] = parts.shift()!.split(',');
      end = flip({ x: Number(x), y: Number(y) });
    }
    if (parts[0]?.startsWith('s,')) parts.shift();
    const pts = points(parts.join(' ')).map(flip);
    if (end) pts.push(end);
    const lp = e.lp ? flip(points(e.lp)[0]!) : pts[Math.floor(pts.length / 2)]!;
    edges.push({ edge: link.edge, points: pts, label: link.label, color: link.color, width: link.width, residual: link.residual, inline: link.inline, labelX: lp.x, labelY: lp.y, spline: end !== null });
  }
  return { width: bw, height: bh, boxes: input.boxes, edges };
}
