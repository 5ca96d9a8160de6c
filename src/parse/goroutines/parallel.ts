// Parsing a large debug=2 dump on several cores: split the input at goroutine boundaries, parse
// each part alone (parseDebug2Part, anywhere: another thread, another worker), then merge the
// parts into exactly the dump the single-threaded parse makes. Pure: the caller runs the parts
// (src/cli with worker_threads, src/worker with Web Workers) and hands their results back.
//
// Why the merge is exact: a part is parsed by the same parser from a state the whole parse also
// has there (after a blank line, before a goroutine header), and every table the parser builds
// (strings, functions, locations) numbers its rows in the order they first appear. Interning
// part 1's rows in their order, then part 2's, ... numbers them in the order they first appear
// in the whole input. Line numbers and byte offsets are shifted by what the earlier parts hold.
// What does not split (crash output, whose reading carries state from line to line; log
// prefixes; errors, whose line numbers are the whole input's) falls back to one parse.

import { ProfileBuilder } from '../../model/builder';
import { ParseError } from '../../model/errors';
import type { AncestorTable, GoroutineDump, GoroutineTable, UnparsedLines } from '../../model/goroutines';
import type { Profile } from '../../model/profile';
import { StringInterner } from '../../model/strings';
import { parseDebug2, parseDebug2Part } from './debug2';
import { parseHeader, newHeaderFields } from './header';
import { isPlainLayout } from './layout';
import { DEFAULT_MAX_GOROUTINES, type GoroutineParseOptions } from './options';
import { sniffLayout } from './sniff';
import { KEPT_LINE_NUMBERS } from './tally';

/** Below this, one thread parses faster than starting others and merging (measured: bench). */
export const MIN_PARALLEL_BYTES = 8 << 20;

/** Mirrors frames.ts: the builder's frame keys stay exact below 2^21 functions. */
const MAX_FUNCTIONS = 1 << 21;

/** One part to parse: bytes[start, end) of the whole input. */
export interface PartJob {
  start: number;
  end: number;
  /** The part that ends the input (the runtime's 64 MiB cap and cut tails are about it). */
  last: boolean;
  /** The whole input's length. */
  wholeLength: number;
}

/** What parsing one part gives: its dump as if alone, and what merging needs. */
export type DumpPart = ReturnType<typeof parseDebug2Part>;

/**
 * Runs the jobs (anywhere) on the bytes with opts (their caps; progress and cancellation are
 * for the job run on the calling thread, if any) and returns their parts in the jobs' order.
 */
export type PartRunner = (bytes: Uint8Array, jobs: PartJob[], opts: GoroutineParseOptions) => Promise<DumpPart[]>;

/** The options a part parsed on another thread needs: the caps (functions cannot cross). */
export function partCaps(opts: GoroutineParseOptions): GoroutineParseOptions {
  const caps: GoroutineParseOptions = {};
  if (opts.maxGoroutines !== undefined) caps.maxGoroutines = opts.maxGoroutines;
  if (opts.maxFramesPerStack !== undefined) caps.maxFramesPerStack = opts.maxFramesPerStack;
  return caps;
}

const LF = 10;
const CR = 13;
const GOROUTINE_SP = new TextEncoder().encode('\ngoroutine ');

/**
 * Where to cut a plain debug=2 dump into about `parts` parts of similar size: each cut is at
 * the start of a goroutine header line that follows a blank line. Null when the input is not a
 * plain debug=2 dump (log prefixes, debug=1), is smaller than minBytes, or has no place to cut.
 */
export function splitDump(bytes: Uint8Array, parts: number, minBytes = MIN_PARALLEL_BYTES): PartJob[] | null {
  const n = bytes.length;
  if (parts < 2 || n < minBytes) return null;
  const targets: number[] = [];
  for (let i = 1; i < parts; i++) targets.push(Math.floor((n * i) / parts));
  return splitDumpAt(bytes, targets);
}

/**
 * Cuts at the first goroutine boundary at or after each target offset (ascending); null when
 * the input is not a plain debug=2 dump or no target finds a boundary.
 */
export function splitDumpAt(bytes: Uint8Array, targets: readonly number[]): PartJob[] | null {
  const n = bytes.length;
  const sniffed = sniffLayout(bytes);
  if (!sniffed || sniffed.kind !== 'debug2' || !isPlainLayout(sniffed.layout)) return null;
  const cuts: number[] = [];
  const header = newHeaderFields();
  let from = 1;
  for (const target of targets) {
    const cut = nextBoundary(bytes, Math.max(from, target), header);
    if (cut < 0) break;
    cuts.push(cut);
    from = cut + 1;
  }
  if (cuts.length === 0) return null;
  const jobs: PartJob[] = [];
  let start = 0;
  for (const cut of [...cuts, n]) {
    jobs.push({ start, end: cut, last: cut === n, wholeLength: n });
    start = cut;
  }
  return jobs;
}

/** The offset of the first goroutine header at or after `from` that follows a blank line, or -1. */
function nextBoundary(bytes: Uint8Array, from: number, header: ReturnType<typeof newHeaderFields>): number {
  const n = bytes.length;
  let p = Math.max(1, from - 1);
  for (;;) {
    const at = indexOfBytes(bytes, GOROUTINE_SP, p);
    if (at < 0) return -1;
    p = at + 1;
    // The line before must be blank: "\n\n" or "\n\r\n".
    const blank = at >= 1 && (bytes[at - 1] === LF || (bytes[at - 1] === CR && at >= 2 && bytes[at - 2] === LF));
    if (!blank) continue;
    const s = at + 1;
    let e = bytes.indexOf(LF, s);
    // A header on the input's last line stays with what precedes it (its line may be cut).
    if (e < 0) return -1;
    if (e > s && bytes[e - 1] === CR) e--;
    if (parseHeader(bytes, s, e, header)) return s < n ? s : -1;
  }
}

function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = bytes.length - needle.length;
  for (let i = bytes.indexOf(first, from); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && bytes[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** Parses one job's bytes, as a helper thread does. */
export function parseDumpPart(bytes: Uint8Array, job: PartJob, opts: GoroutineParseOptions = {}): DumpPart {
  return parseDebug2Part(bytes.subarray(job.start, job.end), job.last, job.wholeLength, opts);
}

/** The buffers of a part, for postMessage's transfer list. */
export function dumpPartBuffers(part: DumpPart): ArrayBuffer[] {
  const p = part.dump.profile;
  const g = part.dump.goroutines!;
  const a = g.ancestors;
  const arrays: ArrayBufferView[] = [
    p.functions.name, p.functions.systemName, p.functions.filename, p.functions.startLine,
    p.locations.address, p.locations.mapping, p.locations.isFolded, p.locations.lineStart,
    p.lines.func, p.lines.line, p.lines.column,
    p.samples.stackStart, p.samples.stack, p.samples.labelStart, ...p.samples.values,
    p.labels.key, p.labels.str, p.labels.num, p.labels.numUnit,
    g.id, g.state, g.waitMinutes, g.flags, g.createdBy, g.creatorId, g.elidedFrames, g.offset, g.lineNo, g.ancestorStart,
    a.id, a.stackStart, a.stack, a.createdBy, a.framesElided,
  ];
  const seen = new Set<ArrayBuffer>();
  for (const x of arrays) if (x.buffer instanceof ArrayBuffer) seen.add(x.buffer);
  return [...seen];
}

/**
 * The parts' dumps merged into the dump of the whole input; null when the parts cannot be
 * merged exactly (crash output in a part, more goroutines or functions than the caps allow):
 * then the input is parsed again in one piece.
 */
export function mergeDumpParts(jobs: readonly PartJob[], parts: readonly DumpPart[], opts: GoroutineParseOptions = {}): GoroutineDump | null {
  if (parts.length !== jobs.length || parts.length === 0) throw new Error(`mergeDumpParts: ${parts.length} parts for ${jobs.length} jobs`);
  let total = 0;
  for (const part of parts) {
    if (part.crashSeen || part.dump.crash || part.dump.prefix || part.dump.problems || !part.dump.goroutines) return null;
    total += part.dump.total;
  }
  if (total > (opts.maxGoroutines ?? DEFAULT_MAX_GOROUTINES)) return null;

  const first = parts[0]!.dump.profile;
  const strings = new StringInterner();
  const builder = new ProfileBuilder(
    {
      sampleTypes: first.sampleTypes,
      periodType: first.periodType,
      period: first.period,
    },
    strings,
  );
  const stringMaps: Int32Array[] = [];
  const locMaps: Int32Array[] = [];
  const addressLocs = new Map<string, number>();
  for (const part of parts) {
    const p = part.dump.profile;
    const sm = new Int32Array(p.strings.length);
    for (let i = 0; i < p.strings.length; i++) sm[i] = strings.intern(p.strings[i]!);
    const fm = new Int32Array(p.functions.length);
    const f = p.functions;
    for (let i = 0; i < f.length; i++) fm[i] = builder.addFunction(sm[f.name[i]!]!, sm[f.systemName[i]!]!, sm[f.filename[i]!]!, f.startLine[i]!);
    const hexOf = new Map<number, string>();
    for (const [hex, loc] of part.addressLocations) hexOf.set(loc, hex);
    const l = p.locations;
    const lm = new Int32Array(l.length);
    for (let i = 0; i < l.length; i++) {
      const ls = l.lineStart[i]!;
      if (l.lineStart[i + 1]! - ls === 1) {
        lm[i] = builder.frame(fm[p.lines.func[ls]!]!, p.lines.line[ls]!);
        continue;
      }
      const hex = hexOf.get(i);
      if (hex === undefined) throw new Error(`mergeDumpParts: location ${i} has no source line and no address key`);
      let loc = addressLocs.get(hex);
      if (loc === undefined) {
        loc = builder.addLocation(l.address[i]!, -1, []);
        addressLocs.set(hex, loc);
      }
      lm[i] = loc;
    }
    stringMaps.push(sm);
    locMaps.push(lm);
  }
  const built = builder.build();
  if (built.functions.length >= MAX_FUNCTIONS) return null;

  const profile: Profile = { ...built, samples: mergeSamples(parts, locMaps), labels: mergeLabels(parts, stringMaps) };
  const goroutines = mergeTables(jobs, parts, stringMaps, locMaps);
  return {
    format: 'debug2',
    profile,
    goroutines,
    total,
    truncated: parts.some((p) => p.dump.truncated),
    unparsed: mergeTallies(parts, (p) => p.dump.unparsed),
    skipped: mergeTallies(parts, (p) => p.dump.skipped!),
  };
}

/** Concatenation of the parts' arrays; with maps, each value v of part k becomes maps[k][v] (negative values stay). */
function concat<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
  make: new (n: number) => T,
  arrays: readonly T[],
  maps?: readonly Int32Array[],
): T {
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new make(n);
  let o = 0;
  for (let k = 0; k < arrays.length; k++) {
    const a = arrays[k]!;
    if (maps) {
      const m = maps[k]!;
      for (let i = 0; i < a.length; i++) {
        const v = a[i]!;
        out[o + i] = v < 0 ? v : m[v]!;
      }
    } else {
      out.set(a as never, o);
    }
    o += a.length;
  }
  return out;
}

/** Concatenation of the parts' arrays, each plus its part's shift. */
function concatShifted<T extends Float64Array | Uint32Array>(make: new (n: number) => T, arrays: readonly T[], shift: readonly number[]): T {
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new make(n);
  let o = 0;
  for (let k = 0; k < arrays.length; k++) {
    const a = arrays[k]!;
    const d = shift[k]!;
    for (let i = 0; i < a.length; i++) out[o + i] = a[i]! + d;
    o += a.length;
  }
  return out;
}

/** Concatenation of start-offset columns (n + 1 entries each, starting at 0), shifted. */
function concatStarts(arrays: readonly Uint32Array[]): Uint32Array {
  let n = 1;
  for (const a of arrays) n += a.length - 1;
  const out = new Uint32Array(n);
  let o = 1;
  let base = 0;
  for (const a of arrays) {
    for (let i = 1; i < a.length; i++) out[o++] = a[i]! + base;
    base += a[a.length - 1]!;
  }
  return out;
}

function mergeSamples(parts: readonly DumpPart[], locMaps: readonly Int32Array[]): Profile['samples'] {
  const s = parts.map((p) => p.dump.profile.samples);
  let length = 0;
  for (const x of s) length += x.length;
  const stack = concat(Uint32Array, s.map((x) => x.stack), locMaps);
  return {
    length,
    stackStart: concatStarts(s.map((x) => x.stackStart)),
    stack,
    values: s[0]!.values.map((_, t) => concat(Float64Array, s.map((x) => x.values[t]!))),
    labelStart: concatStarts(s.map((x) => x.labelStart)),
  };
}

function mergeLabels(parts: readonly DumpPart[], stringMaps: readonly Int32Array[]): Profile['labels'] {
  const l = parts.map((p) => p.dump.profile.labels);
  let length = 0;
  for (const x of l) length += x.length;
  const str = stringMaps;
  return {
    length,
    key: concat(Int32Array, l.map((x) => x.key), str),
    str: concat(Int32Array, l.map((x) => x.str), str),
    num: concat(Float64Array, l.map((x) => x.num)),
    numUnit: concat(Int32Array, l.map((x) => x.numUnit), str),
  };
}

function mergeTables(jobs: readonly PartJob[], parts: readonly DumpPart[], stringMaps: readonly Int32Array[], locMaps: readonly Int32Array[]): GoroutineTable {
  const t = parts.map((p) => p.dump.goroutines!);
  const a = t.map((x) => x.ancestors);
  const lineBase: number[] = [];
  let lines = 0;
  for (const p of parts) {
    lineBase.push(lines);
    lines += p.lines;
  }
  const loc = locMaps;
  let length = 0;
  for (const x of t) length += x.length;
  let ancestorCount = 0;
  for (const x of a) ancestorCount += x.length;
  const ancestors: AncestorTable = {
    length: ancestorCount,
    id: concat(Float64Array, a.map((x) => x.id)),
    stackStart: concatStarts(a.map((x) => x.stackStart)),
    stack: concat(Uint32Array, a.map((x) => x.stack), locMaps),
    createdBy: concat(Int32Array, a.map((x) => x.createdBy), loc),
    framesElided: concat(Uint8Array, a.map((x) => x.framesElided)),
  };
  return {
    length,
    id: concat(Float64Array, t.map((x) => x.id)),
    state: concat(Int32Array, t.map((x) => x.state), stringMaps),
    waitMinutes: concat(Int32Array, t.map((x) => x.waitMinutes)),
    flags: concat(Uint8Array, t.map((x) => x.flags)),
    createdBy: concat(Int32Array, t.map((x) => x.createdBy), loc),
    creatorId: concat(Float64Array, t.map((x) => x.creatorId)),
    elidedFrames: concat(Uint32Array, t.map((x) => x.elidedFrames)),
    offset: concatShifted(Float64Array, t.map((x) => x.offset), jobs.map((j) => j.start)),
    lineNo: concatShifted(Uint32Array, t.map((x) => x.lineNo), lineBase),
    ancestorStart: concatStarts(t.map((x) => x.ancestorStart)),
    ancestors,
  };
}

function mergeTallies(parts: readonly DumpPart[], get: (p: DumpPart) => UnparsedLines): UnparsedLines {
  let count = 0;
  const firstLines: number[] = [];
  let base = 0;
  for (const p of parts) {
    const u = get(p);
    count += u.count;
    for (const line of u.firstLines) if (firstLines.length < KEPT_LINE_NUMBERS) firstLines.push(line + base);
    base += p.lines;
  }
  return { count, firstLines };
}

/** loadProfile's and parseDebug2Parallel's `parallel` option. */
export interface ParallelParse {
  /** How many parts to cut (the threads the runner has, this one included). */
  parts: number;
  run: PartRunner;
  /** Inputs smaller than this are parsed in one piece; default MIN_PARALLEL_BYTES. */
  minBytes?: number;
  /**
   * Told when the runner failed other than by a ParseError (a thread that would not start, a
   * lost message): the input was then parsed in one piece, and the result is still exact.
   */
  onRunnerError?: (error: unknown) => void;
}

/**
 * parseDebug2 on several threads: split, run the parts through `run`, merge. Falls back to
 * one parseDebug2 (whose result or error is then the answer) when the input does not split,
 * when the parts do not merge exactly, or when a part fails other than by cancellation.
 */
export async function parseDebug2Parallel(bytes: Uint8Array, parallel: ParallelParse, opts: GoroutineParseOptions = {}): Promise<GoroutineDump> {
  const jobs = splitDump(bytes, parallel.parts, parallel.minBytes);
  if (!jobs) return parseDebug2(bytes, opts);
  let parts: DumpPart[];
  try {
    // Progress: the parts are of a size and run at once, so the first part's share stands for the whole.
    const first = jobs[0]!.end;
    const onProgress = opts.onProgress;
    const local: GoroutineParseOptions = {
      ...opts,
      onProgress: onProgress ? (done) => onProgress(Math.min(bytes.length, Math.round((done / first) * bytes.length)), bytes.length) : undefined,
    };
    parts = await parallel.run(bytes, jobs, local);
  } catch (e) {
    if (e instanceof ParseError && e.kind === 'cancelled') throw e;
    if (!(e instanceof ParseError)) parallel.onRunnerError?.(e);
    return parseDebug2(bytes, opts);
  }
  return mergeDumpParts(jobs, parts, opts) ?? parseDebug2(bytes, opts);
}
