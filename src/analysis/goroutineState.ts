// A goroutine's state read from its runtime frames, for the formats that print no state:
// debug=0 (the pprof protobuf) and debug=1 (runtime/pprof's count text). The names are the
// runtime's own wait reasons (runtime2.go waitReasonStrings), so what is read here compares with
// what a debug=2 header says: gopark called from runtime.chansend is "chan send", from
// runtime.selectgo "select", from runtime.netpollblock "IO wait", and so on.
//
// debug=1 hides the leading runtime.* frames of every stack (runtime/pprof printStackRecord
// prints them only when nothing else would be printed), so a goroutine parked in a channel
// operation or a select shows only its own code there: its wait is HIDDEN_WAIT, which of those
// it is cannot be read. Waits entered through a frame outside runtime.* stay readable in
// debug=1 (internal/poll.runtime_pollWait, sync.runtime_Semacquire*, time.Sleep, syscall.*).

import type { Profile } from '../model/profile';

/** debug=1 did not print the runtime frames that would name the wait. */
export const HIDDEN_WAIT = '(wait not printed)';

/**
 * Waits whose frames are all runtime.*: in debug=1 a goroutine in one of them reads as
 * HIDDEN_WAIT. Every other wait enters through a frame debug=1 prints.
 */
export const waitsHiddenInDebug1: ReadonlySet<string> = new Set([
  'chan send',
  'chan receive',
  'chan send (nil chan)',
  'chan receive (nil chan)',
  'select',
  'select (no cases)',
  'GC worker (idle)',
  'GC sweep wait',
  'GC scavenge wait',
  'force gc (idle)',
  'finalizer wait',
]);

/** The function that says which wait (gopark's caller, or the runtime's entry point). */
const waitOf: ReadonlyMap<string, string> = new Map([
  ['runtime.chansend', 'chan send'],
  ['runtime.chansend1', 'chan send'],
  ['runtime.chanrecv', 'chan receive'],
  ['runtime.chanrecv1', 'chan receive'],
  ['runtime.chanrecv2', 'chan receive'],
  ['runtime.selectgo', 'select'],
  ['runtime.block', 'select (no cases)'],
  ['runtime.netpollblock', 'IO wait'],
  ['internal/poll.runtime_pollWait', 'IO wait'],
  ['runtime.timeSleep', 'sleep'],
  ['time.Sleep', 'sleep'],
  ['runtime.notifyListWait', 'sync.Cond.Wait'],
  ['sync.runtime_notifyListWait', 'sync.Cond.Wait'],
  ['runtime.gcBgMarkWorker', 'GC worker (idle)'],
  ['runtime.bgsweep', 'GC sweep wait'],
  ['runtime.bgscavenge', 'GC scavenge wait'],
  ['runtime.forcegchelper', 'force gc (idle)'],
  ['runtime.runfinq', 'finalizer wait'],
  ['syscall.Syscall', 'syscall'],
  ['syscall.Syscall6', 'syscall'],
  ['syscall.RawSyscall', 'syscall'],
  ['syscall.RawSyscall6', 'syscall'],
  ['runtime/internal/syscall.Syscall6', 'syscall'],
  ['internal/runtime/syscall.Syscall6', 'syscall'],
]);

/**
 * The semaphore entry points of package sync. Go 1.19 calls every such wait "semacquire"; Go 1.20
 * and later name the lock ("sync.Mutex.Lock", ...), which the caller in package sync tells.
 */
const semaphore = /^(?:internal\/)?sync\.runtime_Semacquire(?:Mutex|RWMutexR|RWMutex|WaitGroup)?$|^runtime\.semacquire1$/;
const semaphoreUser: ReadonlyArray<[RegExp, string]> = [
  [/^(?:internal\/)?sync\.\(\*Mutex\)\.(?:lockSlow|Lock)$/, 'sync.Mutex.Lock'],
  [/^sync\.\(\*RWMutex\)\.RLock$/, 'sync.RWMutex.RLock'],
  [/^sync\.\(\*RWMutex\)\.Lock$/, 'sync.RWMutex.Lock'],
  [/^sync\.\(\*WaitGroup\)\.Wait$/, 'sync.WaitGroup.Wait'],
];

/** Frames below the code a person wrote, where the wait is entered. */
const runtimeLevel = /^(?:runtime\.|runtime\/internal\/|internal\/|sync\.runtime_|syscall\.|time\.Sleep$)/;

export interface StateReading {
  /** The wait reason, HIDDEN_WAIT, or '' when the frames do not say. */
  state: string;
  /** The frame it was read from ('' when none). */
  from: string;
}

/**
 * The state of one stack, from its function names leaf first (inlined frames included, innermost
 * first). `format` says whether the leading runtime frames were printed (debug0) or hidden (debug1).
 */
export function stateFromFrames(names: readonly string[], format: 'debug0' | 'debug1'): StateReading {
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (semaphore.test(name)) {
      for (let j = i + 1; j < names.length && j <= i + 3; j++) {
        for (const [re, state] of semaphoreUser) if (re.test(names[j]!)) return { state, from: name };
      }
      return { state: 'semacquire', from: name };
    }
    const state = waitOf.get(name);
    if (state !== undefined) return { state, from: name };
    // The goroutine writing the profile is the one running while it is taken.
    if (name.startsWith('runtime/pprof.')) return { state: 'running', from: name };
    if (!runtimeLevel.test(name)) break;
  }
  // debug=1 printed no runtime frame above the goroutine's own code: the wait was hidden.
  if (format === 'debug1' && names.length > 0 && !names[0]!.startsWith('runtime.')) return { state: HIDDEN_WAIT, from: '' };
  return { state: '', from: '' };
}

export interface SampleStates {
  /** Distinct readings; names[0] is '' (not read). */
  names: string[];
  /** Frame each reading came from, parallel to names ('' for none). */
  from: string[];
  /** Per sample, an index into names. */
  state: Uint16Array;
}

/** Reads the state of every sample of a debug=0 or debug=1 goroutine profile from its frames. */
export function readStates(p: Profile, format: 'debug0' | 'debug1'): SampleStates {
  const { samples, locations, lines, functions, strings } = p;
  const names = [''];
  const from = [''];
  const index = new Map<string, number>([['\u0000', 0]]);
  const state = new Uint16Array(samples.length);
  const frames: string[] = [];
  for (let s = 0; s < samples.length; s++) {
    frames.length = 0;
    // The wait is named within the first few frames; reading a dozen is plenty.
    for (let i = samples.stackStart[s]!; i < samples.stackStart[s + 1]! && frames.length < 12; i++) {
      const l = samples.stack[i]!;
      for (let k = locations.lineStart[l]!; k < locations.lineStart[l + 1]!; k++) {
        const f = lines.func[k]!;
        frames.push(f >= 0 ? strings[functions.name[f]!]! : '');
      }
    }
    const r = stateFromFrames(frames, format);
    const key = `${r.state}\u0000${r.from}`;
    let ix = index.get(r.state === '' ? '\u0000' : key);
    if (ix === undefined) {
      ix = names.length;
      names.push(r.state);
      from.push(r.from);
      index.set(key, ix);
    }
    state[s] = ix;
  }
  return { names, from, state };
}
