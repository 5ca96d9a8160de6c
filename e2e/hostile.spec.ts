// Files from production are data, never code: names, paths, labels and states that hold HTML
// and script show as text and run nothing; a gzip bomb stops at the cap without freezing the
// tab; a 200 MB dump loads.
import { existsSync, mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { generateGoroutineDump } from '../bench/gen/goroutine-dump';
import { test, expect, dropFiles, repoRoot } from './support';
import { encodeProfile } from './profilegen';

const payloads = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  'javascript:alert(3)',
  '<svg><animate onbegin=alert(4) attributeName=x dur=1s>',
  '"><iframe srcdoc="<script>parent.alert(5)</script>">',
];

test('a profile whose names, files and labels hold HTML and script shows them as text', async ({ page, guards }, info) => {
  const functions = [
    { name: 'main.main', file: '/src/main.go' },
    ...payloads.map((p, i) => ({ name: `evil.F${i}${p}`, file: `/src/${p}/x.go` })),
  ];
  const samples = payloads.map((p, i) => ({ stack: [i + 1, 0], value: 10 * (i + 1), labels: { note: p } }));
  const path = info.outputPath('hostile.pb.gz');
  writeFileSync(path, encodeProfile(functions, samples));
  await page.goto('./');
  await dropFiles(page, [path]);
  await expect(page.getByTestId('flame-graph').locator('g.frame').first()).toBeVisible();
  // Hover every hostile frame (tooltips), search for one, then read the top table.
  for (const [i] of payloads.entries()) {
    await page.locator(`[data-testid=flame-graph] g.frame`).filter({ has: page.locator(`xpath=self::*[starts-with(@name, "evil.F${i}")]`) }).first().hover();
    await expect(page.getByRole('tooltip')).toContainText(`evil.F${i}${payloads[i]}`);
  }
  await page.getByLabel('Search frames').fill('<script>');
  await page.getByRole('tab', { name: 'Top' }).click();
  for (const [i, p] of payloads.entries()) await expect(page.getByTestId('top-table')).toContainText(`evil.F${i}${p}`);
  await page.waitForTimeout(500);
  expect(await page.locator('img[src=x], iframe, script:not([src])').count()).toBe(0);
  expect(guards.dialogs).toEqual([]);
});

test('a dump whose paths, states and labels hold HTML and script shows them as text', async ({ page, guards }) => {
  const text = [
    ...payloads.flatMap((p, i) => [
      `goroutine ${i + 1} [${p.replace(/[,\]]/g, '')}, ${i + 1} minutes]:`,
      `main.worker${i}(0x1)`,
      `\t/src/${p}/main.go:${20 + i} +0x2e`,
      'created by main.main',
      `\t/src/${p}/main.go:9 +0x3f`,
      '',
    ]),
  ].join('\n');
  await page.goto('./');
  await page.getByRole('button', { name: 'Paste text…' }).click();
  await page.getByLabel('Dump text').fill(text);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${payloads.length} goroutines`);
  await expect(page.getByTestId('goroutine-summary')).toContainText('<script>alert(2)</script>');
  await page.getByTestId('group-table').locator('tbody tr').first().click();
  await expect(page.getByTestId('stack-frames')).toContainText('/src/');
  await page.waitForTimeout(500);
  expect(await page.locator('img[src=x], iframe, script:not([src])').count()).toBe(0);
  expect(guards.dialogs).toEqual([]);
});

async function gzipZeros(path: string, chunks: number, lieAboutSize: boolean): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const gz = createGzip({ level: 9 });
    gz.pipe(createWriteStream(path)).on('finish', resolve).on('error', reject);
    const chunk = Buffer.alloc(16 << 20);
    let left = chunks;
    const write = () => {
      while (left > 0) {
        left--;
        if (!gz.write(chunk)) return void gz.once('drain', write);
      }
      gz.end();
    };
    write();
  });
  if (lieAboutSize) {
    // A hostile file can claim any size in its trailer: claim a small one.
    const { openSync, fstatSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from([0x00, 0x10, 0x00, 0x00]), 0, 4, fstatSync(fd).size - 4);
    closeSync(fd);
  }
}

test('a gzip bomb whose trailer says how big it is is refused at once', async ({ page }, info) => {
  const path = info.outputPath('honest-bomb.gz');
  await gzipZeros(path, 96, false); // 1.5 GB of zeros in about 1.5 MB
  await page.goto('./');
  const started = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('load-error')).toContainText('honest-bomb.gz: the file inflates to 1.5 GiB, more than the 1 GiB cap');
  console.log(`[measure] gzip bomb with an honest trailer refused after ${Date.now() - started} ms`);
});

test('a gzip bomb that lies about its size stops at the cap, and the tab stays responsive', async ({ page }, info) => {
  test.setTimeout(120_000);
  const path = info.outputPath('bomb.gz');
  await gzipZeros(path, 96, true);
  await page.goto('./');
  const started = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  // While it inflates, the page answers: a script runs and the load is still going.
  const t = Date.now();
  await page.evaluate(() => document.title);
  console.log(`[measure] page answered in ${Date.now() - t} ms while the bomb inflated`);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await expect(page.getByTestId('load-error')).toContainText(/bomb\.gz: (the file inflates to more than the 1 GiB cap|.*exceeds the 1 GiB cap)/, { timeout: 60_000 });
  console.log(`[measure] gzip bomb (1.5 GB of zeros) stopped at the 1 GiB cap after ${Date.now() - started} ms`);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('heading', { name: /Drop a Go profile/ })).toBeVisible();
});

test('a 200 MB goroutine dump loads in Chromium', async ({ page }) => {
  test.setTimeout(180_000);
  const path = join(repoRoot, 'bench/out/goroutines-200mb.txt');
  if (!existsSync(path)) {
    mkdirSync(join(repoRoot, 'bench/out'), { recursive: true });
    writeFileSync(path, generateGoroutineDump({ goroutines: 130_000, sites: 20, minDepth: 10, maxDepth: 60, seed: 3 }));
  }
  await page.goto('./');
  const started = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('goroutine-summary')).toContainText('130,000 goroutines', { timeout: 120_000 });
  console.log(`[measure] 200 MB dump: goroutine view after ${Date.now() - started} ms (includes Playwright handing over the file)`);
});
