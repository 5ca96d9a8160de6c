// The page's side of a profile worker: one worker per open file, requests as promises,
// progress as a callback, and cancel as terminate (a busy worker cannot read messages, and
// dropping it frees its memory at once).

import type { Problem } from '../model/errors';
import type {
  CompareInfo,
  DiffFlameRequest,
  DiffFlameResult,
  DiffTable,
  DiffTopRequest,
  GoroutineGrowth,
  GrowthRequest,
  FileIdentity,
  FileSummary,
  FindingsRequest,
  FindingsResult,
  FlameRequestMsg,
  FlameResult,
  GoroutinesRequest,
  GoroutinesResult,
  LoadPhase,
  LoadSource,
  PathRequest,
  Request,
  Response,
  SearchRequest,
  SearchResult,
  StackRequest,
  StackResult,
  TopRequest,
} from './protocol';
import type { TopTable } from '../analysis/top';

export type {
  CompareInfo,
  DiffFlameDatum,
  DiffFlameResult,
  DiffRows,
  DiffTable,
  GoroutineGrowth,
  SiteGrowth,
  Evidence,
  FileIdentity,
  FileSummary,
  Finding,
  FindingsResult,
  FlameResult,
  GoroutinesResult,
  LoadPhase,
  LoadSource,
  SearchResult,
  StackFrame,
  StackResult,
  VersionStatus,
} from './protocol';
export { flameMaxNodes, flameMinPixels } from './transfer';
export type { TopTable, TopRows } from '../analysis/top';
export type { FlameDatum, FlameView } from '../analysis/flame';
export type { Granularity } from '../analysis/nodes';
export { granularities } from '../analysis/nodes';
export type { GoroutineGroup, StackBucket, WaitStats } from '../analysis/goroutineGroups';
export type { GoroutineHistogram, HistogramSeries, StackBy } from '../analysis/goroutineHistogram';
export { OTHER_KEY } from '../analysis/goroutineHistogram';
export type { SampleFilter } from '../analysis/sampleFilter';
export { noFilter, isEmptyFilter } from '../analysis/sampleFilter';
export { defaultSkipList } from '../analysis/blockingSite';
export { diffRowOrder } from '../analysis/diffTable';
export type { DiffSortKey } from '../analysis/diffTable';
export { describeProblem } from '../model/errors';

export class WorkerError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

type Pending = { resolve: (r: Response) => void; reject: (e: unknown) => void };

export interface LoadResult {
  summary: FileSummary;
  flame: FlameResult;
}

export class ProfileWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private onProgress: ((phase: LoadPhase, done: number, total: number) => void) | null = null;
  private terminated = false;

  constructor() {
    this.worker = new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'stackscope-profile' });
    this.worker.onmessage = (ev: MessageEvent<Response>) => this.receive(ev.data);
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      this.failAll({ kind: 'malformed', message: `the worker crashed: ${ev.message || 'unknown error'}` });
    };
  }

  private receive(msg: Response): void {
    if (msg.type === 'progress') {
      this.onProgress?.(msg.phase, msg.done, msg.total);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new WorkerError(msg.problem));
    else p.resolve(msg);
  }

  private failAll(problem: Problem): void {
    for (const p of this.pending.values()) p.reject(new WorkerError(problem));
    this.pending.clear();
  }

  private send<T extends Response['type']>(req: Request, transfer: Transferable[] = []): Promise<Extract<Response, { type: T }>> {
    if (this.terminated) return Promise.reject(new WorkerError({ kind: 'cancelled', message: 'the file was closed' }));
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve: resolve as (r: Response) => void, reject });
      this.worker.postMessage(req, transfer);
    });
  }

  async load(
    source: LoadSource,
    onProgress: (phase: LoadPhase, done: number, total: number) => void,
    flameMinFraction: number,
    maxInflatedBytes?: number,
  ): Promise<LoadResult> {
    this.onProgress = onProgress;
    const transfer = source.bytes ? [source.bytes] : [];
    const r = await this.send<'loaded'>({ type: 'load', id: this.nextId++, source, maxInflatedBytes, flameMinFraction }, transfer);
    this.onProgress = null;
    return { summary: r.summary, flame: r.flame };
  }

  async top(req: TopRequest): Promise<TopTable> {
    return (await this.send<'top'>({ type: 'top', id: this.nextId++, req })).top;
  }

  async flame(req: FlameRequestMsg): Promise<FlameResult> {
    return (await this.send<'flame'>({ type: 'flame', id: this.nextId++, req })).flame;
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    return (await this.send<'search'>({ type: 'search', id: this.nextId++, req })).result;
  }

  async goroutines(req: GoroutinesRequest): Promise<GoroutinesResult> {
    return (await this.send<'goroutines'>({ type: 'goroutines', id: this.nextId++, req })).result;
  }

  async stack(req: StackRequest): Promise<StackResult> {
    return (await this.send<'stack'>({ type: 'stack', id: this.nextId++, req })).result;
  }

  async findings(req: FindingsRequest): Promise<FindingsResult> {
    return (await this.send<'findings'>({ type: 'findings', id: this.nextId++, req })).result;
  }

  /** The file's content hash (computed after the load, so the first paint does not wait). */
  async identity(): Promise<FileIdentity> {
    return (await this.send<'identity'>({ type: 'identity', id: this.nextId++ })).identity;
  }

  /** Tree node at these function names from the root, or -1. */
  async resolvePath(req: PathRequest): Promise<number> {
    return (await this.send<'resolvePath'>({ type: 'resolvePath', id: this.nextId++, req })).node;
  }

  /** This worker becomes a comparison of several files (their sources are read again). */
  async compareLoad(sources: LoadSource[], onProgress: (phase: LoadPhase, done: number, total: number) => void): Promise<CompareInfo> {
    this.onProgress = onProgress;
    const transfer = sources.flatMap((s) => (s.bytes ? [s.bytes] : []));
    const r = await this.send<'compareLoaded'>({ type: 'compareLoad', id: this.nextId++, sources }, transfer);
    this.onProgress = null;
    return r.info;
  }

  async diffTop(req: DiffTopRequest): Promise<DiffTable> {
    return (await this.send<'diffTop'>({ type: 'diffTop', id: this.nextId++, req })).table;
  }

  async diffFlame(req: DiffFlameRequest): Promise<DiffFlameResult> {
    return (await this.send<'diffFlame'>({ type: 'diffFlame', id: this.nextId++, req })).flame;
  }

  async growth(req: GrowthRequest): Promise<GoroutineGrowth> {
    return (await this.send<'growth'>({ type: 'growth', id: this.nextId++, req })).growth;
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.worker.terminate();
    this.failAll({ kind: 'cancelled', message: 'cancelled' });
  }
}
