// Inputs for the catalogue tests, built the way the runtime prints them: goroutine dumps as
// debug=2 and debug=1 text (run through the real parser), heap and CPU profiles through the
// model's builder with the sample types of a Go profile.
import { encodeProfile, type GenFunction, type GenSample } from '../../../e2e/profilegen';
import { ProfileBuilder } from '../../../src/model/builder';
import type { Profile } from '../../../src/model/profile';

/** Goroutines of one shape. Frames are function names, innermost first. */
export interface Goroutines {
  n: number;
  state: string;
  /** Wait minutes of goroutine i (0: the header shows none, as for waits under a minute). */
  minutes?: number | ((i: number) => number);
  stack: string[];
  createdBy?: string;
}

/** Runtime frames under a goroutine parked in each kind of wait (Go 1.20+ names). */
export const parked = {
  chanSend: ['runtime.gopark', 'runtime.chansend', 'runtime.chansend1'],
  chanReceive: ['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv1'],
  select: ['runtime.gopark', 'runtime.selectgo'],
  mutex: ['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1', 'sync.runtime_SemacquireMutex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock'],
  waitGroup: ['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1', 'sync.runtime_Semacquire', 'sync.(*WaitGroup).Wait'],
  ioRead: [
    'runtime.gopark',
    'runtime.netpollblock',
    'internal/poll.runtime_pollWait',
    'internal/poll.(*pollDesc).wait',
    'internal/poll.(*pollDesc).waitRead',
    'internal/poll.(*FD).Read',
    'net.(*netFD).Read',
    'net.(*conn).Read',
  ],
  sleep: ['runtime.gopark', 'time.Sleep'],
} as const;

/** Where a function's package lives, for the file lines. */
function pkgOf(fn: string): string {
  const slash = fn.lastIndexOf('/');
  const dot = fn.indexOf('.', slash + 1);
  return dot < 0 ? fn : fn.slice(0, dot);
}

/** How an old kube-apiserver binary names a vendored function. */
export function vendored(fn: string): string {
  const slash = fn.indexOf('/');
  // Standard-library packages have no dot in their first path element (net/http, runtime).
  const thirdParty = slash > 0 && fn.slice(0, slash).includes('.');
  return thirdParty && !fn.startsWith('k8s.io/kubernetes/') ? `k8s.io/kubernetes/vendor/${fn}` : fn;
}

function fileLine(fn: string, depth: number): string {
  return `\t/go/src/${pkgOf(fn)}/source.go:${100 + depth} +0x${(0x20 + depth).toString(16)}`;
}

/** A debug=2 dump (what /debug/pprof/goroutine?debug=2 prints), goroutine ids from 1. */
export function debug2(groups: Goroutines[], opts: { vendor?: boolean } = {}): Uint8Array {
  const name = opts.vendor ? vendored : (f: string) => f;
  const out: string[] = [];
  let id = 1;
  for (const g of groups) {
    for (let i = 0; i < g.n; i++) {
      const m = typeof g.minutes === 'function' ? g.minutes(i) : (g.minutes ?? 0);
      out.push(`goroutine ${id++} [${g.state}${m > 0 ? `, ${m} minutes` : ''}]:`);
      g.stack.forEach((fn, depth) => {
        out.push(`${name(fn)}(0xc000${(depth + 16).toString(16)}0000)`, fileLine(name(fn), depth));
      });
      if (g.createdBy) out.push(`created by ${name(g.createdBy)}`, fileLine(name(g.createdBy), 90));
      out.push('');
    }
  }
  return new TextEncoder().encode(out.join('\n'));
}

/**
 * The same goroutines as debug=1 prints them: one record per shape, no states or waits. With
 * hideRuntime, as runtime/pprof prints them (printStackRecord): the leading runtime.* frames
 * keep their PCs in the "@" list but get no "#" line.
 */
export function debug1(groups: Goroutines[], opts: { vendor?: boolean; hideRuntime?: boolean } = {}): Uint8Array {
  const name = opts.vendor ? vendored : (f: string) => f;
  const pcs = new Map<string, string>();
  const pc = (fn: string) => {
    let p = pcs.get(fn);
    if (!p) pcs.set(fn, (p = `0x${(0x401000 + pcs.size * 0x40).toString(16)}`));
    return p;
  };
  const total = groups.reduce((a, g) => a + g.n, 0);
  const out = [`goroutine profile: total ${total}`];
  for (const g of [...groups].sort((a, b) => b.n - a.n)) {
    const frames = g.stack.map(name);
    out.push(`${g.n} @ ${frames.map(pc).join(' ')}`);
    let shown = 0;
    if (opts.hideRuntime) while (shown < frames.length && frames[shown]!.startsWith('runtime.')) shown++;
    // A stack of runtime frames only is printed whole.
    if (shown === frames.length) shown = 0;
    frames.forEach((fn, depth) => depth >= shown && out.push(`#\t${pc(fn)}\t${fn}+0x${(0x20 + depth).toString(16)}\t/go/src/${pkgOf(fn)}/source.go:${100 + depth}`));
    out.push('');
  }
  return new TextEncoder().encode(out.join('\n'));
}

/** The same goroutines as a debug=0 goroutine profile (gzipped profile.proto): counts, no states. */
export function debug0(groups: Goroutines[]): Uint8Array {
  const functions: GenFunction[] = [];
  const index = new Map<string, number>();
  const fn = (name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      i = functions.length;
      functions.push({ name, file: `/go/src/${pkgOf(name)}/source.go` });
      index.set(name, i);
    }
    return i;
  };
  const samples: GenSample[] = groups.filter((g) => g.n > 0).map((g) => ({ stack: g.stack.map(fn), value: g.n }));
  return new Uint8Array(encodeProfile(functions, samples, ['goroutine', 'count']));
}

/** A healthy server's goroutines: idle connections and pool workers, some idle for an hour. */
export function background(n: number): Goroutines[] {
  const third = Math.floor(n / 3);
  return [
    {
      n: third,
      state: 'IO wait',
      minutes: (i) => i % 60,
      stack: [...parked.ioRead, 'net/http.(*connReader).Read', 'bufio.(*Reader).fill', 'bufio.(*Reader).ReadSlice', 'net/http.(*conn).readRequest', 'net/http.(*conn).serve'],
      createdBy: 'net/http.(*Server).Serve',
    },
    {
      n: third,
      state: 'select',
      minutes: (i) => i % 45,
      stack: [...parked.select, 'net/http.(*persistConn).writeLoop'],
      createdBy: 'net/http.(*Transport).dialConn',
    },
    {
      n: n - 2 * third,
      state: 'chan receive',
      minutes: (i) => (i % 2 === 0 ? 120 : 0),
      stack: [...parked.chanReceive, 'main.(*pool).worker'],
      createdBy: 'main.startPool',
    },
  ];
}

/** A sample of a heap or CPU profile: its stack (innermost first) and value. */
export interface Sample {
  stack: string[];
  value: number;
}

function build(p: ProfileBuilder, samples: Sample[], values: (v: number) => number[]): Profile {
  const fns = new Map<string, number>();
  const loc = (fn: string) => {
    let f = fns.get(fn);
    if (f === undefined) fns.set(fn, (f = p.addFunction(p.intern(fn), p.intern(fn), p.intern(`/go/src/${pkgOf(fn)}/source.go`))));
    return p.frame(f, 10);
  };
  for (const s of samples) {
    for (const fn of s.stack) p.pushFrame(loc(fn));
    p.endSample(values(s.value));
  }
  return p.build();
}

/**
 * A Go heap profile (what /debug/pprof/heap serves) whose in-use and allocated bytes are the
 * samples' values; `allocs` makes alloc_space the default, as /debug/pprof/allocs does.
 */
export function heapProfile(samples: Sample[], opts: { allocs?: boolean } = {}): Profile {
  const p = new ProfileBuilder({
    sampleTypes: [
      { type: 'alloc_objects', unit: 'count' },
      { type: 'alloc_space', unit: 'bytes' },
      { type: 'inuse_objects', unit: 'count' },
      { type: 'inuse_space', unit: 'bytes' },
    ],
    defaultSampleType: opts.allocs ? 'alloc_space' : undefined,
    periodType: { type: 'space', unit: 'bytes' },
    period: 524288,
  });
  return build(p, samples, (v) => [Math.ceil(v / 4096), v, Math.ceil(v / 4096), v]);
}

/** A Go CPU profile: samples/count and cpu/nanoseconds, 10 ms per sample. */
export function cpuProfile(samples: Sample[]): Profile {
  const p = new ProfileBuilder({
    sampleTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 10_000_000,
  });
  return build(p, samples, (v) => [Math.round(v / 10_000_000), v]);
}

/** A healthy server's heap or CPU: request handling, JSON and caches, no single hot spot. */
export function healthySamples(total: number): Sample[] {
  return [
    { stack: ['runtime.mallocgc', 'runtime.growslice', 'encoding/json.(*encodeState).marshal', 'main.(*api).serve'], value: total * 0.25 },
    { stack: ['runtime.mallocgc', 'runtime.newobject', 'main.(*catalog).load', 'main.main'], value: total * 0.35 },
    { stack: ['runtime.mallocgc', 'runtime.makemap', 'main.(*cache).put', 'main.(*api).serve'], value: total * 0.3 },
    { stack: ['runtime.mallocgc', 'runtime.makeslice', 'compress/flate.NewWriter', 'compress/gzip.(*Writer).Write', 'main.(*reports).write'], value: total * 0.1 },
  ];
}
