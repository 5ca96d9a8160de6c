// What the user can do to files and views. Each action updates the store and, when a view
// needs new data, asks the file's worker; stale answers (the view moved on) are dropped.

import { ProfileWorker, WorkerError, type AnchorRequest, type AnchorResult, type LoadSource } from '../worker/client';
import { defaultView, getFile, updateFile, updateView, useStore, type DerivedResults, type FileView, type TopSort, type ViewTab } from './store';
import type { AnchorMiss, Granularity, SampleFilter, StackBy } from './types';
import { refineNumberKeys, refineTextKeys } from './types';
import type { UrlView } from './url';
import type { PortableView } from '../share/viewCodec';
import { derivationNames, derivations, flameMinFraction, staleStages, type AppKey, type Derivation, type DerivationName } from './derivations';
import { forgetSource, refreshCompareSettings, rememberSource, sourceOf } from './compare';
import { identityFailed } from './findings';
import { fileClosed, fileOpened } from './keep';
import { applyLinkedView, askLinkedView, forgetLinkedView, linkedViewLines } from './linkedView';

const workers = new Map<number, ProfileWorker>();

let nextFileId = 1;

/** Every derived result empty, as a file starts. */
const noResults = () => Object.fromEntries(derivationNames.map((n) => [n, null])) as DerivedResults;

function problemOf(e: unknown): { kind: 'malformed' | 'unrecognized' | 'limit' | 'cancelled'; message: string; offset?: number; line?: number } {
  if (e instanceof WorkerError) return e.problem;
  return { kind: 'malformed', message: e instanceof Error ? e.message : String(e) };
}

let pendingUrlView: UrlView | null = null;
let pendingUrlViewAsks = false;

/**
 * The view the page's URL asked for, for the next file opened. `ask`: the address does not say
 * which file the view was made for (no `?sample=`, not this tab's reload), so the page asks
 * before applying it to whatever file is opened next.
 */
export function setPendingUrlView(v: UrlView, ask = false): void {
  pendingUrlView = v;
  pendingUrlViewAsks = ask;
}

/** The members of a set, copied as they came (a plain reload needs them again; sources of single files are kept by compare.ts). */
const setMembers = new Map<number, LoadSource[]>();

/** Files whose opening (load, first views, the address's view) has not finished. */
const opening = new Set<number>();

/** Whether a file is still opening: its view is not yet one a person chose. */
export function isOpening(id: number): boolean {
  return opening.has(id);
}

/**
 * Opens a file in a new worker; resolves with its id when loaded (or failed). With members, the
 * file is those files as one set (replicas side by side, profiles merged); `source` names it.
 */
export async function openSource(source: LoadSource, size: number, members?: LoadSource[], picksAtDrop?: number): Promise<number> {
  const id = nextFileId++;
  opening.add(id);
  try {
    return await openSourceAs(id, source, size, members, picksAtDrop);
  } finally {
    opening.delete(id);
  }
}

/** Tabs a person picked so far: the files of a drop take the view only while none was picked since the drop. */
let picks = 0;

export function pickCount(): number {
  return picks;
}

async function openSourceAs(id: number, source: LoadSource, size: number, members?: LoadSource[], picksAtDrop?: number): Promise<number> {
  const urlView = pendingUrlView;
  const askFirst = pendingUrlViewAsks;
  pendingUrlView = null;
  pendingUrlViewAsks = false;
  rememberSource(id, source);
  if (members) setMembers.set(id, members.map((m) => (m.bytes ? { ...m, bytes: m.bytes.slice(0) } : { ...m })));
  // Kept for a reload (keep.ts) before its bytes go to the worker.
  fileOpened(id, source, size);
  const worker = new ProfileWorker();
  workers.set(id, worker);
  useStore.setState((s) => ({
    files: [
      ...s.files,
      {
        id,
        name: source.name,
        ...(source.group !== undefined ? { group: source.group } : {}),
        size,
        status: 'loading',
        load: { phase: 'reading', done: 0, total: size },
        problem: null,
        summary: null,
        view: { ...defaultView },
        ...noResults(),
        identity: null,
        busy: false,
        viewError: null,
      },
    ],
    activeId: picksAtDrop === undefined || picksAtDrop === picks ? id : s.activeId,
  }));
  try {
    const r = await worker.call('load', { source, ...(members ? { members } : {}), flameMinFraction: flameMinFraction() }, {
      transfer: [...(source.bytes ? [source.bytes] : []), ...(members ?? []).flatMap((m) => (m.bytes ? [m.bytes] : []))],
      onProgress: (phase, done, total) => updateFile(id, { load: { phase, done, total } }),
    });
    const isDump = r.summary.kind === 'goroutines';
    updateFile(id, (f) => ({
      status: 'ready',
      load: null,
      summary: r.summary,
      flame: r.flame,
      view: { ...f.view, sampleIndex: r.summary.defaultSampleIndex, tab: isDump ? 'goroutines' : f.view.tab },
    }));
    // The flame graph is up; the goroutine groups and the top table (with pprof's header) follow.
    for (const name of firstViews) await refresh(id, name);
    // The content hash (for pinned findings and shared links), once the first views are up:
    // hashing holds the worker for about 1 ms per MB.
    void worker.call('identity', null).then(
      (identity) => updateFile(id, { identity }),
      (e: unknown) => {
        if (problemOf(e).kind !== 'cancelled') identityFailed(id, problemOf(e).message);
      },
    );
    if (urlView) await startUrlView(id, urlView, askFirst);
  } catch (e) {
    const problem = problemOf(e);
    if (problem.kind === 'cancelled') return id;
    updateFile(id, { status: 'error', load: null, problem });
    worker.terminate();
    workers.delete(id);
  }
  return id;
}

/** The address's view on a file just opened: applied (marked as computing, cancellable), or first asked about. */
async function startUrlView(id: number, urlView: UrlView, askFirst: boolean): Promise<void> {
  const v: Partial<PortableView> = { ...urlView.view, ...(urlView.sampleType ? { sampleType: urlView.sampleType } : {}) };
  const lines = linkedViewLines(v);
  const problems = urlView.problems ?? [];
  if (lines.length === 0 && problems.length === 0) return;
  if (askFirst) {
    askLinkedView({ fileId: id, from: 'address', lines, problems, apply: () => restoreViewQuietly(id, v).then(() => undefined) });
    return;
  }
  if (problems.length > 0) updateFile(id, { viewError: `The address's view: ${problems.join('; ')}.` });
  if (lines.length > 0) await applyLinkedView(id, lines, () => restoreViewQuietly(id, v).then(() => undefined));
}

/**
 * restoreView for a view from outside (an address, a link): a worker stopped by Cancel (or the
 * file closed) ends it quietly, any other failure is the file's view error. Resolves with what
 * could not be found.
 */
export async function restoreViewQuietly(id: number, v: Partial<PortableView>): Promise<string[]> {
  try {
    return await restoreView(id, v);
  } catch (e) {
    const problem = problemOf(e);
    if (problem.kind !== 'cancelled' && getFile(id)) updateFile(id, { busy: false, viewError: problem.message });
    return [];
  }
}

/**
 * Cancel while a view is being computed: the file's worker is stopped (a computation cannot be
 * interrupted any other way) and the file is read again in a new one, at the plain view.
 */
export async function reopenPlain(id: number): Promise<void> {
  const f = getFile(id);
  const source = sourceOf(id);
  if (!f || !source || f.status !== 'ready') return;
  const members = setMembers.get(id)?.map((m) => (m.bytes ? { ...m, bytes: m.bytes.slice(0) } : { ...m }));
  forgetLinkedView(id);
  workers.get(id)?.terminate();
  // Answers still on their way from the stopped worker are dropped.
  for (const name of derivationNames) ticket(id, name);
  const worker = new ProfileWorker();
  workers.set(id, worker);
  opening.add(id);
  updateFile(id, { status: 'loading', load: { phase: 'reading', done: 0, total: f.size }, view: { ...defaultView }, ...noResults(), busy: false, viewError: null });
  try {
    const r = await worker.call('load', { source, ...(members ? { members } : {}), flameMinFraction: flameMinFraction() }, {
      transfer: [...(source.bytes ? [source.bytes] : []), ...(members ?? []).flatMap((m) => (m.bytes ? [m.bytes] : []))],
      onProgress: (phase, done, total) => updateFile(id, { load: { phase, done, total } }),
    });
    const isDump = r.summary.kind === 'goroutines';
    updateFile(id, (g) => ({ status: 'ready', load: null, summary: r.summary, flame: r.flame, view: { ...g.view, sampleIndex: r.summary.defaultSampleIndex, tab: isDump ? 'goroutines' : g.view.tab } }));
    for (const name of firstViews) await refresh(id, name);
  } catch (e) {
    const problem = problemOf(e);
    if (problem.kind !== 'cancelled' && getFile(id)) updateFile(id, { status: 'error', load: null, problem });
  } finally {
    opening.delete(id);
  }
}

/**
 * Where a shared view or a pinned finding lands in this file (one worker call), with the
 * filter and blocking-site rules it will be shown with; null when the file is not loaded.
 */
export async function resolveAnchor(id: number, req: Omit<AnchorRequest, 'skipList'>): Promise<AnchorResult | null> {
  const w = workers.get(id);
  if (!w) return null;
  return w.call('resolveAnchor', { groupBy: getFile(id)?.view.groupBy ?? '', ...req, skipList: useStore.getState().skipList });
}

/** Stops a load in progress and removes its entry. */
export function cancelLoad(id: number): void {
  closeFile(id);
}

export function closeFile(id: number): void {
  workers.get(id)?.terminate();
  workers.delete(id);
  forgetSource(id);
  setMembers.delete(id);
  forgetLinkedView(id);
  fileClosed(id);
  useStore.setState((s) => {
    const i = s.files.findIndex((f) => f.id === id);
    const files = s.files.filter((f) => f.id !== id);
    let activeId = s.activeId;
    if (activeId === id) activeId = files[Math.min(i, files.length - 1)]?.id ?? null;
    return { files, activeId };
  });
}

export function activate(id: number): void {
  picks++;
  useStore.setState({ activeId: id, compareOpen: false });
}

export function setTab(id: number, tab: ViewTab): Promise<void> {
  return applyView(id, { tab });
}

export function setTopFilter(id: number, topFilter: string): Promise<void> {
  return applyView(id, { topFilter });
}

export function setTopSort(id: number, topSort: TopSort | null): Promise<void> {
  return applyView(id, { topSort });
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

/** After a load (which brings the flame graph): the goroutine groups, the top table (with pprof's header), the known bugs. */
const firstViews: DerivationName[] = ['goroutines', 'top', 'knownBugs', 'graph', 'topOrder'];

/** Recomputes one derived result of a file from its current view (derivations.ts). */
async function refresh(id: number, name: DerivationName): Promise<void> {
  const f = getFile(id);
  const w = workers.get(id);
  if (!f || !w) return;
  const current = ticket(id, name);
  const req = (derivations[name] as Derivation<DerivationName>).request(f, useStore.getState());
  if (req === null) {
    updateFile(id, { [name]: null });
    return;
  }
  updateFile(id, { busy: true });
  try {
    const reply = await w.call(name, req);
    if (current()) updateFile(id, { [name]: reply, busy: false, viewError: null });
  } catch (e) {
    if (current()) updateFile(id, { busy: false, viewError: problemOf(e).message });
  }
}

/** Recomputes what a change of these view fields and settings makes stale, in dependency order. */
async function refreshStale(id: number, view: ReadonlySet<keyof FileView>, app?: ReadonlySet<AppKey>): Promise<void> {
  for (const stage of staleStages(view, app)) await Promise.all(stage.map((name) => refresh(id, name)));
}

/** The kube-apiserver version: every finding of every open file says what it means. */
export async function setVersion(version: string): Promise<void> {
  useStore.setState({ version });
  const ready = useStore.getState().files.filter((f) => f.status === 'ready');
  await Promise.all(ready.map((f) => refreshStale(f.id, new Set(), new Set(['version']))));
}

/** Applies several view changes at once and refreshes what they affect. */
export async function applyView(id: number, patch: Partial<FileView>): Promise<void> {
  const before = getFile(id)?.view;
  if (!before) return;
  updateView(id, patch);
  const after = getFile(id)!.view;
  const changed = new Set<keyof FileView>();
  for (const k of Object.keys(after) as (keyof FileView)[]) {
    if (after[k] !== before[k] && JSON.stringify(after[k]) !== JSON.stringify(before[k])) changed.add(k);
  }
  await refreshStale(id, changed);
}

/** Goroutine filters: state, minimum wait minutes, frame regex. */
export function setFilter(id: number, filter: SampleFilter): Promise<void> {
  return applyView(id, { filter, group: null, bucket: 0, zoom: 0 });
}

/** Splits the goroutine groups by a label key ("" for none); the open group closes. */
export function setGroupBy(id: number, groupBy: string): Promise<void> {
  return applyView(id, { groupBy, group: null, bucket: 0 });
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
  await Promise.all([
    ...useStore.getState().files.map(async (f) => {
      if (f.summary?.kind !== 'goroutines') return;
      updateView(f.id, { group: null, bucket: 0 });
      await refreshStale(f.id, new Set(), new Set(['skipList']));
    }),
    refreshCompareSettings(new Set(['skipList'])),
  ]);
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

/**
 * The flame panel shows the sandwich of a function: its callers above, its callees below, with
 * pprof's -peek numbers. `functionName` is the name the top table shows at functions
 * granularity; null closes the sandwich. Any view may call it (top row, flame frame, graph node).
 */
export function openSandwich(fileId: number, functionName: string | null): Promise<void> {
  return applyView(fileId, { sandwich: functionName ?? '', tab: 'flame' });
}

export function zoomTo(id: number, node: number): Promise<void> {
  return applyView(id, { zoom: node });
}

export function setSearch(id: number, search: string, searchRegex: boolean): Promise<void> {
  return applyView(id, { search, searchRegex });
}

export const groupName = (g: { state: string; site: string }) => `${g.state ? `in ${g.state} ` : ''}at ${g.site}`;

/** What a link's view could not find in this file, one phrase each. */
function linkMiss(m: AnchorMiss): string {
  switch (m.what) {
    case 'sampleType':
      return `the sample type ${m.name}`;
    case 'focus':
      return `the function ${m.name} (focus)`;
    case 'frame':
      return `the zoomed frame ${m.name}`;
    case 'group':
    case 'stack':
      return `the goroutine group ${groupName(m.group)}`;
  }
}

/**
 * Puts a file's view where a link or an address left it: the plain fields as they are, the
 * anchors (sample type, focus and zoomed frame, group) resolved by name in this file in one
 * worker call. Only what `v` holds changes. Resolves with what could not be found.
 */
export async function restoreView(id: number, v: Partial<PortableView>): Promise<string[]> {
  const f = getFile(id);
  if (!f?.summary) return [];
  // A file read again meanwhile (Cancel: reopenPlain) has a new worker: this restore is over.
  const worker = workers.get(id);
  const missed: string[] = [];
  const patch: Partial<FileView> = {};
  if (v.granularity !== undefined) patch.granularity = v.granularity;
  if (v.filter !== undefined) {
    patch.filter = { states: [...v.filter.states], minWait: v.filter.minWait, frame: v.filter.frame };
    if (v.filter.tagfocus) patch.filter.tagfocus = v.filter.tagfocus;
    if (v.filter.tagignore) patch.filter.tagignore = v.filter.tagignore;
    for (const k of refineTextKeys) if (v.filter[k]) patch.filter[k] = v.filter[k];
    for (const k of refineNumberKeys) if (v.filter[k] !== undefined) patch.filter[k] = v.filter[k];
  }
  if (v.groupBy !== undefined) patch.groupBy = v.groupBy;
  if (v.sandwich !== undefined) patch.sandwich = v.sandwich;
  if (v.search !== undefined) Object.assign(patch, { search: v.search, searchRegex: false });
  if (v.topFilter !== undefined) patch.topFilter = v.topFilter;
  if (v.stackBy !== undefined) patch.stackBy = v.stackBy;
  if (v.tab !== undefined) {
    if (v.tab !== 'goroutines' || f.summary.kind === 'goroutines') patch.tab = v.tab;
    else missed.push('the goroutine view (this file is not a goroutine dump)');
  }
  const filter = patch.filter ?? f.view.filter;
  const anchored = v.sampleType !== undefined || v.focus !== undefined || v.zoomPath !== undefined || v.group !== undefined;
  if (anchored) {
    const r = await resolveAnchor(id, {
      filter,
      groupBy: patch.groupBy ?? f.view.groupBy,
      sampleIndex: f.view.sampleIndex,
      ...(v.sampleType ? { sampleType: v.sampleType } : {}),
      focus: v.focus ?? null,
      path: v.zoomPath ?? [],
      ...(v.group ? { group: v.group } : {}),
    });
    if (!r) return missed;
    missed.push(...r.missed.map(linkMiss));
    patch.sampleIndex = r.sampleIndex;
    if (v.focus !== undefined || v.zoomPath !== undefined) Object.assign(patch, { focus: r.focus, zoom: r.zoom });
    if (v.group !== undefined) Object.assign(patch, { group: r.group, bucket: 0 });
  }
  if (workers.get(id) !== worker) return missed;
  await applyView(id, patch);
  return missed;
}
