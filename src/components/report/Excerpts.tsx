// Small pictures of a finding for the report: a frame's path as a stack of boxes, a group's
// wait histogram, a row's share of the total. Plain SVG drawn by React: every label is a text
// node, so names from a profile or a link stay text.

import type { Figures } from '../../state/report';
import { count } from '../../state/report';

const W = 640;
const ROW = 20;
/** Paths longer than this show their first frames, a gap, and the frames nearest the pin. */
const HEAD = 2;
const TAIL = 8;

/** The end of a long name, which is where Go names differ: "…registry.(*Store).List". */
function fit(name: string, chars: number): string {
  return name.length <= chars ? name : `…${name.slice(name.length - chars + 1)}`;
}

export function PathExcerpt({ path }: { path: string[] }) {
  const rows: Array<{ name: string; gap?: boolean; pinned?: boolean }> =
    path.length > HEAD + TAIL + 1
      ? [
          ...path.slice(0, HEAD).map((name) => ({ name })),
          { name: `… ${path.length - HEAD - TAIL} frames …`, gap: true },
          ...path.slice(-TAIL).map((name) => ({ name })),
        ]
      : path.map((name) => ({ name }));
  if (rows.length > 0) rows[rows.length - 1]!.pinned = true;
  const h = rows.length * ROW;
  return (
    <svg className="excerpt path-excerpt" viewBox={`0 0 ${W} ${h}`} width={W} height={h} role="img" aria-label={`Call path, ${path.length} frames from the root`}>
      {rows.map((r, i) => (
        <g key={i} transform={`translate(0,${i * ROW})`}>
          <rect width={W} height={ROW - 2} rx={2} className={r.pinned ? 'box pinned' : r.gap ? 'box gap' : 'box'} />
          <text x={6} y={ROW - 7} className="box-label">
            {fit(r.name, 88)}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function ShareBar({ values }: { values: Figures }) {
  const { total } = values;
  const frac = (v: number) => (total > 0 ? Math.max(0, Math.min(1, Math.abs(v) / total)) : 0);
  const cumW = frac(values.cum) * W;
  const flatW = frac(values.flat) * W;
  return (
    <svg className="excerpt share-bar" viewBox={`0 0 ${W} 34`} width={W} height={34} role="img" aria-label={`cum ${values.cumPct}, flat ${values.flatPct} of the total`}>
      <rect width={W} height={14} className="bar-total" />
      <rect width={cumW} height={14} className="bar-cum" />
      <rect width={flatW} height={14} className="bar-flat" />
      <text x={0} y={30} className="bar-label">
        flat {values.flatPct} · cum {values.cumPct} of {values.totalText}
      </text>
    </svg>
  );
}

export function HistogramExcerpt({ labels, counts }: { labels: readonly string[]; counts: readonly number[] }) {
  const n = Math.max(1, labels.length);
  const max = Math.max(1, ...counts);
  const plotH = 90;
  const top = 16;
  const band = W / n;
  const barW = band * 0.7;
  return (
    <svg className="excerpt histogram-excerpt" viewBox={`0 0 ${W} ${top + plotH + 20}`} width={W} height={top + plotH + 20} role="img" aria-label="Goroutines by wait minutes">
      {labels.map((label, i) => {
        const c = counts[i] ?? 0;
        const h = c > 0 ? Math.max(1, (c / max) * plotH) : 0;
        const x = i * band + (band - barW) / 2;
        return (
          <g key={i} data-bucket={label} data-count={c}>
            <rect x={x} y={top + plotH - h} width={barW} height={h} className="hist-bar" />
            <text x={x + barW / 2} y={top + plotH - h - 4} textAnchor="middle" className="hist-count">
              {count(c)}
            </text>
            <text x={x + barW / 2} y={top + plotH + 15} textAnchor="middle" className="hist-label">
              {label}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={W} y1={top + plotH + 0.5} y2={top + plotH + 0.5} className="hist-axis" />
    </svg>
  );
}
