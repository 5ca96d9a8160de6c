// The real leak reproductions are recognised with the right ids and counts; the healthy toy
// server yields nothing; versions turn into the right status.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures';
import { findingsForSample } from './support';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { blockRate, blockRateText } from '../../src/analysis/blockRate';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { loadBytes } from '../../src/parse/load';

const samples = readdirSync(join(repoRoot, 'public', 'samples')).filter((f) => f !== 'index.json');

/** Goroutines whose first frame starts with `prefix`, counted in the raw debug=2 text. */
function rawCount(file: string, prefix: string): number {
  return readFileSync(join(repoRoot, 'public', 'samples', file), 'utf8')
    .split('\n\n')
    .filter((b) => /^goroutine \d+ \[chan send/.test(b.trim()) && b.trim().split('\n')[1]!.startsWith(prefix)).length;
}

describe('known bugs in the samples', () => {
  it.each(samples.filter((f) => f.startsWith('toyserver')))('healthy %s: no finding', (f) => {
    expect(findingsForSample(f)).toEqual([]);
  });

  it.each(['apiserver-leaks.t1', 'apiserver-leaks.t2', 'apiserver-leaks-vendored'])('%s debug=2: both leaks, with their counts', (snap) => {
    const file = `${snap}.goroutine.debug2.txt`;
    const f = findingsForSample(file);
    expect(f.map((x) => x.id).sort()).toEqual(['KAS-DELCOL', 'KAS-TIMEOUT-LEAK']);
    const timeout = f.find((x) => x.id === 'KAS-TIMEOUT-LEAK')!;
    expect(timeout.evidence.goroutines).toBe(rawCount(file, 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1') || rawCount(file, 'k8s.io/kubernetes/vendor/k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1'));
    expect(timeout.evidence.why[0]).toMatch(/have waited a minute or more \(threshold 20\)/);
    expect(timeout.status).toBe('unknown-version');
    expect(timeout.anchors.sites[0]).toMatch(/timeoutHandler\)\.ServeHTTP\.func1\.1$/);
  });

  it('debug=2 evidence carries the rate the largest group\'s wait minutes tell; formats without waits do not', async () => {
    const file = 'apiserver-leaks.t2.goroutine.debug2.txt';
    const timeout = findingsForSample(file).find((x) => x.id === 'KAS-TIMEOUT-LEAK')!;
    const l = loadBytes(new Uint8Array(readFileSync(join(repoRoot, 'public', 'samples', file))));
    const grouping = groupGoroutines(l.goroutines!, compileSkipList(defaultSkipList));
    const group = grouping.groups.find((g) => g.site === timeout.anchors.sites[0] && g.state === 'chan send')!;
    const rate = blockRate(group, grouping.longestWait);
    expect(rate.ok).toBe(true);
    const text = blockRateText((rate as Extract<typeof rate, { ok: true }>).rate);
    expect(text).toMatch(/^blocked ~\d+ per minute over the last \d+ minutes \(steady\)$/);
    expect(timeout.evidence.blockRate).toBe(text);
    expect(timeout.evidence.why).toContain(`From this dump alone: ${text} at ${group.site}; wait minutes are ±1 minute and may lag by up to one GC interval.`);
    for (const other of ['apiserver-leaks.t2.goroutine.debug1.txt', 'apiserver-leaks.t2.goroutine.pb.gz']) {
      const f = findingsForSample(other).find((x) => x.id === 'KAS-TIMEOUT-LEAK')!;
      expect(f.evidence.blockRate).toBeUndefined();
    }
  });

  it('the vendored build is recognised through its k8s.io/kubernetes/vendor/ prefix', () => {
    const f = findingsForSample('apiserver-leaks-vendored.goroutine.debug2.txt');
    expect(f[0]!.anchors.sites[0]!.startsWith('k8s.io/kubernetes/vendor/k8s.io/apiserver/')).toBe(true);
  });

  it.each(['apiserver-leaks.t1.goroutine.debug1.txt', 'apiserver-leaks.t2.goroutine.pb.gz'])('%s (no wait times): found on counts alone', (file) => {
    const f = findingsForSample(file);
    expect(f.map((x) => x.id).sort()).toEqual(['KAS-DELCOL', 'KAS-TIMEOUT-LEAK']);
    expect(f[0]!.evidence.why[0]).toMatch(/this format carries no wait times/);
  });

  it('the leak heap is recognised as DeleteCollection memory', () => {
    const f = findingsForSample('apiserver-leaks.t2.heap.pb.gz');
    expect(f.map((x) => x.id)).toEqual(['KAS-DELCOL']);
    expect(f[0]!.evidence.functions![0]!.share).toBeGreaterThan(0.5);
  });

  it('says what the version means', () => {
    const at = (v: string) => findingsForSample('apiserver-leaks.t2.goroutine.debug2.txt', v).find((x) => x.id === 'KAS-TIMEOUT-LEAK')!;
    expect(at('1.12.4').status).toBe('affected');
    expect(at('v1.15.3-eks-1a2b3c').status).toBe('affected');
    expect(at('1.15.5').status).toBe('fixed');
    expect(at('1.16.2').statusText).toContain('has the fix');
    expect(at('1.28.3').status).toBe('fixed');
    expect(at('1.9.3').status).toBe('not-affected');
    expect(at('not a version').status).toBe('unknown-version');
    const delcol = findingsForSample('apiserver-leaks.t2.goroutine.debug2.txt', '1.18.4').find((x) => x.id === 'KAS-DELCOL')!;
    expect(delcol.status).toBe('affected');
    expect(delcol.statusText).toBe('1.18.4 is among the affected versions: 1.22 and earlier. Fixed in 1.23.0 (no backports).');
  });
});
