// The top bar's height as the CSS variable --topbar-h, so that the view toolbar sticks just
// under it (the bar grows when file tabs or archive notes wrap).

import { useEffect, type RefObject } from 'react';

export function useStickyTop(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const ro = new ResizeObserver(() => root.style.setProperty('--topbar-h', `${el.offsetHeight}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
}
