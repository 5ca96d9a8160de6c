// String interning: each distinct string is stored once and referred to by index.

export class StringInterner {
  readonly strings: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

  intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  lookup(s: string): number | undefined {
    return this.index.get(s);
  }
}
