// For goroutine profiles without wait times (debug=1, debug=0): no time axis to draw, so the
// blocking sites as bars by goroutine count, and one line saying why there is no histogram.

import type { GoroutineFormat } from '../../model/goroutines';
import type { GoroutinesResult } from '../../state/types';
import { count, formatShare } from './format';
import { GoName } from '../common/GoName';

const MAX_SITES = 30;

/** Why this profile has no wait histogram, and what to take instead. */
export function noTimeAxisReason(format: GoroutineFormat | undefined): string {
  const what = format === 'debug0' ? 'debug=0 (protobuf) goroutine profiles' : format === 'debug1' ? 'debug=1 profiles' : 'This profile format';
  return `No wait histogram: ${what} carry no wait times; take /debug/pprof/goroutine?debug=2 for them.`;
}

export function SitesByCount({ grouping, format, allGoroutines, onOpenGroup }: {
  grouping: GoroutinesResult['grouping'];
  format: GoroutineFormat | undefined;
  allGoroutines: number;
  onOpenGroup: (group: number) => void;
}) {
  const shown = grouping.groups.slice(0, MAX_SITES);
  const max = Math.max(1, ...shown.map((g) => g.count));
  return (
    <div className="sites-by-count-panel" data-testid="sites-by-count">
      <p className="muted" data-testid="no-time-axis">
        {noTimeAxisReason(format)}
      </p>
      <ol className="sites-by-count" aria-label="Blocking sites by goroutine count">
        {shown.map((g) => (
          <li key={g.id} onClick={() => onOpenGroup(g.id)} data-group={g.id} title={`${count(g.count)} goroutines (${formatShare(g.count / Math.max(1, allGoroutines))} of all); click to open`}>
            <span className="bar" style={{ width: `${(g.count / max) * 100}%` }} />
            <span className="num">{count(g.count)}</span>
            <span className="site">
              <GoName name={g.site} />
            </span>
          </li>
        ))}
      </ol>
      {grouping.groups.length > MAX_SITES && (
        <p className="muted small">
          {count(grouping.groups.length - MAX_SITES)} smaller sites in the table below.
        </p>
      )}
    </div>
  );
}
