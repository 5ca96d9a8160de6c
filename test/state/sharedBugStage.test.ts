// A known-bug finding pinned into a link keeps its stage: the early finding of leak-a.t1's
// debug=2 travels with what would confirm it, an established one carries no stage line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sharedBug } from '../../src/state/findings';
import { findingsForBytes } from '../knowledge/support';
import { repoRoot } from '../support/fixtures';

const findings = (f: string) => findingsForBytes(new Uint8Array(readFileSync(join(repoRoot, 'test', 'fixtures', 'series', f))));

it('an early finding says so in the link', () => {
  const early = findings('leak-a.t1.goroutine.debug2.txt.gz').find((f) => f.id === 'KAS-TIMEOUT-LEAK')!;
  const shared = sharedBug(early);
  expect(shared.evidence.map((e) => e.label)).toEqual(['why', 'early', 'version']);
  expect(shared.evidence[1]!.value).toContain("take a second dump in a few minutes: a leak's goroutines stay and their waits grow");
  const established = findings('leak-a.t3.goroutine.debug2.txt.gz').find((f) => f.id === 'KAS-TIMEOUT-LEAK')!;
  // The second why is the pace the dump's wait minutes tell (the block rate), carried in the link too.
  const sharedEstablished = sharedBug(established);
  expect(sharedEstablished.evidence.map((e) => e.label)).toEqual(['why', 'why', 'version']);
  expect(sharedEstablished.evidence[1]!.value).toMatch(/^From this dump alone: blocked ~\d+ per minute over the last 5 minutes \(steady\) at /);
  const ageUnknown = findings('leak-a.t3.goroutine.debug1.txt').find((f) => f.id === 'KAS-TIMEOUT-LEAK')!;
  expect(sharedBug(ageUnknown).evidence.map((e) => e.label)).toEqual(['why', 'why', 'age unknown', 'version']);
});
