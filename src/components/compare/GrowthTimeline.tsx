// With three or more dumps: the largest suspects' counts over time (d3 lines).

import { useEffect, useMemo, useRef } from 'react';
import { useElementWidth } from '../common/useElementWidth';
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import type { GoroutineGrowth } from '../../state/types';
import { compareChartMeta } from '../../state/exportMeta';
import { ExportButtons } from '../report/ExportButtons';
import { themeColour } from '../common/themeColour';

const HEIGHT = 220;
const M = { top: 10, right: 16, bottom: 30, left: 56 };

/** The n-th suspect's colour: the histogram's colour-blind-safe series (app/theme.css), following the theme. */
const colourOf = (i: number) => `var(--series-${i % 8})`;

export function GrowthTimeline({ growth, fileName }: { growth: GoroutineGrowth; fileName: string }) {
  const [host, width] = useElementWidth<HTMLDivElement>();
  const svg = useRef<SVGSVGElement>(null);
  const top = useMemo(() => growth.sites.filter((s) => s.change > 0).slice(0, 5), [growth]);
  const timed = growth.offsetsMinutes.every((t) => t !== null);
  useEffect(() => {
    const el = svg.current;
    if (!el || width === 0) return;
    const w = width - M.left - M.right;
    const h = HEIGHT - M.top - M.bottom;
    const xs = growth.offsetsMinutes.map((t, i) => (timed ? t! : i));
    const x = scaleLinear().domain([Math.min(...xs), Math.max(...xs)]).range([0, w]);
    const y = scaleLinear().domain([0, Math.max(1, ...top.flatMap((s) => s.counts))]).nice().range([h, 0]);
    const root = select(el).attr('width', width).attr('height', HEIGHT);
    root.selectAll('*').remove();
    const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);
    const xAxis = axisBottom(x).ticks(Math.min(6, xs.length));
    if (timed) xAxis.tickFormat((v) => `+${Number(v)} min`);
    else xAxis.tickFormat((v) => `dump ${Number(v) + 1}`);
    g.append('g').attr('transform', `translate(0,${h})`).call(xAxis);
    g.append('g').call(axisLeft(y).ticks(5));
    const path = line<number>()
      .x((_, i) => x(xs[i]!))
      .y((c) => y(c));
    top.forEach((s, k) => {
      g.append('path').attr('fill', 'none').style('stroke', colourOf(k)).attr('stroke-width', 2).attr('d', path(s.counts));
      s.counts.forEach((c, i) => g.append('circle').attr('cx', x(xs[i]!)).attr('cy', y(c)).attr('r', 3).style('fill', colourOf(k)));
    });
  }, [growth, width, top, timed]);
  return (
    <div className="histogram" ref={host} data-testid="growth-timeline">
      <ExportButtons
        find={() => svg.current}
        fileName={fileName}
        what="growth timeline"
        legend={() => top.map((s, k) => ({ color: themeColour(`--series-${k % 8}`), label: s.site }))}
        meta={() => compareChartMeta('Goroutine growth', 'all')}
      />
      <svg ref={svg} role="img" aria-label="Goroutines per blocking site over time" />
      <ul className="legend">
        {top.map((s, k) => (
          <li key={s.site}>
            <span className="swatch" style={{ background: colourOf(k) }} />
            <span className="legend-label">{s.site}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
