// Loading inside the worker: read the source, then parse/load.ts's loadProfile (the CLI's path
// too), then the session that serves every later call and the summary the page shows. Comparisons read their files here too.

import { loadProfile } from '../parse/load';
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
  const { progress, finish } = timedProgress(post);
  const { bytes, inflated, loaded, profile: p } = await readAndLoad(req.source, req.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, progress);
  progress('analysing', 0, 1);
  const session = new Session(p, loaded.goroutines, loaded.goroutines?.format === 'debug2' ? inflated : null);
  const sampleIndex = defaultSampleIndex(p);
  // The flame graph is what the page shows first; the top table is asked for next.
  const flame = session.flame({ filter: noFilter, sampleIndex, focus: null, zoom: 0, minFraction: req.flameMinFraction, maxNodes: flameMaxNodes });
  const timings = finish();
  const notes: string[] = [];
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
  const summary: FileSummary = {
    kind: g ? 'goroutines' : 'pprof',
    formatLabel: loaded.formatLabel,
    goroutineFormat: g?.format,
    sampleTypes: p.sampleTypes,
    defaultSampleIndex: sampleIndex,
    size: bytes.length,
    inflatedSize: loaded.inflatedSize,
    gzipped: loaded.gzipped,
    sampleCount: p.samples.length,
    locationCount: p.locations.length,
    functionCount: p.functions.length,
    notes,
    timings,
    ...(loaded.profile.comments.length > 0 ? { comments: loaded.profile.comments.slice(0, 200) } : {}),
    labels: summarizeLabels(p, sampleIndex, g?.format === 'debug2', MAX_LABEL_VALUES),
  };
  if (g?.crash) summary.crash = g.crash;
  const t = loaded.profile.timeNanos;
  const time = t > 0n ? new Date(Number(t / 1_000_000n)).toISOString() : null;
  return { session, summary, flame, raw: { bytes, time } };
}

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
