// Link sizes on real findings, and fitting a link into a size by giving up snapshot parts.
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { sampleFrames, sampleLabels } from '../../src/analysis/sampleStack';
import { computeTop } from '../../src/analysis/top';
import { loadBytes } from '../../src/parse/load';
import { bucketFinding, groupFinding, snapshotGroups, snapshotTop, topRowFinding } from '../../src/share/build';
import { decodePermalink, encodePermalink } from '../../src/share/codec';
import { sealEnvelope } from '../../src/share/envelope';
import { sha256Hex } from '../../src/lib/hash';
import { SCHEMA_VERSION, type Finding, type SharePayload } from '../../src/share/schema';
import { TARGET_LINK_BYTES, WARN_LINK_BYTES, fitToSize, linkLength } from '../../src/share/size';
import { packBody } from '../../src/share/upgrade';
import { readFixture, sharedDir, sharedSkipReason } from '../support/fixtures';
import { goroutinePayload, heapPayload, notes } from './realistic';

function timeMs(f: () => void, runs = 100): number {
  for (let i = 0; i < 20; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - t0) / runs;
}

describe('link size', () => {
  it('10 real findings with 200-character notes and a snapshot stay under 4 KB', async () => {
    for (const [name, p] of [
      ['goroutine dump', await goroutinePayload()],
      ['heap profile', await heapPayload()],
    ] as const) {
      expect(p.findings).toHaveLength(10);
      expect(p.findings.every((f) => f.note.length >= 180 && f.note.length <= 220)).toBe(true);
      const length = linkLength(p);
      const { v: _v, ...body } = p;
      const v2 = 1 + sealEnvelope(packBody(body)).length;
      const bare = linkLength({ ...p, snapshot: null });
      const fragment = encodePermalink(p);
      const encodeMs = timeMs(() => encodePermalink(p));
      const decodeMs = timeMs(() => decodePermalink(fragment));
      console.log(
        `[share] ${name}: ${length} characters (packed v2 form: ${v2}; without the snapshot: ${bare}; JSON before deflate: ${JSON.stringify(p).length}); ` +
          `encode ${encodeMs.toFixed(2)} ms, decode ${decodeMs.toFixed(2)} ms`,
      );
      expect(length).toBeLessThan(TARGET_LINK_BYTES);
      // Named keys (v3) against positional tuples and a string table (v2): 3,647 vs 3,575 and
      // 3,267 vs 3,220 when v3 was made; 3,731 vs 3,618 for the dump once wait histograms had
      // one bucket per minute (9 counts per group instead of 6, each a named-key array in v3).
      expect(length).toBeLessThan(v2 * 1.035);
    }
  });
});

describe('fitToSize', () => {
  it('leaves a link that fits alone', async () => {
    const p = await goroutinePayload();
    const r = fitToSize(p);
    expect(r).toEqual({ payload: p, length: linkLength(p), fits: true, dropped: [] });
  });

  it('drops the top table tail first, then small groups, then the snapshot; never findings', async () => {
    const p = await goroutinePayload();
    const full = linkLength(p);
    const topRows = p.snapshot!.top!.rows.length;

    const a = fitToSize(p, full - 150);
    expect(a.fits).toBe(true);
    expect(a.length).toBe(linkLength(a.payload));
    expect(a.length).toBeLessThanOrEqual(full - 150);
    expect(a.payload.snapshot!.top!.rows.length).toBeLessThan(topRows);
    expect(a.payload.snapshot!.top!.rows).toEqual(p.snapshot!.top!.rows.slice(0, a.payload.snapshot!.top!.rows.length));
    expect(a.payload.snapshot!.goroutines).toEqual(p.snapshot!.goroutines);
    expect(a.dropped).toEqual([`the last ${topRows - a.payload.snapshot!.top!.rows.length} rows of the top table (kept ${a.payload.snapshot!.top!.rows.length})`]);
    // As many rows as fit: one more would not.
    const oneMore = { ...a.payload, snapshot: { ...a.payload.snapshot!, top: { ...a.payload.snapshot!.top!, rows: p.snapshot!.top!.rows.slice(0, a.payload.snapshot!.top!.rows.length + 1) } } };
    expect(linkLength(oneMore)).toBeGreaterThan(full - 150);

    const bare = linkLength({ ...p, snapshot: null });
    const b = fitToSize(p, bare - 1);
    expect(b.fits).toBe(false);
    expect(b.payload.snapshot).toBeNull();
    expect(b.payload.findings).toEqual(p.findings);
    expect(b.dropped).toEqual(['the snapshot (top table, goroutine groups and known-bug summary); the findings alone remain']);

    for (const f of [a, b]) expect(decodePermalink(encodePermalink(f.payload))).toEqual({ ok: true, payload: f.payload });
  });

  it.skipIf(!sharedDir)(`a CockroachDB dump (1,404 goroutines): 20 rows, 20 groups, 10 findings${sharedDir ? '' : ` (skipped: ${sharedSkipReason})`}`, async () => {
    const bytes = readFixture('goroutine-text', 'stackgazer-stacks.txt');
    const l = loadBytes(bytes);
    const grouping = groupGoroutines(l.goroutines!, compileSkipList(defaultSkipList));
    const top = computeTop(l.profile, { sampleIndex: 0, granularity: 'functions' });
    let i = 0;
    const text = (title: string) => ({ title, note: notes[i % notes.length]!, id: `crdb${String(i).padStart(4, '0')}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i++)).toISOString() });
    const findings: Finding[] = [];
    for (let g = 0; g < 4; g++) findings.push(groupFinding(grouping, grouping.groups[g]!, text(`Group ${g}`)));
    for (let g = 0; g < 3; g++) {
      const grp = grouping.groups[g]!;
      const s = grp.buckets[0]!.sample;
      findings.push(bucketFinding(grp, 0, sampleFrames(l.profile, s), sampleLabels(l.profile, s), text(`Stack ${g}`)));
    }
    for (let r = 0; r < 3; r++) findings.push(topRowFinding(top, r, text(`Row ${r}`)));
    const p: SharePayload = {
      v: SCHEMA_VERSION,
      profile: { name: 'stackgazer-stacks.txt', size: bytes.length, format: l.formatLabel, sampleTypes: [...l.profile.sampleTypes], time: null, sha256: await sha256Hex(bytes) },
      view: { tab: 'goroutines', sampleType: 'goroutine', granularity: 'functions', filter: { states: [], minWait: 0, frame: '' }, focus: null, zoomPath: [], group: null, search: '', topFilter: '' },
      findings,
      snapshot: { top: snapshotTop(top), goroutines: snapshotGroups(grouping), knownBugs: [] },
    };
    expect(p.snapshot!.top!.rows).toHaveLength(20);
    expect(p.snapshot!.goroutines!.groups).toHaveLength(20);
    const length = linkLength(p);
    const t0 = performance.now();
    const fit = fitToSize(p);
    const fitMs = performance.now() - t0;
    console.log(
      `[share] CockroachDB dump, 10 findings + 20 rows + 20 groups: ${length} characters (warn above ${WARN_LINK_BYTES}); ` +
        `fitToSize(${TARGET_LINK_BYTES}) -> ${fit.length} in ${fitMs.toFixed(1)} ms, dropped: ${fit.dropped.join('; ') || 'nothing'}`,
    );
    expect(fit.length).toBeLessThanOrEqual(TARGET_LINK_BYTES);
    expect(fit.payload.findings).toEqual(p.findings);

    // Tighter: the top table goes down to 5 rows before the smallest groups go.
    const tight = fitToSize(p, length - 900);
    console.log(`[share] fitToSize(${length - 900}) -> ${tight.length}, dropped: ${tight.dropped.join('; ')}`);
    expect(tight.fits).toBe(true);
    expect(tight.payload.snapshot!.top!.rows).toEqual(p.snapshot!.top!.rows.slice(0, 5));
    const kept = tight.payload.snapshot!.goroutines!.groups.length;
    expect(kept).toBeLessThan(20);
    expect(tight.payload.snapshot!.goroutines!.groups).toEqual(p.snapshot!.goroutines!.groups.slice(0, kept));
    expect(tight.dropped).toEqual(['the last 15 rows of the top table (kept 5)', `the ${20 - kept} smallest goroutine groups (kept ${kept})`]);
  });
});
