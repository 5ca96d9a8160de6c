// The blocking site of a goroutine: the first frame, from the innermost, that is not the
// runtime or a low-level wrapper. "chan send at registry.(*Store).DeleteCollection.func1" is
// what an operator can act on; "runtime.gopark" is not. The skip list is data, shown and
// editable in the UI.

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
  const res: RegExp[] = [];
  const errors: string[] = [];
  for (const p of patterns) {
    if (p.trim() === '') continue;
    try {
      res.push(new RegExp(p));
    } catch (e) {
      errors.push(`${p}: ${(e as Error).message}`);
    }
  }
  return { skip: (name) => res.some((r) => r.test(name)), errors };
}
