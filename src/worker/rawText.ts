// A goroutine's text exactly as the runtime printed it (arguments included), cut from the
// dump by the header offsets the parser recorded: what a person pastes into a bug report.

import type { GoroutineTable } from '../model/goroutines';

const MAX_CHARS = 64 * 1024;
const decoder = new TextDecoder();

export function rawGoroutineText(text: Uint8Array, g: GoroutineTable, i: number): string {
  const start = g.offset[i]!;
  let end = i + 1 < g.length && g.offset[i + 1]! > start ? g.offset[i + 1]! : text.length;
  // The goroutine ends at its first blank line (anything after is another record or a log).
  for (let p = start; p + 1 < end; p++) {
    if (text[p] === 10 && (text[p + 1] === 10 || (text[p + 1] === 13 && text[p + 2] === 10))) {
      end = p + 1;
      break;
    }
  }
  const s = decoder.decode(text.subarray(start, Math.min(end, start + MAX_CHARS)));
  return end - start > MAX_CHARS ? `${s}\n… (cut at ${MAX_CHARS} characters)` : s.trimEnd();
}
