// dumpProfile past its budget: the rows it leaves out are still pinned by count and hash.
import { describe, expect, it } from 'vitest';
import { generateHeapProfile } from '../../../bench/gen/heap-profile';
import { inflateGzip } from '../../../src/parse/inflate';
import { decodeProfile } from '../../../src/parse/pprof';
import { dumpProfile } from '../../support/dump-profile';

describe('dumpProfile', () => {
  const profile = () => decodeProfile(inflateGzip(generateHeapProfile({ stacks: 300, minDepth: 10, maxDepth: 20, seed: 5 })));

  it('prints everything within the budget', () => {
    const dump = dumpProfile(profile());
    expect(dump).not.toContain('not shown');
    expect(dump).toContain('samples: 300');
    expect(dump.match(/^ {2}S\d+ /gm)).toHaveLength(300);
  });

  it('past the budget, summarizes the rest by count and hash, deterministically', () => {
    const p = profile();
    const small = dumpProfile(p, { maxChars: 20_000 });
    expect(small.length).toBeLessThan(30_000);
    // Each table keeps its first rows, samples included.
    expect(small).toMatch(/^ {2}F0 /m);
    expect(small).toMatch(/^ {2}L0 /m);
    expect(small).toMatch(/^ {2}S0 values /m);
    expect(small).toMatch(/\.\.\. \d+ more samples not shown \(dump budget 20000 chars\); sha256 of their dump: [0-9a-f]{64}/);
    expect(dumpProfile(p, { maxChars: 20_000 })).toBe(small);
    // Totals cover every sample, shown or not.
    const totals = /samples: 300\n {2}totals: (.*)/.exec(small)![1]!.split(' ').map(BigInt);
    expect(totals[0]).toBe(p.samples.values[0]!.reduce((a, v) => a + BigInt(v), 0n));
    // A change in a sample that is not shown (its leaf frame; totals stay) changes its hash.
    const leaf = p.samples.stackStart[299]!;
    p.samples.stack[leaf] = p.samples.stack[leaf] === 0 ? 1 : 0;
    const changed = dumpProfile(p, { maxChars: 20_000 });
    expect(changed.replace(/sha256 of their dump: \w+/g, '')).toBe(small.replace(/sha256 of their dump: \w+/g, ''));
    expect(changed).not.toBe(small);
  });
});
