// pprof's refinements of a profile view, typed as pprof's flags are: regular expressions over
// function, file and mapping names (focus, ignore, hide, show, show_from, prune_from) and the
// top table's nodefraction, edgefraction and nodecount. Applied on Enter or "Apply"; a bad
// value is a message naming the field, never applied.

import { compileGoRegexp } from '../../lib/goRegexp';
import { useEffect, useState, type FormEvent, memo } from 'react';
import { setFilter } from '../../state/actions';
import type { FileSlice } from '../../state/store';
import { refineNumberKeys, refineTextKeys, type SampleFilter } from '../../state/types';

type Key = (typeof refineTextKeys)[number] | (typeof refineNumberKeys)[number];
type Draft = Record<Key, string>;

const draftOf = (f: SampleFilter): Draft => {
  const d = {} as Draft;
  for (const k of refineTextKeys) d[k] = f[k] ?? '';
  for (const k of refineNumberKeys) d[k] = f[k] === undefined ? '' : String(f[k]);
  return d;
};

const hints: Record<Key, string> = {
  focus: 'keep samples through a match',
  ignore: 'drop samples through a match',
  hide: 'remove matching frames',
  show: 'keep only matching frames',
  show_from: 'cut frames above the match',
  prune_from: 'cut frames below the match',
  nodefraction: 'top and graph: drop nodes under this share (graph default 0.005)',
  edgefraction: 'top and graph: drop edges under this share (graph default 0.001)',
  nodecount: 'top: first N rows; graph: N nodes (default 80)',
};

/** What is wrong with a field's text as pprof would read it, or null. */
export function refineFieldError(k: Key, v: string): string | null {
  if (v === '') return null;
  if ((refineTextKeys as readonly string[]).includes(k)) {
    // Compiling is linear in the pattern's length: the page may check what is typed.
    const c = compileGoRegexp(v);
    return c.ok ? null : `${k}: ${c.error}`;
  }
  const n = Number(v);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v) || !Number.isFinite(n)) return `${k}: "${v}" is not a number`;
  if (k === 'nodecount' && !Number.isInteger(n)) return `nodecount: "${v}" is not a whole number`;
  if (k !== 'nodecount' && n > 1) return `${k}: ${v} is more than 1 (a fraction of the total)`;
  return null;
}

export const RefineBar = memo(function RefineBar({ file }: { file: FileSlice<never, 'filter'> }) {
  const { filter } = file.view;
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  useEffect(() => setDraft(draftOf(filter)), [filter]);
  const errors = [...refineTextKeys, ...refineNumberKeys].map((k) => refineFieldError(k, draft[k].trim())).filter((e) => e !== null);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (errors.length > 0) return;
    const next: SampleFilter = { ...filter };
    for (const k of refineTextKeys) {
      const v = draft[k].trim();
      if (v === '') delete next[k];
      else next[k] = v;
    }
    for (const k of refineNumberKeys) {
      const v = draft[k].trim();
      if (v === '') delete next[k];
      else next[k] = Number(v);
    }
    void setFilter(file.id, next);
  };
  return (
    <form className="toolbar refine-bar" data-testid="refine-bar" onSubmit={apply}>
      <span className="muted">Refine</span>
      {[...refineTextKeys, ...refineNumberKeys].map((k) => (
        <input
          key={k}
          type="text"
          className={refineNumberKeys.includes(k as (typeof refineNumberKeys)[number]) ? 'search-input refine-number' : 'search-input'}
          placeholder={k}
          title={`${k}: ${hints[k]}`}
          aria-label={`Refine ${k}`}
          aria-invalid={refineFieldError(k, draft[k].trim()) !== null}
          value={draft[k]}
          onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
        />
      ))}
      <button type="submit" disabled={errors.length > 0}>
        Apply
      </button>
      {errors.length > 0 && (
        <span className="error-text" role="alert">
          {errors[0]}
        </span>
      )}
    </form>
  );
});
