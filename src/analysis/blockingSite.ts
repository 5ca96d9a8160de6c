// The blocking site of a goroutine: the first frame, from the innermost, that is not the
// runtime or a low-level wrapper. "chan send at registry.(*Store).DeleteCollection.func1" is
// what an operator can act on; "runtime.gopark" is not. The skip list is data, shown and
// editable in the UI.

import { compileGoRegexp, type GoRegexp } from '../lib/goRegexp';

export const defaultSkipList: readonly string[] = [
  '^runtime\\.',
  '^runtime/',
  '^internal/',
  '^sync\\.runtime_',
  '^sync\\.\\(\\*(Mutex|RWMutex|WaitGroup|Cond|Once)\\)\\.',
  '^sync/atomic\\.',
  '^syscall\\.',
  '^golang\\.org/x/sys/unix\\.',
  '^time\\.Sleep$',
  '^net\\.\\(\\*(netFD|conn|pollDesc|TCPListener|UnixListener)\\)\\.',
  '^os\\.\\(\\*File\\)\\.(Read|Write|read|write)$',
];

export interface SkipMatcher {
  /** True when the function is below the level a person cares about. */
  skip(name: string): boolean;
  errors: string[];
}

export function compileSkipList(patterns: readonly string[]): SkipMatcher {
  const res: GoRegexp[] = [];
  const errors: string[] = [];
  for (const p of patterns) {
    if (p.trim() === '') continue;
    const c = compileGoRegexp(p);
    if (c.ok) res.push(c.re);
    else errors.push(`${p}: ${c.error}`);
  }
  return { skip: (name) => res.some((r) => r.test(name)), errors };
}
