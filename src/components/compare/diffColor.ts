// Colours of a differential flame graph: grown frames warm, shrunk ones cool, by how much of
// the frame changed. Neither palette leans on a red/green cue; the colour-blind-safe one uses
// Okabe and Ito's orange and sky blue. Each theme has its own neutral and ends so that the frame
// labels (--flame-label) keep AA contrast at every strength (test/app/theme.test.ts).

import type { ComparePalette } from '../../state/compare';
import type { FlameTheme } from '../flame/packageColor';

type Rgb = [number, number, number];

interface DiffPalette {
  grew: Record<FlameTheme, Rgb>;
  shrank: Record<FlameTheme, Rgb>;
  label: string;
}

export const palettes: Record<ComparePalette, DiffPalette> = {
  'red-blue': {
    grew: { light: [240, 110, 100], dark: [160, 30, 34] },
    shrank: { light: [110, 165, 225], dark: [20, 85, 150] },
    label: 'red grew, blue shrank',
  },
  colorblind: {
    grew: { light: [230, 159, 0], dark: [150, 88, 0] },
    shrank: { light: [86, 180, 233], dark: [0, 96, 150] },
    label: 'orange grew, blue shrank (colour-blind safe)',
  },
};

export const diffNeutral: Record<FlameTheme, Rgb> = { light: [224, 224, 224], dark: [62, 66, 72] };

/** The fill for a frame whose inclusive value went from base to target. */
export function diffColor(palette: ComparePalette, base: number, target: number, theme: FlameTheme = 'light'): string {
  const neutral = diffNeutral[theme];
  const delta = target - base;
  const scale = Math.max(Math.abs(base), Math.abs(target));
  if (delta === 0 || scale === 0) return `rgb(${neutral.join(',')})`;
  const strength = Math.min(1, Math.abs(delta) / scale);
  const to = delta > 0 ? palettes[palette].grew[theme] : palettes[palette].shrank[theme];
  const mix = (i: number) => Math.round(neutral[i]! + (to[i]! - neutral[i]!) * (0.25 + 0.75 * strength));
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

export function deltaPercent(base: number, target: number): string {
  if (base === 0) return target === 0 ? '0%' : 'new';
  const pct = ((target - base) / Math.abs(base)) * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
}
