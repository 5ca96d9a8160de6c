// Goroutine text parsers: debug=2 dumps and crash tracebacks, debug=1 count profiles, and the
// dump view of a decoded debug=0 profile.

import type { GoroutineDump } from '../../model/goroutines';
import { ParseError } from '../../model/errors';
import { parseDebug1WithLayout } from './debug1';
import { parseDebug2WithLayout } from './debug2';
import type { GoroutineParseOptions } from './options';
import { sniffLayout } from './sniff';

export { parseDebug1 } from './debug1';
export { parseDebug2 } from './debug2';
export { goroutineDumpFromProfile } from './debug0';
export { sniffGoroutineText, type GoroutineTextKind } from './sniff';
export type { GoroutineParseOptions } from './options';

/** Sniffs the first 64 KB and runs the matching parser. */
export function parseGoroutineText(bytes: Uint8Array, opts: GoroutineParseOptions = {}): GoroutineDump {
  const sniffed = sniffLayout(bytes);
  if (!sniffed) {
    throw new ParseError(
      'unrecognized',
      'no goroutine header ("goroutine N [...]:") or debug=1 profile header in the first 64 KB',
      { offset: 0 },
    );
  }
  return sniffed.kind === 'debug2'
    ? parseDebug2WithLayout(bytes, sniffed.layout, opts)
    : parseDebug1WithLayout(bytes, sniffed.layout, opts);
}
