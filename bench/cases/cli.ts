// The command line, whole process, as a person runs it (bin/stackscope.js; needs the bundle:
// npm run build:cli), against its peers where they are on this machine. One JSON line per row.
//
//   - `stackscope top` on a ~300 KB generated heap profile (1,950 stacks) and `go tool pprof
//     -top` on the same file: median of 20 runs each, and the ratio; and `stackscope --help`
//     (Node's start and the bundle's load, no work)
//   - `stackscope goroutines --json` on the 160 MB generated dump on one thread and on every
//     core (STACKSCOPE_PARSE_THREADS=1 and =cores): median of 5 runs, with the load average
//   - gostackparse's parse-only time on the same dump, built from source when its source is
//     here ($GOSTACKPARSE_DIR, or the Go module cache); else the row says it is not available
//
//   npx tsx bench/cases/cli.ts HEAP_300KB DUMP_160MB

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const [heap, dump] = process.argv.slice(2) as [string, string];
const bin = join(root, 'bin', 'stackscope.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/** Wall-clock ms of `runs` whole-process runs (stdout discarded). */
function times(runs: number, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number[] | string {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const ms = performance.now() - t;
    if (r.status !== 0) return (r.stderr?.toString() || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-2).join(' ');
    out.push(ms);
  }
  return out;
}

function row(caseName: string, phase: string, ms: number, note: string): void {
  console.log(JSON.stringify({ case: caseName, phase, ms: Math.round(ms), note }));
}

function failed(caseName: string, phase: string, why: string): void {
  console.log(JSON.stringify({ case: caseName, phase, ms: null, note: why }));
}

const heapCase = 'heap-2k.pb.gz (~300 KB)';
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;

const topRuns = times(20, process.execPath, [bin, 'top', heap]);
const startRuns = times(20, process.execPath, [bin, '--help']);
const pprof = hasGo ? times(20, 'go', ['tool', 'pprof', '-top', heap]) : 'Go is not installed';
const pprofMs = typeof pprof === 'string' ? null : median(pprof);
if (typeof topRuns === 'string') failed(heapCase, 'stackscope top (whole process)', topRuns);
else row(heapCase, 'stackscope top (whole process)', median(topRuns), `median of 20; min ${Math.round(Math.min(...topRuns))} ms${pprofMs ? `; ${(median(topRuns) / pprofMs).toFixed(2)}x go tool pprof -top` : ''}`);
if (typeof startRuns === 'string') failed('(none)', 'stackscope --help (start only)', startRuns);
else row('(none)', 'stackscope --help (start only)', median(startRuns), `median of 20; min ${Math.round(Math.min(...startRuns))} ms`);
if (typeof pprof === 'string') failed(heapCase, 'go tool pprof -top (whole process)', pprof);
else row(heapCase, 'go tool pprof -top (whole process)', median(pprof), `median of 20; min ${Math.round(Math.min(...pprof))} ms`);

// stackscope goroutines --json on the big dump.
const dumpCase = 'goroutines-100k.txt (159 MB)';
const cores = availableParallelism();
const one = times(5, process.execPath, [bin, 'goroutines', '--json', dump], { STACKSCOPE_PARSE_THREADS: '1' });
// Forced: by default the command leaves out cores the load average says are busy.
const all = cores > 1 ? times(5, process.execPath, [bin, 'goroutines', '--json', dump], { STACKSCOPE_PARSE_THREADS: String(cores) }) : null;

// gostackparse, parse only, built from source when the source is here.
function gostackparseDir(): string | null {
  if (process.env.GOSTACKPARSE_DIR) return existsSync(process.env.GOSTACKPARSE_DIR) ? process.env.GOSTACKPARSE_DIR : null;
  if (!hasGo) return null;
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).stdout.trim();
  const mod = join(gopath, 'pkg', 'mod', 'github.com', '!data!dog');
  if (!existsSync(mod)) return null;
  const v = readdirSync(mod).filter((d) => d.startsWith('gostackparse@')).sort().pop();
  return v ? join(mod, v) : null;
}
let peerMs: number | null = null;
let peerNote = '';
const src = gostackparseDir();
if (!hasGo) peerNote = 'not available here: Go is not installed';
else if (!src) peerNote = 'not available here: no gostackparse source ($GOSTACKPARSE_DIR, Go module cache) and no module proxy';
else {
  const build = join(root, 'bench', 'out', 'gostackparse');
  mkdirSync(build, { recursive: true });
  writeFileSync(
    join(build, 'go.mod'),
    `module stackscope/bench/gostackparse\n\ngo 1.19\n\nrequire github.com/DataDog/gostackparse v0.0.0\n\nreplace github.com/DataDog/gostackparse => ${src}\n`,
  );
  writeFileSync(join(build, 'main.go'), readFileSync(join(root, 'bench', 'gostackparse', 'main.go')));
  const b = spawnSync('go', ['build', '-mod=mod', '-o', 'gsp', '.'], { cwd: build, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' } });
  if (b.status !== 0) peerNote = `not available here: building it failed (${b.stderr.trim().split('\n').pop()})`;
  else {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = spawnSync(join(build, 'gsp'), [dump], { encoding: 'utf8' });
      if (r.status === 0) runs.push((JSON.parse(r.stdout) as { ms: number }).ms);
    }
    if (runs.length > 0) {
      peerMs = median(runs);
      peerNote = `median of 5; parse only (file already read), source ${src}`;
    } else peerNote = 'not available here: it failed to run';
  }
}
const vsPeer = (ms: number) => (peerMs ? `; ${(ms / peerMs).toFixed(2)}x gostackparse parse-only` : '');
if (typeof one === 'string') failed(dumpCase, 'stackscope goroutines --json, 1 thread', one);
else row(dumpCase, 'stackscope goroutines --json, 1 thread', median(one), `median of 5; whole process${vsPeer(median(one))}`);
if (all !== null) {
  if (typeof all === 'string') failed(dumpCase, `same, ${cores} threads`, all);
  else row(dumpCase, `same, ${cores} threads`, median(all), `median of 5; whole process${vsPeer(median(all))}; load average ${loadavg()[0]!.toFixed(1)}`);
}
if (peerMs !== null) row(dumpCase, 'gostackparse.Parse (Go)', peerMs, peerNote);
else failed(dumpCase, 'gostackparse.Parse (Go)', peerNote);
