// Goroutine growth across dumps of one process: where the time between them comes from, per
// blocking site the count in each dump, the rate with its resolution, and the verdict (leak
// suspects first). Dumps of different processes go to ReplicaTable instead.

import type { GoroutineGrowth, GrowthInterval, SiteGrowth } from '../../state/types';
import { formatCount } from '../../lib/goformat';
import { useRovingRows } from '../common/useRovingRows';

const n = (x: number) => formatCount(x);

const verdictLabel: Record<SiteGrowth['verdict'], string> = {
  'leak-suspect': 'leak suspect',
  growing: 'growing',
  churn: 'churn',
  flat: 'flat',
  shrinking: 'shrinking',
  'side-by-side': 'side by side',
};

function offsetText(minutes: number | null, k: number): string {
  if (k === 0) return 'first';
  if (minutes === null) return 'time unknown';
  return `+${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} min`;
}

/** One line per interval: which dumps, how long, and how we know. */
export function IntervalNotes({ growth, names }: { growth: GoroutineGrowth; names: string[] }) {
  const warn = (i: GrowthInterval) => i.source === 'file-mtime' || i.source === 'unknown';
  return (
    <ul className="interval-notes" data-testid="interval-notes">
      {growth.intervals.map((i) => (
        <li key={`${i.from}-${i.to}`} className={warn(i) ? 'warn' : undefined} data-source={i.source}>
          <span className="mono small">{names[i.from]}</span> → <span className="mono small">{names[i.to]}</span>: {i.note}
        </li>
      ))}
    </ul>
  );
}

export function GrowthTable({ growth, names }: { growth: GoroutineGrowth; names: string[] }) {
  const rows = growth.sites.slice(0, 100);
  const span = growth.span;
  // Keyboard: the rows are one tab stop, ↑ ↓ Home End move through them (no row opens anything).
  const roving = useRovingRows(rows.length);
  return (
    <div className="group-table-wrap">
      <p className="process-note" data-testid="process-note">
        {growth.processNote}.
      </p>
      <IntervalNotes growth={growth} names={names} />
      {span?.source === 'file-mtime' && (
        <p className="warn" role="note">
          Times from file dates: not reliable. A copy, a download or an archive sets them; enter the capture times above for rates you can quote.
        </p>
      )}
      {!span && <p className="muted">No rate: the time between these dumps is unknown. Enter the capture times above.</p>}
      <table
        className="growth-table"
        data-testid="growth-table"
        aria-label="Growth by blocking site"
        onKeyDown={roving.onKeyDown}
        ref={(el) => {
          roving.containerRef.current = el;
        }}
      >
        <thead>
          <tr>
            <th>#</th>
            <th>blocking site</th>
            <th>state</th>
            {growth.order.map((i, k) => (
              <th key={i} className="num dump-head" title={names[i]}>
                <span className="dump-name">{names[i]}</span>
                <div className="muted small">{offsetText(growth.offsetsMinutes[k]!, k)}</div>
              </th>
            ))}
            <th className="num">change</th>
            <th>rate</th>
            <th>verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s, rank) => (
            <tr key={s.site} {...roving.rowProps(rank)} data-site={s.site} data-verdict={s.verdict} className={s.verdict === 'leak-suspect' ? 'suspect' : undefined}>
              <td className="num">{rank + 1}</td>
              <td className="mono site">{s.site}</td>
              <td>{s.state || '—'}</td>
              {s.counts.map((c, k) => (
                <td key={k} className="num">
                  {n(c)}
                </td>
              ))}
              <td className={`num ${s.change > 0 ? 'grew' : s.change < 0 ? 'shrank' : ''}`}>
                {s.change > 0 ? '+' : ''}
                {n(s.change)}
              </td>
              <td className="rate">{s.rateText ?? '—'}</td>
              <td className="verdict-cell" title={s.reason}>
                <strong className={`verdict verdict-${s.verdict}`}>{verdictLabel[s.verdict]}</strong>
                <div className="muted small">{s.reason}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
