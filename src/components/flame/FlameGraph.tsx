// The flame graph: d3-flame-graph draws the pruned subtree the worker sent; clicks zoom by
// asking the worker for the clicked frame's subtree, so narrow frames become visible.

import { useEffect, useMemo, useRef } from 'react';
import { useElementWidth } from '../common/useElementWidth';
import { select } from 'd3';
import flamegraph from 'd3-flame-graph';
import { label, percentage } from '../../lib/units';
import { compileSearch } from '../../lib/search';
import type { KnownBugMatch, FlameDatum, FlameResult } from '../../state/types';
import { indexFindings } from '../findings/findingIndex';
import { packageColor } from './packageColor';
import { createTooltip, type HierarchyNode } from './tooltip';

export interface FlameGraphProps {
  flame: FlameResult;
  inverted: boolean;
  search: string;
  searchRegex: boolean;
  onZoom: (node: number) => void;
  /** Known-bug findings: frames they point at are outlined and named in the tooltip. */
  findings?: KnownBugMatch[];
  /** Shift-click on a frame: its function names from the root, and its values. */
  onPin?: (path: string[], datum: FlameDatum) => void;
  /** Right-click on a frame: show that function's callers and callees (a sandwich). */
  onSandwich?: (functionName: string) => void;
  /** What a frame's self value means here ("flat" unless said otherwise). */
  selfLabel?: string;
}

/** A drawn frame's function names from the root (the root itself, node 0, left out). */
export function pathOf(d: HierarchyNode): string[] {
  const path: string[] = [];
  for (let n: HierarchyNode | null = d; n && n.data.id !== 0; n = n.parent) path.push(n.data.name);
  return path.reverse();
}

function where(d: FlameDatum): string {
  if (!d.file) return '';
  if (d.line > 0) return `${d.file}:${d.line}`;
  if (d.line < 0) return `${d.file} (several lines)`;
  return d.file;
}

function clone(d: FlameDatum): FlameDatum {
  // d3-flame-graph marks its input objects (fade, hide): give it a copy, not the store's data.
  return { ...d, children: d.children?.map(clone) };
}

export function FlameGraph({ flame, inverted, search, searchRegex, onZoom, findings, onPin, onSandwich, selfLabel = 'flat' }: FlameGraphProps) {
  const index = useMemo(() => indexFindings(findings), [findings]);
  const [hostRef, width] = useElementWidth<HTMLDivElement>();
  const chartRef = useRef<HTMLDivElement>(null);
  const matcher = useMemo(() => compileSearch(search, searchRegex), [search, searchRegex]);
  const unit = flame.sampleType.unit;
  const total = flame.total;


  useEffect(() => {
    const host = hostRef.current;
    const target = chartRef.current;
    if (!host || !target || width === 0) return;
    const describe = (d: HierarchyNode): string[] => {
      const data = d.data;
      const lines = [data.name];
      const w = where(data);
      if (w) lines.push(w);
      const parentValue = d.parent ? d.parent.data.value : data.value;
      lines.push(
        `cum ${label(data.value, unit)} (${percentage(data.value, total).trim()} of total, ${percentage(data.value, parentValue).trim()} of parent)`,
      );
      if (!data.ancestor) {
        lines.push(`${selfLabel} ${label(data.self, unit)} (${percentage(data.self, total).trim()} of total, ${percentage(data.self, parentValue).trim()} of parent)`);
      }
      if (data.merged) lines.push(`${data.merged} frames too narrow to draw, merged; click the parent to zoom in`);
      for (const f of index.byName.get(data.name) ?? []) lines.push(`looks like ${f.id}: ${f.title}`);
      if (onSandwich && data.frame >= 0) lines.push('right-click: its callers and callees (sandwich)');
      return lines;
    };
    const tip = createTooltip(host, describe);
    const chart = flamegraph()
      .width(width)
      .cellHeight(18)
      .transitionDuration(0)
      .inverted(inverted)
      .sort(false)
      .minFrameSize(0)
      .tooltip(tip as never)
      .getName((d: { data: FlameDatum }) => d.data.name)
      .setColorMapper((d: { data: FlameDatum; highlight?: boolean }) =>
        d.highlight ? '#e600e6' : packageColor(d.data.name),
      )
      .setSearchMatch((d: { data: FlameDatum }) => matcher.ok && matcher.test(d.data.name))
      .setSearchHandler(() => undefined)
      .setDetailsHandler(() => undefined)
      .onClick((d: { data: FlameDatum }) => {
        const id = d.data.id;
        if (id >= 0) onZoom(id);
      });
    target.replaceChildren();
    select(target).datum(clone(flame.view.root)).call(chart);
    if (search !== '' && matcher.ok) chart.search(search);
    if (index.byName.size > 0) {
      select(target)
        .selectAll<SVGGElement, { data: FlameDatum }>('g.frame')
        .filter((d) => index.byName.has(d.data.name))
        .classed('known-bug', true);
    }
    // Shift-click pins a frame instead of zooming: caught before d3-flame-graph sees the click.
    const pinClick = (e: MouseEvent) => {
      if (!e.shiftKey || !onPin) return;
      const g = (e.target as Element).closest('g.frame');
      if (!g) return;
      const d = select<Element, HierarchyNode>(g).datum();
      // Merged boxes are no frame, and a zoomed view's ancestors carry the zoomed frame's value.
      if (d.data.id <= 0 || d.data.ancestor) return;
      e.stopPropagation();
      e.preventDefault();
      onPin(pathOf(d), d.data);
    };
    target.addEventListener('click', pinClick, true);
    // Right-click opens the sandwich of the frame's function (merged boxes and the root are none).
    const sandwichClick = (e: MouseEvent) => {
      if (!onSandwich) return;
      const g = (e.target as Element).closest('g.frame');
      if (!g) return;
      const d = select<Element, HierarchyNode>(g).datum();
      if (d.data.frame < 0) return;
      e.preventDefault();
      tip.hide();
      onSandwich(d.data.name);
    };
    target.addEventListener('contextmenu', sandwichClick);
    return () => {
      target.removeEventListener('click', pinClick, true);
      target.removeEventListener('contextmenu', sandwichClick);
      tip.destroy();
      chart.destroy?.();
      target.replaceChildren();
    };
  }, [hostRef, flame, width, inverted, matcher, search, onZoom, unit, total, index, onPin, onSandwich, selfLabel]);

  return (
    <div className="flame-host" ref={hostRef} data-testid="flame-graph">
      <div ref={chartRef} />
    </div>
  );
}
