import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFixed, formatG, padLeft } from '../../src/lib/goformat';

// Each line: value | %.2f | %.2g | %5.2g | %.2g of -value, printed by Go 1.19's fmt
// (tools/goformat/main.go).
const rows = readFileSync(new URL('./goformat.go-output.txt', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('|'));

describe('Go fmt parity', () => {
  it.each(rows)('%s', (value, fixed2, g2, g2w5, negG2) => {
    const x = Number(value);
    expect(formatFixed(x, 2)).toBe(fixed2);
    expect(formatG(x, 2)).toBe(g2);
    expect(padLeft(formatG(x, 2), 5)).toBe(g2w5);
    expect(formatG(-x, 2)).toBe(negG2);
  });

  it('rounds exact ties to even and near-ties by their true value', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(1179648 / 1048576, 2)).toBe('1.12'); // 1.125 MB exactly
    expect(formatFixed(0.005, 2)).toBe('0.01'); // the double is slightly above 0.005
    expect(formatFixed(-0.0001, 2)).toBe('-0.00');
  });
});
