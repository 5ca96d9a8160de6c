// Parts of a large goroutine dump parsed on the machine's other cores (worker_threads), for
// loadProfile's `parallel` option. This thread parses the first part itself while the helpers
// start and parse the others; each helper gets a copy of its part's bytes (transferred, not
// cloned) and sends back its part's tables, transferred too.

import { availableParallelism, loadavg } from 'node:os';
import { Worker, type Worker as WorkerThread } from 'node:worker_threads';

type WorkerClass = typeof WorkerThread;
import { ParseError, type ProblemKind } from '../model/errors';
import { parseDumpPart, partCaps, type DumpPart, type ParallelParse, type PartJob, type PartRunner } from '../parse/goroutines/parallel';
import type { GoroutineParseOptions } from '../parse/goroutines/options';

/** What a helper receives: its part's bytes (from 0) and where they stood in the input. */
export interface PartMessage {
  bytes: Uint8Array;
  last: boolean;
  wholeLength: number;
  caps: GoroutineParseOptions;
}

/** The part, or why it failed (kind set when it was a ParseError). */
export type PartReply = { part: DumpPart } | { error: string; kind?: ProblemKind; line?: number; offset?: number };

/**
 * Threads to parse with: $STACKSCOPE_PARSE_THREADS when set (1 turns parallel parsing off),
 * else the cores that are idle by the 1-minute load average (this process counted as one of
 * them), at least 1. A helper on a core that is already busy made the parse slower, not faster
 * (measured on the 2-core test machine under a load of 4-5: 1.6 s against 1.2 s for the whole
 * `goroutines --json` on the 160 MB dump).
 */
export function parseThreads(): number {
  const env = process.env.STACKSCOPE_PARSE_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  return idleThreads(availableParallelism(), loadavg()[0] ?? 0);
}

/** Cores not busy with others' work: cores + 1 - load (this process is one of the runnable), in [1, cores]. */
export function idleThreads(cores: number, load1: number): number {
  return Math.max(1, Math.min(cores, Math.floor(cores + 1 - load1)));
}

/**
 * The helper thread: parse-worker.js beside the bundle, or, when running from source (tests and
 * benchmarks under tsx), parseWorker.ts loaded through tsx's API.
 */
function startHelper(Worker: WorkerClass, script: URL | null): WorkerThread {
  if (script) return new Worker(script);
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url));
  const source = new URL('./parseWorker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(code, { eval: true });
}

function runInHelper(Worker: WorkerClass, script: URL | null, bytes: Uint8Array, job: PartJob, caps: GoroutineParseOptions): Promise<DumpPart> {
  const worker = startHelper(Worker, script);
  return new Promise<DumpPart>((resolve, reject) => {
    worker.once('message', (reply: PartReply) => {
      void worker.terminate();
      if ('part' in reply) resolve(reply.part);
      else reject(reply.kind ? new ParseError(reply.kind, reply.error, { line: reply.line, offset: reply.offset }) : new Error(reply.error));
    });
    worker.once('error', (e) => {
      void worker.terminate();
      reject(e);
    });
    worker.once('exit', (code) => reject(new Error(`the parse helper exited with code ${code}`)));
    const copy = bytes.slice(job.start, job.end);
    const msg: PartMessage = { bytes: copy, last: job.last, wholeLength: job.wholeLength, caps };
    worker.postMessage(msg, [copy.buffer]);
  });
}

/**
 * Runs job 0 here and every other job in a helper thread of its own, started from `script`
 * (the built dist-cli/parse-worker.js, for benchmarks run from source) or, when null, from the
 * helper beside this module.
 */
export function threadRunnerWith(script: URL | null): PartRunner {
  return (bytes, jobs, opts) => runThreads(script, bytes, jobs, opts);
}

export const threadRunner: PartRunner = threadRunnerWith(null);

async function runThreads(script: URL | null, bytes: Uint8Array, jobs: PartJob[], opts: GoroutineParseOptions): Promise<DumpPart[]> {
  const caps = partCaps(opts);
  // The helpers start before this thread parses its own part (which blocks it).
  const helpers = jobs.slice(1).map((job) => runInHelper(Worker, script, bytes, job, caps));
  // A failure here must not leave the helpers' rejections unobserved.
  let first: DumpPart;
  try {
    first = parseDumpPart(bytes, jobs[0]!, opts);
  } catch (e) {
    await Promise.allSettled(helpers);
    throw e;
  }
  return [first, ...(await Promise.all(helpers))];
}

/**
 * loadProfile's `parallel` option for this machine, or undefined with one core. A helper that
 * fails (not the dump: the thread) is reported through `warn`; the dump is then parsed here.
 */
export function cliParallel(warn: (message: string) => void): ParallelParse | undefined {
  const parts = parseThreads();
  if (parts < 2) return undefined;
  return {
    parts,
    run: threadRunner,
    onRunnerError: (e) => warn(`parsing on ${parts} threads failed (${e instanceof Error ? e.message : String(e)}); parsed on one`),
  };
}
