// The page's side of a profile worker: one worker per open file, every call of protocol.ts's
// table through one typed `call`, progress as a callback, and cancel as terminate (a busy
// worker cannot read messages, and dropping it frees its memory at once).

import type { Problem } from '../model/errors';
import type { CallName, CallReply, CallRequest, LoadPhase, Request, Response } from './protocol';

export { flameMaxNodes, flameMinPixels } from './transfer';
export type { TopTable, TopRows } from '../analysis/top';
export type { RowOrder, TopSort } from '../analysis/topOrder';
export { sameTable, tableKey } from '../analysis/topOrder';
export type { FlameDatum, FlameView } from '../analysis/flame';
export type { Granularity } from '../analysis/nodes';
export { granularities } from '../analysis/nodes';
export type { GoroutineGroup, StackBucket, WaitStats } from '../analysis/goroutineGroups';
export type { LabelKeySummary, LabelValueCount } from '../analysis/labels';
export type { GoroutineHistogram, HistogramSeries, StackBy } from '../analysis/goroutineHistogram';
export { OTHER_KEY } from '../analysis/goroutineHistogram';
export type { BlockRate, BlockRateResult, BlockShape } from '../analysis/blockRate';
export { BLOCK_RATE_RESOLUTION, blockRateText } from '../analysis/blockRate';
export type { SampleFilter } from '../analysis/sampleFilter';
export { noFilter, isEmptyFilter, refineTextKeys, refineNumberKeys } from '../analysis/sampleFilter';
export { defaultSkipList } from '../analysis/blockingSite';
export { diffRowOrder } from '../analysis/diffTable';
export type { DiffSortKey } from '../analysis/diffTable';
export { describeProblem } from '../model/errors';

export class WorkerError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** What the client needs of a worker; tests give it one that runs the dispatch in-process. */
export interface WorkerPort {
  postMessage(msg: Request, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: { data: Response }) => void) | null;
  onerror: ((ev: { message?: string; preventDefault(): void }) => void) | null;
}

let makePort: () => WorkerPort = () =>
  new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'stackscope-profile' }) as unknown as WorkerPort;

/** Where new workers come from (Node tests run the worker's dispatch in-process). */
export function setWorkerFactory(factory: () => WorkerPort): void {
  makePort = factory;
}

type Progress = (phase: LoadPhase, done: number, total: number) => void;
type Pending = { resolve: (r: unknown) => void; reject: (e: unknown) => void; onProgress?: Progress };

export interface CallOptions {
  /** Buffers of the request to move to the worker (a source's bytes). */
  transfer?: Transferable[];
  onProgress?: Progress;
}

export class ProfileWorker {
  private readonly port: WorkerPort;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private terminated = false;

  constructor() {
    this.port = makePort();
    this.port.onmessage = (ev) => this.receive(ev.data);
    this.port.onerror = (ev) => {
      ev.preventDefault();
      this.failAll({ kind: 'malformed', message: `the worker crashed: ${ev.message || 'unknown error'}` });
    };
  }

  private receive(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.phase, msg.done, msg.total);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new WorkerError(msg.problem));
    else p.resolve(msg.reply);
  }

  private failAll(problem: Problem): void {
    for (const p of this.pending.values()) p.reject(new WorkerError(problem));
    this.pending.clear();
  }

  /** One call of the table: its request in, its reply out (or a WorkerError with a Problem). */
  call<K extends CallName>(name: K, req: CallRequest<K>, opts: CallOptions = {}): Promise<CallReply<K>> {
    if (this.terminated) return Promise.reject(new WorkerError({ kind: 'cancelled', message: 'the file was closed' }));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, onProgress: opts.onProgress });
      this.port.postMessage({ id, call: name, req } as Request, opts.transfer ?? []);
    });
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.port.terminate();
    this.failAll({ kind: 'cancelled', message: 'cancelled' });
  }
}

export type * from './protocol';
