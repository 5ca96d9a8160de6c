// The catalogue as a whole: ids, coverage of the reference table, a tested case for every
// signature, versions that parse, thresholds on histogram edges, texts of the promised shape.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/knowledge/catalogue';
import { compilePattern } from '../../../src/knowledge/names';
import type { FunctionPattern, Signature } from '../../../src/knowledge/types';
import { parseVersion, versionStatus } from '../../../src/knowledge/versions';
import { sharedDir, sharedSkipReason } from '../../support/fixtures';
import { aggregatorCases } from './aggregator.cases';
import type { Input, SignatureCase } from './cases';
import { clientCases } from './clientgo.cases';
import { handlerCases } from './handlers.cases';
import { memoryCases } from './memory.cases';
import { watchCases } from './watch.cases';

const allCases: SignatureCase[] = [...memoryCases, ...watchCases, ...handlerCases, ...aggregatorCases, ...clientCases];

/** The rows of the reference table (../shared/reference/apiserver-bugs.md), as of this catalogue. */
const referenceIds = [
  'KAS-TIMEOUT-LEAK', 'KAS-DELCOL', 'KAS-LIST-HEAP', 'KAS-RELIST-STORM', 'KAS-WATCH-NOT-STOPPED', 'KAS-CW-SEND-2016',
  'KAS-INITIAL-EVENTS', 'KAS-BOOKMARK-1.15', 'KAS-BOOKMARK-TIMEJUMP', 'KAS-ETCD2-WATCH', 'KAS-WATCH-ENCODE-CPU',
  'KAS-ADMISSION-NOCTX', 'KAS-TOKENCACHE', 'KAS-AUDIT-WEBHOOK', 'KAG-AVAIL-ERRCH', 'KAS-OPENAPI-CRD', 'KAS-ETCD-LOGGER',
  'KAS-OTEL-METER', 'KAS-H2-RESET', 'KAS-KONNECTIVITY', 'AM-UPGRADEAWARE', 'KAS-CRD-CONV-WATCH', 'KAS-APF-SLOWREAD',
  'KAS-GZIP', 'KAS-YAML-BOMB', 'CG-H2-DEADCONN', 'AM-STREAMWATCHER', 'AM-WAIT-POLLER', 'CG-EVENTS', 'CG-WORKQUEUE',
  'CG-REFLECTOR-METRICS', 'CG-LISTENER-BACKLOG',
];

/** Minor items of the reference given entries of our own. */
const minorIds = ['KAS-STORAGE-COUNT-TRACKER', 'KUBELET-INOTIFY'];

function patternsOf(sig: Signature): FunctionPattern[] {
  switch (sig.kind) {
    case 'goroutine-site':
      return [...sig.sites, ...(sig.alsoFrames ?? []), ...(sig.createdBy ?? [])];
    case 'goroutine-stack':
      return [...sig.frames, ...(sig.without ?? [])];
    case 'goroutine-imbalance':
      return [...sig.frames, ...sig.partner];
    case 'profile-functions':
      return [...sig.all.map((a) => a.pattern), ...(sig.under ?? [])];
  }
}

/** Every function name an input mentions. */
function namesIn(input: Input): Set<string> {
  if ('profile' in input) return new Set(input.profile.strings);
  const names = new Set<string>();
  for (const line of new TextDecoder().decode(input.dump).split('\n')) {
    if (line.startsWith('#\t0x')) names.add(line.split('\t')[2]!.replace(/\+0x[0-9a-f]+$/, ''));
    else if (line.startsWith('created by ')) names.add(line.slice('created by '.length).replace(/ in goroutine \d+$/, ''));
    else if (/^\S.*\)$/.test(line) && !line.startsWith('goroutine ')) names.add(line.slice(0, line.lastIndexOf('(')));
  }
  return names;
}

const order = (v: { major: number; minor: number; patch: number }) => (v.major * 1000 + v.minor) * 1000 + v.patch;

/** Sentences: a full stop, question or exclamation mark, then a space and a capital. */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.trim() !== '');

describe('the catalogue', () => {
  it('has unique ids of the documented form', () => {
    const ids = catalogue.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The reference's KAS-BOOKMARK-1.15 carries a version, so a segment may hold one dotted number.
    for (const id of ids) expect(id).toMatch(/^[A-Z]+(-[A-Z0-9]+(\.[0-9]+)?)+$/);
  });

  it('has every row of the reference table, and the minor items with a signature', () => {
    const ids = new Set(catalogue.map((b) => b.id));
    for (const id of [...referenceIds, ...minorIds]) expect(ids.has(id), id).toBe(true);
    expect(catalogue).toHaveLength(referenceIds.length + minorIds.length);
  });

  it.skipIf(!sharedDir)(`matches the reference file's table and confidence column${sharedDir ? '' : ` (${sharedSkipReason})`}`, () => {
    const file = join(sharedDir!, 'reference', 'apiserver-bugs.md');
    if (!existsSync(file)) throw new Error(`${file} is missing`);
    const rows = readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.split('|').map((c) => c.trim()))
      .filter((c) => /^[A-Z]+(-[A-Z0-9.]+)+$/.test(c[1] ?? ''));
    expect(rows.map((c) => c[1])).toEqual(referenceIds);
    // "V/I" and "P/I" take the weaker grade; "V (open)" is verified.
    const grades = ['verified', 'probable', 'inferred'] as const;
    const confidence = (conf: string) => grades[Math.max(...conf.split(' ')[0]!.split('/').map((g) => 'VPI'.indexOf(g)))];
    for (const c of rows) expect(catalogue.find((b) => b.id === c[1])!.confidence, c[1]).toBe(confidence(c[c.length - 2]!));
  });

  it('has a tested case, with negatives, for every signature of every entry', () => {
    for (const bug of catalogue) {
      bug.signatures.forEach((_, i) => {
        const cases = allCases.filter((c) => c.id === bug.id && c.signature === i);
        expect(cases.length, `${bug.id} signature ${i}`).toBeGreaterThan(0);
        expect(cases.every((c) => c.negatives.length > 0), `${bug.id} signature ${i} negatives`).toBe(true);
      });
    }
    for (const c of allCases) expect(catalogue.find((b) => b.id === c.id)?.signatures[c.signature], `${c.id} ${c.signature}`).toBeDefined();
  });

  it('tests goroutine signatures with vendored names, and closures with another .funcN', () => {
    for (const c of allCases) {
      const sig = catalogue.find((b) => b.id === c.id)!.signatures[c.signature]!;
      const inputs = [c.positive, ...(c.variants ?? []).map((v) => v[1])];
      if (sig.kind !== 'profile-functions') {
        const vendored = inputs.some((input) => [...namesIn(input)].some((n) => n.startsWith('k8s.io/kubernetes/vendor/')));
        expect(vendored, `${c.id} signature ${c.signature}: a case with the vendor prefix`).toBe(true);
      }
      if (patternsOf(sig).some((p) => 'prefix' in p && p.prefix.endsWith('.func'))) {
        const closures = (input: Input) => [...namesIn(input)].filter((n) => /\.func\d/.test(n));
        const first = new Set(closures(c.positive));
        const other = (c.variants ?? []).some(([, input]) => closures(input).some((n) => !first.has(n)));
        expect(other, `${c.id} signature ${c.signature}: a variant with another closure number`).toBe(true);
      }
    }
  });

  it('has versions that parse, ranges in order, and texts for both', () => {
    for (const bug of catalogue) {
      const { affected, fixed, affectedText, fixedText } = bug.versions;
      expect(affected.length, bug.id).toBeGreaterThan(0);
      for (const [from, to] of affected) {
        const a = parseVersion(from);
        const b = parseVersion(to);
        expect(a && b, `${bug.id} ${from}-${to}`).toBeTruthy();
        expect(order(a!), `${bug.id} ${from}-${to}`).toBeLessThanOrEqual(order(b!));
      }
      for (const f of fixed) expect(parseVersion(f), `${bug.id} ${f}`).not.toBeNull();
      expect(affectedText.length, bug.id).toBeGreaterThan(0);
      expect(fixedText.length, bug.id).toBeGreaterThan(0);
    }
  });

  it.each([
    ['KAS-WATCH-NOT-STOPPED', '1.16.5', 'affected'],
    ['KAS-WATCH-NOT-STOPPED', '1.17.12', 'fixed'],
    ['KAS-CW-SEND-2016', '1.5.1', 'affected'],
    ['KAS-CW-SEND-2016', '1.5.2', 'fixed'],
    ['KAS-BOOKMARK-1.15', '1.15.3', 'affected'],
    ['KAS-BOOKMARK-1.15', '1.14.2', 'not-affected'],
    ['KAS-BOOKMARK-TIMEJUMP', '1.16.4', 'affected'],
    ['KAS-BOOKMARK-TIMEJUMP', '1.18.13', 'fixed'],
    ['KAS-ETCD2-WATCH', '1.9.3', 'not-affected'],
    ['KAS-YAML-BOMB', '1.14.9', 'affected'],
    ['KAS-YAML-BOMB', '1.16.8', 'fixed'],
    ['KAS-H2-RESET', '1.27.7', 'fixed'],
    ['KAS-H2-RESET', 'v1.28.2-eks-1a2b3c', 'affected'],
    ['KAS-OTEL-METER', '1.28.9', 'not-affected'],
    ['KAS-OTEL-METER', '1.30.5', 'affected'],
    ['CG-WORKQUEUE', '1.20.4', 'affected'],
    ['CG-WORKQUEUE', '1.21.9', 'fixed'],
    ['CG-REFLECTOR-METRICS', '1.12.7', 'fixed'],
    ['CG-REFLECTOR-METRICS', '1.10.3', 'not-affected'],
    ['KAS-GZIP', '1.15.3', 'not-affected'],
    ['KAS-GZIP', '1.33.1', 'affected'],
    ['KAS-INITIAL-EVENTS', '1.34.1', 'affected'],
  ])('reads %s at %s as %s', (id, version, status) => {
    expect(versionStatus(catalogue.find((b) => b.id === id)!.versions, parseVersion(version))).toBe(status);
  });

  it('pairs the stack wait gate with its fallback', () => {
    for (const bug of catalogue) {
      for (const sig of bug.signatures) {
        if (sig.kind === 'goroutine-stack' && sig.thresholds.minGoroutinesWithoutWait !== undefined) expect(sig.thresholds.minWaitMinutes, bug.id).toBeDefined();
      }
    }
  });

  it('compiles every pattern, and lists every profile kind its signatures read', () => {
    for (const bug of catalogue) {
      for (const sig of bug.signatures) {
        for (const p of patternsOf(sig)) expect(() => compilePattern(p), `${bug.id} ${JSON.stringify(p)}`).not.toThrow();
        const kinds = sig.kind === 'profile-functions' ? sig.profiles : ['goroutine' as const];
        for (const k of kinds) expect(bug.profiles, bug.id).toContain(k);
      }
    }
  });

  it('explains each entry in 2-4 sentences, with a remedy, a thresholds note and references', () => {
    for (const bug of catalogue) {
      const n = sentences(bug.explanation).length;
      expect(n >= 2 && n <= 4, `${bug.id}: ${n} sentences`).toBe(true);
      for (const text of [bug.title, bug.remedy, bug.thresholdsNote]) expect(text.trim().length, bug.id).toBeGreaterThan(10);
      expect(bug.references.length, bug.id).toBeGreaterThan(0);
      for (const r of bug.references) expect(r.url, bug.id).toMatch(/^https:\/\/github\.com\/kubernetes\/(kubernetes|enhancements)\/issues\/\d+$/);
    }
  });
});
