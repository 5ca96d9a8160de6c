// Goroutine growth across dumps: per blocking site the count in each dump, the change, the
// growth per hour, and the sites ranked as leak suspects (steady growth first).

import type { GoroutineGrowth } from '../../state/types';
import { formatCount } from '../../lib/goformat';

const when = (t: number | null) => (t === null ? 'time unknown' : new Date(t).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }));
const n = (x: number) => formatCount(x);

export function GrowthTable({ growth, names }: { growth: GoroutineGrowth; names: string[] }) {
  const rows = growth.sites.slice(0, 100);
  return (
    <div className="group-table-wrap">
      <table className="growth-table" data-testid="growth-table">
        <thead>
          <tr>
            <th>#</th>
            <th>blocking site</th>
            {growth.order.map((i, k) => (
              <th key={i} className="num" title={names[i]}>
                {names[i]}
                <div className="muted small">{when(growth.capturedAt[k]!)}</div>
              </th>
            ))}
            <th className="num">change</th>
            <th className="num">per hour</th>
            <th>pattern</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s, rank) => (
            <tr key={s.site} data-site={s.site} className={s.score > 0 && rank < 3 ? 'suspect' : undefined}>
              <td className="num">{rank + 1}</td>
              <td className="mono site">{s.site}</td>
              {s.counts.map((c, k) => (
                <td key={k} className="num">
                  {n(c)}
                </td>
              ))}
              <td className={`num ${s.change > 0 ? 'grew' : s.change < 0 ? 'shrank' : ''}`}>
                {s.change > 0 ? '+' : ''}
                {n(s.change)}
              </td>
              <td className="num">{s.perHour === null ? '—' : `${s.perHour > 0 ? '+' : ''}${n(Math.round(s.perHour))}/h`}</td>
              <td>{s.change <= 0 ? 'no growth' : s.monotonic && s.steadiness > 0.99 ? 'steady growth' : 'grew with ups and downs'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {growth.missingTimes.length > 0 && (
        <p className="muted">
          No capture time for {growth.missingTimes.map((i) => names[i]).join(', ')}: enter one above to get growth per hour.
        </p>
      )}
    </div>
  );
}
