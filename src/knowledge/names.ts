// Function names as the catalogue compares them: old kube-apiserver binaries carry a
// k8s.io/kubernetes/vendor/ prefix, and closures renumber (.func1 -> .func2) between versions.

import type { FunctionPattern } from './types';

const VENDOR = 'k8s.io/kubernetes/vendor/';

export function normalizeFunction(name: string): string {
  return name.startsWith(VENDOR) ? name.slice(VENDOR.length) : name;
}

export type CompiledPattern = (normalizedName: string) => boolean;

export function compilePattern(p: FunctionPattern): CompiledPattern {
  if ('exact' in p) return (n) => n === p.exact;
  if ('prefix' in p) return (n) => n.startsWith(p.prefix);
  const re = new RegExp(p.regex);
  return (n) => re.test(n);
}

export function anyPattern(ps: FunctionPattern[]): CompiledPattern {
  const compiled = ps.map(compilePattern);
  return (n) => compiled.some((c) => c(n));
}

/** "sync.Mutex.Lock" (Go >= 1.20) and "semacquire" (before) name the same wait. */
export const mutexWaitStates = ['semacquire', 'sync.Mutex.Lock', 'sync.RWMutex.Lock', 'sync.RWMutex.RLock'];
export const waitGroupStates = ['semacquire', 'sync.WaitGroup.Wait'];
