// stackscope top: the text of `go tool pprof -top` for a file.

import { computeTop, formatTopText } from '../../analysis/top';
import { granularities, type Granularity } from '../../analysis/nodes';
import { sampleIndexByName } from '../../analysis/sampleIndex';
import { asPprofLoads } from '../../analysis/pprofLoad';
import type { Loaded } from '../../parse/load';
import { takeNumber, UsageError, type ParsedArgs } from '../args';

export const topUsage =
  'stackscope top [--sample_index=N|NAME] [--granularity=functions|filefunctions|files|lines|addresses] [--nodefraction=F] [--edgefraction=F] FILE';

export function runTop(args: ParsedArgs, loaded: Loaded): string {
  const p = asPprofLoads(loaded.profile);
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
