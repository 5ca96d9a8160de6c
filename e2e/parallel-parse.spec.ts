// A large goroutine dump is parsed on every core: the file's worker cuts it at goroutine
// boundaries and hands parts to helper workers (navigator.hardwareConcurrency - 1 of them).
// A person sees the same numbers as ever: the totals and per-state counts here are taken from
// the raw text with plain string handling, independent of the app's parser.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGoroutineDump } from '../bench/gen/goroutine-dump';
import { test, expect, dropFiles } from './support';

test('a 12 MB dump: parsed in parts by helper workers, the counts of the raw text', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'stackscope-e2e-parallel-'));
  try {
    const path = join(dir, 'big.goroutine.debug2.txt');
    writeFileSync(path, generateGoroutineDump({ goroutines: 8_000, sites: 20, minDepth: 10, maxDepth: 60, seed: 7 }));
    const text = readFileSync(path, 'utf8');
    expect(text.length).toBeGreaterThan(8 << 20);
    const states = new Map<string, number>();
    let total = 0;
    for (const m of text.matchAll(/^goroutine \d+ \[([^\],]*)[^\]]*\]:$/gm)) {
      total++;
      states.set(m[1]!, (states.get(m[1]!) ?? 0) + 1);
    }

    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    const helperNames: string[] = [];
    page.on('worker', (w) => helperNames.push(w.url()));
    await page.goto('./');
    await dropFiles(page, [path]);
    const summary = page.getByTestId('goroutine-summary');
    await expect(summary).toContainText(`${total.toLocaleString('en-US')} goroutines`);
    for (const [state, n] of states) {
      await expect(summary.locator(`[data-state="${state}"]`)).toContainText(n.toLocaleString('en-US'));
    }
    if (cores > 1) {
      // The file's worker and, beside it, the helpers it started for the parts.
      await expect.poll(() => helperNames.filter((u) => /partEntry/.test(u)).length).toBeGreaterThanOrEqual(1);
    }
    // A helper that failed would leave the parse to one worker (same numbers) and say so.
    expect(warnings.filter((w) => /helper/.test(w))).toEqual([]);
    console.log(`[parallel-parse] ${cores} cores; workers: ${helperNames.map((u) => u.split('/').pop()).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
