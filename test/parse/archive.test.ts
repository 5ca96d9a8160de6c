// Archives built here from committed fixtures with fflate (zip, gzip) and nanotar (tar); the
// expected goroutine counts are counted from the raw text, not taken from the parser.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync, zipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { sniffArchive, unpackArchive } from '../../src/parse/archive';
import { loadProfile } from '../../src/parse/load';

const dir = 'test/fixtures/series/';
const debug2Gz = new Uint8Array(readFileSync(`${dir}leak-a.t1.goroutine.debug2.txt.gz`));
const debug2 = gunzipSync(debug2Gz);
const debug1 = new Uint8Array(readFileSync(`${dir}healthy-c.goroutine.debug1.txt`));
const crash = new Uint8Array(readFileSync(`${dir}crash-repanic.txt`));

/** debug=2: one "goroutine N [" header line per goroutine. */
function countDebug2(b: Uint8Array): number {
  return new TextDecoder().decode(b).split('\n').filter((l) => /^goroutine \d+ \[/.test(l)).length;
}
/** debug=1: the sum of the "N @ 0x..." record counts. */
function countDebug1(b: Uint8Array): number {
  let n = 0;
  for (const l of new TextDecoder().decode(b).split('\n')) {
    const m = /^(\d+) @ /.exec(l);
    if (m) n += Number(m[1]);
  }
  return n;
}

async function totals(members: { name: string; bytes: Uint8Array }[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of members) out[m.name] = (await loadProfile(m.bytes)).loaded.goroutines!.total;
  return out;
}

const readme = new TextEncoder().encode('how these dumps were taken\n');

describe('archives', () => {
  const expected = {
    'masters/m1/goroutine.txt': countDebug2(debug2),
    'masters/m2/goroutine.debug1.txt': countDebug1(debug1),
    'masters/m3/goroutine.txt.gz': countDebug2(debug2),
  };

  it('opens a zip as its members, with folders in the names, gzip inside, and skips what is no profile', async () => {
    const zip = zipSync({ masters: { m1: { 'goroutine.txt': debug2 }, m2: { 'goroutine.debug1.txt': debug1 }, m3: { 'goroutine.txt.gz': debug2Gz } }, 'README.txt': readme });
    expect(sniffArchive(zip)).toBe('zip');
    const u = await unpackArchive(zip, 'zip');
    expect(u.members.map((m) => m.name).sort()).toEqual(Object.keys(expected).sort());
    expect(await totals(u.members)).toEqual(expected);
    expect(u.skipped).toEqual([{ name: 'README.txt', reason: expect.stringContaining('not a pprof profile or a Go goroutine dump') as string }]);
  });

  it('opens a tar and a tar.gz as their members; a gzipped profile is no archive', async () => {
    const tar = createTar([
      { name: 'masters/m1/goroutine.txt', data: debug2 },
      { name: 'masters/m2/goroutine.debug1.txt', data: debug1 },
      { name: 'masters/m3/goroutine.txt.gz', data: debug2Gz },
      { name: 'crash.txt', data: crash },
    ]);
    const tgz = gzipSync(tar);
    expect(sniffArchive(tar)).toBe('tar');
    expect(sniffArchive(tgz)).toBe('tar.gz');
    expect(sniffArchive(debug2Gz)).toBeNull();
    expect(sniffArchive(debug1)).toBeNull();
    for (const [bytes, kind] of [[tar, 'tar'], [tgz, 'tar.gz']] as const) {
      const u = await unpackArchive(bytes, kind);
      expect(u.skipped).toEqual([]);
      const t = await totals(u.members);
      expect(t).toEqual({ ...expected, 'crash.txt': countDebug2(crash) });
    }
  });

  it('stops at the per-member and total caps, naming the member', async () => {
    const zip = zipSync({ 'a.txt': debug2, 'b.txt': debug1 });
    await expect(unpackArchive(zip, 'zip', { maxMemberBytes: debug2.length - 1, maxTotalBytes: 1 << 30 })).rejects.toThrow(/member "a.txt" is \d+ bytes, over the .* cap per member/);
    await expect(unpackArchive(zip, 'zip', { maxMemberBytes: 1 << 30, maxTotalBytes: debug2.length + 10 })).rejects.toThrow(/up to "b.txt" hold more than the .* cap in total/);
    const tar = createTar([{ name: 'x/a.txt', data: debug2 }]);
    await expect(unpackArchive(tar, 'tar', { maxMemberBytes: 100, maxTotalBytes: 1 << 30 })).rejects.toThrow(/tar: member "x\/a.txt"/);
  });

  it('says a cut archive is cut', async () => {
    const tar = createTar([{ name: 'a.txt', data: debug2 }]);
    await expect(unpackArchive(tar.subarray(0, 5000), 'tar')).rejects.toThrow(/tar archive is cut or corrupt/);
    const zip = zipSync({ 'a.txt': debug2 });
    await expect(unpackArchive(zip.subarray(0, zip.length - 30), 'zip')).rejects.toThrow(/zip archive cannot be read/);
  });
});
