// What `go tool pprof` does to a profile right after reading it, before any report: its
// symbolizer's name clean-up (symbolizer.Demangle) and the profile's own drop_frames. Every
// view of a pprof file starts from this, so names and numbers match pprof's.
// It lives in model/ (as pprof's RemoveUninteresting lives in its profile package) because two
// layers apply it: parse/load.ts to a file as it is loaded, analysis/diff.ts to a -diff_base
// merge (pprof applies both steps after merging).

import type { Profile } from './profile';
import { removeUninteresting } from './dropFrames';

/** pprof's removeMatching: drops nested start..end groups, or returns the name on a mismatch. */
export function removeMatching(name: string, start: string, end: string): string {
  let nesting = 0;
  let first = 0;
  let out = name;
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    if (c === start) {
      nesting++;
      if (nesting === 1) first = i;
    } else if (c === end) {
      nesting--;
      if (nesting < 0) return name;
      if (nesting === 0) {
        out = out.slice(0, first) + out.slice(i + 1);
        i = first - 1;
      }
    }
  }
  return out;
}

function looksLikeDemangledCPlusPlus(name: string): boolean {
  if (name.includes('.<')) return false; // Java "class.<init>"
  if (name.includes(']).')) return false; // Go "foo.(*Bar[...]).Method"
  return /[<>[\]]/.test(name) || name.includes('::');
}

/**
 * symbolizer.demangleSingleFunction with the default mode (no parameters, no template
 * parameters). Mangled C++/Rust symbols (_Z..., _R...) would be demangled by pprof; we keep
 * them as they are (see README: known differences).
 */
export function pprofDisplayName(name: string, systemName: string): string {
  if (name !== '' && systemName !== name) return name; // already demangled
  let out = systemName;
  if (looksLikeDemangledCPlusPlus(out)) {
    out = removeMatching(out, '(', ')');
    out = removeMatching(out, '<', '>');
  }
  return out;
}

export function applyPprofNames(p: Profile): Profile {
  const { functions } = p;
  let strings: string[] | null = null;
  let index: Map<string, number> | null = null;
  let names: Int32Array | null = null;
  for (let f = 0; f < functions.length; f++) {
    const name = p.strings[functions.name[f]!]!;
    const display = pprofDisplayName(name, p.strings[functions.systemName[f]!]!);
    if (display === name) continue;
    if (!strings) {
      strings = [...p.strings];
      index = new Map(strings.map((s, i) => [s, i]));
      names = functions.name.slice();
    }
    let s = index!.get(display);
    if (s === undefined) {
      s = strings.length;
      strings.push(display);
      index!.set(display, s);
    }
    names![f] = s;
  }
  if (!strings) return p;
  return { ...p, strings, functions: { ...functions, name: names! } };
}

/** The profile as pprof sees it after loading: names cleaned, drop_frames applied. */
export function asPprofLoads(p: Profile): Profile {
  return removeUninteresting(applyPprofNames(p));
}
