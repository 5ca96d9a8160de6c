// The shape of a known-bug entry: what it is, how to recognise it in a profile, which
// versions have it, and what to do. Entries are data (catalogue/); matching is match.ts.

export type ProfileKind = 'goroutine' | 'heap' | 'allocs' | 'cpu' | 'contention' | 'threadcreate' | 'other';

/** V: PR/commit text plus a code or tag check; P: PR/issue text; I: inferred. */
export type Confidence = 'verified' | 'probable' | 'inferred';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/**
 * A function name test, applied after normalizeFunction() (vendor prefix stripped):
 * exact name, prefix (closure suffixes .funcN shift between versions), or a regular
 * expression source.
 */
export type FunctionPattern = { exact: string } | { prefix: string } | { regex: string };

/** Goroutines piled up at a blocking site (the first frame outside the runtime). */
export interface GoroutineSiteSignature {
  kind: 'goroutine-site';
  /** The group's blocking site matches one of these. */
  sites: FunctionPattern[];
  /** Goroutine states (old and new Go names); empty: any state. */
  states: string[];
  /** Every one of these appears somewhere in the stack too. */
  alsoFrames?: FunctionPattern[];
  /** The goroutines were created by one of these (checked only where the dump says). */
  createdBy?: FunctionPattern[];
  thresholds: {
    /** With wait minutes (debug=2): at least this many goroutines waiting at least minWaitMinutes. */
    minGoroutinesWaiting: number;
    minWaitMinutes: number;
    /**
     * Without wait minutes (debug=1, debug=0): at least this many goroutines at the site in the
     * state (read from the runtime frames there). In debug=2, this many in the state while fewer
     * than minGoroutinesWaiting have waited minWaitMinutes is an early finding.
     */
    minGoroutinesWithoutWait: number;
  };
}

/** Goroutines whose stacks contain all of some frames (the site alone does not say enough). */
export interface GoroutineStackSignature {
  kind: 'goroutine-stack';
  frames: FunctionPattern[];
  /** Stacks that also contain one of these do not count. */
  without?: FunctionPattern[];
  states: string[];
  thresholds: {
    minGoroutines: number;
    minShare?: number;
    /**
     * With wait minutes (debug=2): only goroutines that have waited at least this long count
     * toward minGoroutines (a histogram bucket edge). Set it together with
     * minGoroutinesWithoutWait, the count that decides in formats without wait times
     * (debug=1, debug=0); without that, those formats never match. In debug=2, that count
     * reached while fewer than minGoroutines have waited minWaitMinutes is an early finding.
     */
    minWaitMinutes?: number;
    minGoroutinesWithoutWait?: number;
  };
}

/** More goroutines in one kind of stack than its partner explains (orphans). */
export interface GoroutineImbalanceSignature {
  kind: 'goroutine-imbalance';
  /** Stacks containing these... */
  frames: FunctionPattern[];
  /** ...outnumber stacks containing these by at least minExcess. */
  partner: FunctionPattern[];
  thresholds: { minExcess: number; minRatio: number };
}

/** Functions holding a large share of a heap or CPU profile. */
export interface ProfileFunctionsSignature {
  kind: 'profile-functions';
  profiles: ProfileKind[];
  /** The first of these sample types the profile has is used. */
  sampleTypes: string[];
  /** Every entry must hold: the cum share of samples through a matching function. */
  all: Array<{ pattern: FunctionPattern; minCumShare: number; label: string }>;
  /** Shares counted only over samples that also pass through one of these. */
  under?: FunctionPattern[];
  /** The profile's total must be at least this (in the sample type's unit), if set. */
  minTotal?: number;
}

export type Signature = GoroutineSiteSignature | GoroutineStackSignature | GoroutineImbalanceSignature | ProfileFunctionsSignature;

export interface VersionRanges {
  /** Inclusive ranges of affected kube-apiserver versions ("1.10.8", "1.10.13"). */
  affected: Array<[string, string]>;
  /** First fixed release on each line; empty when not fixed. */
  fixed: string[];
  /** Human form of both, as the reference states them. */
  affectedText: string;
  fixedText: string;
}

export interface Reference {
  label: string;
  url: string;
}

export interface KnownBug {
  /** Stable id (the reference's), e.g. KAS-TIMEOUT-LEAK. */
  id: string;
  title: string;
  profiles: ProfileKind[];
  /** Any one matching is a finding. */
  signatures: Signature[];
  versions: VersionRanges;
  references: Reference[];
  /** What happens and why, in 2-4 sentences. */
  explanation: string;
  remedy: string;
  /** Why the thresholds are what they are: when this is healthy traffic, not a bug. */
  thresholdsNote: string;
  confidence: Confidence;
  severity: Severity;
}
