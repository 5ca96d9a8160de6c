// From bytes to a model: gzip or not, then pprof protobuf or goroutine text, decided by the
// content and never by the file name; then the profile the views show. loadProfile is the one
// way there for the worker and every CLI command.

import { ParseError, type Problem } from '../model/errors';
import type { GoroutineDump } from '../model/goroutines';
import type { Profile } from '../model/profile';
import { asPprofLoads } from '../model/pprofLoad';
import { goroutineDumpFromProfile, parseGoroutineText, sniffGoroutineText } from './goroutines';
import { MIN_PARALLEL_BYTES, parseDebug2Parallel, type ParallelParse } from './goroutines/parallel';
import { DEFAULT_MAX_INFLATED_BYTES, gunzip, inflateGzip, isGzip } from './inflate';
import { decodeProfile, looksLikeProfileProto } from './pprof';
import { legacyFrameInfo, parseLegacy, sniffLegacy } from './pprof/legacy';
import { knownNonProfile } from './nonProfile';
import { normalizeText } from './textEncoding';

export type LoadStep = 'inflating' | 'decoding';

export interface LoadOptions {
  maxInflatedBytes?: number;
  onProgress?: (step: LoadStep, done: number, total: number) => void;
  isCancelled?: () => boolean;
  /**
   * Parses large plain debug=2 dumps in `parts` parts run by `run` (other threads), merged into
   * exactly what one parse makes (goroutines/parallel.ts). Without it, one thread parses.
   */
  parallel?: ParallelParse;
}

export interface Loaded {
  /** A pprof profile, or the profile view of a goroutine dump. */
  profile: Profile;
  /** Present for goroutine dumps, and for pprof goroutine profiles (debug=0). */
  goroutines: GoroutineDump | null;
  formatLabel: string;
  gzipped: boolean;
  inflatedSize: number;
  /**
   * How the bytes were read, for the file's notes: a text encoding converted (UTF-16, a UTF-8
   * byte-order mark, CR-only line ends; textEncoding.ts), a pprof file's comments capped (each
   * naming its byte offset). Absent when none.
   */
  notes?: string[];
}

function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 16);
  const printable = [...head].every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
  if (printable) return `"${new TextDecoder().decode(head).replace(/\s+/g, ' ').trim()}..."`;
  return [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** A file loaded for the views: what loadProfile returns. */
export interface LoadedProfile {
  gzipped: boolean;
  /**
   * The bytes after gunzip (the input itself when it was not gzipped), as UTF-8 with LF or CRLF
   * line ends (textEncoding.ts): a debug=2 dump's text, which its offsets index.
   */
  inflated: Uint8Array;
  /** As decoded: the goroutine table, the format, and the profile before pprof's load rules. */
  loaded: Loaded;
  /** What every view of this file starts from: profileForViews(loaded). */
  profile: Profile;
}

/**
 * Raw file bytes to a profile ready for views: gunzip when gzipped (native, pako for a precise
 * message; capped at maxInflatedBytes), sniff, decode, then profileForViews. Progress steps are
 * 'inflating' (input bytes of the input's length) and 'decoding'. No Node or DOM API: the
 * worker and the CLI call it alike. Throws ParseError.
 */
export async function loadProfile(input: Uint8Array, opts: LoadOptions = {}): Promise<LoadedProfile> {
  if (input.length === 0) throw new ParseError('malformed', 'the file is empty');
  const gzipped = isGzip(input);
  const inflated = gzipped
    ? await gunzip(input, {
        maxBytes: opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
        onProgress: (inBytes) => opts.onProgress?.('inflating', inBytes, input.length),
        isCancelled: opts.isCancelled,
      })
    : input;
  if (inflated.length === 0) throw new ParseError('malformed', 'the file inflates to nothing');
  const text = normalizeText(inflated, opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES);
  const bytes = text.bytes;
  const loaded = withNote(
    opts.parallel && opts.parallel.parts > 1 && bytes.length >= (opts.parallel.minBytes ?? MIN_PARALLEL_BYTES) && isGoroutineDump(bytes)
      ? debug2Loaded(
          await parseDebug2Parallel(bytes, opts.parallel, {
            onProgress: (done, total) => opts.onProgress?.('decoding', done, total),
            isCancelled: opts.isCancelled,
          }),
          gzipped,
          bytes.length,
        )
      : decodeNormalized(bytes, gzipped, opts),
    text.note,
  );
  refuseNoSampleTypes(loaded);
  return { gzipped, inflated: bytes, loaded, profile: profileForViews(loaded) };
}

function withNote(loaded: Loaded, note: string | null): Loaded {
  if (note !== null) loaded.notes = [note, ...(loaded.notes ?? [])];
  return loaded;
}

/**
 * A profile.proto may carry no sample_type at all (2 bytes, `32 00`, decode as one): it has no
 * value any view could show (pprof says "profile has no samples"), so loading says so rather
 * than opening views that each need a sample type.
 */
function refuseNoSampleTypes(loaded: Loaded): void {
  if (loaded.profile.sampleTypes.length > 0) return;
  throw new ParseError('malformed', `a ${loaded.formatLabel} with no sample types: it holds no values to show`, { offset: 0 });
}

/**
 * The one place that says which files get pprof's load-time rules (its name clean-up and the
 * profile's drop_frames, model/pprofLoad.ts): pprof files, including debug=0 goroutine
 * profiles, are shown as `go tool pprof` shows them; goroutine text dumps (debug=1, debug=2,
 * crash output) as the runtime printed them.
 */
export function profileForViews(loaded: Loaded): Profile {
  // Goroutine text is shown as printed; pprof files, debug=1 heap/block/mutex/threadcreate texts
  // and other legacy profiles as pprof loads them.
  const fromText = loaded.goroutines !== null && loaded.goroutines.format !== 'debug0';
  return fromText ? loaded.profile : asPprofLoads(loaded.profile);
}

/**
 * Synchronous inflate (pako), sniff and decode, without the views' rules: for tests and
 * benchmarks that want Loaded as decoded. The app and the CLI use loadProfile.
 */
export function loadBytes(input: Uint8Array, opts: LoadOptions = {}): Loaded {
  if (input.length === 0) throw new ParseError('malformed', 'the file is empty');
  const gzipped = isGzip(input);
  const bytes = gzipped
    ? inflateGzip(input, {
        maxBytes: opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
        onProgress: (inBytes) => opts.onProgress?.('inflating', inBytes, input.length),
        isCancelled: opts.isCancelled,
      })
    : input;
  return decodeInflated(bytes, gzipped, opts);
}

/** Whether decodeInflated would read bytes as a debug=2 goroutine dump (or crash output). */
function isGoroutineDump(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || !(bytes[0]! > 32 && bytes[0]! < 127)) return false;
  return !knownNonProfile(bytes) && !sniffLegacy(bytes) && sniffGoroutineText(bytes) === 'debug2';
}

function debug2Loaded(dump: GoroutineDump, gzipped: boolean, inflatedSize: number): Loaded {
  return { profile: dump.profile, goroutines: dump, formatLabel: DEBUG2_LABEL, gzipped, inflatedSize };
}

const DEBUG2_LABEL = 'goroutine dump (debug=2)';

const LEGACY_LABELS = {
  cpu: 'CPU profile (legacy binary)',
  heap: 'heap profile (legacy text)',
  contentionz: 'contention profile (contentionz text)',
  threadz: 'thread profile (threadz text)',
  javaz: 'heap profile (Java heapz text)',
} as const;

/**
 * Sniffs and decodes bytes that are already inflated (the worker inflates asynchronously), after
 * converting a text encoding the parsers do not read (normalizeText; said in Loaded.notes).
 */
export function decodeInflated(bytes: Uint8Array, gzipped: boolean, opts: LoadOptions = {}): Loaded {
  if (bytes.length === 0) throw new ParseError('malformed', gzipped ? 'the file inflates to nothing' : 'the file is empty');
  const text = normalizeText(bytes, opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES);
  return withNote(decodeNormalized(text.bytes, gzipped, opts), text.note);
}

/** decodeInflated on bytes normalizeText has already seen. */
function decodeNormalized(bytes: Uint8Array, gzipped: boolean, opts: LoadOptions): Loaded {
  if (bytes.length === 0) throw new ParseError('malformed', 'the file holds no text after its byte-order mark');
  const progress = (done: number, total: number) => opts.onProgress?.('decoding', done, total);

  const other = knownNonProfile(bytes);
  if (other) throw new ParseError('unrecognized', other);

  const legacy = sniffLegacy(bytes);
  if (legacy) {
    const notes: string[] = [];
    const profile = parseLegacy(bytes, legacy, notes);
    progress(bytes.length, bytes.length);
    return {
      profile,
      goroutines: null,
      formatLabel: LEGACY_LABELS[legacy],
      gzipped,
      inflatedSize: bytes.length,
      ...(notes.length > 0 ? { notes: notes.map((n) => `${n}.`) } : {}),
    };
  }

  // Text first when the file starts with a printable character: Go's "heap profile: ..." line
  // also passes for the start of a profile.proto ('h' is field 13, a varint). Protobufs that
  // start otherwise (0x0a, sample_type, for every Go profile) never reach the text sniffer first.
  const printableStart = bytes[0]! > 32 && bytes[0]! < 127;
  let textKind = printableStart ? sniffGoroutineText(bytes) : null;
  if (!textKind && looksLikeProfileProto(bytes)) {
    const problems: Problem[] = [];
    const profile = decodeProfile(bytes, { onProgress: progress, isCancelled: opts.isCancelled, notes: problems });
    const isGoroutine = profile.sampleTypes.length === 1 && profile.sampleTypes[0]!.type === 'goroutine';
    return {
      profile,
      goroutines: isGoroutine ? goroutineDumpFromProfile(profile) : null,
      formatLabel: isGoroutine ? 'goroutine profile (pprof, debug=0)' : 'pprof profile',
      gzipped,
      inflatedSize: bytes.length,
      ...(problems.length > 0 ? { notes: problems.map((p) => `${p.message}.`) } : {}),
    };
  }
  if (!printableStart) textKind = sniffGoroutineText(bytes);
  if (textKind) {
    const dump = parseGoroutineText(bytes, { onProgress: progress, isCancelled: opts.isCancelled });
    // debug=1 text also carries heap, block, mutex and threadcreate profiles.
    const type = dump.profile.sampleTypes[0]?.type ?? '';
    const isGoroutine = textKind === 'debug2' || type === 'goroutine';
    // Those are pprof's legacy profiles: pprof's drop_frames for their type (addLegacyFrameInfo).
    // The heap's "# runtime.MemStats" block is not a comment for pprof (its -comments prints
    // nothing), so it stays out of the header, as pprof leaves it out.
    const profile = isGoroutine
      ? dump.profile
      : { ...dump.profile, ...legacyFrameInfo(dump.profile.sampleTypes.map((t) => t.type)) };
    return {
      profile,
      goroutines: isGoroutine ? dump : null,
      formatLabel:
        textKind === 'debug2' ? DEBUG2_LABEL : `${isGoroutine ? 'goroutine' : type || 'count'} profile (debug=1 text)`,
      gzipped,
      inflatedSize: bytes.length,
    };
  }
  throw new ParseError(
    'unrecognized',
    `not a pprof profile or a Go goroutine dump${gzipped ? ' (after gunzip)' : ''}: it starts with ${describeStart(bytes)}`,
    { offset: 0 },
  );
}
