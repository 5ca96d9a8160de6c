// Search over frame names: plain text (case-insensitive substring) or a regular expression.
// An invalid expression is reported as a message, never thrown. Expressions are Go's (RE2,
// linear time), as everywhere else.

import { compileGoRegexp } from './goRegexp';

export type Matcher = { ok: true; test: (name: string) => boolean } | { ok: false; error: string };

export function compileSearch(pattern: string, regex: boolean): Matcher {
  if (!regex) {
    const needle = pattern.toLowerCase();
    return { ok: true, test: (name) => needle !== '' && name.toLowerCase().includes(needle) };
  }
  const c = compileGoRegexp(pattern);
  if (!c.ok) return { ok: false, error: c.error };
  const re = c.re;
  return { ok: true, test: (name) => pattern !== '' && re.test(name) };
}
