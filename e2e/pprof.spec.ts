// Dropping a real pprof file: the header and the first rows read like `go tool pprof -top`,
// the flame graph's widest root child is the function with the largest cum, search highlights,
// switching the sample type changes the total, and a corrupt file shows an error while the app
// stays usable.
import { test, expect, dropFiles, readOracle } from './support';
import { join } from 'node:path';
import { repoRoot } from './support';

const heap = join(repoRoot, 'public/samples/toyserver.heap.pb.gz');
const heapOracle = join(repoRoot, 'test/oracle/samples/toyserver.heap.pb.gz.inuse_space.top');

test('a dropped heap profile shows pprof\'s header and top rows', async ({ page, guards }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await expect(page.getByTestId('profile-header')).toBeVisible();
  await page.getByRole('tab', { name: 'Top' }).click();
  const oracle = readOracle(heapOracle);
  const header = await page.getByTestId('profile-header').innerText();
  // Every header line pprof prints, except the time (shown in the browser's zone).
  for (const line of oracle.header.filter((l) => !l.startsWith('Time:'))) expect(header).toContain(line);
  const rows = page.locator('.top-rows .top-row');
  for (let i = 0; i < 10 && i < oracle.rows.length; i++) {
    const cells = await rows.nth(i).locator('[role=cell]:not(.row-actions)').allInnerTexts();
    const o = oracle.rows[i]!;
    expect(cells).toEqual([o.flat, o.flatPct.trim(), o.sumPct.trim(), o.cum, o.cumPct.trim(), o.name]);
  }
  await page.screenshot({ path: test.info().outputPath('top.png'), fullPage: true });
  expect(guards.consoleErrors).toEqual([]);
});

test('the flame graph\'s widest root child is the function with the largest cum', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await expect(page.getByTestId('flame-graph').locator('g.frame').first()).toBeVisible();
  const oracle = readOracle(heapOracle);
  const parseValue = (s: string) => Number.parseFloat(s) * ({ kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[s.replace(/^[\d.]+/, '')] ?? 1);
  const largestCum = [...oracle.rows].sort((a, b) => parseValue(b.cum) - parseValue(a.cum))[0]!.name;
  const widest = await page.evaluate(() => {
    const frames = [...document.querySelectorAll('[data-testid=flame-graph] g.frame')] as Array<Element & { __data__: { depth: number; value: number; data: { name: string } } }>;
    const children = frames.map((f) => f.__data__).filter((d) => d.depth === 1);
    children.sort((a, b) => b.value - a.value);
    return children[0]!.data.name;
  });
  expect(widest).toBe(largestCum.replace(/ \((partial-)?inline\)$/, ''));
  await page.screenshot({ path: test.info().outputPath('flame.png'), fullPage: true });
});

test('search highlights matching frames and reports their share', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await expect(page.getByTestId('flame-graph').locator('g.frame').first()).toBeVisible();
  await page.getByLabel('Search frames').fill('json');
  await expect(page.getByTestId('flame-details')).toContainText('Matched');
  // The search highlight is the theme's (--flame-highlight in app/theme.css).
  const highlight = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--flame-highlight').trim());
  expect(highlight).toMatch(/^#[0-9a-f]{6}$/);
  const highlighted = page.locator(`[data-testid=flame-graph] g.frame rect[fill="${highlight}"]`);
  await expect(highlighted.first()).toBeVisible();
  const names = await page.evaluate(
    (h) =>
      [...document.querySelectorAll('[data-testid=flame-graph] g.frame')]
        .filter((g) => g.querySelector('rect')?.getAttribute('fill') === h)
        .map((g) => g.getAttribute('name') ?? ''),
    highlight,
  );
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n.toLowerCase()).toContain('json');
  // An invalid regular expression is a message, not an exception.
  await page.getByLabel('regex').check();
  await page.getByLabel('Search frames').fill('json(');
  await expect(page.getByTestId('flame-details')).toContainText('error parsing regexp');
});

test('switching the sample type changes the total', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  const header = page.getByTestId('profile-header');
  const inuse = readOracle(heapOracle).header.find((l) => l.startsWith('Showing'))!;
  const alloc = readOracle(join(repoRoot, 'test/oracle/samples/toyserver.heap.pb.gz.alloc_space.top')).header.find((l) => l.startsWith('Showing'))!;
  await expect(header).toContainText(inuse);
  await page.getByLabel('Sample type').selectOption({ label: 'alloc_space (bytes)' });
  await expect(header).toContainText(alloc);
  expect(alloc).not.toBe(inuse);
});

test('a corrupt file shows what is wrong and the app stays usable', async ({ page }, info) => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const good = readFileSync(heap);
  const corrupt = Buffer.from(good);
  for (let i = 200; i < 260; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
  const path = info.outputPath('corrupt.heap.pb.gz');
  writeFileSync(path, corrupt);
  await page.goto('./');
  await dropFiles(page, [path]);
  const error = page.getByTestId('load-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('corrupt.heap.pb.gz');
  await expect(error).toContainText('byte offset');
  await page.screenshot({ path: info.outputPath('error.png') });
  await dropFiles(page, [heap]);
  await expect(page.getByTestId('profile-header')).toContainText('Type: inuse_space');
});
