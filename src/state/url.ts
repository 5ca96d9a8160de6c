// The page's address: the only module that reads `location` or writes `history`. The active
// file's view lives in the query through the one view codec (share/viewCodec.ts), so a reload
// or a copied address shows the same thing; the fragment holds a findings link.

import {
  decodeView,
  encodeView,
  queryToParams,
  viewToQuery as paramsToQuery,
  type PortableView,
} from '../share/viewCodec';
import { portableView } from './portable';
import { useStore } from './store';

/** What the address asks for; anchors (sample type, frame, group) by name, resolved once loaded. */
export interface UrlView {
  view: Partial<Omit<PortableView, 'sampleType'>>;
  sampleType?: string;
  /** kube-apiserver version for known-bug findings. */
  version?: string;
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
  const { sampleType, ...view } = decodeView(queryToParams(q)).view;
  const version = (q.get('version') ?? '').slice(0, 64);
  return { view, ...(sampleType ? { sampleType } : {}), ...(version ? { version } : {}) };
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

/** Puts a view in the query (replaceState: no history entry per keystroke); the fragment stays. */
export function writeViewToAddress(view: PortableView, version: string): void {
  const q = portableToQuery(view, new URLSearchParams(window.location.search), version);
  const next = `?${q.toString()}${window.location.hash}`;
  if (next !== window.location.search + window.location.hash) window.history.replaceState(null, '', next);
}

/** The fragment (a findings link, "#s1.…"), with its "#". */
export function addressFragment(): string {
  return window.location.hash;
}

/** Drops the fragment, keeping the query. */
export function clearAddressFragment(): void {
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
}

/** The page's address without query or fragment: a link opens the app, not a file. */
export function pageAddress(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

/** Calls `f` when the fragment changes (a link pasted into the address bar); returns the unsubscribe. */
export function onFragmentChange(f: () => void): () => void {
  window.addEventListener('hashchange', f);
  return () => window.removeEventListener('hashchange', f);
}


/** How long the address waits for the view to settle before it is written. */
const ADDRESS_DELAY_MS = 150;

/**
 * Keeps the address in step with the active file's view (replaceState: no history entry per
 * change). Writes are coalesced: each replaceState cost 5-12 ms of the main thread in a trace,
 * and a load or a typed filter changes the view several times in a row. Returns the
 * unsubscribe.
 */
export function syncAddressWithView(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const s = useStore.getState();
    const f = s.files.find((x) => x.id === s.activeId);
    if (f && f.status === 'ready') writeViewToAddress(portableView(f), s.version);
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    const f = s.files.find((x) => x.id === s.activeId);
    const pf = prev.files.find((x) => x.id === prev.activeId);
    if (!f || f.status !== 'ready') return;
    const same = pf && pf.view === f.view && pf.status === f.status && pf.flame === f.flame && pf.goroutines === f.goroutines;
    if (same && s.version === prev.version) return;
    timer ??= setTimeout(write, ADDRESS_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
