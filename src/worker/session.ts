// One loaded file inside the worker and the derivations the page asks of it. Node maps and call
// trees are cached: switching back to a sample type or zooming costs no new pass over samples.

import { buildCallTree, matchedTotal, type CallTree } from '../analysis/callTree';
import { deriveFlame } from '../analysis/flame';
import { mapNodes, type Granularity, type NodeMap } from '../analysis/nodes';
import { computeTop, type TopTable } from '../analysis/top';
import { compileSearch } from '../lib/search';
import type { GoroutineDump } from '../model/goroutines';
import type { Profile } from '../model/profile';
import type { FlameRequestMsg, FlameResult, SearchRequest, SearchResult, TopRequest } from './protocol';

export class Session {
  private readonly nodeMaps = new Map<Granularity, NodeMap>();
  private readonly trees = new Map<string, CallTree>();

  constructor(
    readonly profile: Profile,
    readonly goroutines: GoroutineDump | null,
  ) {}

  nodeMap(g: Granularity): NodeMap {
    let nm = this.nodeMaps.get(g);
    if (!nm) {
      nm = mapNodes(this.profile, g);
      this.nodeMaps.set(g, nm);
    }
    return nm;
  }

  top(req: TopRequest): TopTable {
    return computeTop(this.profile, { sampleIndex: req.sampleIndex, granularity: req.granularity }, this.nodeMap(req.granularity));
  }

  private tree(sampleIndex: number, focus: string | null): { tree: CallTree; nm: NodeMap } {
    const nm = this.nodeMap('functions');
    const key = `${sampleIndex}\u0000${focus ?? ''}`;
    let tree = this.trees.get(key);
    if (!tree) {
      const focusNode = focus === null ? -1 : nm.nodes.name.indexOf(focus);
      if (focus !== null && focusNode < 0) throw new Error(`no function named ${focus} in this profile`);
      tree = buildCallTree(this.profile, nm, { sampleIndex, focus: focusNode >= 0 ? focusNode : undefined });
      // Keep a handful of trees: each can be large.
      if (this.trees.size >= 6) this.trees.delete(this.trees.keys().next().value!);
      this.trees.set(key, tree);
    }
    return { tree, nm };
  }

  flame(req: FlameRequestMsg): FlameResult {
    const { tree, nm } = this.tree(req.sampleIndex, req.focus);
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

  search(req: SearchRequest): SearchResult {
    const { tree, nm } = this.tree(req.sampleIndex, req.focus);
    const matcher = compileSearch(req.pattern, req.regex);
    if (!matcher.ok) return { matched: 0, total: tree.total[0]!, functions: 0, error: matcher.error };
    const test = matcher.test;
    const matches = new Uint8Array(nm.nodes.length);
    let functions = 0;
    for (let i = 0; i < nm.nodes.length; i++) {
      if (test(nm.nodes.name[i]!)) {
        matches[i] = 1;
        functions++;
      }
    }
    return { matched: matchedTotal(tree, (f) => matches[f] === 1), total: tree.total[0]!, functions };
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
