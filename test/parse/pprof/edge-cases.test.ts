// Hand-built profiles for what the fixtures do not cover: inlined lines, labels, 64-bit ids,
// values past 2^53, broken references, malformed wire data, unknown fields, both encodings
// of repeated scalars, progress and cancel. Each error is checked for kind, message and
// the exact byte offset.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors';
import type { Profile } from '../../../src/model/profile';
import { decodeProfile, looksLikeProfileProto } from '../../../src/parse/pprof';
import { Writer, baseProfile, concat, encode, indexOfBytes, varintBytes } from './build';
import { ProfileType } from './reference';
import { validateProfile } from './validate';

const ProfileRoot = ProfileType.root;

function decodeError(bytes: Uint8Array): ParseError {
  try {
    decodeProfile(bytes);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw new Error(`expected a ParseError, got ${String(e)}`);
  }
  throw new Error('expected decodeProfile to throw');
}

const names = (p: Profile, sample: number) => {
  const s = p.samples;
  const out: string[] = [];
  for (let j = s.stackStart[sample]!; j < s.stackStart[sample + 1]!; j++) {
    const loc = s.stack[j]!;
    for (let l = p.locations.lineStart[loc]!; l < p.locations.lineStart[loc + 1]!; l++) {
      const fn = p.lines.func[l]!;
      out.push(fn < 0 ? '-' : p.strings[p.functions.name[fn]!]!);
    }
  }
  return out;
};

/** The top-level field bytes of one message of type `field` (for expected offsets). */
function fieldBytes(field: number, body: Uint8Array): Uint8Array {
  return concat(new Uint8Array([(field << 3) | 2, ...varintBytes(BigInt(body.length))]), body);
}

describe('decodeProfile on hand-built profiles', () => {
  it('decodes a small profile completely', () => {
    const p = decodeProfile(encode(baseProfile()));
    expect(validateProfile(p)).toEqual([]);
    expect(p.sampleTypes).toEqual([
      { type: 'objects', unit: 'count' },
      { type: 'space', unit: 'bytes' },
    ]);
    expect(p.samples.length).toBe(2);
    expect([...p.samples.values[0]!]).toEqual([1, 2]);
    expect([...p.samples.values[1]!]).toEqual([100, 200]);
    expect(names(p, 0)).toEqual(['main.leaf', 'main.main', 'main.main']);
    expect([...p.locations.address]).toEqual([4100n, 4200n, 4300n]);
    expect([...p.locations.mapping]).toEqual([0, 0, 0]);
    expect(p.mappings[0]).toMatchObject({ start: 4096n, limit: 65536n, file: '/bin/app', hasFunctions: true, hasFilenames: false });
    expect(p.periodType).toBeNull();
  });

  it('keeps every line of a location, innermost first, with columns', () => {
    const prof = baseProfile();
    (prof.location as unknown[])[0] = {
      id: 1,
      address: 4100,
      line: [
        { functionId: 1, line: 10, column: 7 },
        { functionId: 2, line: 20 },
        { functionId: 0, line: 30 },
      ],
    };
    const p = decodeProfile(encode(prof));
    expect(p.locations.lineStart[1]! - p.locations.lineStart[0]!).toBe(3);
    expect([...p.lines.line.subarray(0, 3)]).toEqual([10, 20, 30]);
    expect([...p.lines.column.subarray(0, 3)]).toEqual([7, 0, 0]);
    // function_id 0 is a line without a function; mapping_id 0 is no mapping.
    expect(p.lines.func[2]).toBe(-1);
    expect(p.locations.mapping[0]).toBe(-1);
    expect(names(p, 0)).toEqual(['main.leaf', 'main.main', '-', 'main.main', 'main.main']);
  });

  it('keeps string and numeric labels with units, and drops empty ones as Go does', () => {
    const prof = baseProfile();
    (prof.stringTable as string[]).push('handler', '/api/v1/pods', 'bytes_label', 'requests');
    (prof.sample as Record<string, unknown>[])[0]!.label = [
      { key: 9, str: 10 },
      { key: 11, num: 1536, numUnit: 4 },
      { key: 11, num: -3 },
      { key: 12, numUnit: 12 },
      { key: 9 },
      { key: 9, str: 10, num: 5 },
    ];
    const p = decodeProfile(encode(prof));
    const l = p.labels;
    const shown = [];
    for (let k = p.samples.labelStart[0]!; k < p.samples.labelStart[1]!; k++) {
      shown.push([p.strings[l.key[k]!], p.strings[l.str[k]!], l.num[k], p.strings[l.numUnit[k]!]]);
    }
    expect(shown).toEqual([
      ['handler', '/api/v1/pods', 0, ''],
      ['bytes_label', '', 1536, 'bytes'],
      ['bytes_label', '', -3, ''],
      ['requests', '', 0, 'requests'],
      ['handler', '/api/v1/pods', 0, ''],
    ]);
    expect(p.samples.labelStart[2]).toBe(5);
  });

  it('maps uint64 ids above 2^53 and 2^32 exactly, without aliasing', () => {
    const prof = baseProfile();
    prof.mapping = [{ id: '9007199254740995', memoryStart: '18446744073709551615', memoryLimit: '18446744073709551615', fileOffset: '9223372036854775808', filename: 5 }];
    prof.function = [
      { id: '9007199254740993', name: 6, filename: 7 },
      { id: '9007199254740992', name: 8, filename: 7 },
    ];
    prof.location = [
      { id: '18446744073709551615', mappingId: '9007199254740995', address: '18446744073709551615', line: [{ functionId: '9007199254740993' }] },
      { id: 1, line: [{ functionId: '9007199254740992' }] },
      { id: '4294967297', line: [{ functionId: '9007199254740993' }] },
      { id: '4294967295', line: [{ functionId: '9007199254740992' }] },
    ];
    prof.sample = [
      { locationId: ['18446744073709551615', 1, '4294967297', '4294967295'], value: [1, 2] },
      { locationId: ['4294967297', '18446744073709551615', 1], value: [3, 4] },
    ];
    const p = decodeProfile(encode(prof));
    expect(validateProfile(p)).toEqual([]);
    expect([...p.samples.stack]).toEqual([0, 1, 2, 3, 2, 0, 1]);
    expect(names(p, 0)).toEqual(['main.leaf', 'main.main', 'main.leaf', 'main.main']);
    expect(p.locations.address[0]).toBe(0xffffffffffffffffn);
    expect(p.locations.mapping[0]).toBe(0);
    expect(p.mappings[0]).toMatchObject({ start: 0xffffffffffffffffn, offset: 0x8000000000000000n });
  });

  it('reads time_nanos past 2^53 and negative durations exactly', () => {
    const p = decodeProfile(encode({ ...baseProfile(), timeNanos: '1756761068600693010', durationNanos: '-1', period: 524288 }));
    expect(p.timeNanos).toBe(1756761068600693010n);
    expect(p.durationNanos).toBe(-1n);
    expect(p.period).toBe(524288);
  });

  it('reads negative sample values (as in diff profiles)', () => {
    const prof = baseProfile();
    (prof.sample as Record<string, unknown>[])[0]!.value = ['-5', '-9007199254740991'];
    const p = decodeProfile(encode(prof));
    expect(p.samples.values[0]![0]).toBe(-5);
    expect(p.samples.values[1]![0]).toBe(-9007199254740991);
  });

  it('reads a sample value above 2^53 exactly, as pprof reads any int64', () => {
    const prof = baseProfile();
    (prof.sample as Record<string, unknown>[])[1]!.value = [2, '9007199254740993'];
    const p = decodeProfile(encode(prof));
    // The nearest double in values, the exact int64 beside it for that sample type only.
    expect(p.samples.values[1]![1]).toBe(9007199254740992);
    expect(p.samples.exact?.[0] ?? null).toBeNull();
    expect(p.samples.exact?.[1]?.[1]).toBe(9007199254740993n);
    expect(p.samples.exact?.[1]?.[0]).toBe(BigInt(p.samples.values[1]![0]!));
  });

  it('keeps no exact column when no value or sum passes 2^53', () => {
    expect(decodeProfile(encode(baseProfile())).samples.exact).toBeUndefined();
  });

  it('rejects a numeric label above 2^53', () => {
    const prof = baseProfile();
    (prof.sample as Record<string, unknown>[])[0]!.label = [{ key: 1, num: '-9007199254740993' }];
    const bytes = encode(prof);
    const e = decodeError(bytes);
    expect(e.message).toMatch(/^numeric label value -9007199254740993 exceeds 2\^53/);
    expect(e.offset).toBe(indexOfBytes(bytes, varintBytes(-9007199254740993n)));
  });

  it('rejects a string index out of range at the offset of its message', () => {
    const prof = baseProfile();
    (prof.function as Record<string, unknown>[])[1]!.name = 99;
    const bytes = encode(prof);
    const fnBytes = fieldBytes(5, encodeMessage('Function', { id: 2, name: 99, systemName: 8, filename: 7 }));
    const e = decodeError(bytes);
    expect(e.kind).toBe('malformed');
    expect(e.message).toBe('function name refers to string 99, but the string table has 9 entries');
    expect(e.offset).toBe(indexOfBytes(bytes, fnBytes));
  });

  it('rejects a negative string index', () => {
    const prof = baseProfile();
    prof.dropFrames = '-1';
    const e = decodeError(encode(prof));
    expect(e.message).toBe('drop_frames refers to string -1, but the string table has 9 entries');
  });

  it('rejects an unknown location id at the offset of the sample', () => {
    const prof = baseProfile();
    (prof.sample as Record<string, unknown>[])[1]!.locationId = [2, 9];
    const bytes = encode(prof);
    const e = decodeError(bytes);
    expect(e.message).toBe('sample refers to unknown location id 9');
    expect(e.offset).toBe(indexOfBytes(bytes, fieldBytes(2, encodeMessage('Sample', { locationId: [2, 9], value: [2, 200] }))));
  });

  it('rejects location id 0 in a sample, unknown function and mapping ids', () => {
    const zero = baseProfile();
    (zero.sample as Record<string, unknown>[])[0]!.locationId = [0];
    expect(decodeError(encode(zero)).message).toBe('sample refers to location id 0, which is reserved');

    const fn = baseProfile();
    (fn.location as Record<string, unknown>[])[2]!.line = [{ functionId: 7 }];
    expect(decodeError(encode(fn)).message).toBe('location id 3 refers to unknown function id 7');

    const mapping = baseProfile();
    (mapping.location as Record<string, unknown>[])[1]!.mappingId = 4;
    expect(decodeError(encode(mapping)).message).toBe('location id 2 refers to unknown mapping id 4');
  });

  it('rejects duplicate and reserved ids', () => {
    const dup = baseProfile();
    (dup.location as Record<string, unknown>[])[2]!.id = 2;
    expect(decodeError(encode(dup)).message).toBe('duplicate location id 2');

    const dupFn = baseProfile();
    (dupFn.function as Record<string, unknown>[])[1]!.id = 1;
    expect(decodeError(encode(dupFn)).message).toBe('duplicate function id 1');

    const zero = baseProfile();
    (zero.mapping as Record<string, unknown>[])[0]!.id = 0;
    expect(decodeError(encode(zero)).message).toBe('mapping has the reserved id 0');
  });

  it('rejects a sample whose value count differs from the sample type count (Go CheckValid)', () => {
    const prof = baseProfile();
    (prof.sample as Record<string, unknown>[])[1]!.value = [2];
    expect(decodeError(encode(prof)).message).toBe('sample has 1 values but the profile has 2 sample types');

    const noTypes = baseProfile();
    noTypes.sampleType = [];
    expect(decodeError(encode(noTypes)).message).toBe('the profile has samples but no sample types');
  });

  it('rejects a string table that does not start with ""', () => {
    const prof = baseProfile();
    (prof.stringTable as string[])[0] = 'x';
    const e = decodeError(encode(prof));
    expect(e.message).toBe('string_table[0] must be "", found "x"');
  });

  it('rejects concatenated profiles as Go does (a second time_nanos)', () => {
    const one = encode({ ...baseProfile(), timeNanos: 5 });
    const e = decodeError(concat(one, one));
    expect(e.message).toBe('concatenated profiles detected (a second time_nanos)');
    expect(e.offset).toBe(one.length + indexOfBytes(one, [9 << 3, 5]));
  });

  it('rejects a varint longer than 10 bytes at its offset', () => {
    const base = encode(baseProfile());
    const bad = concat(base, new Uint8Array([7 << 3, ...new Array(10).fill(0xff), 0x01]));
    const e = decodeError(bad);
    expect(e.kind).toBe('malformed');
    expect(e.message).toBe('malformed varint: longer than 10 bytes');
    expect(e.offset).toBe(base.length + 1);
  });

  it('rejects a truncated message with the offset of the length that overruns', () => {
    const bytes = encode(baseProfile());
    const cut = bytes.subarray(0, bytes.length - 3);
    const e = decodeError(cut);
    expect(e.kind).toBe('malformed');
    // The last string is "main.main": its length byte sits 10 bytes before the end.
    expect(e.message).toBe('truncated Profile.string_table entry: it claims 9 bytes but only 6 remain');
    expect(e.offset).toBe(bytes.length - 10);
  });

  it('rejects a truncated varint', () => {
    const base = encode(baseProfile());
    const e = decodeError(concat(base, new Uint8Array([9 << 3, 0x80, 0x80])));
    expect(e.message).toBe('truncated varint: the message ends inside it');
    expect(e.offset).toBe(base.length + 1);
  });

  it('rejects a wrong wire type for a known field', () => {
    const base = encode(baseProfile());
    const sample = Writer.create().uint32((2 << 3) | 1).fixed64(7).finish();
    const bad = concat(base, fieldBytes(2, sample));
    const e = decodeError(bad);
    expect(e.message).toBe('Sample.value has wire type 1, expected 0 (varint) or 2 (packed)');
    expect(e.offset).toBe(base.length + 2);

    const e2 = decodeError(concat(base, new Uint8Array([(4 << 3) | 0, 1])));
    expect(e2.message).toBe('Profile.location has wire type 0, expected 2 (length-delimited)');
    expect(e2.offset).toBe(base.length);

    const e3 = decodeError(concat(base, new Uint8Array([(15 << 3) | 3])));
    expect(e3.message).toBe('unsupported wire type 3');
  });

  it('skips unknown fields at every level', () => {
    const unknown = () => Writer.create().uint32((99 << 3) | 0).uint64(12345).uint32((100 << 3) | 2).bytes(new Uint8Array([1, 2, 3]))
      .uint32((101 << 3) | 5).fixed32(7).uint32((102 << 3) | 1).fixed64(8);
    // Every message of the base profile, re-encoded with unknown fields appended.
    const msg = (type: string, body: Record<string, unknown>) => concat(encodeMessage(type, body), unknown().finish());
    const prof = baseProfile();
    const parts: Uint8Array[] = [];
    for (const t of prof.sampleType as Record<string, unknown>[]) parts.push(fieldBytes(1, msg('ValueType', t)));
    for (const s of prof.sample as Record<string, unknown>[]) {
      const label = msg('Label', { key: 1, str: 2 });
      parts.push(fieldBytes(2, concat(msg('Sample', s), fieldBytes(3, label))));
    }
    for (const m of prof.mapping as Record<string, unknown>[]) parts.push(fieldBytes(3, msg('Mapping', m)));
    for (const l of prof.location as Record<string, unknown>[]) {
      const lines = (l.line as Record<string, unknown>[]).map((ln) => fieldBytes(4, msg('Line', ln)));
      parts.push(fieldBytes(4, concat(msg('Location', { ...l, line: [] }), ...lines)));
    }
    for (const f of prof.function as Record<string, unknown>[]) parts.push(fieldBytes(5, msg('Function', f)));
    parts.push(encodeMessage('Profile', { stringTable: prof.stringTable }), unknown().finish());

    const p = decodeProfile(concat(...parts));
    const expected = decodeProfile(encode(prof));
    expect(p.samples.length).toBe(2);
    expect([...p.samples.stack]).toEqual([...expected.samples.stack]);
    expect(p.samples.values).toEqual(expected.samples.values);
    expect(p.locations).toEqual(expected.locations);
    expect(p.lines).toEqual(expected.lines);
    expect(p.functions).toEqual(expected.functions);
    expect(p.mappings).toEqual(expected.mappings);
    expect(p.labels.length).toBe(2);
  });

  it('reads repeated scalars both packed and one per field', () => {
    const prof = { ...baseProfile(), comment: [5, 7, 8] };
    const packed = decodeProfile(encode(prof));
    // Unpacked: each id, value and comment its own varint field.
    const w = Writer.create();
    const sample = Writer.create();
    for (const id of [1, 2, 3]) sample.uint32(1 << 3).uint64(id);
    for (const v of [1, 100]) sample.uint32(2 << 3).int64(v);
    const sample2 = Writer.create();
    for (const id of [2, 3]) sample2.uint32(1 << 3).uint64(id);
    sample2.uint32((2 << 3) | 2).bytes(new Uint8Array([2, 0xc8, 0x01]));
    w.uint32((2 << 3) | 2).bytes(sample.finish());
    w.uint32((2 << 3) | 2).bytes(sample2.finish());
    for (const c of [5, 7, 8]) w.uint32(13 << 3).int64(c);
    const rest = encode({ ...baseProfile(), sample: [] });
    const unpacked = decodeProfile(concat(rest, w.finish()));
    expect(unpacked.samples).toEqual(packed.samples);
    expect(unpacked.comments).toEqual(['/bin/app', 'main.go', 'main.main']);
    expect(packed.comments).toEqual(['/bin/app', 'main.go', 'main.main']);
  });

  it('says unrecognized for empty input, text and non-profile bytes', () => {
    expect(decodeError(new Uint8Array(0)).kind).toBe('unrecognized');
    const text = new TextEncoder().encode('goroutine 1 [running]:\nmain.main()\n\t/tmp/x.go:5 +0x1d\n');
    expect(looksLikeProfileProto(text)).toBe(false);
    expect(decodeError(text).kind).toBe('unrecognized');
    const crash = new TextEncoder().encode('panic: runtime error: index out of range\n\ngoroutine 1 [running]:\n');
    expect(looksLikeProfileProto(crash)).toBe(false);
    const debug1 = new TextEncoder().encode('goroutine profile: total 4\n1 @ 0x43a5c5 0x4067c9\n');
    expect(looksLikeProfileProto(debug1)).toBe(false);
    expect(looksLikeProfileProto(new TextEncoder().encode('\ngoroutine 1 [running]:\n'))).toBe(false);
    expect(looksLikeProfileProto(encode(baseProfile()))).toBe(true);
  });

  it('reports progress every few MB and stops when cancelled', () => {
    const big = largeProfile(6 << 20);
    const calls: [number, number][] = [];
    const p = decodeProfile(big, { onProgress: (done, total) => calls.push([done, total]), limits: { maxFramesPerSample: 1 << 21 } });
    expect(p.samples.length).toBe(6);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every(([, total]) => total === big.length)).toBe(true);
    expect(calls.map(([d]) => d)).toEqual([...calls.map(([d]) => d)].sort((a, b) => a - b));
    expect(calls[calls.length - 1]).toEqual([big.length, big.length]);

    const e = (() => {
      try {
        decodeProfile(big, { isCancelled: () => true, limits: { maxFramesPerSample: 1 << 21 } });
      } catch (err) {
        return err as ParseError;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ParseError);
    expect(e!.kind).toBe('cancelled');
  });
});

function encodeMessage(type: string, body: Record<string, unknown>): Uint8Array {
  const t = ProfileRoot.lookupType(`perftools.profiles.${type}`);
  return t.encode(t.fromObject(body)).finish();
}

/** About `size` bytes: six samples, each a packed run of ~size/6 one-byte location ids. */
function largeProfile(size: number): Uint8Array {
  const head = encode({ ...baseProfile(), sample: [] });
  const n = Math.floor(size / 6);
  const ids = new Uint8Array(n).fill(1);
  const sample = concat(new Uint8Array([(1 << 3) | 2, ...varintBytes(BigInt(n))]), ids, new Uint8Array([(2 << 3) | 2, 2, 1, 2]));
  const field = fieldBytes(2, sample);
  return concat(head, field, field, field, field, field, field);
}

describe('caps', () => {
  it('stops at the caps on samples, locations, frames per sample and string length, with the offset', async () => {
    const { decodeProfile } = await import('../../../src/parse/pprof');
    const { encode } = await import('./build');
    const profile = {
      sampleType: [{ type: 1, unit: 2 }],
      sample: [
        { locationId: [1, 1, 1], value: [1] },
        { locationId: [1], value: [2] },
      ],
      location: [{ id: 1, line: [{ functionId: 1, line: 3 }] }, { id: 2 }],
      function: [{ id: 1, name: 3 }],
      stringTable: ['', 'samples', 'count', 'main.main'],
    };
    const bytes = encode(profile);
    expect(() => decodeProfile(bytes, { limits: { maxSamples: 1 } })).toThrow(/more than 1 samples \(the cap\)/);
    expect(() => decodeProfile(bytes, { limits: { maxLocations: 1 } })).toThrow(/more than 1 locations/);
    expect(() => decodeProfile(bytes, { limits: { maxFramesPerSample: 2 } })).toThrow(/a sample has 3 frames, more than the 2-frame cap/);
    try {
      decodeProfile(bytes, { limits: { maxFramesPerSample: 2 } });
    } catch (e) {
      expect((e as { kind: string }).kind).toBe('limit');
      expect((e as { offset: number }).offset).toBeGreaterThan(0);
    }
    expect(decodeProfile(bytes).samples.length).toBe(2);
  });
});
