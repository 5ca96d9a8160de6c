// Dumps of different processes (replicas, or restarts) side by side: per blocking site the count
// and share of each replica's goroutines, and which replica has the pile-up. Not growth: counts
// of different processes say nothing about time.

import type { GoroutineGrowth } from '../../state/types';
import { formatCount } from '../../lib/goformat';

const pct = (x: number) => `${(x * 100).toFixed(x >= 0.1 ? 0 : 1)}%`;

export function ReplicaTable({ growth, names }: { growth: GoroutineGrowth; names: string[] }) {
  const rows = growth.sites.slice(0, 100);
  return (
    <div className="group-table-wrap">
      <p className="process-note" data-testid="process-note">
        {growth.processNote.startsWith('different processes') ? (
          <>
            <strong>Different processes</strong> {growth.processNote.replace(/^different processes /, '')}.
          </>
        ) : (
          `${growth.processNote[0]!.toUpperCase()}${growth.processNote.slice(1)}.`
        )}
      </p>
      <table className="growth-table replica-table" data-testid="replica-table">
        <thead>
          <tr>
            <th>blocking site</th>
            <th>state</th>
            {growth.order.map((i, k) => (
              <th key={i} className="num dump-head" title={names[i]}>
                <span className="dump-name">{names[i]}</span>
                <div className="muted small">{formatCount(growth.totals[k]!)} goroutines</div>
              </th>
            ))}
            <th>pile-up</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.site} data-site={s.site}>
              <td className="mono site">{s.site}</td>
              <td>{s.state || '—'}</td>
              {s.counts.map((c, k) => (
                <td key={k} className={`num${s.pileUp === k ? ' pile-up' : ''}`}>
                  {formatCount(c)} <span className="muted small">{pct(s.shares[k]!)}</span>
                </td>
              ))}
              <td className="mono small">{s.pileUp === null ? '—' : names[growth.order[s.pileUp]!]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
