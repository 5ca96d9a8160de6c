// Which buffers of a result move to the page without a copy, and shared request defaults.

import type { TopTable } from '../analysis/top';

export function topBuffers(t: TopTable): ArrayBuffer[] {
  const r = t.rows;
  return [r.line.buffer, r.inline.buffer, r.flat.buffer, r.cum.buffer] as ArrayBuffer[];
}

/** Most boxes the flame graph draws at once; frames under about a pixel are merged anyway. */
export const flameMaxNodes = 5_000;

/** Frames narrower than this many pixels merge into "N small frames". */
export const flameMinPixels = 1.5;
