// `go tool pprof -diff_base=BASE TARGET`: the one profile pprof reports on when comparing two.
// The base is labelled pprof::base, negated and merged with the target, so every report shows
// target minus base, and the top table's total is the base's (computeTotal reads the label).
// Steps and order follow pprof's driver (fetchProfiles, combineProfiles) exactly.

import type { Profile } from '../model/profile';
import { DIFF_BASE_LABEL, DIFF_BASE_VALUE } from './diffBase';
import { scaleProfiles, strictIncompatibility } from './diffCompat';
import { mergeProfiles } from './diffMerge';
import { scaleN, setLabel, valueSums } from './diffTransforms';
import { asPprofLoads } from '../model/pprofLoad';

export interface DiffSource {
  /** The profile as decoded (Loaded.profile), before asPprofLoads: pprof applies the target's drop_frames to the merged profile. */
  profile: Profile;
  /** The file name, for messages. */
  name: string;
}

export interface DiffOptions {
  /**
   * pprof -normalize: scale the target so that each sample type adds up to the base's sum
   * (pprof scales the target, not the base).
   */
  normalize?: boolean;
}

export type DiffResult = { ok: true; profile: Profile } | { ok: false; error: string };

/** profile.Normalize: the target's values times (base sum / target sum), per sample type. */
function normalizeTo(p: Profile, base: Profile): Profile {
  const baseSums = valueSums(base);
  const sums = valueSums(p);
  return scaleN(
    p,
    sums.map((s, i) => (s === 0 ? 0 : baseSums[i]! / s)),
  );
}

/**
 * The merged profile pprof reports on for -diff_base, names cleaned and drop_frames applied
 * (as asPprofLoads does for one profile), or why the two cannot be compared.
 */
export function diffProfiles(target: DiffSource, base: DiffSource, opts: DiffOptions = {}): DiffResult {
  const fail = (why: string): DiffResult => ({ ok: false, error: `cannot compare ${target.name} with the base ${base.name}: ${why}` });
  if (target.profile.sampleTypes.length === 0) return fail(`${target.name} has no sample types`);
  if (base.profile.sampleTypes.length === 0) return fail(`${base.name} has no sample types`);

  // pprof merges each side on its own when it reads it (identical samples add up). That changes
  // a figure only if values are then scaled and rounded: by -normalize, or into another unit.
  const sameUnits = target.profile.sampleTypes.every((t, i) => t.unit === base.profile.sampleTypes[i]?.unit);
  const premerge = opts.normalize || !sameUnits;
  let p = premerge ? mergeProfiles([target.profile]) : target.profile;
  let pbase = premerge ? mergeProfiles([base.profile]) : base.profile;
  pbase = setLabel(pbase, DIFF_BASE_LABEL, [DIFF_BASE_VALUE]);
  if (opts.normalize) {
    const problem = strictIncompatibility(p, pbase);
    if (problem) return fail(problem);
    p = normalizeTo(p, pbase);
  }
  pbase = scaleN(
    pbase,
    pbase.sampleTypes.map(() => -1),
  );
  const scaled = scaleProfiles([p, pbase]);
  if ('error' in scaled) return fail(scaled.error);
  const problem = strictIncompatibility(scaled.profiles[0]!, scaled.profiles[1]!);
  if (problem) return fail(problem);
  return { ok: true, profile: asPprofLoads(mergeProfiles(scaled.profiles)) };
}
