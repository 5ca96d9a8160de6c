// The samples of a merge, deduplicated by pprof's sample key (the merged locations of the stack
// plus the labels, order of keys ignored) in typed arrays: a hash of each key, chains for
// collisions, and the stacks and labels themselves to compare. No object or string per sample.

import { Growable } from '../model/growable';

/** A label in merged terms: string labels have kind 0 and a value string, numeric ones kind 1. */
export const LABEL_FIELDS = 4; // kind, key, value (string index or number), unit string index

function mix(h: number, x: number): number {
  return Math.imul(h ^ (x | 0) ^ ((x / 4294967296) | 0), 0x01000193);
}

export class SampleSet {
  readonly stackStart = new Growable(Uint32Array);
  readonly stack = new Growable(Uint32Array, 1 << 16);
  readonly labelStart = new Growable(Uint32Array);
  /** LABEL_FIELDS numbers per label, labels of a sample sorted by (kind, key), values in order. */
  readonly labels = new Growable(Float64Array);
  readonly values: Growable<Float64Array>[];
  private readonly next = new Growable(Int32Array);
  private readonly heads = new Map<number, number>();

  constructor(types: number) {
    this.values = Array.from({ length: types }, () => new Growable(Float64Array));
    this.stackStart.push(0);
    this.labelStart.push(0);
  }

  get length(): number {
    return this.next.length;
  }

  /**
   * Adds values to the sample with this stack (stack[0..depth)) and these labels
   * (labels[0..labelCount * LABEL_FIELDS), already sorted), creating it if new; with dedup
   * false, always a new sample.
   */
  add(stack: Uint32Array, depth: number, labels: Float64Array, labelCount: number, values: Float64Array[], s: number, dedup = true): void {
    if (!dedup) {
      this.next.push(-1);
      this.pushSample(stack, depth, labels, labelCount * LABEL_FIELDS, values, s);
      return;
    }
    let h = 0x811c9dc5 ^ depth;
    for (let i = 0; i < depth; i++) h = mix(h, stack[i]!);
    const labelNumbers = labelCount * LABEL_FIELDS;
    for (let i = 0; i < labelNumbers; i++) h = mix(h, labels[i]!);

    const head = this.heads.get(h);
    for (let m = head ?? -1; m >= 0; m = this.next.get(m)) {
      if (this.equals(m, stack, depth, labels, labelNumbers)) {
        for (let t = 0; t < values.length; t++) this.values[t]!.set(m, this.values[t]!.get(m) + values[t]![s]!);
        return;
      }
    }
    const m = this.next.length;
    this.next.push(head ?? -1);
    this.heads.set(h, m);
    this.pushSample(stack, depth, labels, labelNumbers, values, s);
  }

  private pushSample(stack: Uint32Array, depth: number, labels: Float64Array, labelNumbers: number, values: Float64Array[], s: number): void {
    for (let i = 0; i < depth; i++) this.stack.push(stack[i]!);
    this.stackStart.push(this.stack.length);
    for (let i = 0; i < labelNumbers; i++) this.labels.push(labels[i]!);
    this.labelStart.push(this.labels.length);
    for (let t = 0; t < values.length; t++) this.values[t]!.push(values[t]![s]!);
  }

  private equals(m: number, stack: Uint32Array, depth: number, labels: Float64Array, labelNumbers: number): boolean {
    const s0 = this.stackStart.get(m);
    if (this.stackStart.get(m + 1) - s0 !== depth) return false;
    const l0 = this.labelStart.get(m);
    if (this.labelStart.get(m + 1) - l0 !== labelNumbers) return false;
    for (let i = 0; i < depth; i++) if (this.stack.get(s0 + i) !== stack[i]) return false;
    for (let i = 0; i < labelNumbers; i++) if (this.labels.get(l0 + i) !== labels[i]) return false;
    return true;
  }
}
