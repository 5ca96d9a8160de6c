// Tail probabilities against SciPy 1.17.1 (scipy.stats.chi2.sf, scipy.stats.binom.sf), computed
// once and written here.
import { describe, expect, it } from 'vitest';
import { binomialSf, chiSquareSf, lnGamma } from '../../src/lib/stats';

describe('stats', () => {
  it('log-gamma', () => {
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it.each([
    [3.841458820694124, 1, 0.05],
    [11.070497693516351, 5, 0.05],
    [2.1, 5, 0.8351423006416339],
    [100, 3, 1.5541594313896026e-21],
    [0.5, 10, 0.999993388289439],
    [40, 30, 0.10486428110798468],
  ])('chi-square: P(X >= %f | df %i) = %f', (x, df, want) => {
    expect(chiSquareSf(x, df) / want).toBeCloseTo(1, 9);
  });

  it.each([
    [8, 10, 0.5, 56 / 1024],
    [310, 315, 2 / 3, 2.746122070401358e-47],
    [600, 1000, 0.5, 1.3642320780329735e-10],
    [1, 10, 0.1, 1 - 0.9 ** 10],
  ])('binomial: P(X >= %i | n %i, p %f) = %f', (k, n, p, want) => {
    expect(binomialSf(k, n, p) / want).toBeCloseTo(1, 9);
  });

  it('binomial edges', () => {
    expect(binomialSf(0, 10, 0.3)).toBe(1);
    expect(binomialSf(11, 10, 0.3)).toBe(0);
  });
});
