// Text bound for a terminal with every character that could drive it shown escaped, never raw:
// C0 controls but tab and newline (ESC starts clear-screen, OSC 0 window-title and OSC 52
// clipboard sequences), DEL, C1 (U+0080-U+009F, where 0x9B is a one-byte CSI), the bidi
// controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069) that reorder what a line appears to say,
// and the line and paragraph separators U+2028/9. A name is read from a file a stranger wrote.

// Character classes only: linear in the text, no backtracking. Matching control characters is the point.
/* eslint-disable no-control-regex */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_ONE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}

/**
 * `s` with each unsafe character written as `\xNN` (below U+0100) or `\uNNNN`. `backslash`
 * is what starts an escape: `\\` for Graphviz text, where a single backslash is itself an escape
 * inside a label, so the drawn label reads `\x1b`.
 */
export function escapeTerminal(s: string, backslash = '\\'): string {
  if (!UNSAFE_ONE.test(s)) return s;
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `${backslash}x${hex(code, 2)}` : `${backslash}u${hex(code, 4)}`;
  });
}

/**
 * JSON text (from JSON.stringify, which escapes C0 but leaves DEL, C1, bidi controls and
 * U+2028/9 raw inside strings) with those written as JSON's own `\uNNNN` escapes: the same
 * value for a JSON reader, nothing raw for a terminal.
 */
export function escapeJsonText(json: string): string {
  if (!UNSAFE_ONE.test(json)) return json;
  return json.replace(UNSAFE, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}
