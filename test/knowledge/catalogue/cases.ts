// One case per signature of each entry: an input that must match, with what the finding must
// count, inputs just short of it that must not, and the same bug as other builds print it.
// Runs each case against the entry reduced to that one signature, so a case proves its own
// signature, and the positive once more against the whole catalogue.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/knowledge/catalogue';
import type { KnownBugMatch } from '../../../src/knowledge/match';
import type { KnownBug } from '../../../src/knowledge/types';
import type { Profile } from '../../../src/model/profile';
import { findingsFor, findingsForBytes } from '../support';

export type Input = { dump: Uint8Array } | { profile: Profile };

/** What the finding must report: goroutines counted (or orphaned), or each function's share. */
export type Expected = { goroutines: number } | { shares: number[] };

export interface SignatureCase {
  id: string;
  /** Index of the signature in the entry. */
  signature: number;
  positive: Input;
  expect: Expected;
  /** [why it must not match, input]: below a threshold, another state, the healthy shape. */
  negatives: Array<[string, Input]>;
  /** [what differs, input, expected]: vendored names, another .funcN, older packages, other formats. */
  variants?: Array<[string, Input, Expected]>;
}

export function entry(id: string): KnownBug {
  const bug = catalogue.find((b) => b.id === id);
  if (!bug) throw new Error(`no catalogue entry ${id}`);
  return bug;
}

function oneSignature(id: string, signature: number): KnownBug[] {
  const bug = entry(id);
  const sig = bug.signatures[signature];
  if (!sig) throw new Error(`${id} has no signature ${signature}`);
  return [{ ...bug, signatures: [sig] }];
}

export function run(input: Input, entries: KnownBug[] = catalogue, version: string | null = null): KnownBugMatch[] {
  return 'dump' in input ? findingsForBytes(input.dump, version, entries) : findingsFor(input.profile, null, version, entries);
}

function expectEvidence(f: KnownBugMatch, want: Expected): void {
  if ('goroutines' in want) {
    expect(f.evidence.goroutines).toBe(want.goroutines);
    return;
  }
  const shares = (f.evidence.functions ?? []).map((x) => x.share);
  expect(shares).toHaveLength(want.shares.length);
  want.shares.forEach((s, i) => expect(shares[i]).toBeCloseTo(s, 9));
}

export function runCases(cases: SignatureCase[]): void {
  for (const c of cases) {
    describe(`${c.id} signature ${c.signature}`, () => {
      const entries = oneSignature(c.id, c.signature);
      it('matches, with the expected evidence', () => {
        const f = run(c.positive, entries);
        expect(f.map((x) => x.id)).toEqual([c.id]);
        expectEvidence(f[0]!, c.expect);
        expect(f[0]!.evidence.why.length).toBeGreaterThan(0);
        expect(run(c.positive).map((x) => x.id)).toContain(c.id);
      });
      for (const [why, input] of c.negatives) {
        it(`does not match: ${why}`, () => {
          expect(run(input, entries)).toEqual([]);
        });
      }
      for (const [what, input, want] of c.variants ?? []) {
        it(`matches ${what}`, () => {
          const f = run(input, entries);
          expect(f.map((x) => x.id)).toEqual([c.id]);
          expectEvidence(f[0]!, want);
        });
      }
    });
  }
}
