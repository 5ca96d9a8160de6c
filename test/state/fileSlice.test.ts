// useFileSlice's comparison (sliceOf): a part of the file view gets the same object, and so does
// not render again, while the fields it reads keep their values; any of them changing gives a
// new object with the new values.

import { describe, expect, it } from 'vitest';
import { defaultView, sliceOf, type OpenFile } from '../../src/state/store';
import { derivationNames } from '../../src/state/derivations';

function file(patch: Partial<OpenFile> = {}): OpenFile {
  const results = Object.fromEntries(derivationNames.map((n) => [n, null])) as Pick<OpenFile, (typeof derivationNames)[number]>;
  return { ...results, id: 3, name: 'a.pb.gz', size: 10, status: 'ready', load: null, problem: null, summary: null, view: defaultView, identity: null, busy: false, viewError: null, ...patch };
}

const keys = ['busy', 'identity'] as const;
const viewKeys = ['filter', 'tab'] as const;

describe('sliceOf', () => {
  it('copies the id, the named fields and the named view fields, and nothing else', () => {
    const f = file({ busy: true });
    const s = sliceOf(f, null, keys, viewKeys);
    expect(s).toEqual({ id: 3, busy: true, identity: null, view: { filter: defaultView.filter, tab: 'flame' } });
  });

  it('keeps the previous slice when only fields it does not read changed', () => {
    const f = file();
    const s = sliceOf(f, null, keys, viewKeys);
    // A zoom: a new view object whose filter and tab are the same, and a new flame result.
    const zoomed = { ...f, view: { ...f.view, zoom: 17 }, flame: {} as OpenFile['flame'], search: null };
    expect(sliceOf(zoomed, s, keys, viewKeys)).toBe(s);
  });

  it('gives a new slice with the new value when a field it reads changed', () => {
    const f = file();
    const s = sliceOf(f, null, keys, viewKeys);
    const busy = sliceOf({ ...f, busy: true }, s, keys, viewKeys);
    expect(busy).not.toBe(s);
    expect(busy.busy).toBe(true);
    const filter = { ...f.view.filter, frame: 'etcd' };
    const filtered = sliceOf({ ...f, busy: true, view: { ...f.view, filter } }, busy, keys, viewKeys);
    expect(filtered).not.toBe(busy);
    expect(filtered.view.filter).toBe(filter);
    expect(filtered.busy).toBe(true);
  });

  it('gives a new slice for another file even when its fields are equal', () => {
    const s = sliceOf(file(), null, keys, viewKeys);
    const other = sliceOf(file({ id: 4 }), s, keys, viewKeys);
    expect(other).not.toBe(s);
    expect(other.id).toBe(4);
  });
});
