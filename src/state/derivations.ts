// What each derived result of a file depends on, declared once: the view fields and app-wide
// settings that change it, the results it reads, the worker call that computes it and its
// request. actions.ts recomputes from this table; a new view adds one entry here.

import type { CallName, CallRequest } from '../worker/client';
import { flameMaxNodes, flameMinPixels } from '../worker/client';
import type { AppState, FileView, OpenFile } from './store';
import type { CompareState } from './compare';

export type AppKey = 'skipList' | 'version';
/** Each is also the name of the worker call that computes it and of the OpenFile field that holds it. */
export type DerivationName = Extract<CallName, 'goroutines' | 'stack' | 'top' | 'topOrder' | 'flame' | 'search' | 'knownBugs' | 'sandwich' | 'graph'>;

/**
 * One derived result: the worker call of its name computes it, and OpenFile's field of its name
 * holds it (null when there is nothing to ask).
 */
export interface Derivation<K extends DerivationName> {
  /** View fields the result depends on. */
  view: readonly (keyof FileView)[];
  /** App-wide settings it depends on. */
  app: readonly AppKey[];
  /** Results it reads: it is recomputed after them. */
  after: readonly DerivationName[];
  /** The request, or null when this file or view needs no such result. */
  request(f: OpenFile, app: AppState): CallRequest<K> | null;
}

/** Frames under about 1.5 px of the flame graph's width merge: they could not be seen. */
export function flameMinFraction(): number {
  const width = typeof document === 'undefined' ? 1280 : document.documentElement.clientWidth;
  return flameMinPixels / Math.max(400, width - 50);
}

const isDump = (f: OpenFile) => f.summary?.kind === 'goroutines';

export const derivations: { [N in DerivationName]: Derivation<N> } = {
  goroutines: {
    view: ['filter', 'groupBy'],
    app: ['skipList'],
    after: [],
    request: (f, app) => (isDump(f) ? { filter: f.view.filter, skipList: app.skipList, groupBy: f.view.groupBy } : null),
  },
  stack: {
    view: ['group', 'bucket'],
    app: [],
    after: ['goroutines'],
    request: (f) => {
      const group = f.view.group !== null ? f.goroutines?.grouping.groups[f.view.group] : undefined;
      const bucket = group?.buckets[f.view.bucket] ?? group?.buckets[0];
      return bucket ? { sample: bucket.sample } : null;
    },
  },
  top: {
    // filter holds pprof's refinements too (focus ... prune_from; nodefraction, edgefraction, nodecount).
    view: ['filter', 'sampleIndex', 'granularity'],
    app: [],
    after: [],
    request: (f) => ({ filter: f.view.filter, sampleIndex: f.view.sampleIndex, granularity: f.view.granularity }),
  },
  topOrder: {
    // The rows as shown: the table's own request, then the row filter and the sort.
    view: ['filter', 'sampleIndex', 'granularity', 'topFilter', 'topSort'],
    app: [],
    after: ['top'],
    // pprof's own order needs no call: the table comes in it.
    request: (f) =>
      f.view.topFilter === '' && f.view.topSort === null
        ? null
        : { filter: f.view.filter, sampleIndex: f.view.sampleIndex, granularity: f.view.granularity, rowFilter: f.view.topFilter, sort: f.view.topSort },
  },
  flame: {
    view: ['filter', 'sampleIndex', 'focus', 'zoom'],
    app: [],
    after: [],
    request: (f) => {
      const { filter, sampleIndex, focus, zoom } = f.view;
      return { filter, sampleIndex, focus, zoom, maxNodes: flameMaxNodes, minFraction: flameMinFraction() };
    },
  },
  search: {
    view: ['filter', 'search', 'searchRegex', 'sampleIndex', 'focus'],
    app: [],
    after: [],
    request: (f) => {
      const { filter, sampleIndex, focus, search, searchRegex } = f.view;
      return search === '' ? null : { filter, sampleIndex, focus, pattern: search, regex: searchRegex };
    },
  },
  sandwich: {
    view: ['filter', 'sampleIndex', 'sandwich'],
    app: [],
    after: [],
    request: (f) => {
      const { filter, sampleIndex, sandwich } = f.view;
      return sandwich === '' || f.summary === null ? null : { filter, sampleIndex, name: sandwich, maxNodes: flameMaxNodes, minFraction: flameMinFraction() };
    },
  },
  graph: {
    view: ['filter', 'sampleIndex', 'granularity', 'tab'],
    app: [],
    after: [],
    // Laid out only while the Graph tab shows (the layout is the costly part).
    request: (f) => (f.view.tab === 'graph' ? { filter: f.view.filter, sampleIndex: f.view.sampleIndex, granularity: f.view.granularity } : null),
  },
  knownBugs: {
    view: [],
    app: ['version'],
    after: [],
    request: (_f, app) => ({ version: app.version.trim() || null }),
  },
};

export const derivationNames = Object.keys(derivations) as DerivationName[];

/**
 * The derivations a change makes stale, each after the ones it reads: a list of stages, each
 * run in parallel once the stage before it is done.
 */
export function staleStages(view: ReadonlySet<keyof FileView>, app: ReadonlySet<AppKey> = new Set()): DerivationName[][] {
  const stale = new Set<DerivationName>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const name of derivationNames) {
      if (stale.has(name)) continue;
      const d = derivations[name];
      if (d.view.some((k) => view.has(k)) || d.app.some((k) => app.has(k)) || d.after.some((a) => stale.has(a))) {
        stale.add(name);
        grew = true;
      }
    }
  }
  const stages: DerivationName[][] = [];
  const done = new Set<DerivationName>();
  while (done.size < stale.size) {
    const stage = [...stale].filter((n) => !done.has(n) && derivations[n].after.every((a) => !stale.has(a) || done.has(a)));
    if (stage.length === 0) throw new Error('derivations depend on each other in a cycle');
    stages.push(stage);
    for (const n of stage) done.add(n);
  }
  return stages;
}

// ---- the comparison's results (state/compare.ts), declared the same way

/** The comparison's choices its results depend on. */
export type CompareKey = 'base' | 'target' | 'sampleIndex' | 'granularity' | 'normalize' | 'zoom' | 'times';
/** Each is also the name of the worker call that computes it and of the CompareState field that holds it. */
export type CompareDerivationName = Extract<CallName, 'growth' | 'diffTop' | 'diffFlame'>;

export interface CompareDerivation<K extends CompareDerivationName> {
  compare: readonly CompareKey[];
  app: readonly AppKey[];
  /** The request, or null when this comparison has no such result (the field keeps its value). */
  request(c: CompareState, app: AppState): CallRequest<K> | null;
}

/** A diff needs two different files, except for pprof files, where one against itself is a check. */
const hasDiff = (c: CompareState) => c.base !== c.target || c.kind === 'pprof';

export const compareDerivations: { [N in CompareDerivationName]: CompareDerivation<N> } = {
  growth: {
    compare: ['times'],
    app: ['skipList'],
    request: (c, app) => (c.kind === 'goroutines' ? { skipList: app.skipList, times: c.times } : null),
  },
  diffTop: {
    compare: ['base', 'target', 'sampleIndex', 'granularity', 'normalize'],
    app: [],
    request: (c) =>
      hasDiff(c) ? { base: c.base, target: c.target, sampleIndex: c.sampleIndex, normalize: c.normalize, granularity: c.granularity } : null,
  },
  diffFlame: {
    compare: ['base', 'target', 'sampleIndex', 'normalize', 'zoom'],
    app: [],
    request: (c) =>
      hasDiff(c)
        ? { base: c.base, target: c.target, sampleIndex: c.sampleIndex, normalize: c.normalize, zoom: c.zoom, maxNodes: flameMaxNodes, minFraction: flameMinFraction() }
        : null,
  },
};

export const compareDerivationNames = Object.keys(compareDerivations) as CompareDerivationName[];

/** The comparison's results a change of these choices and settings makes stale. */
export function staleCompare(changed: ReadonlySet<CompareKey>, app: ReadonlySet<AppKey> = new Set()): CompareDerivationName[] {
  return compareDerivationNames.filter((n) => compareDerivations[n].compare.some((k) => changed.has(k)) || compareDerivations[n].app.some((k) => app.has(k)));
}
