// The wait histogram as an operator reads it: buckets that fit the dump (one per minute for short
// waits, widening for long ones) with exact counts on hover; no time axis for formats without
// wait times, and why; the rate one dump tells per group; links made with the old buckets.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const sample = (f: string) => join(repoRoot, 'public/samples', f);
const t2 = sample('apiserver-leaks.t2.goroutine.debug2.txt');
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const n = (x: number) => x.toLocaleString('en-US');

/** Wait minutes (0 without) and first frame of each goroutine, by plain string handling. */
function readRaw(path: string): Array<{ minutes: number; top: string }> {
  return readFileSync(path, 'utf8')
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[/.test(l[0]!))
    .map((l) => {
      const minutes = /, (\d+) minutes[,\]]/.exec(l[0]!);
      return { minutes: minutes ? Number(minutes[1]) : 0, top: l[1]!.replace(/\([^()]*\)$/, '') };
    });
}

test('a dump whose longest wait is 8 minutes has one bar per minute, with exact counts on hover', async ({ page }) => {
  const raw = readRaw(t2);
  const longest = Math.max(...raw.map((g) => g.minutes));
  expect(longest).toBe(8);
  await page.goto('./');
  await dropFiles(page, [t2]);
  const histogram = page.getByTestId('wait-histogram');
  const labels = ['<1 min', ...Array.from({ length: longest }, (_, i) => `${i + 1} min`)];
  await expect(histogram.locator('.x-axis .tick text')).toHaveText(labels);
  for (const [m, label] of labels.entries()) {
    await expect(histogram.locator(`text.bar-total[data-bucket="${label}"]`)).toHaveText(n(raw.filter((g) => g.minutes === m).length));
  }
  await expect(histogram.getByTestId('histogram-resolution')).toContainText('±1 minute');
  await expect(histogram.getByTestId('histogram-resolution')).toContainText('up to one GC interval late');

  // Hover the timeout handler's segment at 3 minutes: its count and the bar's, as the text has them.
  const segment = histogram.locator(`rect.bar-segment[data-series="${timeoutSite}"][data-bucket="3 min"]`);
  await segment.hover();
  const tip = histogram.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(`waiting 3 min: ${n(raw.filter((g) => g.top === timeoutSite && g.minutes === 3).length)} goroutines`);
  await expect(tip).toContainText('(3 minutes shown)');
  await expect(tip).toContainText(`this bar: ${n(raw.filter((g) => g.minutes === 3).length)} goroutines`);
  await page.screenshot({ path: test.info().outputPath('per-minute-histogram.png') });

  // A click still opens the group behind the segment.
  await segment.click();
  await expect(page.getByTestId('group-detail')).toContainText(`in chan send at ${timeoutSite}`);
});

test('long waits get widening buckets on round numbers, each bar its exact count', async ({ page }) => {
  // A dump as the runtime prints it, with waits from none to a day (1,500 minutes).
  const waits: Array<[number, number]> = [
    [0, 5],
    [3, 4],
    [12, 3],
    [40, 6],
    [200, 2],
    [1500, 7],
  ];
  let id = 1;
  const blocks: string[] = [];
  for (const [minutes, count] of waits) {
    for (let i = 0; i < count; i++) {
      blocks.push(
        [
          `goroutine ${id++} [chan receive${minutes > 0 ? `, ${minutes} minutes` : ''}]:`,
          'main.worker(0xc000010000)',
          '\t/src/main.go:20 +0x2e',
          'created by main.main',
          '\t/src/main.go:9 +0x3c',
        ].join('\n'),
      );
    }
  }
  const file = test.info().outputPath('long-waits.goroutine.debug2.txt');
  writeFileSync(file, `${blocks.join('\n\n')}\n`);
  await page.goto('./');
  await dropFiles(page, [file]);
  const histogram = page.getByTestId('wait-histogram');
  await expect(histogram.locator('.x-axis .tick text')).toHaveText([
    '<1 min',
    '1 min',
    '2 min',
    '3 min',
    '4 min',
    '5-9 min',
    '10-14 min',
    '15-29 min',
    '30-59 min',
    '60-119 min',
    '2-3 h',
    '4-7 h',
    '8-23 h',
    '1 d',
  ]);
  for (const [label, count] of [
    ['<1 min', 5],
    ['3 min', 4],
    ['10-14 min', 3],
    ['30-59 min', 6],
    ['2-3 h', 2],
    ['1 d', 7],
  ] as const) {
    await expect(histogram.locator(`text.bar-total[data-bucket="${label}"]`)).toHaveText(String(count));
  }
  await histogram.locator('rect.bar-segment[data-bucket="2-3 h"]').hover();
  await expect(histogram.getByRole('tooltip')).toContainText('waiting 2-3 h: 2 goroutines');
  await expect(histogram.getByRole('tooltip')).toContainText('(120 to 239 minutes shown)');
  await page.screenshot({ path: test.info().outputPath('long-wait-histogram.png') });
});

test('debug=1 and debug=0 profiles show the sites by count and why there is no time axis', async ({ page }) => {
  const raw = readRaw(t2);
  await page.goto('./');
  await dropFiles(page, [sample('apiserver-leaks.t2.goroutine.debug1.txt')]);
  const sites = page.getByTestId('sites-by-count');
  await expect(sites.getByTestId('no-time-axis')).toHaveText(
    'No wait histogram: debug=1 profiles carry no wait times; take /debug/pprof/goroutine?debug=2 for them.',
  );
  await expect(page.getByTestId('wait-histogram')).toHaveCount(0);
  // The same moment's debug=2 text says how many goroutines each site has.
  const first = sites.locator('li').first();
  await expect(first).toContainText(timeoutSite);
  await expect(first.locator('.num')).toHaveText(n(raw.filter((g) => g.top === timeoutSite).length));
  await expect(page.getByTestId('group-table').getByTestId('block-rate')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('sites-by-count.png'), fullPage: true });
  await first.click();
  await expect(page.getByTestId('group-detail')).toContainText(timeoutSite);

  // debug=0, the protobuf goroutine profile, the same.
  await page.goto('./');
  await dropFiles(page, [sample('apiserver-leaks.t2.goroutine.pb.gz')]);
  await expect(page.getByTestId('no-time-axis')).toHaveText(
    'No wait histogram: debug=0 (protobuf) goroutine profiles carry no wait times; take /debug/pprof/goroutine?debug=2 for them.',
  );
  await expect(page.getByTestId('sites-by-count').locator('li').first().locator('.num')).toHaveText(n(raw.filter((g) => g.top === timeoutSite).length));
  await expect(page.getByTestId('wait-histogram')).toHaveCount(0);
});

test('a group says how fast its goroutines blocked, from this one dump, with the resolution', async ({ page }) => {
  const raw = readRaw(t2).filter((g) => g.top === timeoutSite);
  // The rule's rate: goroutines of the full minutes (all but the oldest) per minute.
  const top = Math.max(...raw.map((g) => g.minutes));
  const perMinute = Math.round(raw.filter((g) => g.minutes < top).length / top);
  await page.goto('./');
  await dropFiles(page, [t2]);
  const row = page.getByTestId('group-table').locator('tbody tr', { hasText: timeoutSite });
  await expect(row.getByTestId('block-rate')).toHaveText(`~${perMinute}/min steady`);
  await row.click();
  const detail = page.getByTestId('group-detail');
  await expect(detail.getByTestId('group-block-rate')).toContainText(`Blocked ~${perMinute} per minute over the last ${top + 1} minutes (steady).`);
  await expect(detail.getByTestId('group-block-rate')).toContainText('±1 minute');
  await page.screenshot({ path: test.info().outputPath('group-rate.png'), fullPage: true });

  // A small group has no rate, and says why.
  await page.getByTestId('group-table').locator('tbody tr', { hasText: 'net/http.(*connReader).Read' }).click();
  await expect(detail.getByTestId('group-block-rate')).toHaveText('No block rate from this dump: 16 goroutines are too few for a rate (it takes 20).');
});

test('a link made with the old wait buckets still opens to its histogram', async ({ page }) => {
  const link = readFileSync(join(repoRoot, 'test/share/corpus/made-by-v3/kind-group.link'), 'utf8').trim();
  await page.goto(`./#${link}`);
  const found = page.getByTestId('report').getByTestId('report-finding');
  await expect(found).toHaveCount(1);
  for (const [label, count] of [
    ['<1', 124],
    ['1-4', 517],
    ['5-14', 394],
    ['15-59', 0],
  ] as const) {
    await expect(found.locator(`svg g[data-bucket="${label}"]`)).toHaveAttribute('data-count', String(count));
  }
});
