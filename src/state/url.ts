// The page's address: the only module that reads `location` or writes `history`. The active
// file's view lives in the query through the one view codec (share/viewCodec.ts), so a reload
// or a copied address shows the same thing; the fragment holds a findings link. Which entries
// are written, and what Back and Forward restore, is decided in history.ts.

import {
  decodeView,
  encodeView,
  queryToParams,
  viewToQuery as paramsToQuery,
  type PortableView,
} from '../share/viewCodec';
import { checkViewPatterns } from '../share/viewCheck';

/** What the address asks for; anchors (sample type, frame, group) by name, resolved once loaded. */
export interface UrlView {
  view: Partial<Omit<PortableView, 'sampleType'>>;
  sampleType?: string;
  /** kube-apiserver version for known-bug findings. */
  version?: string;
  /** What the address carried that could not be used (a bad value, a pattern Go would not compile), one sentence each. */
  problems?: string[];
}

/** The query for a view (what portableView gives), keeping `?sample=` and writing the version. */
export function portableToQuery(view: PortableView, keep: URLSearchParams, version = ''): URLSearchParams {
  const q = new URLSearchParams();
  const sample = keep.get('sample');
  if (sample) q.set('sample', sample);
  if (version.trim() !== '') q.set('version', version.trim());
  return paramsToQuery(encodeView(view), q);
}

export function queryToView(q: URLSearchParams): UrlView {
  const decoded = decodeView(queryToParams(q));
  // Checked like any input: the codec bounds lengths and numbers, the patterns must be Go's RE2.
  const checked = checkViewPatterns(decoded.view);
  const { sampleType, ...view } = checked.view;
  const problems = [...decoded.invalid.map((k) => `"${k.slice(0, 40)}" was left out: ${decoded.problems[k] ?? 'not readable'}`), ...checked.problems];
  const version = (q.get('version') ?? '').slice(0, 64);
  return { view, ...(sampleType ? { sampleType } : {}), ...(version ? { version } : {}), ...(problems.length > 0 ? { problems } : {}) };
}

// ---- the browser's address (nothing else touches location or history)

export interface Address {
  view: UrlView;
  /** ?sample=NAME: a bundled sample to open. */
  sample: string | null;
}

export function readAddress(): Address {
  const q = new URLSearchParams(window.location.search);
  return { view: queryToView(q), sample: q.get('sample') };
}

/** The address (query and fragment) that shows a view; the fragment stays. */
export function viewAddress(view: PortableView, version: string): string {
  const q = portableToQuery(view, new URLSearchParams(window.location.search), version);
  return `?${q.toString()}${window.location.hash}`;
}

/** The current address's query, with its "?" (or ""). */
export function addressQuery(): string {
  return window.location.search;
}

/** What this app keeps in a history entry: the file it shows (by slot, state/keep.ts), or the guard entry before the first view. */
export interface HistoryMark {
  stackscope: 1;
  slot: number | null;
  /** The entry's place in the app's trail (the guard is 0): tells Back from Forward. */
  n: number;
  guard?: true;
}

const isMark = (x: unknown): x is HistoryMark =>
  typeof x === 'object' && x !== null && (x as { stackscope?: unknown }).stackscope === 1 && typeof (x as { n?: unknown }).n === 'number';

/** The current entry's mark, or null when the entry is not one the app wrote. */
export function currentMark(): HistoryMark | null {
  const s: unknown = window.history.state;
  return isMark(s) ? s : null;
}

/** Writes an entry: a new one (push) or the current one (replace), at `address` (default: the current one). */
export function setHistoryEntry(how: 'push' | 'replace', mark: HistoryMark, address?: string): void {
  const to = address ?? `${window.location.search}${window.location.hash}`;
  // An empty address would keep the query: the bare path drops it.
  const url = to === '' ? window.location.pathname : to;
  if (how === 'push') window.history.pushState(mark, '', url);
  else window.history.replaceState(mark, '', url);
}

/** Calls `f` with the entry's mark when Back or Forward moves to an entry of this document; returns the unsubscribe. */
export function onHistoryMove(f: (mark: HistoryMark | null) => void): () => void {
  const listener = (e: PopStateEvent) => f(isMark(e.state) ? e.state : null);
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
}

/** Moves `delta` entries (1: forward from the guard entry to the first view). */
export function historyGo(delta: number): void {
  window.history.go(delta);
}

/** How this page was reached: a reload or Back/Forward bring back the tab's files, a new visit starts empty. */
export function arrivedBy(): 'navigate' | 'reload' | 'back_forward' {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const t = nav?.type;
  return t === 'reload' || t === 'back_forward' ? t : 'navigate';
}

/** The fragment (a findings link, "#s1.…"), with its "#". */
export function addressFragment(): string {
  return window.location.hash;
}

/** Drops the fragment, keeping the query and the entry's mark. */
export function clearAddressFragment(): void {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
}

/** The page's address without query or fragment: a link opens the app, not a file. */
export function pageAddress(): string {
  // Not origin + pathname: a page opened from disk (stackscope.html) has the origin "null".
  const u = new URL(window.location.href);
  u.search = '';
  u.hash = '';
  return u.href;
}

/** Whether the page was opened from disk (file://), where it may not fetch the files beside it. */
export function pageOnDisk(): boolean {
  return window.location.protocol === 'file:';
}

/** Calls `f` when the fragment changes (a link pasted into the address bar); returns the unsubscribe. */
export function onFragmentChange(f: () => void): () => void {
  window.addEventListener('hashchange', f);
  return () => window.removeEventListener('hashchange', f);
}


