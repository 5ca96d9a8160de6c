// The views a person works with: top-table sorting, filtering, 100,000 virtualized rows, a row
// click that focuses the flame graph, zoom and reset, the tooltip, flame/icicle, and the
// pruning that keeps the DOM small on a large profile.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHeapProfile } from '../bench/gen/heap-profile';
import { test, expect, dropFiles, repoRoot } from './support';
import { wideProfile } from './profilegen';

const heap = join(repoRoot, 'public/samples/toyserver.heap.pb.gz');

test('top table: sort by a column, filter by regex, row click focuses the flame graph', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await page.getByRole('tab', { name: 'Top' }).click();
  const rows = page.locator('.top-rows .top-row');
  await page.getByRole('columnheader', { name: 'cum', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'cum ▼' })).toBeVisible();
  // The worker sorts; the table says it is busy until the sorted rows are in.
  await expect(page.getByTestId('top-table')).toHaveAttribute('aria-busy', 'false');
  const toBytes = (s: string) => (s === '0' ? 0 : Number.parseFloat(s) * ({ B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[s.replace(/^[\d.]+/, '')] ?? NaN));
  const cums = (await rows.evaluateAll((els) => els.map((e) => e.querySelectorAll('[role=cell]')[3]!.textContent!))).map(toBytes);
  expect(cums.length).toBeGreaterThan(10);
  for (let i = 1; i < cums.length; i++) expect(cums[i]!).toBeLessThanOrEqual(cums[i - 1]!);

  await page.getByLabel('Filter rows').fill('^encoding/json\\.');
  await expect
    .poll(async () => {
      const names = await rows.locator('[role=cell].name').allInnerTexts();
      return names.length > 0 && names.every((n) => /^encoding\/json\./.test(n));
    })
    .toBe(true);
  await page.getByLabel('Filter rows').fill('(');
  await expect(page.locator('.top-panel .error-text')).toContainText('error parsing regexp');
  await page.getByLabel('Filter rows').fill('catalog\\.Generate$');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await expect(page.getByTestId('flame-focus')).toContainText('toyserver/internal/catalog.Generate');
  const rootName = await page.evaluate(() => {
    const frames = [...document.querySelectorAll('[data-testid=flame-graph] g.frame')] as Array<Element & { __data__: { depth: number; data: { name: string } } }>;
    return frames.find((f) => f.__data__.depth === 0)!.__data__.data.name;
  });
  expect(rootName).toBe('toyserver/internal/catalog.Generate');
});

test('flame graph: zoom, reset, tooltip, icicle', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  const frame = (name: string) => page.locator(`[data-testid=flame-graph] g.frame[name="${name}"]`).first();
  await expect(frame('net/http.(*conn).serve')).toBeVisible();

  await frame('net/http.(*conn).serve').hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('net/http.(*conn).serve');
  await expect(tip).toContainText(/server\.go/);
  await expect(tip).toContainText(/cum [\d.]+[kMG]?B \([\d.]+% of total, [\d.]+% of parent\)/);
  await expect(tip).toContainText(/flat /);

  await frame('net/http.(*conn).serve').click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
  // Zoomed: the clicked frame spans the whole width.
  const width = async (name: string) => Number(await frame(name).locator('rect').getAttribute('width'));
  const full = (await page.getByTestId('flame-graph').boundingBox())!.width;
  await expect.poll(async () => [Math.round(await width('net/http.(*conn).serve')), Math.round(await width('root'))]).toEqual([Math.round(full), Math.round(full)]);
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  await expect.poll(async () => (await width('net/http.(*conn).serve')) < (await width('root'))).toBe(true);

  // Flame: the root is the lowest row; icicle: the highest.
  const rootY = async () => (await frame('root').boundingBox())!.y;
  const childY = async () => (await frame('net/http.(*conn).serve').boundingBox())!.y;
  expect(await rootY()).toBeGreaterThan(await childY());
  await page.getByRole('button', { name: 'Icicle' }).click();
  await expect.poll(async () => (await rootY()) < (await childY())).toBe(true);
  await page.screenshot({ path: test.info().outputPath('icicle.png'), fullPage: true });
});

test('100,000 functions: the table stays virtualized and scrolls to the end', async ({ page }, info) => {
  const path = info.outputPath('wide.pb.gz');
  writeFileSync(path, wideProfile(100_000));
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('profile-header')).toBeVisible({ timeout: 110_000 });
  await page.getByRole('tab', { name: 'Top' }).click();
  await expect(page.getByTestId('top-count')).toHaveText('100,001 of 100,001 rows');
  const rendered = await page.locator('.top-rows .top-row').count();
  expect(rendered).toBeLessThan(200);
  const started = Date.now();
  await page.locator('.top-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('.top-rows .top-row[data-row="100000"]')).toBeVisible();
  console.log(`[measure] scrolled 100,001 rows to the end in ${Date.now() - started} ms, ${rendered} rows in the DOM`);
});

test('a large profile is pruned to at most about 10,000 boxes', async ({ page }) => {
  test.setTimeout(300_000);
  const path = join(repoRoot, 'bench/out/heap-120k.pb.gz');
  if (!existsSync(path)) {
    mkdirSync(join(repoRoot, 'bench/out'), { recursive: true });
    writeFileSync(path, generateHeapProfile({ stacks: 120_000, minDepth: 10, maxDepth: 60, seed: 1 }));
  }
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  // Drawn on a canvas (too many boxes for SVG): the details line counts the boxes, the SVG export holds them.
  await expect(page.getByTestId('flame-details')).toContainText('frames drawn', { timeout: 240_000 });
  const boxes = Number(/([\d,]+) frames drawn/.exec((await page.getByTestId('flame-details').textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(boxes).toBeLessThanOrEqual(10_000);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.flame-panel').getByRole('button', { name: 'SVG' }).click()]);
  const svg = readFileSync((await download.path())!, 'utf8');
  expect(svg.match(/<g [^>]*class="frame/g)?.length).toBe(boxes);
  const merged = svg.match(/<g [^>]*name="\d+ small frames"/g)?.length ?? 0;
  expect(merged).toBeGreaterThan(0);
  console.log(`[measure] 120k-stack profile: ${boxes} boxes drawn, ${merged} of them merged small frames`);
});

test('a top filter that stalls a backtracking engine is answered by the worker, in Go syntax', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await page.getByRole('tab', { name: 'Top' }).click();
  const count = page.getByTestId('top-count');
  await expect(count).toContainText(/^\d+ of \d+ rows$/);
  const all = (await count.innerText()).split(' of ')[1]!;
  // (.|.)*Z over every name: exponential for a backtracking engine, linear for RE2.
  await page.getByLabel('Filter rows').fill('(.|.)*Z');
  await expect(page.getByTestId('top-table')).toHaveAttribute('aria-busy', 'false');
  await expect(count).toHaveText(`0 of ${all}`);
  // Go's syntax: a named group written as pprof users write it.
  await page.getByLabel('Filter rows').fill('^(?P<pkg>encoding/json)\\.');
  await expect(page.getByTestId('top-table')).toHaveAttribute('aria-busy', 'false');
  const names = await page.locator('.top-rows .top-row [role=cell].name').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toMatch(/^encoding\/json\./);
});
