// Phase 2 of the decode, as google/pprof's postDecode + CheckValid: string indexes become
// strings, ids become dense indices into the model tables, and everything that does not
// resolve is an error with the byte offset of the message that holds it.
//
// Where this is stricter or looser than Go 1.19's pprof, on purpose:
// - a Line with function_id 0 is kept as a line without a function (-1); Go rejects it;
// - a Location whose nonzero mapping_id names no mapping is an error; Go silently drops the
//   mapping;
// - a Label with neither str, num nor num_unit is dropped, as Go does.

import { ProfileBuilder, type ProfileHeader } from '../../model/builder';
import { ParseError, type Problem } from '../../model/errors';
import type { Profile, ValueType } from '../../model/profile';
import { StringInterner } from '../../model/strings';
import { WIDE_ID, type DecodeOptions, type RawIndex, type RawProfile, type RawValueType } from './raw';
import { MAX_SAFE, malformed } from './wire';

const CANCEL_CHECK_SAMPLES = 1 << 15;

/** Ids of one table (locations, functions or mappings) to their rows, exactly. */
class IdIndex {
  /** row + 1 by id for ids up to the table size (ids are usually 1..n); 0 means none. */
  readonly dense: Int32Array;
  private readonly sparse = new Map<number, number>();
  private readonly wide = new Map<bigint, number>();

  constructor(count: number) {
    this.dense = new Int32Array(count + 1);
  }

  /** Adds id -> row; false when the id is already taken. */
  add(id: number | bigint, row: number): boolean {
    if (typeof id === 'bigint') {
      if (this.wide.has(id)) return false;
      this.wide.set(id, row);
    } else if (id < this.dense.length) {
      if (this.dense[id] !== 0) return false;
      this.dense[id] = row + 1;
    } else {
      if (this.sparse.has(id)) return false;
      this.sparse.set(id, row);
    }
    return true;
  }

  /** The row of an id, or -1. */
  get(id: number | bigint): number {
    if (typeof id === 'bigint') return this.wide.get(id) ?? -1;
    if (id < this.dense.length) return this.dense[id]! - 1;
    return this.sparse.get(id) ?? -1;
  }
}

export function resolveProfile(raw: RawProfile, opts: DecodeOptions = {}): Profile {
  const strings = resolveStrings(raw);
  const header = resolveHeader(raw, strings, opts.notes);
  const builder = new ProfileBuilder(header, strings.interner);

  const mappingIndex = addMappings(raw, strings, builder);
  const fnModel = addFunctions(raw, strings, builder);
  const locIndex = addLocations(raw, builder, mappingIndex, fnModel);
  addSamples(raw, strings, builder, locIndex, header.sampleTypes.length, opts);
  const profile = builder.build();
  const exact = exactValues(raw, header.sampleTypes.length);
  if (exact) profile.samples.exact = exact;
  return profile;
}

/**
 * pprof sums sample values in int64. A double is exact for every partial sum below 2^53, so a
 * sample type needs exact (BigInt64) values only when a value is beyond 2^53 or the sum of
 * |values| could pass it; then sums over it are taken in int64 (analysis/graph.ts nodeValues, top.ts computeTotal), wrapping
 * as Go's do. Null when no type needs them (every profile Go writes below 104 days of block time).
 */
function exactValues(raw: RawProfile, typeCount: number): Array<BigInt64Array | null> | null {
  const n = raw.sampleCount;
  const values = raw.sampleValues.data;
  const start = raw.sampleValueStart.data;
  let out: Array<BigInt64Array | null> | null = null;
  for (let t = 0; t < typeCount; t++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.abs(values[start[i]! + t]!);
    let big = false;
    if (raw.bigSampleValues.size > 0) for (let i = 0; i < n && !big; i++) big = raw.bigSampleValues.has(start[i]! + t);
    if (!big && sum <= MAX_SAFE) continue;
    const col = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const k = start[i]! + t;
      col[i] = raw.bigSampleValues.get(k) ?? BigInt(values[k]!);
    }
    out ??= new Array<BigInt64Array | null>(typeCount).fill(null);
    out[t] = col;
  }
  return out;
}

interface ResolvedStrings {
  interner: StringInterner;
  /** Model string index by profile string index (the table may repeat a string). */
  map: Int32Array;
  text: string[];
  /** Model index of string `index`, or a malformed error naming `what`. */
  get(index: number, what: string, offset: number): number;
  /** The text of string `index`, checked the same way. */
  str(index: number, what: string, offset: number): string;
}

function resolveStrings(raw: RawProfile): ResolvedStrings {
  const text = raw.strings;
  // Go writes the string table last, so a cut file usually ends up here.
  if (text.length === 0) throw malformed('the profile has no string table (is the file truncated?)', raw.size);
  const interner = new StringInterner();
  const map = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) map[i] = interner.intern(text[i]!);
  const n = text.length;
  const check = (index: number, what: string, offset: number): void => {
    if (!(index >= 0 && index < n)) {
      throw malformed(`${what} refers to string ${index}, but the string table has ${n} entries`, offset);
    }
  };
  return {
    interner,
    map,
    text,
    get(index, what, offset) {
      check(index, what, offset);
      return map[index]!;
    },
    str(index, what, offset) {
      check(index, what, offset);
      return text[index]!;
    },
  };
}

/** Comments kept of a profile (the rest are counted in a note): 100,000 took the page 13.6 s to show. */
export const MAX_COMMENTS = 200;
/** Characters kept of one comment; a longer one ends in a marker saying how many were cut. */
export const MAX_COMMENT_CHARS = 1000;

/** The first MAX_COMMENTS comments, each at most MAX_COMMENT_CHARS, with notes on what was left out. */
function cappedComments(raw: RawProfile, text: (i: RawIndex, what: string) => string, notes: Problem[] | undefined): string[] {
  const all = raw.comments;
  const out: string[] = [];
  let cut = 0;
  let firstCut = 0;
  const utf8 = new TextEncoder();
  for (let i = 0; i < all.length && i < MAX_COMMENTS; i++) {
    const c = text(all[i]!, 'comment');
    if (c.length > MAX_COMMENT_CHARS) {
      if (cut++ === 0) firstCut = all[i]!.offset;
      // Not inside a surrogate pair; the count is of the bytes the file holds after the head
      // (of the whole entry, when the string table already cut it).
      let n = MAX_COMMENT_CHARS;
      const last = c.charCodeAt(n - 1);
      if (last >= 0xd800 && last < 0xdc00) n--;
      const head = c.slice(0, n);
      const whole = raw.cutStrings.get(all[i]!.index) ?? utf8.encode(c).length;
      out.push(`${head}…[${(whole - utf8.encode(head).length).toLocaleString('en-US')} more bytes cut]`);
    } else {
      out.push(c);
    }
  }
  if (all.length > MAX_COMMENTS) {
    const at = all[MAX_COMMENTS]!.offset;
    notes?.push({
      kind: 'limit',
      message: `${(all.length - MAX_COMMENTS).toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')} comments left out: the first ${MAX_COMMENTS} are kept (the next at byte ${at.toLocaleString('en-US')})`,
      offset: at,
    });
  }
  if (cut > 0) {
    notes?.push({
      kind: 'limit',
      message: `${cut.toLocaleString('en-US')} comment${cut > 1 ? 's' : ''} longer than ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters cut, marked "…[N more bytes cut]" (the first at byte ${firstCut.toLocaleString('en-US')})`,
      offset: firstCut,
    });
  }
  return out;
}

function resolveHeader(raw: RawProfile, s: ResolvedStrings, notes?: Problem[]): ProfileHeader {
  const text = (i: RawIndex, what: string) => s.str(i.index, what, i.offset);
  const valueType = (v: RawValueType, what: string): ValueType => ({
    type: text({ index: v.type, offset: v.offset }, `${what} type`),
    unit: text({ index: v.unit, offset: v.offset }, `${what} unit`),
  });
  const sampleTypes = raw.sampleTypes.map((v) => valueType(v, 'sample_type'));
  if (sampleTypes.length === 0 && raw.sampleCount > 0) {
    throw malformed('the profile has samples but no sample types', raw.sampleOffset.data[0]!);
  }
  return {
    sampleTypes,
    defaultSampleType: text(raw.defaultSampleType, 'default_sample_type'),
    periodType: raw.periodType ? valueType(raw.periodType, 'period_type') : null,
    period: raw.period,
    timeNanos: raw.timeNanos,
    durationNanos: raw.durationNanos,
    comments: cappedComments(raw, text, notes),
    dropFrames: framesPattern(raw, raw.dropFrames, 'drop_frames', text, notes),
    keepFrames: framesPattern(raw, raw.keepFrames, 'keep_frames', text, notes),
  };
}

/** drop_frames or keep_frames: a pattern the string table cut would match something else, so it is not used. */
function framesPattern(raw: RawProfile, at: RawIndex, what: string, text: (i: RawIndex, what: string) => string, notes?: Problem[]): string {
  const s = text(at, what);
  const whole = raw.cutStrings.get(at.index);
  if (whole === undefined) return s;
  notes?.push({
    kind: 'limit',
    message: `${what} is a pattern of ${whole.toLocaleString('en-US')} bytes, longer than the string cap: it is not applied`,
    offset: at.offset,
  });
  return '';
}

function addMappings(raw: RawProfile, s: ResolvedStrings, b: ProfileBuilder): IdIndex {
  const index = new IdIndex(raw.mappings.length);
  raw.mappings.forEach((m, row) => {
    checkId(index, m.id, row, 'mapping', m.offset);
    b.addMapping({
      start: m.start,
      limit: m.limit,
      offset: m.fileOffset,
      file: s.str(m.filename, 'mapping filename', m.offset),
      buildId: s.str(m.buildId, 'mapping build_id', m.offset),
      hasFunctions: m.hasFunctions,
      hasFilenames: m.hasFilenames,
      hasLineNumbers: m.hasLineNumbers,
      hasInlineFrames: m.hasInlineFrames,
    });
  });
  return index;
}

function checkId(index: IdIndex, id: number | bigint, row: number, what: string, offset: number): void {
  if (id === 0) throw malformed(`${what} has the reserved id 0`, offset);
  if (!index.add(id, row)) throw malformed(`duplicate ${what} id ${id}`, offset);
}

interface FunctionRows {
  index: IdIndex;
  /** Model function index by row: the builder merges functions that are equal. */
  model: Int32Array;
}

function addFunctions(raw: RawProfile, s: ResolvedStrings, b: ProfileBuilder): FunctionRows {
  const n = raw.functionCount;
  const index = new IdIndex(n);
  const model = new Int32Array(n);
  const name = raw.fnName.data;
  const systemName = raw.fnSystemName.data;
  const filename = raw.fnFilename.data;
  const startLine = raw.fnStartLine.data;
  for (let row = 0; row < n; row++) {
    const offset = raw.fnOffset.data[row]!;
    checkId(index, raw.fnId.get(row), row, 'function', offset);
    model[row] = b.addFunction(
      s.get(name[row]!, 'function name', offset),
      s.get(systemName[row]!, 'function system_name', offset),
      s.get(filename[row]!, 'function filename', offset),
      startLine[row]!,
    );
  }
  return { index, model };
}

function addLocations(
  raw: RawProfile,
  b: ProfileBuilder,
  mappings: IdIndex,
  functions: FunctionRows,
): IdIndex {
  const n = raw.locationCount;
  const index = new IdIndex(n);
  const lineStart = raw.locLineStart.data;
  const lineLine = raw.lineLine.data;
  const lineColumn = raw.lineColumn.data;
  for (let row = 0; row < n; row++) {
    const offset = raw.locOffset.data[row]!;
    const id = raw.locId.get(row);
    checkId(index, id, row, 'location', offset);

    let mapping = -1;
    const mappingId = raw.locMappingId.get(row);
    if (mappingId !== 0) {
      mapping = mappings.get(mappingId);
      if (mapping < 0) throw malformed(`location id ${id} refers to unknown mapping id ${mappingId}`, offset);
    }

    const lines: { func: number; line: number; column: number }[] = [];
    for (let l = lineStart[row]!, end = lineStart[row + 1]!; l < end; l++) {
      let func = -1;
      const funcId = raw.lineFuncId.get(l);
      if (funcId !== 0) {
        const fnRow = functions.index.get(funcId);
        if (fnRow < 0) throw malformed(`location id ${id} refers to unknown function id ${funcId}`, offset);
        func = functions.model[fnRow]!;
      }
      lines.push({ func, line: lineLine[l]!, column: lineColumn[l]! });
    }
    b.addLocation(raw.locAddress[row]!, mapping, lines, raw.locFolded[row]!);
  }
  return index;
}

function addSamples(
  raw: RawProfile,
  s: ResolvedStrings,
  b: ProfileBuilder,
  locations: IdIndex,
  typeCount: number,
  opts: DecodeOptions,
): void {
  const n = raw.sampleCount;
  const offsets = raw.sampleOffset.data;
  const locStart = raw.sampleLocStart.data;
  const ids = raw.sampleLocIds.data;
  const valueStart = raw.sampleValueStart.data;
  const values = raw.sampleValues.data;
  const labelStart = raw.sampleLabelStart.data;
  const labelKey = raw.labelKey.data;
  const labelStr = raw.labelStr.data;
  const labelNum = raw.labelNum.data;
  const labelUnit = raw.labelUnit.data;
  const labelOffset = raw.labelOffset.data;
  const dense = locations.dense;
  const denseLength = dense.length;
  const scratch = new Float64Array(typeCount);
  let wide = 0;
  b.reserve(raw.sampleLocIds.length, n);

  for (let i = 0; i < n; i++) {
    if ((i & (CANCEL_CHECK_SAMPLES - 1)) === CANCEL_CHECK_SAMPLES - 1 && opts.isCancelled?.()) {
      throw new ParseError('cancelled', 'decoding was cancelled', { offset: offsets[i]! });
    }
    const v0 = valueStart[i]!;
    const valueCount = valueStart[i + 1]! - v0;
    if (valueCount !== typeCount) {
      throw malformed(`sample has ${valueCount} values but the profile has ${typeCount} sample types`, offsets[i]!);
    }
    for (let t = 0; t < typeCount; t++) scratch[t] = values[v0 + t]!;

    for (let j = locStart[i]!, end = locStart[i + 1]!; j < end; j++) {
      const id = ids[j]!;
      let row: number;
      if (id === WIDE_ID) {
        const exact = raw.sampleWideIds[wide++]!;
        row = locations.get(exact);
        if (row < 0) throw unknownLocation(exact, offsets[i]!);
      } else {
        row = id < denseLength ? dense[id]! - 1 : locations.get(id);
        if (row < 0) throw unknownLocation(id, offsets[i]!);
      }
      b.pushFrame(row);
    }

    for (let k = labelStart[i]!, end = labelStart[i + 1]!; k < end; k++) {
      const offset = labelOffset[k]!;
      const key = s.get(labelKey[k]!, 'label key', offset);
      const str = labelStr[k]!;
      if (str !== 0) {
        b.addLabel(key, s.get(str, 'label value', offset));
      } else if (labelNum[k] !== 0 || labelUnit[k] !== 0) {
        const unit = labelUnit[k]!;
        b.addNumLabel(key, labelNum[k]!, unit === 0 ? 0 : s.get(unit, 'label num_unit', offset));
      }
    }
    b.endSample(scratch);
  }
}

function unknownLocation(id: number | bigint, offset: number): ParseError {
  return id === 0
    ? malformed('sample refers to location id 0, which is reserved', offset)
    : malformed(`sample refers to unknown location id ${id}`, offset);
}
