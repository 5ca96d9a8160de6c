// A goroutine profile already decoded from pprof protobuf (debug=0): the dump view of it.

import type { GoroutineDump } from '../../model/goroutines';
import type { Profile } from '../../model/profile';

/** format 'debug0', no per-goroutine table, total = the sum of the goroutine counts. */
export function goroutineDumpFromProfile(p: Profile): GoroutineDump {
  const index = Math.max(0, p.sampleTypes.findIndex((t) => t.type === 'goroutine'));
  const values = p.samples.values[index];
  let total = 0;
  if (values) for (let i = 0; i < p.samples.length; i++) total += values[i]!;
  return {
    format: 'debug0',
    profile: p,
    goroutines: null,
    total,
    truncated: false,
    unparsed: { count: 0, firstLines: [] },
  };
}
