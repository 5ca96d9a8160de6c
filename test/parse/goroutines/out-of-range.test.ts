// Numbers a debug=2 dump prints that the model cannot hold as printed (a wait of more minutes
// than the table's 32-bit column, a goroutine id beyond 2^53) and frames whose line number does
// not parse: the goroutine and the frame are kept, and a problem names the line.
import { describe, expect, it } from 'vitest';
import { parseDebug2 } from '../../../src/parse/goroutines';
import { loadProfile } from '../../../src/parse/load';

const enc = (s: string) => new TextEncoder().encode(s);

const dump = (header: string, file = '/src/main.go:42 +0x1d') =>
  `goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1\n\n${header}\nmain.worker(0xc000010000)\n\t${file}\ncreated by main.main in goroutine 1\n\t/src/main.go:12 +0x2\n`;

describe('out-of-range numbers are kept and reported', () => {
  it('an overflowing wait-minute count is the longest wait, never "<1 min"', () => {
    const d = parseDebug2(enc(dump('goroutine 7 [chan send, 99999999999999999999 minutes]:')));
    expect(d.total).toBe(2);
    const t = d.goroutines!;
    expect(t.id[1]).toBe(7);
    expect(t.waitMinutes[1]).toBe(0x7fffffff);
    expect(d.problems).toEqual([
      {
        kind: 'malformed',
        message: 'a wait of "99999999999999999999" minutes is beyond what the table holds: kept as 2,147,483,647 minutes or more',
        line: 5,
      },
    ]);
    expect(d.unparsed.count).toBe(0);
  });

  it('a wait that fits is read as printed, with no problem', () => {
    const d = parseDebug2(enc(dump('goroutine 7 [chan send, 2147483647 minutes]:')));
    expect(d.goroutines!.waitMinutes[1]).toBe(2147483647);
    expect(d.problems).toBeUndefined();
  });

  it('a goroutine id beyond 2^53 keeps its goroutine and stack', () => {
    const d = parseDebug2(enc(dump('goroutine 18446744073709551615 [select]:')));
    expect(d.total).toBe(2);
    expect(d.goroutines!.id[1]).toBe(Number('18446744073709551615'));
    expect(d.profile.samples.stackStart[2]! - d.profile.samples.stackStart[1]!).toBe(1);
    expect(d.problems?.[0]?.line).toBe(5);
    expect(d.problems?.[0]?.message).toMatch(/^goroutine id "18446744073709551615" is beyond 2\^53: the goroutine is kept/);
  });

  for (const [what, file, shown] of [
    ['letters', '/src/main.go:abc +0x1d', '"/src/main.go:abc"'],
    ['a number beyond 2^32', '/src/main.go:99999999999999 +0x1d', '"/src/main.go:99999999999999"'],
    ['nothing', '/src/main.go:', '"/src/main.go:"'],
  ] as const) {
    it(`a frame whose line number is ${what} is kept with line 0`, () => {
      const d = parseDebug2(enc(dump('goroutine 7 [select]:', file)));
      expect(d.total).toBe(2);
      expect(d.unparsed.count).toBe(0);
      const p = d.profile;
      const names = [...p.functions.name].map((n) => p.strings[n]);
      expect(names).toContain('main.worker');
      const fn = names.indexOf('main.worker');
      const lineIndex = [...p.lines.func].indexOf(fn);
      expect(p.lines.line[lineIndex]).toBe(0);
      expect(p.strings[p.functions.filename[fn]!]).toBe('/src/main.go');
      expect(d.problems).toHaveLength(1);
      expect(d.problems![0]!.line).toBe(7);
      expect(d.problems![0]!.message).toContain(`the line number in ${shown} does not parse`);
    });
  }

  it('many problems of a kind: five listed, the rest counted', () => {
    let text = 'goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1\n';
    for (let i = 0; i < 1000; i++) text += `\ngoroutine ${i + 2} [chan send, 99999999999999999999 minutes]:\nmain.f()\n\t/src/f.go:x\n`;
    const d = parseDebug2(enc(text));
    expect(d.total).toBe(1001);
    const messages = d.problems!.map((p) => p.message);
    expect(messages.filter((m) => m.startsWith('a wait of'))).toHaveLength(5);
    expect(messages.filter((m) => m.startsWith('the line number in'))).toHaveLength(5);
    expect(messages).toContain('995 more waits beyond the table than the 5 listed (from line 5)');
    expect(messages).toContain('995 more line numbers that do not parse than the 5 listed (from line 7)');
  });

  it('the parallel parse gives the same dump and problems', async () => {
    let text = '';
    for (let i = 0; i < 400; i++) text += `goroutine ${i + 1} [chan send, ${i === 300 ? '99999999999999999999' : i} minutes]:\nmain.f()\n\t/src/f.go:${i === 200 ? 'x' : i + 1} +0x1\n\n`;
    const bytes = enc(text);
    const { parseDumpPart, partCaps } = await import('../../../src/parse/goroutines/parallel');
    const one = (await loadProfile(bytes)).loaded.goroutines!;
    const parallel = (
      await loadProfile(bytes, { parallel: { parts: 4, minBytes: 1, run: async (b, jobs, o) => jobs.map((j, i) => parseDumpPart(b, j, i === 0 ? o : partCaps(o))) } })
    ).loaded.goroutines!;
    expect(parallel).toEqual(one);
    expect(one.problems!.map((p) => p.line)).toEqual([3 + 4 * 200, 1 + 4 * 300]);
  });
});
