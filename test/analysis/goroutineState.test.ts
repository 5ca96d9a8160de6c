// States read from runtime frames (debug=0, debug=1) against what debug=2 headers say: each
// wait's frames as Go 1.19 prints them, and every real snapshot whose three formats were taken at
// one moment, counted state by state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIDDEN_WAIT, readStates, stateFromFrames, waitsHiddenInDebug1 } from '../../src/analysis/goroutineState';
import type { GoroutineDump } from '../../src/model/goroutines';
import { loadBytes } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';

// Leaf first, as the debug=0 profiles of tools/samplegen (Go 1.19) and Go's sources have them.
const user = ['k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1', 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1'];
const cases: Array<[string, string[], string, string]> = [
  ['chan send', ['runtime.gopark', 'runtime.chansend', 'runtime.chansend1', ...user], 'chan send', 'runtime.chansend'],
  ['chan receive', ['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv1', 'main.worker'], 'chan receive', 'runtime.chanrecv'],
  ['chan receive with ok', ['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv2', 'main.worker'], 'chan receive', 'runtime.chanrecv'],
  ['select', ['runtime.gopark', 'runtime.selectgo', 'net/http.(*persistConn).writeLoop'], 'select', 'runtime.selectgo'],
  ['select {}', ['runtime.gopark', 'runtime.block', 'main.main'], 'select (no cases)', 'runtime.block'],
  ['IO wait', ['runtime.gopark', 'runtime.netpollblock', 'internal/poll.runtime_pollWait', 'internal/poll.(*pollDesc).wait', 'net.(*netFD).Read'], 'IO wait', 'runtime.netpollblock'],
  ['sleep', ['runtime.gopark', 'time.Sleep', 'main.loop'], 'sleep', 'time.Sleep'],
  ['Mutex.Lock', ['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1', 'sync.runtime_SemacquireMutex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.f'], 'sync.Mutex.Lock', 'runtime.semacquire1'],
  ['RWMutex.RLock (Go 1.19)', ['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1', 'sync.runtime_SemacquireMutex', 'sync.(*RWMutex).RLock', 'main.f'], 'sync.RWMutex.RLock', 'runtime.semacquire1'],
  ['WaitGroup.Wait', ['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1', 'sync.runtime_Semacquire', 'sync.(*WaitGroup).Wait', 'main.f'], 'sync.WaitGroup.Wait', 'runtime.semacquire1'],
  ['a bare semaphore', ['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1', 'sync.runtime_Semacquire', 'main.f'], 'semacquire', 'runtime.semacquire1'],
  ['Cond.Wait', ['runtime.gopark', 'runtime.goparkunlock', 'sync.runtime_notifyListWait', 'sync.(*Cond).Wait', 'main.f'], 'sync.Cond.Wait', 'sync.runtime_notifyListWait'],
  ['GC worker', ['runtime.gopark', 'runtime.gcBgMarkWorker'], 'GC worker (idle)', 'runtime.gcBgMarkWorker'],
  ['a syscall', ['syscall.Syscall', 'syscall.read', 'os.(*File).Read'], 'syscall', 'syscall.Syscall'],
  ['the goroutine writing the profile', ['runtime/pprof.runtime_goroutineProfileWithLabels', 'runtime/pprof.writeRuntimeProfile', 'main.main'], 'running', 'runtime/pprof.runtime_goroutineProfileWithLabels'],
];

describe('stateFromFrames', () => {
  it.each(cases)('debug=0, %s', (_what, frames, state, from) => {
    expect(stateFromFrames(frames, 'debug0')).toEqual({ state, from });
  });

  it('reads no state where no runtime frame names one', () => {
    expect(stateFromFrames(['main.spin', 'main.main'], 'debug0')).toEqual({ state: '', from: '' });
    expect(stateFromFrames(['runtime.gopark', 'runtime.someNewWait', 'main.f'], 'debug0')).toEqual({ state: '', from: '' });
    expect(stateFromFrames([], 'debug1')).toEqual({ state: '', from: '' });
  });

  it('debug=1: a channel or select wait is hidden with its runtime frames', () => {
    expect(stateFromFrames(user, 'debug1')).toEqual({ state: HIDDEN_WAIT, from: '' });
    expect(waitsHiddenInDebug1.has('chan send') && waitsHiddenInDebug1.has('select')).toBe(true);
  });

  it('debug=1: waits entered outside runtime.* stay readable', () => {
    expect(stateFromFrames(['internal/poll.runtime_pollWait', 'internal/poll.(*pollDesc).wait', 'net.(*netFD).Read'], 'debug1').state).toBe('IO wait');
    expect(stateFromFrames(['sync.runtime_SemacquireMutex', 'sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.f'], 'debug1').state).toBe('sync.Mutex.Lock');
    expect(stateFromFrames(['time.Sleep', 'main.loop'], 'debug1').state).toBe('sleep');
    expect(stateFromFrames(['runtime/pprof.writeRuntimeProfile', 'main.main'], 'debug1').state).toBe('running');
    // A stack of runtime frames only is printed whole, so its wait reads as in debug=0.
    expect(stateFromFrames(['runtime.gopark', 'runtime.gcBgMarkWorker'], 'debug1').state).toBe('GC worker (idle)');
  });
});

function stateCounts(d: GoroutineDump): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string, n: number) => counts.set(k, (counts.get(k) ?? 0) + n);
  if (d.goroutines) {
    for (let s = 0; s < d.goroutines.length; s++) add(d.profile.strings[d.goroutines.state[s]!]!, 1);
  } else {
    const r = readStates(d.profile, d.format === 'debug1' ? 'debug1' : 'debug0');
    const v = d.profile.samples.values[0]!;
    for (let s = 0; s < v.length; s++) add(r.names[r.state[s]!]!, v[s]!);
  }
  return counts;
}

const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
const load = (path: string) => loadBytes(new Uint8Array(readFileSync(join(repoRoot, path)))).goroutines!;

const snapshots: Array<[string, string]> = [
  ...['leak-a.t1', 'leak-a.t2', 'leak-a.t3', 'leak-a.t4', 'leak-b.t1', 'leak-b.t2', 'healthy-c'].map((s): [string, string] => [`test/fixtures/series/${s}`, '.goroutine.debug2.txt.gz']),
  ...['apiserver-leaks.t1', 'apiserver-leaks.t2', 'apiserver-leaks-vendored', 'toyserver'].map((s): [string, string] => [`public/samples/${s}`, '.goroutine.debug2.txt']),
];

describe('states of one moment in three formats', () => {
  it.each(snapshots)('%s: debug=0 reads every state its debug=2 header says', (snap, debug2) => {
    const fromHeaders = stateCounts(load(snap + debug2));
    expect(sorted(stateCounts(load(`${snap}.goroutine.pb.gz`)))).toEqual(sorted(fromHeaders));
  });

  it.each(snapshots)('%s: debug=1 reads the same, its channel and select waits hidden', (snap, debug2) => {
    const want = new Map<string, number>();
    for (const [state, n] of stateCounts(load(snap + debug2))) {
      const k = waitsHiddenInDebug1.has(state) ? HIDDEN_WAIT : state;
      want.set(k, (want.get(k) ?? 0) + n);
    }
    expect(sorted(stateCounts(load(`${snap}.goroutine.debug1.txt`)))).toEqual(sorted(want));
  });
});
