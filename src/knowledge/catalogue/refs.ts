// Links to kubernetes/kubernetes issues and pull requests ("k/k#N" in the reference).

import type { Reference } from '../types';

export function kk(...numbers: number[]): Reference[] {
  return numbers.map((n) => ({ label: `kubernetes#${n}`, url: `https://github.com/kubernetes/kubernetes/issues/${n}` }));
}

export function kep(number: number, label: string): Reference {
  return { label, url: `https://github.com/kubernetes/enhancements/issues/${number}` };
}
