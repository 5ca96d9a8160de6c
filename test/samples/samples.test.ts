// The committed samples (public/samples, made by tools/samplegen/generate.sh) and their
// `go tool pprof` oracles (test/oracle) must hang together: every file the index names exists
// and has the right format, every profile has an oracle per sample type, the goroutine dumps
// of one snapshot agree with each other and with pprof, and the leak dumps show the leaks.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, listFixtures, repoRoot, sharedSkipReason } from '../support/fixtures';
import { countDebug1, countDebug2, readTop } from './dump-counts';
import { summarizePprof } from './pprof-summary';

const samplesDir = join(repoRoot, 'public', 'samples');
const oracleDir = join(repoRoot, 'test', 'oracle');

interface IndexEntry {
  name: string;
  file: string;
  title: string;
  description: string;
  kind: string;
  format: string;
  capturedAt: string | null;
  group: string;
}

const index = JSON.parse(readFileSync(join(samplesDir, 'index.json'), 'utf8')) as IndexEntry[];
const pprofFiles = readdirSync(samplesDir).filter((f) => f.endsWith('.pb.gz')).sort();
const read = (file: string) => new Uint8Array(readFileSync(join(samplesDir, file)));
const readText = (file: string) => readFileSync(join(samplesDir, file), 'utf8');
const readOracle = (...parts: string[]) => readFileSync(join(oracleDir, ...parts), 'utf8');

const timeoutFunc = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1';
const timeoutDeferFunc = `${timeoutFunc}.1`;
const distributorFunc = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';
const vendored = (func: string) => `k8s.io/kubernetes/vendor/${func}`;

// Snapshots of the leak program: file prefix, and whether it is the GOPATH (vendored) build.
const leakSnapshots = [
  { prefix: 'apiserver-leaks.t1', isVendored: false },
  { prefix: 'apiserver-leaks.t2', isVendored: false },
  { prefix: 'apiserver-leaks-vendored', isVendored: true },
];

describe('public/samples/index.json', () => {
  it('has unique URL-safe names and known kinds, formats and groups', () => {
    expect(index.length).toBeGreaterThan(0);
    expect(new Set(index.map((e) => e.name)).size).toBe(index.length);
    for (const e of index) {
      expect(e.name).toMatch(/^[A-Za-z0-9._~-]+$/);
      expect(e.title.length, e.name).toBeGreaterThan(0);
      expect(e.description.length, e.name).toBeGreaterThan(0);
      expect(['heap', 'allocs', 'cpu', 'goroutine', 'block', 'mutex']).toContain(e.kind);
      expect(['pprof', 'debug1', 'debug2']).toContain(e.format);
      expect(['toyserver', 'apiserver-leaks', 'apiserver-leaks-vendored']).toContain(e.group);
      if (e.capturedAt !== null) {
        expect(e.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(Number.isNaN(Date.parse(e.capturedAt))).toBe(false);
      }
    }
  });

  it('lists every sample file, and every listed file exists with the format it claims', () => {
    const onDisk = readdirSync(samplesDir).filter((f) => f !== 'index.json').sort();
    expect(index.map((e) => e.file).sort()).toEqual(onDisk);
    for (const e of index) {
      const path = join(samplesDir, e.file);
      expect(existsSync(path), e.file).toBe(true);
      const size = statSync(path).size;
      expect(size, e.file).toBeGreaterThan(0);
      expect(size, `${e.file} should stay under 3 MB`).toBeLessThan(3 * 1024 * 1024);
      const head = read(e.file).subarray(0, 20);
      if (e.format === 'pprof') {
        expect(e.file.endsWith('.pb.gz'), e.file).toBe(true);
        expect([head[0], head[1]], e.file).toEqual([0x1f, 0x8b]);
      } else {
        const text = new TextDecoder().decode(head);
        expect(text.startsWith(e.format === 'debug1' ? 'goroutine profile:' : 'goroutine '), e.file).toBe(true);
      }
    }
  });

  it('dates each profile as the profile itself does (pprof time_nanos within a minute)', () => {
    for (const e of index.filter((x) => x.format === 'pprof')) {
      const { timeMillis } = summarizePprof(read(e.file));
      expect(e.capturedAt, e.name).not.toBeNull();
      expect(Math.abs(timeMillis - Date.parse(e.capturedAt!)), e.name).toBeLessThan(60_000);
    }
  });
});

describe('oracles of the samples', () => {
  it.each(pprofFiles)('%s has a full and a default top table per sample type', (file) => {
    const { sampleTypes, sampleCount } = summarizePprof(read(file));
    expect(sampleTypes.length).toBeGreaterThan(0);
    expect(sampleCount).toBeGreaterThan(0);
    for (const type of sampleTypes) {
      for (const variant of ['top', 'default.top']) {
        const top = readTop(readOracle('samples', `${file}.${type}.${variant}`));
        expect(top.type, `${file}.${type}.${variant}`).toBe(type);
      }
    }
  });

  it.each(pprofFiles)('%s: the default table differs from the full one only in (inline) marks', (file) => {
    // pprof's default -edgefraction drops small edges, and with them the marks of nodes that
    // were reached only through inline edges; -nodefraction=0 keeps every node in both.
    const unmarked = (text: string) => text.replaceAll(' (inline)\n', '\n');
    for (const type of summarizePprof(read(file)).sampleTypes) {
      const full = readOracle('samples', `${file}.${type}.top`);
      const plain = readOracle('samples', `${file}.${type}.default.top`);
      expect(unmarked(plain), `${file}.${type}`).toBe(unmarked(full));
    }
  });

  it.each(['toyserver.heap.pb.gz', 'toyserver.cpu.pb.gz'])('%s has an oracle per granularity', (file) => {
    for (const type of summarizePprof(read(file)).sampleTypes) {
      for (const g of ['lines', 'files', 'filefunctions', 'addresses']) {
        expect(readTop(readOracle('samples', `${file}.${type}.${g}.top`)).type).toBe(type);
      }
    }
  });

  it.skipIf(sharedSkipReason !== '')('every shared pprof fixture has an oracle per sample type and granularity', () => {
    const fixtures = listFixtures('pprof', '.pb.gz');
    expect(fixtures.length).toBeGreaterThan(0);
    for (const file of fixtures) {
      const types = summarizePprof(new Uint8Array(readFileSync(fixturePath('pprof', file)))).sampleTypes;
      for (const type of types) {
        for (const g of ['lines', 'files', 'filefunctions', 'addresses']) {
          expect(readTop(readOracle('fixtures', `${file}.${type}.${g}.top`)).type).toBe(type);
        }
      }
    }
  });

  it('has t2-versus-t1 diff oracles for every heap and goroutine sample type', () => {
    for (const kind of ['heap', 'goroutine']) {
      const target = `apiserver-leaks.t2.${kind}.pb.gz`;
      for (const type of summarizePprof(read(target)).sampleTypes) {
        for (const variant of ['top', 'default.top']) {
          const name = `${target}.vs.apiserver-leaks.t1.${kind}.pb.gz.${type}.${variant}`;
          expect(readTop(readOracle('diff', name)).type, name).toBe(type);
        }
      }
    }
  });
});

describe.each(leakSnapshots)('leak snapshot $prefix', ({ prefix, isVendored }) => {
  const names = (func: string) => (isVendored ? vendored(func) : func);
  const debug2 = countDebug2(readText(`${prefix}.goroutine.debug2.txt`));
  const debug1 = countDebug1(readText(`${prefix}.goroutine.debug1.txt`));
  const pprof = summarizePprof(read(`${prefix}.goroutine.pb.gz`));
  const top = readTop(readOracle('samples', `${prefix}.goroutine.pb.gz.goroutine.top`));

  it('counts the same goroutines at debug=0, 1 and 2', () => {
    expect(debug2.goroutines).toBeGreaterThan(0);
    expect(debug1.total).toBe(debug2.goroutines);
    expect(debug1.recordSum).toBe(debug2.goroutines);
    expect(pprof.totals[0]).toBe(debug2.goroutines);
    expect(top.total).toBe(String(debug2.goroutines));
  });

  it('shows both leaks under their package-qualified names, in the same numbers everywhere', () => {
    for (const func of [timeoutFunc, timeoutDeferFunc, distributorFunc]) {
      const name = names(func);
      const leaked = debug2.withFrame(name);
      expect(leaked, name).toBeGreaterThanOrEqual(100);
      expect(debug1.withFrame(name), name).toBe(leaked);
      expect(top.cum(name), name).toBe(String(leaked));
    }
    // Every timed-out request leaks exactly one goroutine with both closures on its stack.
    expect(debug2.withFrame(names(timeoutDeferFunc))).toBe(debug2.withFrame(names(timeoutFunc)));
  });

  it('has wait minutes in the headers, on the leaked goroutines among others', () => {
    expect(debug2.headersWithMinutes).toBeGreaterThan(0);
    for (const func of [timeoutFunc, distributorFunc]) {
      expect(debug2.minutesWithFrame(names(func)).some((m) => m !== undefined && m >= 1), func).toBe(true);
    }
  });

  it('carries the module or the vendored package paths, not both', () => {
    const text = readText(`${prefix}.goroutine.debug2.txt`);
    expect(text.includes('k8s.io/kubernetes/vendor/k8s.io/apiserver/')).toBe(isVendored);
    if (isVendored) expect(/^(created by )?k8s\.io\/apiserver\//m.test(text)).toBe(false);
  });
});

describe('the leaks grow from t1 to t2', () => {
  const t1 = countDebug2(readText('apiserver-leaks.t1.goroutine.debug2.txt'));
  const t2 = countDebug2(readText('apiserver-leaks.t2.goroutine.debug2.txt'));
  const entry = (file: string) => index.find((e) => e.file === file)!;

  it('t2 was captured after t1', () => {
    expect(Date.parse(entry('apiserver-leaks.t2.goroutine.debug2.txt').capturedAt!)).toBeGreaterThan(
      Date.parse(entry('apiserver-leaks.t1.goroutine.debug2.txt').capturedAt!),
    );
  });

  it.each([timeoutFunc, distributorFunc])('%s has more goroutines, waiting longer, at t2', (func) => {
    expect(t2.withFrame(func)).toBeGreaterThan(t1.withFrame(func));
    const longest = (minutes: (number | undefined)[]) => Math.max(...minutes.map((m) => m ?? 0));
    expect(longest(t2.minutesWithFrame(func))).toBeGreaterThan(longest(t1.minutesWithFrame(func)));
  });
});

describe('the toy server dumps', () => {
  it('count the same goroutines at debug=0, 1 and 2, none of them leaked', () => {
    const debug2 = countDebug2(readText('toyserver.goroutine.debug2.txt'));
    const debug1 = countDebug1(readText('toyserver.goroutine.debug1.txt'));
    expect(debug2.goroutines).toBeGreaterThan(0);
    expect(debug1.total).toBe(debug2.goroutines);
    expect(summarizePprof(read('toyserver.goroutine.pb.gz')).totals[0]).toBe(debug2.goroutines);
    expect(debug2.withFrame(timeoutFunc) + debug2.withFrame(distributorFunc)).toBe(0);
  });
});
