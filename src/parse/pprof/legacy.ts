// Legacy profiles pprof still reads (google/pprof profile/legacy_profile.go, as Go 1.19 vendors
// it), for the formats the goroutine-text parser does not already read from Go's own debug=1
// output: the binary CPU profile of gperftools and old Go (64- or 32-bit words, either
// endianness), heap profiles other than Go's `heap profile: ... @ heap/N` (heap_v2, heapz_v2,
// heapprofile, growthz, fragmentationz), C++ `--- contentionz` and `--- threadz` texts, each
// with its memory map section. Locations are addresses only, adjusted as pprof adjusts them,
// placed in the mapping that holds them (pprof's massageMappings and its fake mapping), and the
// profile gets pprof's drop_frames for its type (addLegacyFrameInfo). Errors carry pprof's
// reason ("malformed profile format", pprof's sample messages) and the line.

import { ProfileBuilder } from '../../model/builder';
import { ParseError } from '../../model/errors';
import type { Mapping, Profile, ValueType } from '../../model/profile';
import { cutName, MAX_NAME_BYTES } from '../goroutines/intern';

export type LegacyKind = 'cpu' | 'heap' | 'contentionz' | 'threadz' | 'javaz';

// ---- pprof's addLegacyFrameInfo -------------------------------------------------------------

const allocRx = [
  'calloc', 'cfree', 'malloc', 'free', 'memalign', 'do_memalign', '(__)?posix_memalign', 'pvalloc', 'valloc', 'realloc',
  'tcmalloc::.*', 'tc_calloc', 'tc_cfree', 'tc_malloc', 'tc_free', 'tc_memalign', 'tc_posix_memalign', 'tc_pvalloc',
  'tc_valloc', 'tc_realloc', 'tc_new', 'tc_delete', 'tc_newarray', 'tc_deletearray', 'tc_new_nothrow',
  'tc_newarray_nothrow', 'malloc_zone_malloc', 'malloc_zone_calloc', 'malloc_zone_valloc', 'malloc_zone_realloc',
  'malloc_zone_memalign', 'malloc_zone_free', 'runtime\\..*', 'BaseArena::.*', '(::)?do_malloc_no_errno',
  '(::)?do_malloc_pages', '(::)?do_malloc', 'DoSampledAllocation', 'MallocedMemBlock::MallocedMemBlock', '_M_allocate',
  '__builtin_(vec_)?delete', '__builtin_(vec_)?new', '__gnu_cxx::new_allocator::allocate', '__libc_malloc',
  '__malloc_alloc_template::allocate', 'allocate', 'cpp_alloc', 'operator new(\\[\\])?', 'simple_alloc::allocate',
].join('|');
const allocSkipRx = ['runtime\\.panic', 'runtime\\.reflectcall', 'runtime\\.call[0-9]*'].join('|');
const cpuProfilerRx = [
  'ProfileData::Add', 'ProfileData::prof_handler', 'CpuProfiler::prof_handler', '__pthread_sighandler', '__restore',
].join('|');
const lockRx = [
  'RecordLockProfileData', '(base::)?RecordLockProfileData.*', '(base::)?SubmitMutexProfileData.*',
  '(base::)?SubmitSpinLockProfileData.*', '(base::Mutex::)?AwaitCommon.*', '(base::Mutex::)?Unlock.*',
  '(base::Mutex::)?UnlockSlow.*', '(base::Mutex::)?ReaderUnlock.*', '(base::MutexLock::)?~MutexLock.*',
  '(Mutex::)?AwaitCommon.*', '(Mutex::)?Unlock.*', '(Mutex::)?UnlockSlow.*', '(Mutex::)?ReaderUnlock.*',
  '(MutexLock::)?~MutexLock.*', '(SpinLock::)?Unlock.*', '(SpinLock::)?SlowUnlock.*', '(SpinLockHolder::)?~SpinLockHolder.*',
].join('|');

const heapzTypes = [
  ['allocations', 'size'],
  ['objects', 'space'],
  ['inuse_objects', 'inuse_space'],
  ['alloc_objects', 'alloc_space'],
  ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
];

/** pprof's addLegacyFrameInfo: the drop_frames and keep_frames every legacy profile gets. */
export function legacyFrameInfo(sampleTypes: readonly string[]): { dropFrames: string; keepFrames: string } {
  const is = (t: string[]) => t.length === sampleTypes.length && t.every((x, i) => x === sampleTypes[i]);
  if (heapzTypes.some(is)) return { dropFrames: allocRx, keepFrames: allocSkipRx };
  if (is(['contentions', 'delay'])) return { dropFrames: lockRx, keepFrames: '' };
  return { dropFrames: cpuProfilerRx, keepFrames: '' };
}

// ---- sniffing ---------------------------------------------------------------------------------

const GO_HEAP_HEADER = /^heap profile: (\d+): (\d+) \[(\d+): (\d+)\] @ heap\/(\d+)$/;
const heapHeaderRE = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const growthHeaderRE = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?/;
const fragmentationHeaderRE = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?/;
const threadzStartRE = /--- threadz \d+ ---/;
const threadStartRE = /--- Thread ([0-9a-fA-F]+) \(name: (.*)\/(\d+)\) stack: ---/;

/** The first line (up to 4 KB), without its line end. */
function firstLine(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, 4096);
  let e = bytes.indexOf(10);
  if (e < 0 || e > n) e = n;
  return new TextDecoder().decode(bytes.subarray(0, e)).replace(/\r$/, '');
}

/** Which legacy format the first bytes announce, among those this module reads; else null. */
export function sniffLegacy(bytes: Uint8Array): LegacyKind | null {
  if (cpuHeader(bytes) !== null) return 'cpu';
  if (bytes.length === 0 || bytes[0]! >= 128) return null;
  const line = firstLine(bytes);
  if (line.startsWith('heap profile:')) {
    if (GO_HEAP_HEADER.test(line)) return null; // Go's own debug=1 text: the goroutine-text parser reads it
    return heapHeaderRE.test(line) || growthHeaderRE.test(line) || fragmentationHeaderRE.test(line) ? 'heap' : null;
  }
  if (line.startsWith('--- contentionz ')) return 'contentionz'; // C++, else Java's "--- contentionz 1 ---"
  if (line.trim() === '--- heapz 1 ---') return 'javaz';
  // pprof skips blank and comment lines before a threadz header.
  const text = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  for (const l of text.split('\n')) {
    const t = l.trim();
    if (t === '' || t.startsWith('#')) continue;
    return threadzStartRE.test(l) || threadStartRE.test(l) ? 'threadz' : null;
  }
  return null;
}

// ---- binary CPU profile ----------------------------------------------------------------------

interface WordReader {
  size: 4 | 8;
  little: boolean;
}
const WORD_READERS: WordReader[] = [
  { size: 4, little: true },
  { size: 4, little: false },
  { size: 8, little: true },
  { size: 8, little: false },
];

function word(view: DataView, pos: number, r: WordReader): bigint | null {
  if (pos + r.size > view.byteLength) return null;
  return r.size === 8 ? view.getBigUint64(pos, r.little) : BigInt(view.getUint32(pos, r.little));
}

/** The reader and sampling period (µs) of a C++ binary CPU profile header 0, 3, 0, period, 0. */
function cpuHeader(bytes: Uint8Array): { reader: WordReader; period: bigint; java: boolean } | null {
  if (bytes.length < 20) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const r of WORD_READERS) {
    const w = [0, 1, 2, 3, 4].map((i) => word(view, i * r.size, r));
    if (w.some((x) => x === null)) continue;
    if (w[0] === 0n && w[1] === 3n && (w[2] === 0n || w[2] === 1n) && w[3]! > 0n && w[4] === 0n && bytes.length > 5 * r.size) {
      return { reader: r, period: w[3]!, java: w[2] === 1n };
    }
  }
  return null;
}

interface RawSample {
  values: number[];
  addrs: bigint[];
  bytesLabel?: number;
}

interface Parsed {
  /** Java profiles: function, file and line of each address (pprof's parseJavaLocations). */
  javaLocations?: Map<bigint, JavaFrame>;
  sampleTypes: ValueType[];
  periodType: ValueType;
  period: number;
  durationNanos: bigint;
  samples: RawSample[];
  mapText: string;
  cleanupDuplicates: boolean;
}

function parseCpu(bytes: Uint8Array): Parsed {
  const h = cpuHeader(bytes)!;
  const { reader: r } = h;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const period = Number(h.period) * 1000;
  const samples: RawSample[] = [];
  let pos = 5 * r.size;
  while (pos < bytes.length) {
    const count = word(view, pos, r);
    const nstk = word(view, pos + r.size, r);
    if (count === null || nstk === null || nstk > BigInt(Math.floor((bytes.length - pos - 2 * r.size) / 4))) {
      throw new ParseError('unrecognized', `legacy CPU profile: unrecognized profile format`, {
        offset: pos,
      });
    }
    pos += 2 * r.size;
    const addrs: bigint[] = [];
    for (let i = 0; i < Number(nstk); i++) {
      const a = word(view, pos, r);
      addrs.push(a ?? 0n);
      pos += r.size;
    }
    if (count === 0n && nstk === 1n && addrs[0] === 0n) break; // end of data
    // Adjust all but the leaf by -1 to land on the call (not for Java).
    if (!h.java) for (let i = 1; i < addrs.length; i++) addrs[i] = addrs[i]! - 1n;
    samples.push({ values: [Number(count), Number(count) * period], addrs });
  }
  const sampleTypes = [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ];
  const restBytes = bytes.subarray(Math.min(pos, bytes.length));
  if (h.java) {
    return {
      sampleTypes,
      periodType: { type: 'cpu', unit: 'nanoseconds' },
      period,
      durationNanos: 0n,
      samples,
      mapText: '',
      cleanupDuplicates: false,
      javaLocations: parseJavaLocations(linesOf(restBytes)),
    };
  }
  // A frame pushed by the signal handler: most samples share the second frame; pprof strips it (twice at most).
  const margin = Math.floor(samples.length / 32);
  for (let iter = 0; iter < 2; iter++) {
    const seen = new Map<bigint, number>();
    for (const s of samples) if (s.addrs.length > 1) seen.set(s.addrs[1]!, (seen.get(s.addrs[1]!) ?? 0) + 1);
    for (const [a, n] of seen) {
      if (n >= samples.length - margin) {
        for (const s of samples) if (s.addrs.length > 1 && s.addrs[1] === a) s.addrs.splice(1, 1);
        break;
      }
    }
  }
  return {
    sampleTypes,
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period,
    durationNanos: 0n,
    samples,
    mapText: new TextDecoder().decode(restBytes),
    cleanupDuplicates: true,
  };
}

// ---- text formats ----------------------------------------------------------------------------

const memoryMapSentinels = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];
const isMemoryMapSentinel = (l: string) => memoryMapSentinels.some((s) => l.includes(s));
const isSpaceOrComment = (l: string) => {
  const t = l.trim();
  return t === '' || t[0] === '#';
};
const hexNumberRE = /0x[0-9a-f]+/g;

function malformed(what: string, lineNo: number): ParseError {
  return new ParseError('malformed', what, { line: lineNo });
}

function parseHexAddresses(s: string, lineNo: number): bigint[] {
  const out: bigint[] = [];
  for (const m of s.match(hexNumberRE) ?? []) {
    if (m.length > 18 && BigInt(m) > 0xffffffffffffffffn) {
      throw malformed(`malformed sample: failed to parse as hex 64-bit number: ${m}`, lineNo);
    }
    out.push(BigInt(m));
  }
  return out;
}

/** pprof's scaleHeapSample (heap v2: probability 1-exp(-size/rate) of being sampled). */
export function scaleHeapSampleLegacy(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const scale = 1 / (1 - Math.exp(-(size / count) / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

const heapSampleRE = /(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)/;

/**
 * The lines of a legacy text, line ends removed, decoded line by line from the bytes (no copy
 * of the whole file as one string). Legacy texts are read with look-ahead, so they are kept.
 */
function linesOf(bytes: Uint8Array): string[] {
  const dec = new TextDecoder();
  const out: string[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    let nl = bytes.indexOf(10, pos);
    if (nl < 0) nl = bytes.length;
    const end = nl > pos && bytes[nl - 1] === 13 ? nl - 1 : nl;
    out.push(dec.decode(bytes.subarray(pos, end)));
    pos = nl + 1;
  }
  return out;
}

function parseHeap(lines: string[]): Parsed {
  const header = lines[0]!;
  let sampling = '';
  let period = 0;
  let hasAlloc = false;
  const m = heapHeaderRE.exec(header);
  if (m) {
    if (m[6]) period = Number(m[6]);
    hasAlloc = (m[3] !== m[1] && m[3] !== '0') || (m[4] !== m[2] && m[4] !== '0');
    switch (m[5]) {
      case 'heapz_v2':
      case 'heap_v2':
        sampling = 'v2';
        break;
      case 'heapprofile':
        period = 1;
        break;
      case 'heap':
        sampling = 'v2';
        period = Math.trunc(period / 2);
        break;
      default:
        throw new ParseError('unrecognized', `unrecognized profile format: heap profile type "${m[5]}"`, { line: 1 });
    }
  } else {
    period = 1; // growthz, fragmentationz
  }
  const sampleTypes: ValueType[] = hasAlloc
    ? [
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'bytes' },
      ]
    : [
        { type: 'objects', unit: 'count' },
        { type: 'space', unit: 'bytes' },
      ];
  const samples: RawSample[] = [];
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (isSpaceOrComment(line)) continue;
    if (isMemoryMapSentinel(line)) break;
    const s = heapSampleRE.exec(line);
    if (!s) throw malformed('unexpected number of sample values: got 0, want 6', i + 1);
    const values: number[] = [];
    let blocksize = 0;
    const add = (cs: string, ss: string, label: string) => {
      let count = Number(cs);
      let size = Number(ss);
      if (count === 0 && size !== 0) throw malformed(`${label} count was 0 but ${label} bytes was ${size}`, i + 1);
      if (count !== 0) {
        blocksize = Math.trunc(size / count);
        if (sampling === 'v2') [count, size] = scaleHeapSampleLegacy(count, size, period);
      }
      values.push(count, size);
    };
    if (hasAlloc) add(s[3]!, s[4]!, 'allocation');
    add(s[1]!, s[2]!, 'inuse');
    const addrs = parseHexAddresses(s[5]!, i + 1).map((a) => a - 1n);
    samples.push({ values, addrs, bytesLabel: blocksize });
  }
  return {
    sampleTypes,
    periodType: { type: 'space', unit: 'bytes' },
    period,
    durationNanos: 0n,
    samples,
    mapText: mapSection(lines, i),
    cleanupDuplicates: false,
  };
}

const contentionSampleRE = /(\d+) *(\d+) @([ x0-9a-f]*)/;

function parseContentionz(lines: string[]): Parsed {
  let period = 1;
  let cpuHz = 0;
  let durationNanos = 0n;
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const eq = line.indexOf('=');
    if (eq < 0) break;
    const key = line.slice(0, eq).trim();
    const val = line.slice(eq + 1).trim();
    const int = () => {
      if (!/^[+-]?\d+$/.test(val)) {
        throw new ParseError('unrecognized', `unrecognized profile format: "${key}" is not an integer`, { line: i + 1 });
      }
      return Number(val);
    };
    switch (key) {
      case 'cycles/second':
        cpuHz = int();
        break;
      case 'sampling period':
        period = int();
        break;
      case 'ms since reset':
        durationNanos = BigInt(int()) * 1000000n;
        break;
      case 'discarded samples':
        break;
      default:
        throw new ParseError('unrecognized', `unrecognized profile format: unknown contentionz attribute "${key}"`, {
          line: i + 1,
        });
    }
  }
  const samples: RawSample[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('---')) break;
    if (isSpaceOrComment(line)) continue;
    const s = contentionSampleRE.exec(line);
    if (!s) throw malformed(`unrecognized profile format: not a contention sample: "${line}"`, i + 1);
    let v1 = Number(s[1]);
    let v2 = Number(s[2]);
    if (period > 0) {
      if (cpuHz > 0) v1 = Math.trunc((v1 * period) / (cpuHz / 1e9));
      v2 *= period;
    }
    samples.push({ values: [v2, v1], addrs: parseHexAddresses(s[3]!, i + 1).map((a) => a - 1n) });
  }
  return {
    sampleTypes: [
      { type: 'contentions', unit: 'count' },
      { type: 'delay', unit: 'nanoseconds' },
    ],
    periodType: { type: 'contentions', unit: 'count' },
    period,
    durationNanos,
    samples,
    mapText: mapSection(lines, i),
    cleanupDuplicates: false,
  };
}

function parseThreadz(lines: string[]): Parsed {
  let i = 0;
  while (i < lines.length && isSpaceOrComment(lines[i]!)) i++;
  if (threadzStartRE.test(lines[i] ?? '')) {
    for (i++; i < lines.length; i++) {
      const l = lines[i]!;
      if (isMemoryMapSentinel(l) || l.startsWith('-')) break;
    }
  }
  const samples: RawSample[] = [];
  while (i < lines.length && !isMemoryMapSentinel(lines[i]!)) {
    if (lines[i]!.startsWith('---- no stack trace for')) break;
    if (!threadStartRE.test(lines[i]!)) {
      throw new ParseError('unrecognized', `unrecognized profile format: expected "--- Thread ..."`, { line: i + 1 });
    }
    const addrs: bigint[] = [];
    let same = false;
    for (i++; i < lines.length; i++) {
      const l = lines[i]!.trim();
      if (l === '') continue;
      if (l.startsWith('---')) break;
      if (l.includes('same as previous thread')) {
        same = true;
        continue;
      }
      addrs.push(...parseHexAddresses(l, i + 1));
    }
    if (same || addrs.length === 0) {
      if (samples.length > 0) samples[samples.length - 1]!.values[0]! += 1;
      continue;
    }
    for (let k = 1; k < addrs.length; k++) addrs[k] = addrs[k]! - 1n;
    samples.push({ values: [1], addrs });
  }
  return {
    sampleTypes: [{ type: 'thread', unit: 'count' }],
    periodType: { type: 'thread', unit: 'count' },
    period: 1,
    durationNanos: 0n,
    samples,
    mapText: mapSection(lines, i),
    cleanupDuplicates: true,
  };
}

/** The text after the memory map sentinel at or after line i (pprof's parseAdditionalSections). */
function mapSection(lines: string[], i: number): string {
  while (i < lines.length && !isMemoryMapSentinel(lines[i]!)) i++;
  return lines.slice(i + 1).join('\n');
}

// ---- Java texts (pprof's legacy_java_profile.go) --------------------------------------------

interface JavaFrame {
  func: string;
  file: string;
  line: number;
}

const attributeRx = /([\w ]+)=([\w ]+)/;
const javaSampleRx = / *(\d+) +(\d+) +@ +([ x0-9a-f]*)/;
const javaLocationRx = /^\s*0x([0-9a-fA-F]+)\s+(.*)\s*$/;
const javaLocationFileLineRx = /^(.*)\s+\((.+):(-?[0-9]+)\)$/;
const javaLocationPathRx = /^(.*)\s+\((.*)\)$/;
const JAVA_HEAPZ_SAMPLING_RATE = 524288;

function parseJavaLocations(lines: string[]): Map<bigint, JavaFrame> {
  const out = new Map<bigint, JavaFrame>();
  for (const raw of lines) {
    const line = raw.trim();
    const m = javaLocationRx.exec(line);
    if (!m) continue;
    const desc = m[2]!;
    let fl: RegExpExecArray | null;
    let frame: JavaFrame;
    if ((fl = javaLocationFileLineRx.exec(desc))) {
      const n = Number(fl[3]);
      frame = { func: fl[1]!, file: fl[2]!, line: n > 0 ? n : 0 };
    } else if ((fl = javaLocationPathRx.exec(desc))) {
      frame = { func: fl[1]!, file: fl[2]!.slice(fl[2]!.lastIndexOf('/') + 1), line: 0 };
    } else if (desc.includes('generated stub/JIT')) {
      frame = { func: 'STUB', file: '', line: 0 };
    } else {
      frame = { func: desc, file: '', line: 0 };
    }
    out.set(BigInt(`0x${m[1]!}`), frame);
  }
  return out;
}

function parseJavaText(lines: string[]): Parsed {
  const header = lines[0]!.trim();
  const pType = header === '--- heapz 1 ---' ? 'heap' : header === '--- contentionz 1 ---' ? 'contention' : '';
  if (!pType) throw new ParseError('unrecognized', 'unrecognized profile format', { line: 1 });
  let sampleTypes: ValueType[] = [];
  let periodType: ValueType = { type: '', unit: '' };
  let period = 0;
  let durationNanos = 0n;
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const h = attributeRx.exec(line);
    if (!h) break;
    const attr = h[1]!.trim();
    const value = h[2]!.trim();
    const int = () => {
      if (!/^[+-]?(0x[0-9a-fA-F]+|\d+)$/.test(value)) {
        throw new ParseError('malformed', `failed to parse attribute ${line}`, { line: i + 1 });
      }
      return Number(value);
    };
    switch (`${pType}/${attr}`) {
      case 'heap/format':
      case 'contention/format':
        if (value !== 'java') throw new ParseError('unrecognized', `unrecognized profile format: format = ${value}`, { line: i + 1 });
        break;
      case 'heap/resolution':
        sampleTypes = [
          { type: 'inuse_objects', unit: 'count' },
          { type: 'inuse_space', unit: value },
        ];
        break;
      case 'contention/resolution':
        sampleTypes = [
          { type: 'contentions', unit: 'count' },
          { type: 'delay', unit: value },
        ];
        break;
      case 'contention/sampling period':
        periodType = { type: 'contentions', unit: 'count' };
        period = int();
        break;
      case 'contention/ms since reset':
        durationNanos = BigInt(int()) * 1000000n;
        break;
      default:
        throw new ParseError('unrecognized', `unrecognized profile format: unknown attribute "${attr}"`, { line: i + 1 });
    }
  }
  if (sampleTypes.length === 0) {
    throw new ParseError('malformed', `the ${pType} profile has no "resolution" attribute, so its values have no sample types`, {
      line: 2,
    });
  }
  const samples: RawSample[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const m = javaSampleRx.exec(line);
    if (!m) break;
    let v0 = Number(m[2]);
    let v1 = Number(m[1]);
    let bytesLabel: number | undefined;
    if (pType === 'heap') {
      if (v0 === 0) throw new ParseError('malformed', `parsing sample ${line}: second value must be non-zero`, { line: i + 1 });
      bytesLabel = Math.trunc(v1 / v0);
      [v0, v1] = scaleHeapSampleLegacy(v0, v1, JAVA_HEAPZ_SAMPLING_RATE);
    } else if (period !== 0) {
      v0 *= period;
      v1 *= period;
    }
    samples.push({ values: [v0, v1], addrs: parseHexAddresses(m[3]!, i + 1), bytesLabel });
  }
  return {
    sampleTypes,
    periodType,
    period,
    durationNanos,
    samples,
    mapText: '',
    cleanupDuplicates: false,
    javaLocations: parseJavaLocations(lines.slice(i)),
  };
}

// ---- memory maps (pprof's ParseMemoryMap and massageMappings) ------------------------------

const cHex = '(?:0x)?([0-9a-fA-F]+)';
const cHexRange = `\\s*${cHex}[\\s-]?\\s*${cHex}:?`;
const procMapsRE = new RegExp(`^${cHexRange}(?:\\s+([-rwxp]+))?(?:\\s+([0-9a-fA-F]+))?\\s+[0-9a-fA-F]+:[0-9a-fA-F]+\\s+[0-9]+(?:\\s+(\\S+))?`);
const briefMapsRE = new RegExp(`^${cHexRange}(?:\\s+([-rwxp]+))?(?:\\s+(\\S+))?(?:\\s+\\(@([0-9a-fA-F]+)\\))?(?:\\s+([0-9a-fA-F]+))?`);
const logInfoRE = /^[^[\]]+:[0-9]+]\s/;
const libRx = /([.]so$|[.]so[._][0-9]+)/;

interface RawMapping {
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
}

const U64_MAX = 0xffffffffffffffffn;

function parseMappings(text: string): RawMapping[] {
  const out: RawMapping[] = [];
  const attrs: [string, string][] = [];
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\r$/, '');
    const li = logInfoRE.exec(line);
    if (li) line = line.slice(li[0].length);
    for (const [k, v] of attrs) line = line.split(k).join(v);
    let start: string, end: string, perm: string | undefined, offset: string | undefined, file: string | undefined;
    let buildId: string | undefined;
    const pm = procMapsRE.exec(line);
    const bm = pm ? null : briefMapsRE.exec(line);
    if (pm) [, start, end, perm, offset, file] = pm as unknown as string[] as [string, string, string, string, string, string];
    else if (bm) [, start, end, perm, file, offset, buildId] = bm as unknown as string[] as [string, string, string, string, string, string, string];
    else {
      const eq = line.indexOf('=');
      if (eq >= 0) attrs.push([`$${line.slice(0, eq).trim()}`, line.slice(eq + 1).trim()]);
      continue;
    }
    if (perm && !perm.includes('x')) continue;
    const bounds = { start: BigInt(`0x${start!}`), limit: BigInt(`0x${end!}`), offset: offset ? BigInt(`0x${offset}`) : 0n };
    // pprof's parseMappingEntry reads each with ParseUint(…, 16, 64): a line whose number does not
    // fit is not a mapping (errUnrecognized), and is skipped.
    if (bounds.start > U64_MAX || bounds.limit > U64_MAX || bounds.offset > U64_MAX) continue;
    out.push({ ...bounds, file: file ?? '', buildId: buildId ?? '' });
  }
  return out;
}

function adjacent(a: RawMapping, b: RawMapping): boolean {
  if (a.file !== '' && b.file !== '' && a.file !== b.file) return false;
  if (a.buildId !== '' && b.buildId !== '' && a.buildId !== b.buildId) return false;
  if (a.limit !== b.start) return false;
  if (a.offset !== 0n && b.offset !== 0n && a.offset + (a.limit - a.start) !== b.offset) return false;
  return true;
}

function massageMappings(ms: RawMapping[]): RawMapping[] {
  let out = ms;
  if (out.length > 1) {
    const merged = [out[0]!];
    for (const m of out.slice(1)) {
      const lm = merged[merged.length - 1]!;
      if (adjacent(lm, m)) {
        lm.limit = m.limit;
        if (m.file !== '') lm.file = m.file;
        if (m.buildId !== '') lm.buildId = m.buildId;
        continue;
      }
      merged.push(m);
    }
    out = merged;
  }
  for (let i = 0; i < out.length; i++) {
    const file = out[i]!.file.replace(/\(deleted\)/g, '').trim();
    if (file === '' || libRx.test(file) || file[0] === '[') continue;
    [out[0], out[i]] = [out[i]!, out[0]!];
    break;
  }
  // remapMappingIDs
  if (out.length > 0 && out[0]!.file.startsWith('/anon_hugepage') && out.length > 1 && out[0]!.limit === out[1]!.start) {
    out = out.slice(1);
  }
  if (out.length > 0 && out[0]!.start - out[0]!.offset === 0x400000n) {
    out[0]!.start = 0x400000n;
    out[0]!.offset = 0n;
  }
  return out;
}

// ---- to the model ----------------------------------------------------------------------------

/** Cuts the strings a legacy text puts in the model (names, files, build ids) as the other parsers do. */
class TextCap {
  cuts = 0;
  firstBytes = 0;
  private readonly utf8 = new TextEncoder();

  text(s: string): string {
    // Fewer UTF-16 units than MAX_NAME_BYTES / 3 cannot be more than MAX_NAME_BYTES bytes.
    if (s.length * 3 <= MAX_NAME_BYTES) return s;
    const bytes = this.utf8.encode(s);
    if (bytes.length <= MAX_NAME_BYTES) return s;
    if (this.cuts++ === 0) this.firstBytes = bytes.length;
    return cutName(bytes, 0, bytes.length);
  }

  note(): string | null {
    if (this.cuts === 0) return null;
    const n = this.cuts;
    const cap = MAX_NAME_BYTES.toLocaleString('en-US');
    return `${n.toLocaleString('en-US')} string${n > 1 ? 's' : ''} longer than ${cap} bytes kept as ${n > 1 ? 'their' : 'its'} first ${cap} bytes, marked "…[N more bytes cut]" (the first of ${this.firstBytes.toLocaleString('en-US')} bytes)`;
  }
}

function build(parsed: Parsed, cap: TextCap): Profile {
  if (parsed.cleanupDuplicates) {
    for (const s of parsed.samples) {
      if (s.addrs.length > 1 && s.addrs[0] === s.addrs[1]! + 1n) s.addrs.splice(1, 1);
    }
  }
  const maps = massageMappings(parseMappings(parsed.mapText));
  const frames = legacyFrameInfo(parsed.sampleTypes.map((t) => t.type));
  const valueType = (v: ValueType): ValueType => ({ type: cap.text(v.type), unit: cap.text(v.unit) });
  const b = new ProfileBuilder({
    sampleTypes: parsed.sampleTypes.map(valueType),
    periodType: valueType(parsed.periodType),
    period: parsed.period,
    durationNanos: parsed.durationNanos,
    ...frames,
  });
  const mapping = (m: RawMapping): Mapping => ({
    start: m.start,
    limit: m.limit,
    offset: m.offset,
    file: cap.text(m.file),
    buildId: cap.text(m.buildId),
    hasFunctions: false,
    hasFilenames: false,
    hasLineNumbers: false,
    hasInlineFrames: false,
  });
  for (const m of maps) b.addMapping(mapping(m));
  let fake = -1;
  const mappingOf = (a: bigint): number => {
    if (a === 0n) return -1;
    for (let i = 0; i < maps.length; i++) if (maps[i]!.start <= a && a < maps[i]!.limit) return i;
    for (let i = 0; i < maps.length; i++) {
      const m = maps[i]!;
      if (m.offset !== 0n && m.start - m.offset <= a && a < m.start) {
        m.start -= m.offset;
        m.offset = 0n;
        return i;
      }
    }
    if (fake < 0) fake = b.addMapping(mapping({ start: 0n, limit: 0xffffffffffffffffn, offset: 0n, file: '', buildId: '' }));
    return fake;
  };
  const locs = new Map<bigint, number>();
  const bytesKey = b.intern('bytes');
  const java = parsed.javaLocations;
  // Java: named addresses become function:line locations without an address (pprof's
  // Aggregate merges equal ones); the others stay addresses.
  const javaLocation = (a: bigint): number | undefined => {
    const f = java?.get(a);
    if (!f) return undefined;
    const name = b.intern(cap.text(f.func));
    return b.frame(b.addFunction(name, name, b.intern(cap.text(f.file))), f.line);
  };
  for (const s of parsed.samples) {
    for (const a of s.addrs) {
      let loc = locs.get(a);
      if (loc === undefined) {
        loc = javaLocation(a) ?? b.addLocation(a, mappingOf(a), []);
        locs.set(a, loc);
      }
      b.pushFrame(loc);
    }
    if (s.bytesLabel !== undefined) b.addNumLabel(bytesKey, s.bytesLabel);
    b.endSample(s.values);
  }
  const p = b.build();
  // Mappings whose start moved while locations were placed (pprof mutates them in place too).
  for (let i = 0; i < maps.length; i++) p.mappings[i] = mapping(maps[i]!);
  return p;
}

/**
 * Parses a legacy profile sniffLegacy recognised. Throws ParseError with pprof's reason. Strings
 * longer than MAX_NAME_BYTES are cut, said in a note pushed on `notes`.
 */
export function parseLegacy(bytes: Uint8Array, kind: LegacyKind, notes?: string[]): Profile {
  const cap = new TextCap();
  const profile = parseLegacyWith(bytes, kind, cap);
  const note = cap.note();
  if (note !== null) notes?.push(note);
  return profile;
}

function parseLegacyWith(bytes: Uint8Array, kind: LegacyKind, cap: TextCap): Profile {
  if (kind === 'cpu') return build(parseCpu(bytes), cap);
  const lines = linesOf(bytes);
  if (kind === 'heap') return build(parseHeap(lines), cap);
  if (kind === 'javaz') return build(parseJavaText(lines), cap);
  if (kind === 'contentionz') {
    // pprof tries the C++ form first; Java's "--- contentionz 1 ---" with "format = java" is refused there.
    try {
      return build(parseContentionz(lines), cap);
    } catch (e) {
      if (e instanceof ParseError && e.kind === 'unrecognized' && lines[0]!.trim() === '--- contentionz 1 ---') {
        return build(parseJavaText(lines), cap);
      }
      throw e;
    }
  }
  return build(parseThreadz(lines), cap);
}
