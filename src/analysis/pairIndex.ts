// A hash map from a pair of small non-negative ints to an int, in typed arrays with linear
// probing. The call tree and the edge table look one up per frame (millions per profile);
// a Map keyed by a combined double is several times slower.

export class PairIndex {
  private keyA: Int32Array;
  private keyB: Int32Array;
  private value: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keyA = new Int32Array(cap).fill(-1);
    this.keyB = new Int32Array(cap);
    this.value = new Int32Array(cap);
    this.mask = cap - 1;
  }

  private slot(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) & this.mask;
  }

  /** The value for (a, b), or -1. */
  get(a: number, b: number): number {
    for (let i = this.slot(a, b); ; i = (i + 1) & this.mask) {
      const k = this.keyA[i]!;
      if (k === -1) return -1;
      if (k === a && this.keyB[i] === b) return this.value[i]!;
    }
  }

  /** Stores (a, b) -> v; the pair must not be present yet. */
  add(a: number, b: number, v: number): void {
    if ((this.size + 1) * 2 > this.keyA.length) this.grow();
    let i = this.slot(a, b);
    while (this.keyA[i] !== -1) i = (i + 1) & this.mask;
    this.keyA[i] = a;
    this.keyB[i] = b;
    this.value[i] = v;
    this.size++;
  }

  private grow(): void {
    const { keyA, keyB, value } = this;
    const cap = keyA.length * 2;
    this.keyA = new Int32Array(cap).fill(-1);
    this.keyB = new Int32Array(cap);
    this.value = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < keyA.length; i++) {
      const a = keyA[i]!;
      if (a === -1) continue;
      let j = this.slot(a, keyB[i]!);
      while (this.keyA[j] !== -1) j = (j + 1) & this.mask;
      this.keyA[j] = a;
      this.keyB[j] = keyB[i]!;
      this.value[j] = value[i]!;
    }
  }
}
