// The key of the differential flame graph: what each colour means for the palette in use, with
// swatches painted by the very functions that colour the frames, and the files it compares.

import type { ComparePalette } from '../../state/compare';
import type { FlameTheme } from '../flame/packageColor';
import { diffColor } from './diffColor';

export interface DiffLegendEntry {
  color: string;
  label: string;
}

/** The colour of a frame that went from `base` to `target` (inclusive), as the graph paints it. */
export function frameColor(palette: ComparePalette, base: number, target: number, theme: FlameTheme = 'light'): string {
  return diffColor(palette, base, target, theme);
}

export function diffLegend(palette: ComparePalette, baseName: string, targetName: string, theme: FlameTheme = 'light'): { entries: DiffLegendEntry[]; notes: string[] } {
  const scale = 'deeper colour = larger change relative to the larger of base and target';
  return {
    entries: [
      { color: frameColor(palette, 10, 19, theme), label: `grew (target above base; ${scale})` },
      { color: frameColor(palette, 19, 10, theme), label: 'shrank (target below base)' },
      { color: frameColor(palette, 0, 10, theme), label: 'new (not in the base: the deepest grew colour)' },
      { color: frameColor(palette, 10, 10, theme), label: 'unchanged' },
    ],
    notes: [
      `Box widths are ${targetName}'s (the target); colours compare it with ${baseName} (the base).`,
      'Gone (only in the base): no width in the target, so not drawn; the top table lists them with negative deltas.',
    ],
  };
}
