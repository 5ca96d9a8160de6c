// Replicas as one set: three masters' dumps from one archive open as three tabs, and one click
// makes them one tab whose groups have a column per replica; the counts in each column are read
// here from each dump's raw text. Findings say which replicas show them. Three heap profiles
// merge as `go tool pprof -top` merges them, each replica with its own column.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { test, expect, repoRoot, dropFiles } from './support';

const series = (f: string) => join(repoRoot, 'test/fixtures/series', f);
const text = (f: string) => new Uint8Array(gunzipSync(readFileSync(series(f))));
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';

/** Goroutines in chan send whose first frame outside the runtime is the timeout handler's: from the text. */
function timeoutPileUp(dump: Uint8Array): number {
  let n = 0;
  for (const block of new TextDecoder().decode(dump).split('\n\n')) {
    const lines = block.split('\n');
    if (!/^goroutine \d+ \[chan send[,\]]/.test(lines[0] ?? '')) continue;
    const site = lines.slice(1).find((l) => !l.startsWith('\t') && !l.startsWith('runtime.'));
    if (site?.startsWith(`${timeoutSite}(`)) n++;
  }
  return n;
}
const headers = (dump: Uint8Array) => new TextDecoder().decode(dump).split('\n').filter((l) => /^goroutine \d+ \[.*\]:$/.test(l)).length;

test('three masters from one archive become one set with a column per replica', async ({ page }) => {
  const dumps = {
    'master-1': text('leak-a.t3.goroutine.debug2.txt.gz'),
    'master-2': text('leak-b.t2.goroutine.debug2.txt.gz'),
    'master-3': text('healthy-c.goroutine.debug2.txt.gz'),
  };
  const out = join(repoRoot, 'test-results', 'sets-input');
  mkdirSync(out, { recursive: true });
  const tgz = join(out, 'masters.tar.gz');
  writeFileSync(tgz, gzipSync(createTar(Object.entries(dumps).map(([m, data]) => ({ name: `${m}/goroutine.txt`, data })))));
  await page.goto('./');
  await dropFiles(page, [tgz]);
  const tabs = page.getByRole('navigation', { name: 'Open files' });
  await expect(tabs.getByRole('button', { name: 'masters.tar.gz › master-3/goroutine.txt', exact: true })).toBeVisible();

  await tabs.getByRole('button', { name: '⊕ One set of 3 debug=2 dumps' }).click();
  const total = Object.values(dumps).reduce((n, d) => n + headers(d), 0);
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${total.toLocaleString('en-US')} goroutines`);
  const table = page.getByTestId('group-table');
  await expect(table.locator('th.member-head')).toHaveText(['master-1', 'master-2', 'master-3']);

  const expected = Object.values(dumps).map(timeoutPileUp);
  expect(expected[0]).toBeGreaterThan(1000);
  expect(expected[2]).toBe(0);
  const row = table.locator('tbody tr').filter({ hasText: timeoutSite }).filter({ hasText: 'chan send' });
  await expect(row.locator('td.member-count')).toHaveText(expected.map((n) => n.toLocaleString('en-US')));
  await expect(row.locator('td.member-count.pile-up')).toHaveAttribute('data-member', '0');
  // A block rate is one process's: the set has none, and says why.
  await expect(row.getByTestId('block-rate')).toHaveAttribute('title', /set of several processes/);

  // The group in detail names every replica with its count.
  await row.locator('td').first().click();
  await expect(page.getByTestId('group-replicas')).toContainText(
    `masters.tar.gz › master-1/goroutine.txt ${expected[0]!.toLocaleString('en-US')} · masters.tar.gz › master-2/goroutine.txt ${expected[1]!.toLocaleString('en-US')} · masters.tar.gz › master-3/goroutine.txt 0`,
  );

  // Findings: the timeout leak is master-1's and master-2's, not master-3's.
  const finding = page.locator('[data-finding="KAS-TIMEOUT-LEAK"]');
  await expect(finding.getByTestId('finding-replicas')).toContainText('Seen in 2 of 3 replicas');
  await expect(finding.getByTestId('finding-replicas').locator('li')).toHaveCount(3);
  await expect(finding.getByTestId('finding-replicas').locator('li').nth(2)).toHaveText('masters.tar.gz › master-3/goroutine.txt: not seen');
  await expect(finding.getByTestId('finding-evidence')).toContainText(`Strongest in masters.tar.gz › master-1/goroutine.txt: ${expected[0]!.toLocaleString('en-US')} goroutines in chan send at ${timeoutSite}`);
  await page.screenshot({ path: test.info().outputPath('set-of-dumps.png'), fullPage: true });
});

test('three heap profiles merge as pprof merges them, with a column per replica', async ({ page }) => {
  const heaps = ['leak-a.t3.heap.pb.gz', 'leak-b.t2.heap.pb.gz', 'healthy-c.heap.pb.gz'];
  await page.goto('./');
  await dropFiles(page, heaps.map(series));
  const tabs = page.getByRole('navigation', { name: 'Open files' });
  await expect(tabs.getByRole('button', { name: heaps[2]!, exact: true })).toBeVisible();
  await tabs.getByRole('button', { name: /^⊕ One set of 3 .* profiles$/ }).click();
  await page.getByRole('tab', { name: 'Top' }).click();
  // go tool pprof -top of the three files (test/oracle/set): its first row and its total.
  const oracle = readFileSync(join(repoRoot, 'test/oracle/set/heap-replicas.default.top'), 'utf8').split('\n');
  const first = oracle[oracle.findIndex((l) => l.trim().startsWith('flat  flat%')) + 1]!.trim().split(/\s+/);
  const table = page.getByTestId('top-table');
  await expect(table.locator('.member-head')).toHaveText(['leak-a.t3', 'leak-b.t2', 'healthy-c']);
  const row = table.locator('[data-row="0"]');
  await expect(row.locator('[role=cell]').nth(0)).toHaveText(first[0]!);
  await expect(row.locator('[role=cell]').nth(1)).toHaveText(first[1]!);
  await expect(row.locator('.name')).toContainText(first[5]!);
  await expect(row.locator('.member-flat')).toHaveCount(3);
});
