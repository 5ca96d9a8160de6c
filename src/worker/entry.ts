// The worker's message loop: thin on purpose. Parsing and analysis live in parse/ and
// analysis/; the session caches what this file's views need.

import { ParseError, type Problem } from '../model/errors';
import { decodeInflated } from '../parse/load';
import { claimedOverCap, DEFAULT_MAX_INFLATED_BYTES, formatBytes, inflateGzip, isGzip } from '../parse/inflate';
import { inflateNative } from './inflateNative';
import { defaultSampleIndex } from '../analysis/sampleIndex';
import { asPprofLoads } from '../analysis/pprofLoad';
import { noFilter } from '../analysis/sampleFilter';
import type { FileIdentity, FileSummary, LoadPhase, LoadSource, Request, Response } from './protocol';
import { readSource } from './readSource';
import { Session } from './session';
import { CompareSession, type CompareFile } from './compareSession';
import { topBuffers, flameMaxNodes } from './transfer';
import { sha256Hex } from '../lib/hash';

const scope = self as unknown as {
  postMessage(msg: Response, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<Request>) => void) | null;
};

let session: Session | null = null;
let compare: CompareSession | null = null;
/**
 * The loaded file's content hash. crypto.subtle.digest runs on the calling thread (about
 * 1 GB/s in Chromium), so it is computed when the page asks, after its first views.
 */
let identity: Promise<FileIdentity> | null = null;
let identitySource: { bytes: Uint8Array; time: string | null } | null = null;

function fileIdentity(): Promise<FileIdentity> {
  if (!identity) {
    const source = identitySource;
    if (!source) throw new Error('no file is loaded in this worker');
    identitySource = null; // the raw bytes are freed once hashed
    identity = sha256Hex(source.bytes).then((sha256) => ({ sha256, time: source.time }));
  }
  return identity;
}

function post(msg: Response, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

function toProblem(e: unknown): Problem {
  if (e instanceof ParseError) return e.toProblem();
  if (e instanceof RangeError) return { kind: 'limit', message: `out of memory or too deep: ${e.message}` };
  return { kind: 'malformed', message: e instanceof Error ? e.message : String(e) };
}

/** Native gunzip when it works; pako otherwise, which also says precisely what is wrong. */
async function inflate(bytes: Uint8Array, maxBytes: number, progress: (p: LoadPhase, done: number, total: number) => void): Promise<Uint8Array> {
  const early = claimedOverCap(bytes, maxBytes);
  if (early) throw early;
  let out: Uint8Array | 'over-cap';
  try {
    out = await inflateNative(bytes, maxBytes, (inBytes) => progress('inflating', inBytes, bytes.length));
  } catch {
    // pako says precisely what is wrong (or reads a stream the browser refuses, like trailing zeros)
    return inflateGzip(bytes, { maxBytes, onProgress: (inBytes) => progress('inflating', inBytes, bytes.length) });
  }
  // A gzip bomb: say so at once rather than inflating a gigabyte again for the message.
  if (out === 'over-cap') throw new ParseError('limit', `the file inflates to more than the ${formatBytes(maxBytes)} cap; it was not loaded`);
  return out;
}

function lineList(u: { count: number; firstLines: number[] }): string {
  const more = u.count > u.firstLines.length ? ', …' : '';
  return `line${u.count > 1 ? 's' : ''} ${u.firstLines.join(', ')}${more}`;
}

/** Read, gunzip, sniff and decode one source. */
async function readAndDecode(source: LoadSource, maxBytes: number, progress: (p: LoadPhase, done: number, total: number) => void) {
  const bytes = await readSource(source, (d, t) => progress('reading', d, t));
  const gzipped = isGzip(bytes);
  const inflated = gzipped ? await inflate(bytes, maxBytes, progress) : bytes;
  const loaded = decodeInflated(inflated, gzipped, { onProgress: (step, d, t) => progress(step, d, t) });
  return { bytes, inflated, loaded };
}

/** Several files for a comparison: each read and decoded again, here, as the files' own workers did. */
async function compareLoad(id: number, sources: LoadSource[]): Promise<void> {
  const files: CompareFile[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    // Progress is the current file's; the page says which file of how many.
    post({ type: 'progress', id, phase: 'reading', done: i, total: sources.length });
    const { loaded } = await readAndDecode(source, DEFAULT_MAX_INFLATED_BYTES, (phase, done, total) => post({ type: 'progress', id, phase, done, total }));
    files.push({ name: source.name, loaded, knownTime: source.knownTime ?? null });
  }
  compare = new CompareSession(files);
  post({
    type: 'compareLoaded',
    id,
    info: {
      files: files.map((f) => ({
        name: f.name,
        kind: f.loaded.goroutines ? 'goroutines' : 'pprof',
        sampleTypes: f.loaded.profile.sampleTypes,
        defaultSampleIndex: defaultSampleIndex(f.loaded.profile),
      })),
      times: compare.times(),
    },
  });
}

async function load(id: number, req: Extract<Request, { type: 'load' }>): Promise<void> {
  const timings: Partial<Record<LoadPhase, number>> = {};
  let phaseStart = performance.now();
  let phase: LoadPhase = 'reading';
  let lastPost = 0;
  const progress = (p: LoadPhase, done: number, total: number) => {
    if (p !== phase) {
      timings[phase] = performance.now() - phaseStart;
      phase = p;
      phaseStart = performance.now();
    }
    const now = performance.now();
    if (now - lastPost > 50 || done === total) {
      lastPost = now;
      post({ type: 'progress', id, phase: p, done, total });
    }
  };
  const { bytes, inflated, loaded } = await readAndDecode(req.source, req.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, progress);
  progress('analysing', 0, 1);
  // pprof files are shown as `go tool pprof` shows them; text dumps as the runtime printed them.
  const fromText = loaded.goroutines !== null && loaded.goroutines.format !== 'debug0';
  const p = fromText ? loaded.profile : asPprofLoads(loaded.profile);
  session = new Session(p, loaded.goroutines, loaded.goroutines?.format === 'debug2' ? inflated : null);
  const sampleIndex = defaultSampleIndex(p);
  // The flame graph is what the page shows first; the top table is asked for next.
  const flame = session.flame({ filter: noFilter, sampleIndex, focus: null, zoom: 0, minFraction: req.flameMinFraction, maxNodes: flameMaxNodes });
  timings.analysing = performance.now() - phaseStart;
  const notes: string[] = [];
  const g = loaded.goroutines;
  if (g?.truncated) notes.push('The dump was cut: the last goroutine is incomplete (parsed as far as it goes).');
  if (g?.skipped && g.skipped.count > 0) {
    notes.push(
      `${g.skipped.count} line${g.skipped.count > 1 ? 's' : ''} outside any goroutine (a crash preamble or log lines) skipped (${lineList(g.skipped)}).`,
    );
  }
  for (const p of g?.problems ?? []) notes.push(p.line !== undefined ? `${p.message} (line ${p.line})` : p.message);
  if (g && g.unparsed.count > 0) {
    notes.push(
      `${g.unparsed.count} line${g.unparsed.count > 1 ? 's' : ''} not understood (${lineList(g.unparsed)}).`,
    );
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
  };
  post({ type: 'loaded', id, summary, flame });
  const t = loaded.profile.timeNanos;
  const time = t > 0n ? new Date(Number(t / 1_000_000n)).toISOString() : null;
  identity = null;
  identitySource = { bytes, time };
}

scope.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  const run = async () => {
    switch (req.type) {
      case 'load':
        return load(req.id, req);
      case 'top': {
        const top = need().top(req.req);
        return post({ type: 'top', id: req.id, top }, topBuffers(top));
      }
      case 'flame':
        return post({ type: 'flame', id: req.id, flame: need().flame(req.req) });
      case 'search':
        return post({ type: 'search', id: req.id, result: need().search(req.req) });
      case 'goroutines':
        return post({ type: 'goroutines', id: req.id, result: need().goroutineGroups(req.req) });
      case 'stack':
        return post({ type: 'stack', id: req.id, result: need().stack(req.req) });
      case 'findings':
        return post({ type: 'findings', id: req.id, result: need().findings(req.req) });
      case 'identity':
        return post({ type: 'identity', id: req.id, identity: await fileIdentity() });
      case 'resolvePath':
        return post({ type: 'resolvePath', id: req.id, node: need().resolvePath(req.req) });
      case 'compareLoad':
        return compareLoad(req.id, req.sources);
      case 'diffTop': {
        const table = needCompare().diffTop(req.req);
        return post({ type: 'diffTop', id: req.id, table });
      }
      case 'diffFlame':
        return post({ type: 'diffFlame', id: req.id, flame: needCompare().diffFlame(req.req) });
      case 'growth':
        return post({ type: 'growth', id: req.id, growth: needCompare().growth(req.req) });
    }
  };
  run().catch((e: unknown) => post({ type: 'error', id: req.id, problem: toProblem(e) }));
};

function needCompare(): CompareSession {
  if (!compare) throw new Error('no comparison is loaded in this worker');
  return compare;
}

function need(): Session {
  if (!session) throw new Error('no file is loaded in this worker');
  return session;
}
