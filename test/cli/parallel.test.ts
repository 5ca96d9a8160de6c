// The command parses large goroutine dumps on several threads (worker_threads): the parts a
// helper thread parses merge into exactly the single-threaded result, and the bundled command
// prints the same JSON with one thread or several, without a warning that a helper failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { threadRunner } from '../../src/cli/parallelParse';
import { parseDebug2 } from '../../src/parse/goroutines';
import { MIN_PARALLEL_BYTES, parseDebug2Parallel } from '../../src/parse/goroutines/parallel';
import { readRepoFile, repoRoot } from '../support/fixtures';

const dump = new Uint8Array(gunzipSync(readRepoFile('test', 'fixtures', 'series', 'leak-a.t3.goroutine.debug2.txt.gz')));

describe('parsing on worker threads', () => {
  it('helper threads give exactly the single-threaded dump', async () => {
    let runnerError: unknown = null;
    const parallel = await parseDebug2Parallel(dump, {
      parts: 3,
      run: threadRunner,
      minBytes: 0,
      onRunnerError: (e) => {
        runnerError = e;
      },
    });
    expect(runnerError).toBeNull();
    expect(isDeepStrictEqual(parallel, parseDebug2(dump))).toBe(true);
  });

  const built = existsSync(join(repoRoot, 'dist-cli', 'stackscope.js')) && existsSync(join(repoRoot, 'dist-cli', 'parse-worker.js'));
  it.skipIf(!built)(`the bundled command: the same JSON on 1 and 3 threads${built ? '' : ' (skipped: run npm run build:cli first)'}`, () => {
    // Large enough to be split: the same dump, several times over (ids repeat; the parser does not mind).
    const copies = Math.ceil((MIN_PARALLEL_BYTES + 1) / dump.length);
    const big = new Uint8Array(dump.length * copies);
    for (let i = 0; i < copies; i++) big.set(dump, i * dump.length);
    const dir = mkdtempSync(join(tmpdir(), 'stackscope-parallel-'));
    try {
      const file = join(dir, 'big.goroutine.debug2.txt');
      writeFileSync(file, big);
      const run = (threads: string) =>
        spawnSync(process.execPath, [join(repoRoot, 'bin', 'stackscope.js'), 'goroutines', '--json', file], {
          env: { ...process.env, STACKSCOPE_PARSE_THREADS: threads },
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        });
      const one = run('1');
      const three = run('3');
      expect(one.status).toBe(0);
      expect(three.status).toBe(0);
      expect(three.stderr).toBe('');
      const j = JSON.parse(three.stdout) as { total: number };
      expect(j.total).toBe(parseDebug2(dump).total * copies);
      expect(three.stdout).toBe(one.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('how many threads', () => {
  it('the idle cores by the load average, this process counted, at least one', async () => {
    const { idleThreads } = await import('../../src/cli/parallelParse');
    expect(idleThreads(2, 0)).toBe(2);
    expect(idleThreads(2, 0.9)).toBe(2);
    expect(idleThreads(2, 1.5)).toBe(1);
    expect(idleThreads(2, 5)).toBe(1);
    expect(idleThreads(8, 3.2)).toBe(5);
    expect(idleThreads(1, 0)).toBe(1);
  });
});
