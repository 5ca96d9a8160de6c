// Whether two profiles can be compared, and in which units, exactly as pprof decides: first
// measurement.ScaleProfiles (types equal up to a trailing "s", units of one family, values
// rescaled to the finer unit), then profile.Merge's strict check (types and units equal).
// Problems come back as sentences, not exceptions, so a UI can show them as they are.

import { isKnownUnit, scale } from '../lib/units';
import type { Profile, ValueType } from '../model/profile';
import { scaleN } from './diffTransforms';

/** Go decodes a missing period type as an empty one; so do we, to compare as pprof does. */
function periodTypeOf(p: Profile): ValueType {
  return p.periodType ?? { type: '', unit: '' };
}

export function formatValueType(t: ValueType): string {
  return t.type === '' && t.unit === '' ? '(none)' : `${t.type}/${t.unit}`;
}

function formatSampleTypes(p: Profile): string {
  return `[${p.sampleTypes.map(formatValueType).join(' ')}]`;
}

/** Both units scale in the same family (bytes, time, GCU): measurement's unitType.sniffUnit. */
function sameUnitFamily(a: string, b: string): boolean {
  if (!isKnownUnit(a) || !isKnownUnit(b)) return false;
  // Scaling into b lands on b's own name only when a belongs to b's family; otherwise on the
  // default unit of a's family, whose name no other family uses.
  return scale(1, a, b)[1] === scale(1, b, b)[1];
}

/** measurement.compatibleValueTypes. */
function compatibleValueTypes(a: ValueType, b: ValueType): boolean {
  const trim = (s: string) => (s.endsWith('s') ? s.slice(0, -1) : s);
  if (trim(a.type) !== trim(b.type)) return false;
  return a.unit === b.unit || sameUnitFamily(a.unit, b.unit);
}

/** measurement.CommonValueType: the finest of compatible types, or null for fewer than two. */
function commonValueType(ts: ValueType[]): ValueType | string | null {
  if (ts.length <= 1) return null;
  let min = ts[0]!;
  for (const t of ts.slice(1)) {
    if (!compatibleValueTypes(min, t)) return `${formatValueType(min)} vs ${formatValueType(t)}`;
    if (scale(1, t.unit, min.unit)[0] < 1) min = t;
  }
  return { ...min };
}

/**
 * measurement.ScaleProfiles: the profiles with each sample type (and period) in the finest
 * unit any of them uses, or the reason they cannot be combined.
 */
export function scaleProfiles(profiles: Profile[]): { profiles: Profile[] } | { error: string } {
  // pprof checks the period type first; the sample types make the clearer message, and the
  // order of the checks does not change which profiles pass.
  const first = profiles[0]!;
  for (const p of profiles.slice(1)) {
    if (p.sampleTypes.length !== first.sampleTypes.length) {
      return { error: `their sample types differ: ${formatSampleTypes(first)} vs ${formatSampleTypes(p)}` };
    }
  }
  const common: Array<ValueType | null> = [];
  for (let i = 0; i < first.sampleTypes.length; i++) {
    const c = commonValueType(profiles.map((p) => p.sampleTypes[i]!));
    if (typeof c === 'string') return { error: `their sample types differ: ${formatSampleTypes(first)} vs ${formatSampleTypes(profiles[1]!)}` };
    common.push(c);
  }
  const period = commonValueType(profiles.map(periodTypeOf));
  if (typeof period === 'string') return { error: `their period types differ: ${period}` };
  const out = profiles.map((p) => {
    let scaled = p;
    if (p.periodType && period) {
      scaled = {
        ...scaled,
        // int64(float64) in Go: truncation toward zero.
        period: Math.trunc(scale(p.period, p.periodType.unit, period.unit)[0]),
        periodType: { type: p.periodType.type, unit: period.unit },
      };
    }
    const ratios = p.sampleTypes.map((t, i) => (common[i] ? scale(1, t.unit, common[i]!.unit)[0] : 1));
    const sampleTypes = p.sampleTypes.map((t, i) => (common[i] ? { type: t.type, unit: common[i]!.unit } : t));
    return scaleN({ ...scaled, sampleTypes }, ratios);
  });
  return { profiles: out };
}

/** profile.compatible, the check Merge and Normalize make: equal period and sample types. */
export function strictIncompatibility(a: Profile, b: Profile): string | null {
  const pa = periodTypeOf(a);
  const pb = periodTypeOf(b);
  const sameTypes =
    a.sampleTypes.length === b.sampleTypes.length &&
    a.sampleTypes.every((t, i) => t.type === b.sampleTypes[i]!.type && t.unit === b.sampleTypes[i]!.unit);
  if (!sameTypes) return `their sample types differ: ${formatSampleTypes(a)} vs ${formatSampleTypes(b)}`;
  if (pa.type !== pb.type || pa.unit !== pb.unit) {
    return `their period types differ: ${formatValueType(pa)} vs ${formatValueType(pb)}`;
  }
  return null;
}
