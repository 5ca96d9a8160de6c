// Caps on what a file controls, in both parsers, each tested with a generated hostile input: the
// load finishes and says what was cut and where (a line or a byte offset). No durations are
// asserted; each case must simply end with a result or a clear error.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/model/errors';
import { parseDebug1, parseDebug2 } from '../../src/parse/goroutines';
import { MAX_NAME_BYTES } from '../../src/parse/goroutines/intern';
import { decodeInflated, loadProfile } from '../../src/parse/load';
import { decodeProfile } from '../../src/parse/pprof';
import { MAX_COMMENT_CHARS, MAX_COMMENTS } from '../../src/parse/pprof/resolve';
import { baseProfile, encode } from './pprof/build';

const enc = (s: string) => new TextEncoder().encode(s);

function thrown(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

describe('goroutine dumps: names, lines and labels', () => {
  it('a 50 MB function name is kept as its first 4 KiB and a marker, with a note naming the line', () => {
    const name = `main.${'a'.repeat(50 * 1024 * 1024)}`;
    const d = parseDebug2(enc(`goroutine 1 [running]:\n${name}(0x1)\n\t/src/main.go:10 +0x1\n`));
    expect(d.total).toBe(1);
    const p = d.profile;
    const kept = p.strings[p.functions.name[0]!]!;
    expect(kept.startsWith('main.aaaa')).toBe(true);
    expect(kept.endsWith(`…[${(name.length - MAX_NAME_BYTES).toLocaleString('en-US')} more bytes cut]`)).toBe(true);
    expect(Math.max(...p.strings.map((s) => s.length))).toBeLessThan(MAX_NAME_BYTES + 40);
    const messages = d.problems!.map((x) => [x.message, x.line]);
    expect(messages).toContainEqual([`a name or string of ${name.length.toLocaleString('en-US')} bytes is kept as its first 4,096 bytes, marked "…[N more bytes cut]"`, 2]);
    expect(messages.some(([m, line]) => String(m).startsWith('1 line longer than 64 KiB (line 2)') && line === 2)).toBe(true);
  });

  it('two long names that differ after the cap stay two names (their lengths differ)', () => {
    const a = `main.${'a'.repeat(10_000)}x`;
    const b = `main.${'a'.repeat(10_001)}y`;
    const d = parseDebug2(enc(`goroutine 1 [running]:\n${a}()\n\t/src/a.go:1 +0x1\n${b}()\n\t/src/b.go:2 +0x1\n`));
    expect(d.profile.functions.length).toBe(2);
  });

  it('a multi-byte character at the cap is not split', () => {
    const d = parseDebug2(enc(`goroutine 1 [running]:\nmain.${'é'.repeat(5000)}()\n\t/src/a.go:1 +0x1\n`));
    const kept = d.profile.strings[d.profile.functions.name[0]!]!;
    expect(kept).not.toContain('\ufffd');
  });

  it('a 10 MB log line between goroutines is counted in a note, and the goroutines around it are read', () => {
    const d = parseDebug2(enc(`goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1\n\n${'x'.repeat(10 * 1024 * 1024)}\ngoroutine 2 [select]:\nmain.f()\n\t/src/f.go:1 +0x1\n`));
    expect(d.total).toBe(2);
    expect(d.problems!.find((x) => x.kind === 'limit')!.message).toMatch(/^1 line longer than 64 KiB \(line 5\): read whole/);
  });

  it('a 10 MB state is cut like a name', () => {
    const d = parseDebug2(enc(`goroutine 1 [${'s'.repeat(10 * 1024 * 1024)}]:\nmain.main()\n\t/src/main.go:10 +0x1\n`));
    expect(d.total).toBe(1);
    expect(d.problems!.some((x) => x.line === 1 && x.message.startsWith('a name or string of 10,485,760 bytes'))).toBe(true);
  });

  it('debug=1: a long trailer line is cut and reported; too many labels on a record stop with the line', () => {
    const heap = `heap profile: 1: 8 [1: 8] @ heap/1048576\n1: 8 [1: 8] @ 0x1\n#\t0x1\tmain.main+0x1\t/src/main.go:1\n\n# runtime.MemStats\n# ${'z'.repeat(100_000)}\n`;
    const d = parseDebug1(enc(heap));
    const comment = d.profile.comments.find((c) => c.startsWith('# zzz'))!;
    expect(comment.length).toBeLessThan(MAX_NAME_BYTES + 40);
    expect(d.problems!.some((x) => x.line === 6 && x.message.startsWith('a name or string of 100,002 bytes'))).toBe(true);

    const labels = Array.from({ length: 10_001 }, (_, i) => `"k${i}":"v"`).join(", ");
    const goroutine = `goroutine profile: total 1\n1 @ 0x1\n# labels: {${labels}}\n#\t0x1\tmain.main+0x1\t/src/main.go:1\n`;
    const e = thrown(() => parseDebug1(enc(goroutine)));
    expect(e.kind).toBe('limit');
    expect(e.message).toBe('more than 10,000 labels on one record (the labels cap)');
    expect(e.line).toBe(3);
  });
});

describe('pprof: comments and labels', () => {
  const strings = (baseProfile().stringTable as string[]).slice();

  it('100,000 comments: the first 200 kept, the rest counted in a note with the byte offset', async () => {
    const table = [...strings, 'a comment'];
    const bytes = encode({ ...baseProfile(), stringTable: table, comment: Array.from({ length: 100_000 }, () => table.length - 1) });
    const loaded = (await loadProfile(bytes)).loaded;
    expect(loaded.profile.comments).toHaveLength(MAX_COMMENTS);
    expect(loaded.notes).toHaveLength(1);
    expect(loaded.notes![0]).toMatch(/^99,800 of 100,000 comments left out: the first 200 are kept \(the next at byte [\d,]+\)\.$/);
  });

  it('a 1 MB comment is cut to 1,000 characters with a marker and a note', () => {
    const table = [...strings, 'c'.repeat(1_000_000)];
    const bytes = encode({ ...baseProfile(), stringTable: table, comment: [table.length - 1] });
    const loaded = decodeInflated(bytes, false);
    expect(loaded.profile.comments[0]).toBe(`${'c'.repeat(MAX_COMMENT_CHARS)}…[999,000 more characters]`);
    expect(loaded.notes![0]).toMatch(/^1 comment longer than 1,000 characters cut, marked "…\[N more characters\]" \(the first at byte [\d,]+\)\.$/);
  });

  it('a sample with more than 10,000 labels stops with a message and its byte offset', () => {
    const table = [...strings, 'k', 'v'];
    const label = Array.from({ length: 10_001 }, () => ({ key: table.length - 2, str: table.length - 1 }));
    const p = baseProfile();
    const samples = p.sample as Array<Record<string, unknown>>;
    const bytes = encode({ ...p, stringTable: table, sample: [{ ...samples[0], label }, samples[1]] });
    const e = thrown(() => decodeProfile(bytes));
    expect(e.kind).toBe('limit');
    expect(e.message).toMatch(/^a sample has more than 10,000 labels, the cap \(sample at byte \d+\)$/);
    expect(e.offset).toBeGreaterThan(0);
  });
});
