// pprof labels as an operator uses them mid-incident: a labelled goroutine profile (debug=1,
// `# labels: {...}` lines) dropped in; the group detail and the stack view list the labels with
// counts; grouping by a label splits the rows; a tag filter (pprof's -tagfocus/-tagignore)
// changes the totals everywhere; a reload at the same address shows the same view. Expected
// numbers come from the text itself, read with plain string handling, not the app's parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const file = join(repoRoot, 'test/fixtures/series/leak-a.t3.goroutine.debug1.txt');
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const delcolSite = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';

/** Records of the debug=1 text: count and labels (the `# labels:` line is JSON-compatible here). */
function readRecords(): Array<{ count: number; labels: Record<string, string> }> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Array<{ count: number; labels: Record<string, string> }> = [];
  lines.forEach((line, i) => {
    const m = /^(\d+) @ /.exec(line);
    if (!m) return;
    const next = lines[i + 1] ?? '';
    out.push({ count: Number(m[1]), labels: next.startsWith('# labels: ') ? (JSON.parse(next.slice('# labels: '.length)) as Record<string, string>) : {} });
  });
  return out;
}

const fmt = (n: number) => n.toLocaleString('en-US');

test('labels show in the group detail and stack, split the groups, filter the totals, and stay in the URL', async ({ page }) => {
  const records = readRecords();
  const total = records.reduce((n, r) => n + r.count, 0);
  const sum = (keep: (l: Record<string, string>) => boolean) => records.filter((r) => keep(r.labels)).reduce((n, r) => n + r.count, 0);
  const list = sum((l) => l.verb === 'LIST');
  const delcol = sum((l) => l.verb === 'DELETECOLLECTION');
  const unlabelled = sum((l) => l.verb === undefined);
  const configmaps = sum((l) => l.verb === 'DELETECOLLECTION' && l.resource === 'configmaps');
  expect(list).toBeGreaterThan(0);
  expect(configmaps).toBeGreaterThan(0);

  await page.goto('./');
  await dropFiles(page, [file]);
  await page.getByRole('tab', { name: 'Goroutines' }).click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(total)} goroutines`);

  // The label bar appears because the file has labels.
  await expect(page.getByTestId('label-bar')).toBeVisible();

  // Group detail of the timeoutHandler pile-up lists its labels with counts.
  const table = page.getByTestId('group-table');
  await table.locator('tbody tr', { hasText: timeoutSite }).first().click();
  const groupLabels = page.getByTestId('group-labels');
  await expect(groupLabels.locator('[data-key="verb"]')).toContainText(`verb=LIST ${fmt(list)}`);
  await expect(groupLabels.locator('[data-key="resource"]')).toContainText('resource=pods');
  // The stack view: the labels of the selected stack.
  await expect(page.getByTestId('stack-labels').locator('[data-key="scope"]')).toContainText('scope=cluster');

  // Group by verb: the DeleteCollection pile-up is its own row per value; no-verb goroutines apart.
  await page.getByLabel('Group by label').selectOption('verb');
  await expect(table.locator('thead')).toContainText('verb');
  const delRow = table.locator('tbody tr', { hasText: delcolSite }).filter({ has: page.locator('[data-label="DELETECOLLECTION"]') });
  await expect(delRow.locator('td.num').first()).toHaveText(fmt(delcol));
  const listRow = table.locator('tbody tr').filter({ has: page.locator('[data-label="LIST"]') });
  await expect(listRow.locator('td.num').first()).toHaveText(fmt(list));
  await expect(table.locator('[data-label=""]').first()).toHaveText('(no verb)');
  await expect(table.locator('[data-label="LIST"]')).toHaveText('verb=LIST');
  const noVerbCounts = await table
    .locator('tbody tr')
    .filter({ has: page.locator('[data-label=""]') })
    .evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td.num')!.textContent!.replace(/,/g, ''))));
  expect(noVerbCounts.reduce((a, b) => a + b, 0)).toBe(unlabelled);
  await delRow.locator('td.num').first().click();
  await expect(page.getByTestId('group-label')).toHaveText('verb=DELETECOLLECTION');

  // A bad expression is a message, not applied.
  await page.getByLabel('Label focus (tagfocus)').fill('verb=(');
  await expect(page.getByTestId('label-bar').getByRole('alert')).toContainText('parsing tagfocus regexp');
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(total)} goroutines`);

  // pprof's -tagfocus=verb=DELETECOLLECTION -tagignore=resource=pods.
  await page.getByLabel('Label focus (tagfocus)').fill('verb=DELETECOLLECTION');
  await page.getByLabel('Label ignore (tagignore)').fill('resource=pods');
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(delcol)} of ${fmt(total)} goroutines`);
  await expect.poll(() => new URL(page.url()).searchParams.get('tagfocus')).toBe('verb=DELETECOLLECTION');
  const url = new URL(page.url());
  expect(url.searchParams.get('tagignore')).toBe('resource=pods');
  expect(url.searchParams.get('groupBy')).toBe('verb');

  // The top table counts the kept goroutines of all of them, and names the filters as pprof does.
  await page.getByRole('tab', { name: 'Top' }).click();
  const header = page.getByTestId('profile-header');
  await expect(header).toContainText('Active filters:');
  await expect(header).toContainText('tagfocus=verb=DELETECOLLECTION');
  await expect(header).toContainText(`Showing nodes accounting for ${delcol}, ${((delcol / total) * 100).toFixed(2)}% of ${total} total`);

  // A reload brings the file back (kept in the browser for this tab) in the same view.
  await page.reload();
  await expect(page.getByTestId('profile-header')).toContainText(`Showing nodes accounting for ${delcol}, `);
  await page.getByRole('tab', { name: 'Goroutines' }).click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(delcol)} of ${fmt(total)} goroutines`);
  await expect(page.getByLabel('Label focus (tagfocus)')).toHaveValue('verb=DELETECOLLECTION');
  await expect(page.getByLabel('Label ignore (tagignore)')).toHaveValue('resource=pods');
  await expect(page.getByLabel('Group by label')).toHaveValue('verb');
  await expect(table.locator('[data-label="DELETECOLLECTION"]')).toHaveCount(1);
  const first = table.locator('tbody tr').first();
  await expect(first.locator('td.num').first()).toHaveText(fmt(delcol));
  // Its detail: the resources left after ignoring pods, with counts.
  await first.locator('td.num').first().click();
  await expect(page.getByTestId('group-labels').locator('[data-key="resource"]')).toContainText(`resource=configmaps ${fmt(configmaps)}`);
});
