// The columnar profile every view reads. Struct-of-arrays so it crosses postMessage as
// transferable typed arrays and costs no object per frame. Strings are interned once in
// `strings` (index 0 is always ""); every *Str / name / file field below is an index into it.

export interface ValueType {
  type: string;
  unit: string;
}

export interface Mapping {
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

/** Functions: one row per distinct (name, system name, file, start line). */
export interface FunctionTable {
  length: number;
  name: Int32Array;
  systemName: Int32Array;
  filename: Int32Array;
  startLine: Float64Array;
}

/**
 * Locations: an address in a mapping plus its source lines. Lines are innermost first, as in
 * profile.proto, so a location with several lines is a call chain that the compiler inlined.
 */
export interface LocationTable {
  length: number;
  address: BigUint64Array;
  /** Index into Profile.mappings, or -1. */
  mapping: Int32Array;
  isFolded: Uint8Array;
  /** Lines of location i are lines[lineStart[i] .. lineStart[i+1]). */
  lineStart: Uint32Array;
}

export interface LineTable {
  length: number;
  /** Index into the function table, or -1 when the line names no function. */
  func: Int32Array;
  line: Float64Array;
  column: Float64Array;
}

/**
 * Samples: stack i is locations[stackStart[i] .. stackStart[i+1]), leaf first (as in
 * profile.proto). values[t][i] is the value of sample type t for sample i.
 */
export interface SampleTable {
  length: number;
  stackStart: Uint32Array;
  stack: Uint32Array;
  values: Float64Array[];
  /**
   * exact[t][i]: the int64 value of sample type t for sample i, for the types whose values or
   * sums pass 2^53 (values[t] then holds the nearest doubles); absent or null for the others.
   * Sums over such a type are taken in int64 as pprof takes them (analysis/graph.ts nodeValues, top.ts computeTotal).
   */
  exact?: Array<BigInt64Array | null>;
  /** Labels of sample i are labels[labelStart[i] .. labelStart[i+1]). */
  labelStart: Uint32Array;
}

/** Labels: a string label has str > 0; a numeric one has str == 0 and num/numUnit. */
export interface LabelTable {
  length: number;
  key: Int32Array;
  str: Int32Array;
  num: Float64Array;
  numUnit: Int32Array;
}

export interface Profile {
  strings: string[];
  sampleTypes: ValueType[];
  /** Type name of profile.proto's default_sample_type, "" when unset. */
  defaultSampleType: string;
  periodType: ValueType | null;
  period: number;
  /** Nanoseconds since the epoch; bigint because real values exceed 2^53. 0n when unset. */
  timeNanos: bigint;
  durationNanos: bigint;
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  mappings: Mapping[];
  functions: FunctionTable;
  locations: LocationTable;
  lines: LineTable;
  samples: SampleTable;
  labels: LabelTable;
}

/** Every typed array of a profile, for postMessage's transfer list. */
export function profileBuffers(p: Profile): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    p.functions.name, p.functions.systemName, p.functions.filename, p.functions.startLine,
    p.locations.address, p.locations.mapping, p.locations.isFolded, p.locations.lineStart,
    p.lines.func, p.lines.line, p.lines.column,
    p.samples.stackStart, p.samples.stack, p.samples.labelStart, ...p.samples.values,
    p.labels.key, p.labels.str, p.labels.num, p.labels.numUnit,
  ];
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}
