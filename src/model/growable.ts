// Append-only typed arrays that double when full; builders use them so a large input costs a
// few reallocations rather than one JS object per element.

type NumericArray = Int32Array | Uint32Array | Float64Array | Uint8Array;
type NumericArrayCtor<T extends NumericArray> = new (n: number) => T;

export class Growable<T extends NumericArray> {
  private data: T;
  length = 0;

  constructor(private readonly ctor: NumericArrayCtor<T>, capacity = 1024) {
    this.data = new ctor(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }

  /** Makes room for n more elements at once (a parser that knows its counts skips regrowth). */
  reserve(n: number): void {
    if (this.length + n > this.data.length) this.grow(this.length + n);
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** A right-sized copy that owns its buffer (so it can be transferred). */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }

  private grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new this.ctor(cap);
    next.set(this.data as never);
    this.data = next;
  }
}

export class GrowableBigUint64 {
  private data = new BigUint64Array(1024);
  length = 0;

  push(v: bigint): void {
    if (this.length === this.data.length) {
      const next = new BigUint64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  finish(): BigUint64Array {
    return this.data.slice(0, this.length);
  }
}
