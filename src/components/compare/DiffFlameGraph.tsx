// The differential flame graph: box widths from the target, colours from the change, a
// tooltip with base, target, delta and delta%. Clicks zoom through the compare worker. A key
// says what the colours mean and which files are compared; search highlights matching frames
// as the main flame graph's does (lib/search.ts: text or Go regexp, same highlight colour).

import { useEffect, useMemo, useRef, useState } from 'react';
import { useElementWidth } from '../common/useElementWidth';
import { select } from 'd3';
import flamegraph from 'd3-flame-graph';
import { label } from '../../lib/units';
import type { ComparePalette } from '../../state/compare';
import { useTheme } from '../../state/theme';
import type { DiffFlameDatum, DiffFlameResult } from '../../state/types';
import { createTooltip, type HierarchyNode } from '../flame/tooltip';
import { deltaPercent, diffColor } from './diffColor';
import { themeColour } from '../common/themeColour';
import { diffLegend } from './diffLegend';
import { compileSearch } from '../../lib/search';
import { formatCount } from '../../lib/goformat';
import { ExportButtons } from '../report/ExportButtons';
import { exportName } from '../report/download';
import { compareChartMeta } from '../../state/exportMeta';

/** Frames of the drawn tree whose name matches. */
function countMatches(root: DiffFlameDatum, test: (name: string) => boolean): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (d.id >= 0 && test(d.name)) n++;
    if (d.children) stack.push(...d.children);
  }
  return n;
}

export function DiffFlameGraph({
  flame,
  palette,
  onZoom,
  baseName,
  targetName,
}: {
  flame: DiffFlameResult;
  palette: ComparePalette;
  onZoom: (node: number) => void;
  baseName: string;
  targetName: string;
}) {
  const [hostRef, width] = useElementWidth<HTMLDivElement>();
  const chartRef = useRef<HTMLDivElement>(null);
  const unit = flame.sampleType.unit;
  const theme = useTheme((s) => s.theme);
  const [search, setSearch] = useState('');
  const [regex, setRegex] = useState(false);
  const matcher = useMemo(() => compileSearch(search, regex), [search, regex]);
  const match = useMemo(() => (search !== '' && matcher.ok ? matcher.test : null), [search, matcher]);
  const matched = useMemo(() => (match ? countMatches(flame.view.root, match) : 0), [flame, match]);
  const legend = diffLegend(palette, baseName, targetName, theme);
  // The main flame graph's search highlight in the theme in force (read at each render: `theme`
  // re-renders this on a change).
  const highlight = themeColour('--flame-highlight');


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
      .setColorMapper((d: { data: DiffFlameDatum }) => (match?.(d.data.name) ? highlight : diffColor(palette, d.data.base, d.data.value, theme)))
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
  }, [hostRef, flame, width, palette, onZoom, unit, theme, match, highlight]);

  return (
    <>
      <div className="toolbar">
        <input
          type="search"
          className="search-input"
          placeholder={regex ? 'Search (regular expression)' : 'Search functions'}
          aria-label="Search frames"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> regex
        </label>
        <ExportButtons
          find={() => chartRef.current?.querySelector('svg') ?? null}
          fileName={exportName(targetName, 'diff-flame')}
          what="differential flame graph"
          legend={() => legend.entries.map((e) => ({ color: e.color, label: e.label }))}
          meta={() => compareChartMeta('Differential flame graph')}
        />
        <span aria-live="polite" data-testid="diff-search-result">
          {!matcher.ok ? (
            <span className="error-text">{matcher.error}</span>
          ) : search !== '' ? (
            `${formatCount(matched)} frame${matched === 1 ? '' : 's'} match, highlighted`
          ) : null}
        </span>
      </div>
      <div className="diff-legend" data-testid="diff-legend" aria-label="Colour key">
        <ul>
          {legend.entries.map((e) => (
            <li key={e.label}>
              <span className="swatch" style={{ background: e.color }} aria-hidden="true" /> {e.label}
            </li>
          ))}
          {match && (
            <li>
              <span className="swatch" style={{ background: highlight }} aria-hidden="true" /> matches the search
            </li>
          )}
        </ul>
        {legend.notes.map((n) => (
          <p key={n} className="muted small">
            {n}
          </p>
        ))}
      </div>
      <div className="flame-host" ref={hostRef} data-testid="diff-flame-graph">
        <div ref={chartRef} />
      </div>
    </>
  );
}
