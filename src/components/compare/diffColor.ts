// Colours of a differential flame graph: grown frames warm, shrunk ones cool, by how much of
// the frame changed. The colour-blind-safe palette uses orange and blue (no red/green cue).

import type { ComparePalette } from '../../state/compare';

export const palettes: Record<ComparePalette, { grew: [number, number, number]; shrank: [number, number, number]; label: string }> = {
  'red-blue': { grew: [214, 39, 40], shrank: [31, 119, 180], label: 'red grew, blue shrank' },
  colorblind: { grew: [230, 159, 0], shrank: [0, 114, 178], label: 'orange grew, blue shrank (colour-blind safe)' },
};

const neutral: [number, number, number] = [224, 224, 224];

/** The fill for a frame whose inclusive value went from base to target. */
export function diffColor(palette: ComparePalette, base: number, target: number): string {
  const delta = target - base;
  const scale = Math.max(Math.abs(base), Math.abs(target));
  if (delta === 0 || scale === 0) return `rgb(${neutral.join(',')})`;
  const strength = Math.min(1, Math.abs(delta) / scale);
  const to = delta > 0 ? palettes[palette].grew : palettes[palette].shrank;
  const mix = (i: number) => Math.round(neutral[i]! + (to[i]! - neutral[i]!) * (0.25 + 0.75 * strength));
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

export function deltaPercent(base: number, target: number): string {
  if (base === 0) return target === 0 ? '0%' : 'new';
  const pct = ((target - base) / Math.abs(base)) * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
}
