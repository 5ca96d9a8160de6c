// Recognises known bugs in a loaded file: goroutine signatures over the goroutine groups (and
// the stacks behind them), profile signatures over cum shares of a heap or CPU profile. Every
// finding says why it matched, with numbers, and what the given version means for it.

import type { GoroutineGroup, GoroutineGrouping } from '../analysis/goroutineGroups';
import { HIDDEN_WAIT, waitsHiddenInDebug1, type SampleStates } from '../analysis/goroutineState';
import { blockRate, blockRateText } from '../analysis/blockRate';
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
  /** debug=2 site findings: the rate the largest group's wait minutes tell ("blocked ~129 per minute over the last 9 minutes (steady)"). */
  blockRate?: string;
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

/**
 * How far the evidence goes. established: the signature's conditions hold as written (waits
 * past the threshold, or a signature with no time condition). early: a dump with wait times
 * shows the pile-up at its full count in the exact state, but too few have waited long enough
 * yet. age-unknown: the format carries no wait times, so the count decided and the age of the
 * pile-up cannot be told.
 */
export type FindingStage = 'established' | 'early' | 'age-unknown';

export const stageAdvice: Record<Exclude<FindingStage, 'established'>, string> = {
  early: "take a second dump in a few minutes: a leak's goroutines stay and their waits grow",
  'age-unknown':
    "this format carries no wait times, so a pile-up that began seconds ago looks the same as one that has lasted hours: take a debug=2 dump (it shows each goroutine's wait), or a second dump in a few minutes: a leak's goroutines stay and their count grows",
};

export interface KnownBugMatch {
  id: string;
  stage: FindingStage;
  /** For early and age-unknown: what the evidence lacks and what would confirm it; null when established. */
  stageText: string | null;
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
  /**
   * In a set of several processes' files: each member, in set order, with how far the finding
   * holds there (null: not matched) and what was seen there. The finding itself is the
   * strongest member's.
   */
  replicas?: Array<{ name: string; stage: FindingStage | null; summary: string; strongest?: true }>;
}

export interface MatchInput {
  kind: ProfileKind;
  /** The profile as the views show it (pprof names cleaned for pprof files). */
  profile: Profile;
  /**
   * states: for debug=0 and debug=1, each sample's state read from its runtime frames (the
   * grouping is keyed by it too); null for dumps that print states.
   */
  goroutines: { dump: GoroutineDump; grouping: GoroutineGrouping; states?: SampleStates | null } | null;
}

/** The evidence of one signature and how far it goes. */
interface Matched {
  evidence: Evidence;
  stage: FindingStage;
  stageText: string | null;
}

const established = (evidence: Evidence | null): Matched | null => (evidence ? { evidence, stage: 'established', stageText: null } : null);

/**
 * Does a goroutine whose state reads `state` count for a signature wanting `wanted` (empty: any)?
 * HIDDEN_WAIT (debug=1 printed no runtime frame) counts where every wanted state is one that only
 * runtime frames name: the site and the count decide, and the evidence says so.
 */
function stateCounts(state: string, wanted: ReadonlySet<string>): boolean {
  if (wanted.size === 0) return true;
  if (state === HIDDEN_WAIT) return [...wanted].every((w) => waitsHiddenInDebug1.has(w));
  return wanted.has(state);
}

/** Where the states came from, for the evidence: the dump, the runtime frames, or nowhere. */
function stateSourceNote(input: NonNullable<MatchInput['goroutines']>, counted: string[], wanted: string[]): string | null {
  if (input.dump.goroutines !== null || wanted.length === 0) return null;
  const fmt = input.dump.format === 'debug0' ? 'debug=0' : 'debug=1';
  if (counted.includes(HIDDEN_WAIT)) {
    return `${fmt} prints no states and hides the runtime frames that name the wait, so the goroutines counted are those at this site whose wait is not printed (${wanted.join(' / ')} among them); goroutines in a wait it does print (IO wait, locks, sleep) are not counted.`;
  }
  const from = input.states ? [...new Set(counted.flatMap((st) => input.states!.names.flatMap((n, i) => (n === st && input.states!.from[i] ? [input.states!.from[i]!] : []))))] : [];
  return `${fmt} prints no states: the state was read from the runtime frames${from.length > 0 ? ` (${from.join(', ')} -> ${counted.join(', ')})` : ''}.`;
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
  return groups
    .slice(0, 6)
    .map((g) => ({ state: g.state === HIDDEN_WAIT ? '' : g.state, site: g.site, count: g.count, share: total > 0 ? g.count / total : 0, wait: g.wait }));
}

function earlyText(waiting: number, needed: number, minutes: number, count: number, stateText: string, longest: number | null): string {
  return `Early: ${plural(count, 'goroutine')}${stateText} are already at the count that marks the leak, but ${waiting === 0 ? 'none has' : `only ${formatCount(waiting)} ${waiting === 1 ? 'has' : 'have'}`} waited ${orMore(minutes)} yet (${needed} needed${longest !== null ? `; the longest wait is ${longest === 0 ? 'under a minute' : plural(longest, 'minute')}` : ''}). To confirm: ${stageAdvice.early}.`;
}

function ageUnknownText(): string {
  return `Age unknown: ${stageAdvice['age-unknown']}.`;
}

function matchSite(sig: GoroutineSiteSignature, input: MatchInput): Matched | null {
  const gin = input.goroutines;
  if (!gin) return null;
  const site = anyPattern(sig.sites);
  const states = new Set(sig.states);
  const created = sig.createdBy ? anyPattern(sig.createdBy) : null;
  const also = sig.alsoFrames?.map((p) => anyPattern([p])) ?? [];
  const p = gin.dump.profile;
  const alsoThrough = also.map((t) => stacksThrough(p, t));
  const hasWaits = gin.dump.goroutines !== null;
  // States come from the dump (debug=2) or from the runtime frames (debug=0, debug=1); a
  // grouping made without read states has '' everywhere, and then the count alone decides.
  const hasStates = hasWaits || Boolean(gin.states);
  const groups = gin.grouping.groups.filter((g) => {
    if (!site(normalizeFunction(g.site))) return false;
    if (hasStates && !stateCounts(g.state, states)) return false;
    if (created && g.createdBy.length > 0 && !g.createdBy.some((c) => created(normalizeFunction(c.name)))) return false;
    return alsoThrough.every((through) => g.buckets.some((b) => through[b.sample]));
  });
  if (groups.length === 0) return null;
  const count = groups.reduce((a, g) => a + g.count, 0);
  const total = gin.grouping.total;
  const why: string[] = [];
  const stateText = sig.states.length > 0 ? ` in ${sig.states.join(' / ')}` : '';
  const t = sig.thresholds;
  let stage: FindingStage = 'established';
  let stageText: string | null = null;
  const wr = waitRange(groups);
  if (hasWaits) {
    const waiting = waitingAtLeast(groups, t.minWaitMinutes);
    if (waiting >= t.minGoroutinesWaiting) {
      why.push(`${plural(waiting, 'goroutine')} at this site${stateText} have waited ${orMore(t.minWaitMinutes)} (threshold ${t.minGoroutinesWaiting}).`);
    } else if (t.minWaitMinutes > 0 && count >= t.minGoroutinesWithoutWait) {
      // The leak's first minutes: the pile-up is there at full count, its waits are not yet.
      stage = 'early';
      stageText = earlyText(waiting, t.minGoroutinesWaiting, t.minWaitMinutes, count, stateText, wr ? wr.max : null);
      why.push(
        `${plural(count, 'goroutine')} at this site${stateText} (threshold ${t.minGoroutinesWithoutWait}, the count that decides where waits are unknown); ${formatCount(waiting)} of them have waited ${orMore(t.minWaitMinutes)} (threshold ${t.minGoroutinesWaiting}), so the finding is early.`,
      );
    } else {
      return null;
    }
  } else {
    if (count < t.minGoroutinesWithoutWait) return null;
    const states = [...new Set(groups.map((g) => g.state))];
    const note = stateSourceNote(gin, states, sig.states);
    why.push(
      `${plural(count, 'goroutine')} at this site${hasStates ? stateText : ''} (threshold ${t.minGoroutinesWithoutWait}); this format carries no wait times, so the match rests on the count alone.`,
    );
    if (note) why.push(note);
    else if (!hasStates && sig.states.length > 0) why.push('This format has no states either, so the state was not checked.');
    if (t.minWaitMinutes > 0) {
      stage = 'age-unknown';
      stageText = ageUnknownText();
    }
  }
  const first = groups[0]!;
  const shownStates = [...new Set(groups.map((g) => g.state).filter((st) => st !== '' && st !== HIDDEN_WAIT))];
  // What this one dump says about the pace: the largest group's wait minutes read as a rate.
  const rate = hasWaits ? blockRate(first, gin.grouping.longestWait) : null;
  if (rate?.ok) why.push(`From this dump alone: ${blockRateText(rate.rate)} at ${first.site}; wait minutes are ±1 minute and may lag by up to one GC interval.`);
  return {
    evidence: {
      summary: `${plural(count, 'goroutine')}${shownStates.length > 0 ? ` in ${shownStates.join(', ')}` : ''} at ${first.site}${wr ? `, waiting ${wr.min}-${wr.max} minutes` : ''} (${pct(count / Math.max(1, total))} of all goroutines).`,
      ...(rate?.ok ? { blockRate: blockRateText(rate.rate) } : {}),
      why,
      goroutines: count,
      share: count / Math.max(1, total),
      waitMinutes: wr,
      groups: evidenceGroups(groups, total),
    },
    stage,
    stageText,
  };
}

function matchStack(sig: GoroutineStackSignature, input: MatchInput): Matched | null {
  const gin = input.goroutines;
  if (!gin) return null;
  const t = sig.thresholds;
  const gate = t.minWaitMinutes;
  const p = gin.dump.profile;
  const through = sig.frames.map((f) => stacksThrough(p, anyPattern([f])));
  const without = sig.without ? stacksThrough(p, anyPattern(sig.without)) : null;
  const states = new Set(sig.states);
  const g = gin.dump.goroutines;
  const read = g ? null : (gin.states ?? null);
  const values = p.samples.values[0]!;
  const countedStates = new Set<string>();
  let count = 0;
  let waiting = 0;
  let minWait = Infinity;
  let maxWait = -Infinity;
  for (let s = 0; s < p.samples.length; s++) {
    if (!through.every((th) => th[s])) continue;
    if (without && without[s]) continue;
    if (g && states.size > 0 && !states.has(p.strings[g.state[s]!]!)) continue;
    if (read) {
      const st = read.names[read.state[s]!]!;
      if (!stateCounts(st, states)) continue;
      countedStates.add(st);
    }
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
  let stage: FindingStage = 'established';
  let stageText: string | null = null;
  const stateText = sig.states.length > 0 ? ` in ${sig.states.join(' / ')}` : '';
  if (gate === undefined) {
    counted = count;
    why = `${plural(count, 'goroutine')} match (threshold ${t.minGoroutines}${shareText}).`;
    if (count < t.minGoroutines) return null;
  } else if (g) {
    counted = waiting;
    why = `${plural(waiting, 'goroutine')} with these frames have waited ${orMore(gate)} (threshold ${t.minGoroutines}${shareText}).`;
    if (waiting < t.minGoroutines) {
      // Early: the count that decides where waits are unknown is reached, the waits are not yet.
      if (gate === 0 || t.minGoroutinesWithoutWait === undefined || count < t.minGoroutinesWithoutWait) return null;
      counted = count;
      stage = 'early';
      stageText = earlyText(waiting, t.minGoroutines, gate, count, stateText, count > 0 ? maxWait : null);
      why = `${plural(count, 'goroutine')} with these frames${stateText} (threshold ${t.minGoroutinesWithoutWait}, the count that decides where waits are unknown); ${formatCount(waiting)} of them have waited ${orMore(gate)} (threshold ${t.minGoroutines}), so the finding is early.`;
    }
  } else {
    counted = count;
    if (t.minGoroutinesWithoutWait === undefined || count < t.minGoroutinesWithoutWait) return null;
    why = `${plural(count, 'goroutine')} with these frames${read ? stateText : ''} (threshold ${t.minGoroutinesWithoutWait}); this format carries no wait times, so the match rests on the count alone.`;
    if (gate > 0) {
      stage = 'age-unknown';
      stageText = ageUnknownText();
    }
  }
  if (t.minShare !== undefined && counted / Math.max(1, total) < t.minShare) return null;
  const whys = [why];
  if (!g) {
    const note = stateSourceNote(gin, [...countedStates], sig.states);
    if (note) whys.push(note);
    else if (!read && sig.states.length > 0) whys.push('This format has no states either, so the state was not checked.');
  }
  const fn = matchingFunctionNames(p, anyPattern([sig.frames[0]!]), through[0]!);
  const waitMinutes = g && count > 0 ? { min: minWait, max: maxWait } : null;
  return {
    evidence: {
      summary: `${plural(count, 'goroutine')} with ${fn[0] ?? 'the signature frames'} in their stacks${waitMinutes ? `, waiting ${waitMinutes.min}-${waitMinutes.max} minutes` : ''} (${pct(count / Math.max(1, total))} of all goroutines).`,
      why: whys,
      goroutines: count,
      share: count / Math.max(1, total),
      waitMinutes,
      functions: fn.map((name) => ({ name, label: 'in the stacks', value: count, share: count / Math.max(1, total) })),
    },
    stage,
    stageText,
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

function matchSignature(sig: Signature, input: MatchInput): Matched | null {
  switch (sig.kind) {
    case 'goroutine-site':
      return matchSite(sig, input);
    case 'goroutine-stack':
      return matchStack(sig, input);
    case 'goroutine-imbalance':
      return established(matchImbalance(sig, input));
    case 'profile-functions':
      return established(matchFunctions(sig, input));
  }
}

export function matchKnownBugs(catalogue: KnownBug[], input: MatchInput, versionText: string | null): KnownBugMatch[] {
  const version = versionText ? parseVersion(versionText) : null;
  const findings: KnownBugMatch[] = [];
  for (const bug of catalogue) {
    if (!bug.profiles.includes(input.kind)) continue;
    for (const sig of bug.signatures) {
      const matched = matchSignature(sig, input);
      if (!matched) continue;
      const { evidence, stage, stageText } = matched;
      const status = versionStatus(bug.versions, version);
      findings.push({
        id: bug.id,
        stage,
        stageText,
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

/** A known bug whose only test is a wait time, in a format that carries none. */
export interface UndecidedBug {
  id: string;
  title: string;
  goroutines: number;
  /** What was seen and what the format cannot say. */
  text: string;
}

/**
 * Goroutine-stack signatures that need wait times and have no count to fall back on (the count
 * alone is healthy traffic), in a dump without wait times (debug=0, debug=1): when at least the
 * signature's count is there, say that this format cannot decide, rather than drop it unseen.
 */
export function undecidedWithoutWaits(catalogue: KnownBug[], input: MatchInput): UndecidedBug[] {
  const gin = input.goroutines;
  if (!gin || gin.dump.goroutines !== null) return [];
  const out: UndecidedBug[] = [];
  for (const bug of catalogue) {
    if (!bug.profiles.includes(input.kind)) continue;
    for (const sig of bug.signatures) {
      if (sig.kind !== 'goroutine-stack') continue;
      const t = sig.thresholds;
      if (!t.minWaitMinutes || t.minGoroutinesWithoutWait !== undefined) continue;
      // The signature's own count, as if it decided without waits; it does not.
      const seen = matchStack({ ...sig, thresholds: { ...t, minGoroutinesWithoutWait: t.minGoroutines } }, input);
      if (!seen) continue;
      const n = seen.evidence.goroutines ?? 0;
      const fn = seen.evidence.functions?.[0]?.name ?? 'the signature frames';
      const stateText = sig.states.length > 0 ? ` in ${sig.states.join(' / ')}` : '';
      out.push({
        id: bug.id,
        title: bug.title,
        goroutines: n,
        text: `${plural(n, 'goroutine')}${stateText} with ${fn} in their stacks. They are this bug only if ${t.minGoroutines} or more have waited ${orMore(t.minWaitMinutes)}, and this format carries no wait times: a debug=2 dump would tell.`,
      });
      break;
    }
  }
  return out;
}
