// The worker's message loop: thin on purpose. Parsing and analysis live in parse/ and
// analysis/; the session caches what this file's views need.

import { ParseError, type Problem } from '../model/errors';
import { decodeInflated } from '../parse/load';
import { claimedOverCap, DEFAULT_MAX_INFLATED_BYTES, formatBytes, inflateGzip, isGzip } from '../parse/inflate';
import { inflateNative } from './inflateNative';
import { defaultSampleIndex } from '../analysis/sampleIndex';
import { asPprofLoads } from '../analysis/pprofLoad';
import { noFilter } from '../analysis/sampleFilter';
import type { FileSummary, LoadPhase, Request, Response } from './protocol';
import { readSource } from './readSource';
import { Session } from './session';
import { topBuffers, flameMaxNodes } from './transfer';

const scope = self as unknown as {
  postMessage(msg: Response, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<Request>) => void) | null;
};

let session: Session | null = null;

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
  const bytes = await readSource(req.source, (d, t) => progress('reading', d, t));
  const gzipped = isGzip(bytes);
  const inflated = gzipped ? await inflate(bytes, req.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, progress) : bytes;
  const loaded = decodeInflated(inflated, gzipped, { onProgress: (step, d, t) => progress(step, d, t) });
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
    }
  };
  run().catch((e: unknown) => post({ type: 'error', id: req.id, problem: toProblem(e) }));
};

function need(): Session {
  if (!session) throw new Error('no file is loaded in this worker');
  return session;
}
