// Parse time of the generated 100,000-goroutine debug=2 dump (about 159 MB), on one thread and
// on every core (parse/goroutines/parallel.ts with the CLI's worker_threads runner and the
// built dist-cli/parse-worker.js: split, helper threads started cold as the CLI starts them,
// parts, merge). Each run is a fresh child process, so its peak RSS is the parser's (plus the
// input it reads): the child warms the JIT on the first 16 MB, collects garbage, then times one
// full parse. Best of 3 runs; one JSON line per mode. MB/s counts 1 MB = 10^6 bytes.
// peakHeapMB is the largest V8 heap plus ArrayBuffer memory seen at the parser's progress
// callbacks and at the end, input included (this thread's only, in the parallel mode).
//
//   npx tsx bench/cases/goroutines-parse.ts      (needs npm run build:cli for the parallel mode)
//
// The dump is generated once into bench/out/goroutines-100k.txt and reused.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { threadRunnerWith } from '../../src/cli/parallelParse';
import { parseDebug2 } from '../../src/parse/goroutines';
import { parseDebug2Parallel } from '../../src/parse/goroutines/parallel';
import { DEFAULT_DUMP_OPTIONS, generateGoroutineDump } from '../gen/goroutine-dump';

const RUNS = 3;
const WARMUP_BYTES = 16 << 20;
const here = fileURLToPath(import.meta.url);
const repoRoot = join(dirname(here), '..', '..');
const dumpPath = join(repoRoot, 'bench', 'out', 'goroutines-100k.txt');
const helperScript = join(repoRoot, 'dist-cli', 'parse-worker.js');

interface ChildResult {
  ms: number;
  bytes: number;
  goroutines: number;
  peakRssMB: number;
  peakHeapMB: number;
}

function memoryMB(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / (1 << 20);
}

async function child(path: string, threads: number): Promise<void> {
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  parseDebug2(bytes.subarray(0, Math.min(bytes.length, WARMUP_BYTES)));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  let peakHeap = memoryMB();
  const start = performance.now();
  const opts = {
    onProgress: () => {
      peakHeap = Math.max(peakHeap, memoryMB());
    },
  };
  const dump =
    threads > 1
      ? await parseDebug2Parallel(bytes, { parts: threads, run: threadRunnerWith(pathToFileURL(helperScript)), onRunnerError: (e) => { throw e; } }, opts)
      : parseDebug2(bytes, opts);
  const ms = performance.now() - start;
  peakHeap = Math.max(peakHeap, memoryMB());
  const result: ChildResult = {
    ms,
    bytes: bytes.length,
    goroutines: dump.total,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    peakHeapMB: peakHeap,
  };
  console.log(JSON.stringify(result));
}

function parent(): void {
  if (!existsSync(dumpPath)) {
    mkdirSync(dirname(dumpPath), { recursive: true });
    writeFileSync(dumpPath, generateGoroutineDump(DEFAULT_DUMP_OPTIONS));
  }
  if (!existsSync(helperScript)) spawnSync('npm', ['run', 'build:cli'], { cwd: repoRoot, stdio: 'inherit' });
  const cores = availableParallelism();
  measure(1, 'parse (1 thread)');
  if (cores > 1) measure(cores, `parse (${cores} threads)`);
}

function measure(threads: number, phase: string): void {
  let best: ChildResult | null = null;
  for (let run = 0; run < RUNS; run++) {
    const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', here, '--child', dumpPath, String(threads)], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (out.status !== 0) {
      process.stderr.write(out.stderr);
      throw new Error(`benchmark child exited with status ${out.status}`);
    }
    const result = JSON.parse(out.stdout.trim().split('\n').pop()!) as ChildResult;
    if (result.goroutines !== DEFAULT_DUMP_OPTIONS.goroutines) {
      throw new Error(`parsed ${result.goroutines} goroutines, expected ${DEFAULT_DUMP_OPTIONS.goroutines}`);
    }
    if (!best || result.ms < best.ms) best = result;
  }
  const b = best!;
  console.log(
    JSON.stringify({
      case: 'goroutines-100k',
      phase,
      ms: Number(b.ms.toFixed(1)),
      mbPerSec: Number((b.bytes / 1e6 / (b.ms / 1000)).toFixed(1)),
      bytes: b.bytes,
      peakRssMB: Math.round(b.peakRssMB),
      peakHeapMB: Math.round(b.peakHeapMB),
    }),
  );
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(process.argv[at + 1]!, Number(process.argv[at + 2] ?? 1));
else parent();
