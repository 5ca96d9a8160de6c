// The call graph as `go tool pprof -dot` draws it: the worker computes pprof's graph and its
// Graphviz layout; this draws it with d3 (zoom and pan on the drawing, hover for a node's
// numbers, click to root the flame graph at the node's function).

import { useEffect, useRef, memo } from 'react';
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import type { FileSlice } from '../../state/store';
import type { GraphResult } from '../../state/types';
import { focusFunction, openSandwich } from '../../state/actions';
import { percentage, scaledLabel } from '../../lib/units';
import { useElementWidth } from '../common/useElementWidth';
import { useViewKeys } from '../common/shortcuts';
import { ExportButtons } from '../report/ExportButtons';
import { exportName } from '../report/download';
import { fileChartMeta } from '../../state/exportMeta';

const HEIGHT = 640;
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

type Laid = GraphResult['layout'];
type Graph = GraphResult['graph'];

function edgePath(e: Laid['edges'][number]): string {
  const p = e.points;
  if (p.length === 0) return '';
  if (!e.spline) return `M${p.map((q) => `${q.x},${q.y}`).join('L')}`;
  // Graphviz: a cubic B-spline as Bézier segments (p0, then three points each), then the arrow's tip.
  const tip = p[p.length - 1]!;
  const curve = p.slice(0, -1);
  let d = `M${curve[0]!.x},${curve[0]!.y}`;
  for (let i = 1; i + 2 < curve.length; i += 3) d += `C${curve[i]!.x},${curve[i]!.y} ${curve[i + 1]!.x},${curve[i + 1]!.y} ${curve[i + 2]!.x},${curve[i + 2]!.y}`;
  return `${d}L${tip.x},${tip.y}`;
}

export const GraphView = memo(function GraphView({ file }: { file: FileSlice<'busy' | 'graph' | 'name', 'granularity'> }) {
  const result = file.graph;
  if (!result) return <p className="muted">{file.busy ? 'Laying out the call graph…' : 'No call graph.'}</p>;
  return <GraphDrawing fileId={file.id} fileName={file.name} graph={result.graph} layout={result.layout} granularity={file.view.granularity} />;
});

function GraphDrawing({ fileId, fileName, graph, layout, granularity }: { fileId: number; fileName: string; graph: Graph; layout: Laid; granularity: string }) {
  const [hostRef, width] = useElementWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  /** The drawing was zoomed or panned since it was last fitted (Esc fits it again). */
  const movedRef = useRef(false);

  useEffect(() => {
    const svg = svgRef.current;
    const tip = tipRef.current;
    if (!svg || !tip || width === 0) return;
    const fmt = (v: number) => scaledLabel(v, graph.sampleType.unit, graph.outputUnit);
    const root = select(svg).attr('width', width).attr('height', HEIGHT);
    root.selectAll('*').remove();
    const defs = root.append('defs');
    defs
      .append('marker')
      .attr('id', 'graph-arrow')
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', 6)
      .attr('markerHeight', 6)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0L10,5L0,10z')
      .attr('fill', 'context-stroke');
    const scene = root.append('g').attr('class', 'graph-scene');

    const edges = scene.append('g').attr('class', 'graph-edges');
    for (const e of layout.edges) {
      const g = edges.append('g').attr('class', 'graph-edge');
      const ge = e.edge >= 0 ? graph.edges[e.edge]! : null;
      g.append('path')
        .attr('d', edgePath(e))
        .attr('fill', 'none')
        .attr('stroke', e.color)
        .attr('stroke-width', e.width)
        .attr('stroke-dasharray', e.residual ? '2,3' : e.inline ? '6,3' : null)
        .attr('marker-end', 'url(#graph-arrow)');
      g.append('text')
        .attr('x', e.labelX)
        .attr('y', e.labelY)
        .attr('font-family', MONO)
        .attr('font-size', 10)
        .attr('text-anchor', 'middle')
        .attr('dominant-baseline', 'middle')
        .text(e.label);
      if (ge) {
        const arrow = ge.residual ? '...' : '->';
        g.append('title').text(`${graph.nodes[ge.src]!.name} ${arrow} ${graph.nodes[ge.dst]!.name} (${fmt(ge.weight)})${ge.inline ? ', inlined' : ''}${ge.residual ? ', through dropped nodes' : ''}`);
      }
    }

    const boxes = scene.append('g').attr('class', 'graph-nodes');
    // Keyboard: the nodes are one tab stop (a roving tabindex); arrows move in reading order.
    const order = layout.boxes
      .filter((b) => b.node >= 0)
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .map((b) => b.node);
    const position = new Map(order.map((node, i) => [node, i]));
    const moveFrom = (node: number, step: number) => {
      const i = position.get(node);
      if (i === undefined) return;
      const next = order[Math.max(0, Math.min(order.length - 1, i + step))]!;
      const el = svg.querySelector<SVGRectElement>(`g.graph-node[data-node="${next + 1}"] > rect`);
      if (!el) return;
      boxes.selectAll('g.graph-node > rect').attr('tabindex', -1);
      el.setAttribute('tabindex', '0');
      el.focus();
      // Bring the node into the drawing's view when it is outside.
      const r = el.getBoundingClientRect();
      const host = svg.getBoundingClientRect();
      const z = zoomRef.current;
      const laid = layout.boxes.find((b) => b.node === next);
      if (z && laid && (r.left < host.left || r.right > host.right || r.top < host.top || r.bottom > host.bottom)) root.call(z.translateTo, laid.x, laid.y);
    };
    layout.boxes.forEach((b) => {
      const node = b.node >= 0 ? graph.nodes[b.node]! : null;
      const g = boxes
        .append('g')
        .attr('class', node ? 'graph-node' : 'graph-tag')
        .attr('transform', `translate(${b.x - b.width / 2},${b.y - b.height / 2})`);
      const rect = g.append('rect').attr('width', b.width).attr('height', b.height).attr('fill', b.fill).attr('stroke', b.stroke).attr('rx', node ? 0 : 2);
      const text = g.append('text').attr('font-family', MONO).attr('font-size', b.fontSize).style('fill', 'var(--graph-ink)');
      b.lines.forEach((line, i) => {
        const span = text
          .append('tspan')
          .attr('x', b.width / 2)
          .attr('text-anchor', 'middle')
          .attr('y', 6 + (i + 0.85) * b.fontSize * 1.2)
          .text(line);
        // The box was sized for 0.6 em per character; a wider monospace font is squeezed to fit.
        const room = b.width - 8;
        if (span.node()!.getComputedTextLength() > room) span.attr('textLength', room).attr('lengthAdjust', 'spacingAndGlyphs');
      });
      if (!node) return;
      const focusName = granularity === 'functions' ? node.name : node.funcName;
      g.attr('data-node', b.node + 1).style('cursor', focusName ? 'pointer' : 'default');
      // The box is the button: named by the lines drawn over it (pprof's: name, flat, cum), with
      // spaces between them; the text is drawn beside it, not in it, so nothing joins the lines.
      // The pointer goes through the lines to the box (the button) under them.
      text.attr('aria-hidden', 'true').style('pointer-events', 'none');
      rect
        .attr('role', 'button')
        .attr('tabindex', order[0] === b.node ? 0 : -1)
        .attr('aria-label', b.lines.join(' '))
        .attr('data-function', focusName || null);
      g.on('mouseenter', (ev: MouseEvent) => {
        const lines = [
          `flat ${fmt(node.flat)} (${percentage(node.flat, graph.total).trim()} of total)`,
          `cum ${fmt(node.cum)} (${percentage(node.cum, graph.total).trim()} of total)`,
        ];
        const file = node.file || node.sourceFile;
        if (file) lines.push(node.line ? `${file}:${node.line}` : file);
        if (focusName) lines.push('click: show in the flame graph');
        if (focusName && granularity === 'functions') lines.push('right-click or Shift+Enter: its callers and callees (sandwich)');
        const t = select(tip).style('display', 'block');
        t.selectAll('*').remove();
        t.append('div').attr('class', 'flame-tooltip-title').text(node.name);
        for (const l of lines) t.append('div').attr('class', 'flame-tooltip-line').text(l);
        const host = svg.getBoundingClientRect();
        t.style('left', `${Math.min(ev.clientX - host.left + 12, Math.max(0, width - 360))}px`).style('top', `${ev.clientY - host.top + 12}px`);
      });
      g.on('mouseleave', () => select(tip).style('display', 'none'));
      const open = () => {
        if (focusName) void focusFunction(fileId, focusName);
      };
      // The sandwich works on function names: only at function granularity.
      const sandwich = (ev: Event) => {
        if (!focusName || granularity !== 'functions') return;
        ev.preventDefault();
        void openSandwich(fileId, focusName);
      };
      g.on('click', open);
      g.on('contextmenu', sandwich);
      g.on('keydown', (ev: KeyboardEvent) => {
        if (ev.key === 'Enter' && ev.shiftKey) {
          sandwich(ev);
          return;
        }
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          open();
          return;
        }
        const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -order.length, End: order.length }[ev.key];
        if (step === undefined || ev.altKey || ev.ctrlKey || ev.metaKey) return;
        ev.preventDefault();
        moveFrom(b.node, step);
      });
    });

    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 8])
      .on('zoom', (ev: { transform: { toString(): string }; sourceEvent: unknown }) => {
        scene.attr('transform', ev.transform.toString());
        if (ev.sourceEvent) movedRef.current = true;
      });
    zoomRef.current = z;
    root.call(z);
    // Start with the whole width in view (never magnified), the top of the graph at the top.
    const k = Math.min(1, (width - 16) / Math.max(1, layout.width));
    root.call(z.transform, zoomIdentity.translate(Math.max(8, (width - layout.width * k) / 2), 8).scale(k));
  }, [graph, layout, width, fileId, granularity]);

  const resetZoom = () => {
    const svg = svgRef.current;
    const z = zoomRef.current;
    if (!svg || !z) return;
    movedRef.current = false;
    const k = Math.min(1, (width - 16) / Math.max(1, layout.width));
    select(svg).call(z.transform, zoomIdentity.translate(Math.max(8, (width - layout.width * k) / 2), 8).scale(k));
  };

  // Esc fits the drawing again after a zoom or pan.
  useViewKeys({
    escape: () => {
      if (!movedRef.current) return false;
      resetZoom();
      return true;
    },
  });

  return (
    <div className="graph-panel">
      <div className="graph-legend" data-testid="graph-legend">
        {graph.legend.map((l, i) => (
          <div key={i}>{l.replace(/^\n/, '')}</div>
        ))}
      </div>
      <div className="graph-toolbar">
        <button type="button" onClick={resetZoom}>
          Fit to width
        </button>
        <ExportButtons
          find={() => svgRef.current}
          fileName={exportName(fileName, 'graph')}
          what="call graph"
          meta={() => fileChartMeta(fileId, 'Call graph', false)}
        />
        <span className="muted"> Scroll or pinch to zoom, drag to pan. Residual edges (through dropped nodes) are dotted, inlined calls dashed.</span>
      </div>
      <div className="graph-host" ref={hostRef}>
        <svg
          ref={svgRef}
          data-testid="call-graph"
          role="group"
          aria-label={`Call graph, ${graph.nodes.length} nodes: Tab reaches a node, arrows move between nodes, Enter shows its flame graph`}
        />
        <div ref={tipRef} className="flame-tooltip" role="tooltip" style={{ display: 'none' }} />
      </div>
    </div>
  );
}
