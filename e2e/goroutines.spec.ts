// Goroutine dumps as an operator reads them: the header, the wait histogram and the top groups
// against counts this test takes from the raw text itself; drilling down to a stack; the same
// counts per blocking site from debug=0, 1 and 2; filters that live in the URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const sample = (f: string) => join(repoRoot, 'public/samples', f);
const t2 = sample('apiserver-leaks.t2.goroutine.debug2.txt');

interface RawGoroutine {
  id: number;
  state: string;
  minutes: number;
  top: string;
  frames: Array<{ func: string; where: string }>;
}

/** The dump read with plain string handling, independent of the app's parser. */
function readRaw(path: string): RawGoroutine[] {
  return readFileSync(path, 'utf8')
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[/.test(l[0]!))
    .map((l) => {
      const [, id, status] = /^goroutine (\d+) \[(.*)\]:$/.exec(l[0]!)!;
      const parts = status!.split(', ');
      const minutes = parts.find((p) => p.endsWith(' minutes'));
      const frames: RawGoroutine['frames'] = [];
      for (let i = 1; i + 1 < l.length && !l[i]!.startsWith('created by '); i += 2) {
        frames.push({ func: l[i]!.replace(/\([^()]*\)$/, ''), where: l[i + 1]!.trim().replace(/ \+0x[0-9a-f]+$/, '') });
      }
      return { id: Number(id), state: parts[0]!, minutes: minutes ? Number.parseInt(minutes, 10) : 0, top: frames[0]?.func ?? '', frames };
    });
}

// The t2 dump's longest wait is 8 minutes: one bucket per minute (analysis/waitBuckets.ts).
const bucketOf = (m: number) => (m === 0 ? '<1 min' : `${m} min`);

test('a debug=2 dump: header, histogram and groups agree with the raw text', async ({ page }) => {
  const raw = readRaw(t2);
  await page.goto('./');
  await dropFiles(page, [t2]);
  const summary = page.getByTestId('goroutine-summary');
  await expect(summary).toContainText(`${raw.length.toLocaleString('en-US')} goroutines`);
  const states = new Map<string, number>();
  for (const g of raw) states.set(g.state, (states.get(g.state) ?? 0) + 1);
  for (const [state, n] of states) {
    await expect(summary.locator(`[data-state="${state}"]`)).toContainText(n.toLocaleString('en-US'));
  }

  // Bars: total per wait bucket.
  const perBucket = new Map<string, number>();
  for (const g of raw) perBucket.set(bucketOf(g.minutes), (perBucket.get(bucketOf(g.minutes)) ?? 0) + 1);
  const histogram = page.getByTestId('wait-histogram');
  for (const [bucket, n] of perBucket) {
    await expect(histogram.locator(`text.bar-total[data-bucket="${bucket}"]`)).toHaveText(n.toLocaleString('en-US'));
  }
  // Segments of the largest site, bucket by bucket.
  const top = raw.filter((g) => g.top === 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1');
  for (const bucket of new Set(top.map((g) => bucketOf(g.minutes)))) {
    const n = top.filter((g) => bucketOf(g.minutes) === bucket).length;
    await expect(histogram.locator(`rect.bar-segment[data-series="${top[0]!.top}"][data-bucket="${bucket}"]`)).toHaveAttribute('data-count', String(n));
  }

  // The group table: the largest (state, top frame) groups, in order.
  const groups = new Map<string, number>();
  for (const g of raw) groups.set(`${g.state}|${g.top}`, (groups.get(`${g.state}|${g.top}`) ?? 0) + 1);
  const expected = [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2);
  const rows = page.getByTestId('group-table').locator('tbody tr');
  for (const [i, [key, n]] of expected.entries()) {
    const [state, site] = key.split('|');
    await expect(rows.nth(i).locator('td').nth(0)).toHaveText(n.toLocaleString('en-US'));
    await expect(rows.nth(i).locator('td').nth(2)).toHaveText(state!);
    await expect(rows.nth(i).locator('td.site')).toContainText(site!);
  }
  await page.screenshot({ path: test.info().outputPath('goroutines.png'), fullPage: true });

  // Drill down: the second group's stack, frame by frame, as the raw text has it.
  await rows.nth(1).click();
  const detail = page.getByTestId('group-detail');
  await expect(detail).toContainText(`${expected[1]![1].toLocaleString('en-US')} goroutines in chan send`);
  const frames = detail.getByTestId('stack-frames').locator('li');
  const one = raw.find((g) => `${g.state}|${g.top}` === expected[1]![0])!;
  for (const [i, f] of one.frames.entries()) {
    await expect(frames.nth(i)).toContainText(f.func);
    await expect(frames.nth(i)).toContainText(f.where);
  }
  await expect(detail.getByTestId('creator-gone')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('group-detail.png'), fullPage: true });
});

test('clicking a histogram segment opens its group; a creator link jumps to the creator', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [t2]);
  await page.locator('rect.bar-segment[data-series="k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1"][data-bucket="5 min"]').click();
  await expect(page.getByTestId('group-detail')).toContainText('registry.(*Store).DeleteCollection.func1');
  // The HTTP connection readers were created by the server's accept loop, which is still there.
  await page.getByTestId('group-table').locator('tbody tr', { hasText: 'net/http.(*connReader).Read' }).click();
  await page.getByTestId('creator-link').first().click();
  await expect(page.getByTestId('group-detail')).toContainText('at net/http.(*Server).Serve');
});

test('debug=0, debug=1 and debug=2 of one moment give the same count per blocking site', async ({ page }) => {
  const perSite = async () => {
    await expect(page.getByTestId('group-table')).toBeVisible();
    // The known-bug badges arrive after the groups; the site cells are read with them, so every
    // format must also mark the same sites.
    await expect(page.getByTestId('group-table').locator('.finding-badge').first()).toBeVisible();
    const rows = await page.getByTestId('group-table').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('td.site > div')!.textContent!, Number(tr.querySelector('td')!.textContent!.replace(/,/g, ''))] as const),
    );
    const m: Record<string, number> = {};
    for (const [site, n] of rows) m[site] = (m[site] ?? 0) + n;
    return m;
  };
  const counts = [];
  for (const f of ['apiserver-leaks.t1.goroutine.debug2.txt', 'apiserver-leaks.t1.goroutine.debug1.txt', 'apiserver-leaks.t1.goroutine.pb.gz']) {
    await page.goto('./');
    await dropFiles(page, [sample(f)]);
    counts.push(await perSite());
  }
  expect(Object.keys(counts[0]!).length).toBeGreaterThan(3);
  expect(counts[1]).toEqual(counts[0]);
  expect(counts[2]).toEqual(counts[0]);
});

test('filters by state, wait and frame narrow every view and live in the URL', async ({ page }) => {
  const raw = readRaw(t2);
  await page.goto('./');
  await dropFiles(page, [t2]);
  await page.getByTestId('goroutine-summary').locator('[data-state="chan send"]').click();
  await page.getByLabel('Minimum wait (minutes)').fill('5');
  await page.getByLabel('Frame filter').fill('DeleteCollection');
  const n = raw.filter((g) => g.state === 'chan send' && g.minutes >= 5 && g.frames.some((f) => /DeleteCollection/.test(f.func))).length;
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${n} of ${raw.length.toLocaleString('en-US')} goroutines`);
  await expect.poll(() => new URL(page.url()).searchParams.get('wait')).toBe('5');
  const url = new URL(page.url());
  expect(url.searchParams.getAll('state')).toEqual(['chan send']);
  expect(url.searchParams.get('frame')).toBe('DeleteCollection');
  // The top table counts only the filtered goroutines, out of all of them (as pprof's tagfocus).
  await page.getByRole('tab', { name: 'Top' }).click();
  await expect(page.getByTestId('profile-header')).toContainText(`Showing nodes accounting for ${n}, `);
  await expect(page.getByTestId('profile-header')).toContainText(`of ${raw.length} total`);
  // A fresh page at that address, with the same file dropped, opens with the same filters.
  await page.goto(`./${url.search}`);
  await dropFiles(page, [t2]);
  // The address does not name its file: the page asks before applying its view.
  await expect(page.getByTestId('linked-view-question')).toContainText('Apply the linked view (frame filter "DeleteCollection", states "chan send", waiting at least 5 minutes');
  await page.getByTestId('linked-view-question').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${n} of ${raw.length.toLocaleString('en-US')} goroutines`);
});

test('the blocking-site rules are visible and editable', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [t2]);
  await page.getByText(/Blocking-site rules/).click();
  const rules = page.getByLabel('Blocking-site rules');
  await expect(rules).toHaveValue(/\^runtime\\\./);
  await rules.fill(`${await rules.inputValue()}\n\\.ServeHTTP\\.func1\\.1$`);
  await page.getByRole('button', { name: 'Apply' }).click();
  const first = page.getByTestId('group-table').locator('tbody tr').first();
  await expect(first.locator('td.site')).toContainText('filters.(*timeoutHandler).ServeHTTP.func1');
  const site = first.locator('td.site > div').first();
  await expect(site).not.toContainText('func1.1');
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(site).toContainText('func1.1');
});

test('a crash dump that was cut says so, names its log lines and counts what it did not understand', async ({ page }) => {
  const text = [
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5f2d]',
    '',
    'goroutine 1 [running]:',
    'main.main()',
    '\t/src/main.go:10 +0x1d',
    '',
    'this line is not part of any goroutine dump format ))',
    '',
    'goroutine 7 [chan receive, 3 minutes]:',
    'main.worker(0xc000010000)',
    '\t/src/main.go:20 +0x2e',
    '@@@ garbage inside a goroutine',
    'main.run(...)',
    '\t/src/ma',
  ].join('\n');
  await page.goto('./');
  await page.getByRole('button', { name: 'Paste text…' }).click();
  await page.getByLabel('Dump text').fill(text);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const notes = page.getByTestId('file-notes');
  await expect(notes).toContainText('The dump was cut');
  // The panic and signal lines are crash output, read into the crash summary; line 8 is the program's log.
  await expect(notes).toContainText('1 log line outside any goroutine (line 8).');
  await expect(notes).not.toContainText('line 1,');
  await expect(page.getByTestId('crash-summary')).toContainText('panic: runtime error: invalid memory address or nil pointer dereference');
  await expect(notes).toContainText('1 line not understood (line 13)');
  await expect(page.getByTestId('goroutine-summary')).toContainText('2 goroutines');
});
