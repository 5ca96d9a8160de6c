// Gives a chart the room left under it in the window, as pprof's web UI and speedscope give
// theirs the rest of the screen: the chart scrolls inside itself rather than pushing the page
// (and, in flame orientation, its root) below the fold. The room is measured from the element's
// place in the page with the page scrolled to its top, so the same view fits the same way
// whatever the scroll; it is never less than `min` px (below that the page scrolls too).

import { useEffect, useRef, type RefObject } from 'react';

export interface FitHeight {
  /** Fewest pixels the element gets, however little room is left under it. */
  min: number;
  /** Pixels kept free under the element (its panel's padding and border, a margin). */
  gap: number;
  /** 'maxHeight' for content that may be shorter than the room, 'height' for a fixed viewport. */
  prop: 'maxHeight' | 'height';
}

/** `onFit` runs after each change of the element's height (a chart keeps its root in sight). */
export function useFitHeight(ref: RefObject<HTMLElement | null>, { min, gap, prop }: FitHeight, onFit?: () => void): void {
  const fitted = useRef(onFit);
  useEffect(() => {
    fitted.current = onFit;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const fit = () => {
      frame = 0;
      // One layout read per frame at most: after a resize of the window or of the page above.
      const top = el.getBoundingClientRect().top + window.scrollY;
      const px = `${Math.max(min, Math.floor(window.innerHeight - top - gap))}px`;
      if (el.style[prop] === px) return;
      el.style[prop] = px;
      fitted.current?.();
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(fit);
    };
    schedule();
    window.addEventListener('resize', schedule);
    // What is above it can grow or shrink (a finding collapsed, a note shown): the page's size changes.
    const ro = new ResizeObserver(schedule);
    ro.observe(document.body);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener('resize', schedule);
      ro.disconnect();
    };
  }, [ref, min, gap, prop]);
}
