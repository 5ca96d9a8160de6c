// Growable typed columns for the raw decode. Unlike model/Growable they expose `data` and
// `reserve`, so the packed-varint loops can write without a bounds check per element.

export class U32Column {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }

  /** Makes room for n more elements. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint32Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
}

export class F64Column {
  data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < need) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
}

/**
 * uint64 ids, exact: numbers below 2^53 in a Float64 column, larger ones as -1 there with
 * the bigint kept aside by row.
 */
export class IdColumn {
  readonly values = new F64Column(256);
  readonly wide = new Map<number, bigint>();

  get length(): number {
    return this.values.length;
  }

  push(id: number | bigint): void {
    if (typeof id === 'number') {
      this.values.push(id);
    } else {
      this.wide.set(this.values.length, id);
      this.values.push(-1);
    }
  }

  get(row: number): number | bigint {
    const v = this.values.data[row]!;
    return v >= 0 ? v : this.wide.get(row)!;
  }
}
