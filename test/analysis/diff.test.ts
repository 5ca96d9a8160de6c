// pprof's -diff_base semantics on hand-built profiles: what becomes one mapping, location,
// function and sample (profile.Merge), the merged header, units (measurement.ScaleProfiles),
// -normalize, the diff-base total, and the messages for profiles that cannot be compared.
import { describe, expect, it } from 'vitest';
import { diffProfiles, type DiffResult } from '../../src/analysis/diff';
import { mergeProfiles } from '../../src/analysis/diffMerge';
import { goRound, scaleN, setLabel } from '../../src/analysis/diffTransforms';
import { computeTop, computeTotal, formatTopText } from '../../src/analysis/top';
import { ProfileBuilder, type ProfileHeader } from '../../src/model/builder';
import type { Mapping, Profile, ValueType } from '../../src/model/profile';

const cpu: ValueType = { type: 'cpu', unit: 'nanoseconds' };
const space: ValueType = { type: 'space', unit: 'bytes' };

function mapping(start: bigint, limit: bigint, file: string, buildId: string): Mapping {
  return { start, limit, offset: 0n, file, buildId, hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true };
}

interface SampleSpec {
  /** Leaf first: [address, function] per location. */
  frames: Array<[bigint, string]>;
  values: number[];
  labels?: Array<[string, string]>;
}

/** A profile with one mapping; each sample's frames are new locations at the given addresses. */
function build(header: ProfileHeader, m: Mapping | null, samples: SampleSpec[]): Profile {
  const b = new ProfileBuilder(header);
  const mi = m ? b.addMapping(m) : -1;
  for (const s of samples) {
    for (const [address, fn] of s.frames) {
      const f = b.addFunction(b.intern(fn), b.intern(fn), b.intern('main.go'));
      b.pushFrame(b.addLocation(address, mi, [{ func: f, line: 10 }]));
    }
    for (const [k, v] of s.labels ?? []) b.addLabel(b.intern(k), b.intern(v));
    b.endSample(s.values);
  }
  return b.build();
}

function ok(r: DiffResult): Profile {
  if (!r.ok) throw new Error(r.error);
  return r.profile;
}

const topText = (p: Profile, granularity: 'functions' | 'addresses' = 'functions') =>
  formatTopText(computeTop(p, { sampleIndex: 0, granularity, timeZone: 'UTC' }));

describe('the merged header', () => {
  const header = (h: Partial<ProfileHeader>): ProfileHeader => ({ sampleTypes: [{ type: 'samples', unit: 'count' }], periodType: cpu, ...h });
  const one = (h: Partial<ProfileHeader>) => build(header(h), null, [{ frames: [[0n, 'main.f']], values: [1] }]);

  it("takes the earliest time, summed durations, the largest period, all comments once, the first default type and the target's drop_frames", () => {
    const t = one({ timeNanos: 200n, durationNanos: 10n, period: 5, comments: ['x', 'y'], dropFrames: 'drop.*' });
    const b = one({ timeNanos: 100n, durationNanos: 7n, period: 9, comments: ['y', 'z'], defaultSampleType: 'samples', dropFrames: 'other' });
    const p = ok(diffProfiles({ profile: t, name: 't' }, { profile: b, name: 'b' }));
    expect([p.timeNanos, p.durationNanos, p.period, p.comments, p.defaultSampleType, p.dropFrames]).toEqual([100n, 17n, 9, ['x', 'y', 'z'], 'samples', 'drop.*']);
  });

  it('lets a zero time win over the target time, as pprof does', () => {
    const diffTime = (t: bigint, b: bigint) => ok(diffProfiles({ profile: one({ timeNanos: t }), name: 't' }, { profile: one({ timeNanos: b }), name: 'b' })).timeNanos;
    expect(diffTime(100n, 0n)).toBe(0n);
    expect(diffTime(0n, 50n)).toBe(50n);
    expect(diffTime(300n, 400n)).toBe(300n);
  });
});

describe('what becomes one mapping, location and sample', () => {
  const header: ProfileHeader = { sampleTypes: [space], periodType: space };
  // The same binary (build id b1) loaded at 0x400000 in the target and at 0x7f0000 in the base:
  // sizes 0x800 and 0xfff both round up to 0x1000, and the build id wins over the file name.
  const target = build(header, mapping(0x400000n, 0x400800n, '/bin/app', 'b1'), [{ frames: [[0x400100n, 'main.f']], values: [10] }]);
  const baseAt = (buildId: string) =>
    build(header, mapping(0x7f0000n, 0x7f0fffn, '/other/app', buildId), [
      { frames: [[0x7f0100n, 'main.f']], values: [4] },
      { frames: [[0x7f0200n, 'main.g']], values: [3] },
    ]);

  it('relocates the base addresses onto the target mapping of the same binary', () => {
    const p = ok(diffProfiles({ profile: target, name: 't' }, { profile: baseAt('b1'), name: 'b' }));
    expect(p.mappings.map((m) => m.file)).toEqual(['/bin/app']);
    expect([...p.locations.address]).toEqual([0x400100n, 0x400200n]);
    // Target and base samples stay apart (the base carries pprof::base), and add up per address.
    expect(p.samples.length).toBe(3);
    expect(topText(p, 'addresses').split('\n')).toEqual([
      'File: app',
      'Build ID: b1',
      'Type: space',
      'Showing nodes accounting for 3B, 42.86% of 7B total',
      '      flat  flat%   sum%        cum   cum%',
      '        6B 85.71% 85.71%         6B 85.71%  0000000000400100 main.f main.go:10',
      '       -3B 42.86% 42.86%        -3B 42.86%  0000000000400200 main.g main.go:10',
      '',
    ]);
  });

  it('keeps other binaries apart, at their own addresses', () => {
    const p = ok(diffProfiles({ profile: target, name: 't' }, { profile: baseAt('b2'), name: 'b' }));
    expect(p.mappings.map((m) => m.file)).toEqual(['/bin/app', '/other/app']);
    expect([...p.locations.address]).toEqual([0x400100n, 0x7f0100n, 0x7f0200n]);
    // One function node either way: functions are identified by name, file and start line.
    expect(topText(p).split('\n').slice(4, 7)).toEqual([
      '      flat  flat%   sum%        cum   cum%',
      '        6B 85.71% 85.71%         6B 85.71%  main.f',
      '       -3B 42.86% 42.86%        -3B 42.86%  main.g',
    ]);
  });

  it('adds up samples with the same stack and labels, and drops those that add up to zero', () => {
    const p = build({ sampleTypes: [space, space] }, null, [
      { frames: [[0n, 'main.f']], values: [3, 1], labels: [['k', 'v']] },
      { frames: [[0n, 'main.f']], values: [4, 1], labels: [['k', 'v']] },
      { frames: [[0n, 'main.f']], values: [5, 0], labels: [['k', 'w']] },
      { frames: [[0n, 'main.g']], values: [2, 0] },
      { frames: [[0n, 'main.g']], values: [-2, 0] },
    ]);
    const m = mergeProfiles([p]);
    expect(m.samples.length).toBe(2);
    expect([...m.samples.values[0]!]).toEqual([7, 5]);
    expect([...m.samples.values[1]!]).toEqual([2, 0]);
    // main.g existed only in the samples that cancelled out: gone with them.
    expect(m.functions.length).toBe(1);
  });

  it('labels every base sample pprof::base=true, replacing a label of that name it had', () => {
    const b = build(header, null, [{ frames: [[0n, 'main.f']], values: [1], labels: [['pprof::base', 'no'], ['x', 'y']] }]);
    const labelled = setLabel(b, 'pprof::base', ['true']);
    const labels = [];
    for (let k = 0; k < labelled.labels.length; k++) labels.push([labelled.strings[labelled.labels.key[k]!], labelled.strings[labelled.labels.str[k]!]]);
    expect(labels).toEqual([
      ['x', 'y'],
      ['pprof::base', 'true'],
    ]);
  });
});

describe('the total of a diff', () => {
  it("is the base's, or everything when the base has nothing of that sample type", () => {
    const h: ProfileHeader = { sampleTypes: [space, cpu] };
    const t = build(h, null, [{ frames: [[0n, 'main.f']], values: [5, 2] }]);
    const b = build(h, null, [{ frames: [[0n, 'main.g']], values: [0, 7] }]);
    const p = ok(diffProfiles({ profile: t, name: 't' }, { profile: b, name: 'b' }));
    expect(computeTotal(p, 0)).toBe(5);
    expect(computeTotal(p, 1)).toBe(7);
  });
});

describe('units and normalization', () => {
  it('scales a base in microseconds to the target nanoseconds, as ScaleProfiles does', () => {
    const t = build({ sampleTypes: [cpu], periodType: cpu, period: 10_000_000 }, null, [{ frames: [[0n, 'main.f']], values: [10_000_000] }]);
    const us = { type: 'cpu', unit: 'microseconds' };
    const b = build({ sampleTypes: [us], periodType: us, period: 10_000 }, null, [{ frames: [[0n, 'main.f']], values: [4_000] }]);
    const p = ok(diffProfiles({ profile: t, name: 't' }, { profile: b, name: 'b' }));
    expect(p.sampleTypes).toEqual([cpu]);
    expect(p.period).toBe(10_000_000);
    expect([...p.samples.values[0]!]).toEqual([10_000_000, -4_000_000]);
    expect(topText(p).split('\n').slice(1, 2)).toEqual(['Showing nodes accounting for 6ms, 150.00% of 4ms total']);
  });

  it('normalizes the target to the base sum with -normalize, rounding half away from zero', () => {
    const h: ProfileHeader = { sampleTypes: [space] };
    // Target sum 10, base sum 5: the target is halved, 5 -> 2.5 -> 3 on both functions.
    const t = build(h, null, [
      { frames: [[0n, 'main.f']], values: [5] },
      { frames: [[0n, 'main.g']], values: [5] },
    ]);
    const b = build(h, null, [{ frames: [[0n, 'main.f']], values: [5] }]);
    const p = ok(diffProfiles({ profile: t, name: 't' }, { profile: b, name: 'b' }, { normalize: true }));
    expect([...p.samples.values[0]!]).toEqual([3, 3, -5]);
    expect([goRound(2.5), goRound(-2.5), goRound(-2.4)]).toEqual([3, -3, -2]);
  });

  it('keeps a sample only if a scaled type is non-zero afterwards', () => {
    const p = build({ sampleTypes: [space, cpu] }, null, [
      { frames: [[0n, 'main.f']], values: [1, 100] },
      { frames: [[0n, 'main.g']], values: [0, 100] },
    ]);
    const s = scaleN(p, [0.4, 1]);
    expect(s.samples.length).toBe(0);
  });
});

describe('profiles that cannot be compared', () => {
  const profile = (types: ValueType[], periodType: ValueType | null) =>
    build({ sampleTypes: types, periodType }, null, [{ frames: [[0n, 'main.f']], values: types.map(() => 1) }]);
  const error = (t: Profile, b: Profile, normalize = false) => {
    const r = diffProfiles({ profile: t, name: 'heap.pb.gz' }, { profile: b, name: 'cpu.pb.gz' }, { normalize });
    return r.ok ? 'ok' : r.error;
  };

  it('says which files and what differs', () => {
    expect(error(profile([space], space), profile([{ type: 'samples', unit: 'count' }, cpu], cpu))).toBe(
      'cannot compare heap.pb.gz with the base cpu.pb.gz: their sample types differ: [space/bytes] vs [samples/count cpu/nanoseconds]',
    );
    expect(error(profile([space], space), profile([space], cpu))).toBe(
      'cannot compare heap.pb.gz with the base cpu.pb.gz: their period types differ: space/bytes vs cpu/nanoseconds',
    );
    expect(error(profile([space], null), profile([space], space))).toBe(
      'cannot compare heap.pb.gz with the base cpu.pb.gz: their period types differ: (none) vs space/bytes',
    );
  });

  it('accepts what ScaleProfiles accepts only when Merge accepts it too', () => {
    // "samples" and "sample" pass ScaleProfiles (trailing s) but not Merge's exact check.
    expect(error(profile([{ type: 'samples', unit: 'count' }], cpu), profile([{ type: 'sample', unit: 'count' }], cpu))).toBe(
      'cannot compare heap.pb.gz with the base cpu.pb.gz: their sample types differ: [samples/count] vs [sample/count]',
    );
    // Bytes and kilobytes scale to bytes; -normalize checks before scaling, and refuses.
    const kb = { type: 'space', unit: 'kilobytes' };
    expect(error(profile([space], space), profile([kb], space))).toBe('ok');
    expect(error(profile([space], space), profile([kb], space), true)).toBe(
      'cannot compare heap.pb.gz with the base cpu.pb.gz: their sample types differ: [space/bytes] vs [space/kilobytes]',
    );
  });
});
