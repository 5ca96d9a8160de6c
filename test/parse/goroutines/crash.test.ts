// Crash output read from real Go crashes (test/fixtures/series/crash-*.txt, go run of
// tools/samplegen's crashes program, Go 1.19, GOTRACEBACK=all): golden files of the whole
// reading, and the facts checked again against the raw text with plain string handling. The
// shared real-world dumps hold no crash preamble; they must not be read as crashes.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDebug2, parseGoroutineText } from '../../../src/parse/goroutines';
import { dumpCrash } from '../../support/dump-crash';
import { dumpGoroutines } from '../../support/dump-goroutines';
import { listFixtures, readFixture, readRepoFile, repoRoot, sharedDir, sharedSkipReason } from '../../support/fixtures';

const goldenDir = join(repoRoot, 'test', 'golden', 'crash');
const seriesDir = join(repoRoot, 'test', 'fixtures', 'series');
const update = process.env.UPDATE_GOLDEN === '1';
const crashFiles = readdirSync(seriesDir).filter((f) => /^crash-.*\.txt$/.test(f)).sort();

/** The file's lines, 1-based, read with plain string handling. */
function rawLines(file: string): string[] {
  const text = readFileSync(join(seriesDir, file), 'utf8');
  return ['', ...text.replace(/\n$/, '').split('\n')];
}

describe('real Go crash outputs', () => {
  it('finds the three crash files', () => {
    expect(crashFiles).toEqual(['crash-mapwrite.txt', 'crash-nilderef.txt', 'crash-repanic.txt']);
  });

  for (const file of crashFiles) {
    it(`${file}: golden`, () => {
      const d = parseGoroutineText(readRepoFile('test', 'fixtures', 'series', file));
      const text = `${dumpCrash(d.crash)}\n${dumpGoroutines(d)}`;
      const golden = join(goldenDir, file);
      if (update) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(golden, text);
      }
      if (!existsSync(golden)) throw new Error(`missing golden file ${golden}; run with UPDATE_GOLDEN=1 and review it`);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });

    it(`${file}: every line is a goroutine's, crash output or a log line, and each crash fact is on its line`, () => {
      const lines = rawLines(file);
      const d = parseGoroutineText(readRepoFile('test', 'fixtures', 'series', file));
      const c = d.crash!;
      expect(c).toBeDefined();
      expect(d.unparsed.count).toBe(0);
      // Log lines are the program's own (log package: date and time first), nothing else.
      const logLines = lines.flatMap((l, i) => (i > 0 && /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/.test(l) ? [i] : []));
      expect(d.skipped).toEqual({ count: logLines.length, firstLines: logLines.slice(0, 10) });
      // The panic chain: every line starting "panic: " or "\tpanic: ", in order.
      const panicLines = lines.flatMap((l, i) => (/^\t?panic: /.test(l) ? [i] : []));
      expect(c.panics.map((p) => p.line)).toEqual(panicLines);
      for (const p of c.panics) {
        const raw = lines[p.line]!.replace(/^\t?panic: /, '');
        expect(p.recovered).toBe(raw.endsWith(' [recovered]'));
        expect(p.message).toBe(raw.replace(/ \[recovered\]$/, ''));
      }
      const fatal = lines.flatMap((l, i) => (l.startsWith('fatal error: ') ? [{ message: l.slice('fatal error: '.length), line: i }] : []));
      expect(c.fatal).toEqual(fatal);
      const signal = lines.findIndex((l) => l.startsWith('[signal '));
      if (signal > 0) {
        const [, name, description, code, addr, pc] = /^\[signal (\w+): ([^=]+) code=(\S+) addr=(\S+) pc=(\S+)\]$/.exec(lines[signal]!)!;
        expect(c.signal).toEqual({ line: signal, name, description, code, addr, pc });
      } else {
        expect(c.signal).toBeUndefined();
      }
      const exit = lines.findIndex((l) => /^exit status \d+$/.test(l));
      expect(c.exitStatus).toEqual({ code: Number(lines[exit]!.slice('exit status '.length)), line: exit });
      // The goroutine that crashed: the first header after the preamble, [running].
      const header = lines.findIndex((l) => /^goroutine \d+ \[/.test(l));
      const [, id, state] = /^goroutine (\d+) \[([^\]]*)\]:$/.exec(lines[header]!)!;
      expect(state).toBe('running');
      expect(c.goroutine).toEqual({ row: 0, id: Number(id), line: header, reason: 'first-running' });
      // No crash line is also counted as skipped, and every crash line is on the line it says.
      for (const l of c.lines) {
        expect(lines[l.line]).toBe(l.text);
        expect(logLines).not.toContain(l.line);
      }
    });
  }

  it('the same crash read through CRLF line ends, grep -n and container-log prefixes keeps its facts and line numbers', () => {
    const bytes = readRepoFile('test', 'fixtures', 'series', 'crash-nilderef.txt');
    const text = new TextDecoder().decode(bytes);
    const base = parseGoroutineText(bytes).crash!;
    const lines = text.replace(/\n$/, '').split('\n');
    const variants = {
      crlf: `${lines.join('\r\n')}\r\n`,
      grep: `${lines.map((l, i) => `${i + 1}:${l}`).join('\n')}\n`,
      cri: `${lines.map((l) => `2026-12-03T13:03:38.724423Z stderr F ${l}`).join('\n')}\n`,
    };
    for (const [name, v] of Object.entries(variants)) {
      const c = parseGoroutineText(new TextEncoder().encode(v)).crash;
      expect({ name, c }).toEqual({ name, c: base });
    }
  });
});

describe.skipIf(!sharedDir)(`shared real-world dumps${sharedDir ? '' : ` (${sharedSkipReason})`}`, () => {
  const files = listFixtures('goroutine-text', '.txt');
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
  for (const file of files) {
    it(`${file}: crash output exactly where the raw text has a panic or fatal error line`, () => {
      const bytes = readFixture('goroutine-text', file);
      const text = new TextDecoder().decode(bytes);
      const dump = bytes.length === 0 ? parseDebug2(bytes) : parseGoroutineText(bytes);
      const panicLines = text.split('\n').flatMap((l, i) => (/^\t?panic: |^fatal error: /.test(l) ? [i + 1] : []));
      if (panicLines.length === 0) {
        // e.g. gostackparse-lockedm.txt: a "panic(...)" frame inside a stack is no crash preamble.
        expect(dump.crash).toBeUndefined();
      } else {
        expect([...dump.crash!.panics.map((p) => p.line), ...dump.crash!.fatal.map((f) => f.line)].sort((a, b) => a - b)).toEqual(panicLines);
      }
    });
  }
});

describe('bundled sample dumps', () => {
  const dir = join(repoRoot, 'public', 'samples');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.debug2.txt'))) {
    it(`${file}: a debug=2 dump from /debug/pprof is no crash`, () => {
      const d = parseGoroutineText(readRepoFile('public', 'samples', file));
      expect(d.total).toBeGreaterThan(0);
      expect(d.crash).toBeUndefined();
    });
  }
});
