// Sample values and sums beyond 2^53 (long-running block and mutex profiles reach such
// nanosecond sums) are read and summed exactly as pprof's int64 arithmetic does: `stackscope top`
// prints what `go tool pprof -top` printed for a profile made by tools/samplegen/bigvalues.sh.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { loadProfile } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';

const profilePath = join(repoRoot, 'test', 'fixtures', 'bigvalues', 'mutex-beyond-2p53.pb.gz');
const oracle = (f: string) => readFileSync(join(repoRoot, 'test', 'oracle', 'bigvalues', f), 'utf8');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('sample values beyond 2^53', () => {
  process.env.TZ = 'UTC';

  for (const i of [0, 1]) {
    it(`top -sample_index=${i} prints what go tool pprof -top prints`, async () => {
      const r = await run('top', '-nodefraction=0', `-sample_index=${i}`, profilePath);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(oracle(`top.sample_index=${i}.txt`));
    });
  }

  it('holds the int64 values pprof -raw lists, summed per stack in int64', async () => {
    const { profile: p } = await loadProfile(readFileSync(profilePath));
    // pprof -raw: "  count delay: loc loc ...", samples with the same stack merged by int64 sums.
    const raw = oracle('raw.txt');
    const locName = new Map<string, string>();
    for (const m of raw.matchAll(/^\s+(\d+): 0x[0-9a-f]+ M=\d+ (\S+) /gm)) locName.set(m[1]!, m[2]!);
    const want = new Map<string, bigint[]>();
    for (const m of raw.matchAll(/^\s+(-?\d+)\s+(-?\d+): ([\d ]+?)\s*$/gm)) {
      want.set(m[3]!.split(' ').map((l) => locName.get(l)!).join(';'), [BigInt(m[1]!), BigInt(m[2]!)]);
    }
    expect(want.size).toBe(5);
    expect(want.get("main.lockB;main.main")).toEqual([1001n, 1999n]);
    const got = new Map<string, BigInt64Array>();
    for (let s = 0; s < p.samples.length; s++) {
      const names: string[] = [];
      for (let k = p.samples.stackStart[s]!; k < p.samples.stackStart[s + 1]!; k++) {
        const line = p.locations.lineStart[p.samples.stack[k]!]!;
        names.push(p.strings[p.functions.name[p.lines.func[line]!]!]!);
      }
      const key = names.join(';');
      const sums = got.get(key) ?? new BigInt64Array(2);
      for (const t of [0, 1]) sums[t] = sums[t]! + p.samples.exact![t]![s]!;
      got.set(key, sums);
    }
    expect(new Map([...got].map(([k, v]) => [k, [...v]]))).toEqual(want);
  });

  it('differs from a running sum in doubles, which the exact sums avoid', async () => {
    const { profile: p } = await loadProfile(readFileSync(profilePath));
    let doubles = 0;
    for (const v of p.samples.values[0]!) doubles += v;
    const total = /of (\d+) total/.exec(oracle('top.sample_index=0.txt'))![1]!;
    expect(doubles).not.toBe(Number(total));
  });
});
