// Legacy profiles open like any other: a Go heap?debug=1 text and a C++ heapz text show the top
// table `go tool pprof -top` prints (test/oracle/legacy) and a flame graph; a Go execution
// trace is refused with a message that says what it is and what opens it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, readOracle, repoRoot } from './support';

const fixtures = join(repoRoot, 'test/fixtures/legacy');
const oracles = join(repoRoot, 'test/oracle/legacy');

async function firstRows(page: import('@playwright/test').Page, n: number): Promise<string[][]> {
  const rows = page.locator('.top-rows .top-row');
  await expect(rows.first()).toBeVisible();
  const out: string[][] = [];
  for (let i = 0; i < n; i++) out.push(await rows.nth(i).locator('[role=cell]:not(.row-actions)').allInnerTexts());
  return out;
}

const cellsOf = (o: ReturnType<typeof readOracle>['rows'][number]) => [o.flat, o.flatPct.trim(), o.sumPct.trim(), o.cum, o.cumPct.trim(), o.name];

test('a dropped heap?debug=1 text shows pprof\'s total and first row, and a flame graph', async ({ page, guards }) => {
  await page.goto('./');
  await dropFiles(page, [join(fixtures, 'go.heap.debug1.txt')]);
  await expect(page.getByTestId('profile-header')).toBeVisible();
  await page.getByRole('tab', { name: 'Top' }).click();
  const oracle = readOracle(join(oracles, 'go.heap.debug1.txt.inuse_space.top'));
  const header = await page.getByTestId('profile-header').innerText();
  // pprof's "File:" line names the binary it was given to symbolize; the text does not carry it.
  for (const line of oracle.header.filter((l) => !l.startsWith('File:'))) expect(header).toContain(line);
  const [first] = await firstRows(page, 1);
  expect(first).toEqual(cellsOf(oracle.rows[0]!));
  // The MemStats block is kept as the profile's comments, one click away (pprof leaves "#" comments out of its header).
  const raw = readFileSync(join(fixtures, 'go.heap.debug1.txt'), 'utf8');
  const memStats = raw.slice(raw.indexOf('# runtime.MemStats')).trimEnd().split('\n');
  const comments = page.getByTestId('profile-comments');
  await comments.getByText(`Profile comments (${memStats.length} lines)`).click();
  await expect(comments.locator('pre')).toHaveText(memStats.join('\n'));
  await page.screenshot({ path: test.info().outputPath('heap-debug1-top.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Flame' }).click();
  await expect(page.getByTestId('flame-graph').locator('g.frame', { hasText: 'main.allocLarge' }).first()).toBeVisible();
  expect(guards.consoleErrors).toEqual([]);
});

test('a dropped C++ heapz text shows pprof\'s rows, named by mapping', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [join(fixtures, 'heapz.txt')]);
  await page.getByRole('tab', { name: 'Top' }).click();
  const oracle = readOracle(join(oracles, 'heapz.txt.inuse_space.top'));
  const header = await page.getByTestId('profile-header').innerText();
  for (const line of oracle.header) expect(header).toContain(line);
  expect(await firstRows(page, oracle.rows.length)).toEqual(oracle.rows.map(cellsOf));
});

test('a dropped Go execution trace says what it is and what opens it', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [join(fixtures, 'refused/go.trace')]);
  const error = page.getByTestId('load-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('go.trace');
  await expect(error).toContainText('Go execution trace (go 1.19)');
  await expect(error).toContainText('go tool trace');
  await page.screenshot({ path: test.info().outputPath('trace-refused.png'), fullPage: true });
});
