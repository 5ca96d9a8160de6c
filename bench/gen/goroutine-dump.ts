// A large, deterministic debug=2 goroutine dump shaped like a kube-apiserver's in an incident:
// Go 1.21+ output (headers with wait minutes and "locked to thread", Go 1.17+ argument lists
// with `?`, `{...}` and `...`, inlined `(...)` frames without offsets, `+0x..` offsets,
// `created by F in goroutine N`), goroutines piled up at a few blocking sites (chan receive,
// select, IO wait, sync.Mutex.Lock, semacquire, ...) with a Zipf-like spread, so a few sites
// hold most goroutines, as in a leak.
//
//   npx tsx bench/gen/goroutine-dump.ts OUT.txt [goroutines]
//
// Defaults: 100,000 goroutines, 20 sites, 10-60 frames, seed 1: about 150 MB.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from './prng';

export interface GoroutineDumpOptions {
  goroutines: number;
  sites: number;
  minDepth: number;
  maxDepth: number;
  seed: number;
}

export const DEFAULT_DUMP_OPTIONS: GoroutineDumpOptions = { goroutines: 100_000, sites: 20, minDepth: 10, maxDepth: 60, seed: 1 };

interface Fn {
  name: string;
  file: string;
  line: number;
  /** Number of argument words the runtime prints; -1 for an inlined frame, printed "(...)". */
  args: number;
}

const GOROOT = '/usr/local/go/src';
const MOD = '/go/pkg/mod';

const PACKAGES: Array<[pkg: string, dir: string]> = [
  ['k8s.io/apiserver/pkg/storage/cacher', `${MOD}/k8s.io/apiserver@v0.29.3/pkg/storage/cacher`],
  ['k8s.io/apiserver/pkg/endpoints/handlers', `${MOD}/k8s.io/apiserver@v0.29.3/pkg/endpoints/handlers`],
  ['k8s.io/apiserver/pkg/server/filters', `${MOD}/k8s.io/apiserver@v0.29.3/pkg/server/filters`],
  ['k8s.io/apiserver/pkg/endpoints/filters', `${MOD}/k8s.io/apiserver@v0.29.3/pkg/endpoints/filters`],
  ['k8s.io/apiserver/pkg/util/flowcontrol', `${MOD}/k8s.io/apiserver@v0.29.3/pkg/util/flowcontrol`],
  ['k8s.io/apimachinery/pkg/watch', `${MOD}/k8s.io/apimachinery@v0.29.3/pkg/watch`],
  ['k8s.io/apimachinery/pkg/util/wait', `${MOD}/k8s.io/apimachinery@v0.29.3/pkg/util/wait`],
  ['k8s.io/client-go/tools/cache', `${MOD}/k8s.io/client-go@v0.29.3/tools/cache`],
  ['go.etcd.io/etcd/client/v3', `${MOD}/go.etcd.io/etcd/client/v3@v3.5.12`],
  ['google.golang.org/grpc', `${MOD}/google.golang.org/grpc@v1.58.3`],
  ['google.golang.org/grpc/internal/transport', `${MOD}/google.golang.org/grpc@v1.58.3/internal/transport`],
  ['golang.org/x/net/http2', `${MOD}/golang.org/x/net@v0.23.0/http2`],
  ['net/http', `${GOROOT}/net/http`],
  ['net', `${GOROOT}/net`],
  ['bufio', `${GOROOT}/bufio`],
  ['context', `${GOROOT}/context`],
  ['sync', `${GOROOT}/sync`],
];

const RECEIVERS = ['', '(*Cacher)', '(*cacheWatcher)', '(*watchCache)', '(*Reflector)', '(*serverConn)', '(*conn)', '(*Stream)', '(*http2Client)', '(*timeoutHandler)', '(*Broadcaster)', '(*controlBuffer)'];
const VERBS = ['Watch', 'processInterval', 'dispatchEvents', 'ServeHTTP', 'serve', 'readLoop', 'writeLoop', 'run', 'Until', 'JitterUntil', 'BackoffUntil', 'ListAndWatch', 'watchHandler', 'Recv', 'RecvMsg', 'get', 'Lock', 'Wait', 'WithTimeout', 'handle', 'loop', 'process', 'waitOnHeader', 'ReadFrame', 'Read'];

/** The innermost frames each blocking state shows (runtime frames are hidden by default). */
const STATES: Array<{ state: string; top: Fn[]; minutes: number }> = [
  { state: 'select', top: [], minutes: 0.7 },
  { state: 'chan receive', top: [], minutes: 0.7 },
  {
    state: 'IO wait',
    top: [
      { name: 'internal/poll.runtime_pollWait', file: `${GOROOT}/runtime/netpoll.go`, line: 345, args: 2 },
      { name: 'internal/poll.(*pollDesc).wait', file: `${GOROOT}/internal/poll/fd_poll_runtime.go`, line: 84, args: 3 },
      { name: 'internal/poll.(*pollDesc).waitRead', file: `${GOROOT}/internal/poll/fd_poll_runtime.go`, line: 89, args: -1 },
      { name: 'internal/poll.(*FD).Read', file: `${GOROOT}/internal/poll/fd_unix.go`, line: 164, args: 4 },
      { name: 'net.(*netFD).Read', file: `${GOROOT}/net/fd_posix.go`, line: 55, args: 4 },
      { name: 'net.(*conn).Read', file: `${GOROOT}/net/net.go`, line: 179, args: 4 },
    ],
    minutes: 0.3,
  },
  {
    state: 'sync.Mutex.Lock',
    top: [
      { name: 'sync.runtime_SemacquireMutex', file: `${GOROOT}/runtime/sema.go`, line: 77, args: 3 },
      { name: 'sync.(*Mutex).lockSlow', file: `${GOROOT}/sync/mutex.go`, line: 171, args: 1 },
      { name: 'sync.(*Mutex).Lock', file: `${GOROOT}/sync/mutex.go`, line: 90, args: -1 },
    ],
    minutes: 0.5,
  },
  {
    state: 'semacquire',
    top: [
      { name: 'sync.runtime_Semacquire', file: `${GOROOT}/runtime/sema.go`, line: 62, args: 1 },
      { name: 'sync.(*WaitGroup).Wait', file: `${GOROOT}/sync/waitgroup.go`, line: 116, args: 1 },
    ],
    minutes: 0.5,
  },
  {
    state: 'sync.Cond.Wait',
    top: [
      { name: 'sync.runtime_notifyListWait', file: `${GOROOT}/runtime/sema.go`, line: 569, args: 2 },
      { name: 'sync.(*Cond).Wait', file: `${GOROOT}/sync/cond.go`, line: 70, args: 1 },
    ],
    minutes: 0.6,
  },
  { state: 'sleep', top: [{ name: 'time.Sleep', file: `${GOROOT}/runtime/time.go`, line: 195, args: 1 }], minutes: 0.4 },
  { state: 'running', top: [], minutes: 0 },
  { state: 'runnable', top: [], minutes: 0 },
  {
    state: 'syscall',
    top: [{ name: 'syscall.Syscall', file: `${GOROOT}/syscall/syscall_linux.go`, line: 69, args: 4 }],
    minutes: 0.2,
  },
];

function functionPool(rand: () => number, size: number): Fn[] {
  const pool: Fn[] = [];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (let i = 0; i < size; i++) {
    const [pkg, dir] = pick(PACKAGES);
    const recv = pick(RECEIVERS);
    const verb = pick(VERBS);
    const closure = rand() < 0.25 ? `.func${1 + Math.floor(rand() * 4)}` : '';
    const generic = rand() < 0.03 ? '[...]' : '';
    const name = `${pkg}.${recv ? `${recv}.` : ''}${verb}${generic}${closure}`;
    const file = `${dir}/${verb.toLowerCase()}${i % 7 === 0 ? '_linux' : ''}.go`;
    const args = rand() < 0.15 ? -1 : Math.floor(rand() * 5);
    pool.push({ name, file, line: 20 + Math.floor(rand() * 1500), args });
  }
  return pool;
}

function hex(rand: () => number, digits: number): string {
  let s = '';
  for (let i = 0; i < digits; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
  return s;
}

/** A Go 1.17+ argument list: pointers, small ints, `{...}` aggregates, `?` and `...`. */
function args(rand: () => number, n: number): string {
  if (n < 0) return '...';
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    let a: string;
    if (r < 0.45) a = `0xc${hex(rand, 9)}`;
    else if (r < 0.65) a = `0x${Math.floor(rand() * 4096).toString(16)}`;
    else if (r < 0.85) a = `{0x${hex(rand, 7)}, 0xc${hex(rand, 9)}}`;
    else if (r < 0.95) a = `0x${hex(rand, 2)}?`;
    else a = '...';
    out.push(a);
  }
  return out.join(', ');
}

interface Site {
  state: (typeof STATES)[number];
  frames: Fn[];
  creator: Fn;
}

export function generateGoroutineDump(opts: GoroutineDumpOptions = DEFAULT_DUMP_OPTIONS): Uint8Array {
  const rand = prng(opts.seed);
  const pool = functionPool(rand, 400);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  // Site k: a fixed stack whose depth grows with k, and a share of goroutines falling as
  // 1/(k+1)^2, so the shallow sites hold most goroutines (the dump's size stays realistic).
  const sites: Site[] = [];
  const weights: number[] = [];
  for (let k = 0; k < opts.sites; k++) {
    const frac = opts.sites > 1 ? k / (opts.sites - 1) : 0;
    const depth = opts.minDepth + Math.round((opts.maxDepth - opts.minDepth) * frac ** 4);
    const state = k < 3 ? STATES[k]! : pick(STATES);
    const frames = [...state.top];
    while (frames.length < depth) frames.push(pick(pool));
    sites.push({ state, frames, creator: pick(pool) });
    weights.push(1 / (k + 1) ** 2);
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const w of weights) cumulative.push((running += w / totalWeight));

  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let parts: string[] = [];
  let size = 0;
  let id = 1;
  for (let g = 0; g < opts.goroutines; g++) {
    const u = rand();
    let k = cumulative.findIndex((c) => u < c);
    if (k < 0) k = opts.sites - 1;
    const site = sites[k]!;
    id += 1 + Math.floor(rand() * 3);
    const attrs = [site.state.state];
    if (rand() < site.state.minutes) attrs.push(`${1 + Math.floor(rand() * 90)} minutes`);
    if (rand() < 0.01) attrs.push('locked to thread');
    parts.push(g === 0 ? '' : '\n', `goroutine ${id} [${attrs.join(', ')}]:\n`);
    // A few goroutines of each site call in from one more frame, so sites hold several stacks.
    const extra = rand() < 0.2 ? 1 + Math.floor(rand() * 3) : 0;
    const depth = site.frames.length;
    for (let f = 0; f < depth + extra; f++) {
      const fn = f < depth ? site.frames[f]! : pool[(k * 31 + f * 7) % pool.length]!;
      parts.push(`${fn.name}(${args(rand, fn.args)})\n\t${fn.file}:${fn.line}`);
      parts.push(fn.args < 0 ? '\n' : ` +0x${(16 + Math.floor(rand() * 2000)).toString(16)}\n`);
    }
    const c = site.creator;
    parts.push(`created by ${c.name} in goroutine ${1 + Math.floor(rand() * 5000)}\n\t${c.file}:${c.line} +0x${(16 + Math.floor(rand() * 800)).toString(16)}\n`);
    if (parts.length > 20000) {
      const chunk = encoder.encode(parts.join(''));
      chunks.push(chunk);
      size += chunk.length;
      parts = [];
    }
  }
  const last = encoder.encode(parts.join(''));
  chunks.push(last);
  size += last.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: npx tsx bench/gen/goroutine-dump.ts OUT.txt [goroutines]');
    process.exit(2);
  }
  const goroutines = process.argv[3] ? Number(process.argv[3]) : DEFAULT_DUMP_OPTIONS.goroutines;
  const bytes = generateGoroutineDump({ ...DEFAULT_DUMP_OPTIONS, goroutines });
  writeFileSync(out, bytes);
  console.log(`${out}: ${goroutines} goroutines, ${(bytes.length / 1e6).toFixed(1)} MB`);
}
