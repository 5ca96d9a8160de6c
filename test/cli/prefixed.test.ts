// The CLI reads a dump copied out of a log (every line prefixed) as the clean dump: the same
// `stackscope goroutines --json` and `findings --json`, the prefix learned from the header lines.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

const clean = join(repoRoot, 'public', 'samples', 'apiserver-leaks.t1.goroutine.debug2.txt');
const dir = mkdtempSync(join(tmpdir(), 'stackscope-prefixed-'));
const lines = readFileSync(clean, 'utf8').replace(/\n$/, '').split('\n');
const variants: Record<string, string> = {
  journald: lines.map((l, i) => `Dec  3 13:${String(4 + (i >> 12)).padStart(2, '0')}:${String((i >> 6) % 60).padStart(2, '0')} master-2 kube-apiserver[81234]: ${l}\n`).join(''),
  klog: lines.map((l, i) => `E1203 13:04:${String((i >> 6) % 60).padStart(2, '0')}.${String(i % 1e6).padStart(6, '0')}   81234 server.go:${100 + (i % 7)}] ${l}\n`).join(''),
};

describe('stackscope on prefixed dumps', () => {
  for (const [name, text] of Object.entries(variants)) {
    it(`${name}: goroutines and findings equal the clean dump's`, async () => {
      const file = join(dir, `${name}.log`);
      writeFileSync(file, text);
      for (const command of ['goroutines', 'findings']) {
        const a = await run(command, '--json', clean);
        const b = await run(command, '--json', file);
        expect(b.code).toBe(0);
        expect(a.code).toBe(0);
        expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
      }
    });
  }
});
