// Go's regexp (RE2) syntax in a JavaScript RegExp, for the patterns pprof takes on its command
// line (-peek REGEX). The common subset means the same in both; leading flag groups such as
// (?i) become RegExp flags, and what RE2 refuses (look-around, back-references) is refused
// with Go's message, so a pattern never quietly means something else here.

export type GoRegexp = { ok: true; re: RegExp } | { ok: false; error: string };

export function compileGoRegexp(pattern: string): GoRegexp {
  let source = pattern;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    if (lead[1]!.includes('U')) return { ok: false, error: `error parsing regexp: the (?U) flag is not supported here: \`${pattern}\`` };
    for (const f of lead[1]!) if (!flags.includes(f)) flags += f;
    source = source.slice(lead[0].length);
  }
  const perl = /\(\?(<?[=!])/.exec(source);
  if (perl) return { ok: false, error: `error parsing regexp: invalid or unsupported Perl syntax: \`(?${perl[1]}\`` };
  const backref = /(?:^|[^\\])(?:\\\\)*\\([1-9])/.exec(source);
  if (backref) return { ok: false, error: `error parsing regexp: invalid escape sequence: \`\\${backref[1]}\`` };
  // RE2 spells named groups (?P<name>...); \z is the end of text.
  source = source.replace(/\(\?P</g, '(?<').replace(/\\z/g, '$(?![\\s\\S])');
  try {
    return { ok: true, re: new RegExp(source, flags) };
  } catch (e) {
    return { ok: false, error: `error parsing regexp: ${(e as Error).message}` };
  }
}
