// Go's regexp (RE2) for every pattern that comes from a file, a link, the address or a person:
// re2js, a port of RE2, matches in time linear in the input, so no pattern (`(a+)+$`,
// `(.|.)*Z`) can stall a worker or the command line, and the syntax is the one pprof reads
// (named groups as (?P<name>...), \z, flag groups; no look-around, no back-references).

import { RE2JS } from 're2js';

export interface GoRegexp {
  /** True when the pattern matches anywhere in s (Go's MatchString). */
  test(s: string): boolean;
  readonly source: string;
}

export type CompiledGoRegexp = { ok: true; re: GoRegexp } | { ok: false; error: string };

/** Longer patterns are refused: nobody types them, and a link or a file could carry megabytes. */
export const MAX_PATTERN_CHARS = 4096;

/** Compiles a Go regular expression; the error is worded as Go words it ("error parsing regexp: ..."). */
export function compileGoRegexp(pattern: string): CompiledGoRegexp {
  if (pattern.length > MAX_PATTERN_CHARS) {
    return { ok: false, error: `error parsing regexp: the expression is ${pattern.length.toLocaleString('en-US')} characters long, over the ${MAX_PATTERN_CHARS.toLocaleString('en-US')} this tool takes` };
  }
  try {
    const re = RE2JS.compile(pattern);
    return { ok: true, re: { test: (s) => re.test(s), source: pattern } };
  } catch (e) {
    const message = (e as Error).message;
    return { ok: false, error: message.startsWith('error parsing regexp') ? message : `error parsing regexp: ${message}` };
  }
}
