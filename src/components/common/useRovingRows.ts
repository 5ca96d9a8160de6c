// Keyboard rows for a table: one row is in the tab order at a time (a roving tabindex), ↑ ↓,
// Page Up/Down, Home and End move it, Enter does what a click on the row does. The rows carry
// data-roving="i"; a virtualized table passes `reveal` to scroll row i into the rendered range
// before it is focused.

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';

const PAGE = 10;

export interface RovingRows {
  /** The active row (the one in the tab order). */
  active: number;
  /** Put on the element holding the rows. */
  containerRef: React.RefObject<HTMLElement | null>;
  onKeyDown: (e: KeyboardEvent) => void;
  /** Props of row i. */
  rowProps: (i: number) => { tabIndex: number; 'data-roving': number; onFocus: () => void };
}

export function useRovingRows(count: number, activate?: (i: number) => void, reveal?: (i: number) => void): RovingRows {
  const [active, setActive] = useState(0);
  const containerRef = useRef<HTMLElement | null>(null);
  const focusNext = useRef(false);
  const current = count === 0 ? 0 : Math.min(active, count - 1);

  // After a move, focus the row once it is rendered.
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    containerRef.current?.querySelector<HTMLElement>(`[data-roving="${current}"]`)?.focus();
  });

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (count === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      // Only keys pressed on a row itself (not on a button or input inside it).
      const row = e.target instanceof HTMLElement ? e.target : null;
      if (!row || row.dataset.roving === undefined) return;
      let next: number;
      switch (e.key) {
        case 'ArrowDown':
          next = current + 1;
          break;
        case 'ArrowUp':
          next = current - 1;
          break;
        case 'PageDown':
          next = current + PAGE;
          break;
        case 'PageUp':
          next = current - PAGE;
          break;
        case 'Home':
          next = 0;
          break;
        case 'End':
          next = count - 1;
          break;
        case 'Enter':
        case ' ':
          if (!activate) return;
          e.preventDefault();
          activate(current);
          return;
        default:
          return;
      }
      e.preventDefault();
      next = Math.max(0, Math.min(count - 1, next));
      if (next === current) return;
      reveal?.(next);
      focusNext.current = true;
      setActive(next);
    },
    [count, current, activate, reveal],
  );

  const rowProps = useCallback((i: number) => ({ tabIndex: i === current ? 0 : -1, 'data-roving': i, onFocus: () => setActive(i) }), [current]);
  return { active: current, containerRef, onKeyDown, rowProps };
}
