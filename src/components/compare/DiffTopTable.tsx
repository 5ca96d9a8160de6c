// The diff top table: pprof's -diff_base figures (flat, cum and their percentages of the base
// total, exactly as `go tool pprof -top -diff_base` prints them), then base, target, delta and
// delta% of each row's cum. Sortable; the largest changes first by default. sum% is the running
// total of flat in the order shown (pprof's order until a column is sorted), and names carry
// pprof's "(inline)" / "(partial-inline)" marks.

import { useMemo, useState } from 'react';
import { percentage, scaledLabel } from '../../lib/units';
import { diffRowOrder, type DiffSortKey, type DiffTable } from '../../state/types';
import { deltaPercent } from './diffColor';
import { formatCount } from '../../lib/goformat';
import { useRovingRows } from '../common/useRovingRows';

const MAX_ROWS = 2000;
const inlineMark = ['', ' (inline)', ' (partial-inline)'];

const columns: Array<{ key: DiffSortKey | null; label: string; title: string }> = [
  { key: 'deltaFlat', label: 'flat', title: 'flat of target minus base, as go tool pprof -diff_base prints it' },
  { key: null, label: 'flat%', title: 'of the base total' },
  { key: null, label: 'sum%', title: 'running total of flat in the order shown, of the base total' },
  { key: 'deltaCum', label: 'cum', title: 'cum of target minus base (the delta), as go tool pprof -diff_base prints it' },
  { key: null, label: 'cum%', title: 'of the base total' },
  { key: 'baseCum', label: 'base', title: 'cum in the base' },
  { key: 'targetCum', label: 'target', title: 'cum in the target' },
  { key: 'deltaCumPct', label: 'delta%', title: 'change of cum relative to the base' },
  { key: 'name', label: 'name', title: '' },
];

export function DiffTopTable({ table }: { table: DiffTable }) {
  const [sort, setSort] = useState<{ key: DiffSortKey; desc: boolean } | null>(null);
  const order = useMemo(() => {
    if (!sort) return Uint32Array.from({ length: table.rows.length }, (_, i) => i);
    // By size of the change: |delta| for delta columns, so shrinking rows rank too.
    return diffRowOrder(table.rows, sort.key, sort.desc);
  }, [table, sort]);
  const fmt = (v: number) => scaledLabel(v, table.sampleType.unit, table.outputUnit);
  const r = table.rows;
  const shown = Math.min(order.length, MAX_ROWS);
  // Keyboard: the rows are one tab stop, ↑ ↓ Home End move through them.
  const roving = useRovingRows(shown);
  const body = [];
  let sum = 0;
  for (let k = 0; k < shown; k++) {
    const i = order[k]!;
    sum += r.deltaFlat[i]!;
    body.push(
      <tr key={i} {...roving.rowProps(k)}>
        <td className="num">{fmt(r.deltaFlat[i]!)}</td>
        <td className="num">{percentage(r.deltaFlat[i]!, table.total).trim()}</td>
        <td className="num">{percentage(sum, table.total).trim()}</td>
        <td className={`num ${r.deltaCum[i]! > 0 ? 'grew' : r.deltaCum[i]! < 0 ? 'shrank' : ''}`}>{fmt(r.deltaCum[i]!)}</td>
        <td className="num">{percentage(r.deltaCum[i]!, table.total).trim()}</td>
        <td className="num">{fmt(r.baseCum[i]!)}</td>
        <td className="num">{fmt(r.targetCum[i]!)}</td>
        <td className="num">{deltaPercent(r.baseCum[i]!, r.targetCum[i]!)}</td>
        <td className="name mono">
          {r.name[i]}
          {inlineMark[r.inline[i]!] ? <span className="inline-mark">{inlineMark[r.inline[i]!]}</span> : null}
        </td>
      </tr>,
    );
  }
  return (
    <div className="diff-table-wrap">
      <table
        className="diff-table"
        data-testid="diff-table"
        aria-label="Diff top table"
        onKeyDown={roving.onKeyDown}
        ref={(el) => {
          roving.containerRef.current = el;
        }}
      >
        <thead>
          <tr className="group-head">
            <th colSpan={5}>go tool pprof -diff_base: target − base</th>
            <th colSpan={3}>cum, base → target</th>
            <th>
              <span className="visually-hidden">function</span>
            </th>
          </tr>
          <tr>
            {columns.map((c) => (
              <th
                key={c.label}
                title={c.title}
                className={c.key ? 'sortable' : undefined}
                tabIndex={c.key ? 0 : undefined}
                onKeyDown={(e) => {
                  if (c.key && (e.key === 'Enter' || e.key === ' ')) {
                    e.preventDefault();
                    e.currentTarget.click();
                  }
                }}
                aria-sort={sort && c.key === sort.key ? (sort.desc ? 'descending' : 'ascending') : undefined}
                onClick={() => {
                  if (!c.key) return;
                  setSort((s) => (s && s.key === c.key ? (s.desc ? { key: c.key!, desc: false } : null) : { key: c.key!, desc: c.key !== 'name' }));
                }}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
      {order.length > MAX_ROWS && <p className="muted">The {formatCount(MAX_ROWS)} first of {formatCount(order.length)} rows.</p>}
    </div>
  );
}
