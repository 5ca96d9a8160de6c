// The comparison's actions in Node over the real dispatch in-process: each change of its
// choices recomputes only the results that depend on it (derivations.ts compareDerivations).

import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSkipList } from '../../src/analysis/blockingSite';
import { closeFile, openSource, setSkipList } from '../../src/state/actions';
import { closeCompare, openCompare, updateCompare } from '../../src/state/compare';
import { staleCompare } from '../../src/state/derivations';
import { useStore } from '../../src/state/store';
import { samplePath } from '../share/realistic';
import { callLog, useInProcessWorkers } from '../support/inProcessWorker';

async function open(name: string): Promise<number> {
  const b = readFileSync(samplePath(name));
  const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  return openSource({ name, bytes }, bytes.byteLength);
}

const compare = () => useStore.getState().compare!;

beforeAll(() => useInProcessWorkers());
beforeEach(() => {
  closeCompare();
  for (const f of useStore.getState().files) closeFile(f.id);
  useStore.setState({ skipList: [...defaultSkipList], version: '' });
});

describe('comparison results from the declared dependencies', () => {
  it('staleCompare: each choice reaches the results that read it', () => {
    expect(staleCompare(new Set(['zoom']))).toEqual(['diffFlame']);
    expect(staleCompare(new Set(['granularity']))).toEqual(['diffTop']);
    expect(staleCompare(new Set(['times']))).toEqual(['growth']);
    expect(staleCompare(new Set(['base']))).toEqual(['diffTop', 'diffFlame']);
    expect(staleCompare(new Set(), new Set(['skipList']))).toEqual(['growth']);
  });

  it('two dumps: growth and the diff on open; a zoom, a granularity, a time, new rules each ask for one result', async () => {
    const a = await open('apiserver-leaks.t1.goroutine.debug2.txt');
    const b = await open('apiserver-leaks.t2.goroutine.debug2.txt');
    callLog.length = 0;
    await openCompare([a, b], 'goroutines');
    expect(compare().status).toBe('ready');
    expect([...callLog].sort()).toEqual(['compareLoad', 'diffFlame', 'diffTop', 'growth']);
    const site = compare().growth!.sites.find((s) => s.site.includes('DeleteCollection'))!;
    expect(site.counts[1]!).toBeGreaterThan(site.counts[0]!);
    // No file dates here: the four minutes come from the dumps' wait minutes.
    expect(compare().growth!.span).toMatchObject({ source: 'goroutine-waits', minSeconds: 180, maxSeconds: 300 });
    expect(compare().diffTop!.rows.length).toBeGreaterThan(0);

    callLog.length = 0;
    await updateCompare({ zoom: 1 });
    expect(callLog).toEqual(['diffFlame']);
    callLog.length = 0;
    await updateCompare({ granularity: 'lines' });
    expect(callLog).toEqual(['diffTop']);
    callLog.length = 0;
    await updateCompare({ times: [Date.UTC(2026, 0, 1, 10, 0), Date.UTC(2026, 0, 1, 10, 2)] });
    expect(callLog).toEqual(['growth']);
    expect(compare().growth!.span).toMatchObject({ source: 'entered', elapsedSeconds: 120 });
    callLog.length = 0;
    await updateCompare({ zoom: 1 });
    expect(callLog).toEqual([]);
    await setSkipList([...defaultSkipList, '\\.ServeHTTP\\.func1\\.1$']);
    expect(callLog.filter((c) => c === 'growth')).toEqual(['growth']);
    expect(compare().growth!.sites.some((s) => s.site.endsWith('ServeHTTP.func1.1'))).toBe(false);
    expect(compare().busy).toBe(false);
  });
});
