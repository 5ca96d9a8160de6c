// The forms of pprof's -tagfocus / -tagignore expressions (internal/driver/driver_focus.go):
// "key=value" or a bare value; a value is a numeric range ("32kb", ":64kb", "4mb:",
// "1mb:2mb", units as pprof's measurement package scales them) or comma-separated regular
// expressions. The page checks an expression here as it is typed; analysis/tagFilter.ts
// applies it to a profile.

import { compileGoRegexp, type GoRegexp } from './goRegexp';

import { scale } from './units';

const rangeRx = /([+-]?[0-9]+)([A-Za-z]+)?/g;

/** The range test of pprof's parseTagFilterRange: (value, unit) in range; null when `filter` is not a range. */
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

/** An expression split as pprof splits it: the key ("" for none) and the value after the first "=". */
export function splitTagExpression(expr: string): { key: string; hasKey: boolean; value: string } {
  const eq = expr.indexOf('=');
  return eq >= 0 ? { key: expr.slice(0, eq), hasKey: true, value: expr.slice(eq + 1) } : { key: '', hasKey: false, value: expr };
}

/** The value's regular expressions, or the message pprof's flag name would carry. */
export function tagRegexps(name: string, value: string): { ok: true; rxs: GoRegexp[] } | { ok: false; error: string } {
  const rxs: GoRegexp[] = [];
  for (const part of value.split(',')) {
    const c = compileGoRegexp(part);
    if (!c.ok) return { ok: false, error: `parsing ${name} regexp: ${c.error}` };
    rxs.push(c.re);
  }
  return { ok: true, rxs };
}

/** What is wrong with a -tagfocus / -tagignore expression, or null when it reads. */
export function tagExpressionError(name: string, expr: string): string | null {
  if (expr === '') return null;
  const { value } = splitTagExpression(expr);
  if (parseTagRange(value)) return null;
  const r = tagRegexps(name, value);
  return r.ok ? null : r.error;
}
