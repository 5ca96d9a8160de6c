// stackscope dot: the DOT text of `go tool pprof -dot` for a file (the call graph, with
// pprof's -nodecount, -nodefraction and -edgefraction defaults of 80, 0.005 and 0.001).

import { reportChoice } from './reportChoice';
import { computeCallGraph, formatDot } from '../../analysis/callGraph';
import { applyKeep, filterSamples } from '../../analysis/sampleFilter';
import { activeFilterLines } from '../../analysis/tagFilter';
import { computeTotal } from '../../analysis/top';
import type { LoadedProfile } from '../../parse/load';
import { takeNumber, UsageError, type ParsedArgs } from '../args';
import { profileOf } from './top';

export const dotUsage =
  'stackscope dot [--sample_index=N|NAME] [--granularity=functions|filefunctions|files|lines|addresses] [--nodecount=N] [--nodefraction=F] [--edgefraction=F] [--tagfocus=EXPR] [--tagignore=EXPR] [--diff_base=BASE] FILE';

export async function runDot(args: ParsedArgs, file: LoadedProfile): Promise<string> {
  const p = await profileOf(args, file);
  const { sampleIndex, granularity } = reportChoice(args, p);
  const nodeCount = takeNumber(args.flags, 'nodecount', 80);
  if (!Number.isInteger(nodeCount)) throw new UsageError(`--nodecount=${args.flags.get('nodecount')} is not a whole number`);
  const tagfocus = args.flags.get('tagfocus') ?? '';
  const tagignore = args.flags.get('tagignore') ?? '';
  let reported = p;
  let total: number | undefined;
  if (tagfocus !== '' || tagignore !== '') {
    const r = filterSamples(p, { states: [], minWait: 0, frame: '', tagfocus, tagignore });
    if (!r.ok) throw new UsageError(r.error);
    total = computeTotal(p, sampleIndex);
    reported = applyKeep(p, r.keep);
  }
  const graph = computeCallGraph(reported, {
    sampleIndex,
    granularity,
    nodeCount,
    nodeFraction: takeNumber(args.flags, 'nodefraction', 0.005),
    edgeFraction: takeNumber(args.flags, 'edgefraction', 0.001),
    total,
    activeFilters: activeFilterLines([
      ['tagfocus', tagfocus],
      ['tagignore', tagignore],
    ]),
  });
  return formatDot(graph);
}
