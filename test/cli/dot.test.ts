// `stackscope dot` prints what `go tool pprof -dot` prints, byte for byte, for every oracle under
// test/oracle/dot (written by tools/samplegen/dot-oracles.sh; its README lists the commands).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCallGraph, dotColor, shortenFunctionName } from '../../src/analysis/callGraph';
import { loadProfile } from '../../src/parse/load';
import { runCli } from '../../src/cli/run';
import { repoRoot, sharedDir, sharedSkipReason } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const oracleDir = join(repoRoot, 'test', 'oracle', 'dot');
const sources: Record<string, string | null> = {
  samples: join(repoRoot, 'public', 'samples'),
  series: join(repoRoot, 'test', 'fixtures', 'series'),
  fixtures: sharedDir ? join(sharedDir, 'fixtures', 'pprof') : null,
};
const variantFlags: Record<string, string[]> = {
  '': [],
  nodecount20: ['--nodecount=20'],
  fractions: ['--nodefraction=0.05', '--edgefraction=0.01'],
  lines: ['--lines', '--nodecount=30'],
  addresses: ['--addresses', '--nodecount=30'],
  all: ['--filefunctions', '--nodecount=0', '--nodefraction=0', '--edgefraction=0'],
  tagfocus: ['--tagfocus=verb=LIST'],
  tagignore: ['--tagignore=resource=pods'],
};

interface Case {
  name: string;
  oracle: string;
  argv: string[];
}

function cases(dir: string): Case[] {
  const src = sources[dir];
  const d = join(oracleDir, dir);
  if (!src || !existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => f.endsWith('.dot'))
    .sort()
    .map((f) => {
      const m = /^(.+\.pb\.gz)(?:\.(.+))?\.dot$/.exec(f)!;
      const variant = m[2] ?? '';
      const flags = variant.startsWith('sample') ? [`--sample_index=${variant.slice('sample'.length)}`] : variantFlags[variant];
      if (!flags) throw new Error(`${f}: no flags known for variant "${variant}"`);
      return { name: `${dir}/${f}`, oracle: join(d, f), argv: ['dot', ...flags, join(src, m[1]!)] };
    });
}

describe('stackscope dot = go tool pprof -dot', () => {
  process.env.TZ = 'UTC';
  const ours = [...cases('samples'), ...cases('series')];
  it('has oracles to compare with', () => expect(ours.length).toBeGreaterThan(40));
  it.each(ours.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const r = await run(...c.argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(c.oracle, 'utf8'));
  });
});

describe.skipIf(!sharedDir)(`stackscope dot = go tool pprof -dot (shared fixtures)${sharedDir ? '' : `: skipped, ${sharedSkipReason}`}`, () => {
  process.env.TZ = 'UTC';
  const shared = cases('fixtures');
  it('has oracles to compare with', () => expect(shared.length).toBeGreaterThan(30));
  it.each(shared.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const r = await run(...c.argv);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(c.oracle, 'utf8'));
  });
});

describe('call graph', () => {
  it('keeps at most -nodecount boxes and says how many were left out', async () => {
    const p = (await loadProfile(new Uint8Array(readFileSync(join(repoRoot, 'public', 'samples', 'toyserver.heap.pb.gz'))))).profile;
    const g = computeCallGraph(p, { sampleIndex: 3, granularity: 'functions', timeZone: 'UTC' });
    // pprof: "Showing top 59 nodes out of 63" (test/oracle/dot/samples/toyserver.heap.pb.gz.dot).
    expect(g.nodes.length).toBe(59);
    expect(g.origCount).toBe(63);
    expect(g.droppedNodes).toBe(6);
    expect(g.legend).toContain('Showing top 59 nodes out of 63');
    expect(g.nodes[0]!.name).toBe('bytes.growSlice');
  });

  it('shortens names and colours as pprof does', () => {
    expect(shortenFunctionName('net/http.(*conn).serve')).toBe('http.(*conn).serve');
    expect(shortenFunctionName('k8s.io/apiserver/pkg/v2/x.F')).toBe('x.F');
    expect(dotColor(1, false)).toBe('#b20000');
    expect(dotColor(0, true)).toBe('#ededed');
  });

  it('refuses a -nodecount that is not a whole number', async () => {
    const r = await run('dot', '--nodecount=2.5', join(repoRoot, 'public', 'samples', 'toyserver.heap.pb.gz'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--nodecount=2.5 is not a whole number');
  });
});
