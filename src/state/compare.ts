// The comparison of open files: which files, base and target, the view choices, and what the
// compare worker computed. One comparison at a time; it has its own worker, which reads the
// files' sources again so the files' own views are untouched.

import { ProfileWorker, WorkerError, type LoadSource } from '../worker/client';
import { compareDerivationNames, compareDerivations, staleCompare, type AppKey, type CompareDerivationName, type CompareKey } from './derivations';
import { getFile, useStore } from './store';
import type { CompareInfo, DiffFlameResult, DiffTable, GoroutineGrowth, Granularity } from './types';

export type ComparePalette = 'red-blue' | 'colorblind';
export type CompareTab = 'flame' | 'top';

export interface CompareState {
  fileIds: number[];
  names: string[];
  kind: 'pprof' | 'goroutines';
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  info: CompareInfo | null;
  /** Indexes into fileIds. */
  base: number;
  target: number;
  sampleIndex: number;
  granularity: Granularity;
  normalize: boolean;
  palette: ComparePalette;
  tab: CompareTab;
  zoom: number;
  /** Capture times the user typed, per file index (null: the file's own). */
  times: Array<number | null>;
  diffTop: DiffTable | null;
  diffFlame: DiffFlameResult | null;
  growth: GoroutineGrowth | null;
  busy: boolean;
}

const sources = new Map<number, LoadSource>();
let worker: ProfileWorker | null = null;

/** Remembers how a file came in, so a comparison can read it again. Bytes are copied first. */
export function rememberSource(id: number, source: LoadSource): LoadSource {
  const kept: LoadSource = source.bytes ? { ...source, bytes: source.bytes.slice(0) } : { ...source };
  sources.set(id, kept);
  return source;
}

/** How a file came in, for a worker that reads it again (a set of files); bytes copied. */
export function sourceOf(id: number): LoadSource | null {
  const s = sources.get(id);
  if (!s) return null;
  return s.bytes ? { ...s, bytes: s.bytes.slice(0) } : { ...s };
}

export function forgetSource(id: number): void {
  sources.delete(id);
  const c = useStore.getState().compare;
  if (c && c.fileIds.includes(id)) closeCompare();
}

function setCompare(patch: Partial<CompareState>): void {
  const c = useStore.getState().compare;
  if (c) useStore.setState({ compare: { ...c, ...patch } });
}

function message(e: unknown): string {
  return e instanceof WorkerError ? e.problem.message : e instanceof Error ? e.message : String(e);
}

/** Which open files can be compared with each other: same kind, ready. */
export function comparableGroups(): Array<{ kind: 'pprof' | 'goroutines'; ids: number[] }> {
  // A set is already several files in one: it is compared through its members.
  const files = useStore.getState().files.filter((f) => f.status === 'ready' && f.summary && !f.summary.members);
  const out: Array<{ kind: 'pprof' | 'goroutines'; ids: number[] }> = [];
  for (const kind of ['goroutines', 'pprof'] as const) {
    const ids = files.filter((f) => f.summary!.kind === kind).map((f) => f.id);
    if (ids.length >= 2) out.push({ kind, ids });
  }
  return out;
}

export async function openCompare(fileIds: number[], kind: 'pprof' | 'goroutines'): Promise<void> {
  worker?.terminate();
  worker = new ProfileWorker();
  const w = worker;
  const files = fileIds.map((id) => getFile(id)!);
  useStore.setState({
    compareOpen: true,
    compare: {
      fileIds,
      names: files.map((f) => f.name),
      kind,
      status: 'loading',
      error: null,
      info: null,
      base: 0,
      target: fileIds.length - 1,
      sampleIndex: files[fileIds.length - 1]!.view.sampleIndex,
      granularity: 'functions',
      normalize: false,
      palette: 'red-blue',
      tab: 'flame',
      zoom: 0,
      times: fileIds.map(() => null),
      diffTop: null,
      diffFlame: null,
      growth: null,
      busy: false,
    },
  });
  try {
    const list = fileIds.map((id) => {
      const s = sources.get(id)!;
      return s.bytes ? { ...s, bytes: s.bytes.slice(0) } : s;
    });
    const info = await w.call('compareLoad', { sources: list }, { transfer: list.flatMap((s) => (s.bytes ? [s.bytes] : [])) });
    if (w !== worker) return;
    // Dumps in time order when every one has a time: base = earliest, target = latest.
    let base = 0;
    let target = fileIds.length - 1;
    if (info.times.every((t) => t.time !== null)) {
      const order = info.times.map((t, i) => [t.time!, i] as const).sort((a, b) => a[0] - b[0]);
      base = order[0]![1];
      target = order[order.length - 1]![1];
    }
    setCompare({ status: 'ready', info, base, target });
    await refreshCompare();
    // Dumps without times that ordered themselves (by wait minutes or goroutine ids): the
    // earliest is the base, the latest the target.
    const g = useStore.getState().compare?.growth;
    if (w === worker && g && (g.orderedBy === 'goroutine-waits' || g.orderedBy === 'goroutine-ids')) {
      const first = g.order[0]!;
      const last = g.order[g.order.length - 1]!;
      if (first !== base || last !== target) await updateCompare({ base: first, target: last });
    }
  } catch (e) {
    if (w === worker) setCompare({ status: 'error', error: message(e) });
  }
}

export function closeCompare(): void {
  worker?.terminate();
  worker = null;
  useStore.setState({ compare: null, compareOpen: false });
}

export function showCompare(open: boolean): void {
  useStore.setState({ compareOpen: open && useStore.getState().compare !== null });
}

// Each result carries a ticket; an answer to an older ticket is ignored.
const tickets = new Map<CompareDerivationName, number>();
let inFlight = 0;

/** Recomputes these results of the comparison (derivations.ts), each from the current choices. */
async function refreshCompare(names: readonly CompareDerivationName[] = compareDerivationNames): Promise<void> {
  const c = useStore.getState().compare;
  const w = worker;
  if (!c || !w || c.status !== 'ready') return;
  const app = useStore.getState();
  const run = async (name: CompareDerivationName) => {
    const req = compareDerivations[name].request(c, app);
    if (req === null) return;
    const mine = (tickets.get(name) ?? 0) + 1;
    tickets.set(name, mine);
    inFlight++;
    setCompare({ busy: true, error: null });
    try {
      const reply = await w.call(name, req as never);
      if (w === worker && tickets.get(name) === mine) setCompare({ [name]: reply });
    } catch (e) {
      if (w === worker && tickets.get(name) === mine) setCompare({ error: message(e), ...(name === 'growth' ? {} : { diffTop: null, diffFlame: null }) });
    } finally {
      inFlight--;
      if (w === worker && inFlight === 0) setCompare({ busy: false });
    }
  };
  await Promise.all(names.map(run));
}

/** Recomputes what new app settings (the blocking-site rules) change in the comparison. */
export function refreshCompareSettings(app: ReadonlySet<AppKey>): Promise<void> {
  return refreshCompare(staleCompare(new Set(), app));
}

type CompareChoices = Pick<CompareState, CompareKey>;

/** Changes the comparison's choices and recomputes what they affect. */
export function updateCompare(patch: Partial<CompareChoices>): Promise<void> {
  const c = useStore.getState().compare;
  if (!c) return Promise.resolve();
  const resetZoom = patch.base !== undefined || patch.target !== undefined || patch.sampleIndex !== undefined || patch.normalize !== undefined;
  const next = { ...patch, ...(resetZoom && patch.zoom === undefined ? { zoom: 0 } : {}) };
  const changed = new Set((Object.keys(next) as CompareKey[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(c[k])));
  setCompare(next);
  return refreshCompare(staleCompare(changed));
}

export function swapCompare(): Promise<void> {
  const c = useStore.getState().compare;
  if (!c) return Promise.resolve();
  return updateCompare({ base: c.target, target: c.base });
}

export function setComparePalette(palette: ComparePalette): void {
  setCompare({ palette });
}

export function setCompareTab(tab: CompareTab): void {
  setCompare({ tab });
}
