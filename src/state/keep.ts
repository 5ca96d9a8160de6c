// Open files kept for a reload: each opened file's bytes go into the browser's IndexedDB, keyed
// by this tab's session id (sessionStorage), so a reload of this tab brings them back and no
// other tab or later session sees them. Nothing here is ever sent anywhere. A cap bounds what is
// kept; a file over it is named with its size. When storage is unavailable (private mode,
// errors) the page says reload will not restore, and everything else works as before.

import { create } from 'zustand';
import type { LoadSource } from '../worker/client';

/**
 * Most bytes kept per tab session: 512 MiB. Files are kept as they came (gzipped profiles stay
 * gzipped), so this holds a 150 MB debug=2 dump with a dozen profiles beside it. It stays under
 * what browsers grant an origin without asking on a typical disk (Chromium and Firefox: a share
 * of free disk, several GB; Safari: 1 GiB before it asks), and a reload reads it back in seconds.
 */
export const KEEP_CAP_BYTES = 512 * 1024 * 1024;

/** Another session's files are removed when its tab is gone (Web Locks), or after this long when the browser cannot tell. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** One kept file: where it sits among the session's files (slot, in opening order) and what it was. */
export interface KeptFile {
  session: string;
  slot: number;
  name: string;
  group?: string;
  knownTime: number | null;
  size: number;
  /** When it was kept, ms since the epoch. */
  savedAt: number;
  file: Blob;
}

/** Where kept files live: IndexedDB in the page, a map in tests. */
export interface KeepBackend {
  put(rec: KeptFile): Promise<void>;
  remove(session: string, slot: number): Promise<void>;
  /** Every session's records (in IndexedDB the blobs are handles, read only when used). */
  all(): Promise<KeptFile[]>;
}

/** A size as the notes say it: KiB below 1 MiB, else MiB, one decimal. */
export function sizeText(bytes: number): string {
  const [n, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  return `${n.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

/** What the page shows about kept files. */
export interface KeepStatus {
  /** Why reload will not restore files, or null while storage works. */
  unavailable: string | null;
  /** Files this session keeps now, and their bytes. */
  count: number;
  bytes: number;
  /** Files that were not kept, each with why (newest last). */
  notKept: string[];
  /** What the last "Forget files" did. */
  forgotten: string | null;
  /** What a reload brought back. */
  restored: string | null;
}

export const useKeep = create<KeepStatus>(() => ({ unavailable: null, count: 0, bytes: 0, notKept: [], forgotten: null, restored: null }));

const errorText = (e: unknown) => {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') return "the browser's storage for this page is full";
  return e instanceof Error ? e.message : String(e);
};

/**
 * The session's kept files and the cap. Writes run one after another (a close right after an
 * open removes what the open put). Never throws: a failure becomes a message in useKeep.
 */
export class Keeper {
  private readonly kept = new Map<number, number>();
  private chain: Promise<unknown> = Promise.resolve();
  private total = 0;

  private readonly cap: number;
  private readonly now: () => number;

  /** Without a backend nothing is kept, and the page says why (`unavailable`). */
  constructor(
    private backend: KeepBackend | null,
    readonly session: string,
    options: { cap?: number; now?: () => number; unavailable?: string } = {},
  ) {
    this.cap = options.cap ?? KEEP_CAP_BYTES;
    this.now = options.now ?? Date.now;
    if (!backend) this.fail(options.unavailable ?? 'storage is unavailable');
  }

  private fail(why: string): void {
    this.backend = null;
    useKeep.setState({ unavailable: `Open files will not come back after a reload: the browser did not let this page keep them (${why.replace(/\.$/, '')}).` });
  }

  private run<T>(f: (b: KeepBackend) => Promise<T>): Promise<T | null> {
    const b = this.backend;
    if (!b) return Promise.resolve(null);
    const next = this.chain.then(() => f(b));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private publish(): void {
    useKeep.setState({ count: this.kept.size, bytes: this.total });
  }

  /**
   * Reads what is stored: removes other sessions' records whose tab is gone (`live`: session ids
   * whose tab holds its lock, null when the browser cannot tell, then by age) and, when `fresh`,
   * this session's own; resolves with this session's files in opening order.
   */
  async start(fresh: boolean, live: ReadonlySet<string> | null): Promise<KeptFile[]> {
    let records: KeptFile[];
    try {
      records = (await this.run((b) => b.all())) ?? [];
    } catch (e) {
      this.fail(errorText(e));
      return [];
    }
    const mine: KeptFile[] = [];
    const stale: KeptFile[] = [];
    for (const r of records) {
      if (r.session === this.session) (fresh ? stale : mine).push(r);
      else if (live ? !live.has(r.session) : this.now() - r.savedAt > STALE_AFTER_MS) stale.push(r);
    }
    for (const r of stale) void this.run((b) => b.remove(r.session, r.slot)).catch(() => undefined);
    mine.sort((a, b) => a.slot - b.slot);
    for (const r of mine) {
      this.kept.set(r.slot, r.size);
      this.total += r.size;
    }
    this.publish();
    return mine;
  }

  /** Keeps one opened file (its bytes copied now: the caller may hand them to a worker next). */
  keep(slot: number, source: LoadSource, size: number): void {
    if (!this.backend || this.kept.has(slot)) return;
    const label = source.group ? `${source.group} › ${source.name}` : source.name;
    if (this.total + size > this.cap) {
      const already = this.total > 0 ? `; ${sizeText(this.total)} already kept` : '';
      this.notKept(`${label} (${sizeText(size)}) is not kept for reload: over the ${sizeText(this.cap)} cap${already}`);
      return;
    }
    const file = source.file ?? (source.bytes ? new Blob([source.bytes]) : null);
    if (!file) return;
    this.kept.set(slot, size);
    this.total += size;
    this.publish();
    const rec: KeptFile = {
      session: this.session,
      slot,
      name: source.name,
      ...(source.group !== undefined ? { group: source.group } : {}),
      knownTime: source.knownTime ?? null,
      size,
      savedAt: this.now(),
      file,
    };
    this.run((b) => b.put(rec)).catch((e: unknown) => {
      if (this.kept.delete(slot)) this.total -= size;
      this.publish();
      const why = errorText(e);
      if (/full/.test(why)) this.notKept(`${label} (${sizeText(size)}) is not kept for reload: ${why}`);
      else this.fail(why);
    });
  }

  private notKept(message: string): void {
    useKeep.setState((s) => ({ notKept: [...s.notKept, message] }));
  }

  /** A closed file is not brought back. */
  drop(slot: number): void {
    const size = this.kept.get(slot);
    if (size === undefined) return;
    this.kept.delete(slot);
    this.total -= size;
    this.publish();
    this.run((b) => b.remove(this.session, slot)).catch((e: unknown) => this.fail(errorText(e)));
  }

  /** "Forget files": removes every kept file of this session; resolves with what was removed. */
  async forget(): Promise<{ count: number; bytes: number }> {
    const slots = [...this.kept.keys()];
    const gone = { count: slots.length, bytes: this.total };
    this.kept.clear();
    this.total = 0;
    this.publish();
    try {
      await Promise.all(slots.map((slot) => this.run((b) => b.remove(this.session, slot))));
      useKeep.setState({
        notKept: [],
        restored: null,
        forgotten: `Forgot ${gone.count} kept file${gone.count === 1 ? '' : 's'} (${sizeText(gone.bytes)}): a reload will not bring the open files back. Files opened from now on are kept again.`,
      });
    } catch (e) {
      this.fail(errorText(e));
    }
    return gone;
  }

  /** Waits for the writes queued so far (tests, and a reload test that must find them stored). */
  settled(): Promise<unknown> {
    return this.chain;
  }
}

// ---- IndexedDB

const DB_NAME = 'stackscope-kept-files';
const STORE = 'files';

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error ?? new Error('IndexedDB request failed'));
  });

/** How long the page waits for IndexedDB to open before it goes on without it. */
const OPEN_TIMEOUT_MS = 10_000;

function openDb(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    setTimeout(() => fail(new Error(`IndexedDB did not open within ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS);
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: ['session', 'slot'] });
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error ?? new Error('IndexedDB could not be opened'));
    r.onblocked = () => fail(new Error('IndexedDB is blocked by another tab'));
  });
}

/** The page's IndexedDB as a KeepBackend; rejects when the browser refuses it. */
export async function indexedDbBackend(): Promise<KeepBackend> {
  if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
  const db = await openDb();
  const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  const done = (t: IDBTransaction) =>
    new Promise<void>((ok, fail) => {
      t.oncomplete = () => ok();
      t.onerror = () => fail(t.error ?? new Error('IndexedDB write failed'));
      t.onabort = () => fail(t.error ?? new Error('IndexedDB write was aborted'));
    });
  return {
    async put(rec) {
      const s = tx('readwrite');
      s.put(rec);
      await done(s.transaction);
    },
    async remove(session, slot) {
      const s = tx('readwrite');
      s.delete([session, slot]);
      await done(s.transaction);
    },
    all: () => request(tx('readonly').getAll()) as Promise<KeptFile[]>,
  };
}

// ---- this tab's session

const SESSION_KEY = 'stackscope.session';
const SLOT_KEY = 'stackscope.nextSlot';
const LOCK_PREFIX = 'stackscope-session:';

function randomId(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** This tab's session id (kept in sessionStorage: a reload keeps it, another tab has its own), or null. */
function sessionId(): string | null {
  try {
    let id = sessionStorage.getItem(SESSION_KEY);
    if (!id) {
      id = randomId();
      sessionStorage.setItem(SESSION_KEY, id);
    }
    return id;
  } catch {
    return null;
  }
}

let memorySlot = 1;
/** A slot never used before in this session (a history entry names its file by slot). */
function newSlot(): number {
  try {
    const n = Number(sessionStorage.getItem(SLOT_KEY) ?? '1');
    const slot = Number.isSafeInteger(n) && n > 0 ? Math.max(n, memorySlot) : memorySlot;
    sessionStorage.setItem(SLOT_KEY, String(slot + 1));
    memorySlot = slot + 1;
    return slot;
  } catch {
    return memorySlot++;
  }
}

/** Holds this session's lock while the page lives and lists the sessions whose tab holds theirs; null when the browser has no Web Locks. */
async function liveSessions(session: string): Promise<Set<string> | null> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return null;
  // Taken for the page's life: released when the tab closes or reloads.
  void locks.request(LOCK_PREFIX + session, () => new Promise<never>(() => undefined)).catch(() => undefined);
  const held = await locks.query();
  const live = new Set<string>([session]);
  for (const l of [...(held.held ?? []), ...(held.pending ?? [])]) if (l.name?.startsWith(LOCK_PREFIX)) live.add(l.name.slice(LOCK_PREFIX.length));
  return live;
}

let keeper: Keeper | null = null;
/** Files opened before the store was open (a drop in the page's first moments), kept once it is. */
let early: Array<{ id: number; slot: number; source: LoadSource; size: number }> | null = [];
const slots = new Map<number, number>();
let restoringSlot: number | null = null;

/**
 * Opens this session's store; resolves with the files to bring back (none when `fresh`: a new
 * visit starts empty and removes what an earlier page of this tab kept).
 */
export async function startKeeping(fresh: boolean): Promise<KeptFile[]> {
  const session = sessionId();
  if (!session) {
    keeper = new Keeper(null, '', { unavailable: 'sessionStorage is unavailable' });
    return [];
  }
  try {
    keeper = new Keeper(await indexedDbBackend(), session);
  } catch (e) {
    keeper = new Keeper(null, session, { unavailable: errorText(e) });
    return [];
  }
  const kept = await keeper.start(fresh, await liveSessions(session).catch(() => null));
  keepEarly();
  return kept;
}

function keepEarly(): void {
  const list = early ?? [];
  early = null;
  for (const e of list) if (slots.has(e.id)) keeper?.keep(e.slot, e.source, e.size);
}

/** The next file opened is a kept file coming back in its old slot (not kept again). */
export function reopeningSlot(slot: number): void {
  restoringSlot = slot;
}

/** A file begins to open (before its bytes go to its worker): it gets a slot and is kept. */
export function fileOpened(id: number, source: LoadSource, size: number): void {
  if (restoringSlot !== null) {
    slots.set(id, restoringSlot);
    restoringSlot = null;
    return;
  }
  const slot = newSlot();
  slots.set(id, slot);
  if (early && !keeper) {
    // Copied now (the bytes go to the file's worker next), up to the cap: the rest are named once the store opens.
    const held = early.reduce((n, e) => n + e.size, 0);
    const file = source.file ?? (source.bytes && held + size <= KEEP_CAP_BYTES ? new Blob([source.bytes]) : undefined);
    early.push({ id, slot, source: { ...source, bytes: undefined, ...(file ? { file } : {}) }, size });
  } else keeper?.keep(slot, source, size);
}

export function fileClosed(id: number): void {
  const slot = slots.get(id);
  slots.delete(id);
  if (slot !== undefined) keeper?.drop(slot);
}

/** The slot of an open file (what a history entry names), and back. */
export function slotOf(id: number): number | null {
  return slots.get(id) ?? null;
}

export function idOfSlot(slot: number): number | null {
  for (const [id, s] of slots) if (s === slot) return id;
  return null;
}

/** "Forget files": the kept files of this session are removed. */
export async function forgetKeptFiles(): Promise<void> {
  await keeper?.forget();
}

/** Resolves once the queued writes are done. */
export function keptSettled(): Promise<unknown> {
  return keeper?.settled() ?? Promise.resolve();
}
