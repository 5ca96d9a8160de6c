// Small text forms for goroutine figures.

import type { BlockRate, WaitStats } from '../../state/types';
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

/** ~K as a person reads it: whole numbers from 10 up, one decimal below. */
function approx(x: number): string {
  return x >= 10 ? formatCount(Math.round(x)) : x.toFixed(1).replace(/\.0$/, '');
}

/** A block rate in a table cell: "~302/min steady", "~0.8/h rising", "burst ~5-6 min ago". */
export function formatRateShort(r: BlockRate): string {
  if (r.shape === 'burst' && r.burst) return `burst ~${r.burst.from === r.burst.to ? r.burst.from : `${r.burst.from}-${r.burst.to}`} min ago`;
  const shape = r.shape === 'accelerating' ? 'rising' : r.shape;
  const rate = r.perMinute >= 0.95 ? `~${approx(r.perMinute)}/min` : `~${approx(r.perMinute * 60)}/h`;
  return `${rate} ${shape}`;
}
