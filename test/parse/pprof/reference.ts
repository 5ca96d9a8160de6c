// An independent reference decode for the tests: protobufjs reflection over profile.proto
// (the schema file kept beside the decoder), then a plain resolve with Maps, as Go's
// postDecode does. Slow and simple on purpose; it only has to be obviously right.
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const protoPath = fileURLToPath(new URL('../../../src/parse/pprof/profile.proto', import.meta.url));
const root = protobuf.loadSync(protoPath);
export const ProfileType = root.lookupType('perftools.profiles.Profile');

/** A resolved location as content: what must agree however tables are laid out. */
export interface RefLine {
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
  line: number;
  column: number;
}
export interface RefLocation {
  address: string;
  /** Index of the mapping in profile order, or -1. */
  mapping: number;
  isFolded: boolean;
  lines: (RefLine | null)[];
}
export interface RefLabel {
  key: string;
  str?: string;
  num?: number;
  unit?: string;
}
export interface RefProfile {
  sampleTypes: { type: string; unit: string }[];
  defaultSampleType: string;
  periodType: { type: string; unit: string } | null;
  period: number;
  timeNanos: string;
  durationNanos: string;
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  mappings: { start: string; limit: string; offset: string; file: string; buildId: string; flags: boolean[] }[];
  locations: RefLocation[];
  samples: { values: number[]; stack: number[]; labels: RefLabel[] }[];
}

type Obj = Record<string, unknown>;
const arr = (o: Obj, k: string) => (o[k] ?? []) as Obj[];
const num = (v: unknown) => Number(v ?? 0);

export function referenceDecode(bytes: Uint8Array): RefProfile {
  const msg = ProfileType.decode(bytes);
  const o = ProfileType.toObject(msg, { longs: String, defaults: true, arrays: true }) as Obj;
  const strings = o.stringTable as string[];
  const s = (i: unknown) => {
    const v = strings[num(i)];
    if (v === undefined) throw new Error(`string ${String(i)} out of range`);
    return v;
  };
  const vt = (v: Obj) => ({ type: s(v.type), unit: s(v.unit) });

  const mappingRow = new Map<string, number>();
  arr(o, 'mapping').forEach((m, i) => mappingRow.set(String(m.id), i));
  const functions = new Map<string, Obj>();
  for (const f of arr(o, 'function')) functions.set(String(f.id), f);
  const locationRow = new Map<string, number>();
  const locations: RefLocation[] = arr(o, 'location').map((l, i) => {
    locationRow.set(String(l.id), i);
    return {
      address: BigInt(String(l.address)).toString(),
      mapping: String(l.mappingId) === '0' ? -1 : (mappingRow.get(String(l.mappingId)) ?? -2),
      isFolded: Boolean(l.isFolded),
      lines: arr(l, 'line').map((ln) => {
        if (String(ln.functionId) === '0') return null;
        const f = functions.get(String(ln.functionId))!;
        return {
          name: s(f.name),
          systemName: s(f.systemName),
          filename: s(f.filename),
          startLine: num(f.startLine),
          line: num(ln.line),
          column: num(ln.column),
        };
      }),
    };
  });

  return {
    sampleTypes: arr(o, 'sampleType').map(vt),
    defaultSampleType: s(o.defaultSampleType),
    periodType: o.periodType ? vt(o.periodType as Obj) : null,
    period: num(o.period),
    timeNanos: String(o.timeNanos),
    durationNanos: String(o.durationNanos),
    comments: ((o.comment ?? []) as unknown[]).map(s),
    dropFrames: s(o.dropFrames),
    keepFrames: s(o.keepFrames),
    mappings: arr(o, 'mapping').map((m) => ({
      start: String(m.memoryStart),
      limit: String(m.memoryLimit),
      offset: String(m.fileOffset),
      file: s(m.filename),
      buildId: s(m.buildId),
      flags: [m.hasFunctions, m.hasFilenames, m.hasLineNumbers, m.hasInlineFrames].map(Boolean),
    })),
    locations,
    samples: arr(o, 'sample').map((smp) => ({
      values: ((smp.value ?? []) as unknown[]).map(num),
      stack: ((smp.locationId ?? []) as unknown[]).map((id) => locationRow.get(String(id)) ?? -1),
      labels: arr(smp, 'label').flatMap((l): RefLabel[] => {
        const key = s(l.key);
        if (num(l.str) !== 0) return [{ key, str: s(l.str) }];
        if (num(l.num) !== 0 || num(l.numUnit) !== 0) {
          return [num(l.numUnit) !== 0 ? { key, num: num(l.num), unit: s(l.numUnit) } : { key, num: num(l.num) }];
        }
        return [];
      }),
    })),
  };
}
