// Known-bug verdicts do not depend on the format pulled: the debug=0, debug=1 and debug=2 files
// of one moment give the same findings with the same counts. A debug=2 dump from a leak's first
// minute gives them marked early; formats without wait times say they cannot tell the age.
// Both sides of each threshold hold: healthy files and goroutines in flight give nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/knowledge/catalogue';
import { stageAdvice, undecidedWithoutWaits, type KnownBugMatch } from '../../src/knowledge/match';
import { matchInputFor } from '../../src/knowledge/matchFile';
import { loadBytes, profileForViews } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';
import { background, debug0, debug1, debug2, parked, type Goroutines } from './catalogue/build';
import { findingsForBytes } from './support';

const formats = [
  ['debug=0', '.goroutine.pb.gz'],
  ['debug=1', '.goroutine.debug1.txt'],
  ['debug=2', '.goroutine.debug2.txt'],
] as const;

interface Snapshot {
  path: string;
  /** What the snapshot is: the ids every format must give. */
  ids: string[];
  gz2: boolean;
}

const series = (name: string, ids: string[]): Snapshot => ({ path: `test/fixtures/series/${name}`, ids, gz2: true });
const sample = (name: string, ids: string[]): Snapshot => ({ path: `public/samples/${name}`, ids, gz2: false });
const leak = ['KAS-DELCOL', 'KAS-TIMEOUT-LEAK'];
const snapshots: Snapshot[] = [
  series('leak-a.t1', leak),
  series('leak-a.t2', leak),
  series('leak-a.t3', leak),
  series('leak-a.t4', leak),
  series('leak-b.t1', leak),
  series('leak-b.t2', leak),
  series('healthy-c', []),
  sample('apiserver-leaks.t1', leak),
  sample('apiserver-leaks.t2', leak),
  sample('apiserver-leaks-vendored', leak),
  sample('toyserver', []),
];

function findingsOf(snap: Snapshot, suffix: string): KnownBugMatch[] {
  const file = `${snap.path}${suffix}${suffix.endsWith('debug2.txt') && snap.gz2 ? '.gz' : ''}`;
  return findingsForBytes(new Uint8Array(readFileSync(join(repoRoot, file))));
}

const cell = (f: KnownBugMatch[]) => (f.length === 0 ? '-' : f.map((x) => `${x.id} ${x.evidence.goroutines} ${x.stage}`).join(', '));

describe('every format of one moment gives the same findings', () => {
  const results = snapshots.map((snap) => ({ snap, byFormat: formats.map(([, suffix]) => findingsOf(snap, suffix)) }));

  it('prints the table', () => {
    const rows = results.map(({ snap, byFormat }) => [snap.path.split('/').pop()!, ...byFormat.map(cell)]);
    const header = ['snapshot', ...formats.map(([name]) => name)];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
    console.log(['', line(header), ...rows.map(line)].join('\n'));
    expect(rows).toHaveLength(snapshots.length);
  });

  it.each(results.map((r) => [r.snap.path, r] as const))('%s', (_path, { snap, byFormat }) => {
    for (const f of byFormat) {
      expect(f.map((x) => x.id).sort()).toEqual(snap.ids);
    }
    // The same goroutines counted in every format.
    const counts = byFormat.map((f) => Object.fromEntries(f.map((x) => [x.id, x.evidence.goroutines])));
    expect(counts[0]).toEqual(counts[2]);
    expect(counts[1]).toEqual(counts[2]);
  });

  it('stages: early in the first minute, established after, unknown age without wait times', () => {
    for (const { snap, byFormat } of results.filter((r) => r.snap.ids.length > 0)) {
      const [d0, d1, d2] = byFormat;
      const early = snap.path.endsWith('leak-a.t1');
      for (const f of d2!) {
        expect(f.stage, `${snap.path} ${f.id}`).toBe(early ? 'early' : 'established');
        if (early) expect(f.stageText).toContain(stageAdvice.early);
        else expect(f.stageText).toBeNull();
      }
      for (const f of [...d0!, ...d1!]) {
        expect(f.stage).toBe('age-unknown');
        expect(f.stageText).toContain('this format carries no wait times');
        expect(f.evidence.why[0]).toContain('this format carries no wait times');
      }
    }
  });

  it('leak-a.t1 debug=2: the early finding says what it saw and what would confirm it', () => {
    const f = findingsOf(snapshots[0]!, '.goroutine.debug2.txt');
    const timeout = f.find((x) => x.id === 'KAS-TIMEOUT-LEAK')!;
    expect(timeout.evidence.summary).toBe('228 goroutines in chan send at k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1, waiting 0-0 minutes (66.1% of all goroutines).');
    expect(timeout.stageText).toBe(
      "Early: 228 goroutines in chan send are already at the count that marks the leak, but none has waited a minute or more yet (20 needed; the longest wait is under a minute). To confirm: take a second dump in a few minutes: a leak's goroutines stay and their waits grow.",
    );
    const delcol = f.find((x) => x.id === 'KAS-DELCOL')!;
    expect(delcol.evidence.goroutines).toBe(53);
    expect(delcol.stage).toBe('early');
  });

  it('debug=0 says where the state came from; debug=1 says it could not read it', () => {
    const [d0, d1] = [findingsOf(snapshots[0]!, '.goroutine.pb.gz'), findingsOf(snapshots[0]!, '.goroutine.debug1.txt')];
    expect(d0.find((x) => x.id === 'KAS-TIMEOUT-LEAK')!.evidence.why[1]).toBe('debug=0 prints no states: the state was read from the runtime frames (runtime.chansend -> chan send).');
    expect(d1.find((x) => x.id === 'KAS-TIMEOUT-LEAK')!.evidence.why[1]).toMatch(/^debug=1 prints no states and hides the runtime frames that name the wait/);
  });
});

// A kube-apiserver's request path as dumps show it; counts are what the thresholds are about.
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP';
const delcol = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection';
/** Handler goroutines sending their result: a leak if nobody receives, an instant if the caller waits. */
const sending = (n: number, minutes: (i: number) => number = () => 0): Goroutines => ({
  n,
  state: 'chan send',
  minutes,
  stack: [...parked.chanSend, `${timeoutSite}.func1.1`, `${timeoutSite}.func1`],
  createdBy: timeoutSite,
});
/** The caller waiting for that result: every request in flight has one. */
const awaiting = (n: number): Goroutines => ({
  n,
  state: 'select',
  stack: [...parked.select, timeoutSite, 'k8s.io/apiserver/pkg/endpoints/filters.WithRequestInfo.func1', 'net/http.HandlerFunc.ServeHTTP', 'net/http.serverHandler.ServeHTTP', 'net/http.(*conn).serve'],
  createdBy: 'net/http.(*Server).Serve',
});
const distributing = (n: number, minutes: (i: number) => number = () => 0): Goroutines => ({ n, state: 'chan send', minutes, stack: [...parked.chanSend, `${delcol}.func1`], createdBy: delcol });

const inAllFormats = (groups: Goroutines[]) =>
  [
    ['debug=0', debug0(groups)],
    ['debug=1 (runtime frames hidden, as Go prints it)', debug1(groups, { hideRuntime: true })],
    ['debug=1 (runtime frames printed)', debug1(groups)],
    ['debug=2', debug2(groups)],
  ] as const;

const ids = (bytes: Uint8Array) => findingsForBytes(bytes).map((f) => `${f.id} ${f.stage}`);

describe('healthy traffic gives no finding, whatever the format', () => {
  it.each(inAllFormats([...background(90), awaiting(60), sending(5), distributing(3)]))('requests in flight, a few caught mid-send: %s', (_f, bytes) => {
    expect(ids(bytes)).toEqual([]);
  });

  it.each(inAllFormats([...background(90), awaiting(300), sending(99), distributing(49)]))('just below the counts (99 sends, 49 distributors), none waiting a minute: %s', (_f, bytes) => {
    expect(ids(bytes)).toEqual([]);
  });

  // Not the leak's state: the same site blocked on a lock. debug=0 and debug=1 read the lock from
  // the frames (sync.runtime_SemacquireMutex is printed even in debug=1), so neither counts them.
  const onALock: Goroutines = { ...sending(150), state: 'sync.Mutex.Lock', stack: [...parked.mutex, `${timeoutSite}.func1.1`, `${timeoutSite}.func1`] };
  it.each(inAllFormats([...background(90), onALock]))('150 at the site on a lock, not in chan send: %s', (_f, bytes) => {
    expect(ids(bytes)).toEqual([]);
  });
});

describe('the leak is found in every format, and its stage is said', () => {
  const first = [...background(90), awaiting(40), sending(100), distributing(50)];
  it.each(inAllFormats(first))('its first minute (100 sends, 50 distributors, none waiting a minute): %s', (f, bytes) => {
    expect(ids(bytes).sort()).toEqual(f === 'debug=2' ? ['KAS-DELCOL early', 'KAS-TIMEOUT-LEAK early'] : ['KAS-DELCOL age-unknown', 'KAS-TIMEOUT-LEAK age-unknown']);
  });

  it('debug=2: established once enough have waited a minute; early while fewer have', () => {
    const at = (waited: number) => findingsForBytes(debug2([...background(90), sending(230, (i) => (i < waited ? 1 : 0))])).find((f) => f.id === 'KAS-TIMEOUT-LEAK')!;
    expect(at(20).stage).toBe('established');
    expect(at(20).stageText).toBeNull();
    expect(at(19).stage).toBe('early');
    expect(at(19).stageText).toContain('only 19 have waited a minute or more yet (20 needed; the longest wait is 1 minute)');
  });

  it('debug=2: 20 waiting a minute is the leak even below the early count', () => {
    const f = findingsForBytes(debug2([...background(90), sending(20, () => 3)]));
    expect(f.map((x) => `${x.id} ${x.stage}`)).toEqual(['KAS-TIMEOUT-LEAK established']);
  });
});

describe('a bug whose only test is a wait time is said undecidable where waits are missing, not dropped', () => {
  // CG-H2-DEADCONN: requests waiting for response headers on a dead HTTP/2 connection. Requests
  // in RoundTrip are ordinary traffic; only their wait tells.
  const requests = (n: number, minutes: (i: number) => number): Goroutines => ({
    n,
    state: 'select',
    minutes,
    stack: [...parked.select, 'golang.org/x/net/http2.(*ClientConn).RoundTrip', 'golang.org/x/net/http2.(*Transport).RoundTripOpt', 'k8s.io/client-go/rest.(*Request).request'],
    createdBy: 'main.main',
  });
  const groups = [...background(60), requests(40, (i) => (i < 12 ? 6 : 0))];
  const matchInput = (bytes: Uint8Array) => {
    const loaded = loadBytes(bytes);
    return matchInputFor(profileForViews(loaded), loaded.goroutines);
  };

  it('debug=2 decides: 12 waited 5 minutes or more', () => {
    expect(ids(debug2(groups))).toEqual(['CG-H2-DEADCONN established']);
    expect(undecidedWithoutWaits(catalogue, matchInput(debug2(groups)))).toEqual([]);
    // No fallback count, so no early finding either: 40 young requests are traffic.
    expect(ids(debug2([...background(60), requests(40, () => 0)]))).toEqual([]);
  });

  it.each([
    ['debug=0', debug0(groups)],
    ['debug=1', debug1(groups, { hideRuntime: true })],
  ] as const)('%s: no finding, and says it cannot tell', (_f, bytes) => {
    expect(ids(bytes)).toEqual([]);
    expect(undecidedWithoutWaits(catalogue, matchInput(bytes))).toEqual([
      {
        id: 'CG-H2-DEADCONN',
        title: 'Requests parked on a dead HTTP/2 connection for about 15 minutes',
        goroutines: 40,
        text: '40 goroutines in select with golang.org/x/net/http2.(*ClientConn).RoundTrip in their stacks. They are this bug only if 10 or more have waited 5 minutes or more, and this format carries no wait times: a debug=2 dump would tell.',
      },
    ]);
  });

  it('below the count, nothing to say', () => {
    expect(undecidedWithoutWaits(catalogue, matchInput(debug0([...background(60), requests(9, () => 0)])))).toEqual([]);
  });

  it.each(snapshots.map((s) => s.path))('%s: nothing undecided', (path) => {
    for (const [, suffix] of formats.slice(0, 2)) expect(undecidedWithoutWaits(catalogue, matchInput(new Uint8Array(readFileSync(join(repoRoot, path + suffix)))))).toEqual([]);
  });
});
