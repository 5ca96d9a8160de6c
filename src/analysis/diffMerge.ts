// profile.Merge: several profiles of the same types as one. Mappings, functions, locations and
// samples are identified the way pprof identifies them, so a function of the base and the same
// function of the target become one row, and the merged header (time, duration, comments,
// period, default type) is pprof's. Samples whose values all add up to zero disappear.

import { ProfileBuilder, type ProfileHeader } from '../model/builder';
import type { Mapping, Profile } from '../model/profile';
import { strictIncompatibility } from './diffCompat';
import { LABEL_FIELDS, SampleSet } from './diffMergeSamples';

/** combineHeaders: earliest time (a zero time wins, as in pprof), summed durations, largest period. */
function combineHeaders(srcs: Profile[]): ProfileHeader {
  const first = srcs[0]!;
  let timeNanos = 0n;
  let durationNanos = 0n;
  let period = 0;
  const comments: string[] = [];
  const seen = new Set<string>();
  let defaultSampleType = '';
  for (const s of srcs) {
    if (timeNanos === 0n || s.timeNanos < timeNanos) timeNanos = s.timeNanos;
    durationNanos += s.durationNanos;
    if (period === 0 || period < s.period) period = s.period;
    for (const c of s.comments) {
      if (!seen.has(c)) {
        seen.add(c);
        comments.push(c);
      }
    }
    if (defaultSampleType === '') defaultSampleType = s.defaultSampleType;
  }
  return {
    sampleTypes: first.sampleTypes.map((t) => ({ ...t })),
    defaultSampleType,
    periodType: first.periodType ? { ...first.periodType } : null,
    period,
    timeNanos,
    durationNanos,
    comments,
    dropFrames: first.dropFrames,
    keepFrames: first.keepFrames,
  };
}

/** Mapping.key: size rounded up to 4 KiB, offset, and the build id or else the file. */
function mappingKey(m: Mapping): string {
  let size = BigInt.asUintN(64, m.limit - m.start);
  size = BigInt.asUintN(64, size + 0xfffn);
  size -= size % 0x1000n;
  return `${size}\u0000${m.offset}\u0000${m.buildId !== '' ? m.buildId : m.file}`;
}

function isZeroSample(p: Profile, s: number): boolean {
  for (const v of p.samples.values) if (v[s] !== 0) return false;
  return true;
}

/** A source profile's string and location indexes in the merged profile. */
export interface SourceMap {
  string(i: number): number;
  location(i: number): number;
}

class Merger {
  readonly b: ProfileBuilder;
  private readonly mappingByKey = new Map<string, number>();
  private readonly mappingStart: bigint[] = [];
  private readonly locationByKey = new Map<string, number>();
  readonly samples: SampleSet;
  private stackScratch = new Uint32Array(256);
  private labelScratch = new Float64Array(64);

  // Per source profile: its mapping / function / location index -> the merged one.
  private src!: Profile;
  private mappingOf!: Int32Array;
  private mappingOffset!: bigint[];
  private functionOf!: Int32Array;
  private locationOf!: Int32Array;
  private stringOf!: Int32Array;

  constructor(header: ProfileHeader) {
    this.b = new ProfileBuilder(header);
    this.samples = new SampleSet(header.sampleTypes.length);
  }

  /**
   * Adds a profile's samples: deduplicated by pprof's sample key (merge), or each kept as its
   * own sample in order (concatenation: sample i of the result is one source sample). `after`
   * runs while the source is current, to map its other references (a goroutine table's states
   * and created-by locations) into the merged profile.
   */
  add(src: Profile, dedup = true, after?: (m: SourceMap) => void): void {
    this.src = src;
    this.mappingOf = new Int32Array(src.mappings.length).fill(-1);
    this.mappingOffset = new Array<bigint>(src.mappings.length).fill(0n);
    this.functionOf = new Int32Array(src.functions.length).fill(-1);
    this.locationOf = new Int32Array(src.locations.length).fill(-1);
    this.stringOf = new Int32Array(src.strings.length).fill(-1);
    // The first mapping stands for the main binary: it stays first whatever the samples use.
    if (this.mappingStart.length === 0 && src.mappings.length > 0) this.mapMapping(0);

    const { samples } = src;
    for (let s = 0; s < samples.length; s++) {
      if (dedup && isZeroSample(src, s)) continue;
      const begin = samples.stackStart[s]!;
      const depth = samples.stackStart[s + 1]! - begin;
      if (depth > this.stackScratch.length) this.stackScratch = new Uint32Array(depth * 2);
      for (let i = 0; i < depth; i++) this.stackScratch[i] = this.mapLocation(samples.stack[begin + i]!);
      const labelCount = this.mapLabels(s);
      this.samples.add(this.stackScratch, depth, this.labelScratch, labelCount, samples.values, s, dedup);
    }
    after?.({ string: (i) => this.mapString(i), location: (l) => this.mapLocation(l) });
  }

  private mapString(i: number): number {
    if (this.stringOf[i]! < 0) this.stringOf[i] = this.b.intern(this.src.strings[i]!);
    return this.stringOf[i]!;
  }

  /**
   * Sample s's labels in merged terms into labelScratch, sorted by kind and key (stable, so
   * the values of one key keep their order): pprof's maps of labels, as a canonical list.
   */
  private mapLabels(s: number): number {
    const { labels, samples } = this.src;
    const begin = samples.labelStart[s]!;
    const count = samples.labelStart[s + 1]! - begin;
    if (count * LABEL_FIELDS > this.labelScratch.length) this.labelScratch = new Float64Array(count * LABEL_FIELDS * 2);
    const out = this.labelScratch;
    for (let j = 0; j < count; j++) {
      const k = begin + j;
      const str = labels.str[k]!;
      const kind = str > 0 ? 0 : 1;
      const key = this.mapString(labels.key[k]!);
      const value = kind === 0 ? this.mapString(str) : labels.num[k]!;
      const unit = kind === 0 ? 0 : this.mapString(labels.numUnit[k]!);
      // Insertion sort: a sample has a handful of labels.
      let at = j;
      while (at > 0 && (out[(at - 1) * LABEL_FIELDS]! > kind || (out[(at - 1) * LABEL_FIELDS]! === kind && out[(at - 1) * LABEL_FIELDS + 1]! > key))) {
        out.copyWithin(at * LABEL_FIELDS, (at - 1) * LABEL_FIELDS, at * LABEL_FIELDS);
        at--;
      }
      out[at * LABEL_FIELDS] = kind;
      out[at * LABEL_FIELDS + 1] = key;
      out[at * LABEL_FIELDS + 2] = value;
      out[at * LABEL_FIELDS + 3] = unit;
    }
    return count;
  }

  private mapMapping(m: number): number {
    if (this.mappingOf[m]! >= 0) return this.mappingOf[m]!;
    const src = this.src.mappings[m]!;
    const key = mappingKey(src);
    let merged = this.mappingByKey.get(key);
    if (merged !== undefined) {
      // The same binary loaded elsewhere: addresses move with it.
      this.mappingOffset[m] = this.mappingStart[merged]! - src.start;
    } else {
      merged = this.b.addMapping({ ...src });
      this.mappingStart.push(src.start);
      this.mappingByKey.set(key, merged);
    }
    this.mappingOf[m] = merged;
    return merged;
  }

  private mapFunction(f: number): number {
    if (this.functionOf[f]! >= 0) return this.functionOf[f]!;
    const { functions } = this.src;
    const merged = this.b.addFunction(
      this.mapString(functions.name[f]!),
      this.mapString(functions.systemName[f]!),
      this.mapString(functions.filename[f]!),
      functions.startLine[f]!,
    );
    this.functionOf[f] = merged;
    return merged;
  }

  private mapLocation(l: number): number {
    if (this.locationOf[l]! >= 0) return this.locationOf[l]!;
    const { locations, lines } = this.src;
    const m = locations.mapping[l]!;
    const mapping = m >= 0 ? this.mapMapping(m) : -1;
    const address = BigInt.asUintN(64, locations.address[l]! + (m >= 0 ? this.mappingOffset[m]! : 0n));
    const mapped: Array<{ func: number; line: number; column: number }> = [];
    for (let i = locations.lineStart[l]!; i < locations.lineStart[l + 1]!; i++) {
      const f = lines.func[i]!;
      mapped.push({ func: f >= 0 ? this.mapFunction(f) : -1, line: lines.line[i]!, column: lines.column[i]! });
    }
    const folded = locations.isFolded[l] === 1;
    // Location.key: the address relative to its mapping, so ASLR does not split locations.
    const keyAddress = mapping >= 0 ? BigInt.asUintN(64, address - this.mappingStart[mapping]!) : address;
    const key = `${keyAddress}|${mapping}|${folded ? 1 : 0}|${mapped.map((x) => `${x.func}:${x.line}`).join(',')}`;
    let merged = this.locationByKey.get(key);
    if (merged === undefined) {
      merged = this.b.addLocation(address, mapping, mapped, folded);
      this.locationByKey.set(key, merged);
    }
    this.locationOf[l] = merged;
    return merged;
  }
}

/**
 * profile.Merge. The profiles must have equal sample and period types (diffCompat checks that
 * first and says why not); the result is a new profile, the inputs stay as they were.
 */
export function mergeProfiles(srcs: Profile[]): Profile {
  if (srcs.length === 0) throw new Error('no profiles to merge');
  for (const s of srcs.slice(1)) {
    const problem = strictIncompatibility(srcs[0]!, s);
    if (problem) throw new Error(`cannot merge profiles: ${problem}`);
  }
  const merger = new Merger(combineHeaders(srcs));
  for (const src of srcs) merger.add(src);
  const { profile, zeroSamples } = buildMerged(merger);
  // As pprof does: merge once more on its own, which drops the zero samples and whatever only
  // they referred to.
  return zeroSamples > 0 ? mergeProfiles([profile]) : profile;
}

/**
 * Several profiles as one, every sample kept in order: sample i of the result is sample i of the
 * first source, then the second's follow, and so on. Functions, locations and mappings are
 * shared as in a merge, so names aggregate as pprof's merge would; only the sample list differs
 * (a merge would fold equal stacks), which no sum depends on. `after(i, map)` runs once per
 * source with its index maps.
 */
export function concatProfiles(srcs: Profile[], after?: (i: number, m: SourceMap) => void): Profile {
  if (srcs.length === 0) throw new Error('no profiles to concatenate');
  for (const s of srcs.slice(1)) {
    const problem = strictIncompatibility(srcs[0]!, s);
    if (problem) throw new Error(`cannot combine profiles: ${problem}`);
  }
  const merger = new Merger(combineHeaders(srcs));
  srcs.forEach((src, i) => merger.add(src, false, after && ((m) => after(i, m))));
  return buildMerged(merger).profile;
}

function buildMerged(merger: Merger): { profile: Profile; zeroSamples: number } {
  const { b, samples } = merger;
  const values = new Float64Array(samples.values.length);
  let zeroSamples = 0;
  for (let m = 0; m < samples.length; m++) {
    for (let i = samples.stackStart.get(m); i < samples.stackStart.get(m + 1); i++) b.pushFrame(samples.stack.get(i));
    for (let i = samples.labelStart.get(m); i < samples.labelStart.get(m + 1); i += LABEL_FIELDS) {
      const key = samples.labels.get(i + 1);
      const value = samples.labels.get(i + 2);
      if (samples.labels.get(i) === 0) b.addLabel(key, value);
      else b.addNumLabel(key, value, samples.labels.get(i + 3));
    }
    let zero = true;
    for (let t = 0; t < values.length; t++) {
      values[t] = samples.values[t]!.get(m);
      if (values[t] !== 0) zero = false;
    }
    if (zero) zeroSamples++;
    b.endSample(values);
  }
  return { profile: b.build(), zeroSamples };
}
