// stackscope peek REGEX FILE: the text of `go tool pprof -peek REGEX FILE` (callers and callees
// of every function matching REGEX); stackscope traces FILE: the text of `go tool pprof -traces`.

import { reportChoice } from './reportChoice';
import { computeTotal } from '../../analysis/top';
import { computePeek, formatPeekText } from '../../analysis/peek';
import { formatTracesText } from '../../analysis/traces';
import { applyKeep, filterSamples } from '../../analysis/sampleFilter';
import { activeFilterLines } from '../../analysis/tagFilter';
import { compileGoRegexp } from '../../lib/goRegexp';
import type { LoadedProfile } from '../../parse/load';
import { DataError, UsageError, type ParsedArgs } from '../args';

export const peekUsage =
  'stackscope peek [--sample_index=N|NAME] [--granularity=functions|filefunctions|files|lines|addresses] [--tagfocus=EXPR] [--tagignore=EXPR] REGEX FILE';
export const tracesUsage = 'stackscope traces [--sample_index=N|NAME] [--granularity=...] FILE';


export function runPeek(args: ParsedArgs, regex: string, file: LoadedProfile): string {
  const p = file.profile;
  const compiled = compileGoRegexp(regex);
  if (!compiled.ok) throw new UsageError(`parsing argument regexp ${regex}: ${compiled.error}`);
  const { sampleIndex, granularity } = reportChoice(args, p);
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
  const re = compiled.re;
  const report = computePeek(reported, {
    sampleIndex,
    granularity,
    match: (name) => re.test(name),
    total,
    activeFilters: activeFilterLines([
      ['tagfocus', tagfocus],
      ['tagignore', tagignore],
    ]),
  });
  if (report.entries.length === 0) throw new DataError(`no matches found for regexp: ${regex}`);
  return formatPeekText(report);
}

export function runTraces(args: ParsedArgs, file: LoadedProfile): string {
  const p = file.profile;
  return formatTracesText(p, reportChoice(args, p));
}
