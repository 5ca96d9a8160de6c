// The goroutine-stack signature's wait gate (minWaitMinutes, minGoroutinesWithoutWait): with wait
// minutes only goroutines waiting long enough count; without them the fallback count decides,
// and with no fallback such formats never match.
import { describe, expect, it } from 'vitest';
import type { KnownBug } from '../../../src/knowledge/types';
import { debug1, debug2, parked, type Goroutines } from './build';
import { run } from './cases';

function bug(thresholds: { minGoroutines: number; minWaitMinutes?: number; minGoroutinesWithoutWait?: number; minShare?: number }): KnownBug[] {
  return [
    {
      id: 'TEST-STACK-WAIT',
      title: 'test',
      profiles: ['goroutine'],
      signatures: [{ kind: 'goroutine-stack', frames: [{ exact: 'main.stuck' }], states: ['select'], thresholds }],
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

const stuck = (n: number, minutes: (i: number) => number, state = 'select'): Goroutines => ({ n, state, minutes, stack: [...parked.select, 'main.stuck', 'main.main'] });
const others: Goroutines = { n: 30, state: 'select', minutes: () => 100, stack: [...parked.select, 'main.fine'] };

describe('goroutine-stack wait gate', () => {
  const gated = bug({ minGoroutines: 10, minWaitMinutes: 15, minGoroutinesWithoutWait: 40 });

  it('counts only goroutines waiting at least the gate, and reports them all with their waits', () => {
    const dump = { dump: debug2([stuck(10, (i) => 15 + i), stuck(5, () => 14), stuck(5, () => 0, 'chan receive'), others]) };
    const [f] = run(dump, gated);
    expect(f!.evidence.goroutines).toBe(15);
    expect(f!.evidence.waitMinutes).toEqual({ min: 14, max: 24 });
    expect(f!.evidence.why[0]).toBe('10 goroutines with these frames have waited 15 minutes or more (threshold 10).');
    expect(f!.evidence.summary).toContain('waiting 14-24 minutes');
  });

  it('does not match when one goroutine too few has waited long enough', () => {
    expect(run({ dump: debug2([stuck(9, () => 60), stuck(30, () => 14), others]) }, gated)).toEqual([]);
  });

  it('falls back to the count alone without wait times, and says so', () => {
    const [f] = run({ dump: debug1([stuck(40, () => 0), others]) }, gated);
    expect(f!.evidence.goroutines).toBe(40);
    expect(f!.evidence.waitMinutes).toBeNull();
    expect(f!.evidence.why[0]).toMatch(/threshold 40\); this format carries no wait times/);
    expect(run({ dump: debug1([stuck(39, () => 0), others]) }, gated)).toEqual([]);
  });

  it('never matches without wait times when no fallback is given', () => {
    expect(run({ dump: debug1([stuck(1000, () => 0)]) }, bug({ minGoroutines: 10, minWaitMinutes: 5 }))).toEqual([]);
  });

  it('applies minShare to the goroutines that passed the gate', () => {
    const dump = { dump: debug2([stuck(10, () => 20), stuck(20, () => 0), others]) };
    expect(run(dump, bug({ minGoroutines: 10, minWaitMinutes: 15, minShare: 0.2 }))).toEqual([]);
    expect(run(dump, bug({ minGoroutines: 10, minWaitMinutes: 15, minShare: 0.15 }))).toHaveLength(1);
  });

  it('keeps the ungated behaviour: every goroutine with the frames counts', () => {
    const [f] = run({ dump: debug2([stuck(12, () => 0), others]) }, bug({ minGoroutines: 12 }));
    expect(f!.evidence.goroutines).toBe(12);
    expect(f!.evidence.why[0]).toBe('12 goroutines match (threshold 12).');
  });

  it('counts exactly at any gate, not only at histogram bucket edges', () => {
    const dump = { dump: debug2([stuck(7, () => 10), stuck(5, () => 9), others]) };
    // minGoroutinesWithoutWait past the dump's count: no early finding, only the wait count decides.
    const [f] = run(dump, bug({ minGoroutines: 7, minWaitMinutes: 10, minGoroutinesWithoutWait: 1000 }));
    expect(f!.evidence.why[0]).toBe('7 goroutines with these frames have waited 10 minutes or more (threshold 7).');
    expect(run(dump, bug({ minGoroutines: 8, minWaitMinutes: 10, minGoroutinesWithoutWait: 1000 }))).toEqual([]);
  });
});
