// Themes as a person meets them: the page follows the system's light or dark setting, the
// header's toggle overrides it and is still in force after a reload, the flame graph drawn on a
// canvas repaints in the new colours, and axe finds no text below AA contrast on the main views
// of a heap profile and of a goroutine dump, in either theme.
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, repoRoot } from './support';

const heap = join(repoRoot, 'public/samples/apiserver-leaks.t2.heap.pb.gz');
const dump = join(repoRoot, 'test/fixtures/series/leak-a.t3.goroutine.debug2.txt.gz');
const cpu = join(repoRoot, 'public/samples/toyserver.cpu.pb.gz');

/** The relative luminance (WCAG) of the body's computed background. */
async function bodyLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const bg = getComputedStyle(document.body).backgroundColor;
    const rootBg = getComputedStyle(document.documentElement).backgroundColor;
    // The body is transparent over the root's background: read the first opaque one.
    const text = /rgba\(.*,\s*0\)$/.test(bg) || bg === 'transparent' ? rootBg : bg;
    const [r, g, b] = text.match(/[\d.]+/g)!.slice(0, 3).map(Number) as [number, number, number];
    const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  });
}

async function expectTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  if (theme === 'dark') expect(await bodyLuminance(page)).toBeLessThan(0.05);
  else expect(await bodyLuminance(page)).toBeGreaterThan(0.85);
}

/** axe's colour-contrast rule over the whole page: no text below AA. */
async function expectContrastAA(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  const found = result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
  expect(found, `colour-contrast violations on ${where}`).toEqual([]);
  // The rule did look at the page's text (not a vacuous pass).
  expect(result.passes.flatMap((v) => v.nodes).length, `text axe checked on ${where}`).toBeGreaterThan(5);
}

const themeButton = (page: Page, name: 'System' | 'Light' | 'Dark') => page.getByRole('group', { name: 'Colour theme' }).getByRole('button', { name, exact: true });

test('follows the system theme, and every main view keeps text at AA contrast in both', async ({ page }) => {
  test.setTimeout(300_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await expectTheme(page, 'dark');
  await expect(themeButton(page, 'System')).toHaveAttribute('aria-pressed', 'true');
  await expectContrastAA(page, 'the start page (dark)');

  await dropFiles(page, [heap]);
  await expect(page.getByTestId('flame-graph')).toBeVisible();
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectTheme(page, scheme);
    for (const tab of ['Flame graph', 'Top', 'Graph']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
      if (tab === 'Top') await expect(page.getByTestId('top-table')).toHaveAttribute('aria-busy', 'false');
      if (tab === 'Graph') await expect(page.locator('.graph-host svg .graph-node').first()).toBeVisible();
      await expectContrastAA(page, `the heap profile's ${tab} (${scheme})`);
    }
    await page.screenshot({ path: test.info().outputPath(`heap-${scheme}.png`) });
  }

  await dropFiles(page, [dump]);
  await expect(page.getByRole('tab', { name: 'Goroutines', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('group-table')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectTheme(page, scheme);
    // A group opened: its detail (stack, wait range) is part of the view.
    await page.getByTestId('group-table').locator('tbody tr').first().click();
    await expectContrastAA(page, `the goroutine dump (${scheme})`);
    // The histogram's bars are the theme's series colours.
    const fill = await page.locator('rect.bar-segment').first().evaluate((r) => getComputedStyle(r).fill);
    const series0 = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--series-0').trim());
    expect(fill).toBe(`rgb(${[1, 3, 5].map((i) => parseInt(series0.slice(i, i + 2), 16)).join(', ')})`);
    await page.screenshot({ path: test.info().outputPath(`goroutines-${scheme}.png`), fullPage: true });
  }

  // The report, as it is shown before it is printed.
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  await expect(page.getByTestId('report')).toBeVisible();
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectTheme(page, scheme);
    await expectContrastAA(page, `the report (${scheme})`);
  }
});

test('the toggle overrides the system, survives a reload, and the canvas flame graph repaints', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await expectTheme(page, 'dark');
  await themeButton(page, 'Light').click();
  await expect(themeButton(page, 'Light')).toHaveAttribute('aria-pressed', 'true');
  await expectTheme(page, 'light');

  // A profile with more boxes than SVG redraws in time: drawn on a canvas, in the light colours.
  await dropFiles(page, [cpu]);
  const canvas = page.getByTestId('flame-canvas');
  await expect(canvas).toHaveAttribute('data-theme', 'light');
  await expect(canvas).toHaveAttribute('data-paints', /\d+/);
  const paints = Number(await canvas.getAttribute('data-paints'));
  // A sampled pixel of a frame: light frames under dark labels.
  const pixel = () =>
    canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const d = ctx.getImageData(Math.floor(c.width / 2), c.height - 3, 1, 1).data;
      return (0.2126 * d[0]! + 0.7152 * d[1]! + 0.0722 * d[2]!) / 255;
    });
  expect(await pixel()).toBeGreaterThan(0.5);

  await themeButton(page, 'Dark').click();
  await expectTheme(page, 'dark');
  await expect(canvas).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => Number(await canvas.getAttribute('data-paints'))).toBeGreaterThan(paints);
  expect(await pixel()).toBeLessThan(0.35);

  // The system's setting no longer decides, and the choice outlives a reload.
  await page.emulateMedia({ colorScheme: 'light' });
  await expectTheme(page, 'dark');
  await page.reload();
  await expectTheme(page, 'dark');
  await expect(themeButton(page, 'Dark')).toHaveAttribute('aria-pressed', 'true');

  // System hands the choice back to prefers-color-scheme.
  await themeButton(page, 'System').click();
  await expectTheme(page, 'light');
  await page.reload();
  await expectTheme(page, 'light');
  await expect(themeButton(page, 'System')).toHaveAttribute('aria-pressed', 'true');
});

test('comparing keeps text at AA in both themes, and the diff flame graph takes the theme colours', async ({ page: first, context }) => {
  let page = first;
  test.setTimeout(240_000);
  const samples = (f: string) => join(repoRoot, 'public/samples', f);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await dropFiles(page, [samples('apiserver-leaks.t1.heap.pb.gz'), samples('apiserver-leaks.t2.heap.pb.gz')]);
  await page.getByRole('button', { name: /Compare 2 profiles/ }).click();
  const compare = page.getByTestId('compare');
  const frames = page.getByTestId('diff-flame-graph').locator('g.frame rect');
  await expect(frames.first()).toBeVisible();
  // Frames are light under dark labels in the light theme, dark under light ones in the dark.
  const fillLightness = async () => {
    const fills = await frames.evaluateAll((rs) => rs.map((r) => r.getAttribute('fill') ?? ''));
    const l = fills.map((f) => {
      const [r, g, b] = f.match(/\d+/g)!.map(Number) as [number, number, number];
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    return { min: Math.min(...l), max: Math.max(...l), colours: new Set(fills).size };
  };
  const light = await fillLightness();
  expect(light.colours).toBeGreaterThan(1);
  expect(light.min).toBeGreaterThan(0.5);
  await expectContrastAA(page, 'the differential flame graph (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectTheme(page, 'dark');
  await expect.poll(async () => (await fillLightness()).max).toBeLessThan(0.4);
  await expectContrastAA(page, 'the differential flame graph (dark)');
  await compare.getByRole('tab', { name: /Top/ }).click();
  await expect(page.getByTestId('diff-table')).toBeVisible();
  await expectContrastAA(page, 'the diff table (dark)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectTheme(page, 'light');
  await expectContrastAA(page, 'the diff table (light)');

  // Two dumps of one process, in another tab (its own open files): the growth table and its verdicts.
  page = await context.newPage();
  await page.goto('./');
  await dropFiles(page, [join(repoRoot, 'test/fixtures/series/leak-a.t2.goroutine.debug2.txt.gz'), join(repoRoot, 'test/fixtures/series/leak-a.t3.goroutine.debug2.txt.gz')]);
  await page.getByRole('button', { name: /Compare 2 dumps/ }).click();
  await expect(page.getByTestId('growth-table')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectTheme(page, scheme);
    await expectContrastAA(page, `the goroutine growth between two dumps (${scheme})`);
    await page.screenshot({ path: test.info().outputPath(`growth-${scheme}.png`), fullPage: true });
  }
});
