// pprof's -tagfocus / -tagignore (internal/driver/driver_focus.go compileTagFilter), over the
// columnar label table:
// - "key=value": with a key, only that key's labels are tested; samples without the key never
//   match (so -tagfocus drops them and -tagignore keeps them).
// - the value is a numeric range when it reads as one ("32kb", ":64kb", "4mb:", "1mb:2mb"; the
//   unit scales like pprof's measurement package): numeric labels only, each scaled from its
//   key's unit (the first unit the profile gives the key, else "bytes" for "alignment" and
//   "request", else the key's own name) and compared with the range in the range's unit.
// - otherwise comma-separated regular expressions over string labels. With a key: any
//   expression matching any of the key's values. Without a key: every expression must match
//   some label written "key:value".

import { parseTagRange, splitTagExpression, tagRegexps } from '../lib/tagSyntax';
import type { Profile } from '../model/profile';

export type TagFilterName = 'tagfocus' | 'tagignore';

/** Matches sample s; built for one profile. */
export type TagMatch = (s: number) => boolean;

export type CompiledTag = { ok: true; match: TagMatch | null; range: boolean } | { ok: false; error: string };

export { parseTagRange };

/** pprof's Profile.NumLabelUnits: the unit of each numeric label key (by string index). */
export function numLabelUnits(p: Profile): Map<number, string> {
  const { labels, strings } = p;
  const units = new Map<number, string>();
  const seen = new Set<number>();
  for (let k = 0; k < labels.length; k++) {
    if (labels.str[k]! > 0) continue;
    const key = labels.key[k]!;
    seen.add(key);
    const u = labels.numUnit[k]!;
    if (u > 0 && !units.has(key)) units.set(key, strings[u]!);
  }
  for (const key of seen) {
    if (units.has(key)) continue;
    const name = strings[key]!;
    units.set(key, name === 'alignment' || name === 'request' ? 'bytes' : name);
  }
  return units;
}

/**
 * A -tagfocus or -tagignore expression for this profile; "" is no filter (match null). A bad
 * regular expression is a message naming the flag, as pprof says it.
 */
export function compileTagFilter(name: TagFilterName, expr: string, p: Profile): CompiledTag {
  if (expr === '') return { ok: true, match: null, range: false };
  const { samples, labels, strings } = p;
  const { key: wantKeyName, hasKey, value } = splitTagExpression(expr);
  // -1: the key is not in the profile, so no sample has it.
  const wantKey = hasKey ? strings.indexOf(wantKeyName) : -1;

  const range = parseTagRange(value);
  if (range) {
    const units = numLabelUnits(p);
    const numMatch = (k: number) => labels.str[k] === 0 && range(labels.num[k]!, units.get(labels.key[k]!) ?? '');
    if (!hasKey) {
      return {
        ok: true,
        range: true,
        match: (s) => {
          for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) if (numMatch(k)) return true;
          return false;
        },
      };
    }
    return {
      ok: true,
      range: true,
      match: (s) => {
        for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) if (labels.key[k] === wantKey && numMatch(k)) return true;
        return false;
      },
    };
  }

  const compiled = tagRegexps(name, value);
  if (!compiled.ok) return compiled;
  const rxs = compiled.rxs;
  if (!hasKey) {
    // Every expression must match some "key:value"; answers are kept per (key, value) pair.
    const cache = rxs.map(() => new Map<number, boolean>());
    const n = strings.length;
    const pairMatch = (r: number, k: number): boolean => {
      const id = labels.key[k]! * n + labels.str[k]!;
      let m = cache[r]!.get(id);
      if (m === undefined) {
        m = rxs[r]!.test(`${strings[labels.key[k]!]!}:${strings[labels.str[k]!]!}`);
        cache[r]!.set(id, m);
      }
      return m;
    };
    return {
      ok: true,
      range: false,
      match: (s) => {
        const a = samples.labelStart[s]!;
        const b = samples.labelStart[s + 1]!;
        for (let r = 0; r < rxs.length; r++) {
          let any = false;
          for (let k = a; k < b && !any; k++) if (labels.str[k]! > 0 && pairMatch(r, k)) any = true;
          if (!any) return false;
        }
        return true;
      },
    };
  }
  // With a key: any expression matching any of its string values.
  const valueMatch = new Int8Array(strings.length).fill(-1);
  const matches = (str: number): boolean => {
    if (valueMatch[str] === -1) valueMatch[str] = rxs.some((rx) => rx.test(strings[str]!)) ? 1 : 0;
    return valueMatch[str] === 1;
  };
  return {
    ok: true,
    range: false,
    match: (s) => {
      for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) {
        if (labels.key[k] === wantKey && labels.str[k]! > 0 && matches(labels.str[k]!)) return true;
      }
      return false;
    },
  };
}

/** The "Active filters" lines pprof's -top prints for these flags (each clipped at 80 characters). */
export function activeFilterLines(filters: ReadonlyArray<[string, string]>): string[] {
  const set = filters.filter(([, v]) => v !== '');
  if (set.length === 0) return [];
  return ['Active filters:', ...set.map(([k, v]) => {
    const s = `${k}=${v}`;
    return `   ${s.length > 80 ? `${s.slice(0, 80)}…` : s}`;
  })];
}
