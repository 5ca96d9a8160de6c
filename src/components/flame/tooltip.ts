// A tooltip for d3-flame-graph that writes text only: profile strings never become HTML.

import type { FlameDatum } from '../../state/types';

export interface HierarchyNode {
  data: FlameDatum;
  value: number;
  parent: HierarchyNode | null;
}

export interface FlameTooltip {
  (selection: unknown): void;
  show(event: MouseEvent, d: HierarchyNode): FlameTooltip;
  hide(): FlameTooltip;
  destroy(): void;
}

export function createTooltip(host: HTMLElement, describe: (d: HierarchyNode) => string[]): FlameTooltip {
  const el = document.createElement('div');
  el.className = 'flame-tooltip';
  el.setAttribute('role', 'tooltip');
  el.style.display = 'none';
  host.appendChild(el);

  const tip = (() => undefined) as unknown as FlameTooltip;
  tip.show = (event: MouseEvent, d: HierarchyNode) => {
    el.replaceChildren(
      ...describe(d).map((line, i) => {
        const div = document.createElement('div');
        div.className = i === 0 ? 'flame-tooltip-title' : 'flame-tooltip-line';
        div.textContent = line;
        return div;
      }),
    );
    el.style.display = 'block';
    const hostBox = host.getBoundingClientRect();
    const x = event.clientX - hostBox.left + 14;
    const y = event.clientY - hostBox.top + 14;
    const maxX = hostBox.width - el.offsetWidth - 4;
    el.style.left = `${Math.max(0, Math.min(x, maxX))}px`;
    el.style.top = `${y}px`;
    return tip;
  };
  tip.hide = () => {
    el.style.display = 'none';
    return tip;
  };
  tip.destroy = () => el.remove();
  return tip;
}
