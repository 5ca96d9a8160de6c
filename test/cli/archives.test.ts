// `stackscope goroutines|top|findings ARCHIVE_OR_FOLDER`: one result per member, each equal to
// the result for the file on its own; archives built here from committed fixtures with fflate.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync, zipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { GoroutinesJson } from '../../src/cli/commands/goroutines';
import { repoRoot } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const t1 = join(repoRoot, 'public', 'samples', 'apiserver-leaks.t1.goroutine.debug2.txt');
const t2 = join(repoRoot, 'public', 'samples', 'apiserver-leaks.t2.goroutine.debug2.txt');
const heap = join(repoRoot, 'test', 'fixtures', 'series', 'leak-a.t2.heap.pb.gz');
const headers = (b: Uint8Array) => new TextDecoder().decode(b).split('\n').filter((l) => /^goroutine \d+ \[.*\]:$/.test(l)).length;
const b1 = new Uint8Array(readFileSync(t1));
const b2 = new Uint8Array(readFileSync(t2));
const heapBytes = new Uint8Array(readFileSync(heap));

const tmp = mkdtempSync(join(tmpdir(), 'stackscope-archives-'));
const zipPath = join(tmp, 'dumps.zip');
writeFileSync(zipPath, zipSync({ 'm1/goroutine.txt': b1, 'm2/goroutine.txt.gz': gzipSync(b2), 'notes.md': new TextEncoder().encode('# notes\n') }));
const tgzPath = join(tmp, 'dumps.tar.gz');
writeFileSync(tgzPath, gzipSync(createTar([{ name: 'm1/goroutine.txt', data: b1 }, { name: 'm2/goroutine.txt', data: b2 }])));
const folder = join(tmp, 'bundle');
mkdirSync(join(folder, 'm2'), { recursive: true });
writeFileSync(join(folder, 'm1.txt'), b1);
writeFileSync(join(folder, 'm2', 'heap.pb.gz'), heapBytes);

describe('stackscope on an archive or a folder', () => {
  it('goroutines --json on a zip: {"files": [{name, ...}]}, each counted from the raw text, the note skipped', async () => {
    const r = await run('goroutines', '--json', zipPath);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { files: Array<GoroutinesJson & { name: string }>; skipped: Array<{ name: string; reason: string }> };
    expect(j.files.map((f) => [f.name, f.total])).toEqual([
      ['m1/goroutine.txt', headers(b1)],
      ['m2/goroutine.txt.gz', headers(b2)],
    ]);
    expect(j.skipped.map((s) => s.name)).toEqual(['notes.md']);
    // Each member's result is the single-file result.
    const single = JSON.parse((await run('goroutines', '--json', t2)).stdout) as GoroutinesJson;
    const { name, ...rest } = j.files[1]!;
    expect(name).toBe('m2/goroutine.txt.gz');
    expect(rest).toEqual(single);
  });

  it('goroutines text on a tar.gz prints one result per member under its name', async () => {
    const r = await run('goroutines', tgzPath);
    expect(r.code).toBe(0);
    const single = (await run('goroutines', t1)).stdout;
    expect(r.stdout.startsWith(`==> m1/goroutine.txt <==\n${single}`)).toBe(true);
    expect(r.stdout).toContain(`==> m2/goroutine.txt <==\n${(await run('goroutines', t2)).stdout}`);
  });

  it('top and findings on a folder: every profile in it, nested folders in the names', async () => {
    const top = await run('top', folder);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain(`==> m1.txt <==\n${(await run('top', t1)).stdout}`);
    expect(top.stdout).toContain(`==> m2/heap.pb.gz <==\n${(await run('top', heap)).stdout}`);
    const f = await run('findings', '--json', folder);
    expect(f.code).toBe(0);
    const j = JSON.parse(f.stdout) as { files: Array<{ name: string }> };
    expect(j.files.map((x) => x.name)).toEqual(['m1.txt', 'm2/heap.pb.gz']);
    expect(j.files[0]).toEqual({ name: 'm1.txt', ...(JSON.parse((await run('findings', '--json', t1)).stdout) as object) });
  });

  it('a member that is not a goroutine dump fails by name, the others still print', async () => {
    const r = await run('goroutines', folder);
    expect(r.code).toBe((await run('goroutines', heap)).code);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('==> m1.txt <==');
    expect(r.stderr).toContain('not a goroutine dump');
  });

  it('a corrupt archive is named', async () => {
    const cut = join(tmp, 'cut.zip');
    const zip = readFileSync(zipPath);
    writeFileSync(cut, zip.subarray(0, zip.length - 40));
    const r = await run('goroutines', cut);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cut\.zip.*zip archive cannot be read/);
    expect(gunzipSync(gzipSync(b1)).length).toBe(b1.length);
  });
});
