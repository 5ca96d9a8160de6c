// `stackscope peek REGEX FILE` and `stackscope traces FILE` print byte for byte what
// `go tool pprof -peek REGEX FILE` and `go tool pprof -traces FILE` print, for every oracle in
// test/oracle/peek and test/oracle/traces (tools/samplegen/peek-oracles.sh), and help exits 0.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { repoRoot, sharedDir, sharedSkipReason } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const regexes: Record<string, string> = { all: '.', runtime: '^runtime\\.', main: 'main\\.', handler: 'Handler|ServeHTTP', alloc: '[Aa]lloc' };

interface Case {
  out: string;
  status: number;
  stderr: string;
  profile: string;
  argv: string[];
}

/** The profile a file name of the oracles stands for, or null when it is not here. */
function locate(name: string): string | null {
  const sample = join(repoRoot, 'public', 'samples', name);
  if (existsSync(sample)) return sample;
  if (sharedDir && existsSync(join(sharedDir, 'fixtures', 'pprof', name))) return join(sharedDir, 'fixtures', 'pprof', name);
  return null;
}

function cases(dir: 'peek' | 'traces'): { here: Case[]; missing: string[] } {
  const here: Case[] = [];
  const missing: string[] = [];
  const status = readFileSync(join(repoRoot, 'test', 'oracle', dir, 'status.tsv'), 'utf8').trimEnd().split('\n');
  for (const row of status) {
    const [out, rc, err] = row.split('\t') as [string, string, string];
    const m = /^(.*\.pb\.gz)\.(.*)\.(peek|traces)$/.exec(out)!;
    const [, file, rest] = m;
    const profile = locate(file!);
    if (!profile) {
      missing.push(out);
      continue;
    }
    let argv: string[];
    if (dir === 'traces') argv = ['traces', `--sample_index=${rest}`, profile];
    else if (regexes[rest!] !== undefined) argv = ['peek', regexes[rest!]!, profile];
    else {
      const [type, form] = rest!.split(/\.(?=[^.]+$)/) as [string, string];
      argv = ['peek', `--sample_index=${type}`, ...(form === 'lines' ? ['-lines'] : []), '.', profile];
    }
    here.push({ out, status: Number(rc), stderr: err ?? '', profile, argv });
  }
  return { here, missing };
}

describe('stackscope peek and traces = go tool pprof -peek / -traces', () => {
  process.env.TZ = 'UTC';
  for (const dir of ['peek', 'traces'] as const) {
    const { here, missing } = cases(dir);
    if (missing.length > 0) console.warn(`[${dir}] ${missing.length} oracles skipped: ${sharedSkipReason || 'profile not found'}`);
    it(`has oracles for ${dir}`, () => {
      expect(here.length).toBeGreaterThan(dir === 'peek' ? 100 : 20);
    });
    for (const c of here) {
      it(`${dir}: ${c.out}`, async () => {
        const r = await run(...c.argv);
        if (c.status === 0) {
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
          expect(r.stdout).toBe(readFileSync(join(repoRoot, 'test', 'oracle', dir, c.out), 'utf8'));
        } else {
          expect(r.code).toBe(c.status);
          expect(r.stdout).toBe('');
          // pprof's message, after the file it is about (every stackscope error names its file).
          expect(r.stderr).toBe(`stackscope: ${c.profile}: ${c.stderr}\n`);
        }
      });
    }
  }
});

describe('stackscope help', () => {
  for (const argv of [['--help'], ['-h'], ['help'], ['top', '--help']]) {
    it(`${argv.join(' ')} prints usage on stdout and exits 0`, async () => {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^usage:\n/);
      expect(r.stdout).toContain('stackscope peek ');
      expect(r.stdout).toContain('stackscope traces ');
    });
  }
  it('no command at all is a usage error: exit 2, usage on stderr', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage:\n/);
  });
  it('peek names a bad regex and a missing argument', async () => {
    const heap = join(repoRoot, 'public', 'samples', 'toyserver.heap.pb.gz');
    const bad = await run('peek', 'a(b', heap);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^stackscope: parsing argument regexp a\(b: error parsing regexp/);
    const look = await run('peek', '(?=main)', heap);
    expect(look.code).toBe(2);
    expect(look.stderr).toContain('invalid or unsupported Perl syntax: `(?=`');
    const one = await run('peek', heap);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('peek needs a REGEX and a FILE');
  });
});
