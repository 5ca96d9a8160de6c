// Several loaded files side by side: pprof's -diff_base between two of them, and goroutine
// growth across all of them. Lives in its own worker so the files' own views stay as they are.

import { compileSkipList } from '../analysis/blockingSite';
import { diffProfiles } from '../analysis/diff';
import { buildDiffTree, deriveDiffFlame, type DiffTree } from '../analysis/diffFlame';
import { computeDiffTable, type DiffTable } from '../analysis/diffTable';
import { groupGoroutines } from '../analysis/goroutineGroups';
import { captureTimeMs, goroutineGrowth, type GoroutineGrowth } from '../analysis/goroutineGrowth';
import { stackDigests } from '../analysis/goroutinePersistence';
import { mapNodes, type NodeMap } from '../analysis/nodes';
import type { Profile } from '../model/profile';
import type { Loaded } from '../parse/load';
import type { DiffFlameRequest, DiffFlameResult, DiffTopRequest, GrowthRequest } from './protocol';

export interface CompareFile {
  name: string;
  loaded: Loaded;
  /** A capture time the page knows: the file's modification time, or a sample's capturedAt. */
  knownTime: number | null;
  /** debug=2 dumps: per goroutine, a digest of its stack as printed (the text itself is not kept). */
  digests: Float64Array | null;
}

/** A comparison file from a loaded one: the stack digests are taken now, while the text is at hand. */
export function compareFile(name: string, loaded: Loaded, inflated: Uint8Array, knownTime: number | null): CompareFile {
  const table = loaded.goroutines?.goroutines ?? null;
  return { name, loaded, knownTime, digests: table ? stackDigests(inflated, table) : null };
}

export class CompareSession {
  private diffKey = '';
  private diff: { profile: Profile; nodeMaps: Map<string, NodeMap>; trees: Map<string, DiffTree> } | null = null;

  constructor(readonly files: CompareFile[]) {}

  /** The merged profile for target - base, cached for the last pair. */
  private diffOf(base: number, target: number, normalize: boolean) {
    const key = `${base}:${target}:${normalize}`;
    if (this.diff && this.diffKey === key) return this.diff;
    const b = this.files[base];
    const t = this.files[target];
    if (!b || !t) throw new Error('no such file in the comparison');
    const r = diffProfiles({ profile: t.loaded.profile, name: t.name }, { profile: b.loaded.profile, name: b.name }, { normalize });
    if (!r.ok) throw new Error(r.error);
    this.diffKey = key;
    this.diff = { profile: r.profile, nodeMaps: new Map(), trees: new Map() };
    return this.diff;
  }

  private nodeMap(d: NonNullable<CompareSession['diff']>, granularity: Parameters<typeof mapNodes>[1]): NodeMap {
    let nm = d.nodeMaps.get(granularity);
    if (!nm) {
      nm = mapNodes(d.profile, granularity);
      d.nodeMaps.set(granularity, nm);
    }
    return nm;
  }

  diffTop(req: DiffTopRequest): DiffTable {
    // The scale of the base is a view choice here (normalizeBase), not pprof's -normalize.
    const d = this.diffOf(req.base, req.target, false);
    return computeDiffTable(
      d.profile,
      { sampleIndex: req.sampleIndex, granularity: req.granularity, normalizeBase: req.normalize },
      this.nodeMap(d, req.granularity),
    );
  }

  diffFlame(req: DiffFlameRequest): DiffFlameResult {
    const d = this.diffOf(req.base, req.target, false);
    const nm = this.nodeMap(d, 'functions');
    const key = `${req.sampleIndex}:${req.normalize}`;
    let tree = d.trees.get(key);
    if (!tree) {
      tree = buildDiffTree(d.profile, nm, { sampleIndex: req.sampleIndex, normalizeBase: req.normalize });
      d.trees.clear(); // one tree at a time: they are large
      d.trees.set(key, tree);
    }
    const view = deriveDiffFlame(tree, {
      zoom: req.zoom,
      maxNodes: req.maxNodes,
      minFraction: req.minFraction,
      rootName: 'root',
      frameName: (f) => nm.nodes.name[f]!,
      frameFile: (f) => nm.nodes.file[f]!,
    });
    return { view, sampleType: d.profile.sampleTypes[req.sampleIndex]!, baseScale: tree.baseScale };
  }

  growth(req: GrowthRequest): GoroutineGrowth {
    const skip = compileSkipList(req.skipList);
    return goroutineGrowth(
      this.files.map((f, i) => {
        const dump = f.loaded.goroutines;
        if (!dump) throw new Error(`${f.name} is not a goroutine dump or goroutine profile`);
        const table = dump.goroutines;
        return {
          grouping: groupGoroutines(dump, skip),
          identity: table && f.digests ? { goroutines: table, digests: f.digests, truncated: dump.truncated } : null,
          profileTime: captureTimeMs(f.loaded.profile),
          fileTime: f.knownTime,
          enteredTime: req.times[i] ?? null,
        };
      }),
    );
  }

  /** Where each file's capture time comes from, for the page to show. */
  times(): Array<{ time: number | null; source: 'profile' | 'file' | 'none' }> {
    return this.files.map((f) => {
      const t = captureTimeMs(f.loaded.profile);
      if (t !== null) return { time: t, source: 'profile' };
      if (f.knownTime !== null) return { time: f.knownTime, source: 'file' };
      return { time: null, source: 'none' };
    });
  }
}
