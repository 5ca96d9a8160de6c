// Parts of a large goroutine dump parsed in helper Web Workers, for loadProfile's `parallel`
// option in the file's worker: up to navigator.hardwareConcurrency - 1 helpers (started on the
// first large dump, kept for later ones); the file's worker parses the first part itself. Each
// helper gets a copy of its part's bytes (transferred) and sends back its tables (transferred).

import { ParseError, type ProblemKind } from '../model/errors';
import type { GoroutineParseOptions } from '../parse/goroutines/options';
import { parseDumpPart, partCaps, type DumpPart, type ParallelParse, type PartRunner } from '../parse/goroutines/parallel';

/** What a helper receives: its part's bytes (from 0), where they stood, and the caps. */
export interface PartRequest {
  id: number;
  bytes: Uint8Array;
  last: boolean;
  wholeLength: number;
  caps: GoroutineParseOptions;
}

export type PartResponse = { id: number; part: DumpPart } | { id: number; error: string; kind?: ProblemKind; line?: number; offset?: number };

/** Most helpers, whatever the machine says. */
const MAX_HELPERS = 7;

interface Helper {
  worker: Worker;
  pending: Map<number, { resolve: (p: DumpPart) => void; reject: (e: unknown) => void }>;
}

let helpers: Helper[] | null = null;
let nextId = 1;

function helperCount(): number {
  if (typeof Worker === 'undefined' || typeof navigator === 'undefined') return 0;
  const cores = navigator.hardwareConcurrency || 1;
  return Math.max(0, Math.min(MAX_HELPERS, cores - 1));
}

function startHelper(index: number): Helper {
  const worker = new Worker(new URL('./partEntry.ts', import.meta.url), { type: 'module', name: `stackscope-parse-part-${index + 1}` });
  const helper: Helper = { worker, pending: new Map() };
  worker.onmessage = (ev: MessageEvent<PartResponse>) => {
    const r = ev.data;
    const p = helper.pending.get(r.id);
    if (!p) return;
    helper.pending.delete(r.id);
    if ('part' in r) p.resolve(r.part);
    else p.reject(r.kind ? new ParseError(r.kind, r.error, { line: r.line, offset: r.offset }) : new Error(r.error));
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    const e = new Error(`a parse helper failed: ${ev.message || 'it could not start'}`);
    for (const p of helper.pending.values()) p.reject(e);
    helper.pending.clear();
    // A helper that failed is not used again.
    if (helpers) helpers = helpers.filter((h) => h !== helper);
    worker.terminate();
  };
  return helper;
}

function pool(): Helper[] {
  if (!helpers) helpers = Array.from({ length: helperCount() }, (_, i) => startHelper(i));
  return helpers;
}

function send(helper: Helper, bytes: Uint8Array, start: number, end: number, last: boolean, wholeLength: number, caps: GoroutineParseOptions): Promise<DumpPart> {
  const id = nextId++;
  const copy = bytes.slice(start, end);
  return new Promise<DumpPart>((resolve, reject) => {
    helper.pending.set(id, { resolve, reject });
    const msg: PartRequest = { id, bytes: copy, last, wholeLength, caps };
    helper.worker.postMessage(msg, [copy.buffer]);
  });
}

/** Job 0 here, job k in helper k - 1 (the split makes one job per thread). */
const helperRunner: PartRunner = async (bytes, jobs, opts) => {
  const hs = pool();
  if (hs.length < jobs.length - 1) throw new Error(`${jobs.length - 1} parts for ${hs.length} parse helpers`);
  const caps = partCaps(opts);
  const others = jobs.slice(1).map((job, k) => send(hs[k]!, bytes, job.start, job.end, job.last, job.wholeLength, caps));
  let first: DumpPart;
  try {
    first = parseDumpPart(bytes, jobs[0]!, opts);
  } catch (e) {
    await Promise.allSettled(others);
    throw e;
  }
  return [first, ...(await Promise.all(others))];
};

/** loadProfile's `parallel` option in this worker; undefined where only one thread would parse. */
export function helperParallel(): ParallelParse | undefined {
  const n = helperCount();
  if (n === 0) return undefined;
  return {
    // Asked at run time: a helper that failed leaves fewer.
    get parts() {
      return (helpers ? helpers.length : n) + 1;
    },
    run: helperRunner,
    onRunnerError: (e) => console.warn('stackscope: parsing in helper workers failed; parsed in one', e),
  };
}
