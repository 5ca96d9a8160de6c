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

import { scale } from '../lib/units';
import type { Profile } from '../model/profile';

export type TagFilterName = 'tagfocus' | 'tagignore';

/** Matches sample s; built for one profile. */
export type TagMatch = (s: number) => boolean;

export type CompiledTag = { ok: true; match: TagMatch | null; range: boolean } | { ok: false; error: string };

const rangeRx = /([+-]?[0-9]+)([A-Za-z]+)?/g;

/** The range test of parseTagFilterRange, or null when `filter` is not a range. */
export function parseTagRange(filter: string): ((v: number, unit: string) => boolean) | null {
  const found = [...filter.matchAll(rangeRx)].slice(0, 2);
  if (found.length === 0) return null;
  const [m0, m1] = found;
  const [scaled, unit] = scale(Number.parseInt(m0![1]!, 10), m0![2] ?? '', m0![2] ?? '');
  const at = (v: number, u: string): number | null => {
    const [sv, su] = scale(v, u, unit);
    return su === unit ? sv : null;
  };
  if (found.length === 1) {
    const match = m0![0];
    if (filter === match) return (v, u) => at(v, u) === scaled;
    if (filter === `${match}:`) return (v, u) => (at(v, u) ?? -Infinity) >= scaled;
    if (filter === `:${match}`) return (v, u) => (at(v, u) ?? Infinity) <= scaled;
    return null;
  }
  if (filter !== `${m0![0]}:${m1![0]}`) return null;
  const [scaled2, unit2] = scale(Number.parseInt(m1![1]!, 10), m1![2] ?? '', unit);
  if (unit !== unit2) return null;
  return (v, u) => {
    const sv = at(v, u);
    return sv !== null && sv >= scaled && sv <= scaled2;
  };
}

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
  const eq = expr.indexOf('=');
  const wantKeyName = eq >= 0 ? expr.slice(0, eq) : '';
  const value = eq >= 0 ? expr.slice(eq + 1) : expr;
  // -1: the key is not in the profile, so no sample has it.
  const wantKey = eq >= 0 ? strings.indexOf(wantKeyName) : -1;

  const range = parseTagRange(value);
  if (range) {
    const units = numLabelUnits(p);
    const numMatch = (k: number) => labels.str[k] === 0 && range(labels.num[k]!, units.get(labels.key[k]!) ?? '');
    if (eq < 0) {
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

  const rxs: RegExp[] = [];
  for (const part of value.split(',')) {
    try {
      rxs.push(new RegExp(part));
    } catch (e) {
      return { ok: false, error: `parsing ${name} regexp: ${(e as Error).message}` };
    }
  }
  if (eq < 0) {
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
