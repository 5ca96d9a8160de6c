// loadProfile, the one way from a file's bytes to the profile the views show: gzipped and
// plain files load the same, the cap, a broken gzip stream's precise message, and pprof's
// load rules applied by profileForViews to pprof files (debug=0 goroutine profiles too) and
// not to goroutine text.
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { asPprofLoads } from '../../src/model/pprofLoad';
import type { Profile } from '../../src/model/profile';
import { loadProfile, type LoadStep } from '../../src/parse/load';
import { dumpGoroutines } from '../support/dump-goroutines';
import { dumpProfile } from '../support/dump-profile';
import { readFixture, readRepoFile, sharedDir, sharedSkipReason } from '../support/fixtures';
import { encode } from './pprof/build';
import { parseErrorOf } from '../support/parseError';

const sample = (f: string) => readRepoFile('public', 'samples', f);
/** node:zlib, an independent gunzip, makes the plain file. */
const gunzipped = (gz: Uint8Array) => new Uint8Array(gunzipSync(gz));

const loadError = (bytes: Uint8Array, opts?: Parameters<typeof loadProfile>[1]) => parseErrorOf(() => loadProfile(bytes, opts), 'loadProfile');

function functionNames(p: Profile): string[] {
  return Array.from(p.functions.name, (s) => p.strings[s]!);
}

function stackEntries(p: Profile): number {
  return p.samples.stackStart[p.samples.length]!;
}

describe('loadProfile', () => {
  it.each(['toyserver.heap.pb.gz', 'apiserver-leaks.t2.goroutine.pb.gz'])('loads %s gzipped and plain to the same profile', async (f) => {
    const gz = sample(f);
    const plain = gunzipped(gz);
    const a = await loadProfile(gz);
    const b = await loadProfile(plain);
    expect([a.gzipped, b.gzipped]).toEqual([true, false]);
    expect(Buffer.compare(Buffer.from(a.inflated), Buffer.from(plain))).toBe(0);
    expect(b.inflated).toBe(plain);
    expect(a.loaded.inflatedSize).toBe(plain.length);
    expect(a.loaded.formatLabel).toBe(b.loaded.formatLabel);
    expect(dumpProfile(a.profile)).toBe(dumpProfile(b.profile));
    if (a.loaded.goroutines) expect(dumpGoroutines(a.loaded.goroutines)).toBe(dumpGoroutines(b.loaded.goroutines!));
  });

  it('loads a gzipped debug=2 dump as the plain one, keeping its text', async () => {
    const text = sample('toyserver.goroutine.debug2.txt');
    const a = await loadProfile(new Uint8Array(gzipSync(text)));
    const b = await loadProfile(text);
    expect(a.loaded.formatLabel).toBe('goroutine dump (debug=2)');
    expect(new TextDecoder().decode(a.inflated)).toBe(new TextDecoder().decode(text));
    expect(dumpGoroutines(a.loaded.goroutines!)).toBe(dumpGoroutines(b.loaded.goroutines!));
  });

  it('reports inflating then decoding', async () => {
    const gz = sample('toyserver.heap.pb.gz');
    const steps: LoadStep[] = [];
    let lastInflating: [number, number] = [0, 0];
    await loadProfile(gz, {
      onProgress: (step, done, total) => {
        if (steps[steps.length - 1] !== step) steps.push(step);
        if (step === 'inflating') lastInflating = [done, total];
      },
    });
    expect(steps).toEqual(['inflating', 'decoding']);
    expect(lastInflating).toEqual([gz.length, gz.length]);
  });

  it('stops at the cap, and when cancelled', async () => {
    const gz = sample('toyserver.heap.pb.gz');
    const e = await loadError(gz, { maxInflatedBytes: 1024 });
    expect(e.kind).toBe('limit');
    expect(e.message).toMatch(/^the file inflates to [\d.]+ KiB, more than the 1 KiB cap$/);
    // A trailer that understates the size is caught by the running count.
    const lying = gz.slice();
    lying.set([0, 1, 0, 0], lying.length - 4);
    expect((await loadError(lying, { maxInflatedBytes: 1024 })).message).toBe('the file inflates to more than the 1 KiB cap; it was not loaded');
    expect((await loadError(gz, { isCancelled: () => true })).kind).toBe('cancelled');
  });

  it("gives pako's precise message and file offset for a broken gzip stream", async () => {
    const gz = sample('toyserver.heap.pb.gz').slice();
    for (let i = 100; i < 140; i++) gz[i] = 0xff;
    const e = await loadError(gz);
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/^corrupt gzip data: invalid /);
    expect(e.offset).toBeGreaterThanOrEqual(100);
    expect(e.offset).toBeLessThan(gz.length);

    const cut = sample('toyserver.heap.pb.gz').subarray(0, 500);
    const t = await loadError(cut);
    expect(t.message).toMatch(/^the gzip stream ends early: the file looks truncated \(inflated \d+ bytes before the end\)$/);
    expect(t.offset).toBe(500);
  });

  it('refuses an empty file and says what an unknown one starts with', async () => {
    expect((await loadError(new Uint8Array(0))).message).toBe('the file is empty');
    expect((await loadError(new Uint8Array(gzipSync(new TextEncoder().encode('hello, world\n'))))).message).toBe(
      'not a pprof profile or a Go goroutine dump (after gunzip): it starts with "hello, world..."',
    );
  });

  describe("pprof's load rules (profileForViews), once, for pprof files only", () => {
    // The same goroutine as a debug=0 profile and as debug=2 text, with a name pprof's clean-up
    // changes and a frame the profile's drop_frames cuts.
    const debug0 = encode({
      sampleType: [{ type: 1, unit: 2 }],
      sample: [{ locationId: [1, 2, 3], value: [1] }],
      location: [
        { id: 1, address: 1, line: [{ functionId: 1, line: 398 }] },
        { id: 2, address: 2, line: [{ functionId: 2, line: 12 }] },
        { id: 3, address: 3, line: [{ functionId: 3, line: 5 }] },
      ],
      function: [
        { id: 1, name: 3, systemName: 3, filename: 4 },
        { id: 2, name: 5, systemName: 5, filename: 6 },
        { id: 3, name: 7, systemName: 7, filename: 8 },
      ],
      dropFrames: 9,
      stringTable: ['', 'goroutine', 'count', 'runtime.gopark', 'proc.go', 'pkg.Map<int>.Get', 'map.go', 'main.main', 'main.go', 'runtime\\..*'],
    });
    const debug2 = new TextEncoder().encode(
      'goroutine 7 [chan receive]:\nruntime.gopark(0x0?)\n\t/usr/local/go/src/runtime/proc.go:398 +0xce\n' +
        'pkg.Map<int>.Get(0xc000123456)\n\t/src/pkg/map.go:12 +0x1d\nmain.main()\n\t/src/main.go:5 +0x25\n\n',
    );

    it('cleans names and applies drop_frames to a debug=0 goroutine profile', async () => {
      const l = await loadProfile(new Uint8Array(gzipSync(debug0)));
      expect(l.loaded.formatLabel).toBe('goroutine profile (pprof, debug=0)');
      expect(l.loaded.goroutines?.format).toBe('debug0');
      expect(functionNames(l.loaded.profile)).toEqual(['runtime.gopark', 'pkg.Map<int>.Get', 'main.main']);
      expect(functionNames(l.profile)).toEqual(['runtime.gopark', 'pkg.Map.Get', 'main.main']);
      expect([stackEntries(l.loaded.profile), stackEntries(l.profile)]).toEqual([3, 2]);
      // Once: the views' profile is the rules applied to the decoded one, and nothing more.
      expect(dumpProfile(l.profile)).toBe(dumpProfile(asPprofLoads(l.loaded.profile)));
    });

    it('shows debug=2 text as the runtime printed it', async () => {
      const l = await loadProfile(debug2);
      expect(l.loaded.goroutines?.format).toBe('debug2');
      expect(l.profile).toBe(l.loaded.profile);
      expect(functionNames(l.profile)).toContain('pkg.Map<int>.Get');
      expect(stackEntries(l.profile)).toBe(3);
    });

    it.skipIf(!sharedDir)(`cleans names in a real debug=0 goroutine profile${sharedDir ? '' : ` (skipped: ${sharedSkipReason})`}`, async () => {
      // A Go generic instantiated with an interface shape: pprof's clean-up drops the "()".
      const l = await loadProfile(readFixture('pprof', 'stackgazer-goroutines.pb.gz'));
      expect(l.loaded.goroutines?.format).toBe('debug0');
      const shape = (p: Profile) => functionNames(p).find((n) => n.includes('rangefeedcache.Start[go.shape.interface'));
      expect(shape(l.loaded.profile)).toContain('{ Timestamp() github.com');
      expect(shape(l.profile)).toContain('{ Timestamp github.com');
      expect(dumpProfile(l.profile)).toBe(dumpProfile(asPprofLoads(l.loaded.profile)));
    });
  });
});
