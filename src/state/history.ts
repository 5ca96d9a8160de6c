// The browser's history as a trail of views: each view a person chooses (tab, sample type, zoom,
// refinement or filter, selected group, active file) is an entry, so Back and Forward move
// between views; typing (search, a filter's text) updates its entry instead of adding one per
// key. An entry names its file by slot (state/keep.ts, stable across a reload) and holds the view
// in its address (url.ts writes it). Restoring an entry does not write a new one.
//
// Back never leaves the app while files are open: when the first view is written, the entry the
// page was opened at becomes a guard, and Back onto the guard steps forward again. (Chromium
// skips entries a page pushed before any click or key when its own Back button is used; a page
// left that way comes back with its files and view on Forward, from keep.ts.)

import { activate, isOpening, restoreView, setVersion } from './actions';
import { idOfSlot, slotOf } from './keep';
import { portableView } from './portable';
import { getFile, useStore, type OpenFile } from './store';
import { addressQuery, currentMark, historyGo, onHistoryMove, readAddress, setHistoryEntry, viewAddress, type HistoryMark } from './url';
import { defaultPortableView } from '../share/viewCodec';

/** Address keys a person types into: changes to the same ones in a row, each within COALESCE_MS of the last, make one entry. */
export const TYPED_KEYS: ReadonlySet<string> = new Set([
  'search',
  'rows',
  'frame',
  'wait',
  'tagfocus',
  'tagignore',
  'pfocus',
  'ignore',
  'hide',
  'show',
  'show_from',
  'prune_from',
  'nodefraction',
  'edgefraction',
  'nodecount',
  'version',
]);

export const COALESCE_MS = 1000;

/** The entry last written: its file, its query, when, and which keys it changed (null: not typing). */
export interface Written {
  slot: number | null;
  /** Its place in the trail (HistoryMark.n). */
  n: number;
  query: string;
  at: number;
  changed: string | null;
}

/** Keys whose values differ between two queries, sorted. */
export function changedKeys(a: string, b: string): string[] {
  const qa = new URLSearchParams(a);
  const qb = new URLSearchParams(b);
  const keys = new Set([...qa.keys(), ...qb.keys()]);
  return [...keys].filter((k) => qa.getAll(k).join('\u0000') !== qb.getAll(k).join('\u0000')).sort();
}

export type HistoryStep = 'none' | 'first' | 'push' | 'replace';

/**
 * What writing `query` for the file in `slot` does to history, after `last`: nothing (the same
 * view), the first entry (no entry of this app yet), a new entry, or an update of the last one
 * (typing: the same typed keys changed again within COALESCE_MS).
 */
export function historyStep(last: Written | null, slot: number | null, query: string, now: number): { step: HistoryStep; changed: string | null } {
  if (!last) return { step: 'first', changed: null };
  if (last.slot !== slot) return { step: 'push', changed: null };
  const keys = changedKeys(last.query, query);
  if (keys.length === 0) return { step: 'none', changed: last.changed };
  const changed = keys.join(',');
  if (keys.every((k) => TYPED_KEYS.has(k)) && last.changed === changed && now - last.at < COALESCE_MS) return { step: 'replace', changed };
  return { step: 'push', changed: keys.every((k) => TYPED_KEYS.has(k)) ? changed : null };
}

/** How long the address waits for the view to settle before it is written. */
const ADDRESS_DELAY_MS = 150;

let written: Written | null = null;
/** Restores in progress (an entry's view, or the files of a reload): nothing is written meanwhile. */
let holding = 0;

const mark = (slot: number | null, n: number): HistoryMark => ({ stackscope: 1, slot, n });

function activeFile(): OpenFile | null {
  const s = useStore.getState();
  if (s.compareOpen) return null;
  return s.files.find((x) => x.id === s.activeId) ?? null;
}

/** Runs `f` when the main thread is next idle (at most ADDRESS_IDLE_MS later), else in a new task. */
const ADDRESS_IDLE_MS = 300;
function afterPaint(f: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: ADDRESS_IDLE_MS });
  else setTimeout(f, 0);
}

/** Writes the active file's view: a new entry, an update, or nothing (historyStep). */
function writeEntry(force: 'replace' | null): void {
  const f = activeFile();
  if (!f || f.status !== 'ready') return;
  const address = viewAddress(portableView(f), useStore.getState().version);
  const query = address.split('#')[0]!;
  const slot = slotOf(f.id);
  const now = Date.now();
  let { step, changed } = historyStep(written, slot, query, now);
  if (force && step !== 'first' && currentMark()) [step, changed] = [force, null];
  if (step === 'none') return;
  let n = written?.n ?? currentMark()?.n ?? 0;
  if (step === 'first') {
    // The entry the page opened at becomes the guard: Back from the first view lands there and steps forward again.
    if (!currentMark()?.guard) setHistoryEntry('replace', { stackscope: 1, slot: null, n: 0, guard: true });
    n = 1;
    setHistoryEntry('push', mark(slot, n), address);
  } else {
    if (step === 'push') n++;
    setHistoryEntry(step, mark(slot, n), address);
  }
  written = { slot, n, query, at: now, changed };
}

/**
 * Runs a restore (an entry's view, a reload's files) without writing entries for the steps it
 * takes; then the current entry is made to show what the page shows, without a new entry.
 */
export async function holdHistory<T>(f: () => Promise<T>): Promise<T> {
  holding++;
  try {
    return await f();
  } finally {
    holding--;
    if (holding === 0) writeEntry('replace');
  }
}

/** Back or Forward reached an entry: its file and view come back. */
async function moved(m: HistoryMark | null): Promise<void> {
  // An entry the app did not write (a link pasted into the address bar): the fragment handler reads it.
  if (!m) return;
  const s = useStore.getState();
  if (m.guard) {
    if (s.files.length > 0) historyGo(1);
    return;
  }
  const direction = m.n >= (written?.n ?? 0) ? 1 : -1;
  // The entry is now the current one (its place in the trail), whatever it shows once restored.
  written = { slot: m.slot, n: m.n, query: addressQuery(), at: 0, changed: null };
  let skip = false;
  await holdHistory(async () => {
    const id = m.slot === null ? null : idOfSlot(m.slot);
    const f = id === null ? undefined : getFile(id);
    // Its file was closed since: the entry is rewritten to what the page shows, and the move goes on one more step.
    if (id === null || !f || f.status !== 'ready') {
      skip = true;
      return;
    }
    if (s.activeId !== id || s.compareOpen) activate(id);
    const { view, sampleType, version } = readAddress().view;
    if ((version ?? '') !== s.version) void setVersion(version ?? '');
    // The whole view: a field the entry's address leaves out has its default.
    await restoreView(id, { ...defaultPortableView, ...view, ...(sampleType ? { sampleType } : {}) });
  });
  if (skip && useStore.getState().files.length > 0) historyGo(direction);
}

/**
 * Keeps history in step with the active file's view while the page lives: a write waits until
 * the view settles (the file has opened, no result is being computed), and writes are coalesced
 * (each history write cost 5-12 ms of the main thread in a trace). Returns the unsubscribe.
 */
export function syncHistoryWithView(): () => void {
  const m = currentMark();
  // After a reload the entries are still there: the current one is where the trail continues.
  written = m && !m.guard ? { slot: m.slot, n: m.n, query: addressQuery(), at: 0, changed: null } : null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  // The write itself (5-12 ms) waits for an idle moment after the frame that shows the view, so
  // it never delays that frame; `timer` stays set until then, and what is written is the view
  // at that moment.
  const write = () =>
    afterPaint(() => {
      timer = null;
      if (stopped || holding > 0) return;
      const f = activeFile();
      if (!f || f.status !== 'ready') return;
      if (f.busy || isOpening(f.id)) {
        timer = setTimeout(write, ADDRESS_DELAY_MS);
        return;
      }
      writeEntry(null);
    });
  const unsubscribe = useStore.subscribe((s, prev) => {
    const f = s.files.find((x) => x.id === s.activeId);
    const pf = prev.files.find((x) => x.id === prev.activeId);
    if (!f || f.status !== 'ready' || holding > 0) return;
    const same = pf && pf.view === f.view && pf.status === f.status && pf.flame === f.flame && pf.goroutines === f.goroutines && pf.busy === f.busy;
    if (same && s.version === prev.version && s.compareOpen === prev.compareOpen) return;
    timer ??= setTimeout(write, ADDRESS_DELAY_MS);
  });
  const offMove = onHistoryMove((mk) => void moved(mk));
  return () => {
    stopped = true;
    unsubscribe();
    offMove();
    if (timer !== null) clearTimeout(timer);
  };
}
