// Property tests over the real crash outputs, in the style of properties.test.ts: cut at any
// byte, the crash facts printed before the cut are read as before; with CRLF line ends, grep -n
// or container-log prefixes, and the program's log lines inserted between the runtime's lines,
// the crash reads the same and every inserted line is counted as a log line, nothing else.
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CrashReport, GoroutineDump } from '../../../src/model/goroutines';
import { parseDebug2, parseGoroutineText } from '../../../src/parse/goroutines';
import { readRepoFile, repoRoot } from '../../support/fixtures';

const files = readdirSync(join(repoRoot, 'test', 'fixtures', 'series')).filter((f) => /^crash-.*\.txt$/.test(f)).sort();
const texts = files.map((f) => new TextDecoder().decode(readRepoFile('test', 'fixtures', 'series', f)));

/** The crash without line numbers: what must not change when lines move. */
function facts(c: CrashReport | undefined) {
  if (!c) return undefined;
  const { line: _s, ...signal } = c.signal ?? { line: 0 };
  return {
    kind: c.kind,
    panics: c.panics.map((p) => [p.message, p.recovered, p.repanicked]),
    fatal: c.fatal.map((f) => f.message),
    signal,
    exit: c.exitStatus?.code,
    goroutine: c.goroutine && [c.goroutine.id, c.goroutine.row, c.goroutine.reason],
    kinds: c.lines.map((l) => l.kind),
  };
}

/** Crash, skipped and unparsed lines are distinct lines of the input. */
function checkLines(d: GoroutineDump, lineCount: number): void {
  const crash = d.crash?.lines.map((l) => l.line) ?? [];
  for (let i = 1; i < crash.length; i++) expect(crash[i]!).toBeGreaterThan(crash[i - 1]!);
  for (const n of crash) {
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(lineCount);
    expect(d.skipped!.firstLines).not.toContain(n);
    expect(d.unparsed.firstLines).not.toContain(n);
  }
}

const logLine = fc
  .array(fc.constantFrom('request', 'GET', '/orders/42', 'took', '12ms', 'status=500', 'error:', 'retrying', '(x)', '[worker]'), { maxLength: 8 })
  .map((words) => `2026/12/03 13:03:38.600000 ${words.join(' ')}`);

describe('real crash outputs, mutated', () => {
  it('finds them', () => {
    expect(files.length).toBe(3);
  });

  for (let f = 0; f < files.length; f++) {
    const text = texts[f]!;
    const bytes = new TextEncoder().encode(text);
    const full = parseGoroutineText(bytes);
    const lines = text.split('\n');

    it(`${files[f]}: cut at any byte, the crash lines before the cut read as before`, () => {
      fc.assert(
        fc.property(fc.nat(bytes.length), (k) => {
          const cut = bytes.subarray(0, k);
          const d = parseDebug2(cut);
          const cutText = text.slice(0, k);
          checkLines(d, cutText.split('\n').length);
          // Lines wholly before the cut (their line feed included) are read exactly as before.
          const whole = cutText.split('\n').length - 1;
          const before = full.crash!.lines.filter((l) => l.line <= whole);
          expect(d.crash?.lines.slice(0, before.length) ?? []).toEqual(before);
          for (const p of full.crash!.panics) if (p.line <= whole) expect(d.crash!.panics).toContainEqual(p);
          for (const x of full.crash!.fatal) if (x.line <= whole) expect(d.crash!.fatal).toContainEqual(x);
          if (full.crash!.signal && full.crash!.signal.line <= whole) expect(d.crash!.signal).toEqual(full.crash!.signal);
          const g = full.crash!.goroutine!;
          // Once the crashed goroutine's header is whole, it is named as before.
          if (g.line <= whole) expect(d.crash!.goroutine).toEqual(g);
        }),
        { numRuns: Math.min(1500, bytes.length + 1) },
      );
    });

    it(`${files[f]}: CRLF, grep -n or container-log prefixes and inserted log lines leave the crash as it was`, () => {
      const firstHeader = lines.findIndex((l) => /^goroutine \d+ \[/.test(l));
      // Where a log line can go without landing inside a goroutine or a panic's value: the
      // start, after a blank line, after a preamble line that is no panic line, at the end.
      const slots = [0];
      for (let i = 0; i < lines.length - 1; i++) {
        if (lines[i] === '' || (i < firstHeader && !/^\t?panic: /.test(lines[i]!)) || i === lines.length - 2) slots.push(i + 1);
      }
      fc.assert(
        fc.property(
          fc.constantFrom('plain', 'crlf', 'grep', 'cri'),
          fc.array(fc.tuple(fc.constantFrom(...slots), logLine), { maxLength: 6 }),
          (layout, inserts) => {
            const out = lines.slice(0, -1).map((l) => [l]);
            const head: string[] = [];
            for (const [slot, log] of inserts) (slot === 0 ? head : out[slot - 1]!).push(log);
            const mutated = [...head, ...out.flat()];
            const wrapped =
              layout === 'crlf'
                ? mutated.join('\r\n')
                : layout === 'grep'
                  ? mutated.map((l, i) => `${i + 1}:${l}`).join('\n')
                  : layout === 'cri'
                    ? mutated.map((l) => `2026-12-03T13:03:38.724423Z stderr F ${l}`).join('\n')
                    : mutated.join('\n');
            const d = parseGoroutineText(new TextEncoder().encode(`${wrapped}${layout === 'crlf' ? '\r\n' : '\n'}`));
            expect(facts(d.crash)).toEqual(facts(full.crash));
            expect(d.skipped!.count).toBe(full.skipped!.count + inserts.length);
            expect(d.unparsed.count).toBe(0);
            expect(d.total).toBe(full.total);
            checkLines(d, mutated.length);
            for (const l of d.crash!.lines) expect(mutated[l.line - 1]).toBe(l.text);
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
