// The live d3 charts (flame graph, wait histogram) as standalone SVG and PNG files. The clone
// carries the few computed styles the page's stylesheet gave it (fills, strokes, fonts), and
// the flame graph's HTML labels (foreignObject) become SVG text, so the file looks the same
// anywhere and the PNG is drawn from a plain SVG image (img-src blob: is allowed by the CSP).
// Above the chart, a header says what it is (lib/exportMeta.ts): title, file, sample type, time,
// refinements and stackscope's version; the SVG also carries it as <title> and <desc>, the PNG as
// iTXt chunks, so a picture pasted into a ticket says what it shows and under which filters.

import type { ExportMeta } from '../../lib/exportMeta';
import { exportMetaText } from '../../lib/exportMeta';
import { addPngText } from '../../lib/pngText';

import { themeColour } from '../common/themeColour';

// An export looks as the chart does on the page: a light background in the light theme, a dark
// one only when exported in the dark theme (the background and legend text are the theme's).

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What a chart needs to look as it does on the page. */
const styleProps = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

function copyStyles(from: Element, to: Element): void {
  const cs = getComputedStyle(from);
  const style: string[] = [];
  for (const p of styleProps) {
    const v = cs.getPropertyValue(p);
    if (v) style.push(`${p}:${v}`);
  }
  // d3's axes draw in currentColor: resolve it here, where the colour is known.
  const color = cs.getPropertyValue('color');
  if (color) style.push(`color:${color}`);
  to.setAttribute('style', style.join(';'));
}

/** Characters of `text` that fit in `width` pixels in the given font (measured on a canvas). */
function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}

/** An HTML label inside a foreignObject, as SVG text clipped to the box. */
function labelAsText(fo: SVGForeignObjectElement, ctx: CanvasRenderingContext2D): SVGTextElement | null {
  const div = fo.firstElementChild as HTMLElement | null;
  if (!div || getComputedStyle(div).display === 'none') return null;
  const cs = getComputedStyle(div);
  const width = Number(fo.getAttribute('width') ?? 0) - 8;
  const height = Number(fo.getAttribute('height') ?? 0);
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const fitted = fitText(ctx, div.textContent ?? '', width);
  if (!fitted) return null;
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', '4');
  text.setAttribute('y', String(height / 2));
  text.setAttribute('dominant-baseline', 'central');
  text.setAttribute('style', `font-family:${cs.fontFamily};font-size:${cs.fontSize};font-weight:${cs.fontWeight};fill:${cs.color}`);
  text.textContent = fitted;
  return text;
}

export interface LegendEntry {
  color: string;
  label: string;
}

const LEGEND_ROW = 18;

/** Legend rows under the chart (the page draws its legend in HTML, beside the SVG). */
function appendLegend(clone: SVGSVGElement, entries: LegendEntry[], top: number): number {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('transform', `translate(12,${top + 8})`);
  entries.forEach((e, i) => {
    const swatch = document.createElementNS(SVG_NS, 'rect');
    swatch.setAttribute('y', String(i * LEGEND_ROW));
    swatch.setAttribute('width', '12');
    swatch.setAttribute('height', '12');
    swatch.setAttribute('fill', e.color);
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', '18');
    text.setAttribute('y', String(i * LEGEND_ROW + 10));
    text.setAttribute('style', `font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;fill:${themeColour('--ink')}`);
    text.textContent = e.label;
    g.append(swatch, text);
  });
  clone.append(g);
  return entries.length > 0 ? entries.length * LEGEND_ROW + 12 : 0;
}

const HEADER_FONT = 'font-family:system-ui,-apple-system,Segoe UI,sans-serif';
const HEADER_TITLE = 18;
const HEADER_ROW = 16;

/** Text split at spaces into lines no wider than `width` pixels (a word wider than that stands alone). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/** The header rows above the chart, in a group whose height is returned. */
function headerGroup(meta: ExportMeta, width: number, ctx: CanvasRenderingContext2D): { g: SVGGElement; height: number } {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'export-header');
  g.setAttribute('transform', 'translate(12,0)');
  let y = 8 + HEADER_TITLE - 4;
  const title = document.createElementNS(SVG_NS, 'text');
  title.setAttribute('y', String(y));
  title.setAttribute('style', `${HEADER_FONT};font-size:15px;font-weight:600;fill:#1f2328`);
  title.textContent = meta.title;
  g.append(title);
  ctx.font = '12px system-ui, sans-serif';
  for (const l of meta.lines) {
    for (const [i, part] of wrap(ctx, `${l.label}: ${l.value}`, Math.max(200, width - 24)).entries()) {
      y += HEADER_ROW;
      const text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('y', String(y));
      if (i > 0) text.setAttribute('x', '16');
      text.setAttribute('style', `${HEADER_FONT};font-size:12px;fill:#1f2328`);
      text.textContent = part;
      g.append(text);
    }
  }
  return { g, height: y + 10 };
}

/** A standalone copy of a live chart, as SVG text (with a legend under it and a header above it when given). */
export function serializeSvg(svg: SVGSVGElement, legend: LegendEntry[] = [], header?: ExportMeta): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const ctx = document.createElement('canvas').getContext('2d')!;
  const live = [svg, ...svg.querySelectorAll('*')];
  const copy = [clone, ...clone.querySelectorAll('*')];
  // Walk both trees in the same order; replace labels only after styles are copied.
  const labels: Array<[Element, SVGTextElement | null]> = [];
  live.forEach((el, i) => {
    const c = copy[i]!;
    if (el instanceof SVGForeignObjectElement) labels.push([c, labelAsText(el, ctx)]);
    else if (el instanceof SVGElement) copyStyles(el, c);
  });
  for (const [fo, text] of labels) {
    if (text) fo.replaceWith(text);
    else fo.remove();
  }
  const { width, height: chartHeight } = size(svg);
  let height = chartHeight + appendLegend(clone, legend, chartHeight);
  if (header) {
    // The chart and its legend move down under the header.
    const { g, height: top } = headerGroup(header, width, ctx);
    const body = document.createElementNS(SVG_NS, 'g');
    body.setAttribute('transform', `translate(0,${top})`);
    body.append(...clone.childNodes);
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = header.title;
    const desc = document.createElementNS(SVG_NS, 'desc');
    desc.textContent = exportMetaText(header).slice(1).join('\n');
    clone.append(title, desc, g, body);
    height += top;
  }
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.removeAttribute('class');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', themeColour('--panel'));
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function size(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || Math.ceil(box.width);
  const height = Number(svg.getAttribute('height')) || Math.ceil(box.height);
  return { width, height };
}

/** The chart as PNG: the standalone SVG drawn into a canvas at twice its size, the header's text also in iTXt chunks. */
export async function svgToPng(svg: SVGSVGElement, legend: LegendEntry[] = [], header?: ExportMeta, scale = 2): Promise<Blob> {
  const text = serializeSvg(svg, legend, header);
  const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const png = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
    );
    if (!header) return png;
    const [title, ...lines] = exportMetaText(header);
    const software = header.lines.find((l) => l.label === 'Drawn by')?.value ?? 'stackscope';
    const bytes = addPngText(new Uint8Array(await png.arrayBuffer()), [
      ['Title', title!],
      ['Description', lines.join('\n')],
      ['Software', software],
    ]);
    return new Blob([bytes], { type: 'image/png' });
  } finally {
    URL.revokeObjectURL(url);
  }
}
