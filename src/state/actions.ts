// What the user can do to files and views. Each action updates the store and, when a view
// needs new data, asks the file's worker; stale answers (the view moved on) are dropped.

import { ProfileWorker, WorkerError } from '../worker/client';
import type { LoadSource } from '../worker/protocol';
import { defaultView, getFile, updateFile, updateView, useStore, type FileView, type TopSort, type ViewTab } from './store';
import type { Granularity } from './types';
import { flameMaxNodes, flameMinPixels } from '../worker/transfer';

const workers = new Map<number, ProfileWorker>();

/** Frames under about 1.5 px of the flame graph's width merge: they could not be seen. */
function flameMinFraction(): number {
  return flameMinPixels / Math.max(400, document.documentElement.clientWidth - 50);
}
let nextFileId = 1;

function problemOf(e: unknown): { kind: 'malformed' | 'unrecognized' | 'limit' | 'cancelled'; message: string; offset?: number; line?: number } {
  if (e instanceof WorkerError) return e.problem;
  return { kind: 'malformed', message: e instanceof Error ? e.message : String(e) };
}

/** Opens a file in a new worker; resolves with its id when loaded (or failed). */
export async function openSource(source: LoadSource, size: number, initialView: Partial<FileView> = {}): Promise<number> {
  const id = nextFileId++;
  const worker = new ProfileWorker();
  workers.set(id, worker);
  useStore.setState((s) => ({
    files: [
      ...s.files,
      {
        id,
        name: source.name,
        size,
        status: 'loading',
        load: { phase: 'reading', done: 0, total: size },
        problem: null,
        summary: null,
        view: { ...defaultView },
        top: null,
        flame: null,
        search: null,
        busy: false,
        viewError: null,
      },
    ],
    activeId: id,
  }));
  try {
    const r = await worker.load(source, (phase, done, total) => updateFile(id, { load: { phase, done, total } }), flameMinFraction());
    updateFile(id, (f) => ({
      status: 'ready',
      load: null,
      summary: r.summary,
      flame: r.flame,
      view: { ...f.view, sampleIndex: r.summary.defaultSampleIndex },
    }));
    // The flame graph is up; the top table (and its pprof header) follows.
    await refreshTop(id);
    if (Object.keys(initialView).length > 0) await applyView(id, initialView);
  } catch (e) {
    const problem = problemOf(e);
    if (problem.kind === 'cancelled') return id;
    updateFile(id, { status: 'error', load: null, problem });
    worker.terminate();
    workers.delete(id);
  }
  return id;
}

/** Stops a load in progress and removes its entry. */
export function cancelLoad(id: number): void {
  closeFile(id);
}

export function closeFile(id: number): void {
  workers.get(id)?.terminate();
  workers.delete(id);
  useStore.setState((s) => {
    const i = s.files.findIndex((f) => f.id === id);
    const files = s.files.filter((f) => f.id !== id);
    let activeId = s.activeId;
    if (activeId === id) activeId = files[Math.min(i, files.length - 1)]?.id ?? null;
    return { files, activeId };
  });
}

export function activate(id: number): void {
  useStore.setState({ activeId: id });
}

export function setTab(id: number, tab: ViewTab): void {
  updateView(id, { tab });
}

export function setTopFilter(id: number, topFilter: string): void {
  updateView(id, { topFilter });
}

export function setTopSort(id: number, topSort: TopSort | null): void {
  updateView(id, { topSort });
}

export function setInverted(id: number, inverted: boolean): void {
  updateView(id, { inverted });
}

// Each derivation carries a ticket; an answer to an older ticket is ignored.
const tickets = new Map<string, number>();
function ticket(id: number, what: string): () => boolean {
  const key = `${id}:${what}`;
  const t = (tickets.get(key) ?? 0) + 1;
  tickets.set(key, t);
  return () => tickets.get(key) === t;
}

async function derive<T>(id: number, what: string, run: (w: ProfileWorker) => Promise<T>, apply: (r: T) => void): Promise<void> {
  const w = workers.get(id);
  if (!w) return;
  const current = ticket(id, what);
  updateFile(id, { busy: true });
  try {
    const r = await run(w);
    if (current()) apply(r);
    if (current()) updateFile(id, { busy: false, viewError: null });
  } catch (e) {
    if (current()) updateFile(id, { busy: false, viewError: problemOf(e).message });
  }
}

function refreshTop(id: number): Promise<void> {
  const f = getFile(id);
  if (!f) return Promise.resolve();
  const { sampleIndex, granularity } = f.view;
  return derive(id, 'top', (w) => w.top({ sampleIndex, granularity }), (top) => updateFile(id, { top }));
}

function refreshFlame(id: number): Promise<void> {
  const f = getFile(id);
  if (!f) return Promise.resolve();
  const { sampleIndex, focus, zoom } = f.view;
  return derive(
    id,
    'flame',
    (w) => w.flame({ sampleIndex, focus, zoom, maxNodes: flameMaxNodes, minFraction: flameMinFraction() }),
    (flame) => updateFile(id, { flame }),
  );
}

function refreshSearch(id: number): Promise<void> {
  const f = getFile(id);
  if (!f) return Promise.resolve();
  const { sampleIndex, focus, search, searchRegex } = f.view;
  if (search === '') {
    updateFile(id, { search: null });
    return Promise.resolve();
  }
  return derive(
    id,
    'search',
    (w) => w.search({ sampleIndex, focus, pattern: search, regex: searchRegex }),
    (result) => updateFile(id, { search: result }),
  );
}

/** Applies several view changes at once and refreshes what they affect. */
export async function applyView(id: number, patch: Partial<FileView>): Promise<void> {
  const before = getFile(id)?.view;
  if (!before) return;
  updateView(id, patch);
  const after = getFile(id)!.view;
  const jobs: Promise<void>[] = [];
  if (after.sampleIndex !== before.sampleIndex || after.granularity !== before.granularity) jobs.push(refreshTop(id));
  if (after.sampleIndex !== before.sampleIndex || after.focus !== before.focus || after.zoom !== before.zoom) jobs.push(refreshFlame(id));
  if (
    after.search !== before.search ||
    after.searchRegex !== before.searchRegex ||
    after.sampleIndex !== before.sampleIndex ||
    after.focus !== before.focus
  ) {
    jobs.push(refreshSearch(id));
  }
  await Promise.all(jobs);
}

export function setSampleIndex(id: number, sampleIndex: number): Promise<void> {
  return applyView(id, { sampleIndex, zoom: 0 });
}

export function setGranularity(id: number, granularity: Granularity): Promise<void> {
  return applyView(id, { granularity });
}

/** A click on a top-table row: the flame graph rooted at that function. */
export function focusFunction(id: number, name: string | null): Promise<void> {
  return applyView(id, { focus: name, zoom: 0, tab: 'flame' });
}

export function zoomTo(id: number, node: number): Promise<void> {
  return applyView(id, { zoom: node });
}

export function setSearch(id: number, search: string, searchRegex: boolean): Promise<void> {
  return applyView(id, { search, searchRegex });
}
