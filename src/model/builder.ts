// The one way into the model: parsers feed a builder and get a Profile. Functions and
// single-line locations are deduplicated here, so parsers do not each reinvent it.

import { Growable, GrowableBigUint64 } from './growable';
import type { Mapping, Profile, ValueType } from './profile';
import { StringInterner } from './strings';

export interface ProfileHeader {
  sampleTypes: ValueType[];
  defaultSampleType?: string;
  periodType?: ValueType | null;
  period?: number;
  timeNanos?: bigint;
  durationNanos?: bigint;
  comments?: string[];
  dropFrames?: string;
  keepFrames?: string;
}

export class ProfileBuilder {
  readonly strings: StringInterner;
  private readonly header: ProfileHeader;
  private readonly mappings: Mapping[] = [];

  private readonly fnName = new Growable(Int32Array);
  private readonly fnSystemName = new Growable(Int32Array);
  private readonly fnFile = new Growable(Int32Array);
  private readonly fnStartLine = new Growable(Float64Array);
  private readonly fnIndex = new Map<string, number>();

  private readonly locAddress = new GrowableBigUint64();
  private readonly locMapping = new Growable(Int32Array);
  private readonly locFolded = new Growable(Uint8Array);
  private readonly locLineStart = new Growable(Uint32Array);
  private readonly frameIndex = new Map<number, number>();

  private readonly lineFunc = new Growable(Int32Array);
  private readonly lineLine = new Growable(Float64Array);
  private readonly lineColumn = new Growable(Float64Array);

  private readonly stackStart = new Growable(Uint32Array);
  private readonly stack = new Growable(Uint32Array, 1 << 16);
  private readonly values: Growable<Float64Array>[];
  private readonly labelStart = new Growable(Uint32Array);

  private readonly labelKey = new Growable(Int32Array);
  private readonly labelStr = new Growable(Int32Array);
  private readonly labelNum = new Growable(Float64Array);
  private readonly labelNumUnit = new Growable(Int32Array);

  constructor(header: ProfileHeader, strings = new StringInterner()) {
    this.header = header;
    this.strings = strings;
    this.values = header.sampleTypes.map(() => new Growable(Float64Array));
    this.locLineStart.push(0);
    this.stackStart.push(0);
    this.labelStart.push(0);
  }

  get sampleCount(): number {
    return this.stackStart.length - 1;
  }

  get locationCount(): number {
    return this.locMapping.length;
  }

  intern(s: string): number {
    return this.strings.intern(s);
  }

  addMapping(m: Mapping): number {
    this.mappings.push(m);
    return this.mappings.length - 1;
  }

  /** A function by its interned name and file; equal rows are merged. */
  addFunction(name: number, systemName: number, filename: number, startLine = 0): number {
    const key = `${name},${systemName},${filename},${startLine}`;
    let i = this.fnIndex.get(key);
    if (i === undefined) {
      i = this.fnName.length;
      this.fnName.push(name);
      this.fnSystemName.push(systemName);
      this.fnFile.push(filename);
      this.fnStartLine.push(startLine);
      this.fnIndex.set(key, i);
    }
    return i;
  }

  /** A location with its lines given innermost first; not deduplicated. */
  addLocation(
    address: bigint,
    mapping: number,
    lines: ReadonlyArray<{ func: number; line: number; column?: number }>,
    isFolded = false,
  ): number {
    for (const l of lines) {
      this.lineFunc.push(l.func);
      this.lineLine.push(l.line);
      this.lineColumn.push(l.column ?? 0);
    }
    this.locAddress.push(address);
    this.locMapping.push(mapping);
    this.locFolded.push(isFolded ? 1 : 0);
    this.locLineStart.push(this.lineFunc.length);
    return this.locMapping.length - 1;
  }

  /**
   * The location of a source frame (function + line, no address), shared by every stack that
   * passes through it. Text dumps build their stacks from these.
   */
  frame(func: number, line: number): number {
    // func < 2^21 and line < 2^32 keep the key exact in a double.
    const key = func * 4294967296 + (line >>> 0);
    let loc = this.frameIndex.get(key);
    if (loc === undefined) {
      loc = this.addLocation(0n, -1, [{ func, line }]);
      this.frameIndex.set(key, loc);
    }
    return loc;
  }

  /** Room for `frames` more stack entries and `samples` more samples, when the parser knows. */
  reserve(frames: number, samples: number): void {
    this.stack.reserve(frames);
    this.stackStart.reserve(samples);
    this.labelStart.reserve(samples);
    for (const v of this.values) v.reserve(samples);
  }

  /** Appends one location to the stack of the sample being built (leaf first). */
  pushFrame(location: number): void {
    this.stack.push(location);
  }

  addLabel(key: number, str: number): void {
    this.labelKey.push(key);
    this.labelStr.push(str);
    this.labelNum.push(0);
    this.labelNumUnit.push(0);
  }

  addNumLabel(key: number, num: number, unit = 0): void {
    this.labelKey.push(key);
    this.labelStr.push(0);
    this.labelNum.push(num);
    this.labelNumUnit.push(unit);
  }

  /** Closes the sample whose frames and labels were pushed since the previous one. */
  endSample(values: ArrayLike<number>): number {
    for (let t = 0; t < this.values.length; t++) (this.values[t] as Growable<Float64Array>).push(values[t] ?? 0);
    this.stackStart.push(this.stack.length);
    this.labelStart.push(this.labelKey.length);
    return this.stackStart.length - 2;
  }

  /** Drops frames and labels pushed since the last endSample (a record that turned out bad). */
  discardSample(): void {
    this.stack.length = this.stackStart.get(this.stackStart.length - 1);
    const labels = this.labelStart.get(this.labelStart.length - 1);
    this.labelKey.length = labels;
    this.labelStr.length = labels;
    this.labelNum.length = labels;
    this.labelNumUnit.length = labels;
  }

  build(): Profile {
    const h = this.header;
    return {
      strings: this.strings.strings,
      sampleTypes: h.sampleTypes,
      defaultSampleType: h.defaultSampleType ?? '',
      periodType: h.periodType ?? null,
      period: h.period ?? 0,
      timeNanos: h.timeNanos ?? 0n,
      durationNanos: h.durationNanos ?? 0n,
      comments: h.comments ?? [],
      dropFrames: h.dropFrames ?? '',
      keepFrames: h.keepFrames ?? '',
      mappings: this.mappings,
      functions: {
        length: this.fnName.length,
        name: this.fnName.finish(),
        systemName: this.fnSystemName.finish(),
        filename: this.fnFile.finish(),
        startLine: this.fnStartLine.finish(),
      },
      locations: {
        length: this.locMapping.length,
        address: this.locAddress.finish(),
        mapping: this.locMapping.finish(),
        isFolded: this.locFolded.finish(),
        lineStart: this.locLineStart.finish(),
      },
      lines: {
        length: this.lineFunc.length,
        func: this.lineFunc.finish(),
        line: this.lineLine.finish(),
        column: this.lineColumn.finish(),
      },
      samples: {
        length: this.stackStart.length - 1,
        stackStart: this.stackStart.finish(),
        stack: this.stack.finish(),
        values: this.values.map((v) => v.finish()),
        labelStart: this.labelStart.finish(),
      },
      labels: {
        length: this.labelKey.length,
        key: this.labelKey.finish(),
        str: this.labelStr.finish(),
        num: this.labelNum.finish(),
        numUnit: this.labelNumUnit.finish(),
      },
    };
  }
}
