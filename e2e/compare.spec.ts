// Comparing: two heap profiles against pprof's -diff_base, and the goroutine leak growing
// between two dumps taken minutes apart, with the growth this test computes from the raw files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, readOracle, repoRoot } from './support';

const sample = (f: string) => join(repoRoot, 'public/samples', f);
const index = JSON.parse(readFileSync(sample('index.json'), 'utf8')) as Array<{ file: string; capturedAt: string }>;
const capturedAt = (file: string) => Date.parse(index.find((e) => e.file === file)!.capturedAt);

test('two heap profiles: the diff table reads like go tool pprof -diff_base; swap flips it', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [sample('apiserver-leaks.t1.heap.pb.gz'), sample('apiserver-leaks.t2.heap.pb.gz')]);
  await expect(page.getByRole('button', { name: 'toyserver' })).toHaveCount(0);
  await page.getByRole('button', { name: /Compare 2 profiles/ }).click();
  const compare = page.getByTestId('compare');
  await expect(compare.getByLabel('Base', { exact: true })).toHaveValue('0');
  await expect(compare.getByLabel('Target', { exact: true })).toHaveValue('1');
  await expect(page.getByTestId('diff-flame-graph').locator('g.frame').first()).toBeVisible();
  await compare.getByRole('tab', { name: /Top/ }).click();
  await compare.getByLabel('Sample type').selectOption({ label: 'inuse_space (bytes)' });
  const oracle = readOracle(join(repoRoot, 'test/oracle/diff/apiserver-leaks.t2.heap.pb.gz.vs.apiserver-leaks.t1.heap.pb.gz.inuse_space.top'));
  const rows = page.getByTestId('diff-table').locator('tbody tr');
  await expect(rows.first().locator('td').nth(8)).toHaveText(oracle.rows[0]!.name);
  for (let i = 0; i < 8; i++) {
    const cells = await rows.nth(i).locator('td').allInnerTexts();
    const o = oracle.rows[i]!;
    expect([cells[0], cells[1], cells[2], cells[3], cells[4], cells[8]]).toEqual([o.flat, o.flatPct.trim(), o.sumPct.trim(), o.cum, o.cumPct.trim(), o.name]);
  }
  // pprof's "(inline)" mark and its sum% on a row further down (the plain oracle: pprof's default -edgefraction, as the table).
  const plain = readOracle(join(repoRoot, 'test/oracle/diff/apiserver-leaks.t2.heap.pb.gz.vs.apiserver-leaks.t1.heap.pb.gz.inuse_space.default.top'));
  const inlined = plain.rows.find((r) => r.name.endsWith(' (inline)'))!;
  const row = rows.filter({ has: page.locator('td.name', { hasText: inlined.name }) });
  await expect(row).toHaveCount(1);
  const cells = await row.locator('td').allInnerTexts();
  expect([cells[0], cells[1], cells[2], cells[3], cells[4], cells[8]]).toEqual([inlined.flat, inlined.flatPct.trim(), inlined.sumPct.trim(), inlined.cum, inlined.cumPct.trim(), inlined.name]);
  await page.screenshot({ path: test.info().outputPath('diff-top.png'), fullPage: true });
  await compare.getByRole('button', { name: 'Swap base and target' }).click();
  await expect(compare.getByLabel('Base', { exact: true })).toHaveValue('1');
  const reverse = readOracle(join(repoRoot, 'test/oracle/diff/apiserver-leaks.t1.heap.pb.gz.vs.apiserver-leaks.t2.heap.pb.gz.inuse_space.top'));
  await expect(rows.first().locator('td').nth(0)).toHaveText(reverse.rows[0]!.flat);
  await compare.getByRole('tab', { name: 'Differential flame graph' }).click();
  // Colours come from the change; the colour-blind palette swaps red/blue for orange/blue.
  const fills = () => page.getByTestId('diff-flame-graph').locator('g.frame rect').evaluateAll((rs) => rs.map((r) => r.getAttribute('fill')));
  const redBlue = await fills();
  expect(new Set(redBlue).size).toBeGreaterThan(1);
  await compare.getByLabel('Colours').selectOption('colorblind');
  await expect.poll(async () => JSON.stringify(await fills())).not.toBe(JSON.stringify(redBlue));
  await page.getByTestId('diff-flame-graph').locator('g.frame').nth(1).hover();
  await expect(page.getByRole('tooltip')).toContainText(/base .*\n?.*target .*\n?.*delta /s);
  // The key says what the colours mean and which file is which.
  const legend = compare.getByTestId('diff-legend');
  await expect(legend).toContainText('grew (target above base; deeper colour = larger change relative to the larger of base and target)');
  await expect(legend).toContainText('shrank (target below base)');
  await expect(legend).toContainText('new (not in the base');
  await expect(legend).toContainText('unchanged');
  await expect(legend).toContainText("Box widths are apiserver-leaks.t1.heap.pb.gz's (the target); colours compare it with apiserver-leaks.t2.heap.pb.gz (the base).");
  await expect(legend).toContainText('Gone (only in the base)');
  // Search highlights the matching frames in the main flame graph's highlight colour.
  await compare.getByLabel('Search frames').fill('json');
  const graph = page.getByTestId('diff-flame-graph');
  // The theme's highlight (app/theme.css --flame-highlight), read from the page.
  const highlight = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--flame-highlight').trim());
  const highlighted = () => graph.locator('g.frame rect').evaluateAll((rs, h) => rs.filter((r) => r.getAttribute('fill') === h).length, highlight);
  await expect.poll(highlighted).toBeGreaterThan(0);
  const named = await graph.locator('g.frame').evaluateAll((gs) => gs.filter((g) => /json/i.test(g.getAttribute('name') ?? '')).length);
  expect(await highlighted()).toBe(named);
  await expect(compare.getByTestId('diff-search-result')).toHaveText(new RegExp(`^(\\d+) frames? match, highlighted$`));
  const said = Number((await compare.getByTestId('diff-search-result').innerText()).split(' ')[0]);
  expect(said).toBeGreaterThanOrEqual(named);
  await expect(legend).toContainText('matches the search');
  // The export names both files (base → target), the type, each file's own time.
  const [download] = await Promise.all([page.waitForEvent('download'), compare.getByRole('button', { name: 'SVG' }).click()]);
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(/<title>([^<]*)<\/title>/.exec(exported)![1]).toBe('Differential flame graph — inuse_space');
  const desc = /<desc>([^<]*)<\/desc>/.exec(exported)![1]!;
  expect(desc).toContain('File: apiserver-leaks.t2.heap.pb.gz → apiserver-leaks.t1.heap.pb.gz (base → target)');
  expect(desc).toMatch(/Time: base \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC \(the profile's time_nanos\); target \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC \(the profile's time_nanos\)/);
  expect(exported.match(/<g [^>]*class="frame/g)?.length).toBe(await graph.locator('g.frame').count());
  await page.screenshot({ path: test.info().outputPath('diff-flame-search.png'), fullPage: true });
});

test('the timeoutHandler leak tops the suspects, its rate from the time the dumps themselves tell', async ({ page }) => {
  const files = ['apiserver-leaks.t1.goroutine.debug2.txt', 'apiserver-leaks.t2.goroutine.debug2.txt'];
  const site = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
  const count = (f: string) =>
    readFileSync(sample(f), 'utf8')
      .split('\n\n')
      .filter((b) => b.trim().split('\n')[1]?.startsWith(`${site}(`)).length;
  const [c1, c2] = files.map(count) as [number, number];
  await page.goto('./');
  // Given in reverse, with the file dates of a copy (the same second): the dumps order themselves.
  await dropFiles(page, files.reverse().map((f) => ({ path: sample(f), lastModified: capturedAt(files[0]!) })));
  await page.getByRole('button', { name: /Compare 2 dumps/ }).click();
  await expect(page.getByTestId('process-note')).toContainText('one process');
  await expect(page.getByTestId('interval-notes')).toContainText('4 min ± 1 min, from the wait minutes of');
  const first = page.getByTestId('growth-table').locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-site', site);
  const cells = await first.locator('td').allInnerTexts();
  const change = c2 - c1;
  // 4 min ± 1 min: between change/5 and change/3 per minute, rounded as printed.
  const r = (x: number) => Math.round(x).toLocaleString('en-US');
  expect(cells.slice(2, 7)).toEqual(['chan send', c1.toLocaleString('en-US'), c2.toLocaleString('en-US'), `+${change.toLocaleString('en-US')}`, `+${change.toLocaleString('en-US')} in 4 min ± 1 min: ${r(change / 5)}-${r(change / 3)} per minute`]);
  expect(cells[7]).toContain('leak suspect');
  await expect(page.getByTestId('growth-table').locator('tbody tr').nth(1)).toHaveAttribute(
    'data-site',
    'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1',
  );
  await page.screenshot({ path: test.info().outputPath('growth.png'), fullPage: true });
});

test('three dumps draw a timeline; capture times can be typed and then win', async ({ page }) => {
  const files = ['apiserver-leaks.t1.goroutine.debug2.txt', 'apiserver-leaks.t2.goroutine.debug2.txt', 'apiserver-leaks.t2.goroutine.debug1.txt'];
  await page.goto('./');
  await dropFiles(page, [
    { path: sample(files[0]!), lastModified: capturedAt(files[0]!) },
    { path: sample(files[1]!), lastModified: capturedAt(files[1]!) },
    { path: sample(files[2]!), lastModified: capturedAt(files[1]!) + 120_000 },
  ]);
  await page.getByRole('button', { name: /Compare 3 dumps/ }).click();
  await expect(page.getByTestId('growth-timeline').locator('path').first()).toBeVisible();
  // A debug=1 dump has no goroutine ids: one process cannot be verified, and says so.
  await expect(page.getByTestId('process-note')).toContainText('not verified');
  const times = ['2026-01-01T00:00:00', '2026-01-01T00:04:00', '2026-01-01T00:10:00'];
  for (const [i, f] of files.entries()) {
    const input = page.getByLabel(`Capture time of ${f}`);
    await expect(input).not.toHaveValue('');
    await input.fill(times[i]!);
    await input.blur();
  }
  await expect(page.getByTestId('interval-notes')).toContainText('6 min from the times entered');
  await expect(page.getByTestId('growth-table').locator('thead')).toContainText('+10 min');
  await expect(page.locator('.capture-time').first()).toContainText('entered');
  // The timeline's export names the three dumps and the times entered for them.
  const timeline = page.getByTestId('growth-timeline');
  const [download] = await Promise.all([page.waitForEvent('download'), timeline.getByRole('button', { name: 'SVG' }).click()]);
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(/<title>([^<]*)<\/title>/.exec(exported)![1]).toBe('Goroutine growth — goroutine');
  const desc = /<desc>([^<]*)<\/desc>/.exec(exported)![1]!;
  expect(desc).toContain(`File: ${files.join(', ')}`);
  for (const [i, f] of files.entries()) expect(desc).toContain(`${f}: ${times[i]!.replace('T', ' ')}`);
  expect(exported.match(/<path /g)?.length).toBeGreaterThanOrEqual(await timeline.locator('svg path').count());
});
