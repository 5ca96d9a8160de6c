// Several goroutine dumps of different processes (three apiserver replicas) as one: the
// goroutine tables and their profiles concatenated, every goroutine or record kept with the
// member it came from, so one grouping counts all of them and still says which replica holds
// each group. Profiles (heap, CPU) are merged with pprof's Merge instead (diffMerge.ts).

import type { GoroutineDump, GoroutineTable, UnparsedLines } from '../model/goroutines';
import type { Profile } from '../model/profile';
import type { Problem } from '../model/errors';
import { concatProfiles, type SourceMap } from './diffMerge';

export interface DumpMember {
  name: string;
  dump: GoroutineDump;
  /** The dump's text (debug=2), to show a goroutine as printed; null for other formats. */
  text: Uint8Array | null;
}

export interface CombinedDumps {
  dump: GoroutineDump;
  /** The members' texts one after another (a blank line between), offsets shifted to match. */
  text: Uint8Array | null;
  /** Member index of every sample (= goroutine for debug=2, record for debug=1 and debug=0). */
  memberOfSample: Uint16Array;
  /** Samples of member i are [sampleStart[i], sampleStart[i+1]). */
  sampleStart: Uint32Array;
}

export const MAX_SET_MEMBERS = 64;

const formatName = { debug2: 'debug=2', debug1: 'debug=1', debug0: 'debug=0' } as const;

/** Why these dumps cannot be one set, or null when they can. */
export function setIncompatibility(members: Array<{ name: string; dump: GoroutineDump | null }>): string | null {
  if (members.length < 2) return 'a set needs at least two files';
  if (members.length > MAX_SET_MEMBERS) return `a set holds at most ${MAX_SET_MEMBERS} files; ${members.length} were given`;
  const first = members[0]!;
  for (const m of members) {
    if (!m.dump !== !first.dump) {
      const [dump, other] = m.dump ? [m, first] : [first, m];
      return `${dump.name} is a goroutine dump and ${other.name} is not: a set holds files of one kind`;
    }
    if (m.dump && first.dump && m.dump.format !== first.dump.format) {
      return `${first.name} is a ${formatName[first.dump.format]} dump and ${m.name} a ${formatName[m.dump.format]} one: a set holds one format (open the same endpoint of each replica)`;
    }
  }
  return null;
}

function sumLines(list: UnparsedLines[]): UnparsedLines {
  // First lines are line numbers of one member's text: meaningless for the set, so the notes
  // name them per member instead.
  return { count: list.reduce((n, u) => n + u.count, 0), firstLines: [] };
}

function concatTables(tables: GoroutineTable[], maps: SourceMap[], offsetShift: number[]): GoroutineTable {
  const n = tables.reduce((k, t) => k + t.length, 0);
  const na = tables.reduce((k, t) => k + t.ancestors.length, 0);
  const nf = tables.reduce((k, t) => k + t.ancestors.stack.length, 0);
  const out: GoroutineTable = {
    length: n,
    id: new Float64Array(n),
    state: new Int32Array(n),
    waitMinutes: new Int32Array(n),
    flags: new Uint8Array(n),
    createdBy: new Int32Array(n),
    creatorId: new Float64Array(n),
    elidedFrames: new Uint32Array(n),
    offset: new Float64Array(n),
    lineNo: new Uint32Array(n),
    ancestorStart: new Uint32Array(n + 1),
    ancestors: {
      length: na,
      id: new Float64Array(na),
      stackStart: new Uint32Array(na + 1),
      stack: new Uint32Array(nf),
      createdBy: new Int32Array(na),
      framesElided: new Uint8Array(na),
    },
  };
  const loc = (m: SourceMap, l: number) => (l >= 0 ? m.location(l) : -1);
  let g0 = 0;
  let a0 = 0;
  let f0 = 0;
  tables.forEach((t, k) => {
    const m = maps[k]!;
    out.id.set(t.id, g0);
    out.waitMinutes.set(t.waitMinutes, g0);
    out.flags.set(t.flags, g0);
    out.creatorId.set(t.creatorId, g0);
    out.elidedFrames.set(t.elidedFrames, g0);
    out.lineNo.set(t.lineNo, g0);
    for (let i = 0; i < t.length; i++) {
      out.state[g0 + i] = m.string(t.state[i]!);
      out.createdBy[g0 + i] = loc(m, t.createdBy[i]!);
      out.offset[g0 + i] = t.offset[i]! + offsetShift[k]!;
      out.ancestorStart[g0 + i] = t.ancestorStart[i]! + a0;
    }
    const a = t.ancestors;
    out.ancestors.id.set(a.id, a0);
    out.ancestors.framesElided.set(a.framesElided, a0);
    for (let j = 0; j < a.length; j++) {
      out.ancestors.stackStart[a0 + j] = a.stackStart[j]! + f0;
      out.ancestors.createdBy[a0 + j] = loc(m, a.createdBy[j]!);
    }
    for (let j = 0; j < a.stack.length; j++) out.ancestors.stack[f0 + j] = m.location(a.stack[j]!);
    g0 += t.length;
    a0 += a.length;
    f0 += a.stack.length;
  });
  out.ancestorStart[n] = a0;
  out.ancestors.stackStart[na] = f0;
  return out;
}

/**
 * The members as one dump. Throws when they are not one kind and format (setIncompatibility).
 * Crash reports and log prefixes stay with each member's own tab: they describe one process.
 */
export function combineDumps(members: DumpMember[]): CombinedDumps {
  const problem = setIncompatibility(members);
  if (problem) throw new Error(problem);
  const dumps = members.map((m) => m.dump);
  const tables = dumps.map((d) => d.goroutines);
  const withTables = tables.every((t) => t !== null);

  // Texts one after another, a blank line after each, so that a cut last goroutine of one member
  // never runs into the next member's first one.
  let text: Uint8Array | null = null;
  const offsetShift: number[] = [];
  if (members.every((m) => m.text !== null)) {
    const size = members.reduce((k, m) => k + m.text!.length + 2, 0);
    text = new Uint8Array(size);
    let at = 0;
    for (const m of members) {
      offsetShift.push(at);
      text.set(m.text!, at);
      at += m.text!.length;
      text[at++] = 10;
      text[at++] = 10;
    }
  } else {
    members.forEach(() => offsetShift.push(0));
  }

  const maps: SourceMap[] = [];
  const profile: Profile = concatProfiles(
    dumps.map((d) => d.profile),
    (i, m) => {
      if (!withTables) return;
      // Map every reference of the table now, while this member is the merger's source.
      const t = tables[i]!;
      const strings = new Map<number, number>();
      for (const s of t.state) if (!strings.has(s)) strings.set(s, m.string(s));
      const locs = new Map<number, number>();
      const visit = (l: number) => {
        if (l >= 0 && !locs.has(l)) locs.set(l, m.location(l));
      };
      t.createdBy.forEach(visit);
      t.ancestors.createdBy.forEach(visit);
      t.ancestors.stack.forEach(visit);
      maps.push({ string: (s) => strings.get(s)!, location: (l) => locs.get(l)! });
    },
  );

  const sampleStart = new Uint32Array(members.length + 1);
  dumps.forEach((d, i) => (sampleStart[i + 1] = sampleStart[i]! + d.profile.samples.length));
  const memberOfSample = new Uint16Array(profile.samples.length);
  for (let i = 0; i < members.length; i++) memberOfSample.fill(i, sampleStart[i]!, sampleStart[i + 1]!);

  const problems: Problem[] = [];
  dumps.forEach((d, i) => {
    for (const p of d.problems ?? []) problems.push({ ...p, message: `${members[i]!.name}: ${p.message}` });
  });
  const skipped = dumps.filter((d) => d.skipped).map((d) => d.skipped!);
  const dump: GoroutineDump = {
    format: dumps[0]!.format,
    profile,
    goroutines: withTables ? concatTables(tables as GoroutineTable[], maps, offsetShift) : null,
    total: dumps.reduce((n, d) => n + d.total, 0),
    truncated: dumps.some((d) => d.truncated),
    unparsed: sumLines(dumps.map((d) => d.unparsed)),
    ...(skipped.length > 0 ? { skipped: sumLines(skipped) } : {}),
    ...(problems.length > 0 ? { problems } : {}),
  };
  return { dump, text, memberOfSample, sampleStart };
}
