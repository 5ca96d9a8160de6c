// A flame graph too large for SVG is drawn on a canvas: a person hovers, clicks, resets, searches,
// flips it to an icicle and exports it, and reads the tooltip, the details line, the colours on
// screen and the exported file. The profile is made here, with names and values known exactly:
// app.Big (2,000) and app.Wide (400 leaves of 10 each) under the root, 6,000 in all.

import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './support';
import { encodeProfile, type GenFunction, type GenSample } from './profilegen';

function profile(): Buffer {
  const functions: GenFunction[] = [
    { name: 'app.Big', file: 'app/big.go' },
    { name: 'app.BigChild', file: 'app/big.go' },
    { name: 'app.Wide', file: 'app/wide.go' },
  ];
  const samples: GenSample[] = [{ stack: [1, 0], value: 2000 }];
  for (let i = 0; i < 400; i++) {
    functions.push({ name: `app.Leaf${i}`, file: 'app/leaf.go' });
    samples.push({ stack: [3 + i, 2], value: 10 });
  }
  return encodeProfile(functions, samples);
}

const ROW = 18;

/** Moves the mouse over row `depth` (0 is the root) at `x` px from the canvas' left edge; returns the tooltip's title. */
async function hoverRow(page: Page, depth: number, x: number, icicle = false): Promise<string> {
  const canvas = page.getByTestId('flame-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const y = icicle ? box.y + depth * ROW + ROW / 2 : box.y + box.height - depth * ROW - ROW / 2;
  await page.mouse.move(box.x + x, y);
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  return (await tip.locator('.flame-tooltip-title').textContent()) ?? '';
}

/** Pixels of the canvas in the search highlight colour (the theme's --flame-highlight, #rrggbb), as drawn. */
function magentaPixels(page: Page): Promise<number> {
  return page.getByTestId('flame-canvas').evaluate((c: HTMLCanvasElement) => {
    const hex = getComputedStyle(document.documentElement).getPropertyValue('--flame-highlight').trim();
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
    return n;
  });
}

test('a large flame graph on a canvas: hover, zoom, reset, search, icicle, export', async ({ page }, info) => {
  const path = info.outputPath('wide-flame.pb.gz');
  writeFileSync(path, profile());
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);

  // 404 boxes drawn (root, app.Big, app.BigChild, app.Wide and its 400 leaves): over SVG's limit.
  await expect(page.getByTestId('flame-details')).toContainText('404 frames drawn');
  await expect(page.getByTestId('flame-canvas')).toBeVisible();
  await expect(page.getByTestId('flame-graph').locator('g.frame')).toHaveCount(0);
  const width = (await page.getByTestId('flame-canvas').boundingBox())!.width;

  // The root, then the two children: app.Wide is 4,000 of 6,000, app.Big 2,000.
  expect(await hoverRow(page, 0, width / 2)).toBe('root');
  await expect(page.getByRole('tooltip')).toContainText(/cum 6000 \(100(\.0+)?% of total/);
  const left = await hoverRow(page, 1, 5);
  const right = await hoverRow(page, 1, width - 5);
  expect([left, right].sort()).toEqual(['app.Big', 'app.Wide']);
  await hoverRow(page, 1, width - 5);
  await expect(page.getByRole('tooltip')).toContainText(right === 'app.Big' ? 'app/big.go' : 'app/wide.go');
  await expect(page.getByRole('tooltip')).toContainText(right === 'app.Big' ? /cum 2000 \(33\.3\d*% of total/ : /cum 4000 \(66\.6\d*% of total/);

  // Click the left child: it spans the whole width, so its row reads it at the right edge too.
  const box = (await page.getByTestId('flame-canvas').boundingBox())!;
  await page.mouse.click(box.x + 5, box.y + box.height - ROW - ROW / 2);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
  await expect.poll(() => hoverRow(page, 1, width - 5)).toBe(left);
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  await expect.poll(() => hoverRow(page, 1, width - 5)).toBe(right);

  // Search recolours the matching boxes in the highlight colour, and says what matched.
  await page.mouse.move(0, 0);
  expect(await magentaPixels(page)).toBe(0);
  await page.getByLabel('Search frames').fill('Leaf1');
  await expect.poll(() => magentaPixels(page)).toBeGreaterThan(0);
  // app.Leaf1, app.Leaf10-19, app.Leaf100-199: 111 functions of 10 each.
  await expect(page.getByTestId('flame-details')).toContainText('Matched 111 functions: 1110 of 6000 (18.50%)');
  await page.getByLabel('Search frames').fill('');
  await expect.poll(() => magentaPixels(page)).toBe(0);

  // Icicle: the root is the top row.
  await page.getByRole('button', { name: 'Icicle' }).click();
  await expect.poll(() => hoverRow(page, 0, width / 2, true)).toBe('root');
  expect([await hoverRow(page, 1, 5, true), await hoverRow(page, 1, width - 5, true)]).toEqual([left, right]);
  await page.screenshot({ path: info.outputPath('canvas-icicle.png'), fullPage: true });

  // The export is SVG with every drawn box, labels as text.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.flame-panel').getByRole('button', { name: 'SVG' }).click()]);
  const svg = readFileSync((await download.path())!, 'utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.match(/<g [^>]*class="frame/g)?.length).toBe(404);
  expect(svg).toContain('name="app.Leaf399"');
  expect(svg).toContain('>app.Wide</text>');
});

test('a deep flame graph: the canvas covers the rows in sight, and scrolling to the deepest frame draws and reads it', async ({ page }, info) => {
  // app.D0 -> app.D1 -> ... -> app.D149 (150 frames deep, 1,000), beside 400 leaves of app.Wide: 552 boxes.
  const functions: GenFunction[] = [{ name: 'app.Wide', file: 'app/wide.go' }];
  const samples: GenSample[] = [];
  for (let i = 0; i < 400; i++) {
    functions.push({ name: `app.Leaf${i}`, file: 'app/leaf.go' });
    samples.push({ stack: [1 + i, 0], value: 10 });
  }
  const chain: number[] = [];
  for (let d = 0; d < 150; d++) {
    functions.push({ name: `app.D${d}`, file: 'app/deep.go' });
    chain.unshift(functions.length - 1);
  }
  samples.push({ stack: chain, value: 1000 });
  const path = info.outputPath('deep-flame.pb.gz');
  writeFileSync(path, encodeProfile(functions, samples));
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  const canvas = page.getByTestId('flame-canvas');
  await expect(canvas).toHaveAttribute('data-paints', /\d+/);
  // The chart is 153 rows tall (2,754 px); the canvas spans what the scroller shows and 128 px
  // more above and below (flameCanvas.ts), once the scroller has its fitted height.
  const sizes = () =>
    canvas.evaluate((c: HTMLCanvasElement) => {
      const s = c.closest('[data-testid=flame-scroll]')!.getBoundingClientRect();
      const inSight = Math.min(s.bottom, window.innerHeight) - Math.max(s.top, 0);
      return { canvas: c.getBoundingClientRect().height, chart: c.parentElement!.getBoundingClientRect().height, expected: Math.ceil(inSight) + 256 };
    });
  await expect.poll(async () => { const x = await sizes(); return x.canvas === Math.min(x.chart, x.expected); }).toBe(true);
  const before = await sizes();
  expect(before.chart).toBe(153 * ROW);
  expect(before.canvas).toBeLessThan(before.chart);
  // Flame orientation: the root is at the bottom, in sight; the deepest frame is at the top.
  const scroller = page.getByTestId('flame-scroll');
  const paints = Number(await canvas.getAttribute('data-paints'));
  await scroller.evaluate((s) => (s.scrollTop = 0));
  await expect.poll(async () => Number(await canvas.getAttribute('data-paints'))).toBeGreaterThan(paints);
  const host = (await canvas.evaluate((c) => {
    const r = c.parentElement!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width };
  }))!;
  // Row 150 (depth 150 = app.D149) sits 2 rows below the chart's top (3 rows of headroom, 0-based).
  // The chain (1,000 of 5,000) is drawn right of app.Wide (4,000).
  await page.mouse.move(host.x + host.width - 20, host.y + 2 * ROW + ROW / 2);
  await expect(page.getByRole('tooltip').locator('.flame-tooltip-title')).toHaveText('app.D149');
  // The canvas moved with the sight, and kept its size.
  expect((await sizes()).canvas).toBe(before.canvas);
});
