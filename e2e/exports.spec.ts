// Exported charts say what they show: refine a real goroutine profile, search the flame graph,
// export SVG and PNG, and read in the files the title, the file name, the sample type, the time
// the profile carries (as pprof prints it, from the committed oracle), the refinements and the
// version; the PNG's header is drawn (pixels) and its text is in the file's iTXt chunks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';
import { pngSize, readPngText } from '../src/lib/pngText';

const series = (f: string) => join(repoRoot, 'test/fixtures/series', f);
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** pprof's "Time: Dec 3, 2026 at 1:08pm (UTC)" as the prefix of our "2026-12-03 13:08:". */
function pprofTime(oracle: string): string {
  const line = readFileSync(oracle, 'utf8').split('\n').find((l) => l.startsWith('Time: '))!;
  const m = /^Time: (\w{3}) (\d+), (\d{4}) at (\d+):(\d\d)(am|pm) \(UTC\)$/.exec(line)!;
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[1]!) / 3 + 1;
  const hour = (Number(m[4]) % 12) + (m[6] === 'pm' ? 12 : 0);
  const two = (n: number | string) => String(n).padStart(2, '0');
  return `${m[3]}-${two(month)}-${two(m[2]!)} ${two(hour)}:${m[5]}:`;
}

/** SVG text content, in document order. */
const svgTexts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));

test('flame graph SVG and PNG carry title, file, type, time, refinements and version', async ({ page }) => {
  const time = pprofTime(series('oracle/leak-a.t3.goroutine.tagfocus-verb-LIST.top.txt'));
  await page.goto('./');
  await dropFiles(page, [series('leak-a.t3.goroutine.pb.gz')]);
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  const ignore = page.getByLabel('Refine ignore');
  await ignore.fill('DeleteCollection');
  await ignore.press('Enter');
  await expect(page.getByTestId('filter-chip').filter({ hasText: 'ignore=DeleteCollection' })).toBeVisible();
  await page.getByLabel('Search frames').fill('timeoutHandler');
  await expect(page.getByTestId('flame-details')).toContainText('Matched');

  const panel = page.locator('.flame-panel');
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'SVG' }).click()]);
  expect(svgDownload.suggestedFilename()).toBe('leak-a.t3.goroutine-flame.svg');
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  await svgDownload.saveAs(test.info().outputPath('flame.svg'));
  const header = [
    'Flame graph — goroutine',
    'File: leak-a.t3.goroutine.pb.gz',
    'Sample type: goroutine (count)',
    'Refinements: ignore=DeleteCollection; search=timeoutHandler',
    `Drawn by: stackscope ${version}`,
  ];
  const texts = svgTexts(svg);
  expect(texts.slice(0, 6).filter((t) => !t.startsWith('Time: '))).toEqual(header);
  expect(texts.find((t) => t.startsWith('Time: '))).toMatch(new RegExp(`^Time: ${time}\\d\\d(\\.\\d{3})? UTC \\(the profile's time_nanos\\)$`));
  expect(svg).toContain('<title>Flame graph — goroutine</title>');
  // The chart is still there under the header: its frames, in the search highlight where they match.
  expect(svg.match(/<g [^>]*class="frame/g)?.length ?? 0).toBeGreaterThan(10);
  const highlight = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--flame-highlight').trim());
  expect(svg).toContain(`fill="${highlight}"`);

  const svgHeight = Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]);
  const liveHeight = await panel.locator('.flame-host svg, [data-testid="flame-graph"] svg').first().evaluate((s) => s.getBoundingClientRect().height).catch(() => 0);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'PNG' }).click()]);
  expect(pngDownload.suggestedFilename()).toBe('leak-a.t3.goroutine-flame.png');
  const png = new Uint8Array(readFileSync((await pngDownload.path())!));
  const text = new Map(readPngText(png));
  expect(text.get('Title')).toBe('Flame graph — goroutine');
  expect(text.get('Description')).toContain('File: leak-a.t3.goroutine.pb.gz\nSample type: goroutine (count)\nTime: ');
  expect(text.get('Description')).toContain('Refinements: ignore=DeleteCollection; search=timeoutHandler');
  expect(text.get('Software')).toBe(`stackscope ${version}`);
  // Twice the SVG's size, the header included: taller than the chart on the page by the header.
  const size = pngSize(png);
  expect(size.height).toBe(svgHeight * 2);
  if (liveHeight > 0) expect(svgHeight).toBeGreaterThan(liveHeight + 60);

  // The header is drawn: decode the PNG in the page and count dark pixels in its top 80 rows.
  const dark = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = 160;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 128 && px[i + 1]! < 128 && px[i + 2]! < 128) n++;
    return n;
  }, Buffer.from(png).toString('base64'));
  expect(dark).toBeGreaterThan(500);
  await page.screenshot({ path: test.info().outputPath('flame-export.png') });
});

test('a dump without a time: the wait histogram export says "time unknown", and its filter', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [series('leak-a.t3.goroutine.debug2.txt.gz')]);
  // The refine bar is on the profile views; the chip, and the refinement, on every view.
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  const ignore = page.getByLabel('Refine ignore');
  await ignore.fill('DeleteCollection');
  await ignore.press('Enter');
  await page.getByRole('tab', { name: 'Goroutines' }).click();
  await expect(page.getByTestId('filter-chip').filter({ hasText: 'ignore=DeleteCollection' })).toBeVisible();
  const panel = page.locator('.goroutines-panel');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'SVG' }).click()]);
  const texts = svgTexts(readFileSync((await download.path())!, 'utf8'));
  expect(texts.slice(0, 6)).toEqual([
    'Wait histogram — goroutine',
    'File: leak-a.t3.goroutine.debug2.txt.gz',
    'Sample type: goroutine (count)',
    'Time: time unknown (the file does not say when it was taken)',
    'Refinements: ignore=DeleteCollection',
    `Drawn by: stackscope ${version}`,
  ]);
});

test('the call graph exports as SVG with the same header, its nodes as drawn', async ({ page }) => {
  const time = pprofTime(series('oracle/leak-a.t3.goroutine.tagfocus-verb-LIST.top.txt'));
  await page.goto('./');
  await dropFiles(page, [series('leak-a.t3.goroutine.pb.gz')]);
  await page.getByRole('tab', { name: 'Graph', exact: true }).click();
  const nodes = page.getByTestId('call-graph').locator('g.graph-node');
  await expect(nodes.first()).toBeVisible();
  const drawn = await nodes.count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.graph-toolbar').getByRole('button', { name: 'SVG' }).click()]);
  expect(download.suggestedFilename()).toBe('leak-a.t3.goroutine-graph.svg');
  const svg = readFileSync((await download.path())!, 'utf8');
  const texts = svgTexts(svg);
  expect(texts.slice(0, 3)).toEqual(['Call graph — goroutine', 'File: leak-a.t3.goroutine.pb.gz', 'Sample type: goroutine (count)']);
  expect(texts[3]!.startsWith(`Time: ${time}`)).toBe(true);
  expect(texts.slice(4, 6)).toEqual(['Refinements: none (the whole profile)', `Drawn by: stackscope ${version}`]);
  expect(svg.match(/<g [^>]*class="graph-node[ "]/g)?.length).toBe(drawn);
});
