// What the user may strip before copying a link: file paths (kept: the base name and line),
// function arguments as stack text prints them ("F(0xc000123, {0x7a8da0, ...})" becomes
// "F(...)", Go's own elision), and pprof labels. Every string field goes through the same
// rules, notes included, since people paste stack text into notes.

import { SCHEMA_VERSION, type SharePayload } from './schema';
import { mapStrings, type StringRole } from './shape';
import { bodySpec } from './specs';
import { pathBase } from '../lib/gopath';

export { pathBase };

export { describePayload } from './preview';

export interface RedactOptions {
  /** File paths become base names: "/src/k8s.io/apiserver/pkg/server/filters/timeout.go" -> "timeout.go". */
  paths: boolean;
  /** Argument lists after a function name become "(...)". */
  args: boolean;
  /** pprof labels are removed. */
  labels: boolean;
}

/** A new payload with the chosen parts removed; the input is not touched. */
export function redact(payload: SharePayload, opts: RedactOptions): SharePayload {
  const { v: _v, ...body } = payload;
  const out = mapStrings(bodySpec, body, (s, role) => redactString(s, role, opts));
  if (opts.labels) {
    out.findings = out.findings.map((f) => (f.kind === 'bucket' ? { ...f, labels: [] } : f)).map(withoutGroupLabel);
    // The view's label filter, label grouping and a group's label value name labels too.
    const { tagfocus: _f, tagignore: _i, ...filter } = out.view.filter;
    const { groupBy: _g, ...view } = out.view;
    out.view = { ...view, filter, group: out.view.group ? stripLabel(out.view.group) : null };
  }
  return { v: SCHEMA_VERSION, ...out };
}

function stripLabel<G extends { label?: string }>(g: G): Omit<G, 'label'> {
  const { label: _l, ...rest } = g;
  return rest;
}

function withoutGroupLabel<F>(f: F): F {
  const g = (f as { group?: { label?: string } }).group;
  return g && g.label !== undefined ? { ...f, group: stripLabel(g) } : f;
}

export function redactString(s: string, role: StringRole, opts: Pick<RedactOptions, 'paths' | 'args'>): string {
  if (role === 'token' || role === 'url') return s;
  let out = s;
  if (opts.paths) out = role === 'path' ? pathBase(out) : redactPaths(out);
  if (opts.args) out = redactArgs(out);
  return out;
}

/** The last element of a Unix or Windows path ("" stays ""). */

const fileExtensions = 'go|s|c|cc|cpp|cxx|h|hh|hpp|rs|py|java|kt|js|ts|rb|txt|log|gz|pb|json|ya?ml|prof|pprof|out|tar|zip';
const segment = String.raw`[\w.@+~-]+`;
/**
 * A path inside free text: rooted ("/usr/lib/go/src/...", "~/x", "./x", "C:\x"), or relative
 * with a file extension ("staging/src/.../timeout.go"). Package paths in function names
 * ("k8s.io/apiserver/pkg/server/filters.(*timeoutHandler)") have no extension and no root,
 * and URLs are skipped ("https://" puts ":" or "/" before each slash).
 */
const pathInText = new RegExp(
  String.raw`(?<![\w.:/\\~@+-])(?:(?:[A-Za-z]:|~|\.{1,2})?(?:[\\/]${segment})+|${segment}(?:[\\/]${segment})*[\\/]${segment}\.(?:${fileExtensions})(?![\w]))`,
  'g',
);

export function redactPaths(text: string): string {
  return text.replace(pathInText, (p) => pathBase(p));
}

/**
 * Replaces argument lists: "(" right after a name character, up to its matching ")" on the same
 * line, holding at least one digit (stack text prints arguments as numbers: 0xc000123, 0x1?,
 * {0x7a8da0, 0x10}). Prose parentheses ("goroutine(s)", "see (1)") and receivers
 * ("filters.(*timeoutHandler)") stay.
 */
export function redactArgs(text: string): string {
  let out = '';
  let from = 0;
  let i = text.indexOf('(');
  while (i >= 0) {
    const close = i > 0 && /[\w\]]/.test(text[i - 1]!) ? matchingParen(text, i) : -1;
    if (close > 0) {
      const inner = text.slice(i + 1, close);
      if (inner !== '...' && /\d/.test(inner)) {
        out += `${text.slice(from, i)}(...)`;
        from = close + 1;
        i = text.indexOf('(', from);
        continue;
      }
    }
    i = text.indexOf('(', i + 1);
  }
  return out + text.slice(from);
}

/** Index of the ")" closing the "(" at `open`, or -1 (none before the end of the line). */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 /* \n */) return -1;
    if (c === 40 /* ( */) depth++;
    else if (c === 41 /* ) */ && --depth === 0) return j;
  }
  return -1;
}
