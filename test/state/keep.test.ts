// Files kept for reload (state/keep.ts), with a map standing in for IndexedDB: what is kept and
// what is not (the cap, storage errors), closing and forgetting, and which sessions' records a
// start removes. The real IndexedDB is exercised by e2e/history.spec.ts.

import { beforeEach, describe, expect, it } from 'vitest';
import { KEEP_CAP_BYTES, Keeper, STALE_AFTER_MS, sizeText, useKeep, type KeepBackend, type KeptFile } from '../../src/state/keep';

class MapBackend implements KeepBackend {
  readonly records = new Map<string, KeptFile>();
  failPut: Error | null = null;
  failAll: Error | null = null;
  put(rec: KeptFile): Promise<void> {
    if (this.failPut) return Promise.reject(this.failPut);
    this.records.set(`${rec.session}/${rec.slot}`, rec);
    return Promise.resolve();
  }
  remove(session: string, slot: number): Promise<void> {
    this.records.delete(`${session}/${slot}`);
    return Promise.resolve();
  }
  all(): Promise<KeptFile[]> {
    return this.failAll ? Promise.reject(this.failAll) : Promise.resolve([...this.records.values()]);
  }
  slots(session: string): number[] {
    return [...this.records.values()].filter((r) => r.session === session).map((r) => r.slot).sort((a, b) => a - b);
  }
}

const bytes = (n: number) => new Uint8Array(n).fill(7).buffer as ArrayBuffer;
const record = (session: string, slot: number, savedAt: number): KeptFile => ({ session, slot, name: `f${slot}`, knownTime: null, size: 3, savedAt, file: new Blob([bytes(3)]) });

beforeEach(() => useKeep.setState({ unavailable: null, count: 0, bytes: 0, notKept: [], forgotten: null, restored: null }));

describe('Keeper', () => {
  it('keeps each file with its name, group and time, copied before its bytes are handed on', async () => {
    const b = new MapBackend();
    const k = new Keeper(b, 's1');
    await k.start(false, new Set(['s1']));
    const buf = bytes(10);
    k.keep(1, { name: 'heap.pb.gz', bytes: buf, knownTime: 1234 }, 10);
    k.keep(2, { name: 'a/goroutines.txt', group: 'bundle.zip', file: new Blob([bytes(4)]) }, 4);
    // Transferring the bytes to a worker detaches them; the kept copy is unaffected.
    structuredClone(buf, { transfer: [buf] });
    await k.settled();
    const r1 = b.records.get('s1/1')!;
    expect(r1).toMatchObject({ name: 'heap.pb.gz', knownTime: 1234, size: 10 });
    expect(r1.group).toBeUndefined();
    expect(new Uint8Array(await r1.file.arrayBuffer())).toEqual(new Uint8Array(10).fill(7));
    expect(b.records.get('s1/2')).toMatchObject({ name: 'a/goroutines.txt', group: 'bundle.zip', knownTime: null, size: 4 });
    expect(useKeep.getState()).toMatchObject({ count: 2, bytes: 14, notKept: [] });
  });

  it('a file over the cap is named with its size and not kept; the next one that fits is', async () => {
    const b = new MapBackend();
    const KiB = 1024;
    const k = new Keeper(b, 's1', { cap: 100 * KiB });
    await k.start(false, null);
    k.keep(1, { name: 'small.pb.gz', bytes: bytes(60 * KiB) }, 60 * KiB);
    k.keep(2, { name: 'big.txt', group: 'bundle.tgz', bytes: bytes(50 * KiB) }, 50 * KiB);
    k.keep(3, { name: 'tiny.txt', bytes: bytes(40 * KiB) }, 40 * KiB);
    await k.settled();
    expect(b.slots('s1')).toEqual([1, 3]);
    expect(useKeep.getState().notKept).toEqual(['bundle.tgz › big.txt (50 KiB) is not kept for reload: over the 100 KiB cap; 60 KiB already kept']);
    expect(useKeep.getState()).toMatchObject({ count: 2, bytes: 100 * KiB });
  });

  it('says the real cap and sizes in the message', () => {
    expect(KEEP_CAP_BYTES).toBe(512 * 1024 * 1024);
    expect(sizeText(700 * 1024 * 1024)).toBe('700 MiB');
    expect(sizeText(1.25 * 1024 * 1024)).toBe('1.3 MiB');
    expect(sizeText(1536)).toBe('1.5 KiB');
    const k = new Keeper(new MapBackend(), 's1');
    k.keep(1, { name: 'x.pb.gz', file: new Blob([]) }, 700 * 1024 * 1024);
    expect(useKeep.getState().notKept).toEqual(['x.pb.gz (700 MiB) is not kept for reload: over the 512 MiB cap']);
  });

  it('closing a file removes its record; Forget removes them all and says what it removed', async () => {
    const b = new MapBackend();
    const k = new Keeper(b, 's1');
    await k.start(false, null);
    k.keep(1, { name: 'a', bytes: bytes(2048) }, 2048);
    k.keep(2, { name: 'b', bytes: bytes(1024) }, 1024);
    k.keep(3, { name: 'c', bytes: bytes(1024) }, 1024);
    k.drop(2);
    await k.settled();
    expect(b.slots('s1')).toEqual([1, 3]);
    expect(await k.forget()).toEqual({ count: 2, bytes: 3072 });
    expect(b.slots('s1')).toEqual([]);
    expect(useKeep.getState()).toMatchObject({ count: 0, bytes: 0 });
    expect(useKeep.getState().forgotten).toBe(
      'Forgot 2 kept files (3 KiB): a reload will not bring the open files back. Files opened from now on are kept again.',
    );
  });

  it('start: this session\'s files in slot order; other sessions removed when their tab is gone, or by age when that is unknown', async () => {
    const now = 10 * STALE_AFTER_MS;
    const b = new MapBackend();
    for (const r of [record('me', 4, now), record('me', 2, now), record('live', 1, 0), record('gone', 1, now), record('old', 1, now - STALE_AFTER_MS - 1), record('recent', 1, now - 1000)]) await b.put(r);
    const withLocks = new Keeper(b, 'me', { now: () => now });
    expect((await withLocks.start(false, new Set(['me', 'live']))).map((r) => r.slot)).toEqual([2, 4]);
    await withLocks.settled();
    expect([...b.records.keys()].sort()).toEqual(['live/1', 'me/2', 'me/4']);
    expect(useKeep.getState()).toMatchObject({ count: 2, bytes: 6 });

    const b2 = new MapBackend();
    for (const r of [record('me', 1, now), record('old', 1, now - STALE_AFTER_MS - 1), record('recent', 1, now - 1000)]) await b2.put(r);
    const byAge = new Keeper(b2, 'me', { now: () => now });
    await byAge.start(false, null);
    await byAge.settled();
    expect([...b2.records.keys()].sort()).toEqual(['me/1', 'recent/1']);
  });

  it('a fresh start (a new visit in the tab) removes this session\'s own files and returns none', async () => {
    const b = new MapBackend();
    await b.put(record('me', 1, 0));
    const k = new Keeper(b, 'me');
    expect(await k.start(true, new Set(['me']))).toEqual([]);
    await k.settled();
    expect(b.records.size).toBe(0);
  });

  it('storage that fails says reload will not restore, and keeping goes on without it', async () => {
    const b = new MapBackend();
    b.failAll = new Error('Internal error opening backing store');
    const k = new Keeper(b, 'me');
    expect(await k.start(false, null)).toEqual([]);
    expect(useKeep.getState().unavailable).toBe(
      'Open files will not come back after a reload: the browser did not let this page keep them (Internal error opening backing store).',
    );
    k.keep(1, { name: 'a', bytes: bytes(1) }, 1);
    k.drop(1);
    expect(await k.forget()).toEqual({ count: 0, bytes: 0 });
    expect(b.records.size).toBe(0);

    useKeep.setState({ unavailable: null });
    const none = new Keeper(null, 'me', { unavailable: 'this browser has no IndexedDB' });
    expect(useKeep.getState().unavailable).toContain('(this browser has no IndexedDB)');
    expect(await none.start(false, null)).toEqual([]);
  });

  it('a full store: that file is named as not kept, the others stay kept', async () => {
    const b = new MapBackend();
    const k = new Keeper(b, 'me');
    await k.start(false, null);
    k.keep(1, { name: 'a', bytes: bytes(1024) }, 1024);
    await k.settled();
    b.failPut = new DOMException('quota', 'QuotaExceededError');
    k.keep(2, { name: 'b', bytes: bytes(2048) }, 2048);
    await k.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(useKeep.getState().notKept).toEqual(["b (2 KiB) is not kept for reload: the browser's storage for this page is full"]);
    expect(useKeep.getState()).toMatchObject({ count: 1, bytes: 1024, unavailable: null });
    expect(b.slots('me')).toEqual([1]);
  });
});
