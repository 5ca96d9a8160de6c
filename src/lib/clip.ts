// Bounds on what the page lays out from a file: the parsers cap names and strings (4 KiB), and
// these cap what is assembled from them (notes, messages, lists of labels), so no single element
// holds an unbounded text or an unbounded number of parts. Each cut says what it left out.

/** Characters kept of one note or message shown on the page. */
export const MAX_SHOWN_CHARS = 2000;
/** Notes kept of one file; the rest are counted in a last note. */
export const MAX_SHOWN_NOTES = 100;
/** Label keys (or label chips) shown for one group, stack or finding; the rest are counted. */
export const MAX_SHOWN_LABELS = 20;

/** s, or its first `max` UTF-16 units (no surrogate pair split) and "…[N more characters cut]". */
export function clipText(s: string, max = MAX_SHOWN_CHARS): string {
  if (s.length <= max) return s;
  let n = max;
  const last = s.charCodeAt(n - 1);
  if (last >= 0xd800 && last < 0xdc00) n--;
  return `${s.slice(0, n)}…[${(s.length - n).toLocaleString('en-US')} more characters cut]`;
}

/** The first `max` items and how many were left out. */
export function firstOf<T>(items: readonly T[], max = MAX_SHOWN_LABELS): { shown: readonly T[]; more: number } {
  return items.length <= max ? { shown: items, more: 0 } : { shown: items.slice(0, max), more: items.length - max };
}

/** Notes as shown: each clipped, at most MAX_SHOWN_NOTES, the rest counted in a last note. */
export function clipNotes(notes: readonly string[]): string[] {
  const { shown, more } = firstOf(notes, MAX_SHOWN_NOTES);
  const out = shown.map((n) => clipText(n));
  if (more > 0) out.push(`${more.toLocaleString('en-US')} more note${more > 1 ? 's' : ''} left out.`);
  return out;
}
