// A pprof profile with n distinct functions (one sample each, under main.main), for testing
// that the top table stays smooth with 100,000 rows. Encoded with protobufjs's Writer.
import protobuf from 'protobufjs';
import { gzipSync } from 'node:zlib';

export function wideProfile(n: number): Buffer {
  const { Writer } = protobuf;
  const strings = ['', 'samples', 'count', 'main.main', 'main.go'];
  const w = Writer.create();
  const valueType = (field: number, type: number, unit: number) => {
    w.uint32((field << 3) | 2).fork().uint32(8).int64(type).uint32(16).int64(unit).ldelim();
  };
  valueType(1, 1, 2); // sample_type samples/count
  // main.main: function 1, location 1
  w.uint32((5 << 3) | 2).fork().uint32(8).uint64(1).uint32(16).int64(3).uint32(32).int64(4).ldelim();
  w.uint32((4 << 3) | 2).fork().uint32(8).uint64(1).uint32(34).fork().uint32(8).uint64(1).uint32(16).int64(10).ldelim().ldelim();
  for (let i = 0; i < n; i++) {
    const id = i + 2;
    strings.push(`example.com/wide/pkg${Math.floor(i / 1000)}.Function${i}`);
    const name = strings.length - 1;
    w.uint32((5 << 3) | 2).fork().uint32(8).uint64(id).uint32(16).int64(name).uint32(32).int64(4).ldelim();
    w.uint32((4 << 3) | 2).fork().uint32(8).uint64(id).uint32(34).fork().uint32(8).uint64(id).uint32(16).int64(20).ldelim().ldelim();
    // sample: location_id [id, 1], value [1 + i % 97]
    w.uint32((2 << 3) | 2).fork().uint32(10).fork().uint64(id).uint64(1).ldelim().uint32(18).fork().int64(1 + (i % 97)).ldelim().ldelim();
  }
  for (const s of strings) w.uint32((6 << 3) | 2).string(s);
  return gzipSync(w.finish());
}
