// Phase 1 of the decode, as google/pprof's unmarshal: profile.proto bytes to flat columns of
// ids and string indexes, nothing resolved yet (the string table and the locations usually
// come after the samples that use them). Fields are read as Go's decoder reads them: repeated
// scalars packed or not, the last of a repeated scalar wins, unknown fields are skipped.

import { ParseError, type Problem } from '../../model/errors';
import { F64Column, IdColumn, U32Column } from './columns';
import { WireReader, WireType, fieldOf, malformed, wireTypeOf } from './wire';
import { formatCount } from '../../lib/goformat';
import { MAX_LABELS, MAX_NAME_BYTES, cutName, hashRange, viewOf } from '../goroutines/intern';

/** Location ids at or above this are kept aside exactly; the column holds this marker. */
export const WIDE_ID = 0xffffffff;

export interface RawIndex {
  /** Index into the string table as read (may be out of range; checked in phase 2). */
  index: number;
  offset: number;
}

export interface RawValueType {
  type: number;
  unit: number;
  offset: number;
}

export interface RawMapping {
  id: number | bigint;
  start: bigint;
  limit: bigint;
  fileOffset: bigint;
  filename: number;
  buildId: number;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
  offset: number;
}

export interface DecodeLimits {
  maxSamples: number;
  maxLocations: number;
  /** Locations in one sample's stack. */
  maxFramesPerSample: number;
  /** Labels kept of one sample (real profiles carry a handful); the rest are counted in a note. */
  maxLabelsPerSample: number;
}

/** Far beyond any real profile, low enough that a hostile file ends in a message, not a dead tab. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxSamples: 20_000_000,
  maxLocations: 10_000_000,
  maxFramesPerSample: 10_000,
  maxLabelsPerSample: MAX_LABELS,
};

export interface DecodeOptions {
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  isCancelled?: () => boolean;
  limits?: Partial<DecodeLimits>;
  /** Receives what was read other than as written (caps on what is kept), each with its byte offset. */
  notes?: Problem[];
}

function limit(message: string, offset: number): ParseError {
  return new ParseError('limit', message, { offset });
}

const count = (n: number) => formatCount(n);

const PROGRESS_STEP = 2 << 20;

export class RawProfile {
  readonly sampleTypes: RawValueType[] = [];
  periodType: RawValueType | null = null;
  period = 0;
  timeNanos = 0n;
  durationNanos = 0n;
  readonly comments: RawIndex[] = [];
  dropFrames: RawIndex = { index: 0, offset: 0 };
  keepFrames: RawIndex = { index: 0, offset: 0 };
  defaultSampleType: RawIndex = { index: 0, offset: 0 };
  readonly strings: string[] = [];
  /**
   * String table entries longer than MAX_NAME_BYTES, kept as cutName (head and "…[N more bytes
   * cut]"): their original length in bytes by table index, and the offset of the first.
   */
  readonly cutStrings = new Map<number, number>();
  firstCutOffset = 0;
  /** Cut texts seen, each with the hashes of the full entries behind it and their variant numbers. */
  readonly cutVariants = new Map<string, Map<number, number>>();
  /** Samples with more labels than kept, the first of them, and its label count. */
  labelCapSamples = 0;
  labelCapFirstOffset = 0;
  labelCapFirstCount = 0;

  readonly mappings: RawMapping[] = [];

  // Samples: location ids, values and labels of sample i run from *Start[i] to *Start[i+1].
  readonly sampleOffset = new U32Column();
  readonly sampleLocIds: U32Column;
  /** Exact ids of the entries marked WIDE_ID in sampleLocIds, in order. */
  readonly sampleWideIds: (number | bigint)[] = [];
  readonly sampleLocStart = new U32Column();
  readonly sampleValues = new F64Column(1 << 12);
  /** Exact values of the sample values beyond 2^53 in magnitude, by index in sampleValues. */
  readonly bigSampleValues = new Map<number, bigint>();
  readonly sampleValueStart = new U32Column();
  readonly sampleLabelStart = new U32Column();
  readonly labelKey = new F64Column(256);
  readonly labelStr = new F64Column(256);
  readonly labelNum = new F64Column(256);
  readonly labelUnit = new F64Column(256);
  readonly labelOffset = new U32Column(256);

  readonly locOffset = new U32Column();
  readonly locId = new IdColumn();
  readonly locMappingId = new IdColumn();
  readonly locAddress: bigint[] = [];
  readonly locFolded: boolean[] = [];
  readonly locLineStart = new U32Column();
  readonly lineFuncId = new IdColumn();
  readonly lineLine = new F64Column();
  readonly lineColumn = new F64Column();

  readonly fnOffset = new U32Column();
  readonly fnId = new IdColumn();
  readonly fnName = new F64Column();
  readonly fnSystemName = new F64Column();
  readonly fnFilename = new F64Column();
  readonly fnStartLine = new F64Column();

  /** `size`: the input length, to size the largest column from the start. */
  constructor(readonly size: number) {
    // Location ids are most of a profile's bytes, one to three bytes each: half the input
    // length is room for all of them in the usual case (untouched pages cost nothing).
    this.sampleLocIds = new U32Column(Math.max(1 << 12, size >>> 1));
    this.sampleLocStart.push(0);
    this.sampleValueStart.push(0);
    this.sampleLabelStart.push(0);
    this.locLineStart.push(0);
  }

  get sampleCount(): number {
    return this.sampleOffset.length;
  }

  get locationCount(): number {
    return this.locOffset.length;
  }

  get functionCount(): number {
    return this.fnOffset.length;
  }
}

/** Decodes the top-level Profile message. `bytes` is the whole inflated profile. */
export function decodeRaw(bytes: Uint8Array, opts: DecodeOptions = {}): RawProfile {
  const r = new WireReader(bytes);
  const raw = new RawProfile(bytes.length);
  const end = bytes.length;
  const { onProgress, isCancelled } = opts;
  const limits = { ...DEFAULT_DECODE_LIMITS, ...opts.limits };
  const view = viewOf(bytes);
  let nextReport = PROGRESS_STEP;

  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    switch (fieldOf(tag)) {
      case 1:
        expectWire(wt, WireType.Bytes, 'Profile.sample_type', at);
        raw.sampleTypes.push(decodeValueType(r, r.lengthEnd(end, 'Profile.sample_type'), at));
        break;
      case 2:
        expectWire(wt, WireType.Bytes, 'Profile.sample', at);
        if (raw.sampleCount >= limits.maxSamples) throw limit(`more than ${count(limits.maxSamples)} samples (the cap)`, at);
        decodeSample(r, r.lengthEnd(end, 'Profile.sample'), raw, at, limits.maxFramesPerSample, limits.maxLabelsPerSample);
        break;
      case 3:
        expectWire(wt, WireType.Bytes, 'Profile.mapping', at);
        raw.mappings.push(decodeMapping(r, r.lengthEnd(end, 'Profile.mapping'), at));
        break;
      case 4:
        expectWire(wt, WireType.Bytes, 'Profile.location', at);
        if (raw.locationCount >= limits.maxLocations) throw limit(`more than ${count(limits.maxLocations)} locations (the cap)`, at);
        decodeLocation(r, r.lengthEnd(end, 'Profile.location'), raw, at);
        break;
      case 5:
        expectWire(wt, WireType.Bytes, 'Profile.function', at);
        decodeFunction(r, r.lengthEnd(end, 'Profile.function'), raw, at);
        break;
      case 6: {
        expectWire(wt, WireType.Bytes, 'Profile.string_table', at);
        const strEnd = r.lengthEnd(end, 'Profile.string_table entry');
        let s: string;
        if (strEnd - r.pos > MAX_NAME_BYTES) {
          s = cutString(raw, bytes, view, r.pos, strEnd, at);
          r.pos = strEnd;
        } else {
          s = r.string(strEnd);
        }
        if (raw.strings.length === 0 && s !== '') {
          throw malformed(`string_table[0] must be "", found ${JSON.stringify(s.slice(0, 40))}`, at);
        }
        raw.strings.push(s);
        break;
      }
      case 7:
        expectWire(wt, WireType.Varint, 'Profile.drop_frames', at);
        raw.dropFrames = { index: r.index(end), offset: at };
        break;
      case 8:
        expectWire(wt, WireType.Varint, 'Profile.keep_frames', at);
        raw.keepFrames = { index: r.index(end), offset: at };
        break;
      case 9:
        expectWire(wt, WireType.Varint, 'Profile.time_nanos', at);
        // Go's decoder rejects a second time_nanos: two profiles were concatenated.
        if (raw.timeNanos !== 0n) throw malformed('concatenated profiles detected (a second time_nanos)', at);
        raw.timeNanos = r.bigInt64(end);
        break;
      case 10:
        expectWire(wt, WireType.Varint, 'Profile.duration_nanos', at);
        raw.durationNanos = r.bigInt64(end);
        break;
      case 11:
        expectWire(wt, WireType.Bytes, 'Profile.period_type', at);
        raw.periodType = decodeValueType(r, r.lengthEnd(end, 'Profile.period_type'), at);
        break;
      case 12:
        expectWire(wt, WireType.Varint, 'Profile.period', at);
        raw.period = r.int64(end, 'period');
        break;
      case 13:
        if (wt === WireType.Bytes) {
          const packedEnd = r.lengthEnd(end, 'Profile.comment');
          while (r.pos < packedEnd) raw.comments.push({ offset: r.pos, index: r.index(packedEnd) });
        } else {
          expectWire(wt, WireType.Varint, 'Profile.comment', at);
          raw.comments.push({ offset: at, index: r.index(end) });
        }
        break;
      case 14:
        expectWire(wt, WireType.Varint, 'Profile.default_sample_type', at);
        raw.defaultSampleType = { index: r.index(end), offset: at };
        break;
      default:
        r.skip(wt, end, at);
    }
    if (r.pos >= nextReport) {
      nextReport = r.pos + PROGRESS_STEP;
      if (isCancelled?.()) throw new ParseError('cancelled', 'decoding was cancelled', { offset: r.pos });
      onProgress?.(r.pos, end);
    }
  }
  noteCaps(raw, limits.maxLabelsPerSample, opts.notes);
  return raw;
}

/**
 * A string table entry longer than MAX_NAME_BYTES as the dumps keep a long name: its first
 * MAX_NAME_BYTES (no UTF-8 sequence split) and "…[N more bytes cut]". Two different entries with
 * the same head and length stay different: the second's marker says ", variant 2", told apart by
 * a 32-bit hash of all their bytes (linear in the entry; two entries whose hashes collide would
 * show as one, which costs a merged row, never a wrong count).
 */
function cutString(raw: RawProfile, bytes: Uint8Array, view: DataView, start: number, end: number, at: number): string {
  if (raw.cutStrings.size === 0) raw.firstCutOffset = at;
  raw.cutStrings.set(raw.strings.length, end - start);
  const text = cutName(bytes, start, end);
  const h = hashRange(view, bytes, start, end);
  let seen = raw.cutVariants.get(text);
  if (!seen) {
    seen = new Map();
    raw.cutVariants.set(text, seen);
  }
  let variant = seen.get(h);
  if (variant === undefined) {
    variant = seen.size + 1;
    seen.set(h, variant);
  }
  return variant === 1 ? text : `${text.slice(0, -1)}, variant ${variant}]`;
}

/** The notes for what the caps left out: long strings cut, labels beyond the per-sample cap. */
function noteCaps(raw: RawProfile, maxLabels: number, notes: Problem[] | undefined): void {
  if (!notes) return;
  const cut = raw.cutStrings.size;
  if (cut > 0) {
    const first = raw.cutStrings.values().next().value as number;
    notes.push({
      kind: 'limit',
      message: `${count(cut)} string${cut > 1 ? 's' : ''} longer than ${count(MAX_NAME_BYTES)} bytes kept as ${cut > 1 ? 'their' : 'its'} first ${count(MAX_NAME_BYTES)} bytes, marked "…[N more bytes cut]" (the first, of ${count(first)} bytes, at byte ${count(raw.firstCutOffset)})`,
      offset: raw.firstCutOffset,
    });
  }
  const capped = raw.labelCapSamples;
  if (capped > 0) {
    notes.push({
      kind: 'limit',
      message: `${count(capped)} sample${capped > 1 ? 's' : ''} with more than ${count(maxLabels)} labels: the first ${count(maxLabels)} of each are kept (the first such sample, with ${count(raw.labelCapFirstCount)} labels, at byte ${count(raw.labelCapFirstOffset)})`,
      offset: raw.labelCapFirstOffset,
    });
  }
}

function expectWire(actual: number, expected: number, field: string, at: number): void {
  if (actual === expected) return;
  if (actual !== WireType.Varint && actual !== WireType.Fixed64 && actual !== WireType.Bytes && actual !== WireType.Fixed32) {
    throw malformed(`unsupported wire type ${actual} (field ${field})`, at);
  }
  const want = expected === WireType.Bytes ? 'length-delimited' : 'varint';
  throw malformed(`${field} has wire type ${actual}, expected ${expected} (${want})`, at);
}

/** A repeated scalar may be packed (wire type 2) or one value per field (wire type 0). */
function expectRepeated(actual: number, field: string, at: number): boolean {
  if (actual === WireType.Bytes) return true;
  if (actual === WireType.Varint) return false;
  if (actual !== WireType.Fixed64 && actual !== WireType.Fixed32) {
    throw malformed(`unsupported wire type ${actual} (field ${field})`, at);
  }
  throw malformed(`${field} has wire type ${actual}, expected 0 (varint) or 2 (packed)`, at);
}

function decodeValueType(r: WireReader, end: number, offset: number): RawValueType {
  let type = 0;
  let unit = 0;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    switch (fieldOf(tag)) {
      case 1:
        expectWire(wt, WireType.Varint, 'ValueType.type', at);
        type = r.index(end);
        break;
      case 2:
        expectWire(wt, WireType.Varint, 'ValueType.unit', at);
        unit = r.index(end);
        break;
      default:
        r.skip(wt, end, at);
    }
  }
  return { type, unit, offset };
}

function decodeSample(r: WireReader, end: number, raw: RawProfile, offset: number, maxFrames: number, maxLabels: number): void {
  raw.sampleOffset.push(offset);
  const firstFrame = raw.sampleLocIds.length;
  let labels = 0;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    switch (fieldOf(tag)) {
      case 1:
        if (expectRepeated(wt, 'Sample.location_id', at)) {
          readPackedIds(r, r.lengthEnd(end, 'Sample.location_id'), raw);
        } else {
          pushLocId(raw, r.uint64(end));
        }
        break;
      case 2:
        if (expectRepeated(wt, 'Sample.value', at)) {
          const packedEnd = r.lengthEnd(end, 'Sample.value');
          while (r.pos < packedEnd) pushSampleValue(raw, r, packedEnd);
        } else {
          pushSampleValue(raw, r, end);
        }
        break;
      case 3:
        expectWire(wt, WireType.Bytes, 'Sample.label', at);
        labels++;
        if (labels > maxLabels) {
          // Read past, counted: a sample is a few labels in real profiles.
          r.pos = r.lengthEnd(end, 'Sample.label');
        } else {
          decodeLabel(r, r.lengthEnd(end, 'Sample.label'), raw, at);
        }
        break;
      default:
        r.skip(wt, end, at);
    }
  }
  if (raw.sampleLocIds.length - firstFrame > maxFrames) {
    throw limit(`a sample has ${count(raw.sampleLocIds.length - firstFrame)} frames, more than the ${count(maxFrames)}-frame cap`, offset);
  }
  if (labels > maxLabels) {
    if (raw.labelCapSamples++ === 0) {
      raw.labelCapFirstOffset = offset;
      raw.labelCapFirstCount = labels;
    }
  }
  raw.sampleLocStart.push(raw.sampleLocIds.length);
  raw.sampleValueStart.push(raw.sampleValues.length);
  raw.sampleLabelStart.push(raw.labelKey.length);
}

function pushLocId(raw: RawProfile, id: number | bigint): void {
  if (typeof id === 'number' && id < WIDE_ID) {
    raw.sampleLocIds.push(id);
  } else {
    raw.sampleLocIds.push(WIDE_ID);
    raw.sampleWideIds.push(id);
  }
}

/**
 * The hot loop of a profile: packed location ids, most of them one to three bytes. Every id
 * takes at least one byte, so reserving the byte count up front makes the writes unchecked.
 */
function readPackedIds(r: WireReader, end: number, raw: RawProfile): void {
  const ids = raw.sampleLocIds;
  ids.reserve(end - r.pos);
  const data = ids.data;
  const buf = r.buf;
  let n = ids.length;
  let pos = r.pos;
  while (pos < end) {
    const b0 = buf[pos]!;
    if (b0 < 0x80) {
      data[n++] = b0;
      pos += 1;
      continue;
    }
    if (pos + 2 < end) {
      const b1 = buf[pos + 1]!;
      if (b1 < 0x80) {
        data[n++] = (b0 & 0x7f) | (b1 << 7);
        pos += 2;
        continue;
      }
      const b2 = buf[pos + 2]!;
      if (b2 < 0x80) {
        data[n++] = (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
        pos += 3;
        continue;
      }
    }
    r.pos = pos;
    const id = r.uint64(end);
    pos = r.pos;
    if (typeof id === 'number' && id < WIDE_ID) {
      data[n++] = id;
    } else {
      data[n++] = WIDE_ID;
      raw.sampleWideIds.push(id);
    }
  }
  ids.length = n;
  r.pos = pos;
}

function decodeLabel(r: WireReader, end: number, raw: RawProfile, offset: number): void {
  let key = 0;
  let str = 0;
  let num = 0;
  let unit = 0;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    switch (fieldOf(tag)) {
      case 1:
        expectWire(wt, WireType.Varint, 'Label.key', at);
        key = r.index(end);
        break;
      case 2:
        expectWire(wt, WireType.Varint, 'Label.str', at);
        str = r.index(end);
        break;
      case 3:
        expectWire(wt, WireType.Varint, 'Label.num', at);
        num = r.int64(end, 'numeric label value');
        break;
      case 4:
        expectWire(wt, WireType.Varint, 'Label.num_unit', at);
        unit = r.index(end);
        break;
      default:
        r.skip(wt, end, at);
    }
  }
  raw.labelKey.push(key);
  raw.labelStr.push(str);
  raw.labelNum.push(num);
  raw.labelUnit.push(unit);
  raw.labelOffset.push(offset);
}

function decodeMapping(r: WireReader, end: number, offset: number): RawMapping {
  const m: RawMapping = {
    id: 0,
    start: 0n,
    limit: 0n,
    fileOffset: 0n,
    filename: 0,
    buildId: 0,
    hasFunctions: false,
    hasFilenames: false,
    hasLineNumbers: false,
    hasInlineFrames: false,
    offset,
  };
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    const field = fieldOf(tag);
    if (field < 1 || field > 10) {
      r.skip(wt, end, at);
      continue;
    }
    expectWire(wt, WireType.Varint, MAPPING_FIELDS[field]!, at);
    switch (field) {
      case 1: m.id = r.uint64(end); break;
      case 2: m.start = r.bigUint64(end); break;
      case 3: m.limit = r.bigUint64(end); break;
      case 4: m.fileOffset = r.bigUint64(end); break;
      case 5: m.filename = r.index(end); break;
      case 6: m.buildId = r.index(end); break;
      case 7: m.hasFunctions = r.varint(end) !== 0; break;
      case 8: m.hasFilenames = r.varint(end) !== 0; break;
      case 9: m.hasLineNumbers = r.varint(end) !== 0; break;
      case 10: m.hasInlineFrames = r.varint(end) !== 0; break;
    }
  }
  return m;
}

const MAPPING_FIELDS = [
  '', 'Mapping.id', 'Mapping.memory_start', 'Mapping.memory_limit', 'Mapping.file_offset',
  'Mapping.filename', 'Mapping.build_id', 'Mapping.has_functions', 'Mapping.has_filenames',
  'Mapping.has_line_numbers', 'Mapping.has_inline_frames',
];

function decodeLocation(r: WireReader, end: number, raw: RawProfile, offset: number): void {
  let id: number | bigint = 0;
  let mappingId: number | bigint = 0;
  let address = 0n;
  let folded = false;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    switch (fieldOf(tag)) {
      case 1:
        expectWire(wt, WireType.Varint, 'Location.id', at);
        id = r.uint64(end);
        break;
      case 2:
        expectWire(wt, WireType.Varint, 'Location.mapping_id', at);
        mappingId = r.uint64(end);
        break;
      case 3:
        expectWire(wt, WireType.Varint, 'Location.address', at);
        address = r.bigUint64(end);
        break;
      case 4:
        expectWire(wt, WireType.Bytes, 'Location.line', at);
        decodeLine(r, r.lengthEnd(end, 'Location.line'), raw);
        break;
      case 5:
        expectWire(wt, WireType.Varint, 'Location.is_folded', at);
        folded = r.varint(end) !== 0;
        break;
      default:
        r.skip(wt, end, at);
    }
  }
  raw.locOffset.push(offset);
  raw.locId.push(id);
  raw.locMappingId.push(mappingId);
  raw.locAddress.push(address);
  raw.locFolded.push(folded);
  raw.locLineStart.push(raw.lineLine.length);
}

function decodeLine(r: WireReader, end: number, raw: RawProfile): void {
  let funcId: number | bigint = 0;
  let line = 0;
  let column = 0;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    switch (fieldOf(tag)) {
      case 1:
        expectWire(wt, WireType.Varint, 'Line.function_id', at);
        funcId = r.uint64(end);
        break;
      case 2:
        expectWire(wt, WireType.Varint, 'Line.line', at);
        line = r.int64(end, 'line number');
        break;
      case 3:
        expectWire(wt, WireType.Varint, 'Line.column', at);
        column = r.int64(end, 'column number');
        break;
      default:
        r.skip(wt, end, at);
    }
  }
  raw.lineFuncId.push(funcId);
  raw.lineLine.push(line);
  raw.lineColumn.push(column);
}

function decodeFunction(r: WireReader, end: number, raw: RawProfile, offset: number): void {
  let id: number | bigint = 0;
  let name = 0;
  let systemName = 0;
  let filename = 0;
  let startLine = 0;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.tag(end);
    const wt = wireTypeOf(tag);
    switch (fieldOf(tag)) {
      case 1:
        expectWire(wt, WireType.Varint, 'Function.id', at);
        id = r.uint64(end);
        break;
      case 2:
        expectWire(wt, WireType.Varint, 'Function.name', at);
        name = r.index(end);
        break;
      case 3:
        expectWire(wt, WireType.Varint, 'Function.system_name', at);
        systemName = r.index(end);
        break;
      case 4:
        expectWire(wt, WireType.Varint, 'Function.filename', at);
        filename = r.index(end);
        break;
      case 5:
        expectWire(wt, WireType.Varint, 'Function.start_line', at);
        startLine = r.int64(end, 'start line');
        break;
      default:
        r.skip(wt, end, at);
    }
  }
  raw.fnOffset.push(offset);
  raw.fnId.push(id);
  raw.fnName.push(name);
  raw.fnSystemName.push(systemName);
  raw.fnFilename.push(filename);
  raw.fnStartLine.push(startLine);
}

/** A sample value: any int64, as pprof reads it; those beyond 2^53 also kept exactly. */
function pushSampleValue(raw: RawProfile, r: WireReader, end: number): void {
  const v = r.int64Value(end);
  if (r.lastWasBig) raw.bigSampleValues.set(raw.sampleValues.length, r.big);
  raw.sampleValues.push(v);
}
