// Goroutines by wait minutes, stacked by blocking site or by state (d3), in buckets fitted to the
// dump (one per minute for short waits, widening for long ones: analysis/waitBuckets.ts). Hover
// gives the exact numbers (the segment's, the bar's) and the bucket's minutes; a click opens the
// largest group behind that segment.

import { useEffect, useMemo, useRef } from 'react';
import { useElementWidth } from '../common/useElementWidth';
import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';
import { OTHER_KEY, type KnownBugMatch, type GoroutineHistogram } from '../../state/types';
import { FindingBadges } from '../findings/FindingBadge';
import { indexFindings } from '../findings/findingIndex';
import { count } from './format';

export interface WaitHistogramProps {
  histogram: GoroutineHistogram;
  /** Goroutines before the filter, for shares. */
  allGoroutines: number;
  onOpenGroup: (group: number) => void;
  /** Known-bug findings: their sites get a badge in the legend and a marked segment. */
  findings?: KnownBugMatch[];
  /** Tooltip lines for the pprof labels of a group (none when it has no labels). */
  groupLabels?: (group: number) => string[];
}

const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 36, left: 56 };
/** Extra room under the axis when the bucket labels are turned to fit. */
const TURNED = 22;

/** What a bucket holds, in minutes as the runtime prints them. */
export function bucketRange(histogram: GoroutineHistogram, b: number): string {
  const from = histogram.bucketEdges[b]!;
  const to = b + 1 < histogram.bucketEdges.length ? histogram.bucketEdges[b + 1]! : histogram.bucketEnd;
  if (from === 0 && to === 1) return 'no wait minutes shown: blocked under a minute ago, or not yet seen by a GC';
  if (to === Infinity) return `${from} minutes or more`;
  return to - from === 1 ? `${from} minute${from === 1 ? '' : 's'} shown` : `${from} to ${to - 1} minutes shown`;
}

/** Series colours of app/theme.css (--series-0 to -7, --series-other): eight, as histogramSeries keeps. */
const SERIES_COLOURS = 8;

/**
 * A series' colour, by its rank, as a CSS variable (so the chart follows a theme change), or, with
 * resolved, as the colour the theme in force gives it (for an exported file, which has no theme).
 */
export function seriesColor(histogram: GoroutineHistogram, resolved = false): (key: string) => string {
  const rank = new Map<string, number>();
  for (const s of histogram.series) if (s.key !== OTHER_KEY && !rank.has(s.key)) rank.set(s.key, rank.size);
  const style = resolved ? getComputedStyle(document.documentElement) : null;
  return (key) => {
    const r = rank.get(key);
    const name = r === undefined ? '--series-other' : `--series-${r % SERIES_COLOURS}`;
    return style ? style.getPropertyValue(name).trim() : `var(${name})`;
  };
}

export function WaitHistogram({ histogram, allGoroutines, onOpenGroup, findings, groupLabels }: WaitHistogramProps) {
  const index = useMemo(() => indexFindings(findings), [findings]);
  const [hostRef, width] = useElementWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  // What the bars' handlers read when they run: the bars are drawn again only for a new histogram
  // or width, not when the findings, the group labels or the totals arrive while a file loads.
  const latest = useRef({ index, allGoroutines, onOpenGroup, groupLabels });
  useEffect(() => {
    latest.current = { index, allGoroutines, onOpenGroup, groupLabels };
  });

  useEffect(() => {
    const svg = svgRef.current;
    const tip = tipRef.current;
    if (!svg || !tip || width === 0) return;
    const innerW = Math.max(100, width - MARGIN.left - MARGIN.right);
    const labels = [...histogram.bucketLabels];
    // Labels turn when they would not fit side by side (about 6.5 px a character at 11.5 px).
    const longest = Math.max(...labels.map((l) => l.length));
    const turned = labels.length > 0 && (innerW / labels.length) < longest * 6.5 + 6;
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom - (turned ? TURNED : 0);
    const x = scaleBand<string>().domain(labels).range([0, innerW]).padding(0.25);
    const maxY = Math.max(1, ...histogram.bucketTotals);
    // Headroom above the tallest bar for its total.
    const y = scaleLinear().domain([0, maxY * 1.08]).nice().range([innerH, 0]);
    const color = seriesColor(histogram);

    const root = select(svg).attr('width', width).attr('height', HEIGHT);
    root.selectAll('*').remove();
    const g = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    const xAxis = g.append('g').attr('class', 'axis x-axis').attr('transform', `translate(0,${innerH})`).call(axisBottom(x));
    if (turned) xAxis.selectAll('text').attr('transform', 'rotate(-30)').attr('text-anchor', 'end').attr('dx', '-0.3em').attr('dy', '0.6em');
    g.append('g').attr('class', 'axis').call(axisLeft(y).ticks(5).tickFormat((v) => count(Number(v))));
    g.append('text')
      .attr('class', 'axis-title')
      .attr('x', innerW / 2)
      .attr('y', innerH + 32 + (turned ? TURNED : 0))
      .attr('text-anchor', 'middle')
      .text('waiting for');

    const showTip = (event: MouseEvent, lines: string[]) => {
      tip.replaceChildren(
        ...lines.map((l, i) => {
          const d = document.createElement('div');
          d.className = i === 0 ? 'flame-tooltip-title' : 'flame-tooltip-line';
          d.textContent = l;
          return d;
        }),
      );
      tip.style.display = 'block';
      const box = hostRef.current!.getBoundingClientRect();
      tip.style.left = `${Math.min(event.clientX - box.left + 12, box.width - tip.offsetWidth - 4)}px`;
      tip.style.top = `${event.clientY - box.top + 12}px`;
    };
    const hideTip = () => (tip.style.display = 'none');
    // Labels are those of the group a click opens (the largest group in the segment), said so.
    const labelLines = (group: number): string[] => {
      const groupLabels = latest.current.groupLabels;
      const lines = group >= 0 && groupLabels ? groupLabels(group) : [];
      return lines.length > 0 ? ['labels of that group:', ...lines] : [];
    };

    labels.forEach((bucket, b) => {
      let base = 0;
      for (const s of histogram.series) {
        const c = s.counts[b]!;
        if (c === 0) continue;
        const y0 = base;
        base += c;
        const groupToOpen = s.openGroup[b]!;
        g.append('rect')
          .datum(s.key)
          .attr('class', 'bar-segment')
          .attr('x', x(bucket)!)
          .attr('width', x.bandwidth())
          .attr('y', y(base))
          .attr('height', Math.max(1, y(y0) - y(base)))
          .style('fill', color(s.key))
          .attr('data-series', s.label)
          .attr('data-bucket', bucket)
          .attr('data-count', c)
          .on('mousemove', (event: MouseEvent) => {
            const { allGoroutines, index } = latest.current;
            const known = index.byName.get(s.key);
            showTip(event, [
              s.label,
              `waiting ${bucket}: ${count(c)} goroutine${c === 1 ? '' : 's'}`,
              `(${bucketRange(histogram, b)})`,
              `${((c / Math.max(1, allGoroutines)) * 100).toFixed(1)}% of all ${count(allGoroutines)} goroutines`,
              `this bar: ${count(histogram.bucketTotals[b]!)} goroutine${histogram.bucketTotals[b] === 1 ? '' : 's'}`,
              ...(known ?? []).map((f) => `looks like ${f.id}: ${f.title}`),
              groupToOpen >= 0 ? 'click to open the group' : '',
              ...labelLines(groupToOpen),
            ].filter(Boolean));
          })
          .on('mouseleave', hideTip)
          .on('click', () => {
            if (groupToOpen >= 0) latest.current.onOpenGroup(groupToOpen);
          });
      }
      g.append('text')
        .attr('class', 'bar-total')
        .attr('x', x(bucket)! + x.bandwidth() / 2)
        .attr('y', y(base) - 4)
        .attr('text-anchor', 'middle')
        .attr('data-bucket', bucket)
        .text(base > 0 ? count(base) : '');
    });
    return () => {
      hideTip();
    };
  }, [hostRef, histogram, width]);

  // Segments of a site a known-bug finding names are marked (and say which findings).
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    select(svg)
      .selectAll<SVGRectElement, string>('rect.bar-segment')
      .classed('known-bug', (key) => index.byName.has(key))
      .attr('data-findings', (key) => index.byName.get(key)?.map((f) => f.id).join(' ') ?? null);
  }, [index, histogram, width]);

  const color = seriesColor(histogram);
  return (
    <div className="histogram" ref={hostRef} data-testid="wait-histogram">
      <svg ref={svgRef} role="img" aria-label="Goroutines by wait minutes" />
      <div ref={tipRef} className="flame-tooltip" role="tooltip" style={{ display: 'none' }} />
      <p className="histogram-note muted small" data-testid="histogram-resolution">
        Wait minutes as the runtime prints them: whole minutes (±1 minute), counted from the first GC that saw the goroutine blocked, so up to one GC interval late (the runtime forces a GC at least every 2 minutes). “&lt;1 min” holds goroutines that show no minutes.
      </p>
      <ul className="legend" aria-label="Legend">
        {histogram.series.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: color(s.key) }} />
            <span className="legend-label">{s.label}</span> <span className="muted">{count(s.total)}</span>
            <FindingBadges findings={index.byName.get(s.key)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
