// Dumps dropped together, as an operator does mid-incident: three of one leaking process taken
// two minutes apart (their files all dated the same second, as after a copy), then three replicas
// of one moment. The rates come from the dumps' own wait minutes, never from the file dates.
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const series = (f: string) => join(repoRoot, 'test/fixtures/series', f);
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const sameSecond = Date.UTC(2026, 11, 3, 12, 0, 0);

test('three dumps of one process: the time between them from their wait minutes, and the leak rates', async ({ page }) => {
  await page.goto('./');
  const files = ['leak-a.t4', 'leak-a.t2', 'leak-a.t3'].map((s) => ({ path: series(`${s}.goroutine.debug2.txt.gz`), lastModified: sameSecond }));
  await dropFiles(page, files);
  await page.getByRole('button', { name: /Compare 3 dumps/ }).click();
  await expect(page.getByTestId('process-note')).toContainText('one process: each dump still holds the goroutines waiting in the one before');
  const notes = page.getByTestId('interval-notes').locator('li');
  await expect(notes).toHaveCount(2);
  await expect(notes.nth(0)).toContainText('leak-a.t2.goroutine.debug2.txt.gz → leak-a.t3.goroutine.debug2.txt.gz: 2 min ± 1 min, from the wait minutes of');
  await expect(notes.nth(1)).toContainText('leak-a.t3.goroutine.debug2.txt.gz → leak-a.t4.goroutine.debug2.txt.gz');
  const head = page.getByTestId('growth-table').locator('thead th');
  await expect(head.nth(3)).toContainText('leak-a.t2');
  await expect(head.nth(5)).toContainText('leak-a.t4');
  const first = page.getByTestId('growth-table').locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-site', timeoutSite);
  await expect(first).toHaveAttribute('data-verdict', 'leak-suspect');
  await expect(first.locator('td.rate')).toHaveText(/^\+[\d,]+ in 4 min ± 1 min: [\d,]+-[\d,]+ per minute$/);
  // No rate anywhere comes from the file dates.
  await expect(page.getByText('Times from file dates: not reliable')).toHaveCount(0);
  await expect(page.getByTestId('growth-timeline').locator('path').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('growth-one-process.png'), fullPage: true });
});

test('three replicas of one moment: side by side with the pile-up named, no growth', async ({ page }) => {
  await page.goto('./');
  const names = ['leak-a.t3', 'leak-b.t2', 'healthy-c'].map((s) => `${s}.goroutine.debug2.txt.gz`);
  await dropFiles(page, names.map((n) => ({ path: series(n), lastModified: sameSecond })));
  await page.getByRole('button', { name: /Compare 3 dumps/ }).click();
  await expect(page.getByTestId('process-note')).toContainText('Different processes');
  await expect(page.getByRole('heading', { name: /Side by side/ })).toBeVisible();
  await expect(page.getByTestId('growth-table')).toHaveCount(0);
  const row = page.getByTestId('replica-table').locator(`tbody tr[data-site="${timeoutSite}"]`);
  const cells = await row.locator('td').allInnerTexts();
  expect(cells[0]).toBe(timeoutSite);
  expect(cells[4]).toMatch(/^0\s+0\.0%$/);
  expect(cells[5]).toBe(names[0]);
  await expect(page.getByText(/per minute|\/h\b/)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('growth-replicas.png'), fullPage: true });
});
