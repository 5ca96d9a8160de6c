// Dumps pasted from logs: real dumps (public/samples apiserver-leaks.t1 debug=2, the real Go
// crash test/fixtures/series/crash-repanic.txt) with a log prefix put on every line, in each
// format an incident hands over, must parse to the same goroutines (ids, states, waits,
// frames, creators) and the same crash report as the clean text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GoroutineDump } from '../../../src/model/goroutines';
import { parseGoroutineText } from '../../../src/parse/goroutines';
import { enc, summarize } from './summary';

const APISERVER = readFileSync(new URL('../../../public/samples/apiserver-leaks.t1.goroutine.debug2.txt', import.meta.url), 'utf8');
const REPANIC = readFileSync(new URL('../../fixtures/series/crash-repanic.txt', import.meta.url), 'utf8');

/** A small deterministic generator (mulberry32), so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Lines of the text without the final line feed's empty tail. */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Wrap = (lines: string[], r: () => number) => string;

const rfc3339 = (i: number) => `2026-12-03T13:${pad(4 + (i >> 12), 2)}:${pad((i >> 6) % 60, 2)}.${pad((i * 7919) % 1e9, 9)}Z`;

const FORMATS: Record<string, Wrap> = {
  'kubectl logs --timestamps (RFC 3339)': (lines) => lines.map((l, i) => `${rfc3339(i)} ${l}\n`).join(''),
  'CRI/containerd with partial P lines': (lines, r) =>
    lines
      .map((l, i) => {
        // Split long lines into P parts at random points, as the runtime does past its buffer.
        let out = '';
        let rest = l;
        while (rest.length > 20 && r() < 0.5) {
          const cut = 1 + Math.floor(r() * (rest.length - 1));
          out += `${rfc3339(i)} stderr P ${rest.slice(0, cut)}\n`;
          rest = rest.slice(cut);
        }
        return `${out}${rfc3339(i)} stderr F ${rest}\n`;
      })
      .join(''),
  "Docker json-file (split records joined)": (lines, r) =>
    lines
      .map((l, i) => {
        let out = '';
        let rest = l;
        while (rest.length > 20 && r() < 0.3) {
          const cut = 1 + Math.floor(r() * (rest.length - 1));
          out += `${JSON.stringify({ log: rest.slice(0, cut), stream: 'stderr', time: rfc3339(i) })}\n`;
          rest = rest.slice(cut);
        }
        return `${out}${JSON.stringify({ log: `${rest}\n`, stream: 'stderr', time: rfc3339(i) })}\n`;
      })
      .join(''),
  'journald/syslog': (lines) =>
    lines.map((l, i) => `Dec ${i < lines.length / 2 ? ' 3' : '13'} 13:04:${pad(i % 60, 2)} master-${1 + (i % 12)} kube-apiserver[${i < 10 ? 812 : 81234}]: ${l}\n`).join(''),
  'klog header': (lines) =>
    lines.map((l, i) => `${'IWE'[i % 3]}1203 13:04:25.${pad(i % 1e6, 6)} ${String(1 + (i % 20000)).padStart(7)} ${i % 2 ? 'server.go' : 'http2_server.go'}:${i + 1}] ${l}\n`).join(''),
  'bracketed time and process.thread': (lines) =>
    lines.map((l, i) => `[${pad(58 + (i >> 4), 5)}.${pad(i % 1000, 3)}] 05208.${pad(8054 + (i % 3), 5)}> ${l}\n`).join(''),
};

function comparable(d: GoroutineDump) {
  return {
    format: d.format,
    total: d.total,
    truncated: d.truncated,
    unparsed: d.unparsed.count,
    skipped: d.skipped?.count ?? 0,
    goroutines: summarize(d).map(({ line: _l, offset: _o, ...g }) => g),
    crash: d.crash ? JSON.parse(JSON.stringify(d.crash, (k, v: unknown) => (k === 'line' || k === 'offset' ? undefined : v))) : null,
  };
}

describe.each([
  ['apiserver-leaks.t1 debug=2', APISERVER],
  ['crash-repanic', REPANIC],
])('%s with a prefix on every line', (_name, clean) => {
  const expected = comparable(parseGoroutineText(enc(clean)));
  const lines = linesOf(clean);

  it('the clean text has goroutines to compare', () => {
    expect(expected.goroutines.length).toBeGreaterThan(0);
    expect(parseGoroutineText(enc(clean)).prefix).toBeUndefined();
  });

  it.each(Object.keys(FORMATS))('%s: the same goroutines and crash, and the prefix named with its line count', (format) => {
    const text = FORMATS[format]!(lines, rng(13));
    const d = parseGoroutineText(enc(text));
    expect(comparable(d)).toEqual(expected);
    // Every physical line carried the prefix.
    expect(d.prefix?.lines).toBe(text.split('\n').length - 1);
    expect(d.prefix?.example.length).toBeGreaterThan(0);
  });
});

describe('interleaved log lines', () => {
  it('lines without the prefix between goroutines stay counted as log lines, not dropped', () => {
    const lines = linesOf(APISERVER);
    const clean = parseGoroutineText(enc(APISERVER));
    const out: string[] = [];
    let added = 0;
    for (let i = 0; i < lines.length; i++) {
      out.push(`Dec  3 13:04:25 master-1 kube-apiserver[812]: ${lines[i]}`);
      if (lines[i] === '' && i % 3 === 0) {
        out.push(`I1203 13:04:25.000001 unrelated log line ${i}`);
        added++;
      }
    }
    const d = parseGoroutineText(enc(`${out.join('\n')}\n`));
    expect(added).toBeGreaterThan(0);
    expect(d.total).toBe(clean.total);
    expect(d.skipped?.count ?? 0).toBe((clean.skipped?.count ?? 0) + added);
    expect(d.prefix?.lines).toBe(lines.length);
    expect(d.prefix?.example).toBe('Dec  3 13:04:25 master-1 kube-apiserver[812]: ');
  });
});

describe('random prefixes (property)', () => {
  const SEPS = [': ', '> ', '] ', ' | ', ' - '];
  const PUNCT = ['[', ']', ':', '-', '.', '/', '=', ' ', '|', '@'];
  const WORDS = ['node', 'app', 'host', 'pod', 'worker', 'svc'];

  it.each(Array.from({ length: 25 }, (_, k) => k + 1))('seed %i: a random log shape is learned and stripped', (seed) => {
    const r = rng(seed);
    // A shape: digits of varying width, fixed words, punctuation; ends with a separator.
    const fields: Array<(i: number) => string> = [];
    const nFields = 1 + Math.floor(r() * 6);
    for (let f = 0; f < nFields; f++) {
      const kind = Math.floor(r() * 3);
      if (kind === 0) {
        const w = 1 + Math.floor(r() * 5);
        fields.push((i) => String((i * 7919 + f) % 10 ** w));
      } else if (kind === 1) {
        const word = WORDS[Math.floor(r() * WORDS.length)]!;
        fields.push(() => word);
      } else {
        const p = PUNCT[Math.floor(r() * PUNCT.length)]!;
        fields.push(() => p);
      }
      // Keep runs of one class apart, as real log fields are.
      fields.push(() => (f % 2 ? '/' : '.'));
    }
    const sep = SEPS[Math.floor(r() * SEPS.length)]!;
    const source = seed % 2 ? REPANIC : APISERVER;
    const lines = linesOf(source);
    const text = lines.map((l, i) => `${fields.map((g) => g(i)).join('')}${sep}${l}\n`).join('');
    const d = parseGoroutineText(enc(text));
    expect(comparable(d)).toEqual(comparable(parseGoroutineText(enc(source))));
    expect(d.prefix?.lines).toBe(lines.length);
  });
});
