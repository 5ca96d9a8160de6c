// The dump at a glance (total and count per state) and the filters that apply to every view:
// states, minimum wait, frame regex. Typing waits a moment before it asks the worker.

import { useEffect, useRef, useState } from 'react';
import { selectGroup, setFilter, setStackBy } from '../../state/actions';
import { useViewKeys } from '../common/shortcuts';
import type { FileSlice } from '../../state/store';
import type { GoroutinesResult } from '../../state/types';
import { count, stateLabel } from './format';

export function GoroutineFilters({ file, result }: { file: FileSlice<never, 'filter' | 'stackBy' | 'group'>; result: GoroutinesResult }) {
  const { filter, stackBy, group } = file.view;
  const [frame, setFrame] = useState(filter.frame);
  const [minWait, setMinWait] = useState(filter.minWait > 0 ? String(filter.minWait) : '');
  useEffect(() => setFrame(filter.frame), [filter.frame]);
  useEffect(() => setMinWait(filter.minWait > 0 ? String(filter.minWait) : ''), [filter.minWait]);
  useEffect(() => {
    const wait = minWait.trim() === '' ? 0 : Math.max(0, Math.floor(Number(minWait)) || 0);
    if (frame === filter.frame && wait === filter.minWait) return;
    const t = setTimeout(() => void setFilter(file.id, { ...filter, frame, minWait: wait }), 250);
    return () => clearTimeout(t);
  }, [frame, minWait, filter, file.id]);

  // Keyboard: `/` focuses the frame filter; Esc clears it, then closes the open group's detail.
  const frameRef = useRef<HTMLInputElement>(null);
  useViewKeys({
    search: frameRef,
    escape: () => {
      if (frame !== '') {
        setFrame('');
        return true;
      }
      if (group !== null) {
        void selectGroup(file.id, null);
        return true;
      }
      return false;
    },
  });

  const toggleState = (state: string) => {
    const states = filter.states.includes(state) ? filter.states.filter((s) => s !== state) : [...filter.states, state];
    void setFilter(file.id, { ...filter, states });
  };
  const filtered = result.grouping.total !== result.allGoroutines;
  const hasStates = result.allStates.some((s) => s.state !== '');

  return (
    <div className="goroutine-filters">
      <div className="goroutine-summary" data-testid="goroutine-summary">
        <strong>
          {filtered ? `${count(result.grouping.total)} of ${count(result.allGoroutines)}` : count(result.allGoroutines)} goroutines
        </strong>
        {hasStates ? (
          <span className="state-chips" role="group" aria-label="Filter by state">
            {result.allStates.map((s) => (
              <button
                key={s.state}
                type="button"
                className="state-chip"
                aria-pressed={filter.states.includes(s.state)}
                onClick={() => toggleState(s.state)}
                data-state={s.state}
              >
                {stateLabel(s.state)} <span className="chip-count">{count(s.count)}</span>
              </button>
            ))}
          </span>
        ) : (
          <span className="muted">This format has no states or wait times (they exist only in debug=2 dumps).</span>
        )}
      </div>
      <div className="toolbar">
        {hasStates && (
          <label>
            Waiting at least{' '}
            <input
              type="number"
              min={0}
              className="narrow"
              aria-label="Minimum wait (minutes)"
              value={minWait}
              onChange={(e) => setMinWait(e.target.value)}
            />{' '}
            min
          </label>
        )}
        <input
          type="search"
          className="search-input"
          placeholder="Frame matches (regular expression)"
          aria-label="Frame filter"
          ref={frameRef}
          value={frame}
          onChange={(e) => setFrame(e.target.value)}
        />
        {result.filterError && <span className="error-text">{result.filterError}</span>}
        {result.grouping.hasWaitMinutes && (
          <div className="segmented" role="group" aria-label="Stack the histogram by">
            <button type="button" aria-pressed={stackBy === 'site'} onClick={() => setStackBy(file.id, 'site')}>
              By site
            </button>
            <button type="button" aria-pressed={stackBy === 'state'} onClick={() => setStackBy(file.id, 'state')}>
              By state
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
