// kube-apiserver versions as people paste them ("1.18.4", "v1.22.3-eks-1a2b3c",
// "v1.27.3+k3s1", "1.28.2-gke.1157000") and what an entry's ranges say about one.

import type { VersionRanges } from './types';

export interface Version {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

export type VersionStatus = 'affected' | 'fixed' | 'not-affected' | 'unknown-version';

export function parseVersion(input: string): Version | null {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+.][0-9A-Za-z.+-]*)?\s*$/.exec(input);
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return { major, minor, patch, text: `${major}.${minor}.${patch}` };
}

function cmp(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

function must(s: string): Version {
  const v = parseVersion(s);
  if (!v) throw new Error(`bad version in the catalogue: ${s}`);
  return v;
}

export function versionStatus(ranges: VersionRanges, v: Version | null): VersionStatus {
  if (!v) return 'unknown-version';
  for (const [from, to] of ranges.affected) if (cmp(must(from), v) <= 0 && cmp(v, must(to)) <= 0) return 'affected';
  const fixed = ranges.fixed.map(must);
  // Fixed on its own minor line, or on a later line than every fix was needed for.
  if (fixed.some((f) => f.major === v.major && f.minor === v.minor && cmp(f, v) <= 0)) return 'fixed';
  if (fixed.length > 0 && fixed.every((f) => cmp(f, v) <= 0)) return 'fixed';
  const lastAffected = ranges.affected.map(([, to]) => must(to)).sort(cmp).pop();
  if (lastAffected && fixed.length > 0 && cmp(v, lastAffected) > 0) return 'fixed';
  return 'not-affected';
}

export function statusText(status: VersionStatus, v: Version | null, ranges: VersionRanges): string {
  switch (status) {
    case 'affected':
      return `${v!.text} is affected (${ranges.affectedText}).`;
    case 'fixed':
      return `${v!.text} has the fix (${ranges.fixedText}), so this is probably something else with the same look.`;
    case 'not-affected':
      return `${v!.text} is outside the affected versions (${ranges.affectedText}), so this is probably something else.`;
    case 'unknown-version':
      return `Give the kube-apiserver version to check: affected ${ranges.affectedText}; fixed in ${ranges.fixedText}.`;
  }
}
