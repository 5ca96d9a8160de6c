import { describe, expect, it } from 'vitest';
import { derivationNames, derivations, staleStages } from '../../src/state/derivations';

const sorted = (stages: string[][]) => stages.map((s) => [...s].sort());

describe('derivations: what a change makes stale, in order', () => {
  it('a filter change regroups, then reloads the open stack; top, flame and search alongside', () => {
    expect(sorted(staleStages(new Set(['filter'])))).toEqual([['flame', 'goroutines', 'graph', 'sandwich', 'search', 'top'], ['stack', 'topOrder']]);
  });

  it('each view field reaches exactly the results that read it', () => {
    expect(sorted(staleStages(new Set(['granularity'])))).toEqual([['graph', 'top'], ['topOrder']]);
    expect(sorted(staleStages(new Set(['zoom'])))).toEqual([['flame']]);
    expect(sorted(staleStages(new Set(['focus'])))).toEqual([['flame', 'search']]);
    expect(sorted(staleStages(new Set(['group'])))).toEqual([['stack']]);
    expect(sorted(staleStages(new Set(['sampleIndex'])))).toEqual([['flame', 'graph', 'sandwich', 'search', 'top'], ['topOrder']]);
    expect(sorted(staleStages(new Set(['sandwich'])))).toEqual([['sandwich']]);
    // The call graph is laid out only while its tab shows.
    expect(staleStages(new Set(['tab']))).toEqual([['graph']]);
    expect(staleStages(new Set(['inverted', 'stackBy']))).toEqual([]);
    // The row filter and sort run in the worker, over the table it gave.
    expect(staleStages(new Set(['topFilter', 'topSort']))).toEqual([['topOrder']]);
  });

  it('app settings: the blocking-site rules regroup every dump; the version redoes the findings', () => {
    expect(sorted(staleStages(new Set(), new Set(['skipList'])))).toEqual([['goroutines'], ['stack']]);
    expect(sorted(staleStages(new Set(), new Set(['version'])))).toEqual([['knownBugs']]);
  });

  it('every derivation names a result it reads that exists, and no cycle', () => {
    for (const name of derivationNames) for (const a of derivations[name].after) expect(derivationNames).toContain(a);
    const all = new Set(derivationNames.flatMap((n) => derivations[n].view));
    expect(staleStages(all, new Set(['skipList', 'version'])).flat().sort()).toEqual([...derivationNames].sort());
  });
});
