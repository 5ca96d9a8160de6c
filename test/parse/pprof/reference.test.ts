// Cross-check: decodeProfile agrees with a protobufjs-reflection decode of the same bytes on
// every fixture and on a generated heap profile: header, mappings, every location's lines by
// content, every sample's values, stack and labels.
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { Profile } from '../../../src/model/profile';
import { decodeProfile } from '../../../src/parse/pprof';
import { generateHeapProfile } from '../../../bench/gen/heap-profile';
import { listFixtures, readFixture, sharedSkipReason } from '../../support/fixtures';
import { referenceDecode, type RefLabel, type RefLocation, type RefProfile } from './reference';

/** The model seen through the same content-only lens as the reference. */
function view(p: Profile): RefProfile {
  const str = (i: number) => p.strings[i]!;
  const f = p.functions;
  const locations: RefLocation[] = [];
  for (let i = 0; i < p.locations.length; i++) {
    const lines = [];
    for (let l = p.locations.lineStart[i]!; l < p.locations.lineStart[i + 1]!; l++) {
      const fn = p.lines.func[l]!;
      lines.push(
        fn < 0
          ? null
          : {
              name: str(f.name[fn]!),
              systemName: str(f.systemName[fn]!),
              filename: str(f.filename[fn]!),
              startLine: f.startLine[fn]!,
              line: p.lines.line[l]!,
              column: p.lines.column[l]!,
            },
      );
    }
    locations.push({
      address: p.locations.address[i]!.toString(),
      mapping: p.locations.mapping[i]!,
      isFolded: p.locations.isFolded[i] === 1,
      lines,
    });
  }
  const s = p.samples;
  const samples = [];
  for (let i = 0; i < s.length; i++) {
    const labels: RefLabel[] = [];
    for (let k = s.labelStart[i]!; k < s.labelStart[i + 1]!; k++) {
      const key = str(p.labels.key[k]!);
      if (p.labels.str[k]! > 0) labels.push({ key, str: str(p.labels.str[k]!) });
      else if (p.labels.numUnit[k]! > 0) labels.push({ key, num: p.labels.num[k]!, unit: str(p.labels.numUnit[k]!) });
      else labels.push({ key, num: p.labels.num[k]! });
    }
    samples.push({
      values: s.values.map((v) => v[i]!),
      stack: [...s.stack.subarray(s.stackStart[i]!, s.stackStart[i + 1]!)],
      labels,
    });
  }
  return {
    sampleTypes: p.sampleTypes,
    defaultSampleType: p.defaultSampleType,
    periodType: p.periodType,
    period: p.period,
    timeNanos: p.timeNanos.toString(),
    durationNanos: p.durationNanos.toString(),
    comments: p.comments,
    dropFrames: p.dropFrames,
    keepFrames: p.keepFrames,
    mappings: p.mappings.map((m) => ({
      start: m.start.toString(),
      limit: m.limit.toString(),
      offset: m.offset.toString(),
      file: m.file,
      buildId: m.buildId,
      flags: [m.hasFunctions, m.hasFilenames, m.hasLineNumbers, m.hasInlineFrames],
    })),
    locations,
    samples,
  };
}

const fixtures = listFixtures('pprof', '.pb.gz');

describe.skipIf(fixtures.length === 0)(`decodeProfile agrees with protobufjs reflection ${sharedSkipReason}`, () => {
  it.each(fixtures)('%s', (name) => {
    // node:zlib, not our inflate: the reference path shares no code with the one under test.
    const bytes = new Uint8Array(gunzipSync(readFixture('pprof', name)));
    const ref = referenceDecode(bytes);
    const ours = view(decodeProfile(bytes));
    expect(ours.samples.length).toBeGreaterThan(0);
    expect(ours).toEqual(ref);
  });
});

describe('decodeProfile agrees with protobufjs reflection on a generated heap profile', () => {
  it('3,000 stacks of depth 10-60', () => {
    const bytes = new Uint8Array(gunzipSync(generateHeapProfile({ stacks: 3000, minDepth: 10, maxDepth: 60, seed: 7 })));
    const ref = referenceDecode(bytes);
    const ours = view(decodeProfile(bytes));
    expect(ours.samples.length).toBe(3000);
    expect(ours).toEqual(ref);
  });
});
