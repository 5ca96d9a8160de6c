// stackscope top: the text of `go tool pprof -top` for a file, or with --diff_base=BASE the
// text of `go tool pprof -top -diff_base=BASE FILE` (target minus base).

import { reportChoice } from './reportChoice';
import { computeTop, computeTotal, formatTopText } from '../../analysis/top';
import { activeFilterPairs, applyFilter, type SampleFilter } from '../../analysis/sampleFilter';
import { refinementNames } from '../../analysis/refine';
import { activeFilterLines } from '../../analysis/tagFilter';
import { diffProfiles } from '../../analysis/diff';
import { describeProblem, ParseError } from '../../model/errors';
import type { Profile } from '../../model/profile';
import { loadProfile, type LoadedProfile } from '../../parse/load';
import { readBytes } from '../readBytes';
import { DataError, takeNumber, UsageError, type ParsedArgs } from '../args';

export const topUsage =
  'stackscope top [--sample_index=N|NAME] [--granularity=functions|filefunctions|files|lines|addresses] [--nodefraction=F] [--edgefraction=F] [--nodecount=N] [--focus=RE] [--ignore=RE] [--hide=RE] [--show=RE] [--show_from=RE] [--prune_from=RE] [--tagfocus=EXPR] [--tagignore=EXPR] [--diff_base=BASE [--normalize=true]] FILE [FILE...]';

/** The base profile as decoded; its problems are reported under its own name (run.ts names FILE only). */
async function loadBase(file: string): Promise<Profile> {
  let bytes: Uint8Array;
  try {
    bytes = readBytes(file);
  } catch (e) {
    throw new DataError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, true);
  }
  try {
    return (await loadProfile(bytes)).loaded.profile;
  } catch (e) {
    if (e instanceof ParseError) throw new DataError(describeProblem(file, e.toProblem()), true);
    throw e;
  }
}

/**
 * The profile to report on: the file as the views show it, or its difference from --diff_base
 * (diffProfiles merges the profiles as decoded and applies pprof's load rules to the merge).
 */
export async function profileOf(args: ParsedArgs, file: LoadedProfile): Promise<Profile> {
  const baseFile = args.flags.get('diff_base');
  const normalize = args.flags.get('normalize');
  if (normalize !== undefined && normalize !== 'true' && normalize !== 'false') {
    throw new UsageError(`--normalize=${normalize}: write --normalize=true or --normalize=false`);
  }
  if (baseFile === undefined) {
    if (normalize === 'true') throw new UsageError('--normalize needs a --diff_base profile to normalize by');
    return file.profile;
  }
  if (baseFile === '') throw new UsageError('--diff_base needs a file');
  const target = args.positional[0] ?? 'FILE';
  const base = await loadBase(baseFile);
  const r = diffProfiles({ profile: file.loaded.profile, name: target }, { profile: base, name: baseFile }, { normalize: normalize === 'true' });
  if (!r.ok) throw new DataError(r.error, true);
  return r.profile;
}

export async function runTop(args: ParsedArgs, file: LoadedProfile): Promise<string> {
  const p = await profileOf(args, file);
  const { sampleIndex, granularity } = reportChoice(args, p);
  // pprof takes the total before its filters (applyFocus) and reports on what they leave.
  const filter: SampleFilter = { states: [], minWait: 0, frame: '' };
  for (const k of [...refinementNames, 'tagfocus', 'tagignore'] as const) filter[k] = args.flags.get(k) ?? '';
  let reported = p;
  let total: number | undefined;
  const r = applyFilter(p, filter);
  if (!r.ok) throw new UsageError(r.error);
  if (r.keep) {
    total = computeTotal(p, sampleIndex);
    reported = r.profile;
  }
  const nodeCount = takeNumber(args.flags, 'nodecount', 0);
  if (!Number.isInteger(nodeCount)) throw new UsageError(`--nodecount=${args.flags.get('nodecount')} is not a whole number`);
  const table = computeTop(reported, {
    sampleIndex,
    granularity,
    nodeFraction: takeNumber(args.flags, 'nodefraction', 0.005),
    edgeFraction: takeNumber(args.flags, 'edgefraction', 0.001),
    nodeCount,
    total,
    activeFilters: activeFilterLines(activeFilterPairs(filter)),
  });
  return formatTopText(table);
}
