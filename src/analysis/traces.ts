// pprof's traces report (`go tool pprof -traces`, report.printTraces): every sample in profile
// order with its labels, its value and its frames, leaf first, one report node per line of each
// location ("(inline)" on all but a location's outermost line). Like pprof, which merges every
// profile it reads (profile.Merge), samples with equal stacks and labels are one trace and
// samples whose values are all zero are left out; nothing else is trimmed.

import { label as unitLabel, scaledLabel } from '../lib/units';
import type { Profile } from '../model/profile';
import { mapNodes, type Granularity } from './nodes';
import { numLabelUnits } from './tagFilter';
import { computeTotal, profileLabels } from './top';
import { mergeProfiles } from './diffMerge';

export interface TracesOptions {
  sampleIndex: number;
  granularity: Granularity;
  timeZone?: string;
}

const separator = '-----------+-------------------------------------------------------';

const pad = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);

/** The text `go tool pprof -traces` prints. Built in chunks: one string per sample, not per line. */
export function formatTracesText(read: Profile, opts: TracesOptions): string {
  const p = mergeProfiles([read]);
  const sampleType = p.sampleTypes[opts.sampleIndex];
  if (!sampleType) throw new Error(`sample index ${opts.sampleIndex} out of range`);
  // pprof's report keeps the output unit "minimum" here: each value picks its own unit.
  const fmt = (v: number) => scaledLabel(v, sampleType.unit, 'minimum');
  const total = computeTotal(p, opts.sampleIndex);
  const chunks: string[] = [`${profileLabels(p, sampleType, total, fmt, opts.timeZone).join('\n')}\n`];

  const nm = mapNodes(p, opts.granularity);
  const { locNodeStart, locNodes } = nm;
  const names = nm.nodes.name;
  const { samples, labels, strings } = p;
  const values = samples.values[opts.sampleIndex]!;
  const units = numLabelUnits(p);
  const { stackStart, stack } = samples;

  for (let s = 0; s < samples.length; s++) {
    const lines: string[] = [];
    const v = values[s]!;
    for (let i = stackStart[s]!; i < stackStart[s + 1]!; i++) {
      const loc = stack[i]!;
      const last = locNodeStart[loc + 1]! - 1;
      for (let ni = locNodeStart[loc]!; ni <= last; ni++) {
        const value = lines.length === 0 ? fmt(v) : '';
        lines.push(`${pad(value, 10)}   ${names[locNodes[ni]!]}${ni !== last ? ' (inline)' : ''}\n`);
      }
    }
    if (lines.length === 0) continue;

    // Labels as pprof's maps hold them: values per key in order, keys sorted by their line.
    const strLabels = new Map<string, string[]>();
    const numLabels = new Map<number, string[]>();
    for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) {
      const key = labels.key[k]!;
      if (labels.str[k]! > 0) {
        const name = strings[key]!;
        let vs = strLabels.get(name);
        if (!vs) strLabels.set(name, (vs = []));
        vs.push(strings[labels.str[k]!]!);
      } else {
        let vs = numLabels.get(key);
        if (!vs) numLabels.set(key, (vs = []));
        vs.push(unitLabel(labels.num[k]!, units.get(key) ?? ''));
      }
    }
    const strLines = [...strLabels].map(([k, vs]) => `${pad(k, 10)}:  ${vs.join(' ')}\n`).sort(byteOrder);
    const numLines = [...numLabels].map(([k, vs]) => `${pad(strings[k]!, 10)}:  ${vs.join(' ')}\n`).sort(byteOrder);
    chunks.push(`${separator}\n${strLines.join('')}${numLines.join('')}${lines.join('')}`);
  }
  chunks.push(`${separator}\n`);
  return chunks.join('');
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
