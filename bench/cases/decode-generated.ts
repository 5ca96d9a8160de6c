// Inflate and decode timings for the generated 120k-stack heap profile and for the largest
// pprof fixture: best of 3 after a warm-up, one JSON line per phase. MB/s is over inflated
// bytes for both phases. Peak RSS is the process's so far (maxRSS), not the phase's own.
//
//   npx tsx bench/cases/decode-generated.ts
//
// The generated profile is read from bench/out/heap-120k.pb.gz when present (the generator
// writes it there: npx tsx bench/gen/heap-profile.ts bench/out/heap-120k.pb.gz), otherwise
// generated in memory.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProfile } from '../../src/parse/pprof';
import { inflateGzip } from '../../src/parse/inflate';
import { repoRoot, sharedDir } from '../../test/support/fixtures';
import { generateHeapProfile } from '../gen/heap-profile';

const MIN_MEASURE_MS = 50;

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Best per-run time in ms: warm up, then 3 measurements, each of enough runs for 50 ms. */
function best(run: () => void): number {
  const t0 = performance.now();
  run();
  const once = Math.max(0.01, performance.now() - t0);
  const reps = Math.max(1, Math.ceil(MIN_MEASURE_MS / once));
  let bestMs = Infinity;
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) run();
    bestMs = Math.min(bestMs, (performance.now() - start) / reps);
  }
  return bestMs;
}

function report(name: string, phase: string, ms: number, bytes: number): void {
  const line = {
    case: name,
    phase,
    ms: Number(ms.toFixed(2)),
    mbPerSec: Number((bytes / 1e6 / (ms / 1000)).toFixed(1)),
    bytes,
    peakRssMB: peakRssMB(),
  };
  console.log(JSON.stringify(line));
}

function benchCase(name: string, gz: Uint8Array): void {
  const inflated = inflateGzip(gz);
  report(name, 'inflate', best(() => inflateGzip(gz)), inflated.length);
  report(name, 'decode', best(() => decodeProfile(inflated)), inflated.length);
}

const generatedPath = join(repoRoot, 'bench', 'out', 'heap-120k.pb.gz');
const generated = existsSync(generatedPath)
  ? new Uint8Array(readFileSync(generatedPath))
  : generateHeapProfile({ stacks: 120000, minDepth: 10, maxDepth: 60, seed: 1 });
benchCase('generated-heap-120k', generated);

if (sharedDir) {
  const dir = join(sharedDir, 'fixtures', 'pprof');
  const largest = readdirSync(dir)
    .filter((f) => f.endsWith('.pb.gz'))
    .sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
  if (largest) benchCase(`fixture-${largest}`, new Uint8Array(readFileSync(join(dir, largest))));
} else {
  console.error('shared fixtures not found: skipping the fixture case');
}
