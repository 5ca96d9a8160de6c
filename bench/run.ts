// npm run bench: generates the large inputs (once, into bench/out/), then measures each case
// in its own process and prints a table. Benchmarks report figures; they are not pass/fail.
//
//   - decode, top table and call tree on a generated 120,000-stack heap profile and on the
//     largest bundled sample: ms, MB/s (of inflated bytes), peak RSS
//   - `stackscope top` on the generated profile, whole process (bin/stackscope.js)
//   - goroutine dump parse on a generated 100,000-goroutine debug=2 dump, one thread and all
//   - the CLI's start and whole runs against go tool pprof and gostackparse (cases/cli.ts)
//   - call-graph layout: Graphviz (WASM), dagre and elkjs on pprof's -dot graph of a sample
//   - Chromium: drop to first flame graph painted (profiles) or wait histogram painted (dumps)
//   - Chromium: the longest main-thread task from opening each case of the hostile corpus
//     (tools/hostile) to its view or error (cases/hostile.ts)
//   - Chromium: the longest main-thread task from choosing each bundled sample and each big input
//     to its settled view, and the flame graph's interactions (hover, click-zoom, reset, search,
//     flame/icicle) on the big inputs: p50 and p95 from the input to the painted settled view, the
//     first painted answer, the longest main-thread task per action (bench/cases/flame-interactions.ts)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHeapProfile } from './gen/heap-profile';

const root = join(import.meta.dirname, '..');
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

const heapPath = join(out, 'heap-120k.pb.gz');
if (!existsSync(heapPath)) {
  console.error('generating bench/out/heap-120k.pb.gz (120,000 stacks, depth 10-60)…');
  writeFileSync(heapPath, generateHeapProfile({ stacks: 120_000, minDepth: 10, maxDepth: 60, seed: 1 }));
}
// About 300 KB: what `stackscope top` on a small file costs is mostly starting.
const smallHeapPath = join(out, 'heap-2k.pb.gz');
if (!existsSync(smallHeapPath)) writeFileSync(smallHeapPath, generateHeapProfile({ stacks: 1_950, minDepth: 10, maxDepth: 60, seed: 1 }));
const samples = join(root, 'public', 'samples');
const largestSample = join(
  samples,
  readdirSync(samples)
    .filter((f) => f !== 'index.json')
    .sort((a, b) => statSync(join(samples, b)).size - statSync(join(samples, a)).size)[0]!,
);

interface Row {
  case: string;
  phase: string;
  ms: number;
  mbPerSec?: number;
  peakRssMB?: number;
  note?: string;
}
const rows: Row[] = [];

function runJsonLines(args: string[]): void {
  const r = spawnSync('npx', ['tsx', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    rows.push({ case: args.join(' '), phase: 'failed', ms: NaN, note: (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ') });
    return;
  }
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const j = JSON.parse(line) as Row & { goroutines?: number; peakHeapMB?: number };
    rows.push({ ...j, note: j.peakHeapMB !== undefined ? `peak heap ${j.peakHeapMB} MB` : j.note });
  }
}

for (const file of [heapPath, largestSample]) {
  for (const phase of ['decode', 'top', 'tree']) runJsonLines(['bench/cases/pipeline.ts', file, phase]);
}

// The CLI, whole process, as a person runs it (needs the bundle: npm run build:cli).
if (!existsSync(join(root, 'dist-cli', 'stackscope.js'))) spawnSync('npm', ['run', 'build:cli'], { cwd: root, stdio: 'inherit' });
const cliTimes: number[] = [];
let cliRss = 0;
for (let i = 0; i < 5; i++) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, 'bin/stackscope.js', 'top', heapPath], { cwd: root, encoding: 'utf8' });
  const m = /([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (r.status === 0 && m) {
    cliTimes.push(Number(m[1]) * 1000);
    cliRss = Math.max(cliRss, Math.round(Number(m[2]) / 1024));
  } else {
    const t = performance.now();
    spawnSync(process.execPath, ['bin/stackscope.js', 'top', heapPath], { cwd: root });
    cliTimes.push(performance.now() - t);
  }
}
cliTimes.sort((a, b) => a - b);
rows.push({
  case: 'heap-120k.pb.gz',
  phase: 'stackscope top (whole process)',
  ms: Math.round(cliTimes[Math.floor(cliTimes.length / 2)]!),
  peakRssMB: cliRss || undefined,
  note: `median of 5; best ${Math.round(cliTimes[0]!)} ms`,
});

runJsonLines(['bench/cases/goroutines-parse.ts']);
runJsonLines(['bench/cases/cli.ts', smallHeapPath, join(out, 'goroutines-100k.txt')]);

// Call-graph layout libraries on pprof's default -dot graph (80 nodes) and a smaller one.
runJsonLines(['bench/cases/graph-layout.ts', join(samples, 'toyserver.cpu.pb.gz')]);
runJsonLines(['bench/cases/graph-layout.ts', join(samples, 'toyserver.heap.pb.gz')]);

// Chromium: needs the built app.
if (!existsSync(join(root, 'dist', 'index.html'))) spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
runJsonLines(['bench/cases/browser.ts', heapPath, largestSample, join(out, 'goroutines-100k.txt')]);
// Loading every sample (longest task only) and interacting with the flame graph of the big inputs.
const sampleFiles = readdirSync(samples)
  .filter((f) => f !== 'index.json')
  .sort()
  .map((f) => join(samples, f));
runJsonLines(['bench/cases/flame-interactions.ts', `--interact=${heapPath},${join(out, 'goroutines-100k.txt')}`, heapPath, join(out, 'goroutines-100k.txt'), ...sampleFiles]);
// The hostile corpus (tools/hostile): the longest main-thread task from opening each case to its ending.
runJsonLines(['bench/cases/hostile.ts']);

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
console.log(`\n${pad('case', 42)} ${pad('phase', 40)} ${lpad('ms', 8)} ${lpad('MB/s', 8)} ${lpad('peak RSS', 9)}  note`);
for (const r of rows) {
  console.log(
    `${pad(r.case, 42)} ${pad(r.phase, 40)} ${lpad(Number.isFinite(r.ms) ? String(r.ms) : '-', 8)} ${lpad(r.mbPerSec !== undefined ? String(r.mbPerSec) : '', 8)} ${lpad(r.peakRssMB !== undefined ? `${r.peakRssMB} MB` : '', 9)}  ${r.note ?? ''}`,
  );
}
