// The key of the differential flame graph: what each colour means for the palette in use, with
// swatches painted by the very functions that colour the frames, and the files it compares.

import { colorMapper } from 'd3-flame-graph';
import type { ComparePalette } from '../../state/compare';
import { diffColor } from './diffColor';

export interface DiffLegendEntry {
  color: string;
  label: string;
}

/** The colour of a frame that went from `base` to `target` (inclusive), as the graph paints it. */
export function frameColor(palette: ComparePalette, base: number, target: number): string {
  if (palette === 'colorblind') return diffColor(palette, base, target);
  // d3-flame-graph's own differential mapper reads data.delta and the box's value (the target).
  return colorMapper.differentialColorMapper({ data: { delta: target - base, value: target } } as never, '') as string;
}

export function diffLegend(palette: ComparePalette, baseName: string, targetName: string): { entries: DiffLegendEntry[]; notes: string[] } {
  const scale =
    palette === 'colorblind'
      ? 'deeper colour = larger change relative to the larger of base and target'
      : 'deeper colour = larger change relative to the frame’s target value';
  return {
    entries: [
      { color: frameColor(palette, 10, 19), label: `grew (target above base; ${scale})` },
      { color: frameColor(palette, 19, 10), label: 'shrank (target below base)' },
      { color: frameColor(palette, 0, 10), label: `new (not in the base: ${palette === 'colorblind' ? 'the deepest grew colour' : 'orange'})` },
      { color: frameColor(palette, 10, 10), label: 'unchanged' },
    ],
    notes: [
      `Box widths are ${targetName}'s (the target); colours compare it with ${baseName} (the base).`,
      'Gone (only in the base): no width in the target, so not drawn; the top table lists them with negative deltas.',
    ],
  };
}
