// Every active filter of a file as a removable chip, on every view: the goroutine filters (each
// state, minimum wait, frame regex), pprof's tag filters and pprof's refinements, named as the
// URL and pprof name them ("ignore=runtime"). Removing a chip removes that filter only.

import { memo } from 'react';
import { setFilter } from '../../state/actions';
import type { FileSlice } from '../../state/store';
import { refineNumberKeys, refineTextKeys, type SampleFilter } from '../../state/types';

interface Chip {
  text: string;
  remove(f: SampleFilter): SampleFilter;
}

function without<K extends keyof SampleFilter>(k: K) {
  return (f: SampleFilter): SampleFilter => {
    const next = { ...f };
    delete next[k];
    return next;
  };
}

export function chipsOf(f: SampleFilter): Chip[] {
  const chips: Chip[] = f.states.map((s) => ({ text: `state=${s}`, remove: (g) => ({ ...g, states: g.states.filter((x) => x !== s) }) }));
  if (f.minWait > 0) chips.push({ text: `wait≥${f.minWait} min`, remove: (g) => ({ ...g, minWait: 0 }) });
  if (f.frame !== '') chips.push({ text: `frame=${f.frame}`, remove: (g) => ({ ...g, frame: '' }) });
  for (const k of refineTextKeys) if (f[k]) chips.push({ text: `${k}=${f[k]}`, remove: without(k) });
  for (const k of ['tagfocus', 'tagignore'] as const) if (f[k]) chips.push({ text: `${k}=${f[k]}`, remove: without(k) });
  for (const k of refineNumberKeys) if (f[k] !== undefined) chips.push({ text: `${k}=${f[k]} (top, graph)`, remove: without(k) });
  return chips;
}

export const FilterChips = memo(function FilterChips({ file }: { file: FileSlice<never, 'filter'> }) {
  const { filter } = file.view;
  const chips = chipsOf(filter);
  if (chips.length === 0) return null;
  return (
    <div className="toolbar filter-chips" data-testid="filter-chips" aria-label="Active filters">
      <span className="muted">Active filters</span>
      {chips.map((c) => (
        <span key={c.text} className="chip" data-testid="filter-chip">
          {c.text}
          <button type="button" aria-label={`Remove ${c.text}`} title={`Remove ${c.text}`} onClick={() => void setFilter(file.id, c.remove(filter))}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
});
