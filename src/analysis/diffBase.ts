// Which samples of a profile are the diff base. pprof's -diff_base labels every sample of the
// base profile "pprof::base"="true" before merging it (negated) with the target, and its
// reports read that label: the total is the base's, and views split base from target by it.

import type { Profile } from '../model/profile';
import { goRound } from './diffTransforms';

export const DIFF_BASE_LABEL = 'pprof::base';
export const DIFF_BASE_VALUE = 'true';

/** 1 per sample labelled pprof::base=true (profile.Sample.DiffBaseSample), or null when none is. */
export function diffBaseMask(p: Profile): Uint8Array | null {
  const key = p.strings.indexOf(DIFF_BASE_LABEL);
  const value = p.strings.indexOf(DIFF_BASE_VALUE);
  if (key <= 0 || value <= 0) return null;
  const { samples, labels } = p;
  let mask: Uint8Array | null = null;
  for (let s = 0; s < samples.length; s++) {
    for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) {
      if (labels.key[k] === key && labels.str[k] === value) {
        (mask ??= new Uint8Array(samples.length))[s] = 1;
        break;
      }
    }
  }
  return mask;
}

export interface SplitValues {
  /** Per sample: the target's value, 0 for base samples. */
  target: Float64Array;
  /** Per sample: the base's value as the base profile had it (positive), 0 for target samples. */
  base: Float64Array;
  /** What the base values were multiplied by (1 unless normalizeBase). */
  baseScale: number;
}

/**
 * One sample type of a -diff_base profile split back into target and base values. With
 * normalizeBase the base is scaled so that its values add up to the target's sum (signed sums,
 * each value rounded as pprof's ScaleN rounds): "what if the base had been as big".
 */
export function splitDiffValues(p: Profile, sampleIndex: number, normalizeBase = false): SplitValues {
  const values = p.samples.values[sampleIndex]!;
  const mask = diffBaseMask(p);
  const n = values.length;
  const target = new Float64Array(n);
  const base = new Float64Array(n);
  let targetSum = 0;
  let baseSum = 0;
  for (let s = 0; s < n; s++) {
    if (mask && mask[s]) {
      base[s] = -values[s]!;
      baseSum += base[s]!;
    } else {
      target[s] = values[s]!;
      targetSum += target[s]!;
    }
  }
  let baseScale = 1;
  if (normalizeBase && baseSum !== 0 && baseSum !== targetSum) {
    baseScale = targetSum / baseSum;
    for (let s = 0; s < n; s++) if (base[s] !== 0) base[s] = goRound(base[s]! * baseScale);
  }
  return { target, base, baseScale };
}

/** The profile reduced to sample type `sampleIndex`, with `values` as its values (now index 0). */
export function withValues(p: Profile, sampleIndex: number, values: Float64Array): Profile {
  return { ...p, sampleTypes: [p.sampleTypes[sampleIndex]!], samples: { ...p.samples, values: [values] } };
}
