// The call graph of `go tool pprof -dot`, built as pprof's report.newTrimmedGraph builds it:
// graph.New over the samples, nodes under -nodefraction of the total dropped (their edges
// become residual "..." edges), nodes sorted by pprof's entropy score, the top -nodecount kept
// (counting each node's tag boxes), edges under -edgefraction dropped, redundant residual edges
// removed. Tags ("nodelets") are the sample's string labels and its "bytes" numeric label.
// formatDot prints it as graph.ComposeDot does, byte for byte.

import { baseName } from '../lib/gopath';
import { label as unitLabel, percentage, scale, scaledLabel } from '../lib/units';
import type { Profile, ValueType } from '../model/profile';
import { mapNodes, type Granularity, type NodeMap } from './nodes';
import { PairIndex } from './pairIndex';
import { computeTotal, profileLabels, selectOutputUnit } from './top';

export interface CallGraphOptions {
  sampleIndex: number;
  granularity: Granularity;
  /** pprof -nodecount; pprof's -dot default is 80; 0 keeps every node. */
  nodeCount?: number;
  /** pprof -nodefraction (default 0.005). */
  nodeFraction?: number;
  /** pprof -edgefraction (default 0.001). */
  edgeFraction?: number;
  /** The total percentages are of (before tag filters), as in top.ts. */
  total?: number;
  activeFilters?: string[];
  timeZone?: string;
}

/** One tag box under a node: a label set, a numeric value or a range of them. */
export interface Nodelet {
  /** DOT id without the leading "N": "1_0", "N1_0_2" (numeric under a label nodelet). */
  id: string;
  /** The id of what it hangs from: "N1" or "N1_0". */
  source: string;
  name: string;
  weight: number;
  dotted: boolean;
}

export interface CallGraphNode {
  /** pprof's PrintableName, e.g. "net/http.(*conn).serve". */
  name: string;
  funcName: string;
  file: string;
  /** Line number at lines/addresses granularity, else 0. */
  line: number;
  /** The source file of the node's function whatever the granularity ("" when unknown), for tooltips. */
  sourceFile: string;
  flat: number;
  cum: number;
  nodelets: Nodelet[];
}

export interface CallGraphEdge {
  /** Indices into nodes. */
  src: number;
  dst: number;
  weight: number;
  inline: boolean;
  residual: boolean;
}

export interface CallGraph {
  /** The DOT graph's name: the first mapping's file name, or "". */
  title: string;
  sampleType: ValueType;
  total: number;
  outputUnit: string;
  /** The legend lines, as pprof prints them (the last begins with a newline). */
  legend: string[];
  /** In pprof's order: node i is DOT's N(i+1). */
  nodes: CallGraphNode[];
  /** In pprof's order (weight, then source and destination names). */
  edges: CallGraphEdge[];
  droppedNodes: number;
  droppedEdges: number;
  /** Nodes before -nodecount. */
  origCount: number;
}

interface Tag {
  name: string;
  unit: string;
  value: number;
  flat: number;
  cum: number;
}

/** One graph.New: values, edges and tags of the nodes of a NodeMap, optionally restricted. */
interface Built {
  /** Node ids (into the NodeMap) with a non-zero flat or cum, in build order. */
  nodes: number[];
  flat: Float64Array;
  cum: Float64Array;
  eSrc: number[];
  eDst: number[];
  eWeight: number[];
  eResidual: boolean[];
  eInline: boolean[];
  eAlive: boolean[];
  labelTags: Map<string, Tag>[] | null;
  /** Per node: label set -> numeric tag name -> tag. */
  numericTags: Map<string, Map<string, Tag>>[] | null;
}

function addTag(m: Map<string, Tag>, name: string, unit: string, value: number, w: number, flat: boolean): void {
  let t = m.get(name);
  if (!t) {
    t = { name, unit, value, flat: 0, cum: 0 };
    m.set(name, t);
  }
  if (flat) t.flat += w;
  else t.cum += w;
}

/**
 * Per sample, the id of its tag set: its string labels joined as pprof's joinLabels, and its
 * "bytes" values with their names (formatted once per distinct value).
 */
interface SampleTags {
  sampleSet: Int32Array;
  /** Per tag set: the joined labels ("" for none), the bytes values and their names. */
  labels: string[];
  bytes: number[][];
  bytesNames: string[][];
  bytesUnit: string;
}

function sampleTags(p: Profile): SampleTags | null {
  const { labels, strings, samples } = p;
  if (labels.length === 0) return null;
  const perSample: Array<{ lab: string; bytes: number[] }> = new Array(samples.length);
  let bytesUnit = '';
  let any = false;
  for (let s = 0; s < samples.length; s++) {
    const parts: string[] = [];
    const b: number[] = [];
    for (let i = samples.labelStart[s]!; i < samples.labelStart[s + 1]!; i++) {
      const key = strings[labels.key[i]!]!;
      if (labels.str[i]! > 0) {
        if (key !== 'pprof::base') parts.push(`${key}:${strings[labels.str[i]!]!}`);
      } else if (key === 'bytes') {
        b.push(labels.num[i]!);
        const u = labels.numUnit[i]! > 0 ? strings[labels.numUnit[i]!]! : '';
        if (u !== '' && bytesUnit === '') bytesUnit = u;
      }
    }
    parts.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    perSample[s] = { lab: parts.join('\\n'), bytes: b };
    if (parts.length > 0 || b.length > 0) any = true;
  }
  if (!any) return null;
  const unit = bytesUnit === '' ? 'bytes' : bytesUnit;
  const names = new Map<number, string>();
  const nameOf = (v: number) => {
    let name = names.get(v);
    if (name === undefined) {
      name = scaledLabel(v, unit, 'minimum');
      names.set(v, name);
    }
    return name;
  };
  const setIds = new Map<string, number>();
  const out: SampleTags = { sampleSet: new Int32Array(samples.length), labels: [], bytes: [], bytesNames: [], bytesUnit: unit };
  for (let s = 0; s < samples.length; s++) {
    const { lab, bytes } = perSample[s]!;
    const key = `${lab}\u0000${bytes.join(',')}`;
    let id = setIds.get(key);
    if (id === undefined) {
      id = out.labels.length;
      setIds.set(key, id);
      out.labels.push(lab);
      out.bytes.push(bytes);
      out.bytesNames.push(bytes.map(nameOf));
    }
    out.sampleSet[s] = id;
  }
  return out;
}

function build(p: Profile, nm: NodeMap, sampleIndex: number, tags: SampleTags | null, kept: Uint8Array | null): Built {
  const n = nm.nodes.length;
  const { samples } = p;
  const values = samples.values[sampleIndex]!;
  const { locNodeStart, locNodes } = nm;
  const flat = new Float64Array(n);
  const cum = new Float64Array(n);
  const seenNode = new Int32Array(n).fill(-1);
  const edgeIndex = new PairIndex(n * 4);
  const eSrc: number[] = [];
  const eDst: number[] = [];
  const eWeight: number[] = [];
  const eResidual: boolean[] = [];
  const eInline: boolean[] = [];
  const eSeen: number[] = [];
  // Tag weights per (node, tag set), turned into pprof's tag maps after the samples.
  const tagIndex = tags ? new PairIndex(n * 4) : null;
  const tagNode: number[] = [];
  const tagSet: number[] = [];
  const tagFlat: number[] = [];
  const tagCum: number[] = [];
  const { stackStart, stack } = samples;
  // Most frames meet the same caller as last time: a one-entry cache per position in the
  // location table saves the hash lookup.
  const slotParent = new Int32Array(locNodes.length).fill(-1);
  const slotEdge = new Int32Array(locNodes.length);

  const addSample = (node: number, s: number, w: number, isFlat: boolean) => {
    if (isFlat) flat[node] += w;
    else cum[node] += w;
    if (!tags) return;
    const set = tags.sampleSet[s]!;
    let t = tagIndex!.get(node, set);
    if (t < 0) {
      t = tagNode.length;
      tagIndex!.add(node, set, t);
      tagNode.push(node);
      tagSet.push(set);
      tagFlat.push(0);
      tagCum.push(0);
    }
    if (isFlat) tagFlat[t] += w;
    else tagCum[t] += w;
  };

  for (let s = 0; s < samples.length; s++) {
    const w = values[s]!;
    if (w === 0) continue;
    let parent = -1;
    let residual = false;
    for (let i = stackStart[s + 1]! - 1; i >= stackStart[s]!; i--) {
      const loc = stack[i]!;
      const first = locNodeStart[loc]!;
      const last = locNodeStart[loc + 1]! - 1;
      for (let ni = last; ni >= first; ni--) {
        const node = locNodes[ni]!;
        if (kept && !kept[node]) {
          residual = true;
          continue;
        }
        if (seenNode[node] !== s) {
          seenNode[node] = s;
          addSample(node, s, w, false);
        }
        if (parent >= 0 && node !== parent) {
          let e = slotParent[ni] === parent ? slotEdge[ni]! : edgeIndex.get(parent, node);
          if (e < 0) {
            e = eSrc.length;
            edgeIndex.add(parent, node, e);
            eSrc.push(parent);
            eDst.push(node);
            eWeight.push(0);
            eResidual.push(residual);
            eInline.push(ni !== last);
            eSeen.push(-1);
            eSeen[e] = s;
            eWeight[e] = w;
          } else if (eSeen[e] !== s) {
            eSeen[e] = s;
            eWeight[e] += w;
            if (residual) eResidual[e] = true;
            if (ni === last) eInline[e] = false;
          }
          slotParent[ni] = parent;
          slotEdge[ni] = e;
        }
        parent = node;
        residual = false;
      }
    }
    if (parent >= 0 && !residual) addSample(parent, s, w, true);
  }

  let labelTags: Map<string, Tag>[] | null = null;
  let numericTags: Map<string, Map<string, Tag>>[] | null = null;
  if (tags) {
    labelTags = Array.from({ length: n }, () => new Map<string, Tag>());
    numericTags = Array.from({ length: n }, () => new Map<string, Map<string, Tag>>());
    for (let t = 0; t < tagNode.length; t++) {
      const node = tagNode[t]!;
      const set = tagSet[t]!;
      const lab = tags.labels[set]!;
      const add = (m: Map<string, Tag>, name: string, unit: string, value: number) => {
        addTag(m, name, unit, value, tagFlat[t]!, true);
        addTag(m, name, unit, value, tagCum[t]!, false);
      };
      if (lab !== '') add(labelTags[node]!, lab, '', 0);
      const values = tags.bytes[set]!;
      if (values.length === 0) continue;
      let nt = numericTags[node]!.get(lab);
      if (!nt) {
        nt = new Map();
        numericTags[node]!.set(lab, nt);
      }
      const names = tags.bytesNames[set]!;
      for (let i = 0; i < values.length; i++) add(nt, names[i]!, tags.bytesUnit, values[i]!);
    }
  }

  const nodes: number[] = [];
  for (let i = 0; i < n; i++) if (cum[i] !== 0 || flat[i] !== 0) nodes.push(i);
  return {
    nodes,
    flat,
    cum,
    eSrc,
    eDst,
    eWeight,
    eResidual,
    eInline,
    eAlive: eSrc.map(() => true),
    labelTags,
    numericTags,
  };
}

/** Go's math.Log2: exact for powers of two, Log(frac)/Ln2 + exp otherwise. */
function goLog2(x: number): number {
  if (x <= 0 || !Number.isFinite(x)) return Math.log2(x);
  let exp = Math.floor(Math.log2(x)) + 1;
  let frac = x / 2 ** exp;
  // Guard Math.log2 rounding at the edges so that frac is in [0.5, 1).
  if (frac >= 1) {
    frac /= 2;
    exp++;
  } else if (frac < 0.5) {
    frac *= 2;
    exp--;
  }
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * (1 / Math.LN2) + exp;
}

/** Edges in and out of each node, alive ones only. */
function adjacency(g: Built): { ins: number[][]; outs: number[][] } {
  const n = g.flat.length;
  const ins: number[][] = Array.from({ length: n }, () => []);
  const outs: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < g.eSrc.length; e++) {
    if (!g.eAlive[e]) continue;
    outs[g.eSrc[e]!]!.push(e);
    ins[g.eDst[e]!]!.push(e);
  }
  return { ins, outs };
}

function edgeEntropyScore(g: Built, edges: number[], self: number): number {
  let score = 0;
  let total = self;
  for (const e of edges) if (g.eWeight[e]! > 0) total += Math.abs(g.eWeight[e]!);
  if (total !== 0) {
    for (const e of edges) {
      const frac = Math.abs(g.eWeight[e]!) / total;
      score += -frac * goLog2(frac);
    }
    if (self > 0) {
      const frac = Math.abs(self) / total;
      score += -frac * goLog2(frac);
    }
  }
  return score;
}

/** pprof's EntropyOrder over g.nodes, in place. */
function sortEntropy(g: Built, nm: NodeMap): void {
  const { ins, outs } = adjacency(g);
  const score = new Map<number, number>();
  for (const node of g.nodes) {
    let s = 0;
    s += ins[node]!.length === 0 ? 1 : edgeEntropyScore(g, ins[node]!, 0);
    s += outs[node]!.length === 0 ? 1 : edgeEntropyScore(g, outs[node]!, g.flat[node]!);
    score.set(node, Math.trunc(s * g.cum[node]!) + g.flat[node]!);
  }
  const { name, infoString } = nm.nodes;
  g.nodes.sort((a, b) => {
    const sa = Math.abs(score.get(a)!);
    const sb = Math.abs(score.get(b)!);
    if (sa !== sb) return sb - sa;
    if (name[a] !== name[b]) return name[a]! < name[b]! ? -1 : 1;
    const fa = Math.abs(g.flat[a]!);
    const fb = Math.abs(g.flat[b]!);
    if (fa !== fb) return fb - fa;
    return infoString[a]! < infoString[b]! ? -1 : infoString[a]! > infoString[b]! ? 1 : 0;
  });
}

function trimTagMap(m: Map<string, Tag>, cutoff: number): Map<string, Tag> {
  const kept = new Map<string, Tag>();
  for (const [k, t] of m) if (Math.abs(t.flat) >= cutoff || Math.abs(t.cum) >= cutoff) kept.set(k, t);
  return kept;
}

function trimTags(g: Built, cutoff: number): void {
  if (!g.labelTags || !g.numericTags) return;
  for (const node of g.nodes) {
    g.labelTags[node] = trimTagMap(g.labelTags[node]!, cutoff);
    const nt = g.numericTags[node]!;
    for (const [k, m] of nt) nt.set(k, trimTagMap(m, cutoff));
  }
}

function trimEdges(g: Built, cutoff: number): number {
  let dropped = 0;
  for (let e = 0; e < g.eSrc.length; e++) {
    if (g.eAlive[e] && Math.abs(g.eWeight[e]!) < cutoff) {
      g.eAlive[e] = false;
      dropped++;
    }
  }
  return dropped;
}

function countTags(g: Built, node: number): number {
  if (!g.labelTags || !g.numericTags) return 0;
  let count = 0;
  for (const t of g.labelTags[node]!.values()) if (t.flat !== 0) count++;
  for (const m of g.numericTags[node]!.values()) for (const t of m.values()) if (t.flat !== 0) count++;
  return count;
}

const maxNodelets = 4;

function selectTopNodes(g: Built, maxNodes: number): number[] {
  let max = maxNodes;
  let count = 0;
  for (let i = 0; i < g.nodes.length; i++) {
    const tags = Math.min(countTags(g, g.nodes[i]!), maxNodelets);
    count += tags + 1;
    if (count >= max) {
      max = i + 1;
      break;
    }
  }
  return g.nodes.slice(0, Math.min(max, g.nodes.length));
}

/** pprof's edgeList order: |weight| descending, then source and destination names. */
function edgeOrder(g: Built, nm: NodeMap): (a: number, b: number) => number {
  const { name } = nm.nodes;
  return (a, b) => {
    const wa = g.eWeight[a]!;
    const wb = g.eWeight[b]!;
    if (wa !== wb) return Math.abs(wb) - Math.abs(wa);
    const sa = name[g.eSrc[a]!]!;
    const sb = name[g.eSrc[b]!]!;
    if (sa !== sb) return sa < sb ? -1 : 1;
    const da = name[g.eDst[a]!]!;
    const db = name[g.eDst[b]!]!;
    return da < db ? -1 : da > db ? 1 : 0;
  };
}

function removeRedundantEdges(g: Built, nm: NodeMap): void {
  const order = edgeOrder(g, nm);
  // Incoming edges per node, computed once; removed edges are skipped through eAlive.
  const { ins } = adjacency(g);
  const isRedundant = (e: number): boolean => {
    const src = g.eSrc[e]!;
    const seen = new Set<number>([g.eDst[e]!]);
    const queue = [g.eDst[e]!];
    for (let q = 0; q < queue.length; q++) {
      for (const ie of ins[queue[q]!]!) {
        if (!g.eAlive[ie] || ie === e || seen.has(g.eSrc[ie]!)) continue;
        if (g.eSrc[ie] === src) return true;
        seen.add(g.eSrc[ie]!);
        queue.push(g.eSrc[ie]!);
      }
    }
    return false;
  };
  for (let i = g.nodes.length; i > 0; i--) {
    const inEdges = ins[g.nodes[i - 1]!]!.filter((e) => g.eAlive[e]).sort(order);
    for (let j = inEdges.length; j > 0; j--) {
      const e = inEdges[j - 1]!;
      if (!g.eResidual[e]) break;
      if (isRedundant(e)) g.eAlive[e] = false;
    }
  }
}

function sortTags(ts: Tag[], flat: boolean): Tag[] {
  return ts.sort((a, b) => {
    if (!flat && a.cum !== b.cum) return Math.abs(b.cum) - Math.abs(a.cum);
    if (a.flat !== b.flat) return Math.abs(b.flat) - Math.abs(a.flat);
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

function tagDistance(t: Tag, u: Tag): number {
  const [v] = scale(u.value, u.unit, t.unit);
  return v < t.value ? t.value - v : v - t.value;
}

function collapsedTags(ts: Tag[], count: number, flatTags: boolean): Tag[] {
  ts = sortTags(ts, flatTags);
  if (ts.length <= count) return ts;
  const groups: Tag[][] = ts.slice(0, count).map((t) => [t]);
  for (const t of ts.slice(count)) {
    let g = 0;
    let d = tagDistance(t, groups[0]![0]!);
    for (let i = 1; i < count; i++) {
      const nd = tagDistance(t, groups[i]![0]!);
      if (nd < d) {
        g = i;
        d = nd;
      }
    }
    groups[g]!.push(t);
  }
  const out: Tag[] = groups.map((g) => {
    if (g.length === 1) {
      const t = g[0]!;
      return { name: unitLabel(t.value, t.unit), unit: '', value: 0, flat: t.flat, cum: t.cum };
    }
    let min = g[0]!;
    let max = g[0]!;
    let f = min.flat;
    let c = min.cum;
    for (const t of g.slice(1)) {
      if (Math.trunc(scale(t.value, t.unit, min.unit)[0]) < min.value) min = t;
      if (Math.trunc(scale(t.value, t.unit, max.unit)[0]) > max.value) max = t;
      f += t.flat;
      c += t.cum;
    }
    return { name: `${unitLabel(min.value, min.unit)}..${unitLabel(max.value, max.unit)}`, unit: '', value: 0, flat: f, cum: c };
  });
  return sortTags(out, flatTags);
}

function numericNodelets(nts: Tag[], flatTags: boolean, source: string): Nodelet[] {
  const out: Nodelet[] = [];
  collapsedTags(nts, maxNodelets, flatTags).forEach((t, j) => {
    let w = t.cum;
    let dotted = true;
    if (flatTags || t.flat === t.cum) {
      w = t.flat;
      dotted = false;
    }
    if (w !== 0) out.push({ id: `${source}_${j}`, source, name: t.name, weight: w, dotted });
  });
  return out;
}

function nodeletsOf(g: Built, node: number, id: number, hasOut: boolean): Nodelet[] {
  if (!g.labelTags || !g.numericTags) return [];
  const out: Nodelet[] = [];
  const flatTags = hasOut;
  let ts = sortTags([...g.labelTags[node]!.values()], flatTags);
  if (ts.length > maxNodelets) ts = ts.slice(0, maxNodelets);
  const lnts = g.numericTags[node]!;
  ts.forEach((t, i) => {
    const w = flatTags ? t.flat : t.cum;
    if (w === 0) return;
    out.push({ id: `${id}_${i}`, source: `N${id}`, name: t.name, weight: w, dotted: false });
    const nts = lnts.get(t.name);
    if (nts && nts.size > 0) out.push(...numericNodelets([...nts.values()], flatTags, `N${id}_${i}`));
  });
  const plain = lnts.get('');
  if (plain && plain.size > 0) out.push(...numericNodelets([...plain.values()], flatTags, `N${id}`));
  return out;
}

/** The first source file named by a line of each graph node (pos: NodeMap node -> graph index or -1). */
function sourceFiles(p: Profile, nm: NodeMap, pos: Int32Array): string[] {
  const out: string[] = [];
  let count = 0;
  for (let i = 0; i < pos.length; i++) if (pos[i]! >= 0) count++;
  out.length = count;
  out.fill('');
  const { locations, lines, functions, strings } = p;
  for (let l = 0; l < locations.length; l++) {
    const first = nm.locNodeStart[l]!;
    const begin = locations.lineStart[l]!;
    const end = locations.lineStart[l + 1]!;
    for (let i = begin; i < end; i++) {
      const at = pos[nm.locNodes[first + (i - begin)]!]!;
      const f = lines.func[i]!;
      if (at < 0 || f < 0 || out[at] !== '') continue;
      out[at] = strings[functions.filename[f]!]!;
    }
  }
  return out;
}

/** The graph `go tool pprof -dot` draws, with the same nodes, edges, tags and legend. */
export function computeCallGraph(p: Profile, opts: CallGraphOptions, nodeMap?: NodeMap): CallGraph {
  const sampleType = p.sampleTypes[opts.sampleIndex];
  if (!sampleType) throw new Error(`sample index ${opts.sampleIndex} out of range`);
  const nm = nodeMap ?? mapNodes(p, opts.granularity);
  const nodeFraction = opts.nodeFraction ?? 0.005;
  const edgeFraction = opts.edgeFraction ?? 0.001;
  const nodeCount = opts.nodeCount ?? 80;
  const total = opts.total ?? computeTotal(p, opts.sampleIndex);
  const tags = sampleTags(p);
  const n = nm.nodes.length;

  let g = build(p, nm, opts.sampleIndex, tags, null);
  let totalValue = 0;
  for (const node of g.nodes) totalValue += g.flat[node]!;
  const nodeCutoff = Math.abs(Math.trunc(totalValue * nodeFraction));
  const edgeCutoff = Math.abs(Math.trunc(totalValue * edgeFraction));

  let droppedNodes = 0;
  if (nodeCutoff > 0) {
    const kept = new Uint8Array(n);
    let keptCount = 0;
    for (const node of g.nodes) {
      if (Math.abs(g.cum[node]!) >= nodeCutoff) {
        kept[node] = 1;
        keptCount++;
      }
    }
    droppedNodes = g.nodes.length - keptCount;
    g = build(p, nm, opts.sampleIndex, tags, kept);
  }
  const origCount = g.nodes.length;
  sortEntropy(g, nm);
  if (nodeCount > 0) {
    trimTags(g, nodeCutoff);
    trimEdges(g, edgeCutoff);
    const top = selectTopNodes(g, nodeCount);
    if (top.length !== g.nodes.length) {
      const kept = new Uint8Array(n);
      for (const node of top) kept[node] = 1;
      g = build(p, nm, opts.sampleIndex, tags, kept);
      sortEntropy(g, nm);
    }
  }
  trimTags(g, nodeCutoff);
  const droppedEdges = trimEdges(g, edgeCutoff);
  removeRedundantEdges(g, nm);

  // The graph in pprof's order.
  const pos = new Int32Array(n).fill(-1);
  g.nodes.forEach((node, i) => (pos[node] = i));
  const { outs } = adjacency(g);
  const sourceFile = sourceFiles(p, nm, pos);
  const nodes: CallGraphNode[] = g.nodes.map((node, i) => ({
    name: nm.nodes.name[node]!,
    funcName: nm.nodes.funcName[node]!,
    file: nm.nodes.file[node]!,
    line: nm.nodes.line[node]!,
    sourceFile: sourceFile[i]!,
    flat: g.flat[node]!,
    cum: g.cum[node]!,
    nodelets: nodeletsOf(g, node, i + 1, outs[node]!.length > 0),
  }));
  const edgeIds: number[] = [];
  for (let e = 0; e < g.eSrc.length; e++) {
    if (g.eAlive[e] && pos[g.eSrc[e]!]! >= 0 && pos[g.eDst[e]!]! >= 0) edgeIds.push(e);
  }
  edgeIds.sort(edgeOrder(g, nm));
  const edges: CallGraphEdge[] = edgeIds.map((e) => ({
    src: pos[g.eSrc[e]!]!,
    dst: pos[g.eDst[e]!]!,
    weight: g.eWeight[e]!,
    inline: g.eInline[e]!,
    residual: g.eResidual[e]!,
  }));

  const rows = { flat: Float64Array.from(nodes, (x) => x.flat), cum: Float64Array.from(nodes, (x) => x.cum) };
  const outputUnit = selectOutputUnit(rows, nodes.length, total, sampleType.unit);
  const fmt = (v: number) => scaledLabel(v, sampleType.unit, outputUnit);
  const legend = profileLabels(p, sampleType, total, fmt, opts.timeZone);
  if (opts.activeFilters) legend.push(...opts.activeFilters);
  let flatSum = 0;
  for (const x of nodes) flatSum += x.flat;
  legend.push(`Showing nodes accounting for ${fmt(flatSum)}, ${percentage(flatSum, total).trim()} of ${fmt(total)} total`);
  if (total !== 0) {
    if (droppedNodes > 0) {
      legend.push(`Dropped ${droppedNodes} node${droppedNodes > 1 ? 's' : ''} (cum <= ${fmt(Math.abs(Math.trunc(total * nodeFraction)))})`);
    }
    if (droppedEdges > 0) {
      legend.push(`Dropped ${droppedEdges} edge${droppedEdges > 1 ? 's' : ''} (freq <= ${fmt(Math.abs(Math.trunc(total * edgeFraction)))})`);
    }
    if (nodes.length > 0 && nodes.length < origCount) legend.push(`Showing top ${nodes.length} nodes out of ${origCount}`);
  }
  legend.push('\nSee https://git.io/JfYMW for how to read the graph');

  const m0 = p.mappings[0];
  return {
    title: m0 && m0.file !== '' ? baseName(m0.file) : '',
    sampleType,
    total,
    outputUnit,
    legend,
    nodes,
    edges,
    droppedNodes,
    droppedEdges,
    origCount,
  };
}

const javaRegExp = /^(?:[a-z]\w*\.)*([A-Z][\w$]*\.(?:<init>|[a-z][\w$]*(?:\$\d+)?))(?:(?:\()|$)/;
const goRegExp = /^(?:[\w\-.]+\/)+(.+)/;
const goVerRegExp = /^(.*?)\/v(?:[2-9]|[1-9][0-9]+)([./].*)$/;
const cppRegExp = /^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?)/;
const cppAnonymousPrefixRegExp = /^\(anonymous namespace\)::/;

/** pprof's graph.ShortenFunctionName: "net/http.(*conn).serve" -> "http.(*conn).serve". */
export function shortenFunctionName(f: string): string {
  f = f.replace(cppAnonymousPrefixRegExp, '');
  f = f.replace(goVerRegExp, '$1$2');
  for (const re of [goRegExp, javaRegExp, cppRegExp]) {
    const m = re.exec(f);
    if (m && m.length >= 2) return m.slice(1).map((s) => s ?? '').join('');
  }
  return f;
}

/** pprof's escapeForDot. */
export function escapeForDot(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\l');
}

/** The lines of a node's box, as pprof's multilinePrintableName (without the values). */
export function nodeLabelLines(node: Pick<CallGraphNode, 'funcName' | 'file' | 'name' | 'line'>): string[] {
  // Rebuild NameComponents with the short, split name and the file's base name.
  let name = escapeForDot(shortenFunctionName(node.funcName));
  name = name.replace(/::/g, '\\n').replace(/\[\.\.\.\]/g, '[…]').replace(/\./g, '\\n');
  const parts: string[] = [];
  const addr = /^[0-9a-f]{16}(?= |$)/.exec(node.name);
  if (addr) parts.push(addr[0]);
  if (name !== '') parts.push(name);
  const file = node.file !== '' ? baseName(node.file) : '';
  if (node.line !== 0) parts.push(`${file}:${node.line}`);
  else if (file !== '') parts.push(file);
  else if (node.funcName !== '') {
    // the name alone
  } else {
    // "[binary]" or "<unknown>": the printable name is exactly that component.
    parts.push(node.name.replace(/^[0-9a-f]{16} /, ''));
  }
  return parts.join('\\n').split('\\n');
}

/** pprof's dotColor. */
export function dotColor(score: number, isBackground: boolean): string {
  const shift = 0.7;
  let saturation = isBackground ? 0.1 : 1.0;
  const value = isBackground ? 0.93 : 0.7;
  score = Math.max(-1.0, Math.min(1.0, score));
  if (Math.abs(score) < 0.2) saturation *= Math.abs(score) / 0.2;
  if (score > 0) score = Math.pow(score, 1.0 - shift);
  if (score < 0) score = -Math.pow(-score, 1.0 - shift);
  let r: number;
  let g: number;
  if (score < 0) {
    g = value;
    r = value * (1 + saturation * score);
  } else {
    r = value;
    g = value * (1 - saturation * score);
  }
  const b = value * (1 - saturation);
  const hex = (x: number) => (Math.trunc(x * 255.0) & 0xff).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** Go's int64 a/b (truncated), exact for the magnitudes profiles hold. */
function intDiv(a: number, b: number): number {
  let q = Math.trunc(a / b);
  if (Math.abs(q * b) > Math.abs(a)) q -= Math.sign(q) || 0;
  return q;
}

/** pprof's font size for a node: 8 to 24 by the square root of its share of the largest flat. */
export function nodeFontSize(flat: number, maxFlat: number): number {
  let size = 8;
  if (maxFlat !== 0 && flat !== 0 && Math.abs(flat) <= maxFlat) size += Math.ceil(16.0 * Math.sqrt(Math.abs(flat) / maxFlat));
  return size;
}

/** The label text of a node box, in DOT's escapes ("\n" line breaks). */
export function nodeDotLabel(g: CallGraph, node: CallGraphNode): string {
  const fmt = (v: number) => scaledLabel(v, g.sampleType.unit, g.outputUnit);
  let label = `${nodeLabelLines(node).join('\\n')}\\n`;
  const { flat, cum } = node;
  label += flat !== 0 ? `${fmt(flat)} (${percentage(flat, g.total).trim()})` : '0';
  if (cum !== flat) label += `${flat !== 0 ? '\\n' : ' '}of ${fmt(cum)} (${percentage(cum, g.total).trim()})`;
  return label;
}

/** The DOT text `go tool pprof -dot` prints for this graph. */
export function formatDot(g: CallGraph): string {
  const out: string[] = [];
  const fmt = (v: number) => scaledLabel(v, g.sampleType.unit, g.outputUnit);
  out.push(`digraph "${g.title !== '' ? g.title : 'unnamed'}" {`);
  out.push('node [style=filled fillcolor="#f8f8f8"]');
  if (g.legend.length > 0) {
    let legend = `subgraph cluster_L { "${escapeForDot(g.legend[0]!)}" [shape=box fontsize=16`;
    legend += ` label="${g.legend.map(escapeForDot).join('\\l')}\\l"`;
    if (g.title !== '') legend += ` tooltip="${g.title}"`;
    out.push(`${legend}] }`);
  }
  if (g.nodes.length > 0) {
    let maxFlat = Math.abs(g.nodes[0]!.flat);
    for (const x of g.nodes) maxFlat = Math.max(maxFlat, Math.abs(x.flat));
    const total = Math.abs(g.total);
    const hasNodelets: boolean[] = [];
    g.nodes.forEach((node, i) => {
      const id = i + 1;
      const cumValue = node.cum !== node.flat ? fmt(node.cum) : fmt(node.flat);
      out.push(
        `N${id} [label="${nodeDotLabel(g, node)}" id="node${id}" fontsize=${nodeFontSize(node.flat, maxFlat)} shape=box` +
          ` tooltip="${escapeForDot(node.name)} (${cumValue})" color="${dotColor(node.cum / total, false)}" fillcolor="${dotColor(node.cum / total, true)}"]`,
      );
      for (const t of node.nodelets) {
        const w = fmt(t.weight);
        out.push(`N${t.id} [label = "${t.name}" id="N${t.id}" fontsize=8 shape=box3d tooltip="${w}"]`);
        out.push(`${t.source} -> N${t.id} [label=" ${w}" weight=100 tooltip="${w}" labeltooltip="${w}"${t.dotted ? ' style="dotted"' : ''}]`);
      }
      hasNodelets.push(node.nodelets.length > 0);
    });
    for (const e of g.edges) {
      const w = fmt(e.weight);
      let attr = `label=" ${w}${e.inline ? '\\n (inline)' : ''}"`;
      if (g.total !== 0) {
        const weight = 1 + Math.min(Math.abs(intDiv(e.weight * 100, g.total)), 100);
        if (weight > 1) attr += ` weight=${weight}`;
        const width = 1 + Math.min(Math.abs(intDiv(e.weight * 5, g.total)), 5);
        if (width > 1) attr += ` penwidth=${width}`;
        attr += ` color="${dotColor(e.weight / total, false)}"`;
      }
      const arrow = e.residual ? '...' : '->';
      const tooltip = `"${escapeForDot(g.nodes[e.src]!.name)} ${arrow} ${escapeForDot(g.nodes[e.dst]!.name)} (${w})"`;
      attr += ` tooltip=${tooltip} labeltooltip=${tooltip}`;
      if (e.residual) attr += ' style="dotted"';
      if (hasNodelets[e.src]) attr += ' minlen=2';
      out.push(`N${e.src + 1} -> N${e.dst + 1} [${attr}]`);
    }
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
