// Short names for files shown side by side: what tells them apart. "master-1/goroutine.txt",
// "master-2/goroutine.txt" read as "master-1", "master-2"; the full names stay in titles.

// A shared prefix is cut only at whole folders (or an archive's " › "), a shared suffix at any
// separator: "leak-a.t3.heap" and "leak-b.t2.heap" keep "leak-a.t3" and "leak-b.t2".
const PREFIX_ENDS = new Set(['/', ' ']);
const SEPARATORS = new Set(['/', '.', '-', '_', ' ', '›']);

function commonPrefix(names: string[]): number {
  let n = 0;
  const first = names[0]!;
  while (n < first.length && names.every((s) => s[n] === first[n])) n++;
  // Back to just after a separator, so a word is never cut in two.
  while (n > 0 && !PREFIX_ENDS.has(first[n - 1]!)) n--;
  return n;
}

function commonSuffix(names: string[], prefix: number): number {
  let n = 0;
  const first = names[0]!;
  const room = Math.min(...names.map((s) => s.length)) - prefix;
  while (n < room && names.every((s) => s[s.length - 1 - n] === first[first.length - 1 - n])) n++;
  while (n > 0 && !SEPARATORS.has(first[first.length - n]!)) n--;
  return n;
}

/** Each name without the prefix and suffix all share (at separators); the full name if that leaves nothing. */
export function distinctNames(names: string[]): string[] {
  if (names.length < 2 || new Set(names).size < names.length) return names.slice();
  const p = commonPrefix(names);
  const s = commonSuffix(names, p);
  const short = names.map((name) => name.slice(p, name.length - s).replace(/^[/.\-_ ›]+|[/.\-_ ›]+$/g, ''));
  if (short.some((x) => x === '') || new Set(short).size < new Set(names).size) return names.slice();
  return short;
}
