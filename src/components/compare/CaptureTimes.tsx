// When each dump was taken: from the profile itself, the file's modification time, or typed
// here. Growth per hour needs two of them.

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
