// Small pprof profiles made in the test itself (protobufjs Writer), for shapes no sample has:
// hostile names, 100,000 functions.
import protobuf from 'protobufjs';
import { gzipSync } from 'node:zlib';

export interface GenFunction {
  name: string;
  file: string;
}

export interface GenSample {
  /** Function indexes, leaf first. */
  stack: number[];
  value: number;
  labels?: Record<string, string>;
}

export function encodeProfile(functions: GenFunction[], samples: GenSample[], sampleType: [string, string] = ['samples', 'count']): Buffer {
  const { Writer } = protobuf;
  const strings: string[] = [''];
  const index = new Map<string, number>([['', 0]]);
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const w = Writer.create();
  w.uint32((1 << 3) | 2).fork().uint32(8).int64(str(sampleType[0])).uint32(16).int64(str(sampleType[1])).ldelim();
  functions.forEach((f, i) => {
    const id = i + 1;
    w.uint32((5 << 3) | 2).fork().uint32(8).uint64(id).uint32(16).int64(str(f.name)).uint32(32).int64(str(f.file)).ldelim();
    w.uint32((4 << 3) | 2).fork().uint32(8).uint64(id).uint32(34).fork().uint32(8).uint64(id).uint32(16).int64(10 + i).ldelim().ldelim();
  });
  for (const s of samples) {
    w.uint32((2 << 3) | 2).fork();
    w.uint32(10).fork();
    for (const f of s.stack) w.uint64(f + 1);
    w.ldelim();
    w.uint32(18).fork().int64(s.value).ldelim();
    for (const [k, v] of Object.entries(s.labels ?? {})) w.uint32(26).fork().uint32(8).int64(str(k)).uint32(16).int64(str(v)).ldelim();
    w.ldelim();
  }
  for (const s of strings) w.uint32((6 << 3) | 2).string(s);
  return gzipSync(w.finish());
}

/** n distinct functions, one sample each, under main.main. */
export function wideProfile(n: number): Buffer {
  const functions: GenFunction[] = [{ name: 'main.main', file: 'main.go' }];
  const samples: GenSample[] = [];
  for (let i = 0; i < n; i++) {
    functions.push({ name: `example.com/wide/pkg${Math.floor(i / 1000)}.Function${i}`, file: 'main.go' });
    samples.push({ stack: [i + 1, 0], value: 1 + (i % 97) });
  }
  return encodeProfile(functions, samples);
}
