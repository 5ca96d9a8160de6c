// What the user can do to files and views. Each action updates the store and, when a view
// needs new data, asks the file's worker; stale answers (the view moved on) are dropped.

import { ProfileWorker, WorkerError } from '../worker/client';
import type { LoadSource } from '../worker/client';
import { defaultView, getFile, updateFile, updateView, useStore, type FileView, type TopSort, type ViewTab } from './store';
import type { FileSummary, Granularity, SampleFilter, StackBy } from './types';
import type { UrlView } from './url';
import { flameMaxNodes, flameMinPixels } from '../worker/client';
import { forgetSource, rememberSource } from './compare';
import { identityFailed } from './findings';

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

let pendingUrlView: UrlView | null = null;

/** The view the page's URL asked for; the next file opened starts in it. */
export function setPendingUrlView(v: UrlView): void {
  pendingUrlView = v;
}

/** Opens a file in a new worker; resolves with its id when loaded (or failed). */
export async function openSource(source: LoadSource, size: number): Promise<number> {
  const urlView = pendingUrlView;
  pendingUrlView = null;
  const id = nextFileId++;
  rememberSource(id, source);
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
        goroutines: null,
        stack: null,
        findings: null,
        identity: null,
        busy: false,
        viewError: null,
      },
    ],
    activeId: id,
  }));
  try {
    const r = await worker.load(source, (phase, done, total) => updateFile(id, { load: { phase, done, total } }), flameMinFraction());
    const isDump = r.summary.kind === 'goroutines';
    updateFile(id, (f) => ({
      status: 'ready',
      load: null,
      summary: r.summary,
      flame: r.flame,
      view: { ...f.view, sampleIndex: r.summary.defaultSampleIndex, tab: isDump ? 'goroutines' : f.view.tab },
    }));
    // The flame graph is up; the goroutine groups and the top table (with pprof's header) follow.
    if (isDump) await refreshGoroutines(id);
    await refreshTop(id);
    await refreshFindings(id);
    // The content hash (for pinned findings and shared links), once the first views are up:
    // hashing holds the worker for about 1 ms per MB.
    void worker.identity().then(
      (identity) => updateFile(id, { identity }),
      (e: unknown) => {
        if (problemOf(e).kind !== 'cancelled') identityFailed(id, problemOf(e).message);
      },
    );
    if (urlView) await applyView(id, resolveUrlView(urlView, r.summary));
  } catch (e) {
    const problem = problemOf(e);
    if (problem.kind === 'cancelled') return id;
    updateFile(id, { status: 'error', load: null, problem });
    worker.terminate();
    workers.delete(id);
  }
  return id;
}

/** The worker holding a loaded file (for requests no view keeps, like a shared link's zoom). */
export function fileWorker(id: number): ProfileWorker | undefined {
  return workers.get(id);
}

/** Stops a load in progress and removes its entry. */
export function cancelLoad(id: number): void {
  closeFile(id);
}

export function closeFile(id: number): void {
  workers.get(id)?.terminate();
  workers.delete(id);
  forgetSource(id);
  useStore.setState((s) => {
    const i = s.files.findIndex((f) => f.id === id);
    const files = s.files.filter((f) => f.id !== id);
    let activeId = s.activeId;
    if (activeId === id) activeId = files[Math.min(i, files.length - 1)]?.id ?? null;
    return { files, activeId };
  });
}

export function activate(id: number): void {
  useStore.setState({ activeId: id, compareOpen: false });
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

/** The URL's view, checked against what the file has (a dump tab only for dumps). */
function resolveUrlView(u: UrlView, summary: FileSummary): Partial<FileView> {
  const view = { ...u.view };
  if (view.tab === 'goroutines' && summary.kind !== 'goroutines') delete view.tab;
  if (u.sampleType) {
    const i = summary.sampleTypes.findIndex((t) => t.type === u.sampleType);
    if (i >= 0) view.sampleIndex = i;
  }
  return view;
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
  const { sampleIndex, granularity, filter } = f.view;
  return derive(id, 'top', (w) => w.top({ filter, sampleIndex, granularity }), (top) => updateFile(id, { top }));
}

function refreshFlame(id: number): Promise<void> {
  const f = getFile(id);
  if (!f) return Promise.resolve();
  const { sampleIndex, focus, zoom, filter } = f.view;
  return derive(
    id,
    'flame',
    (w) => w.flame({ filter, sampleIndex, focus, zoom, maxNodes: flameMaxNodes, minFraction: flameMinFraction() }),
    (flame) => updateFile(id, { flame }),
  );
}

function refreshSearch(id: number): Promise<void> {
  const f = getFile(id);
  if (!f) return Promise.resolve();
  const { sampleIndex, focus, search, searchRegex, filter } = f.view;
  if (search === '') {
    updateFile(id, { search: null });
    return Promise.resolve();
  }
  return derive(
    id,
    'search',
    (w) => w.search({ filter, sampleIndex, focus, pattern: search, regex: searchRegex }),
    (result) => updateFile(id, { search: result }),
  );
}

function refreshGoroutines(id: number): Promise<void> {
  const f = getFile(id);
  if (!f || f.summary?.kind !== 'goroutines') return Promise.resolve();
  const { filter } = f.view;
  const skipList = useStore.getState().skipList;
  return derive(id, 'goroutines', (w) => w.goroutines({ filter, skipList }), (goroutines) => updateFile(id, { goroutines }));
}

function refreshFindings(id: number): Promise<void> {
  const version = useStore.getState().version.trim();
  return derive(id, 'findings', (w) => w.findings({ version: version || null }), (findings) => updateFile(id, { findings }));
}

/** The kube-apiserver version: every finding of every open file says what it means. */
export async function setVersion(version: string): Promise<void> {
  useStore.setState({ version });
  await Promise.all(useStore.getState().files.filter((f) => f.status === 'ready').map((f) => refreshFindings(f.id)));
}

function refreshStack(id: number): Promise<void> {
  const f = getFile(id);
  const group = f && f.view.group !== null ? f.goroutines?.grouping.groups[f.view.group] : undefined;
  const bucket = group?.buckets[f!.view.bucket] ?? group?.buckets[0];
  if (!bucket) {
    updateFile(id, { stack: null });
    return Promise.resolve();
  }
  return derive(id, 'stack', (w) => w.stack({ sample: bucket.sample }), (stack) => updateFile(id, { stack }));
}

/** Applies several view changes at once and refreshes what they affect. */
export async function applyView(id: number, patch: Partial<FileView>): Promise<void> {
  const before = getFile(id)?.view;
  if (!before) return;
  updateView(id, patch);
  const after = getFile(id)!.view;
  const filterChanged = JSON.stringify(after.filter) !== JSON.stringify(before.filter);
  const jobs: Promise<void>[] = [];
  if (filterChanged) jobs.push(refreshGoroutines(id).then(() => refreshStack(id)));
  else if (after.group !== before.group || after.bucket !== before.bucket) jobs.push(refreshStack(id));
  if (filterChanged || after.sampleIndex !== before.sampleIndex || after.granularity !== before.granularity) jobs.push(refreshTop(id));
  if (filterChanged || after.sampleIndex !== before.sampleIndex || after.focus !== before.focus || after.zoom !== before.zoom) {
    jobs.push(refreshFlame(id));
  }
  if (
    filterChanged ||
    after.search !== before.search ||
    after.searchRegex !== before.searchRegex ||
    after.sampleIndex !== before.sampleIndex ||
    after.focus !== before.focus
  ) {
    jobs.push(refreshSearch(id));
  }
  await Promise.all(jobs);
}

/** Goroutine filters: state, minimum wait minutes, frame regex. */
export function setFilter(id: number, filter: SampleFilter): Promise<void> {
  return applyView(id, { filter, group: null, bucket: 0, zoom: 0 });
}

export function setStackBy(id: number, stackBy: StackBy): void {
  updateView(id, { stackBy });
}

/** Opens a goroutine group (or closes the detail with null) and shows its first stack. */
export function selectGroup(id: number, group: number | null, bucket = 0): Promise<void> {
  return applyView(id, { group, bucket });
}

const skipListKey = 'stackscope.skipList';

/** The blocking-site rules, kept for the next visit; every open dump is regrouped. */
export async function setSkipList(skipList: string[]): Promise<void> {
  useStore.setState({ skipList });
  try {
    localStorage.setItem(skipListKey, JSON.stringify(skipList));
  } catch {
    // storage may be unavailable (private mode): the rules still apply to this visit
  }
  await Promise.all(
    useStore.getState().files.map(async (f) => {
      if (f.summary?.kind !== 'goroutines') return;
      updateView(f.id, { group: null, bucket: 0 });
      await refreshGoroutines(f.id);
      await refreshStack(f.id);
    }),
  );
}

/** Restores the blocking-site rules a previous visit saved, if they read back sanely. */
export function restoreSkipList(): string | null {
  try {
    const saved = localStorage.getItem(skipListKey);
    if (!saved) return null;
    const list = JSON.parse(saved) as unknown;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new Error('not a list of strings');
    useStore.setState({ skipList: list });
    return null;
  } catch (e) {
    localStorage.removeItem(skipListKey);
    return `Saved blocking-site rules were unreadable and have been reset (${(e as Error).message}).`;
  }
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
