// Loading inside the worker: read the source, then parse/load.ts's loadProfile (the CLI's path
// too), then the session that serves every later call and the summary the page shows. Comparisons read their files here too.

import { loadProfile, profileForViews, type Loaded } from '../parse/load';
import { ParseError } from '../model/errors';
import type { Profile } from '../model/profile';
import { combineDumps, setIncompatibility } from '../analysis/replicaSet';
import { concatProfiles, mergeProfiles } from '../analysis/diffMerge';
import { DEFAULT_MAX_INFLATED_BYTES } from '../parse/inflate';
import { defaultSampleIndex } from '../analysis/sampleIndex';
import { noFilter } from '../analysis/sampleFilter';
import { summarizeLabels } from '../analysis/labels';
import { MAX_LABEL_VALUES } from '../analysis/goroutineGroups';
import type { CompareInfo, FileSummary, LoadPhase, LoadRequest, LoadResult, LoadSource } from './protocol';
import { readSource } from './readSource';
import { Session } from './session';
import { CompareSession, compareFile, type CompareFile } from './compareSession';
import { flameMaxNodes } from './transfer';
import { sniffArchive, unpackArchive } from '../parse/archive';
import type { UnpackResult } from './protocol';
import { helperParallel } from './partPool';
import { clipNotes, clipText } from '../lib/clip';

/** The first 64 KiB are enough to tell an archive (a .tar.gz's first tar header is in them). */
const SNIFF_BYTES = 1 << 16;

/**
 * An archive's members, or kind null when the source is no archive: then only its first 64 KiB
 * were read, and the page opens it as one file.
 */
export async function unpackSource(source: LoadSource, progress: Progress): Promise<UnpackResult> {
  const head = source.bytes ? new Uint8Array(source.bytes, 0, Math.min(SNIFF_BYTES, source.bytes.byteLength)) : source.file ? new Uint8Array(await source.file.slice(0, SNIFF_BYTES).arrayBuffer()) : null;
  if (!head) throw new Error('nothing to read');
  const kind = sniffArchive(head);
  if (!kind) return { kind: null, members: [], skipped: [] };
  const bytes = await readSource(source, (d, t) => progress('reading', d, t));
  progress('inflating', 0, 1);
  const u = await unpackArchive(bytes, kind);
  return { kind, members: u.members.map((m) => ({ name: m.name, bytes: m.bytes.buffer })), skipped: u.skipped };
}

export type Progress = (phase: LoadPhase, done: number, total: number) => void;

/** Read, then parse/load.ts's one path: gunzip once, sniff, decode, pprof's load-time rules. */
async function readAndLoad(source: LoadSource, maxInflatedBytes: number, progress: Progress) {
  const bytes = await readSource(source, (d, t) => progress('reading', d, t));
  const loaded = await loadProfile(bytes, { maxInflatedBytes, onProgress: progress, parallel: helperParallel() });
  return { bytes, ...loaded };
}

function lineList(u: { count: number; firstLines: number[] }): string {
  const more = u.count > u.firstLines.length ? ', …' : '';
  return `line${u.count > 1 ? 's' : ''} ${u.firstLines.join(', ')}${more}`;
}

export interface LoadedFile extends LoadResult {
  session: Session;
  /** The bytes as read (hashed on request, then freed) and the profile's own capture time. */
  raw: { bytes: Uint8Array; time: string | null };
}

/** Progress that also times each phase, and posts at most every 50 ms. */
function timedProgress(post: Progress) {
  const timings: Partial<Record<LoadPhase, number>> = {};
  let phaseStart = performance.now();
  let phase: LoadPhase = 'reading';
  let lastPost = 0;
  const progress: Progress = (p, done, total) => {
    if (p !== phase) {
      timings[phase] = performance.now() - phaseStart;
      phase = p;
      phaseStart = performance.now();
    }
    const now = performance.now();
    if (now - lastPost > 50 || done === total) {
      lastPost = now;
      post(p, done, total);
    }
  };
  const finish = () => {
    timings[phase] = performance.now() - phaseStart;
    return timings;
  };
  return { progress, finish };
}

export async function loadFile(req: LoadRequest, post: Progress): Promise<LoadedFile> {
  if (req.members) return loadSet(req, req.members, post);
  const { progress, finish } = timedProgress(post);
  const { bytes, inflated, loaded, profile: p } = await readAndLoad(req.source, req.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, progress);
  progress('analysing', 0, 1);
  const session = new Session(p, loaded.goroutines, loaded.goroutines?.format === 'debug2' ? inflated : null);
  const sampleIndex = defaultSampleIndex(p);
  // The flame graph is what the page shows first; the top table is asked for next.
  const flame = session.flame({ filter: noFilter, sampleIndex, focus: null, zoom: 0, minFraction: req.flameMinFraction, maxNodes: flameMaxNodes });
  const timings = finish();
  const summary = summarize(loaded, p, bytes.length, sampleIndex, fileNotes(loaded), timings);
  const t = loaded.profile.timeNanos;
  const time = t > 0n ? new Date(Number(t / 1_000_000n)).toISOString() : null;
  return { session, summary, flame, raw: { bytes, time } };
}

/** Notes on how a file was read: removed prefixes, a cut end, lines outside goroutines. */
function fileNotes(loaded: Loaded): string[] {
  const notes: string[] = [...(loaded.notes ?? [])];
  const g = loaded.goroutines;
  if (g?.prefix) {
    notes.push(`Removed the prefix \`${g.prefix.example}\` (and others of its shape) from ${g.prefix.lines.toLocaleString('en-US')} line${g.prefix.lines > 1 ? 's' : ''}.`);
  }
  if (g?.truncated) notes.push('The dump was cut: the last goroutine is incomplete (parsed as far as it goes).');
  if (g?.skipped && g.skipped.count > 0) {
    const n = g.skipped.count;
    notes.push(
      g.format === 'debug2'
        ? // Crash output is read into g.crash; what is left outside the goroutines is the program's log.
          `${n} log line${n > 1 ? 's' : ''} outside any goroutine (${lineList(g.skipped)}).`
        : `${n} line${n > 1 ? 's' : ''} outside any record skipped (${lineList(g.skipped)}).`,
    );
  }
  for (const problem of g?.problems ?? []) notes.push(problem.line !== undefined ? `${problem.message} (line ${problem.line})` : problem.message);
  if (g && g.unparsed.count > 0) {
    notes.push(`${g.unparsed.count} line${g.unparsed.count > 1 ? 's' : ''} not understood (${lineList(g.unparsed)}).`);
  }
  return notes;
}

function summarize(loaded: Loaded, p: Profile, size: number, sampleIndex: number, notes: string[], timings: FileSummary['timings']): FileSummary {
  const g = loaded.goroutines;
  const summary: FileSummary = {
    kind: g ? 'goroutines' : 'pprof',
    formatLabel: loaded.formatLabel,
    goroutineFormat: g?.format,
    sampleTypes: p.sampleTypes,
    defaultSampleIndex: sampleIndex,
    size,
    inflatedSize: loaded.inflatedSize,
    gzipped: loaded.gzipped,
    sampleCount: p.samples.length,
    locationCount: p.locations.length,
    functionCount: p.functions.length,
    // Notes and comments quote the file (a prefix, a line): each is clipped, and their number capped.
    notes: clipNotes(notes),
    timings,
    ...(loaded.profile.comments.length > 0 ? { comments: loaded.profile.comments.slice(0, 200).map((c) => clipText(c)) } : {}),
    labels: summarizeLabels(p, sampleIndex, g?.format === 'debug2', MAX_LABEL_VALUES),
  };
  if (g?.crash) summary.crash = g.crash;
  return summary;
}

/**
 * Several files of different processes as one (a set): each read and decoded as on its own,
 * then profiles merged as pprof merges them (profile.Merge, then pprof's load rules on the
 * result), or dumps side by side (analysis/replicaSet.ts), every goroutine kept with its member.
 * The members' own sessions answer the per-replica columns and findings.
 */
async function loadSet(req: LoadRequest, sources: LoadSource[], post: Progress): Promise<LoadedFile> {
  const { progress, finish } = timedProgress(post);
  const members: Array<{ name: string; bytes: Uint8Array; inflated: Uint8Array; loaded: Loaded; profile: Profile }> = [];
  for (const source of sources) {
    try {
      members.push({ name: source.name, ...(await readAndLoad(source, req.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, progress)) });
    } catch (e) {
      throw e instanceof ParseError ? new ParseError(e.kind, `${source.name}: ${e.message}`, { offset: e.offset, line: e.line }) : e;
    }
  }
  progress('analysing', 0, 1);
  const names = members.map((m) => m.name);
  const problem = setIncompatibility(members.map((m) => ({ name: m.name, dump: m.loaded.goroutines })));
  if (problem) throw new ParseError('unrecognized', `These files cannot be one set: ${problem}.`);
  const first = members[0]!;
  let loaded: Loaded;
  let profile: Profile;
  let text: Uint8Array | null = null;
  let memberOfSample: Uint16Array | null = null;
  if (first.loaded.goroutines) {
    const combined = combineDumps(members.map((m) => ({ name: m.name, dump: m.loaded.goroutines!, text: m.loaded.goroutines!.format === 'debug2' ? m.inflated : null })));
    // Text dumps are shown as printed (their view profile is the dump's); debug=0 profiles get
    // pprof's load rules, member by member, then side by side in the same order.
    const asPrinted = members.every((m) => m.profile === m.loaded.goroutines!.profile);
    profile = asPrinted ? combined.dump.profile : concatProfiles(members.map((m) => m.profile));
    loaded = { ...first.loaded, profile: combined.dump.profile, goroutines: combined.dump, inflatedSize: sum(members.map((m) => m.loaded.inflatedSize)) };
    text = combined.text;
    memberOfSample = combined.memberOfSample;
  } else {
    const merged = mergeProfiles(members.map((m) => m.loaded.profile));
    loaded = { ...first.loaded, profile: merged, inflatedSize: sum(members.map((m) => m.loaded.inflatedSize)) };
    profile = profileForViews(loaded);
  }
  const memberSessions = members.map((m) => new Session(m.profile, m.loaded.goroutines, null));
  const session = new Session(profile, loaded.goroutines, text, { names, memberOfSample, members: memberSessions });
  const sampleIndex = defaultSampleIndex(profile);
  const flame = session.flame({ filter: noFilter, sampleIndex, focus: null, zoom: 0, minFraction: req.flameMinFraction, maxNodes: flameMaxNodes });
  const notes = [
    first.loaded.goroutines
      ? `${members.length} dumps side by side: every group counts the goroutines of all of them, with a column per file.`
      : `${members.length} profiles merged as \`go tool pprof ${names.length > 3 ? 'FILE...' : names.join(' ')}\` merges them (samples of equal stacks and labels added up).`,
    ...members.flatMap((m) => fileNotes(m.loaded).map((n) => `${m.name}: ${n}`)),
  ];
  const size = sum(members.map((m) => m.bytes.length));
  const summary = summarize(loaded, profile, size, sampleIndex, notes, finish());
  summary.formatLabel = `set of ${members.length}: ${first.loaded.formatLabel}`;
  summary.members = names;
  delete summary.crash;
  // The set's identity is its members' bytes in order: the same files, opened as a set again, are the same set.
  const raw = new Uint8Array(size);
  let at = 0;
  for (const m of members) {
    raw.set(m.bytes, at);
    at += m.bytes.length;
  }
  const times = members.map((m) => m.loaded.profile.timeNanos).filter((t) => t > 0n);
  const earliest = times.length > 0 ? times.reduce((a, b) => (b < a ? b : a)) : 0n;
  return { session, summary, flame, raw: { bytes: raw, time: earliest > 0n ? new Date(Number(earliest / 1_000_000n)).toISOString() : null } };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Several files for a comparison: each read and decoded again, here, as the files' own workers did. */
export async function loadComparison(sources: LoadSource[], post: Progress): Promise<{ compare: CompareSession; info: CompareInfo }> {
  const files: CompareFile[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    // Progress is the current file's; the page says which file of how many.
    post('reading', i, sources.length);
    const { loaded, inflated } = await readAndLoad(source, DEFAULT_MAX_INFLATED_BYTES, post);
    files.push(compareFile(source.name, loaded, inflated, source.knownTime ?? null));
  }
  const compare = new CompareSession(files);
  const info: CompareInfo = {
    files: files.map((f) => ({
      name: f.name,
      kind: f.loaded.goroutines ? 'goroutines' : 'pprof',
      sampleTypes: f.loaded.profile.sampleTypes,
      defaultSampleIndex: defaultSampleIndex(f.loaded.profile),
    })),
    times: compare.times(),
  };
  return { compare, info };
}
