// One loaded file inside the worker and the derivations the page asks of it. Node maps, call
// trees and the filtered profile are cached: switching back to a sample type, zooming or
// regrouping costs no new pass over the samples.

import { compileSkipList } from '../analysis/blockingSite';
import { catalogue } from '../knowledge/catalogue';
import { matchKnownBugs, undecidedWithoutWaits, type MatchInput } from '../knowledge/match';
import { matchInputFor } from '../knowledge/matchFile';
import { buildCallTree, matchedTotal, type CallTree } from '../analysis/callTree';
import { deriveFlame } from '../analysis/flame';
import { placeOfSample } from '../analysis/crashGroup';
import { groupGoroutines, type GoroutineGrouping } from '../analysis/goroutineGroups';
import { histogramSeries } from '../analysis/goroutineHistogram';
import { blockRate, type BlockRateResult } from '../analysis/blockRate';
import { mapNodes, type Granularity, type NodeMap } from '../analysis/nodes';
import { activeFilterPairs, applyFilter, type SampleFilter } from '../analysis/sampleFilter';
import { computeTop, computeTotal, type TopTable } from '../analysis/top';
import { computeCallGraph } from '../analysis/callGraph';
import { layoutCallGraph } from '../analysis/graphLayout';
import { activeFilterLines } from '../analysis/tagFilter';
import { compileSearch } from '../lib/search';
import type { GoroutineDump } from '../model/goroutines';
import type { Profile } from '../model/profile';
import type {
  CallName,
  CallReply,
  CallRequest,
  AnchorMiss,
  AnchorRequest,
  AnchorResult,
  KnownBugsRequest,
  KnownBugsResult,
  FlameRequestMsg,
  FlameResult,
  GoroutinesRequest,
  GoroutinesResult,
  SandwichRequest,
  SandwichResult,
  SearchRequest,
  SearchResult,
  StackRequest,
  StackResult,
  TopRequest,
  TopOrderRequest,
  GraphRequest,
  GraphResult,
} from './protocol';
import { rawGoroutineText } from './rawText';
import { findBucket, findGroup, findSampleType } from '../analysis/anchor';
import { findTreePath } from '../analysis/callTree';
import { computePeek } from '../analysis/peek';
import { buildCallerTree } from '../analysis/sandwich';
import { sampleFrames, sampleLabels } from '../analysis/sampleStack';
import { memberColumns, setFindings } from './setViews';
import { orderRows, type RowOrder } from '../analysis/topOrder';

interface Filtered {
  key: string;
  profile: Profile;
  keep: Uint8Array | null;
  kept: number;
  error: string | null;
  nodeMaps: Map<Granularity, NodeMap>;
  trees: Map<string, CallTree>;
}

/** Calls of the table a loaded file answers: one method per call, named as the call. */
export type FileCall = Exclude<CallName, 'load' | 'unpack' | 'identity' | 'compareLoad' | 'diffTop' | 'diffFlame' | 'growth'>;

type FileCalls = { [K in FileCall]: (req: CallRequest<K>) => CallReply<K> | Promise<CallReply<K>> };

/** A session over several files as one (a set): the members, each with its own session. */
export interface SetOf {
  names: string[];
  /** Member of each sample of the combined profile; null when profiles were merged (samples folded). */
  memberOfSample: Uint16Array | null;
  members: Session[];
}

export class Session implements FileCalls {
  private current: Filtered | null = null;
  private readonly baseNodeMaps = new Map<Granularity, NodeMap>();

  constructor(
    readonly profile: Profile,
    readonly dump: GoroutineDump | null,
    /** The dump's text (debug=2 only), to show a goroutine exactly as the runtime printed it. */
    private readonly text: Uint8Array | null,
    readonly set: SetOf | null = null,
  ) {}

  /** The profile with the filter applied (excluded samples valued 0), cached for one filter. */
  private filtered(filter: SampleFilter): Filtered {
    const key = JSON.stringify(filter);
    if (this.current?.key === key) return this.current;
    let profile = this.profile;
    let keep: Uint8Array | null = null;
    let kept = this.profile.samples.length;
    let error: string | null = null;
    const r = applyFilter(this.profile, filter);
    if (r.ok) {
      profile = r.profile;
      keep = r.keep;
      kept = r.kept;
    } else {
      error = r.error;
    }
    // Sample filters change values, never locations: node maps are shared with the unfiltered
    // view. pprof's refinements (hide, show, show_from, prune_from) change lines: maps of their own.
    const nodeMaps = profile.lines === this.profile.lines ? this.baseNodeMaps : new Map<Granularity, NodeMap>();
    this.current = { key, profile, keep, kept, error, nodeMaps, trees: new Map() };
    return this.current;
  }

  private nodeMapOf(f: Filtered, g: Granularity): NodeMap {
    if (f.nodeMaps === this.baseNodeMaps) return this.nodeMap(g);
    let nm = f.nodeMaps.get(g);
    if (!nm) {
      nm = mapNodes(f.profile, g);
      f.nodeMaps.set(g, nm);
    }
    return nm;
  }

  private nodeMap(g: Granularity): NodeMap {
    let nm = this.baseNodeMaps.get(g);
    if (!nm) {
      nm = mapNodes(this.profile, g);
      this.baseNodeMaps.set(g, nm);
    }
    return nm;
  }

  private lastTop: { key: string; table: TopTable } | null = null;

  /** The rows of the top table for the same request (computed again only if it changed). */
  topOrder(req: TopOrderRequest): RowOrder {
    const { rowFilter, sort, ...topReq } = req;
    const table = this.lastTop?.key === topKey(topReq) ? this.lastTop.table : this.top(topReq);
    return orderRows(table, rowFilter, sort);
  }

  top(req: TopRequest): TopTable {
    const f = this.filtered(req.filter);
    // Percentages stay of the whole profile, as with pprof's -tagfocus.
    const total = f.keep ? computeTotal(this.profile, req.sampleIndex) : undefined;
    // The tag filters are named in the header as pprof names them ("Active filters:").
    const activeFilters = f.keep ? activeFilterLines(activeFilterPairs(req.filter)) : [];
    const { nodefraction, edgefraction, nodecount } = req.filter;
    const table = computeTop(
      f.profile,
      { sampleIndex: req.sampleIndex, granularity: req.granularity, total, activeFilters, nodeFraction: nodefraction, edgeFraction: edgefraction, nodeCount: nodecount },
      this.nodeMapOf(f, req.granularity),
    );
    // Kept for topOrder with its own copies of the values: the reply's buffers move to the page.
    this.lastTop = { key: topKey(req), table: { ...table, rows: { ...table.rows, flat: table.rows.flat.slice(), cum: table.rows.cum.slice() } } };
    if (this.set) {
      // Each member's own table, every row kept (no node limits), read by the set's row names.
      const { nodefraction: _n, edgefraction: _e, nodecount: _c, ...unlimited } = req.filter;
      const tables = this.set.members.map((m) => m.top({ ...req, filter: unlimited }));
      table.members = memberColumns(table, this.set.names, tables);
    }
    return table;
  }

  /** pprof's -dot graph of the filtered samples (percentages of the whole profile, as top) and its layout. */
  async graph(req: GraphRequest): Promise<GraphResult> {
    const f = this.filtered(req.filter);
    const total = f.keep ? computeTotal(this.profile, req.sampleIndex) : undefined;
    const activeFilters = f.keep ? activeFilterLines(activeFilterPairs(req.filter)) : [];
    // The numbers apply as set; absent, pprof's -dot defaults (80 nodes, 0.005, 0.001).
    const { nodefraction, edgefraction, nodecount } = req.filter;
    const graph = computeCallGraph(
      f.profile,
      { sampleIndex: req.sampleIndex, granularity: req.granularity, total, activeFilters, nodeCount: nodecount, nodeFraction: nodefraction, edgeFraction: edgefraction },
      this.nodeMapOf(f, req.granularity),
    );
    return { graph, layout: await layoutCallGraph(graph) };
  }

  private tree(filter: SampleFilter, sampleIndex: number, focus: string | null): { tree: CallTree; nm: NodeMap } {
    const f = this.filtered(filter);
    const nm = this.nodeMapOf(f, 'functions');
    const key = `${sampleIndex}\u0000${focus ?? ''}`;
    let tree = f.trees.get(key);
    if (!tree) {
      const focusNode = focus === null ? -1 : nm.nodes.name.indexOf(focus);
      if (focus !== null && focusNode < 0) throw new Error(`no function named ${focus} in this profile`);
      tree = buildCallTree(f.profile, nm, { sampleIndex, focus: focusNode >= 0 ? focusNode : undefined });
      // Keep a handful of trees: each can be large.
      if (f.trees.size >= 6) f.trees.delete(f.trees.keys().next().value!);
      f.trees.set(key, tree);
    }
    return { tree, nm };
  }

  flame(req: FlameRequestMsg): FlameResult {
    const { tree, nm } = this.tree(req.filter, req.sampleIndex, req.focus);
    const view = deriveFlame(tree, {
      zoom: req.zoom,
      maxNodes: req.maxNodes,
      minFraction: req.minFraction,
      rootName: req.focus ?? 'root',
      frameName: (f) => nm.nodes.name[f]!,
      frameFile: (f) => nm.nodes.file[f]! || this.fileOfFunction(nm.nodes.name[f]!),
    });
    return { view, total: tree.total[0]!, sampleType: this.profile.sampleTypes[req.sampleIndex]!, focus: req.focus };
  }

  /**
   * Where a shared view or a pinned finding lands in this file, in the view its filter and
   * rules make: sample type by name, flame frame by path, group by (state, site), stack by its
   * frames. What is not found is listed and left at its default.
   */
  resolveAnchor(req: AnchorRequest): AnchorResult {
    const missed: AnchorMiss[] = [];
    let sampleIndex = req.sampleIndex;
    if (req.sampleType !== undefined) {
      const i = findSampleType(this.profile.sampleTypes, req.sampleType);
      if (i >= 0) sampleIndex = i;
      else missed.push({ what: 'sampleType', name: req.sampleType });
    }
    let focus: string | null = null;
    let zoom = 0;
    const path = req.path ?? [];
    if ((req.focus ?? null) !== null || path.length > 0) {
      try {
        const { tree, nm } = this.tree(req.filter, sampleIndex, req.focus ?? null);
        focus = req.focus ?? null;
        zoom = findTreePath(tree, (f) => nm.nodes.name[f]!, path);
        if (zoom < 0) {
          missed.push({ what: 'frame', name: path[path.length - 1] ?? '' });
          zoom = 0;
        }
      } catch {
        missed.push({ what: 'focus', name: req.focus ?? '' });
      }
    }
    let group: number | null = null;
    let bucket = 0;
    if (req.group && this.dump) {
      const g = findGroup(this.grouping(req.filter, req.skipList, req.groupBy ?? ''), req.group);
      if (!g) missed.push({ what: 'group', group: req.group });
      else {
        group = g.id;
        if (req.stack) {
          const b = findBucket(g, req.stack, (sample) => sampleFrames(this.profile, sample));
          if (b >= 0) bucket = b;
          else missed.push({ what: 'stack', group: req.group });
        }
      }
    } else if (req.group) missed.push({ what: 'group', group: req.group });
    return { sampleIndex, focus, zoom, group, bucket, missed };
  }

  private lastGrouping: { key: string; grouping: GoroutineGrouping } | null = null;

  /** The grouping a view with this filter, these rules and this label key shows (the last one is kept). */
  private grouping(filter: SampleFilter, skipList: string[], groupBy: string): GoroutineGrouping {
    const key = JSON.stringify([filter, skipList, groupBy]);
    if (this.lastGrouping?.key === key) return this.lastGrouping.grouping;
    const f = this.filtered(filter);
    const members = this.set?.memberOfSample ? { of: this.set.memberOfSample, count: this.set.names.length } : undefined;
    const grouping = groupGoroutines(this.dump!, compileSkipList(skipList), f.keep ?? undefined, groupBy, undefined, members);
    this.lastGrouping = { key, grouping };
    return grouping;
  }

  search(req: SearchRequest): SearchResult {
    const { tree, nm } = this.tree(req.filter, req.sampleIndex, req.focus);
    const matcher = compileSearch(req.pattern, req.regex);
    if (!matcher.ok) return { matched: 0, total: tree.total[0]!, functions: 0, error: matcher.error };
    const matches = new Uint8Array(nm.nodes.length);
    let functions = 0;
    for (let i = 0; i < nm.nodes.length; i++) {
      if (matcher.test(nm.nodes.name[i]!)) {
        matches[i] = 1;
        functions++;
      }
    }
    return { matched: matchedTotal(tree, (f) => matches[f] === 1), total: tree.total[0]!, functions };
  }

  goroutines(req: GoroutinesRequest): GoroutinesResult {
    const dump = this.dump;
    if (!dump) throw new Error('this file is not a goroutine profile');
    const skip = compileSkipList(req.skipList);
    const f = this.filtered(req.filter);
    const grouping = this.grouping(req.filter, req.skipList, req.groupBy ?? '');
    // Totals before the filter ("N of M goroutines"): the unfiltered grouping, kept per rule set
    // so that typing in a filter does not regroup the whole dump twice.
    const skipKey = JSON.stringify(req.skipList);
    if (!f.keep) this.unfiltered = { skipKey, grouping };
    else if (this.unfiltered?.skipKey !== skipKey) this.unfiltered = { skipKey, grouping: groupGoroutines(dump, skip) };
    const all = f.keep ? this.unfiltered!.grouping : grouping;
    const result: GoroutinesResult = {
      // A rate read from wait minutes is one process's: a set's goroutines started in different
      // processes, dumped at different moments, so each replica's own tab tells its rate.
      rates: this.set ? grouping.groups.map(() => ({ ok: false, reason: 'this is a set of several processes: open one replica to read its rate' })) : blockRates(grouping, all),
      grouping,
      histograms: { site: histogramSeries(grouping, 'site'), state: histogramSeries(grouping, 'state') },
      allGoroutines: all.total,
      allStates: all.states,
      filterError: f.error,
      skipErrors: skip.errors,
    };
    if (this.set) result.members = this.set.members.map((m, i) => ({ name: this.set!.names[i]!, total: m.dump?.total ?? 0 }));
    const crashed = dump.crash?.goroutine;
    if (crashed) result.crashPlace = placeOfSample(dump, grouping, crashed.row, f.keep);
    return result;
  }

  /**
   * One function's sandwich: pprof's -peek entry for it (at functions granularity, percentages
   * of the whole profile as the top table's), the tree of its callers and the flame of its callees.
   */
  sandwich(req: SandwichRequest): SandwichResult {
    const f = this.filtered(req.filter);
    const nm = this.nodeMap('functions');
    const node = nm.nodes.name.indexOf(req.name);
    if (node < 0) throw new Error(`no function named ${req.name} in this profile`);
    const total = f.keep ? computeTotal(this.profile, req.sampleIndex) : undefined;
    const peek = computePeek(f.profile, { sampleIndex: req.sampleIndex, granularity: 'functions', match: (n) => n === req.name, total }, nm);
    const entry = peek.entries.find((e) => e.node === node);
    const edge = (e: { name: string; weight: number; inline: boolean }) => ({ name: e.name, weight: e.weight, inline: e.inline });
    const frameName = (fr: number) => nm.nodes.name[fr]!;
    const frameFile = (fr: number) => nm.nodes.file[fr]! || this.fileOfFunction(nm.nodes.name[fr]!);
    const callers = buildCallerTree(f.profile, nm, req.sampleIndex, node);
    const { tree: callees } = this.tree(req.filter, req.sampleIndex, req.name);
    const flameOf = (tree: CallTree) =>
      deriveFlame(tree, { zoom: 0, maxNodes: req.maxNodes, minFraction: req.minFraction, rootName: req.name, frameName, frameFile });
    return {
      name: req.name,
      sampleType: this.profile.sampleTypes[req.sampleIndex]!,
      total: peek.top.total,
      outputUnit: peek.top.outputUnit,
      flat: entry?.flat ?? 0,
      cum: entry?.cum ?? 0,
      callers: entry ? entry.callers.map(edge) : [],
      callees: entry ? entry.callees.map(edge) : [],
      callerFlame: flameOf(callers),
      calleeFlame: flameOf(callees),
      recursive: callees.frame.subarray(1).includes(node),
    };
  }

  private matchInput: MatchInput | null = null;
  private unfiltered: { skipKey: string; grouping: GoroutineGrouping } | null = null;

  /** Known bugs in this file. Matching uses the default blocking-site rules, the catalogue's basis. */
  knownBugs(req: KnownBugsRequest): KnownBugsResult {
    // A pile-up is one process's: a set's findings are its members', each saying which replica.
    if (this.set) return setFindings(this.set.names, this.set.members.map((m) => m.knownBugs(req)));
    this.matchInput ??= matchInputFor(this.profile, this.dump);
    const input = this.matchInput;
    return {
      matches: matchKnownBugs(catalogue, input, req.version),
      kind: input.kind,
      checked: catalogue.filter((b) => b.profiles.includes(input.kind)).length,
      undecided: undecidedWithoutWaits(catalogue, input),
    };
  }

  stack(req: StackRequest): StackResult {
    const { samples, locations, lines, functions, strings } = this.profile;
    const s = req.sample;
    if (s < 0 || s >= samples.length) throw new Error(`no sample ${s}`);
    const g = this.dump?.goroutines;
    const createdByLoc = g ? g.createdBy[s]! : -1;
    // A created-by location is one line: the creating function at the go statement.
    const cbLine = createdByLoc >= 0 ? locations.lineStart[createdByLoc]! : -1;
    const cbFunc = cbLine >= 0 ? lines.func[cbLine]! : -1;
    return {
      sample: s,
      frames: sampleFrames(this.profile, s),
      labels: sampleLabels(this.profile, s),
      createdBy:
        cbFunc >= 0 ? { func: strings[functions.name[cbFunc]!]!, file: strings[functions.filename[cbFunc]!]!, line: lines.line[cbLine]! } : null,
      goroutineId: g ? g.id[s]! : null,
      creatorId: g && g.creatorId[s]! >= 0 ? g.creatorId[s]! : null,
      raw: g && this.text ? rawGoroutineText(this.text, g, s) : null,
    };
  }

  private fileByFunction: Map<string, string> | null = null;

  /** At function granularity nodes carry no file; the flame tooltip still wants one. */
  private fileOfFunction(name: string): string {
    if (!this.fileByFunction) {
      const { functions, strings } = this.profile;
      this.fileByFunction = new Map();
      for (let f = 0; f < functions.length; f++) {
        const n = strings[functions.name[f]!]!;
        if (!this.fileByFunction.has(n)) this.fileByFunction.set(n, strings[functions.filename[f]!]!);
      }
    }
    return this.fileByFunction.get(name) ?? '';
  }
}

/**
 * The block rate of each shown group, from the same (state, site) group of the unfiltered
 * grouping `all`: a rate is about the site, and a minimum-wait filter would cut its recent minutes.
 */
const topKey = (r: TopRequest) => JSON.stringify([r.filter, r.sampleIndex, r.granularity]);

function blockRates(shown: GoroutineGrouping, all: GoroutineGrouping): BlockRateResult[] {
  const byKey = new Map<string, GoroutineGrouping['groups'][number]>();
  if (all !== shown) for (const g of all.groups) byKey.set(`${g.state}\u0000${g.site}`, g);
  return shown.groups.map((g) => blockRate(all === shown ? g : (byKey.get(`${g.state}\u0000${g.site}`) ?? g), all.longestWait));
}
