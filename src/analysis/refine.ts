// pprof's refinements over function names (internal/driver/driver_focus.go applyFocus, in its
// order): -focus/-ignore/-hide/-show (profile/filter.go FilterSamplesByName), -show_from
// (ShowFrom), then -prune_from (profile/prune.go PruneFrom). The tag filters sit between
// show_from and prune_from in pprof; they only drop samples, so sampleFilter.ts applies them
// apart and the result is the same.
// The result is a new profile: locations keep their index but may lose lines, samples keep their
// index but may lose frames, and a dropped sample is valued 0 (which every report skips), so
// sample indexes (goroutine buckets, anchors) stay valid. Percentages stay of the unrefined
// total, as pprof computes the total before applyFocus.

import { compileGoRegexp, type GoRegexp } from '../lib/goRegexp';
import type { Profile } from '../model/profile';

export interface Refinements {
  /** pprof -focus: keep samples with a frame matching (function name, file name or mapping file). */
  focus?: string;
  /** pprof -ignore: drop samples with a frame matching. */
  ignore?: string;
  /** pprof -hide: remove matching frames from every stack. */
  hide?: string;
  /** pprof -show: keep only matching frames in every stack. */
  show?: string;
  /** pprof -show_from: drop frames above (rootward of) the highest matching frame; drop samples without one. */
  show_from?: string;
  /** pprof -prune_from: drop frames beneath (leafward of) the lowest matching frame. */
  prune_from?: string;
}

/** The regex refinements in pprof's order, which is also the order of its "Active filters:" lines (prune_from is not listed). */
export const refinementNames = ['focus', 'ignore', 'hide', 'show', 'show_from', 'prune_from'] as const;
export type RefinementName = (typeof refinementNames)[number];

export function hasRefinements(r: Refinements): boolean {
  return refinementNames.some((k) => (r[k] ?? '') !== '');
}

/**
 * A refinement's Go (RE2) regular expression, null when empty; a bad one is an error worded as
 * pprof words it ("parsing focus regexp: error parsing regexp: ...").
 */
export function compileRefinement(name: string, src: string): { ok: true; re: GoRegexp | null } | { ok: false; error: string } {
  if (src === '') return { ok: true, re: null };
  const c = compileGoRegexp(src);
  return c.ok ? c : { ok: false, error: `parsing ${name} regexp: ${c.error}` };
}

/** pprof's simplifyFunc (prune.go): the name up to its first "(" that is not "(anonymous namespace)" or "operator()". */
export function simplifyFunc(f: string): string {
  const name = f.startsWith('.') ? f.slice(1) : f;
  const re = /\(anonymous namespace\)|operator\(\)|\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(name)) !== null) {
    if (m[0] === '(') return name.slice(0, m.index);
  }
  return name;
}

export type RefineResult =
  | { ok: true; profile: Profile; keep: Uint8Array; kept: number; /** Which refinements matched something (pprof warns "no matches" otherwise). */ matched: Partial<Record<RefinementName, boolean>> }
  | { ok: false; error: string };

/** Applies pprof's name refinements; samples with keep[s] == 0 on entry stay dropped. */
export function refineProfile(p: Profile, r: Refinements, keepIn?: Uint8Array): RefineResult {
  const rx: Partial<Record<RefinementName, GoRegexp | null>> = {};
  for (const k of refinementNames) {
    const c = compileRefinement(k, r[k] ?? '');
    if (!c.ok) return c;
    rx[k] = c.re;
  }
  const { strings, functions, locations, lines, samples, mappings } = p;
  const L = locations.length;
  const S = samples.length;
  const matched: Partial<Record<RefinementName, boolean>> = {};

  // Per function: does the regex match its name or file name (matchesName's per-line test)?
  const funcMatches = (re: GoRegexp): Uint8Array => {
    const out = new Uint8Array(functions.length);
    for (let f = 0; f < functions.length; f++) {
      out[f] = re.test(strings[functions.name[f]!]!) || re.test(strings[functions.filename[f]!]!) ? 1 : 0;
    }
    return out;
  };
  const mapMatches = (re: GoRegexp): Uint8Array => Uint8Array.from(mappings, (m) => (re.test(m.file) ? 1 : 0));
  const alive = new Uint8Array(lines.length).fill(1);
  const lineMatch = (fm: Uint8Array, i: number) => {
    const fn = lines.func[i]!;
    return fn >= 0 && fm[fn] === 1;
  };
  const locMapped = (mm: Uint8Array, l: number) => {
    const m = locations.mapping[l]!;
    return m >= 0 && mm[m] === 1;
  };
  const locMatches = (fm: Uint8Array, mm: Uint8Array, l: number) => {
    for (let i = locations.lineStart[l]!; i < locations.lineStart[l + 1]!; i++) if (alive[i] && lineMatch(fm, i)) return true;
    return locMapped(mm, l);
  };

  // FilterSamplesByName.
  const { focus, ignore, hide, show } = rx;
  const byName = focus || ignore || hide || show;
  // -1: neither, 0: ignored, 1: focused.
  const focusOrIgnore = new Int8Array(L).fill(-1);
  const hidden = new Uint8Array(L);
  let anyHidden = false;
  if (byName) {
    const fi = ignore ? funcMatches(ignore) : null;
    const mi = ignore ? mapMatches(ignore) : null;
    const ff = focus ? funcMatches(focus) : null;
    const mf = focus ? mapMatches(focus) : null;
    const fh = hide ? funcMatches(hide) : null;
    const mh = hide ? mapMatches(hide) : null;
    const fs = show ? funcMatches(show) : null;
    const ms = show ? mapMatches(show) : null;
    for (let l = 0; l < L; l++) {
      const a = locations.lineStart[l]!;
      const b = locations.lineStart[l + 1]!;
      if (fi && locMatches(fi, mi!, l)) {
        matched.ignore = true;
        focusOrIgnore[l] = 0;
      } else if (!ff || locMatches(ff, mf!, l)) {
        if (ff) matched.focus = true;
        focusOrIgnore[l] = 1;
      }
      if (fh && locMatches(fh, mh!, l)) {
        matched.hide = true;
        if (locMapped(mh!, l)) for (let i = a; i < b; i++) alive[i] = 0;
        else for (let i = a; i < b; i++) if (lineMatch(fh, i)) alive[i] = 0;
        let any = false;
        for (let i = a; i < b; i++) if (alive[i]) any = true;
        if (!any) hidden[l] = 1;
      }
      if (fs) {
        if (!locMapped(ms!, l)) for (let i = a; i < b; i++) if (lines.func[i]! >= 0 && !fs[lines.func[i]!]) alive[i] = 0;
        let any = false;
        for (let i = a; i < b; i++) if (alive[i]) any = true;
        if (!any) hidden[l] = 1;
        else matched.show = true;
      }
      if (hidden[l]) anyHidden = true;
    }
  }

  // ShowFrom: per location, lines after (rootward of) the last matching one go.
  const showFromLoc = rx.show_from ? new Uint8Array(L) : null;
  if (rx.show_from) {
    const fm = funcMatches(rx.show_from);
    const mm = mapMatches(rx.show_from);
    for (let l = 0; l < L; l++) {
      const a = locations.lineStart[l]!;
      const b = locations.lineStart[l + 1]!;
      if (locMapped(mm, l)) {
        showFromLoc![l] = 1;
        continue;
      }
      for (let i = b - 1; i >= a; i--) {
        if (alive[i] && lineMatch(fm, i)) {
          for (let j = i + 1; j < b; j++) alive[j] = 0;
          showFromLoc![l] = 1;
          break;
        }
      }
      if (showFromLoc![l]) matched.show_from = true;
    }
  }

  // PruneFrom: per location, lines before (leafward of) the first matching one go.
  const pruneLoc = rx.prune_from ? new Uint8Array(L) : null;
  if (rx.prune_from) {
    const re = rx.prune_from;
    const simplified = new Int8Array(functions.length).fill(-1);
    for (let l = 0; l < L; l++) {
      const a = locations.lineStart[l]!;
      const b = locations.lineStart[l + 1]!;
      for (let i = a; i < b; i++) {
        if (!alive[i]) continue;
        const fn = lines.func[i]!;
        if (fn < 0) continue;
        const name = strings[functions.name[fn]!]!;
        if (name === '') continue;
        if (simplified[fn] === -1) simplified[fn] = re.test(simplifyFunc(name)) ? 1 : 0;
        if (simplified[fn] === 1) {
          pruneLoc![l] = 1;
          matched.prune_from = true;
          for (let j = a; j < i; j++) alive[j] = 0;
          break;
        }
      }
    }
  }

  // Samples: which survive, and their frames.
  const keep = new Uint8Array(S);
  let kept = 0;
  const stackStart = new Uint32Array(S + 1);
  const stack = new Uint32Array(samples.stack.length);
  let w = 0;
  for (let s = 0; s < S; s++) {
    stackStart[s] = w;
    if (keepIn && !keepIn[s]) continue;
    let lo = samples.stackStart[s]!;
    let hi = samples.stackStart[s + 1]!;
    if (byName) {
      let f = false;
      let ignored = false;
      for (let i = lo; i < hi; i++) {
        const fo = focusOrIgnore[samples.stack[i]!]!;
        if (fo === 0) {
          ignored = true;
          break;
        }
        if (fo === 1) f = true;
      }
      if (ignored || !f) continue;
    }
    // ShowFrom: keep frames up to the rootmost matching one (stacks are leaf first).
    if (showFromLoc) {
      let top = -1;
      for (let i = hi - 1; i >= lo; i--) {
        if (anyHidden && hidden[samples.stack[i]!]) continue;
        if (showFromLoc[samples.stack[i]!]) {
          top = i;
          break;
        }
      }
      if (top < 0) continue;
      hi = top + 1;
    }
    // PruneFrom: drop frames leafward of the leafmost matching one.
    if (pruneLoc) {
      for (let i = lo; i < hi; i++) {
        if (anyHidden && hidden[samples.stack[i]!]) continue;
        if (pruneLoc[samples.stack[i]!]) {
          lo = i;
          break;
        }
      }
    }
    const start = w;
    for (let i = lo; i < hi; i++) {
      const loc = samples.stack[i]!;
      if (anyHidden && hidden[loc]) continue;
      stack[w++] = loc;
    }
    if (anyHidden && w === start && hi > lo) continue;
    keep[s] = 1;
    kept++;
  }
  stackStart[S] = w;

  // Lines: the ones left, per location.
  const lineStart = new Uint32Array(L + 1);
  let n = 0;
  for (let i = 0; i < alive.length; i++) n += alive[i]!;
  const func = new Int32Array(n);
  const line = new Float64Array(n);
  const column = new Float64Array(n);
  let j = 0;
  for (let l = 0; l < L; l++) {
    lineStart[l] = j;
    for (let i = locations.lineStart[l]!; i < locations.lineStart[l + 1]!; i++) {
      if (!alive[i]) continue;
      func[j] = lines.func[i]!;
      line[j] = lines.line[i]!;
      column[j] = lines.column[i]!;
      j++;
    }
  }
  lineStart[L] = j;

  const values = samples.values.map((v) => {
    const out = v.slice();
    for (let s = 0; s < S; s++) if (!keep[s]) out[s] = 0;
    return out;
  });
  return {
    ok: true,
    keep,
    kept,
    matched,
    profile: {
      ...p,
      locations: { ...locations, lineStart },
      lines: { length: n, func, line, column },
      samples: { ...samples, stackStart, stack: stack.slice(0, w), values },
    },
  };
}
