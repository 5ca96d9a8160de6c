// The store's actions in Node, with the real worker dispatch in-process: loading, and each view
// change recomputing exactly what depends on it (derivations.ts), with the same numbers the
// analysis gives directly.

import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { filterSamples } from '../../src/analysis/sampleFilter';
import { loadBytes } from '../../src/parse/load';
import { applyView, closeFile, openSource, selectGroup, setFilter, setSkipList, setVersion } from '../../src/state/actions';
import { getFile, useStore } from '../../src/state/store';
import { samplePath } from '../share/realistic';
import { callLog, useInProcessWorkers } from '../support/inProcessWorker';

const dumpName = 'apiserver-leaks.t2.goroutine.debug2.txt';
const heapName = 'apiserver-leaks.t2.heap.pb.gz';

function bytesOf(name: string): ArrayBuffer {
  const b = readFileSync(samplePath(name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

async function open(name: string): Promise<number> {
  const bytes = bytesOf(name);
  return openSource({ name, bytes }, bytes.byteLength);
}

/** Waits until the worker's answers for this file have landed. */
async function settled(id: number): Promise<void> {
  for (let i = 0; i < 500 && getFile(id)?.busy; i++) await new Promise((r) => setTimeout(r, 5));
}

beforeAll(() => useInProcessWorkers());
beforeEach(() => {
  for (const f of useStore.getState().files) closeFile(f.id);
  useStore.setState({ skipList: [...defaultSkipList], version: '' });
  callLog.length = 0;
});

describe('state actions over an in-process worker', () => {
  it('opens a dump: goroutine view first, then groups, top table, findings; then the content hash', async () => {
    const id = await open(dumpName);
    const f = getFile(id)!;
    expect(f.status).toBe('ready');
    expect(f.view.tab).toBe('goroutines');
    expect(f.summary!.kind).toBe('goroutines');
    expect(f.flame!.total).toBe(f.summary!.sampleCount);
    expect(f.goroutines!.grouping.total).toBe(f.summary!.sampleCount);
    expect(f.top!.rows.length).toBeGreaterThan(0);
    expect(f.knownBugs!.matches.length).toBeGreaterThan(0);
    expect(callLog.slice(0, 4)).toEqual(['load', 'goroutines', 'top', 'knownBugs']);
    for (let i = 0; i < 200 && !getFile(id)!.identity; i++) await new Promise((r) => setTimeout(r, 5));
    expect(getFile(id)!.identity!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a filter regroups with the same numbers as the analysis, and closes the open group', async () => {
    const id = await open(dumpName);
    await selectGroup(id, 0);
    expect(getFile(id)!.stack).not.toBeNull();
    callLog.length = 0;
    const filter = { states: ['chan send'], minWait: 1, frame: '' };
    await setFilter(id, filter);
    const f = getFile(id)!;
    expect(f.view.group).toBeNull();
    expect(f.stack).toBeNull();
    expect([...callLog].sort()).toEqual(['flame', 'goroutines', 'top']);

    const loaded = loadBytes(new Uint8Array(bytesOf(dumpName)));
    const keep = filterSamples(loaded.profile, filter);
    if (!keep.ok) throw new Error(keep.error);
    const direct = groupGoroutines(loaded.goroutines!, compileSkipList(defaultSkipList), keep.keep);
    expect(f.goroutines!.grouping.total).toBe(direct.total);
    expect(f.goroutines!.grouping.groups.map((g) => [g.state, g.site, g.count])).toEqual(direct.groups.map((g) => [g.state, g.site, g.count]));
  });

  it('changes that no result reads ask the worker nothing; a zoom asks for the flame graph only', async () => {
    const id = await open(heapName);
    callLog.length = 0;
    await applyView(id, { tab: 'top', inverted: true });
    expect(callLog).toEqual([]);
    // A row filter is the worker's (Go regexp, off the page's thread): the rows, nothing else.
    await applyView(id, { topFilter: 'json' });
    expect(callLog).toEqual(['topOrder']);
    expect([...getFile(id)!.topOrder!.rows].every((r) => getFile(id)!.top!.rows.name[r]!.includes('json'))).toBe(true);
    callLog.length = 0;
    await applyView(id, { zoom: 1 });
    expect(callLog).toEqual(['flame']);
    expect(getFile(id)!.flame!.view.zoom).toBe(1);
    callLog.length = 0;
    await applyView(id, { granularity: 'lines' });
    // The table, then its rows under the filter still typed ("json").
    expect(callLog).toEqual(['top', 'topOrder']);
    expect(getFile(id)!.top!.rows.name[0]).toMatch(/ \S+\.go:\d+$/);
  });

  it('search asks only when there is text, and clears without a call', async () => {
    const id = await open(heapName);
    callLog.length = 0;
    await applyView(id, { search: 'json' });
    expect(callLog).toEqual(['search']);
    expect(getFile(id)!.search!.matched).toBeGreaterThan(0);
    callLog.length = 0;
    await applyView(id, { search: '' });
    expect(callLog).toEqual([]);
    expect(getFile(id)!.search).toBeNull();
  });

  it('opening a group loads its stack; new blocking-site rules regroup every dump', async () => {
    const id = await open(dumpName);
    const g = getFile(id)!.goroutines!.grouping.groups[1]!;
    await selectGroup(id, 1, 0);
    expect(getFile(id)!.stack!.sample).toBe(g.buckets[0]!.sample);
    callLog.length = 0;
    const rules = [...defaultSkipList, '\\.ServeHTTP\\.func1\\.1$'];
    await setSkipList(rules);
    await settled(id);
    const f = getFile(id)!;
    expect(callLog).toEqual(['goroutines']);
    expect(f.view.group).toBeNull();
    expect(f.stack).toBeNull();
    const loaded = loadBytes(new Uint8Array(bytesOf(dumpName)));
    const direct = groupGoroutines(loaded.goroutines!, compileSkipList(rules));
    const before = groupGoroutines(loaded.goroutines!, compileSkipList(defaultSkipList));
    const sites = (gs: typeof direct.groups) => gs.map((x) => [x.state, x.site, x.count]);
    expect(sites(direct.groups)).not.toEqual(sites(before.groups));
    expect(sites(f.goroutines!.grouping.groups)).toEqual(sites(direct.groups));
  });

  it('a kube-apiserver version re-judges the findings of every ready file', async () => {
    const id = await open(dumpName);
    callLog.length = 0;
    await setVersion('1.15.3');
    expect(callLog).toEqual(['knownBugs']);
    const statuses = getFile(id)!.knownBugs!.matches.map((x) => x.status);
    expect(statuses).toContain('affected');
  });

  it('a file that is not a profile ends in an error naming what it starts with', async () => {
    const bytes = new TextEncoder().encode('hello, not a profile\n').buffer as ArrayBuffer;
    const id = await openSource({ name: 'notes.txt', bytes }, bytes.byteLength);
    const f = getFile(id)!;
    expect(f.status).toBe('error');
    expect(f.problem!.message).toContain('not a pprof profile or a Go goroutine dump');
    expect(f.problem!.message).toContain('"hello, not a pro..."');
  });
});
