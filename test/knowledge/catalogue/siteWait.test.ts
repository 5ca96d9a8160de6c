// The goroutine-site signature's wait threshold reads each group's exact wait minutes, so any
// threshold counts exactly (not only the edges of the histogram's buckets, which now fit the data).
import { describe, expect, it } from 'vitest';
import type { KnownBug } from '../../../src/knowledge/types';
import { debug2, parked, type Goroutines } from './build';
import { run } from './cases';

function bug(minWaitMinutes: number, minGoroutinesWaiting: number): KnownBug[] {
  return [
    {
      id: 'TEST-SITE-WAIT',
      title: 'test',
      profiles: ['goroutine'],
      signatures: [
        { kind: 'goroutine-site', sites: [{ exact: 'main.stuck' }], states: ['chan send'], // A count without waits this dump never reaches: no early finding, only the wait count decides.
        thresholds: { minGoroutinesWaiting, minWaitMinutes, minGoroutinesWithoutWait: 1000 } },
      ],
      versions: { affected: [['1.0.0', '999.999.999']], fixed: [], affectedText: 'all', fixedText: 'none' },
      references: [],
      explanation: 'A test. Only a test.',
      remedy: 'none',
      thresholdsNote: 'none',
      confidence: 'inferred',
      severity: 'low',
    },
  ];
}

const stuck = (n: number, minutes: (i: number) => number): Goroutines => ({ n, state: 'chan send', minutes, stack: [...parked.chanSend, 'main.stuck', 'main.main'] });

describe('goroutine-site wait threshold', () => {
  // 4 without minutes, then 1, 2, ..., 12 minutes: 16 goroutines at the site.
  const dump = { dump: debug2([stuck(4, () => 0), stuck(12, (i) => i + 1)]) };

  it('counts the goroutines waiting at least 7 minutes: 6 of them (7..12)', () => {
    const [f] = run(dump, bug(7, 6));
    expect(f!.evidence.why[0]).toBe('6 goroutines at this site in chan send have waited 7 minutes or more (threshold 6).');
    expect(run(dump, bug(7, 7))).toEqual([]);
  });

  it('counts every goroutine, with or without minutes, at a threshold of 0', () => {
    const [f] = run(dump, bug(0, 16));
    expect(f!.evidence.why[0]).toMatch(/^16 goroutines at this site/);
  });

  it('leaves out goroutines without minutes from a one-minute threshold', () => {
    const [f] = run(dump, bug(1, 12));
    expect(f!.evidence.why[0]).toMatch(/^12 goroutines at this site in chan send have waited a minute or more/);
    expect(run(dump, bug(1, 13))).toEqual([]);
  });
});
