// The flame graph drawn with d3 on a canvas, for views with more boxes than SVG can redraw within
// a frame. It draws what the worker laid out (FlameView.layout): one fillRect per box, labels on
// boxes wide enough to read, the same colours, geometry and tooltip as the SVG flame graph
// (d3-flame-graph), and finds the box under the pointer by depth and a binary search. A search
// recolours without a new layout. The SVG for export is built from the same boxes on demand.

import { scaleLinear } from 'd3';
import type { FlameDatum, FlameView } from '../../state/types';
import { boxAt, boxOfId, flameBoxes, hierarchyOf, type FlameBoxes } from './flameBoxes';
import { packageColor, type FlameTheme } from './packageColor';
import { themeColour } from '../common/themeColour';
import type { FlameTooltip, HierarchyNode } from './tooltip';

export const CELL_HEIGHT = 18;
/** The keyboard-focused box's outline (two rings, dark then light, visible on every box colour in both themes). */
const FOCUS_DARK = '#0b1f3a';
const FOCUS_LIGHT = '#ffffff';
const FONT_SIZE = '11.5px';
/** Boxes narrower than this carry no label (as in d3-flame-graph). */
const MIN_LABEL_WIDTH = 35;
/**
 * The canvas covers the rows in sight and this much more above and below, not the whole chart:
 * each frame the browser copies the whole canvas out (in Chromium without a GPU, 30-90 ms for a
 * 1350x1422 canvas, measured in a trace of a click-zoom on the 120,000-stack heap), so its size
 * follows the window, not the depth of the profile, and it is reallocated only when that changes.
 */
const WINDOW_MARGIN = 128;
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface FlameCanvasHandlers {
  onZoom: (node: number) => void;
  onPin?: (node: HierarchyNode) => void;
  onSandwich?: (functionName: string) => void;
  isKnownBug: (name: string) => boolean;
  /** The theme in force when the canvas is made (later ones come through retheme). */
  theme: FlameTheme;
}

export interface FlameCanvas {
  /** Draws a new view (or the same one in another orientation or width). */
  draw(view: FlameView, inverted: boolean, width: number, match: ((name: string) => boolean) | null): void;
  /** Recolours the boxes whose name matches (null: none), without a new layout. */
  setMatch(match: ((name: string) => boolean) | null): void;
  /** Paints again in the colours of another theme (frame colours by package, labels, marks). */
  retheme(theme: FlameTheme): void;
  /** Outlines the box of datum `id` (the keyboard focus; null: none), in this view and the next ones. */
  setFocus(id: number | null): void;
  /** Where the focused box is on screen (client coordinates), or null. */
  focusRect(): { left: number; top: number; bottom: number } | null;
  /** The drawn boxes as a standalone SVG element (for export), or null before the first draw. */
  svg(): SVGSVGElement | null;
  destroy(): void;
}

export function createFlameCanvas(host: HTMLElement, tip: FlameTooltip, handlers: () => FlameCanvasHandlers): FlameCanvas {
  const canvas = document.createElement('canvas');
  canvas.className = 'flame-canvas';
  canvas.setAttribute('role', 'img');
  canvas.dataset.testid = 'flame-canvas';
  const hover = document.createElement('div');
  hover.className = 'flame-hover';
  hover.style.display = 'none';
  const exportHolder = document.createElement('div');
  exportHolder.style.display = 'none';
  // The host is as tall as the whole chart; the canvas is a window onto it, placed where the
  // rows in sight are (chart coordinates: 0 is the host's top).
  host.style.position = 'relative';
  canvas.style.position = 'absolute';
  canvas.style.left = '0';
  host.append(canvas, hover, exportHolder);
  const ctx = canvas.getContext('2d')!;
  const font = `${FONT_SIZE} ${getComputedStyle(host).getPropertyValue('--mono').trim() || 'monospace'}`;
  let theme = handlers().theme;
  /** The theme's colours of what is not a frame's own (app/theme.css), read when the theme changes. */
  let ink = { highlight: '', knownBug: '', label: '' };
  const readInk = () => {
    ink = { highlight: themeColour('--flame-highlight'), knownBug: themeColour('--known-bug'), label: themeColour('--flame-label') };
  };
  readInk();
  canvas.dataset.theme = theme;
  const colors = new Map<string, string>();
  const colorOf = (name: string): string => {
    let c = colors.get(name);
    if (c === undefined) {
      c = packageColor(name, theme);
      colors.set(name, c);
    }
    return c;
  };

  let view: FlameView | null = null;
  let boxes: FlameBoxes | null = null;
  let inverted = false;
  let width = 0;
  let height = 0;
  let match: ((name: string) => boolean) | null = null;
  /** Per box: 1 when its name matches the search (names repeat: tested once per name). */
  let matched = new Uint8Array(0);
  let hovered = -1;
  /** The keyboard focus: its datum id, and its box in the current view (-1: not in it). */
  let focusId: number | null = null;
  let focusBox = -1;
  let charWidth = 7;
  /** Per view: each box's colour (an index into `palette`), and the boxes ordered by colour. */
  let palette: string[] = [];
  let colourOf = new Uint16Array(0);
  let byColour = new Int32Array(0);
  /** The part of the chart the canvas covers (chart coordinates), so that a scroll repaints only when it shows more. */
  let windowTop = 0;
  let windowHeight = 0;
  /** Per box: 1 when a known-bug finding points at its function (outlined). */
  let knownBug = new Uint8Array(0);
  /** Paints so far, on the canvas as data-paints: what was drawn is observable from the DOM. */
  let paints = 0;

  const x = scaleLinear().domain([0, 1]);
  const top = (depth: number) => (inverted ? depth * CELL_HEIGHT : height - depth * CELL_HEIGHT - CELL_HEIGHT);

  function computeMatches(): void {
    if (!boxes) return;
    matched = new Uint8Array(boxes.data.length);
    if (!match) return;
    const seen = new Map<string, boolean>();
    for (let b = 0; b < boxes.data.length; b++) {
      const name = boxes.data[b]!.name;
      let m = seen.get(name);
      if (m === undefined) {
        m = match(name);
        seen.set(name, m);
      }
      if (m) matched[b] = 1;
    }
  }

  function label(name: string, w: number): string {
    const room = Math.floor((w - 8) / charWidth);
    if (room <= 0) return '';
    return name.length <= room ? name : room > 1 ? `${name.slice(0, room - 1)}…` : '';
  }

  /** Colours of the view's boxes, and the boxes sorted by colour (one fillStyle per colour). */
  function colourBoxes(): void {
    const data = boxes!.data;
    const n = data.length;
    const indexOf = new Map<string, number>();
    palette = [];
    colourOf = new Uint16Array(n);
    for (let b = 0; b < n; b++) {
      const c = colorOf(data[b]!.name);
      let i = indexOf.get(c);
      if (i === undefined) {
        i = Math.min(palette.length, 0xffff);
        indexOf.set(c, i);
        palette.push(c);
      }
      colourOf[b] = i;
    }
    const start = new Int32Array(palette.length + 1);
    for (let b = 0; b < n; b++) start[colourOf[b]! + 1]!++;
    for (let i = 0; i < palette.length; i++) start[i + 1]! += start[i]!;
    byColour = new Int32Array(n);
    for (let b = 0; b < n; b++) byColour[start[colourOf[b]!]!++] = b;
  }

  /** The chart's rows in sight (chart coordinates): the host clipped by the window and by the scroller it sits in. */
  function sight(): [number, number] {
    const r = host.getBoundingClientRect();
    let clipTop = 0;
    let clipBottom = window.innerHeight || 900;
    const scroller = host.closest('.flame-scroll');
    if (scroller) {
      const s = scroller.getBoundingClientRect();
      clipTop = Math.max(clipTop, s.top);
      clipBottom = Math.min(clipBottom, s.bottom);
    }
    return [Math.max(0, clipTop - r.top), Math.min(height, clipBottom - r.top)];
  }

  /** Places the canvas over what is in sight and a margin; reallocates it only when its size changes. */
  function placeWindow(): void {
    const [from, to] = sight();
    const inSight = Math.max(0, to - from);
    windowHeight = Math.min(height, Math.ceil(inSight) + 2 * WINDOW_MARGIN);
    windowTop = Math.max(0, Math.min(height - windowHeight, Math.floor(from) - WINDOW_MARGIN));
  }

  /** Draws the boxes of the rows the canvas covers: rects by colour, then labels and marks. */
  function paint(): void {
    if (!view || !boxes) return;
    const dpr = window.devicePixelRatio || 1;
    const { x0, width: bw, depth } = view.layout;
    placeWindow();
    const pw = Math.round(width * dpr);
    const ph = Math.round(windowHeight * dpr);
    if (canvas.width !== pw) canvas.width = pw;
    if (canvas.height !== ph) canvas.height = ph;
    host.style.height = `${height}px`;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${windowHeight}px`;
    canvas.style.top = `${windowTop}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, -windowTop * dpr);
    ctx.clearRect(0, windowTop, width, windowHeight);
    canvas.dataset.paints = String(++paints);
    const rowOf = (y: number) => (inverted ? Math.floor(y / CELL_HEIGHT) : Math.floor((height - y) / CELL_HEIGHT));
    const a = rowOf(windowTop);
    const z = rowOf(windowTop + windowHeight);
    const lo = Math.max(0, Math.min(a, z));
    const hi = Math.min(view.layout.maxDepth, Math.max(a, z));
    if (hi < lo || windowHeight === 0) return;
    const n = byColour.length;
    const rect = (b: number) => {
      const left = x0[b]! * width;
      ctx.fillRect(left, top(depth[b]!), Math.max(bw[b]! * width - 0.5, 0.5), CELL_HEIGHT - 1);
    };
    let current = -1;
    let anyMatch = false;
    for (let i = 0; i < n; i++) {
      const b = byColour[i]!;
      const dep = depth[b]!;
      if (dep < lo || dep > hi) continue;
      if (matched[b]) {
        anyMatch = true;
        continue;
      }
      if (colourOf[b] !== current) {
        current = colourOf[b]!;
        ctx.fillStyle = palette[current]!;
      }
      rect(b);
    }
    if (anyMatch) {
      ctx.fillStyle = ink.highlight;
      for (let b = 0; b < n; b++) if (matched[b] && depth[b]! >= lo && depth[b]! <= hi) rect(b);
    }
    // Labels and known-bug outlines, row by row: only boxes wide enough or marked cost anything.
    ctx.strokeStyle = ink.knownBug;
    ctx.lineWidth = 2;
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = ink.label;
    for (let dep = lo; dep <= hi; dep++) {
      const row = boxes.rows[dep]!;
      const y = top(dep);
      for (let i = 0; i < row.length; i++) {
        const b = row[i]!;
        const w = bw[b]! * width;
        if (w < MIN_LABEL_WIDTH && !knownBug[b]) continue;
        const left = x0[b]! * width;
        if (knownBug[b]) ctx.strokeRect(left + 1, y + 1, Math.max(w - 2.5, 0.5), CELL_HEIGHT - 3);
        if (w >= MIN_LABEL_WIDTH) {
          const text = label(boxes.data[b]!.name, w);
          if (text) ctx.fillText(text, left + 4, y + CELL_HEIGHT / 2);
        }
      }
    }
    if (focusBox >= 0) {
      const left = x(x0[focusBox]!);
      const w = Math.max(x(x0[focusBox]! + bw[focusBox]!) - left - 0.5, 3);
      const y = top(depth[focusBox]!);
      ctx.lineWidth = 3;
      ctx.strokeStyle = FOCUS_DARK;
      ctx.strokeRect(left + 1.5, y + 1.5, Math.max(w - 3, 1), CELL_HEIGHT - 4);
      ctx.lineWidth = 1;
      ctx.strokeStyle = FOCUS_LIGHT;
      ctx.strokeRect(left + 3.5, y + 3.5, Math.max(w - 7, 1), CELL_HEIGHT - 8);
    }
    canvas.dataset.focusBox = String(focusBox);
  }

  /** Which boxes a known-bug finding points at (per view, and again when the findings change). */
  function markKnownBugs(): void {
    const data = boxes!.data;
    const isKnownBug = handlers().isKnownBug;
    knownBug = new Uint8Array(data.length);
    const seen = new Map<string, boolean>();
    for (let b = 0; b < data.length; b++) {
      const name = data[b]!.name;
      let k = seen.get(name);
      if (k === undefined) {
        k = isKnownBug(name);
        seen.set(name, k);
      }
      if (k) knownBug[b] = 1;
    }
  }

  let pending: { next: FlameView; inv: boolean; w: number; m: ((name: string) => boolean) | null } | null = null;
  let drawFrame = 0;
  function drawPending(): void {
    drawFrame = 0;
    if (!pending) return;
    const { next, inv, w, m } = pending;
    pending = null;
    match = m;
    if (next !== view) {
      view = next;
      boxes = flameBoxes(next);
      colourBoxes();
    }
    computeMatches();
    markKnownBugs();
    focusBox = focusId === null ? -1 : boxOfId(boxes!, focusId);
    inverted = inv;
    width = w;
    height = (next.layout.maxDepth + 3) * CELL_HEIGHT;
    x.range([0, w]);
    ctx.font = font;
    const sample = 'abcdefghijklmnopqrstuvwxyz.()*/';
    charWidth = ctx.measureText(sample).width / sample.length || 7;
    canvas.setAttribute('aria-label', `Flame graph, ${boxes!.data.length} boxes drawn; hover a box for its details, click to zoom`);
    hovered = -1;
    showHover(-1);
    tip.hide();
    paint();
  }

  // A scroll or resize that brings into sight what the canvas does not cover repaints, once per frame.
  let scrollFrame = 0;
  const onScroll = () => {
    if (scrollFrame || !view) return;
    scrollFrame = requestAnimationFrame(() => {
      scrollFrame = 0;
      const [from, to] = sight();
      const covered = from >= windowTop && to <= windowTop + windowHeight;
      if (!covered || Math.min(height, Math.ceil(to - from) + 2 * WINDOW_MARGIN) > windowHeight) paint();
    });
  };
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  window.addEventListener('resize', onScroll);
  // The scroller it sits in is fitted to the window after the first paint (useFitHeight): a
  // change of its height shows rows the canvas may not cover, with no scroll or resize event.
  const scroller = host.closest('.flame-scroll');
  const resized = typeof ResizeObserver === 'undefined' || !scroller ? null : new ResizeObserver(onScroll);
  if (resized && scroller) resized.observe(scroller);

  /** A box as d3-flame-graph's hierarchy node (data, value, parent chain), for the tooltip and pins. */
  function nodeOf(b: number): HierarchyNode {
    return hierarchyOf(boxes!, b);
  }

  function boxUnder(e: MouseEvent): number {
    if (!view || !boxes || width === 0) return -1;
    const r = host.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const row = inverted ? Math.floor(py / CELL_HEIGHT) : Math.floor((height - py) / CELL_HEIGHT);
    if (row < 0 || px < 0 || px >= width) return -1;
    return boxAt(view, boxes, row, px / width);
  }

  function showHover(b: number): void {
    if (b < 0 || !view) {
      hover.style.display = 'none';
      return;
    }
    const left = x(view.layout.x0[b]!);
    const w = x(view.layout.x0[b]! + view.layout.width[b]!) - left;
    hover.style.display = 'block';
    hover.style.left = `${left}px`;
    hover.style.top = `${top(view.layout.depth[b]!)}px`;
    hover.style.width = `${Math.max(w - 0.5, 0.5)}px`;
    hover.style.height = `${CELL_HEIGHT - 1}px`;
  }

  const onMove = (e: MouseEvent) => {
    const b = boxUnder(e);
    canvas.style.cursor = b >= 0 ? 'pointer' : 'default';
    if (b === hovered) return;
    hovered = b;
    showHover(b);
    if (b >= 0) tip.show(e, nodeOf(b));
    else tip.hide();
  };
  const onLeave = () => {
    hovered = -1;
    showHover(-1);
    tip.hide();
  };
  const onClick = (e: MouseEvent) => {
    const b = boxUnder(e);
    if (b < 0) return;
    const d = boxes!.data[b]!;
    const h = handlers();
    if (e.shiftKey) {
      // Merged boxes are no frame, and a zoomed view's ancestors carry the zoomed frame's value.
      if (!h.onPin || d.id <= 0 || d.ancestor) return;
      e.preventDefault();
      h.onPin(nodeOf(b));
      return;
    }
    if (d.id >= 0) {
      tip.hide();
      h.onZoom(d.id);
    }
  };
  const onContext = (e: MouseEvent) => {
    const h = handlers();
    if (!h.onSandwich) return;
    const b = boxUnder(e);
    if (b < 0 || boxes!.data[b]!.frame < 0) return;
    e.preventDefault();
    tip.hide();
    h.onSandwich(boxes!.data[b]!.name);
  };
  canvas.addEventListener('mousemove', onMove);
  canvas.addEventListener('mouseleave', onLeave);
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('contextmenu', onContext);

  return {
    draw(next, inv, w, m) {
      // The work waits for the next frame: a new view arrives inside the task that rendered the
      // page's update, and drawing there too would make one long task of both.
      pending = { next, inv, w, m };
      if (!drawFrame) drawFrame = requestAnimationFrame(drawPending);
    },
    setMatch(m) {
      if (pending) {
        pending.m = m;
        return;
      }
      match = m;
      computeMatches();
      paint();
    },
    retheme(next) {
      theme = next;
      colors.clear();
      readInk();
      canvas.dataset.theme = next;
      if (boxes) colourBoxes();
      if (!pending) paint();
    },
    setFocus(id) {
      focusId = id;
      if (pending || !boxes) return;
      focusBox = id === null ? -1 : boxOfId(boxes, id);
      paint();
    },
    focusRect() {
      if (pending || !view || focusBox < 0) return null;
      const r = host.getBoundingClientRect();
      const y = r.top + top(view.layout.depth[focusBox]!);
      return { left: r.left + x(view.layout.x0[focusBox]!), top: y, bottom: y + CELL_HEIGHT };
    },
    svg() {
      if (pending) {
        cancelAnimationFrame(drawFrame);
        drawPending();
      }
      if (!view || !boxes) return null;
      const svg = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
      svg.setAttribute('width', String(width));
      svg.setAttribute('height', String(height));
      svg.setAttribute('class', 'd3-flame-graph');
      const { x0, width: bw, depth } = view.layout;
      for (let b = 0; b < boxes.data.length; b++) {
        const d: FlameDatum = boxes.data[b]!;
        const left = x(x0[b]!);
        const w = x(x0[b]! + bw[b]!) - left;
        const g = document.createElementNS(SVG_NS, 'g');
        g.setAttribute('class', isFrameKnownBug(d) ? 'frame known-bug' : 'frame');
        g.setAttribute('name', d.name);
        g.setAttribute('transform', `translate(${left},${top(depth[b]!)})`);
        const rect = document.createElementNS(SVG_NS, 'rect');
        rect.setAttribute('width', String(Math.max(w - 0.5, 0.5)));
        rect.setAttribute('height', String(CELL_HEIGHT - 1));
        rect.setAttribute('fill', matched[b] ? ink.highlight : colorOf(d.name));
        if (isFrameKnownBug(d)) {
          rect.setAttribute('stroke', ink.knownBug);
          rect.setAttribute('stroke-width', '2');
        }
        g.append(rect);
        const text = w >= MIN_LABEL_WIDTH ? label(d.name, w) : '';
        if (text) {
          const t = document.createElementNS(SVG_NS, 'text');
          t.setAttribute('x', '4');
          t.setAttribute('y', String(CELL_HEIGHT / 2));
          t.setAttribute('dominant-baseline', 'central');
          t.setAttribute('style', `font-family:${font.slice(FONT_SIZE.length + 1)};font-size:${FONT_SIZE};fill:${ink.label}`);
          t.textContent = text;
          g.append(t);
        }
        svg.append(g);
      }
      exportHolder.replaceChildren(svg);
      return svg;
    },
    destroy() {
      document.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
      resized?.disconnect();
      host.style.height = '';
      host.style.position = '';
      if (scrollFrame) cancelAnimationFrame(scrollFrame);
      if (drawFrame) cancelAnimationFrame(drawFrame);
      canvas.removeEventListener('mousemove', onMove);
      canvas.removeEventListener('mouseleave', onLeave);
      canvas.removeEventListener('click', onClick);
      canvas.removeEventListener('contextmenu', onContext);
      canvas.remove();
      hover.remove();
      exportHolder.remove();
    },
  };

  function isFrameKnownBug(d: FlameDatum): boolean {
    return handlers().isKnownBug(d.name);
  }
}
