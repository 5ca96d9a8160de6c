// Accumulates the goroutine table of a debug=2 dump column by column (typed arrays, no object
// per goroutine), with the ancestors' stacks beside it.

import { Growable } from '../../model/growable';
import type { AncestorTable, GoroutineTable } from '../../model/goroutines';

export class GoroutineTableBuilder {
  readonly id = new Growable(Float64Array);
  readonly state = new Growable(Int32Array);
  readonly waitMinutes = new Growable(Int32Array);
  readonly flags = new Growable(Uint8Array);
  readonly createdBy = new Growable(Int32Array);
  readonly creatorId = new Growable(Float64Array);
  readonly elidedFrames = new Growable(Uint32Array);
  readonly offset = new Growable(Float64Array);
  readonly lineNo = new Growable(Uint32Array);
  private readonly ancestorStart = new Growable(Uint32Array);

  readonly ancestorId = new Growable(Float64Array);
  private readonly ancestorStackStart = new Growable(Uint32Array);
  readonly ancestorStack = new Growable(Uint32Array);
  readonly ancestorCreatedBy = new Growable(Int32Array);
  readonly ancestorElided = new Growable(Uint8Array);

  constructor() {
    this.ancestorStart.push(0);
    this.ancestorStackStart.push(0);
  }

  get length(): number {
    return this.id.length;
  }

  /** Opens goroutine row `length`; returns its index. */
  add(id: number, state: number, waitMinutes: number, flags: number, offset: number, lineNo: number): number {
    this.id.push(id);
    this.state.push(state);
    this.waitMinutes.push(waitMinutes);
    this.flags.push(flags);
    this.createdBy.push(-1);
    this.creatorId.push(-1);
    this.elidedFrames.push(0);
    this.offset.push(offset);
    this.lineNo.push(lineNo);
    return this.id.length - 1;
  }

  addFlag(row: number, flag: number): void {
    this.flags.set(row, this.flags.get(row) | flag);
  }

  /** Opens an ancestor ("[originating from goroutine N]:") of the current goroutine. */
  addAncestor(id: number): number {
    this.ancestorId.push(id);
    this.ancestorCreatedBy.push(-1);
    this.ancestorElided.push(0);
    return this.ancestorId.length - 1;
  }

  /** Closes the current ancestor's stack. */
  endAncestor(): void {
    this.ancestorStackStart.push(this.ancestorStack.length);
  }

  /** Closes the current goroutine's list of ancestors. */
  endGoroutine(): void {
    this.ancestorStart.push(this.ancestorId.length);
  }

  build(): GoroutineTable {
    const ancestors: AncestorTable = {
      length: this.ancestorId.length,
      id: this.ancestorId.finish(),
      stackStart: this.ancestorStackStart.finish(),
      stack: this.ancestorStack.finish(),
      createdBy: this.ancestorCreatedBy.finish(),
      framesElided: this.ancestorElided.finish(),
    };
    return {
      length: this.id.length,
      id: this.id.finish(),
      state: this.state.finish(),
      waitMinutes: this.waitMinutes.finish(),
      flags: this.flags.finish(),
      createdBy: this.createdBy.finish(),
      creatorId: this.creatorId.finish(),
      elidedFrames: this.elidedFrames.finish(),
      offset: this.offset.finish(),
      lineNo: this.lineNo.finish(),
      ancestorStart: this.ancestorStart.finish(),
      ancestors,
    };
  }
}
