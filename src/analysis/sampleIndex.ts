// Which sample type a report shows: profile.SampleIndexByName, as `-sample_index` reads it.

import type { Profile } from '../model/profile';

/** pprof's default: default_sample_type when set, else the last sample type. */
export function defaultSampleIndex(p: Profile): number {
  if (p.defaultSampleType) {
    const i = p.sampleTypes.findIndex((t) => t.type === p.defaultSampleType);
    if (i >= 0) return i;
  }
  return p.sampleTypes.length - 1;
}

/** Resolves "", an index ("2") or a type name ("inuse_space", also "space" via inuse_). */
export function sampleIndexByName(p: Profile, sampleIndex: string): number {
  if (p.sampleTypes.length === 0) throw new Error('profile has no samples');
  if (sampleIndex === '') return defaultSampleIndex(p);
  if (/^[+-]?\d+$/.test(sampleIndex)) {
    const i = Number(sampleIndex);
    if (i < 0 || i >= p.sampleTypes.length) {
      throw new Error(`sample_index ${sampleIndex} is outside the range [0..${p.sampleTypes.length - 1}]`);
    }
    return i;
  }
  const noInuse = sampleIndex.startsWith('inuse_') ? sampleIndex.slice('inuse_'.length) : sampleIndex;
  const i = p.sampleTypes.findIndex((t) => t.type === sampleIndex || t.type === noInuse);
  if (i >= 0) return i;
  throw new Error(`sample_index "${sampleIndex}" must be one of: [${p.sampleTypes.map((t) => t.type).join(' ')}]`);
}
