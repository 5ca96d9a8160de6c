// Which samples a view keeps: goroutine state and wait minutes (sample labels, as any pprof
// label filter works), a regular expression over frame names, and pprof's -tagfocus and
// -tagignore over sample labels (tagFilter.ts). Like pprof's -tagfocus and -focus, filtering
// keeps the unfiltered total for percentages.

import { compileGoRegexp, type GoRegexp } from '../lib/goRegexp';
import type { Profile } from '../model/profile';
import { GoroutineLabel } from '../model/goroutines';
import { compileTagFilter } from './tagFilter';
import { hasRefinements, refineProfile, refinementNames, type Refinements } from './refine';

/** The filter of a view: its own sample filters and pprof's refinements (refine.ts, applied after them). */
export interface SampleFilter extends Refinements {
  /** Keep goroutines in one of these states; empty keeps all. */
  states: string[];
  /** Keep goroutines waiting at least this many minutes (0 keeps all). */
  minWait: number;
  /** Keep samples with a frame whose function name matches; "" keeps all. */
  frame: string;
  /** pprof -tagfocus: keep samples whose labels match; "" or absent keeps all. */
  tagfocus?: string;
  /** pprof -tagignore: drop samples whose labels match; "" or absent drops none. */
  tagignore?: string;
  /** pprof -nodefraction for the top table (the view shows every node when absent). */
  nodefraction?: number;
  /** pprof -edgefraction for the top table's inline marks. */
  edgefraction?: number;
  /** pprof -nodecount: the top table's first N rows (0 or absent: all). */
  nodecount?: number;
}

export const noFilter: SampleFilter = { states: [], minWait: 0, frame: '' };

export function isEmptyFilter(f: SampleFilter): boolean {
  return f.states.length === 0 && f.minWait <= 0 && f.frame === '' && !f.tagfocus && !f.tagignore && !hasRefinements(f);
}

export type FilterResult = { ok: true; keep: Uint8Array; kept: number } | { ok: false; error: string };

/** 1 per kept sample. A bad regular expression is an error message, not an exception. */
export function filterSamples(p: Profile, f: SampleFilter): FilterResult {
  let frameRe: GoRegexp | null = null;
  if (f.frame !== '') {
    const c = compileGoRegexp(f.frame);
    if (!c.ok) return { ok: false, error: c.error };
    frameRe = c.re;
  }
  const focus = compileTagFilter('tagfocus', f.tagfocus ?? '', p);
  if (!focus.ok) return focus;
  const ignore = compileTagFilter('tagignore', f.tagignore ?? '', p);
  if (!ignore.ok) return ignore;
  const { samples, labels, strings, locations, lines, functions } = p;
  const stateKey = strings.indexOf(GoroutineLabel.state);
  const waitKey = strings.indexOf(GoroutineLabel.waitMinutes);
  const states = new Set(f.states);

  let funcMatch: Uint8Array | null = null;
  if (frameRe) {
    funcMatch = new Uint8Array(functions.length);
    for (let i = 0; i < functions.length; i++) funcMatch[i] = frameRe.test(strings[functions.name[i]!]!) ? 1 : 0;
  }
  const locMatch = new Int8Array(locations.length).fill(-1);
  const locMatches = (l: number): boolean => {
    if (locMatch[l] === -1) {
      let m = 0;
      for (let i = locations.lineStart[l]!; i < locations.lineStart[l + 1]!; i++) {
        const fn = lines.func[i]!;
        if (fn >= 0 && funcMatch![fn]) m = 1;
      }
      locMatch[l] = m;
    }
    return locMatch[l] === 1;
  };

  const keep = new Uint8Array(samples.length);
  let kept = 0;
  for (let s = 0; s < samples.length; s++) {
    let state = '';
    let wait = 0;
    for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) {
      const key = labels.key[k]!;
      if (key === stateKey && labels.str[k]! > 0) state = strings[labels.str[k]!]!;
      else if (key === waitKey && labels.str[k] === 0) wait = labels.num[k]!;
    }
    if (states.size > 0 && !states.has(state)) continue;
    if (f.minWait > 0 && wait < f.minWait) continue;
    if (focus.match && !focus.match(s)) continue;
    if (ignore.match && ignore.match(s)) continue;
    if (funcMatch) {
      let any = false;
      for (let i = samples.stackStart[s]!; i < samples.stackStart[s + 1]! && !any; i++) any = locMatches(samples.stack[i]!);
      if (!any) continue;
    }
    keep[s] = 1;
    kept++;
  }
  return { ok: true, keep, kept };
}

/** The profile with excluded samples' values set to 0 (which every report skips). */
export function applyKeep(p: Profile, keep: Uint8Array): Profile {
  const values = p.samples.values.map((v) => {
    const out = v.slice();
    for (let s = 0; s < out.length; s++) if (!keep[s]) out[s] = 0;
    return out;
  });
  return { ...p, samples: { ...p.samples, values } };
}

export type AppliedFilter = { ok: true; profile: Profile; keep: Uint8Array | null; kept: number } | { ok: false; error: string };

/**
 * The profile a view reports on: the sample filters (excluded samples valued 0), then pprof's
 * refinements (refine.ts: frames hidden, shown, cut). keep is null when nothing is filtered.
 */
export function applyFilter(p: Profile, f: SampleFilter): AppliedFilter {
  if (isEmptyFilter(f)) return { ok: true, profile: p, keep: null, kept: p.samples.length };
  const r = filterSamples(p, f);
  if (!r.ok) return r;
  if (!hasRefinements(f)) return { ok: true, profile: applyKeep(p, r.keep), keep: r.keep, kept: r.kept };
  const rr = refineProfile(p, f, r.keep);
  if (!rr.ok) return rr;
  return { ok: true, profile: rr.profile, keep: rr.keep, kept: rr.kept };
}

/** pprof's "Active filters:" entries of a filter, in pprof's order (prune_from is not among them). */
export function activeFilterPairs(f: SampleFilter): Array<[string, string]> {
  return [
    ['focus', f.focus ?? ''],
    ['ignore', f.ignore ?? ''],
    ['hide', f.hide ?? ''],
    ['show', f.show ?? ''],
    ['show_from', f.show_from ?? ''],
    ['tagfocus', f.tagfocus ?? ''],
    ['tagignore', f.tagignore ?? ''],
  ];
}

/** The filter's pprof refinements: regular expressions, then the top table's numbers. */
export const refineTextKeys = refinementNames;
export const refineNumberKeys = ['nodefraction', 'edgefraction', 'nodecount'] as const;
