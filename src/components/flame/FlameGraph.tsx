// The flame graph: d3-flame-graph draws the pruned subtree the worker sent (in SVG, one chart
// kept across updates, so its DOM nodes are reused); views with more boxes than SVG redraws
// within a frame are drawn with d3 on a canvas (flameCanvas.ts) from the worker's layout. Clicks
// zoom by asking the worker for the clicked frame's subtree, so narrow frames become visible; a
// search recolours the drawn boxes without redrawing them.

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useElementWidth } from '../common/useElementWidth';
import { useFitHeight } from '../common/useFitHeight';
import { select } from 'd3';
import flamegraph from 'd3-flame-graph';
import { label, percentage } from '../../lib/units';
import { compileSearch } from '../../lib/search';
import type { KnownBugMatch, FlameDatum, FlameResult } from '../../state/types';
import { indexFindings } from '../findings/findingIndex';
import { packageColor } from './packageColor';
import { themeColour } from '../common/themeColour';
import { useTheme, type Theme } from '../../state/theme';
import { createTooltip, type FlameTooltip, type HierarchyNode } from './tooltip';
import { createFlameCanvas } from './flameCanvas';
import { besideBox, boxOfId, flameBoxes, hierarchyOf, widestChild } from './flameBoxes';

/**
 * Views with more boxes than this are drawn on a canvas. Measured in Chromium on the 2-core test
 * machine (bench/cases/flame-interactions.ts, Chrome traces): d3-flame-graph's SVG update is a
 * 300-800 ms main-thread task at 4,257 boxes and still 57-101 ms at 614 (style, layout and paint
 * of every box), over the 50 ms budget; the bundled samples draw 35-125 boxes (toyserver's CPU
 * profile 725).
 */
export const CANVAS_MIN_BOXES = 300;

/** The chart's height: the window's room under it, at least 12 rows of 18 px (see useFitHeight). */
const FLAME_FIT = { min: 216, gap: 26, prop: 'maxHeight' } as const;

/** Returns the drawn flame graph as an SVG element (for export), or null. */
export type FlameExport = () => SVGSVGElement | null;

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
  /** Set to a function returning the graph as SVG (built on demand when drawn on a canvas). */
  exportRef?: RefObject<FlameExport | null>;
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


/** What FlameGraph's renderers read at the moment they draw or answer an event. */
interface Latest {
  props: FlameGraphProps;
  theme: Theme;
  index: ReturnType<typeof indexFindings>;
  match: ((name: string) => boolean) | null;
}

/** What the tooltip and the keyboard announcement say about a frame. */
function describeNode(latest: Latest, d: HierarchyNode): string[] {
  const { props: p, index: ix } = latest;
  const u = p.flame.sampleType.unit;
  const t = p.flame.total;
  const self = p.selfLabel ?? 'flat';
  const data = d.data;
  const lines = [data.name];
  const w = where(data);
  if (w) lines.push(w);
  const parentValue = d.parent ? d.parent.data.value : data.value;
  lines.push(`cum ${label(data.value, u)} (${percentage(data.value, t).trim()} of total, ${percentage(data.value, parentValue).trim()} of parent)`);
  if (!data.ancestor) {
    lines.push(`${self} ${label(data.self, u)} (${percentage(data.self, t).trim()} of total, ${percentage(data.self, parentValue).trim()} of parent)`);
  }
  if (data.merged) lines.push(`${data.merged} frames too narrow to draw, merged; click the parent to zoom in`);
  for (const f of ix.byName.get(data.name) ?? []) lines.push(`looks like ${f.id}: ${f.title}`);
  if (p.onSandwich && data.frame >= 0) lines.push('right-click: its callers and callees (sandwich)');
  return lines;
}

interface Renderer {
  draw(flame: FlameResult, inverted: boolean): void;
  /** Outlines the frame of datum `id` (the keyboard focus), null for none. */
  focus(id: number | null): void;
  /** The focused frame's place on screen (client coordinates), or null. */
  focusRect(): { left: number; top: number; bottom: number } | null;
  recolour(): void;
  /** The theme changed: colours again from the theme in force. */
  retheme(): void;
  svg(): SVGSVGElement | null;
  destroy(): void;
}

/** d3-flame-graph, one chart kept across updates (its join reuses the boxes' DOM nodes). */
function svgRenderer(target: HTMLDivElement, width: number, tip: FlameTooltip, latest: RefObject<Latest>): Renderer {
  let highlight = themeColour('--flame-highlight');
  const colour = (d: { data: FlameDatum }) => (latest.current.match?.(d.data.name) ? highlight : packageColor(d.data.name, latest.current.theme));
  const chart = flamegraph()
    .width(width)
    .cellHeight(18)
    .transitionDuration(0)
    .resetHeightOnZoom(true)
    .sort(false)
    .minFrameSize(0)
    .tooltip(tip as never)
    .getName((d: { data: FlameDatum }) => d.data.name)
    .setColorMapper(colour)
    .setSearchHandler(() => undefined)
    .setDetailsHandler(() => undefined);
  let drawn = false;
  let focusId: number | null = null;
  const focusedFrame = () =>
    focusId === null
      ? null
      : (select(target)
          .selectAll<SVGGElement, { data: FlameDatum }>('g.frame')
          .filter((d) => d.data.id === focusId)
          .node() ?? null);
  const markFocus = () => {
    select(target)
      .selectAll<SVGGElement, { data: FlameDatum }>('g.frame')
      .classed('keyboard-focus', (d) => d.data.id === focusId);
  };
  const markKnownBugs = () => {
    const byName = latest.current.index.byName;
    select(target)
      .selectAll<SVGGElement, { data: FlameDatum }>('g.frame')
      .classed('known-bug', (d) => byName.has(d.data.name));
  };
  // Clicks are caught before d3-flame-graph sees them: its own zoom would redraw every box once
  // before the worker's subtree arrives and is drawn. Shift-click pins instead of zooming.
  const onClick = (e: MouseEvent) => {
    const g = (e.target as Element).closest('g.frame');
    if (!g) return;
    e.stopPropagation();
    const d = select<Element, HierarchyNode>(g).datum();
    const { onPin, onZoom } = latest.current.props;
    if (e.shiftKey) {
      // Merged boxes are no frame, and a zoomed view's ancestors carry the zoomed frame's value.
      if (!onPin || d.data.id <= 0 || d.data.ancestor) return;
      e.preventDefault();
      onPin(pathOf(d), d.data);
      return;
    }
    if (d.data.id >= 0) {
      tip.hide();
      onZoom(d.data.id);
    }
  };
  target.addEventListener('click', onClick, true);
  // Right-click opens the sandwich of the frame's function (merged boxes and the root are none).
  const onContext = (e: MouseEvent) => {
    const onSandwich = latest.current.props.onSandwich;
    if (!onSandwich) return;
    const g = (e.target as Element).closest('g.frame');
    if (!g) return;
    const d = select<Element, HierarchyNode>(g).datum();
    if (d.data.frame < 0) return;
    e.preventDefault();
    tip.hide();
    onSandwich(d.data.name);
  };
  target.addEventListener('contextmenu', onContext);
  return {
    draw(flame, inverted) {
      chart.inverted(inverted);
      if (!drawn) {
        select(target).datum(clone(flame.view.root)).call(chart);
        drawn = true;
      } else chart.update(clone(flame.view.root));
      // d3-flame-graph grows new boxes' width in a transition of d3's default 250 ms whatever
      // transitionDuration says: a quarter second of frames for nothing. Set the widths now.
      const root = select<HTMLDivElement, { x0: number; x1: number }>(target).datum();
      const kx = width / (root.x1 - root.x0 || 1);
      select(target)
        .selectAll<SVGRectElement, { x0: number; x1: number }>('g.frame > rect')
        .interrupt()
        .attr('width', (d) => (d.x1 - d.x0) * kx);
      markKnownBugs();
      markFocus();
    },
    focus(id) {
      focusId = id;
      markFocus();
    },
    focusRect() {
      const r = focusedFrame()?.getBoundingClientRect();
      return r ? { left: r.left, top: r.top, bottom: r.bottom } : null;
    },
    recolour() {
      select(target).selectAll<SVGRectElement, { data: FlameDatum }>('g.frame > rect').attr('fill', colour);
    },
    retheme() {
      highlight = themeColour('--flame-highlight');
      this.recolour();
    },
    svg: () => target.querySelector('svg'),
    destroy() {
      target.removeEventListener('click', onClick, true);
      target.removeEventListener('contextmenu', onContext);
      chart.destroy?.();
      target.replaceChildren();
    },
  };
}

/** The same graph drawn with d3 on a canvas, for views too large to redraw in SVG within a frame. */
function canvasRenderer(target: HTMLDivElement, width: number, tip: FlameTooltip, latest: RefObject<Latest>): Renderer {
  let inverted = false;
  let flame: FlameResult | null = null;
  const canvas = createFlameCanvas(target, tip, () => ({
    onZoom: latest.current.props.onZoom,
    onPin: latest.current.props.onPin ? (d: HierarchyNode) => latest.current.props.onPin!(pathOf(d), d.data) : undefined,
    onSandwich: latest.current.props.onSandwich,
    isKnownBug: (name: string) => latest.current.index.byName.has(name),
    theme: latest.current.theme,
  }));
  return {
    draw(f, inv) {
      flame = f;
      inverted = inv;
      canvas.draw(f.view, inverted, width, latest.current.match);
    },
    focus: (id) => canvas.setFocus(id),
    focusRect: () => canvas.focusRect(),
    recolour() {
      if (flame) canvas.setMatch(latest.current.match);
    },
    retheme() {
      canvas.retheme(latest.current.theme);
    },
    svg: () => canvas.svg(),
    destroy() {
      canvas.destroy();
      target.replaceChildren();
    },
  };
}

export function FlameGraph(props: FlameGraphProps) {
  const { flame, inverted, search, searchRegex, findings, selfLabel = 'flat', exportRef } = props;
  const index = useMemo(() => indexFindings(findings), [findings]);
  // The chart scrolls inside `scroll` (sized to the window's room); the tooltip is positioned in
  // the host around it, which does not scroll. The width drawn is the scroller's, scrollbar out.
  const hostRef = useRef<HTMLDivElement>(null);
  const [scrollRef, width] = useElementWidth<HTMLDivElement>();
  // The root in sight: at the bottom of a flame, at the top of an icicle (for each new view and height).
  const showRoot = useCallback(() => {
    const s = scrollRef.current;
    if (s) s.scrollTop = latestInverted.current ? 0 : s.scrollHeight;
  }, [scrollRef]);
  const latestInverted = useRef(inverted);
  latestInverted.current = inverted;
  useFitHeight(scrollRef, FLAME_FIT, showRoot);
  const chartRef = useRef<HTMLDivElement>(null);
  const matcher = useMemo(() => compileSearch(search, searchRegex), [search, searchRegex]);
  const match = useMemo(() => (search !== '' && matcher.ok ? (name: string) => matcher.test(name) : null), [search, matcher]);
  const theme = useTheme((s) => s.theme);
  const latest = useRef<Latest>({ props, index, match, theme });
  const renderer = useRef<Renderer | null>(null);
  // A zoomed view keeps the renderer of the view it was zoomed from: switching to SVG and back
  // on a zoom and its reset rebuilt the canvas, its colours and its text metrics each time.
  const lastMode = useRef<'canvas' | 'svg'>('svg');
  const mode = flame.view.nodeCount > CANVAS_MIN_BOXES || (flame.view.zoom !== 0 && lastMode.current === 'canvas') ? 'canvas' : 'svg';
  useEffect(() => {
    lastMode.current = mode;
  }, [mode]);
  const unit = flame.sampleType.unit;
  const total = flame.total;

  // Runs first: the renderers read the props of this render.
  useEffect(() => {
    latest.current = { props, index, match, theme };
  });

  // One renderer per mode and width; it stays across new views, orientations and searches.
  useEffect(() => {
    const host = hostRef.current;
    const target = chartRef.current;
    if (!host || !target || width === 0) return;
    const describe = (d: HierarchyNode): string[] => describeNode(latest.current, d);
    const tip = createTooltip(host, describe);
    tipRef.current = tip;
    const r = mode === 'canvas' ? canvasRenderer(target, width, tip, latest) : svgRenderer(target, width, tip, latest);
    renderer.current = r;
    r.focus(focusId.current);
    return () => {
      renderer.current = null;
      tipRef.current = null;
      r.destroy();
      tip.destroy();
    };
  }, [hostRef, width, mode]);

  useEffect(() => {
    renderer.current?.draw(flame, inverted);
  }, [flame, inverted, width, mode, index, unit, total, selfLabel]);

  useEffect(showRoot, [showRoot, flame, inverted, width, mode]);

  // Keyboard: the chart is one tab stop; arrows move a focused frame (drawn outlined, its details
  // announced), Enter zooms to it, Shift+Enter pins it. A new view keeps the frame when it has it.
  const boxes = useMemo(() => flameBoxes(flame.view), [flame.view]);
  const focusId = useRef<number | null>(null);
  const tipRef = useRef<FlameTooltip | null>(null);
  const [announce, setAnnounce] = useState('');
  const focusBox = (b: number, showTip: boolean) => {
    const id = boxes.data[b]!.id;
    focusId.current = id;
    renderer.current?.focus(id);
    const lines = describeNode(latest.current, hierarchyOf(boxes, b));
    setAnnounce(lines.join('. '));
    const rect = showTip ? renderer.current?.focusRect() : null;
    if (rect) tipRef.current?.show({ clientX: rect.left + 4, clientY: rect.bottom - 10 } as MouseEvent, hierarchyOf(boxes, b));
  };
  const currentBox = (): number => {
    const b = focusId.current === null ? -1 : boxOfId(boxes, focusId.current);
    if (b >= 0) return b;
    // The frame zoomed to, else the root.
    const z = flame.view.zoom !== 0 ? boxOfId(boxes, flame.view.zoom) : -1;
    return z >= 0 ? z : 0;
  };
  useEffect(() => {
    // A new view without the focused frame: the focus moves to its zoomed frame or root.
    if (focusId.current !== null && boxOfId(boxes, focusId.current) < 0) focusId.current = boxes.data[currentBox()]!.id;
    renderer.current?.focus(document.activeElement === hostRef.current ? focusId.current : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boxes]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey || boxes.data.length === 0) return;
    const b = currentBox();
    const up = inverted ? boxes.parent[b]! : widestChild(flame.view, boxes, b);
    const down = inverted ? widestChild(flame.view, boxes, b) : boxes.parent[b]!;
    let next = -1;
    if (e.key === 'ArrowUp') next = up;
    else if (e.key === 'ArrowDown') next = down;
    else if (e.key === 'ArrowLeft') next = besideBox(flame.view, boxes, b, -1);
    else if (e.key === 'ArrowRight') next = besideBox(flame.view, boxes, b, 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'Enter') {
      e.preventDefault();
      const d = boxes.data[b]!;
      if (e.shiftKey) {
        if (props.onPin && d.id > 0 && !d.ancestor) props.onPin(pathOf(hierarchyOf(boxes, b)), d);
      } else if (d.id >= 0) {
        tipRef.current?.hide();
        props.onZoom(d.id);
      }
      return;
    } else return;
    e.preventDefault();
    if (next >= 0) focusBox(next, true);
  };

  useEffect(() => {
    renderer.current?.recolour();
  }, [match]);

  // A theme change repaints the boxes in the new colours (the canvas has no stylesheet).
  const drawnTheme = useRef(theme);
  useEffect(() => {
    if (drawnTheme.current === theme) return;
    drawnTheme.current = theme;
    renderer.current?.retheme();
  }, [theme]);

  useEffect(() => {
    if (!exportRef) return;
    exportRef.current = () => renderer.current?.svg() ?? null;
  }, [exportRef]);

  return (
    <div
      className="flame-host"
      ref={hostRef}
      data-testid="flame-graph"
      data-renderer={mode}
      tabIndex={0}
      role="application"
      aria-roledescription="flame graph"
      aria-label="Flame graph: arrow keys move between frames, Enter zooms to the focused frame"
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && boxes.data.length > 0) focusBox(currentBox(), false);
      }}
      onBlur={(e) => {
        if (e.target !== e.currentTarget) return;
        renderer.current?.focus(null);
        tipRef.current?.hide();
      }}
    >
      <div className="flame-scroll" ref={scrollRef} data-testid="flame-scroll">
        <div ref={chartRef} />
      </div>
      <div className="visually-hidden" aria-live="polite" data-testid="flame-focus-name">
        {announce}
      </div>
    </div>
  );
}
