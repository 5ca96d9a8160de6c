// The description walks on a small schema: optional fields (absent, default, present), unknown
// keys refused or ignored, prototype keys refused either way, and the v2 tuple form skipping
// optional fields.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ShapeError, StringTable, Unpacker, check, list, mapStrings, nullable, num, obj, oneOf, optional, pack, str, union, type Infer } from '../../src/share/shape';

const item = obj({ name: str(20), size: num({ int: true, min: 0 }), color: optional(str(10)), tags: optional(list(str(10), 4), []) });
const shape = union('kind', {
  a: obj({ item, mode: optional(oneOf(['x', 'y']), 'x') }),
  b: obj({ note: optional(nullable(str(10))) }),
});

// The types the descriptions declare: optional fields without a default are `key?: T`.
expectTypeOf<Infer<typeof item>>().toEqualTypeOf<{ name: string; size: number; tags: string[]; color?: string }>();
expectTypeOf<Infer<typeof shape>>().toEqualTypeOf<
  { kind: 'a'; item: { name: string; size: number; tags: string[]; color?: string }; mode: 'x' | 'y' } | { kind: 'b'; note?: string | null }
>();

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ShapeError) return e.message;
    throw e;
  }
  throw new Error('expected a ShapeError');
}

describe('optional fields', () => {
  it('absent: left out, or the default (a fresh copy each time)', () => {
    const a = check(item, { name: 'n', size: 1 });
    expect(a).toEqual({ name: 'n', size: 1, tags: [] });
    expect(Object.keys(a)).toEqual(['name', 'size', 'tags']);
    const b = check(item, { name: 'n', size: 1 });
    b.tags.push('t');
    expect(check(item, { name: 'n', size: 1 }).tags).toEqual([]);
    expect(check(shape, { kind: 'a', item: { name: 'n', size: 1 } })).toEqual({ kind: 'a', item: { name: 'n', size: 1, tags: [] }, mode: 'x' });
    expect(check(shape, { kind: 'b' })).toEqual({ kind: 'b' });
  });

  it('present: checked like any field, its path in the message', () => {
    expect(check(item, { name: 'n', size: 1, color: 'red', tags: ['a'] })).toEqual({ name: 'n', size: 1, color: 'red', tags: ['a'] });
    expect(check(shape, { kind: 'b', note: null })).toEqual({ kind: 'b', note: null });
    expect(error(() => check(item, { name: 'n', size: 1, color: 7 }, 'x'))).toBe('x.color: expected text, got the number 7');
    expect(error(() => check(shape, { kind: 'a', item: { name: 'n', size: 1, tags: ['a', 'b', 'c', 'd', 'e'] } }))).toBe('item.tags: 5 entries, more than the 4 allowed');
    expect(error(() => check(shape, { kind: 'a', item: { name: 'n', size: 1 }, mode: 'z' }))).toBe('mode: expected one of x, y, got "z"');
  });

  it('an undefined value counts as absent; a required field stays required', () => {
    expect(check(item, { name: 'n', size: 1, color: undefined })).toEqual({ name: 'n', size: 1, tags: [] });
    expect(error(() => check(item, { size: 1 }))).toBe('missing field "name"');
  });

  it('refuses a default its field would refuse, and optional() outside an object', () => {
    expect(() => optional(str(2), 'long')).toThrow(ShapeError);
    expect(() => list(optional(str(2)), 3)).toThrow(/object fields/);
    expect(() => nullable(optional(str(2)))).toThrow(/object fields/);
  });

  it('mapStrings reaches present optional fields and leaves absent ones absent', () => {
    const up = (s: string) => s.toUpperCase();
    expect(mapStrings(item, { name: 'n', size: 1, color: 'red', tags: ['t'] }, up)).toEqual({ name: 'N', size: 1, color: 'RED', tags: ['T'] });
    expect(Object.keys(mapStrings(item, { name: 'n', size: 1, tags: [] }, up))).toEqual(['name', 'size', 'tags']);
  });
});

describe('unknown keys', () => {
  it('refused by default, ignored (never copied) on request; prototype keys refused either way', () => {
    const doc = JSON.parse('{"name":"n","size":1,"extra":{"deep":[1]},"kind":"x"}') as unknown;
    expect(error(() => check(item, doc))).toBe('unexpected field "extra"');
    expect(check(item, doc, '', { unknownKeys: 'ignore' })).toEqual({ name: 'n', size: 1, tags: [] });
    for (const k of ['__proto__', 'constructor', 'prototype']) {
      const bad = JSON.parse(`{"name":"n","size":1,"${k}":{"polluted":1}}`) as unknown;
      expect(error(() => check(item, bad, 'it', { unknownKeys: 'ignore' }))).toBe(`it: forbidden key "${k}"`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a union still refuses an unknown tag', () => {
    expect(error(() => check(shape, { kind: 'c' }, '', { unknownKeys: 'ignore' }))).toBe('kind: unknown kind "c" (known: a, b)');
  });
});

describe('v2 tuples', () => {
  it('have no slot for optional fields: packed without them, read back with their defaults', () => {
    const table = new StringTable();
    const packed = pack(shape, { kind: 'a', item: { name: 'n', size: 1, color: 'red', tags: ['t'] }, mode: 'y' }, table);
    expect(packed).toEqual([0, [0, 1]]);
    const reader = new Unpacker(table.strings);
    expect(reader.read(shape, packed, '')).toEqual({ kind: 'a', item: { name: 'n', size: 1, tags: [] }, mode: 'x' });
    expect(error(() => new Unpacker(['n']).read(item, [0, 1, 0], 'it'))).toBe('it: expected 2 entries, got 3');
  });
});
