// Recognises known bugs in a loaded file: goroutine signatures over the goroutine groups (and
// the stacks behind them), profile signatures over cum shares of a heap or CPU profile. Every
// finding says why it matched, with numbers, and what the given version means for it.

import type { GoroutineGroup, GoroutineGrouping } from '../analysis/goroutineGroups';
import type { GoroutineDump } from '../model/goroutines';
import type { Profile } from '../model/profile';
import { anyPattern, normalizeFunction, type CompiledPattern } from './names';
import type {
  GoroutineImbalanceSignature,
  GoroutineSiteSignature,
  GoroutineStackSignature,
  KnownBug,
  ProfileFunctionsSignature,
  ProfileKind,
  Severity,
  Signature,
} from './types';
import { parseVersion, statusText, versionStatus, type VersionStatus } from './versions';
import { formatCount } from '../lib/goformat';

export interface EvidenceGroup {
  state: string;
  site: string;
  count: number;
  share: number;
  wait: { min: number; median: number; max: number } | null;
}

export interface EvidenceFunction {
  name: string;
  label: string;
  /** Cum value through matching functions, and its share of the total. */
  value: number;
  share: number;
}

export interface Evidence {
  /** One line: what was seen. */
  summary: string;
  /** Why it matched: each threshold and the figure that passed it. */
  why: string[];
  goroutines?: number;
  share?: number;
  waitMinutes?: { min: number; max: number } | null;
  groups?: EvidenceGroup[];
  functions?: EvidenceFunction[];
  sampleType?: string;
  unit?: string;
  total?: number;
}

export interface KnownBugMatch {
  id: string;
  title: string;
  severity: Severity;
  confidence: KnownBug['confidence'];
  status: VersionStatus;
  statusText: string;
  evidence: Evidence;
  explanation: string;
  remedy: string;
  thresholdsNote: string;
  references: KnownBug['references'];
  affectedText: string;
  fixedText: string;
  /** Names to badge in the views: blocking sites and functions (as they appear in the file). */
  anchors: { sites: string[]; functions: string[] };
}

export interface MatchInput {
  kind: ProfileKind;
  /** The profile as the views show it (pprof names cleaned for pprof files). */
  profile: Profile;
  goroutines: { dump: GoroutineDump; grouping: GoroutineGrouping } | null;
}

const severityWeight: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** Which kind of profile this is, from its sample types. */
export function profileKind(p: Profile, isDump: boolean): ProfileKind {
  if (isDump) return 'goroutine';
  const types = p.sampleTypes.map((t) => t.type);
  if (types.includes('goroutine')) return 'goroutine';
  if (types.includes('inuse_space')) return p.defaultSampleType === 'alloc_space' ? 'allocs' : 'heap';
  if (types.includes('alloc_space') || types.includes('space')) return 'heap';
  if (types.includes('cpu') || (types.includes('samples') && p.periodType?.type === 'cpu')) return 'cpu';
  if (types.includes('contentions') || types.includes('delay')) return 'contention';
  if (types.includes('threadcreate')) return 'threadcreate';
  return 'other';
}

/** Per sample: does its stack contain a function matching `test`? Cached per function. */
function stacksThrough(p: Profile, test: CompiledPattern): Uint8Array {
  const { samples, locations, lines, functions, strings } = p;
  const fnMatch = new Int8Array(functions.length).fill(-1);
  const locMatch = new Int8Array(locations.length).fill(-1);
  const out = new Uint8Array(samples.length);
  for (let s = 0; s < samples.length; s++) {
    for (let i = samples.stackStart[s]!; i < samples.stackStart[s + 1]!; i++) {
      const l = samples.stack[i]!;
      if (locMatch[l] === -1) {
        let m = 0;
        for (let k = locations.lineStart[l]!; k < locations.lineStart[l + 1]! && !m; k++) {
          const f = lines.func[k]!;
          if (f < 0) continue;
          if (fnMatch[f] === -1) fnMatch[f] = test(normalizeFunction(strings[functions.name[f]!]!)) ? 1 : 0;
          m = fnMatch[f]!;
        }
        locMatch[l] = m;
      }
      if (locMatch[l]) {
        out[s] = 1;
        break;
      }
    }
  }
  return out;
}

function matchingFunctionNames(p: Profile, test: CompiledPattern, through: Uint8Array): string[] {
  const names = new Set<string>();
  const { samples, locations, lines, functions, strings } = p;
  for (let s = 0; s < samples.length && names.size < 8; s++) {
    if (!through[s]) continue;
    for (let i = samples.stackStart[s]!; i < samples.stackStart[s + 1]!; i++) {
      const l = samples.stack[i]!;
      for (let k = locations.lineStart[l]!; k < locations.lineStart[l + 1]!; k++) {
        const f = lines.func[k]!;
        if (f < 0) continue;
        const name = strings[functions.name[f]!]!;
        if (test(normalizeFunction(name))) names.add(name);
      }
    }
  }
  return [...names];
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const orMore = (minutes: number) => (minutes === 1 ? 'a minute or more' : `${minutes} minutes or more`);

function waitRange(groups: GoroutineGroup[]): { min: number; max: number } | null {
  const waits = groups.map((g) => g.wait).filter((w): w is NonNullable<typeof w> => w !== null);
  if (waits.length === 0) return null;
  return { min: Math.min(...waits.map((w) => w.min)), max: Math.max(...waits.map((w) => w.max)) };
}

/**
 * Goroutines of the given groups waiting at least `minutes`, counted from their exact wait
 * distributions (a goroutine without minutes waited under one), so any threshold is exact.
 */
function waitingAtLeast(groups: GoroutineGroup[], minutes: number): number {
  let n = 0;
  for (const g of groups) {
    const d = g.waitDistribution;
    if (!d) continue;
    if (minutes <= 0) n += d.withoutMinutes;
    for (let i = 0; i < d.minutes.length; i++) if (d.minutes[i]! >= minutes) n += d.counts[i]!;
  }
  return n;
}

function evidenceGroups(groups: GoroutineGroup[], total: number): EvidenceGroup[] {
  return groups.slice(0, 6).map((g) => ({ state: g.state, site: g.site, count: g.count, share: total > 0 ? g.count / total : 0, wait: g.wait }));
}

function matchSite(sig: GoroutineSiteSignature, input: MatchInput): Evidence | null {
  const gin = input.goroutines;
  if (!gin) return null;
  const site = anyPattern(sig.sites);
  const states = new Set(sig.states);
  const created = sig.createdBy ? anyPattern(sig.createdBy) : null;
  const also = sig.alsoFrames?.map((p) => anyPattern([p])) ?? [];
  const p = gin.dump.profile;
  const alsoThrough = also.map((t) => stacksThrough(p, t));
  const hasStates = gin.dump.goroutines !== null;
  const groups = gin.grouping.groups.filter((g) => {
    if (!site(normalizeFunction(g.site))) return false;
    if (hasStates && states.size > 0 && !states.has(g.state)) return false;
    if (created && g.createdBy.length > 0 && !g.createdBy.some((c) => created(normalizeFunction(c.name)))) return false;
    return alsoThrough.every((through) => g.buckets.some((b) => through[b.sample]));
  });
  if (groups.length === 0) return null;
  const count = groups.reduce((a, g) => a + g.count, 0);
  const total = gin.grouping.total;
  const why: string[] = [];
  const stateText = sig.states.length > 0 ? ` in ${sig.states.join(' / ')}` : '';
  if (hasStates) {
    const waiting = waitingAtLeast(groups, sig.thresholds.minWaitMinutes);
    if (waiting < sig.thresholds.minGoroutinesWaiting) return null;
    why.push(
      `${plural(waiting, 'goroutine')} at this site${stateText} have waited ${orMore(sig.thresholds.minWaitMinutes)} (threshold ${sig.thresholds.minGoroutinesWaiting}).`,
    );
  } else {
    if (count < sig.thresholds.minGoroutinesWithoutWait) return null;
    why.push(
      `${plural(count, 'goroutine')} at this site (threshold ${sig.thresholds.minGoroutinesWithoutWait}); this format has no states or wait times, so the match rests on the count alone.`,
    );
  }
  const wr = waitRange(groups);
  const first = groups[0]!;
  return {
    summary: `${plural(count, 'goroutine')}${hasStates ? ` in ${[...new Set(groups.map((g) => g.state))].join(', ')}` : ''} at ${first.site}${wr ? `, waiting ${wr.min}-${wr.max} minutes` : ''} (${pct(count / Math.max(1, total))} of all goroutines).`,
    why,
    goroutines: count,
    share: count / Math.max(1, total),
    waitMinutes: wr,
    groups: evidenceGroups(groups, total),
  };
}

function matchStack(sig: GoroutineStackSignature, input: MatchInput): Evidence | null {
  const gin = input.goroutines;
  if (!gin) return null;
  const t = sig.thresholds;
  const gate = t.minWaitMinutes;
  const p = gin.dump.profile;
  const through = sig.frames.map((f) => stacksThrough(p, anyPattern([f])));
  const without = sig.without ? stacksThrough(p, anyPattern(sig.without)) : null;
  const states = new Set(sig.states);
  const g = gin.dump.goroutines;
  const values = p.samples.values[0]!;
  let count = 0;
  let waiting = 0;
  let minWait = Infinity;
  let maxWait = -Infinity;
  for (let s = 0; s < p.samples.length; s++) {
    if (!through.every((th) => th[s])) continue;
    if (without && without[s]) continue;
    if (g && states.size > 0 && !states.has(p.strings[g.state[s]!]!)) continue;
    count += values[s]!;
    if (g) {
      const minutes = Math.max(0, g.waitMinutes[s]!);
      if (gate === undefined || minutes >= gate) waiting += values[s]!;
      minWait = Math.min(minWait, minutes);
      maxWait = Math.max(maxWait, minutes);
    }
  }
  const total = gin.grouping.total;
  const shareText = t.minShare ? `, ${pct(t.minShare)} of all` : '';
  let counted: number;
  let why: string;
  if (gate === undefined) {
    counted = count;
    why = `${plural(count, 'goroutine')} match (threshold ${t.minGoroutines}${shareText}).`;
    if (count < t.minGoroutines) return null;
  } else if (g) {
    counted = waiting;
    why = `${plural(waiting, 'goroutine')} with these frames have waited ${orMore(gate)} (threshold ${t.minGoroutines}${shareText}).`;
    if (waiting < t.minGoroutines) return null;
  } else {
    counted = count;
    if (t.minGoroutinesWithoutWait === undefined || count < t.minGoroutinesWithoutWait) return null;
    why = `${plural(count, 'goroutine')} with these frames (threshold ${t.minGoroutinesWithoutWait}); this format has no states or wait times, so the match rests on the count alone.`;
  }
  if (t.minShare !== undefined && counted / Math.max(1, total) < t.minShare) return null;
  const fn = matchingFunctionNames(p, anyPattern([sig.frames[0]!]), through[0]!);
  const waitMinutes = g && count > 0 ? { min: minWait, max: maxWait } : null;
  return {
    summary: `${plural(count, 'goroutine')} with ${fn[0] ?? 'the signature frames'} in their stacks${waitMinutes ? `, waiting ${waitMinutes.min}-${waitMinutes.max} minutes` : ''} (${pct(count / Math.max(1, total))} of all goroutines).`,
    why: [why],
    goroutines: count,
    share: count / Math.max(1, total),
    waitMinutes,
    functions: fn.map((name) => ({ name, label: 'in the stacks', value: count, share: count / Math.max(1, total) })),
  };
}

function matchImbalance(sig: GoroutineImbalanceSignature, input: MatchInput): Evidence | null {
  const gin = input.goroutines;
  if (!gin) return null;
  const p = gin.dump.profile;
  const a = stacksThrough(p, anyPattern(sig.frames));
  const b = stacksThrough(p, anyPattern(sig.partner));
  const values = p.samples.values[0]!;
  let na = 0;
  let nb = 0;
  for (let s = 0; s < p.samples.length; s++) {
    if (a[s]) na += values[s]!;
    if (b[s]) nb += values[s]!;
  }
  const excess = na - nb;
  if (excess < sig.thresholds.minExcess || na < sig.thresholds.minRatio * Math.max(1, nb)) return null;
  const names = matchingFunctionNames(p, anyPattern(sig.frames), a);
  return {
    summary: `${plural(na, 'goroutine')} in ${names[0] ?? 'the watcher'} but only ${plural(nb, 'goroutine')} serving their requests: ${formatCount(excess)} look orphaned.`,
    why: [`excess ${excess} (threshold ${sig.thresholds.minExcess}), ratio ${(na / Math.max(1, nb)).toFixed(1)} (threshold ${sig.thresholds.minRatio}).`],
    goroutines: excess,
    share: excess / Math.max(1, gin.grouping.total),
    functions: names.map((name) => ({ name, label: 'orphaned', value: na, share: na / Math.max(1, gin.grouping.total) })),
  };
}

function matchFunctions(sig: ProfileFunctionsSignature, input: MatchInput): Evidence | null {
  if (!sig.profiles.includes(input.kind)) return null;
  const p = input.profile;
  const sampleIndex = sig.sampleTypes.map((t) => p.sampleTypes.findIndex((st) => st.type === t)).find((i) => i >= 0);
  if (sampleIndex === undefined) return null;
  const values = p.samples.values[sampleIndex]!;
  let total = 0;
  for (let s = 0; s < values.length; s++) total += Math.abs(values[s]!);
  if (total === 0 || (sig.minTotal !== undefined && total < sig.minTotal)) return null;
  const under = sig.under ? stacksThrough(p, anyPattern(sig.under)) : null;
  const functions: EvidenceFunction[] = [];
  const why: string[] = [];
  for (const need of sig.all) {
    const test = anyPattern([need.pattern]);
    const through = stacksThrough(p, test);
    let v = 0;
    for (let s = 0; s < values.length; s++) if (through[s] && (!under || under[s])) v += values[s]!;
    const share = v / total;
    if (share < need.minCumShare) return null;
    const names = matchingFunctionNames(p, test, through);
    functions.push({ name: names[0] ?? need.label, label: need.label, value: v, share });
    why.push(`${need.label}: ${pct(share)} of ${p.sampleTypes[sampleIndex]!.type} (threshold ${pct(need.minCumShare)}).`);
  }
  const type = p.sampleTypes[sampleIndex]!;
  return {
    summary: functions.map((f) => `${f.name} holds ${pct(f.share)}`).join('; ') + ` of ${type.type}.`,
    why,
    functions,
    share: Math.max(...functions.map((f) => f.share)),
    sampleType: type.type,
    unit: type.unit,
    total,
  };
}

function matchSignature(sig: Signature, input: MatchInput): Evidence | null {
  switch (sig.kind) {
    case 'goroutine-site':
      return matchSite(sig, input);
    case 'goroutine-stack':
      return matchStack(sig, input);
    case 'goroutine-imbalance':
      return matchImbalance(sig, input);
    case 'profile-functions':
      return matchFunctions(sig, input);
  }
}

export function matchKnownBugs(catalogue: KnownBug[], input: MatchInput, versionText: string | null): KnownBugMatch[] {
  const version = versionText ? parseVersion(versionText) : null;
  const findings: KnownBugMatch[] = [];
  for (const bug of catalogue) {
    if (!bug.profiles.includes(input.kind)) continue;
    for (const sig of bug.signatures) {
      const evidence = matchSignature(sig, input);
      if (!evidence) continue;
      const status = versionStatus(bug.versions, version);
      findings.push({
        id: bug.id,
        title: bug.title,
        severity: bug.severity,
        confidence: bug.confidence,
        status,
        statusText: statusText(status, version, bug.versions),
        evidence,
        explanation: bug.explanation,
        remedy: bug.remedy,
        thresholdsNote: bug.thresholdsNote,
        references: bug.references,
        affectedText: bug.versions.affectedText,
        fixedText: bug.versions.fixedText,
        anchors: {
          sites: (evidence.groups ?? []).map((g) => g.site),
          functions: (evidence.functions ?? []).map((f) => f.name),
        },
      });
      break;
    }
  }
  // Most severe first; among equals, the larger share of the profile.
  return findings.sort(
    (a, b) =>
      severityWeight[b.severity] - severityWeight[a.severity] ||
      (b.status === 'affected' ? 1 : 0) - (a.status === 'affected' ? 1 : 0) ||
      (b.evidence.share ?? 0) - (a.evidence.share ?? 0),
  );
}
