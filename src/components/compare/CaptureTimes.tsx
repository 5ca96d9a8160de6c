// When each dump was taken, typed here to override what the dumps tell (their wait minutes or
// their own times) or to give a time where they tell none (debug=1 files, no goroutine that
// waited a minute). The files' dates are shown as a starting point only.

import { useState } from 'react';
import { updateCompare, type CompareState } from '../../state/compare';

function toInput(t: number | null): string {
  if (t === null) return '';
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}

const sourceLabel = { profile: 'from the profile', file: 'file saved / sample captured', none: 'unknown' } as const;

export function CaptureTimes({ compare }: { compare: CompareState }) {
  const [draft, setDraft] = useState<Record<number, string>>({});
  const info = compare.info!;
  return (
    <div className="capture-times">
      <p className="muted small capture-caption">
        Capture times: only needed where the dumps cannot tell the time between them; times typed here win.
      </p>
      {compare.names.map((name, i) => {
        const own = info.times[i]!;
        const entered = compare.times[i];
        const value = draft[i] ?? toInput(entered ?? own.time);
        return (
          <label key={i} className="capture-time">
            <span className="mono small">{name}</span>
            <input
              type="datetime-local"
              step={1}
              aria-label={`Capture time of ${name}`}
              value={value}
              onChange={(e) => setDraft({ ...draft, [i]: e.target.value })}
              onBlur={() => {
                const v = draft[i];
                if (v === undefined) return;
                const t = v === '' ? null : new Date(v).getTime();
                const times = [...compare.times];
                times[i] = t !== null && Number.isFinite(t) ? t : null;
                void updateCompare({ times });
              }}
            />
            <span className="muted small">{entered != null ? 'entered' : sourceLabel[own.source]}</span>
          </label>
        );
      })}
    </div>
  );
}
