// Options shared by the goroutine text parsers, with the safety caps' defaults.

import { ParseError } from '../../model/errors';
import { formatCount } from '../../lib/goformat';

export interface GoroutineParseOptions {
  /** Called every few MB with the bytes consumed so far. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Polled at the same points as onProgress; true stops the parse with a 'cancelled' error. */
  isCancelled?: () => boolean;
  /** Most goroutines (debug=2) or records (debug=1) accepted; default 2,000,000. */
  maxGoroutines?: number;
  /** Most frames in one stack; default 10,000 (the runtime prints at most 100). */
  maxFramesPerStack?: number;
}

export const DEFAULT_MAX_GOROUTINES = 2_000_000;
export const DEFAULT_MAX_FRAMES_PER_STACK = 10_000;

/** Bytes between progress reports and cancellation checks. */
export const CHECKPOINT_BYTES = 4 << 20;

export function limitError(what: string, cap: string, limit: number, line: number): ParseError {
  return new ParseError('limit', `more than ${formatCount(limit)} ${what} (${cap})`, { line });
}
