// One description per payload type drives the walks: `check` validates plain JSON (links of
// schema v1 and v3, stored findings) into a fresh object, `pack` writes the compact v2 form
// (objects as tuples, strings as indexes into one table, enums as indexes) and `Unpacker`
// validates that form back (links made by v2); `mapStrings` rewrites every string (redaction).
// The walks follow the description, never the data, so hostile input cannot make them recurse
// deeper than the schema, add a key the schema does not name, or reach a prototype.
//
// Forward compatibility: a field declared with `optional` may be absent (older links lack it),
// and `check` in `unknownKeys: 'ignore'` mode skips keys it does not know (newer writers add
// optional fields without a version bump). The v2 tuple form predates every optional field, so
// `pack` and `Unpacker` skip them: optional fields are only ever added, never made required.

/**
 * What a string is, for redaction: free `text` (names, notes, search), a file `path`, a `url`,
 * or a `token` a machine made (ids, hashes, times) that carries nothing to redact.
 */
export type StringRole = 'text' | 'path' | 'url' | 'token';

type Raw =
  | { t: 'str'; max: number; re?: RegExp; hint?: string; role: StringRole }
  | { t: 'num'; int: boolean; min: number; max: number }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'null'; of: Raw }
  | { t: 'arr'; of: Raw; max: number; len?: number }
  | ObjRaw
  | { t: 'union'; tag: string; tags: readonly string[]; cases: readonly ObjRaw[] }
  | OptRaw;

/** An object field that may be absent: then undefined, or `dflt.value` when there is one. */
interface OptRaw {
  t: 'opt';
  of: Raw;
  dflt?: { value: unknown };
}

interface ObjRaw {
  t: 'obj';
  keys: readonly string[];
  specs: readonly Raw[];
}

/** A description of values of type T (T is only carried for the compiler). */
export interface Spec<T> {
  readonly raw: Raw;
  readonly _type?: (t: T) => T;
}

/** A field older links may lack (see `optional`). */
export interface OptionalSpec<T> extends Spec<T | undefined> {
  readonly optional: true;
}

/** The type a description describes: `type View = Infer<typeof viewSpec>`. */
export type Infer<S> = S extends Spec<infer T> ? T : never;

/** Any description (what `obj` and `union` accept as fields and cases). */
interface AnySpec {
  readonly raw: Raw;
}

type Flat<T> = { [K in keyof T]: T[K] } & {};

/** An object's type from its field descriptions: optional fields become `key?: T`. */
export type ObjectOf<F> = Flat<
  { [K in keyof F as F[K] extends { readonly optional: true } ? never : K]: Infer<F[K]> } & {
    [K in keyof F as F[K] extends { readonly optional: true } ? K : never]?: Exclude<Infer<F[K]>, undefined>;
  }
>;

/** A tagged union's type: each case's fields plus `[tag]: its name`. */
export type UnionOf<Tag extends string, C> = { [K in keyof C & string]: Flat<{ [P in Tag]: K } & Infer<C[K]>> }[keyof C & string];

export function str(max: number, opts: { re?: RegExp; hint?: string; role?: StringRole } = {}): Spec<string> {
  return { raw: { t: 'str', max, re: opts.re, hint: opts.hint, role: opts.role ?? 'text' } };
}

/** A number; `int` means a safe integer. */
export function num(opts: { int?: boolean; min?: number; max?: number } = {}): Spec<number> {
  return { raw: { t: 'num', int: opts.int ?? false, min: opts.min ?? -Number.MAX_VALUE, max: opts.max ?? Number.MAX_VALUE } };
}

export function oneOf<const V extends string>(values: readonly V[]): Spec<V> {
  return { raw: { t: 'enum', values } };
}

export function nullable<T>(of: Spec<T>): Spec<T | null> {
  if (of.raw.t === 'opt') throw new Error('optional() is for object fields');
  return { raw: { t: 'null', of: of.raw } };
}

export function list<T>(of: Spec<T>, max: number, len?: number): Spec<T[]> {
  if (of.raw.t === 'opt') throw new Error('optional() is for object fields');
  return { raw: { t: 'arr', of: of.raw, max, len } };
}

/**
 * A field links made before it existed lack: read as undefined, or as `dflt` when one is given
 * (then the field is always there in memory). A writer leaves an undefined field out. Only for
 * object fields; the way to add a field without a schema version bump.
 */
export function optional<T>(of: Spec<T>): OptionalSpec<T>;
export function optional<T>(of: Spec<T>, dflt: T): Spec<T>;
export function optional<T>(of: Spec<T>, ...dflt: [T?]): Spec<T | undefined> {
  if (of.raw.t === 'opt') throw new Error('optional(optional(...))');
  if (dflt.length === 0) return { raw: { t: 'opt', of: of.raw }, optional: true } as OptionalSpec<T>;
  // A default the field itself would refuse is a programming error: fail where it is declared.
  const value = check(of, dflt[0]);
  return { raw: { t: 'opt', of: of.raw, dflt: { value } } };
}

/** An object with these fields, in this order (the order writers use). */
export function obj<F extends Record<string, AnySpec>>(fields: F): Spec<ObjectOf<F>> {
  const keys = Object.keys(fields);
  return { raw: { t: 'obj', keys, specs: keys.map((k) => fields[k]!.raw) } };
}

/** A tagged union: `{ [tag]: name, ...fields of that case }`; packed in v2 as [case index, ...fields]. */
export function union<const Tag extends string, C extends Record<string, AnySpec>>(tag: Tag, cases: C): Spec<UnionOf<Tag, C>> {
  const tags = Object.keys(cases);
  const raws = tags.map((k) => cases[k]!.raw);
  if (raws.some((r) => r.t !== 'obj')) throw new Error('union cases must be objects');
  return { raw: { t: 'union', tag, tags, cases: raws as ObjRaw[] } };
}

/** A validation failure: where (a JSON path) and what. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'ShapeError';
  }
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? `the number ${v}` : 'an infinite number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

function checkString(s: Extract<Raw, { t: 'str' }>, v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ShapeError(path, `expected text, got ${typeName(v)}`);
  if (v.length > s.max) throw new ShapeError(path, `text of ${v.length} characters is longer than the ${s.max} allowed`);
  if (loneSurrogate.test(v)) throw new ShapeError(path, 'text is not well-formed Unicode');
  if (s.re && !s.re.test(v)) throw new ShapeError(path, `expected ${s.hint ?? `text matching ${s.re.source}`}`);
  return v;
}

function checkNumber(s: Extract<Raw, { t: 'num' }>, v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(path, `expected a finite number, got ${typeName(v)}`);
  if (s.int && !Number.isSafeInteger(v)) throw new ShapeError(path, `expected a whole number, got ${v}`);
  if (v < s.min) throw new ShapeError(path, `${v} is below the minimum, ${s.min}`);
  if (v > s.max) throw new ShapeError(path, `${v} is above the maximum, ${s.max}`);
  return v === 0 ? 0 : v; // -0 reads as 0: JSON cannot tell them apart
}

function checkArray(s: { max: number; len?: number }, v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(path, `expected a list, got ${typeName(v)}`);
  if (s.len !== undefined && v.length !== s.len) throw new ShapeError(path, `expected ${s.len} entries, got ${v.length}`);
  if (v.length > s.max) throw new ShapeError(path, `${v.length} entries, more than the ${s.max} allowed`);
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** "findings[2].note" from "findings[2]" and "note" (no leading dot at the top). */
const sub = (path: string, key: string) => (path ? `${path}.${key}` : key);

export interface CheckOptions {
  /**
   * A key the description does not name: an error (`refuse`, the default: what our own code
   * builds, links of v1), or skipped, its value neither read nor copied (`ignore`: links and
   * stored findings of v3 on, where a newer writer may have added optional fields).
   * Prototype keys are refused either way.
   */
  unknownKeys?: 'refuse' | 'ignore';
}

/**
 * Validates plain JSON against the description; returns a fresh copy holding only described
 * keys, in the description's order (absent optional fields left out, or at their default).
 */
export function check<T>(spec: Spec<T>, value: unknown, path = '', opts: CheckOptions = {}): T {
  return checkRaw(spec.raw, value, path, opts.unknownKeys === 'ignore') as T;
}

function checkObjectFields(s: ObjRaw, v: Record<string, unknown>, path: string, skip: string | null, out: Record<string, unknown>, lenient: boolean): void {
  for (const k of Object.keys(v)) {
    if (forbiddenKeys.has(k)) throw new ShapeError(path, `forbidden key "${k}"`);
    if (!lenient && k !== skip && !s.keys.includes(k)) throw new ShapeError(path, `unexpected field "${k.slice(0, 40)}"`);
  }
  for (let i = 0; i < s.keys.length; i++) {
    const k = s.keys[i]!;
    const f = s.specs[i]!;
    if (f.t === 'opt') {
      if (has(v, k) && v[k] !== undefined) out[k] = checkRaw(f.of, v[k], sub(path, k), lenient);
      else if (f.dflt) out[k] = structuredClone(f.dflt.value);
      continue;
    }
    if (!has(v, k)) throw new ShapeError(path, `missing field "${k}"`);
    out[k] = checkRaw(f, v[k], sub(path, k), lenient);
  }
}

function checkRaw(s: Raw, v: unknown, path: string, lenient: boolean): unknown {
  switch (s.t) {
    case 'str':
      return checkString(s, v, path);
    case 'num':
      return checkNumber(s, v, path);
    case 'enum':
      if (typeof v !== 'string' || !s.values.includes(v)) {
        throw new ShapeError(path, `expected one of ${s.values.join(', ')}, got ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeName(v)}`);
      }
      return v;
    case 'null':
      return v === null ? null : checkRaw(s.of, v, path, lenient);
    case 'arr': {
      const a = checkArray(s, v, path);
      const out = new Array<unknown>(a.length);
      for (let i = 0; i < a.length; i++) out[i] = checkRaw(s.of, a[i], `${path}[${i}]`, lenient);
      return out;
    }
    case 'obj': {
      if (!isPlainObject(v)) throw new ShapeError(path, `expected an object, got ${typeName(v)}`);
      const out: Record<string, unknown> = {};
      checkObjectFields(s, v, path, null, out, lenient);
      return out;
    }
    case 'union': {
      if (!isPlainObject(v)) throw new ShapeError(path, `expected an object, got ${typeName(v)}`);
      const tag = v[s.tag];
      const i = typeof tag === 'string' && has(v, s.tag) ? s.tags.indexOf(tag) : -1;
      if (i < 0) {
        const got = typeof tag === 'string' ? JSON.stringify(tag.slice(0, 40)) : typeName(tag);
        throw new ShapeError(sub(path, s.tag), `unknown ${s.tag} ${got} (known: ${s.tags.join(', ')})`);
      }
      const out: Record<string, unknown> = { [s.tag]: s.tags[i]! };
      checkObjectFields(s.cases[i]!, v, path, s.tag, out, lenient);
      return out;
    }
    case 'opt':
      // Only reached for a top-level optional: an absent value is undefined.
      return v === undefined ? (s.dflt ? structuredClone(s.dflt.value) : undefined) : checkRaw(s.of, v, path, lenient);
  }
}

/** Interns strings in first-use order; the table goes into the link once. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** The compact form of a value already known to be valid (from `check` or typed code). */
export function pack<T>(spec: Spec<T>, value: T, table: StringTable): unknown {
  return packRaw(spec.raw, value, table);
}

function packRaw(s: Raw, v: unknown, table: StringTable): unknown {
  switch (s.t) {
    case 'str':
      return table.add(v as string);
    case 'num':
      return v;
    case 'enum':
      return s.values.indexOf(v as string);
    case 'null':
      return v === null ? null : packRaw(s.of, v, table);
    case 'arr':
      return (v as unknown[]).map((x) => packRaw(s.of, x, table));
    case 'obj':
      return packFields(s, v as Record<string, unknown>, table);
    case 'union': {
      const o = v as Record<string, unknown>;
      const i = s.tags.indexOf(o[s.tag] as string);
      return [i, ...packFields(s.cases[i]!, o, table)];
    }
    case 'opt':
      throw new Error('the v2 form has no optional fields');
  }
}

/** The tuple of an object's fields; optional fields came after v2 and are not in it. */
function packFields(s: ObjRaw, o: Record<string, unknown>, table: StringTable): unknown[] {
  const out: unknown[] = [];
  s.keys.forEach((k, i) => {
    if (s.specs[i]!.t !== 'opt') out.push(packRaw(s.specs[i]!, o[k], table));
  });
  return out;
}

/** A copy of a valid value with every string passed through `f` (enums are not strings here). */
export function mapStrings<T>(spec: Spec<T>, value: T, f: (s: string, role: StringRole) => string): T {
  return mapRaw(spec.raw, value, f) as T;
}

function mapRaw(s: Raw, v: unknown, f: (s: string, role: StringRole) => string): unknown {
  switch (s.t) {
    case 'str':
      return f(v as string, s.role);
    case 'num':
    case 'enum':
      return v;
    case 'null':
      return v === null ? null : mapRaw(s.of, v, f);
    case 'arr':
      return (v as unknown[]).map((x) => mapRaw(s.of, x, f));
    case 'obj':
      return mapFields(s, v as Record<string, unknown>, f, {});
    case 'union': {
      const o = v as Record<string, unknown>;
      return mapFields(s.cases[s.tags.indexOf(o[s.tag] as string)]!, o, f, { [s.tag]: o[s.tag] });
    }
    case 'opt':
      return v === undefined ? undefined : mapRaw(s.of, v, f);
  }
}

function mapFields(s: ObjRaw, o: Record<string, unknown>, f: (s: string, role: StringRole) => string, out: Record<string, unknown>): Record<string, unknown> {
  s.keys.forEach((k, i) => {
    const x = mapRaw(s.specs[i]!, o[k], f);
    if (x !== undefined || s.specs[i]!.t !== 'opt') out[k] = x;
  });
  return out;
}

/**
 * The fields declared `optional` that a valid value holds, with their paths ("view.theme",
 * "findings[2].color"), for views that list a payload generically (the share preview).
 */
export function optionalValues<T>(spec: Spec<T>, value: T): Array<{ path: string; value: unknown }> {
  const out: Array<{ path: string; value: unknown }> = [];
  const fields = (s: ObjRaw, o: Record<string, unknown>, path: string) =>
    s.keys.forEach((k, i) => {
      const f = s.specs[i]!;
      if (f.t !== 'opt') walk(f, o[k], sub(path, k));
      else if (o[k] !== undefined) out.push({ path: sub(path, k), value: o[k] });
    });
  const walk = (s: Raw, v: unknown, path: string): void => {
    if (s.t === 'null' && v !== null) walk(s.of, v, path);
    else if (s.t === 'arr') (v as unknown[]).forEach((x, i) => walk(s.of, x, `${path}[${i}]`));
    else if (s.t === 'obj') fields(s, v as Record<string, unknown>, path);
    else if (s.t === 'union') {
      const o = v as Record<string, unknown>;
      fields(s.cases[s.tags.indexOf(o[s.tag] as string)]!, o, path);
    }
  };
  walk(spec.raw, value, '');
  return out;
}

/** Reads the compact form, validating every step, with the string table already checked. */
export class Unpacker {
  private readonly used: Uint8Array;

  constructor(private readonly table: readonly string[]) {
    this.used = new Uint8Array(table.length);
  }

  read<T>(spec: Spec<T>, value: unknown, path: string): T {
    return this.readRaw(spec.raw, value, path) as T;
  }

  /** Entries no field referred to (a packer never writes them: a sign of a forged link). */
  unusedStrings(): number {
    let n = 0;
    for (const u of this.used) if (!u) n++;
    return n;
  }

  private index(v: unknown, size: number, path: string, what: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= size) {
      throw new ShapeError(path, `expected ${what} (0..${size - 1}), got ${typeName(v)}`);
    }
    return v;
  }

  private readRaw(s: Raw, v: unknown, path: string): unknown {
    switch (s.t) {
      case 'str': {
        const i = this.index(v, this.table.length, path, 'a string-table index');
        this.used[i] = 1;
        return checkString(s, this.table[i], path);
      }
      case 'num':
        return checkNumber(s, v, path);
      case 'enum':
        return s.values[this.index(v, s.values.length, path, `an index of ${s.values.join('|')}`)]!;
      case 'null':
        return v === null ? null : this.readRaw(s.of, v, path);
      case 'arr': {
        const a = checkArray(s, v, path);
        const out = new Array<unknown>(a.length);
        for (let i = 0; i < a.length; i++) out[i] = this.readRaw(s.of, a[i], `${path}[${i}]`);
        return out;
      }
      case 'obj': {
        const n = tupleLength(s);
        return this.readFields(s, checkArray({ max: n, len: n }, v, path), 0, path, {});
      }
      case 'union': {
        if (!Array.isArray(v) || v.length === 0) throw new ShapeError(path, `expected a tagged list, got ${typeName(v)}`);
        const i = this.index(v[0], s.tags.length, sub(path, s.tag), `a ${s.tag} index`);
        const c = s.cases[i]!;
        const n = tupleLength(c) + 1;
        return this.readFields(c, checkArray({ max: n, len: n }, v, path), 1, path, { [s.tag]: s.tags[i]! });
      }
      case 'opt':
        throw new Error('the v2 form has no optional fields');
    }
  }

  /** Fields from a tuple starting at `from`; optional fields (newer than v2) take their default. */
  private readFields(s: ObjRaw, a: unknown[], from: number, path: string, out: Record<string, unknown>): Record<string, unknown> {
    let j = from;
    for (let i = 0; i < s.keys.length; i++) {
      const f = s.specs[i]!;
      if (f.t === 'opt') {
        if (f.dflt) out[s.keys[i]!] = structuredClone(f.dflt.value);
      } else out[s.keys[i]!] = this.readRaw(f, a[j++], sub(path, s.keys[i]!));
    }
    return out;
  }
}

/** Entries of an object's v2 tuple: its fields but the optional ones. */
function tupleLength(s: ObjRaw): number {
  let n = 0;
  for (const f of s.specs) if (f.t !== 'opt') n++;
  return n;
}
