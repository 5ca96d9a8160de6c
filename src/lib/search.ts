// Search over frame names: plain text (case-insensitive substring) or a regular expression.
// An invalid expression is reported as a message, never thrown.

export type Matcher = { ok: true; test: (name: string) => boolean } | { ok: false; error: string };

export function compileSearch(pattern: string, regex: boolean): Matcher {
  if (!regex) {
    const needle = pattern.toLowerCase();
    return { ok: true, test: (name) => needle !== '' && name.toLowerCase().includes(needle) };
  }
  try {
    const re = new RegExp(pattern);
    return { ok: true, test: (name) => pattern !== '' && re.test(name) };
  } catch (e) {
    return { ok: false, error: `Invalid regular expression: ${(e as Error).message}` };
  }
}
