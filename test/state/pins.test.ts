// Saved pins in the page's storage: an entry written by a newer stackscope is kept byte for byte
// (neither removed nor written over) and the page says why nothing can be pinned; a damaged
// entry is still reset with its reason.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPins, mergePins, movePin, removePin, savePin, usePins } from '../../src/state/findings';
import { serializeStored, storageKey } from '../../src/share/storage';
import { findingsOfEveryKind } from '../share/examples';

/** The one part of the Storage API the pins use, over a Map. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, String(v));
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
}

const sha = 'a'.repeat(64);
const key = storageKey(sha);
let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
  usePins.setState({ byHash: {}, notices: {}, identityErrors: {}, newerEntries: {}, draft: null });
});

describe('saved pins', () => {
  it('an entry from a newer version is kept untouched by every action, and pinning says why it cannot', () => {
    const newer = JSON.stringify({ v: 4, findings: [{ kind: 'flow', id: 'x1', whatever: [1, 2, 3] }], extra: 'kept' });
    storage.setItem(key, newer);
    expect(loadPins(sha)).toEqual([]);
    expect(storage.getItem(key)).toBe(newer);
    expect(usePins.getState().notices[sha]).toBe(
      'The saved findings for this file were written by a newer stackscope (schema v4); this page reads up to v3 and leaves them as they are: open the file in the newer page to see or change them.',
    );
    const r = savePin(sha, findingsOfEveryKind[0]!);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^This finding cannot be pinned: the saved findings for this file were written by a newer stackscope \(schema v4\)/);
    expect(mergePins(sha, findingsOfEveryKind)).toBe(0);
    removePin(sha, 'x1');
    movePin(sha, 'x1', 1);
    expect(storage.getItem(key)).toBe(newer);
    expect(usePins.getState().byHash[sha]).toEqual([]);
  });

  it('an entry of a known version is read, changed and written back', () => {
    storage.setItem(key, serializeStored(findingsOfEveryKind.slice(0, 2)));
    expect(loadPins(sha)).toEqual(findingsOfEveryKind.slice(0, 2));
    expect(savePin(sha, findingsOfEveryKind[2]!)).toEqual({ ok: true });
    expect(storage.getItem(key)).toBe(serializeStored(findingsOfEveryKind.slice(0, 3)));
    expect(usePins.getState().notices[sha]).toBeUndefined();
  });

  it('a damaged entry is still removed, with the reason', () => {
    storage.setItem(key, '{"v":2,"findings":[{"kind":"grop"}]}');
    expect(loadPins(sha)).toEqual([]);
    expect(storage.getItem(key)).toBeNull();
    expect(usePins.getState().notices[sha]).toMatch(/could not be read \(findings\[0\]\.kind: unknown kind "grop".*they were reset$/);
  });
});
