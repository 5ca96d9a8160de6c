// Stored findings: written and read back exactly; anything else is a reset with a reason.
import { describe, expect, it } from 'vitest';
import { parseStored, serializeStored, storageKey, MAX_STORED_CHARS } from '../../src/share/storage';
import { findingsOfEveryKind } from './examples';

describe('stored findings', () => {
  it('round-trip exactly', () => {
    expect(parseStored(serializeStored(findingsOfEveryKind))).toEqual({ ok: true, findings: findingsOfEveryKind });
    expect(parseStored(serializeStored([]))).toEqual({ ok: true, findings: [] });
    expect(JSON.parse(serializeStored([])) as unknown).toEqual({ v: 3, findings: [] });
  });

  it('read entries saved as v1 and v2', () => {
    expect(parseStored(JSON.stringify({ v: 1, findings: findingsOfEveryKind }))).toEqual({ ok: true, findings: findingsOfEveryKind });
    expect(parseStored(JSON.stringify({ v: 2, findings: findingsOfEveryKind }))).toEqual({ ok: true, findings: findingsOfEveryKind });
  });

  it('from v3 on, skip fields a newer page saved', () => {
    const newer = JSON.stringify({ v: 3, findings: findingsOfEveryKind.map((f) => ({ ...f, color: 'red' })), order: [1, 2] });
    expect(parseStored(newer)).toEqual({ ok: true, findings: findingsOfEveryKind });
  });

  it('say why an entry is reset', () => {
    const reset = (why: string) => ({ ok: false, error: `the saved findings for this file could not be read (${why}); they were reset` });
    const good = serializeStored(findingsOfEveryKind);
    expect(parseStored('')).toEqual(reset('not valid JSON: Unexpected end of JSON input'));
    expect(parseStored('[]')).toEqual(reset('not an object'));
    expect(parseStored('{"findings":[]}')).toEqual(reset('no version'));
    expect(parseStored('{"v":2,"findings":[],"x":1}')).toEqual(reset('unexpected field "x"'));
    expect(parseStored(good.replace('"kind":"group"', '"kind":"grop"'))).toEqual(reset('findings[2].kind: unknown kind "grop" (known: frame, top-row, group, bucket, known-bug)'));
    expect(parseStored(good.replace('"kind":"frame",', '"kind":"frame","__proto__":{"x":1},'))).toEqual(reset('findings[0]: forbidden key "__proto__"'));
    expect(parseStored(`{"v":2,"findings":${'['.repeat(50)}${']'.repeat(50)}}`)).toEqual(reset('nested deeper than 16 levels'));
    expect(parseStored(' '.repeat(MAX_STORED_CHARS + 1))).toEqual(reset(`${MAX_STORED_CHARS + 1} characters, more than the ${MAX_STORED_CHARS} read`));
    expect(parseStored('{"v":4,"findings":[]}')).toEqual({
      ok: false,
      newer: true,
      error:
        'the saved findings for this file were written by a newer stackscope (schema v4); this page reads up to v3 and leaves them as they are: open the file in the newer page to see or change them',
    });
  });

  it('keys entries by content hash', () => {
    const sha = '3986452d7aff99eaa84a10a25d15414006a25c55b382a1420e1b1faaa1472b5d';
    expect(storageKey(sha)).toBe(`stackscope.findings.${sha}`);
    expect(() => storageKey('../../etc')).toThrow(RangeError);
  });
});
