// Caps on what a file controls, in both parsers, each tested with a generated hostile input: the
// load finishes and says what was cut and where (a line or a byte offset). No durations are
// asserted; each case must simply end with a result or a clear error.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/model/errors';
import type { Profile } from '../../src/model/profile';
import { parseDebug1, parseDebug2 } from '../../src/parse/goroutines';
import { MAX_LABELS, MAX_NAME_BYTES } from '../../src/parse/goroutines/intern';
import { decodeInflated, loadProfile } from '../../src/parse/load';
import { decodeProfile } from '../../src/parse/pprof';
import { MAX_COMMENT_CHARS, MAX_COMMENTS } from '../../src/parse/pprof/resolve';
import { baseProfile, encode } from './pprof/build';

const enc = (s: string) => new TextEncoder().encode(s);

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

  });

  it('debug=1: a record with 10,000 labels keeps the first 1,000, and one note says how many records and where', () => {
    const labels = Array.from({ length: 10_000 }, (_, i) => `"k${String(i).padStart(5, '0')}":"v"`).join(', ');
    const goroutine = `goroutine profile: total 2\n1 @ 0x1\n# labels: {${labels}}\n#\t0x1\tmain.main+0x1\t/src/main.go:1\n\n1 @ 0x1\n# labels: {${labels}}\n#\t0x1\tmain.main+0x1\t/src/main.go:1\n`;
    const d = parseDebug1(enc(goroutine));
    expect(d.total).toBe(2);
    const p = d.profile;
    expect(p.samples.labelStart[1]! - p.samples.labelStart[0]!).toBe(MAX_LABELS);
    expect(p.strings[p.labels.key[MAX_LABELS - 1]!]).toBe('k00999');
    const note = d.problems!.filter((x) => x.kind === 'limit' && x.message.includes('labels'));
    expect(note).toEqual([{ kind: 'limit', message: '2 records with more than 1,000 labels: the first 1,000 of each are kept (the first such record, with 10,000 labels, at line 3)', line: 3 }]);
  });

  it('debug=1: a 100 KB escaped label value is cut like a name, with its line', () => {
    const value = `\\t${'v'.repeat(100_000)}`;
    const d = parseDebug1(enc(`goroutine profile: total 1\n1 @ 0x1\n# labels: {"k":"${value}"}\n#\t0x1\tmain.main+0x1\t/src/main.go:1\n`));
    const kept = d.profile.strings[d.profile.labels.str[0]!]!;
    expect(kept.startsWith('\tvvv')).toBe(true);
    expect(kept.endsWith(`…[${(100_001 - MAX_NAME_BYTES).toLocaleString('en-US')} more bytes cut]`)).toBe(true);
    expect(d.problems!.some((x) => x.line === 3 && x.message.startsWith('a name or string of 100,001 bytes'))).toBe(true);
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
    expect(loaded.profile.comments[0]).toBe(`${'c'.repeat(MAX_COMMENT_CHARS)}…[999,000 more bytes cut]`);
    expect(loaded.notes).toContainEqual(expect.stringMatching(/^1 comment longer than 1,000 characters cut, marked "…\[N more bytes cut\]" \(the first at byte [\d,]+\)\.$/));
  });

  it('a 2,000-character comment of 3-byte characters counts the bytes cut, not the characters', () => {
    const table = [...strings, '€'.repeat(1200)];
    const bytes = encode({ ...baseProfile(), stringTable: table, comment: [table.length - 1] });
    const loaded = decodeInflated(bytes, false);
    expect(loaded.profile.comments[0]).toBe(`${'€'.repeat(MAX_COMMENT_CHARS)}…[600 more bytes cut]`);
  });

  it('a sample with 10,000 labels keeps the first 1,000, with one note naming the sample and its byte', async () => {
    const table = [...strings, 'k', 'v'];
    const label = Array.from({ length: 10_000 }, () => ({ key: table.length - 2, str: table.length - 1 }));
    const p = baseProfile();
    const samples = p.sample as Array<Record<string, unknown>>;
    const bytes = encode({ ...p, stringTable: table, sample: [{ ...samples[0], label }, samples[1]] });
    const loaded = (await loadProfile(bytes)).loaded;
    const prof = loaded.profile;
    expect(prof.samples.labelStart[1]! - prof.samples.labelStart[0]!).toBe(MAX_LABELS);
    expect(prof.samples.labelStart[2]! - prof.samples.labelStart[1]!).toBe(0);
    expect(loaded.notes).toEqual([expect.stringMatching(/^1 sample with more than 1,000 labels: the first 1,000 of each are kept \(the first such sample, with 10,000 labels, at byte \d+\)\.$/)]);
  });
});

describe('pprof: every string the file controls', () => {
  const strings = (baseProfile().stringTable as string[]).slice();
  const name = (p: Profile, f: number) => p.strings[p.functions.name[f]!]!;

  it('a 50 MB function name is kept as its first 4 KiB and the marker, with one note giving its size and byte', async () => {
    const long = `main.${'a'.repeat(50 * 1024 * 1024)}`;
    const table = [...strings];
    table[6] = long;
    const loaded = (await loadProfile(encode({ ...baseProfile(), stringTable: table }))).loaded;
    const p = loaded.profile;
    const kept = name(p, 0);
    expect(kept).toBe(`${long.slice(0, MAX_NAME_BYTES)}…[${(long.length - MAX_NAME_BYTES).toLocaleString('en-US')} more bytes cut]`);
    expect(name(p, 1)).toBe('main.main');
    expect(Math.max(...p.strings.map((x) => x.length))).toBeLessThan(MAX_NAME_BYTES + 40);
    expect(loaded.notes).toEqual([
      expect.stringMatching(new RegExp(`^1 string longer than 4,096 bytes kept as its first 4,096 bytes, marked "…\\[N more bytes cut\\]" \\(the first, of ${long.length.toLocaleString('en-US')} bytes, at byte \\d[\\d,]*\\)\\.$`)),
    ]);
  });

  it('every kind of string is cut: system names, file names, units, label keys and values, mapping files and build ids', () => {
    const big = (c: string) => c.repeat(10_000);
    const table = [...strings, big('k'), big('v'), big('b')];
    const [k, v, b] = [table.length - 3, table.length - 2, table.length - 1];
    table[2] = big('u'); // a unit
    table[5] = big('m'); // the mapping file
    table[7] = big('f'); // a file name
    const p0 = baseProfile();
    const samples = p0.sample as Array<Record<string, unknown>>;
    const fns = p0.function as Array<Record<string, unknown>>;
    const maps = p0.mapping as Array<Record<string, unknown>>;
    const notes: Problem[] = [];
    const p = decodeProfile(
      encode({
        ...p0,
        stringTable: table,
        sample: [{ ...samples[0], label: [{ key: k, str: v }] }, samples[1]],
        function: [{ ...fns[0], systemName: v }, fns[1]],
        mapping: [{ ...maps[0], buildId: b }],
      }),
      { notes },
    );
    const marker = `…[${(10_000 - MAX_NAME_BYTES).toLocaleString('en-US')} more bytes cut]`;
    const cut = (c: string) => `${c.repeat(MAX_NAME_BYTES)}${marker}`;
    expect(p.sampleTypes[0]!.unit).toBe(cut('u'));
    expect(p.mappings[0]!.file).toBe(cut('m'));
    expect(p.mappings[0]!.buildId).toBe(cut('b'));
    expect(p.strings[p.functions.filename[0]!]).toBe(cut('f'));
    expect(p.strings[p.functions.systemName[0]!]).toBe(cut('v'));
    expect(p.strings[p.labels.key[0]!]).toBe(cut('k'));
    expect(p.strings[p.labels.str[0]!]).toBe(cut('v'));
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(/^6 strings longer than 4,096 bytes kept as their first 4,096 bytes/)]);
  });

  it('long names that share their head and length stay distinct, and a repeated one stays the same', () => {
    const head = `main.${'x'.repeat(5000)}`;
    const table = [...strings, `${head}A`, `${head}B`, `${head}A`];
    table[6] = `${head}C`;
    table[8] = `${head}D`;
    const p0 = baseProfile();
    const fns = p0.function as Array<Record<string, unknown>>;
    const p = decodeProfile(encode({ ...p0, stringTable: table, function: [...fns, { id: 3, name: table.length - 3 }, { id: 4, name: table.length - 1 }] }));
    const names = [0, 1, 2, 3].map((f) => name(p, f));
    const marker = (table[6]!.length - MAX_NAME_BYTES).toLocaleString('en-US');
    expect(names[0]!.endsWith(`…[${marker} more bytes cut]`)).toBe(true);
    expect(names[1]!.endsWith(`…[${marker} more bytes cut, variant 2]`)).toBe(true);
    expect(names[2]!.endsWith(`…[${marker} more bytes cut, variant 3]`)).toBe(true);
    expect(new Set(names.slice(0, 3)).size).toBe(3);
    // The fourth function repeats the third one's name: same text, one model function.
    expect(p.functions.length).toBe(3);
  });

  it('a multi-byte character at the cap is not split', () => {
    const table = [...strings];
    table[6] = `m${'é'.repeat(5000)}`;
    const p = decodeProfile(encode({ ...baseProfile(), stringTable: table }));
    const kept = name(p, 0);
    expect(kept).not.toContain('\ufffd');
    expect(kept.startsWith(`m${'é'.repeat(2047)}…[`)).toBe(true);
    expect(kept).toBe(`m${'é'.repeat(2047)}…[${(10_001 - 4095).toLocaleString('en-US')} more bytes cut]`);
  });

  it('a drop_frames pattern longer than the cap is not applied, and the note says so', () => {
    const table = [...strings, `(${'a'.repeat(10_000)})`];
    const notes: Problem[] = [];
    const p = decodeProfile(encode({ ...baseProfile(), stringTable: table, dropFrames: table.length - 1 }), { notes });
    expect(p.dropFrames).toBe('');
    expect(notes.map((n) => n.message)).toContainEqual('drop_frames is a pattern of 10,002 bytes, longer than the string cap: it is not applied');
  });
});

describe('legacy text profiles: strings the file controls', () => {
  it('a Java heapz with a 1 MB function name, file name and unit keeps each as 4 KiB and the marker, with one note', async () => {
    const fn = `com.example.${'F'.repeat(1_000_000)}`;
    const file = `${'S'.repeat(10_000)}.java`;
    const unit = 'u'.repeat(5000);
    const text = `--- heapz 1 ---\nformat = java\nresolution = ${unit}\n4194304 8 @ 0x0000000a\n0x0000000a\t${fn} (${file}:704)\n`;
    const loaded = (await loadProfile(enc(text))).loaded;
    const p = loaded.profile;
    expect(p.strings[p.functions.name[0]!]).toBe(`${fn.slice(0, MAX_NAME_BYTES)}…[${(fn.length - MAX_NAME_BYTES).toLocaleString('en-US')} more bytes cut]`);
    expect(p.strings[p.functions.filename[0]!]).toBe(`${file.slice(0, MAX_NAME_BYTES)}…[${(file.length - MAX_NAME_BYTES).toLocaleString('en-US')} more bytes cut]`);
    expect(p.sampleTypes[1]!.unit).toBe(`${unit.slice(0, MAX_NAME_BYTES)}…[904 more bytes cut]`);
    expect(loaded.notes).toEqual(['3 strings longer than 4,096 bytes kept as their first 4,096 bytes, marked "…[N more bytes cut]" (the first of 5,000 bytes).']);
  });
});
