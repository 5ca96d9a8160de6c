// The differential flame graph: box widths from the target, colours from the change, a
// tooltip with base, target, delta and delta%. Clicks zoom through the compare worker.

import { useEffect, useRef } from 'react';
import { useElementWidth } from '../common/useElementWidth';
import { select } from 'd3';
import flamegraph from 'd3-flame-graph';
import { label } from '../../lib/units';
import type { ComparePalette } from '../../state/compare';
import { useTheme } from '../../state/theme';
import type { DiffFlameDatum, DiffFlameResult } from '../../state/types';
import { createTooltip, type HierarchyNode } from '../flame/tooltip';
import { deltaPercent, diffColor } from './diffColor';

export function DiffFlameGraph({ flame, palette, onZoom }: { flame: DiffFlameResult; palette: ComparePalette; onZoom: (node: number) => void }) {
  const [hostRef, width] = useElementWidth<HTMLDivElement>();
  const chartRef = useRef<HTMLDivElement>(null);
  const unit = flame.sampleType.unit;
  const theme = useTheme((s) => s.theme);


  useEffect(() => {
    const host = hostRef.current;
    const target = chartRef.current;
    if (!host || !target || width === 0) return;
    const describe = (d: HierarchyNode): string[] => {
      const data = d.data as DiffFlameDatum;
      const delta = data.value - data.base;
      return [
        data.name,
        `base ${label(data.base, unit)}`,
        `target ${label(data.value, unit)}`,
        `delta ${delta > 0 ? '+' : ''}${label(delta, unit)} (${deltaPercent(data.base, data.value)})`,
      ];
    };
    const tip = createTooltip(host, describe);
    const clone = (d: DiffFlameDatum): DiffFlameDatum => ({ ...d, children: d.children?.map(clone) });
    const chart = flamegraph()
      .width(width)
      .cellHeight(18)
      .transitionDuration(0)
      .sort(false)
      .tooltip(tip as never)
      .getName((d: { data: DiffFlameDatum }) => d.data.name)
      .computeDelta(false)
      // Both palettes are ours (d3-flame-graph's red-blue mode ends in fills under which its
      // dark labels fall below AA contrast), with a neutral and ends per theme.
      .setColorMapper((d: { data: DiffFlameDatum }) => diffColor(palette, d.data.base, d.data.value, theme))
      .setDetailsHandler(() => undefined)
      .onClick((d: { data: DiffFlameDatum }) => {
        if (d.data.id >= 0) onZoom(d.data.id);
      });
    target.replaceChildren();
    select(target).datum(clone(flame.view.root)).call(chart);
    return () => {
      tip.destroy();
      chart.destroy?.();
      target.replaceChildren();
    };
  }, [hostRef, flame, width, palette, onZoom, unit, theme]);

  return (
    <div className="flame-host" ref={hostRef} data-testid="diff-flame-graph">
      <div ref={chartRef} />
    </div>
  );
}
