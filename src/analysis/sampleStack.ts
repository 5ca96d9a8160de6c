// One sample's stack and labels as names: the stack view shows them, and a stack finding keeps
// them so a link can find the stack again in a fresh load (share/anchor findBucket).

import { GoroutineLabel } from '../model/goroutines';
import type { Profile } from '../model/profile';

/** One frame by name, as pprof prints it and a share link stores it. */
export interface StackFrame {
  func: string;
  file: string;
  line: number;
}

/** One pprof string label. */
export interface Label {
  key: string;
  value: string;
}

/** The frames of one sample, innermost first, inlined calls expanded (as the stack view shows). */
export function sampleFrames(p: Profile, sample: number): StackFrame[] {
  const { samples, locations, lines, functions, strings } = p;
  const out: StackFrame[] = [];
  for (let i = samples.stackStart[sample]!; i < samples.stackStart[sample + 1]!; i++) {
    const loc = samples.stack[i]!;
    const first = out.length;
    for (let li = locations.lineStart[loc]!; li < locations.lineStart[loc + 1]!; li++) {
      const fn = lines.func[li]!;
      if (fn < 0) continue;
      out.push({ func: strings[functions.name[fn]!]!, file: strings[functions.filename[fn]!]!, line: lines.line[li]! });
    }
    if (out.length === first) out.push({ func: `0x${locations.address[loc]!.toString(16)}`, file: '', line: 0 });
  }
  return out;
}

/** A sample's string labels (pprof labels), without the state and wait a dump's parser adds. */
export function sampleLabels(p: Profile, sample: number): Label[] {
  const { samples, labels, strings } = p;
  const out: Label[] = [];
  for (let k = samples.labelStart[sample]!; k < samples.labelStart[sample + 1]!; k++) {
    const key = strings[labels.key[k]!]!;
    if (labels.str[k]! <= 0 || key === GoroutineLabel.state || key === GoroutineLabel.waitMinutes) continue;
    out.push({ key, value: strings[labels.str[k]!]! });
  }
  return out;
}
