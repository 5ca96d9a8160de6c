// Small text forms for goroutine figures.

import type { WaitStats } from '../../state/types';
import { formatCount } from '../../lib/goformat';

export function formatWait(w: WaitStats | null): string {
  if (!w) return '—';
  const median = Number.isInteger(w.median) ? String(w.median) : w.median.toFixed(1);
  if (w.max === 0) return '< 1 min';
  if (w.min === w.max) return `${w.max} min`;
  return `${w.min}-${w.max} min (median ${median})`;
}

export function formatShare(share: number): string {
  const pct = share * 100;
  return `${pct >= 10 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export function stateLabel(state: string): string {
  return state === '' ? 'state unknown' : state;
}

export const count = (n: number) => formatCount(n);
