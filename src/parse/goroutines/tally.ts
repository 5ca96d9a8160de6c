// Counts lines of one kind (not understood, or skipped) and keeps the first few line numbers.

import type { UnparsedLines } from '../../model/goroutines';

export const KEPT_LINE_NUMBERS = 10;

export class LineTally {
  private count = 0;
  private readonly first: number[] = [];

  add(lineNo: number): void {
    this.count++;
    if (this.first.length < KEPT_LINE_NUMBERS) this.first.push(lineNo);
  }

  result(): UnparsedLines {
    return { count: this.count, firstLines: this.first.slice() };
  }
}
