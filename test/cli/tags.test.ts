// `stackscope top --tagfocus/--tagignore` against `go tool pprof -top -tagfocus/-tagignore`,
// text for text. Oracles: test/fixtures/series/oracle (series.sh; flags in the file name: `_`
// separates flags, `-` is `=`, `+` is `,`) and test/oracle/tags (tag-oracles.sh; flags in
// <name>.flags).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { repoRoot } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

interface Case {
  name: string;
  profile: string;
  flags: string[];
  oracle: string;
}

const seriesDir = join(repoRoot, 'test', 'fixtures', 'series');
const seriesCases: Case[] = readdirSync(join(seriesDir, 'oracle'))
  .filter((f) => f.endsWith('.top.txt'))
  .map((f) => {
    const m = /^(leak-a\.t3\.goroutine)\.(.+)\.top\.txt$/.exec(f)!;
    const flags = m[2]!.split('_').map((flag) => {
      const [name, ...rest] = flag.split('-');
      return `--${name}=${rest.join('=').replace(/\+/g, ',')}`;
    });
    return { name: f, profile: join(seriesDir, `${m[1]}.pb.gz`), flags, oracle: join(seriesDir, 'oracle', f) };
  });

const tagsDir = join(repoRoot, 'test', 'oracle', 'tags');
const tagCases: Case[] = readdirSync(tagsDir)
  .filter((f) => f.endsWith('.top'))
  .map((f) => {
    const name = f.slice(0, -'.top'.length);
    const profileBase = /^(.+?\.(?:goroutine|heap))\./.exec(name)![1]!;
    const profile = profileBase.startsWith('toyserver')
      ? join(repoRoot, 'public', 'samples', `${profileBase}.pb.gz`)
      : join(seriesDir, `${profileBase}.pb.gz`);
    const flags = readFileSync(join(tagsDir, `${name}.flags`), 'utf8').trim().split('\n');
    return { name: f, profile, flags, oracle: join(tagsDir, f) };
  });

describe('stackscope top --tagfocus/--tagignore equals go tool pprof', () => {
  process.env.TZ = 'UTC';
  it('has oracles to compare with', () => {
    expect(seriesCases.length).toBeGreaterThanOrEqual(5);
    expect(tagCases.length).toBeGreaterThanOrEqual(16);
  });
  for (const c of [...seriesCases, ...tagCases]) {
    it(`${c.name} (${c.flags.join(' ')})`, async () => {
      const r = await run('top', '--nodefraction=0', ...c.flags, c.profile);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(c.oracle, 'utf8'));
    });
  }

  it('reports a bad tag regular expression as a usage error naming the flag', async () => {
    const r = await run('top', '--tagfocus=verb=(', join(seriesDir, 'leak-a.t3.goroutine.pb.gz'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('parsing tagfocus regexp');
  });

  it('stackscope goroutines filters by tags and splits groups by a label, in JSON', async () => {
    const r = await run('goroutines', '--json', '--group_by=verb', '--tagfocus=verb=DELETECOLLECTION', join(seriesDir, 'leak-a.t3.goroutine.debug1.txt'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { total: number; matched: number; groups: Array<{ site: string; count: number; label?: string | null }> };
    expect(j.total).toBe(1999);
    // As the -tagfocus=verb=DELETECOLLECTION oracle: 488 goroutines.
    expect(j.matched).toBe(488);
    expect(j.groups).toHaveLength(1);
    expect(j.groups[0]).toMatchObject({ count: 488, label: 'DELETECOLLECTION' });
    const bad = await run('goroutines', '--tagignore=(', join(seriesDir, 'leak-a.t3.goroutine.debug1.txt'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('parsing tagignore regexp');
  });
});
