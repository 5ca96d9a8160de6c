// The profiles runtime/pprof prints at debug=1, told apart by their first line, with the
// sample types, period and value scaling their debug=0 protobuf has (Go 1.19 pprof.go,
// protomem.go).

import type { ValueType } from '../../model/profile';

/** The three record layouts of debug=1 count profiles. */
export type Layout = 'count' | 'heap' | 'cycles';

export interface Header {
  layout: Layout;
  sampleTypes: ValueType[];
  periodType: ValueType;
  period: number;
  /** Totals printed in the header, checked against the records: [count] or [A, B, C, D]. */
  totals: number[] | null;
  /** heap: the sampling rate (runtime.MemProfileRate); the header prints twice that. */
  rate: number;
  /** mutex (not block): values are scaled by the printed sampling period. */
  mutex: boolean;
}

const COUNT_HEADER = /^(\S+) profile: total (\d+)$/;
const HEAP_HEADER = /^heap profile: (\d+): (\d+) \[(\d+): (\d+)\] @ heap\/(\d+)$/;
const CYCLES_HEADER = /^--- (contention|mutex):$/;

export function headerOf(text: string): Header | null {
  let m = COUNT_HEADER.exec(text);
  if (m) {
    const type = { type: m[1]!, unit: 'count' };
    return { layout: 'count', sampleTypes: [type], periodType: type, period: 1, totals: [Number(m[2])], rate: 0, mutex: false };
  }
  m = HEAP_HEADER.exec(text);
  if (m) {
    const rate = Math.floor(Number(m[5]) / 2);
    return {
      layout: 'heap',
      sampleTypes: [
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'bytes' },
      ],
      periodType: { type: 'space', unit: 'bytes' },
      period: rate,
      totals: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])],
      rate,
      mutex: false,
    };
  }
  m = CYCLES_HEADER.exec(text);
  if (m) {
    return {
      layout: 'cycles',
      sampleTypes: [
        { type: 'contentions', unit: 'count' },
        { type: 'delay', unit: 'nanoseconds' },
      ],
      periodType: { type: 'contentions', unit: 'count' },
      period: 1,
      totals: null,
      rate: 0,
      mutex: m[1] === 'mutex',
    };
  }
  return null;
}

/**
 * runtime/pprof's scaleHeapSample: the unsampled estimate of a heap record, each value
 * divided by the probability 1 - exp(-avgSize/rate) that an allocation of that size is
 * sampled. Math.exp may differ from Go's math.Exp in the last bit, so a value can differ by one.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const avgSize = size / count;
  const scale = 1 / (1 - Math.exp(-avgSize / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}


/**
 * The debug=0 values of one record from its printed numbers `raw` (count: [count]; heap:
 * [inuse objects, inuse bytes, alloc objects, alloc bytes]; block/mutex: [cycles, count]).
 */
export function debug0Values(h: Header, raw: readonly number[], cyclesPerSecond: number, samplingPeriod: number, out: number[]): void {
  if (h.layout === 'count') {
    out[0] = raw[0]!;
  } else if (h.layout === 'heap') {
    const [inuseObjects, inuseBytes, allocObjects, allocBytes] = raw as [number, number, number, number];
    [out[0], out[1]] = scaleHeapSample(allocObjects, allocBytes, h.rate);
    [out[2], out[3]] = scaleHeapSample(inuseObjects, inuseBytes, h.rate);
  } else {
    // printCountCycleProfile: scaler(r.Count, float64(r.Cycles)/cpuGHz); the mutex scaler
    // multiplies both by the sampling period, the block one leaves them.
    const [cycles, count] = raw as [number, number];
    const cpuGHz = cyclesPerSecond / 1e9;
    const ns = cpuGHz > 0 ? cycles / cpuGHz : 0;
    out[0] = h.mutex ? count * samplingPeriod : count;
    out[1] = Math.trunc(h.mutex ? ns * samplingPeriod : ns);
  }
}

/** writeHeapProto's numeric "bytes" label: alloc bytes / alloc objects (0: no label). */
export function heapBlockSize(raw: readonly number[]): number {
  const allocObjects = raw[2]!;
  return allocObjects > 0 ? Math.trunc(raw[3]! / allocObjects) : 0;
}

/** The count as printed: what `total` adds up (heap: in-use objects; block/mutex: contentions). */
export function printedCount(h: Header, raw: readonly number[]): number {
  return h.layout === 'cycles' ? raw[1]! : raw[0]!;
}
