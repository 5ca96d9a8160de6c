// Goroutines of a dump as plain objects, for readable expectations in tests.
import { GoroutineFlag, type GoroutineDump } from '../../../src/model/goroutines';
import { describeLocation } from '../../support/dump-goroutines';

export interface GoroutineSummary {
  id: number;
  state: string;
  minutes: number;
  flags: string[];
  frames: string[];
  createdBy: string | null;
  creatorId: number;
  elided: number;
  ancestors: Array<{ id: number; frames: string[]; createdBy: string | null; elided: boolean }>;
  line: number;
  offset: number;
}

const FLAG_NAMES: Array<[number, string]> = [
  [GoroutineFlag.Locked, 'locked'],
  [GoroutineFlag.Scan, 'scan'],
  [GoroutineFlag.Cut, 'cut'],
  [GoroutineFlag.StackUnavailable, 'unavailable'],
  [GoroutineFlag.FramesElided, 'elided'],
  [GoroutineFlag.Synctest, 'synctest'],
];

export function enc(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function summarize(d: GoroutineDump): GoroutineSummary[] {
  const p = d.profile;
  const g = d.goroutines!;
  const a = g.ancestors;
  const out: GoroutineSummary[] = [];
  for (let i = 0; i < g.length; i++) {
    const frames: string[] = [];
    for (let k = p.samples.stackStart[i]!; k < p.samples.stackStart[i + 1]!; k++) frames.push(describeLocation(p, p.samples.stack[k]!));
    const ancestors: GoroutineSummary['ancestors'] = [];
    for (let j = g.ancestorStart[i]!; j < g.ancestorStart[i + 1]!; j++) {
      const af: string[] = [];
      for (let k = a.stackStart[j]!; k < a.stackStart[j + 1]!; k++) af.push(describeLocation(p, a.stack[k]!));
      ancestors.push({ id: a.id[j]!, frames: af, createdBy: a.createdBy[j]! >= 0 ? describeLocation(p, a.createdBy[j]!) : null, elided: a.framesElided[j] === 1 });
    }
    out.push({
      id: g.id[i]!,
      state: p.strings[g.state[i]!]!,
      minutes: g.waitMinutes[i]!,
      flags: FLAG_NAMES.filter(([f]) => (g.flags[i]! & f) !== 0).map(([, n]) => n),
      frames,
      createdBy: g.createdBy[i]! >= 0 ? describeLocation(p, g.createdBy[i]!) : null,
      creatorId: g.creatorId[i]!,
      elided: g.elidedFrames[i]!,
      ancestors,
      line: g.lineNo[i]!,
      offset: g.offset[i]!,
    });
  }
  return out;
}
