// A stable, readable text form of a GoroutineDump for golden files: what a person checks by
// eye. Frames are read back through the Profile (sample i is goroutine i), so a golden file
// pins the goroutine table and the profile view together.

import { GoroutineFlag, type GoroutineDump } from '../../src/model/goroutines';
import type { Profile } from '../../src/model/profile';

/** "func file:line" of each line of a location (inlined lines innermost first), or its address. */
export function describeLocation(p: Profile, loc: number): string {
  const from = p.locations.lineStart[loc]!;
  const to = p.locations.lineStart[loc + 1]!;
  if (from === to) return `0x${p.locations.address[loc]!.toString(16)} (address only)`;
  const parts: string[] = [];
  for (let l = from; l < to; l++) {
    const fn = p.lines.func[l]!;
    const name = fn >= 0 ? p.strings[p.functions.name[fn]!] : '?';
    const file = fn >= 0 ? p.strings[p.functions.filename[fn]!] : '?';
    parts.push(`${name}  ${file}:${p.lines.line[l]}`);
  }
  return parts.join(' | ');
}

export function sampleLabels(p: Profile, sample: number): string[] {
  const out: string[] = [];
  for (let j = p.samples.labelStart[sample]!; j < p.samples.labelStart[sample + 1]!; j++) {
    const key = p.strings[p.labels.key[j]!];
    const str = p.labels.str[j]!;
    if (str > 0) out.push(`${key}=${JSON.stringify(p.strings[str])}`);
    else out.push(`${key}=${p.labels.num[j]}${p.labels.numUnit[j] ? ` ${p.strings[p.labels.numUnit[j]!]}` : ''}`);
  }
  return out;
}

function lines(label: string, l: { count: number; firstLines: number[] } | undefined): string {
  if (!l) return `${label}: (not reported)`;
  return l.count === 0 ? `${label}: 0` : `${label}: ${l.count} (first at lines ${l.firstLines.join(', ')})`;
}

function flagNames(flags: number, elided: number): string[] {
  const out: string[] = [];
  if (flags & GoroutineFlag.Locked) out.push('locked to thread');
  if (flags & GoroutineFlag.Scan) out.push('scan');
  if (flags & GoroutineFlag.Synctest) out.push('synctest');
  if (flags & GoroutineFlag.StackUnavailable) out.push('stack unavailable');
  if (flags & GoroutineFlag.FramesElided) out.push(elided > 0 ? `${elided} frames elided` : 'frames elided');
  if (flags & GoroutineFlag.Cut) out.push('CUT');
  return out;
}

export function dumpGoroutines(d: GoroutineDump): string {
  const p = d.profile;
  const out: string[] = [
    `format: ${d.format}`,
    `total: ${d.total}`,
    `truncated: ${d.truncated ? 'yes' : 'no'}`,
    lines('unparsed', d.unparsed),
    lines('skipped', d.skipped),
    `problems: ${d.problems && d.problems.length > 0 ? d.problems.map((q) => `${q.kind} line ${q.line}: ${q.message}`).join('; ') : 'none'}`,
    `sample types: ${p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ')}`,
    `period: ${p.periodType ? `${p.periodType.type}/${p.periodType.unit}` : '-'} ${p.period}`,
    `samples: ${p.samples.length}, locations: ${p.locations.length}, functions: ${p.functions.length}`,
    '',
  ];
  const frames = (i: number, indent: string): void => {
    for (let k = p.samples.stackStart[i]!; k < p.samples.stackStart[i + 1]!; k++) {
      out.push(`${indent}${describeLocation(p, p.samples.stack[k]!)}`);
    }
  };
  const g = d.goroutines;
  if (g) {
    for (let i = 0; i < g.length; i++) {
      const state = p.strings[g.state[i]!];
      const attrs = [state, ...(g.waitMinutes[i]! >= 0 ? [`${g.waitMinutes[i]} minutes`] : []), ...flagNames(g.flags[i]!, g.elidedFrames[i]!)];
      out.push(`goroutine ${g.id[i]} [${attrs.join(', ')}]  (line ${g.lineNo[i]}, offset ${g.offset[i]}; labels ${sampleLabels(p, i).join(' ')})`);
      frames(i, '  ');
      if (g.createdBy[i]! >= 0) {
        const creator = g.creatorId[i]! >= 0 ? `  in goroutine ${g.creatorId[i]}` : '';
        out.push(`  created by ${describeLocation(p, g.createdBy[i]!)}${creator}`);
      }
      const a = g.ancestors;
      for (let j = g.ancestorStart[i]!; j < g.ancestorStart[i + 1]!; j++) {
        out.push(`  [originating from goroutine ${a.id[j]}]${a.framesElided[j] ? ' (frames elided)' : ''}`);
        for (let k = a.stackStart[j]!; k < a.stackStart[j + 1]!; k++) out.push(`    ${describeLocation(p, a.stack[k]!)}`);
        if (a.createdBy[j]! >= 0) out.push(`    created by ${describeLocation(p, a.createdBy[j]!)}`);
      }
    }
  } else {
    for (let i = 0; i < p.samples.length; i++) {
      const values = p.samples.values.map((v) => v[i]).join(' ');
      const labels = sampleLabels(p, i);
      out.push(`record ${i + 1}: ${values}${labels.length ? `  {${labels.join(', ')}}` : ''}`);
      frames(i, '  ');
    }
  }
  return `${out.join('\n')}\n`;
}
