// stackscope top: the text of `go tool pprof -top` for a file, or with --diff_base=BASE the
// text of `go tool pprof -top -diff_base=BASE FILE` (target minus base).

import { readFileSync } from 'node:fs';
import { computeTop, formatTopText } from '../../analysis/top';
import { granularities, type Granularity } from '../../analysis/nodes';
import { sampleIndexByName } from '../../analysis/sampleIndex';
import { asPprofLoads } from '../../model/pprofLoad';
import { diffProfiles } from '../../analysis/diff';
import { describeProblem, ParseError } from '../../model/errors';
import type { Profile } from '../../model/profile';
import { loadBytes, type Loaded } from '../../parse/load';
import { nodeGunzip } from '../nodeGunzip';
import { DataError, takeNumber, UsageError, type ParsedArgs } from '../args';

export const topUsage =
  'stackscope top [--sample_index=N|NAME] [--granularity=functions|filefunctions|files|lines|addresses] [--nodefraction=F] [--edgefraction=F] [--diff_base=BASE [--normalize=true]] FILE';

/** The base profile's problems are reported under its own name (run.ts names FILE only). */
function loadBase(file: string): Profile {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new DataError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return loadBytes(bytes, { inflate: nodeGunzip }).profile;
  } catch (e) {
    if (e instanceof ParseError) throw new DataError(describeProblem(file, e.toProblem()));
    throw e;
  }
}

/** The profile to report on: the file as pprof loads it, or its difference from --diff_base. */
function profileOf(args: ParsedArgs, loaded: Loaded): Profile {
  const baseFile = args.flags.get('diff_base');
  const normalize = args.flags.get('normalize');
  if (normalize !== undefined && normalize !== 'true' && normalize !== 'false') {
    throw new UsageError(`--normalize=${normalize}: write --normalize=true or --normalize=false`);
  }
  if (baseFile === undefined) {
    if (normalize === 'true') throw new UsageError('--normalize needs a --diff_base profile to normalize by');
    return asPprofLoads(loaded.profile);
  }
  if (baseFile === '') throw new UsageError('--diff_base needs a file');
  const target = args.positional[0] ?? 'FILE';
  const r = diffProfiles({ profile: loaded.profile, name: target }, { profile: loadBase(baseFile), name: baseFile }, { normalize: normalize === 'true' });
  if (!r.ok) throw new DataError(r.error);
  return r.profile;
}

export function runTop(args: ParsedArgs, loaded: Loaded): string {
  const p = profileOf(args, loaded);
  let sampleIndex: number;
  try {
    sampleIndex = sampleIndexByName(p, args.flags.get('sample_index') ?? '');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let granularity: Granularity = 'functions';
  for (const g of granularities) if (args.flags.get(g) === 'true') granularity = g;
  const g = args.flags.get('granularity');
  if (g !== undefined) {
    if (!granularities.includes(g as Granularity)) throw new UsageError(`--granularity must be one of ${granularities.join(', ')}`);
    granularity = g as Granularity;
  }
  const table = computeTop(p, {
    sampleIndex,
    granularity,
    nodeFraction: takeNumber(args.flags, 'nodefraction', 0.005),
    edgeFraction: takeNumber(args.flags, 'edgefraction', 0.001),
  });
  return formatTopText(table);
}
