// Problems a text parser reports with their line (numbers kept although out of range, line
// numbers that do not parse), capped per kind so a hostile file cannot make millions of them:
// the first few of each kind are kept, the rest counted in one closing problem.

import type { Problem } from '../../model/errors';
import type { UnparsedLines } from '../../model/goroutines';
import { decodeRange } from './bytes';
import { MAX_NAME_BYTES } from './intern';

/** Problems of one kind kept with their own message and line. */
export const KEPT_PER_KIND = 5;
/** Characters of the file's text quoted in a message. */
const SHOWN_CHARS = 60;

export class ProblemList {
  private readonly kept: Problem[] = [];
  private readonly counts = new Map<string, { count: number; firstLine: number }>();

  get length(): number {
    return this.kept.length;
  }

  /** `kind` (plural words: "line numbers that do not parse") groups problems for the cap; the message names what is wrong, `line` where. */
  add(kind: string, message: string, line: number): void {
    let c = this.counts.get(kind);
    if (!c) this.counts.set(kind, (c = { count: 0, firstLine: line }));
    if (++c.count <= KEPT_PER_KIND) this.kept.push({ kind: 'malformed', message, line });
  }

  result(): Problem[] {
    const out = this.kept.slice();
    for (const [kind, c] of this.counts) {
      if (c.count > KEPT_PER_KIND) {
        out.push({ kind: 'malformed', message: `${(c.count - KEPT_PER_KIND).toLocaleString('en-US')} more ${kind} than the ${KEPT_PER_KIND} listed (from line ${c.firstLine})` });
      }
    }
    return out;
  }
}

/** buf[s..e) quoted for a message: at most SHOWN_CHARS characters, with how many more there are. */
export function shownText(buf: Uint8Array, s: number, e: number): string {
  const max = SHOWN_CHARS * 4;
  const text = decodeRange(buf, s, Math.min(e, s + max));
  if (text.length <= SHOWN_CHARS && e - s <= max) return `"${text}"`;
  return `"${text.slice(0, SHOWN_CHARS)}…" (${(e - s).toLocaleString('en-US')} bytes)`;
}

/** The problem that says how many lines were longer than LONG_LINE_BYTES, or null. */
export function longLinesProblem(long: UnparsedLines, limit: number): Problem | null {
  if (long.count === 0) return null;
  const n = long.count;
  return {
    kind: 'limit',
    message: `${n.toLocaleString('en-US')} line${n > 1 ? 's' : ''} longer than ${(limit / 1024).toLocaleString('en-US')} KiB (line${long.firstLines.length > 1 ? 's' : ''} ${long.firstLines.join(', ')}${n > long.firstLines.length ? ', …' : ''}): read whole, but names in them are kept cut to ${MAX_NAME_BYTES.toLocaleString('en-US')} bytes and shown text is capped`,
    line: long.firstLines[0]!,
  };
}
