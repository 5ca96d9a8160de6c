// The report flags every pprof-like command reads: --sample_index and --granularity (or -lines,
// -files, ...), as pprof reads them.

import { granularities, type Granularity } from '../../analysis/nodes';
import { sampleIndexByName } from '../../analysis/sampleIndex';
import type { Profile } from '../../model/profile';
import { UsageError, type ParsedArgs } from '../args';

export function reportChoice(args: ParsedArgs, p: Profile): { sampleIndex: number; granularity: Granularity } {
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
  return { sampleIndex, granularity };
}
