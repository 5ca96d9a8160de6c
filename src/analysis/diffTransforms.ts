// The profile edits pprof makes before merging a diff base: profile.ScaleN (multiply, round,
// drop samples that became zero) and profile.SetLabel. Each returns a new Profile and leaves
// its input as it was, so a loaded profile can be compared again with other options.

import type { Profile } from '../model/profile';

/** Go's math.Round: half away from zero (Math.round rounds -2.5 to -2, Go to -3). */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * profile.ScaleN: values of type i times ratios[i], rounded to an integer. A sample is kept
 * only if one of the types whose ratio is not 1 is non-zero afterwards (pprof's rule: the
 * unscaled types do not count). All ratios 1 returns the profile itself.
 */
export function scaleN(p: Profile, ratios: readonly number[]): Profile {
  if (ratios.length !== p.sampleTypes.length) {
    throw new Error(`mismatched scale ratios, got ${ratios.length}, want ${p.sampleTypes.length}`);
  }
  if (ratios.every((r) => r === 1)) return p;
  const n = p.samples.length;
  const values = p.samples.values.map((v, t) => {
    const r = ratios[t]!;
    if (r === 1) return v;
    const out = new Float64Array(n);
    for (let s = 0; s < n; s++) out[s] = goRound(v[s]! * r);
    return out;
  });
  const keep = new Uint8Array(n);
  let kept = 0;
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < values.length; t++) {
      if (ratios[t] !== 1 && values[t]![s] !== 0) {
        keep[s] = 1;
        kept++;
        break;
      }
    }
  }
  return keepSamples({ ...p, samples: { ...p.samples, values } }, keep, kept);
}

/** The profile with only the samples where keep[s] is 1, stacks and labels included. */
export function keepSamples(p: Profile, keep: Uint8Array, kept: number): Profile {
  const { samples, labels } = p;
  if (kept === samples.length) return p;
  let frames = 0;
  let labelCount = 0;
  for (let s = 0; s < samples.length; s++) {
    if (!keep[s]) continue;
    frames += samples.stackStart[s + 1]! - samples.stackStart[s]!;
    labelCount += samples.labelStart[s + 1]! - samples.labelStart[s]!;
  }
  const stackStart = new Uint32Array(kept + 1);
  const stack = new Uint32Array(frames);
  const labelStart = new Uint32Array(kept + 1);
  const values = samples.values.map(() => new Float64Array(kept));
  const key = new Int32Array(labelCount);
  const str = new Int32Array(labelCount);
  const num = new Float64Array(labelCount);
  const numUnit = new Int32Array(labelCount);
  let out = 0;
  for (let s = 0; s < samples.length; s++) {
    if (!keep[s]) continue;
    stack.set(samples.stack.subarray(samples.stackStart[s]!, samples.stackStart[s + 1]!), stackStart[out]!);
    stackStart[out + 1] = stackStart[out]! + samples.stackStart[s + 1]! - samples.stackStart[s]!;
    const l0 = samples.labelStart[s]!;
    const l1 = samples.labelStart[s + 1]!;
    const at = labelStart[out]!;
    key.set(labels.key.subarray(l0, l1), at);
    str.set(labels.str.subarray(l0, l1), at);
    num.set(labels.num.subarray(l0, l1), at);
    numUnit.set(labels.numUnit.subarray(l0, l1), at);
    labelStart[out + 1] = at + l1 - l0;
    for (let t = 0; t < values.length; t++) values[t]![out] = samples.values[t]![s]!;
    out++;
  }
  return {
    ...p,
    samples: { length: kept, stackStart, stack, values, labelStart },
    labels: { length: labelCount, key, str, num, numUnit },
  };
}

/**
 * profile.SetLabel: every sample's string label `key` becomes exactly `values` (numeric labels
 * of the same key stay, as pprof keeps Label and NumLabel apart).
 */
export function setLabel(p: Profile, key: string, values: readonly string[]): Profile {
  const strings = [...p.strings];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.indexOf(s);
      if (i < 0) i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const keyIndex = intern(key);
  const valueIndex = values.map(intern);
  const { samples, labels } = p;
  const labelStart = new Uint32Array(samples.length + 1);
  const outKey: number[] = [];
  const outStr: number[] = [];
  const outNum: number[] = [];
  const outUnit: number[] = [];
  for (let s = 0; s < samples.length; s++) {
    for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) {
      if (labels.key[k] === keyIndex && labels.str[k]! > 0) continue;
      outKey.push(labels.key[k]!);
      outStr.push(labels.str[k]!);
      outNum.push(labels.num[k]!);
      outUnit.push(labels.numUnit[k]!);
    }
    for (const v of valueIndex) {
      outKey.push(keyIndex);
      outStr.push(v);
      outNum.push(0);
      outUnit.push(0);
    }
    labelStart[s + 1] = outKey.length;
  }
  return {
    ...p,
    strings,
    samples: { ...samples, labelStart },
    labels: {
      length: outKey.length,
      key: Int32Array.from(outKey),
      str: Int32Array.from(outStr),
      num: Float64Array.from(outNum),
      numUnit: Int32Array.from(outUnit),
    },
  };
}

/** Signed sum of each sample type's values, as pprof's Normalize adds them up. */
export function valueSums(p: Profile): number[] {
  return p.samples.values.map((v) => {
    let sum = 0;
    for (let s = 0; s < v.length; s++) sum += v[s]!;
    return sum;
  });
}
