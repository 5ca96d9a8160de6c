// kube-apiserver versions as people paste them ("1.18.4", "v1.22.3-eks-1a2b3c",
// "v1.27.3+k3s1", "1.28.2-gke.1157000") and what an entry's ranges say about one.

import type { VersionRanges } from './types';

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** "1.16.3"; "1.16" when no patch was given (then every 1.16 patch release is meant). */
  text: string;
  /** False for "1.16": a minor line, not one release. */
  patchGiven: boolean;
}

export type VersionStatus = 'affected' | 'fixed' | 'not-affected' | 'unknown-version';

export function parseVersion(input: string): Version | null {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+.][0-9A-Za-z.+-]*)?\s*$/.exec(input);
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  const patchGiven = m[3] !== undefined;
  return { major, minor, patch, text: patchGiven ? `${major}.${minor}.${patch}` : `${major}.${minor}`, patchGiven };
}

function cmp(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

function must(s: string): Version {
  const v = parseVersion(s);
  if (!v) throw new Error(`bad version in the catalogue: ${s}`);
  return v;
}

/** The last patch release a minor line could have, for "1.16" meaning every 1.16 release. */
const LAST_PATCH = 999_999;

export function versionStatus(ranges: VersionRanges, v: Version | null): VersionStatus {
  if (!v) return 'unknown-version';
  if (!v.patchGiven) {
    // "1.16": one answer only when the first and the last 1.16 release get the same one.
    const first = releaseStatus(ranges, { ...v, patch: 0 });
    return first === releaseStatus(ranges, { ...v, patch: LAST_PATCH }) ? first : 'unknown-version';
  }
  return releaseStatus(ranges, v);
}

function releaseStatus(ranges: VersionRanges, v: Version): VersionStatus {
  for (const [from, to] of ranges.affected) if (cmp(must(from), v) <= 0 && cmp(v, must(to)) <= 0) return 'affected';
  const fixed = ranges.fixed.map(must);
  // Fixed on its own minor line, or on a later line than every fix was needed for.
  if (fixed.some((f) => f.major === v.major && f.minor === v.minor && cmp(f, v) <= 0)) return 'fixed';
  if (fixed.length > 0 && fixed.every((f) => cmp(f, v) <= 0)) return 'fixed';
  const lastAffected = ranges.affected.map(([, to]) => must(to)).sort(cmp).pop();
  if (lastAffected && fixed.length > 0 && cmp(v, lastAffected) > 0) return 'fixed';
  return 'not-affected';
}

/** "fixed in 1.23.0 (no backports)", or the entry's own words when there is no fix ("not fixed; ..."). */
function fixPhrase(fixedText: string): string {
  return /^(not fixed|partly|no fix|mitigat)/i.test(fixedText) ? fixedText : `fixed in ${fixedText}`;
}

const sentence = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

/** What the version means for one catalogue entry, in whole sentences whatever the entry's texts hold. */
export function statusText(status: VersionStatus, v: Version | null, ranges: VersionRanges): string {
  const fix = sentence(fixPhrase(ranges.fixedText));
  const which = v && !v.patchGiven ? `${v.text} (every ${v.text} patch release)` : v?.text;
  switch (status) {
    case 'affected':
      return `${which} is among the affected versions: ${ranges.affectedText}. ${fix}`;
    case 'fixed':
      return `${which} has the fix: ${fixPhrase(ranges.fixedText)}. So this is probably something else with the same look.`;
    case 'not-affected':
      return `${which} is outside the affected versions: ${ranges.affectedText}. So this is probably something else.`;
    case 'unknown-version':
      if (v && !v.patchGiven) {
        return `${v.text} covers ${v.text}.0 and every later ${v.text} patch release, and they differ here: affected ${ranges.affectedText}; ${fixPhrase(ranges.fixedText)}. Give the full version (kubectl version shows it).`;
      }
      return `Give the kube-apiserver version to check. Affected: ${ranges.affectedText}. ${fix}`;
  }
}
