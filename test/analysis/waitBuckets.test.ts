// Wait buckets fitted to the dump: one per minute for short waits, round widening edges for long
// ones, never more bars than a link can carry, labels that name the minutes they hold.
import { describe, expect, it } from 'vitest';
import { MAX_BUCKETS, bucketLabel, bucketOf, waitBucketsFor } from '../../src/analysis/waitBuckets';
import { limits } from '../../src/share/schema';

describe('wait buckets', () => {
  it('has one bucket per minute up to 15 minutes, the first for goroutines without minutes', () => {
    expect(waitBucketsFor(-1)).toEqual({ edges: [0], end: 1, labels: ['<1 min'] });
    expect(waitBucketsFor(0)).toEqual({ edges: [0], end: 1, labels: ['<1 min'] });
    expect(waitBucketsFor(8).labels).toEqual(['<1 min', '1 min', '2 min', '3 min', '4 min', '5 min', '6 min', '7 min', '8 min']);
    const b15 = waitBucketsFor(15);
    expect(b15.edges).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(b15.labels.at(-1)).toBe('15 min');
  });

  it('widens on round numbers past 15 minutes', () => {
    expect(waitBucketsFor(34)).toEqual({
      edges: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30],
      end: 45,
      labels: ['<1 min', '1 min', '2 min', '3 min', '4 min', '5 min', '6 min', '7 min', '8 min', '9 min', '10-14 min', '15-19 min', '20-29 min', '30-44 min'],
    });
    expect(waitBucketsFor(200).labels).toEqual(['<1 min', '1 min', '2 min', '3 min', '4 min', '5-9 min', '10-14 min', '15-19 min', '20-29 min', '30-44 min', '45-59 min', '60-89 min', '90-119 min', '2 h', '3 h']);
    expect(waitBucketsFor(1500)).toEqual({
      edges: [0, 1, 2, 3, 4, 5, 10, 15, 30, 60, 120, 240, 480, 1440],
      end: 2880,
      labels: ['<1 min', '1 min', '2 min', '3 min', '4 min', '5-9 min', '10-14 min', '15-29 min', '30-59 min', '60-119 min', '2-3 h', '4-7 h', '8-23 h', '1 d'],
    });
    expect(waitBucketsFor(3 * 7 * 24 * 60).labels.slice(-3)).toEqual(['1 d', '2-6 d', '7-27 d']);
  });

  it('keeps between 12 and 16 bars for every longest wait from 16 minutes to a year, the longest inside the last', () => {
    expect(MAX_BUCKETS).toBeLessThanOrEqual(limits.histogramBuckets);
    for (let longest = 16; longest <= 365 * 24 * 60; longest = Math.ceil(longest * 1.07)) {
      const b = waitBucketsFor(longest);
      expect(b.edges.length, String(longest)).toBeGreaterThanOrEqual(12);
      expect(b.edges.length, String(longest)).toBeLessThanOrEqual(MAX_BUCKETS);
      expect(b.edges.at(-1)!, String(longest)).toBeLessThanOrEqual(longest);
      expect(b.end, String(longest)).toBeGreaterThan(longest);
      for (let i = 1; i < b.edges.length; i++) expect(b.edges[i]!).toBeGreaterThan(b.edges[i - 1]!);
    }
  });

  it('opens the last bucket only past what 16 round bars reach', () => {
    const b = waitBucketsFor(10_000_000);
    expect(b.edges).toHaveLength(MAX_BUCKETS);
    expect(b.end).toBe(Infinity);
    expect(b.labels.at(-1)).toBe('112+ d');
  });

  it('labels name the whole minutes, hours or days a bucket holds, both ends included', () => {
    expect(bucketLabel(0, 1)).toBe('<1 min');
    expect(bucketLabel(3, 4)).toBe('3 min');
    expect(bucketLabel(15, 30)).toBe('15-29 min');
    expect(bucketLabel(60, 90)).toBe('60-89 min');
    expect(bucketLabel(120, 180)).toBe('2 h');
    expect(bucketLabel(240, 480)).toBe('4-7 h');
    expect(bucketLabel(1440, 2880)).toBe('1 d');
    expect(bucketLabel(2880, 10080)).toBe('2-6 d');
  });

  it('puts a wait in the bucket whose range holds it', () => {
    const { edges } = waitBucketsFor(34);
    expect([0, 1, 9, 10, 14, 15, 29, 30, 34].map((m) => bucketOf(edges, m))).toEqual([0, 1, 9, 10, 10, 11, 12, 13, 13]);
  });
});
