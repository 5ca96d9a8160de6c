// Accessibility scan (issue 16.2) with axe-core on the screens a person uses: the first page, a
// heap profile's flame graph, top table and call graph, a goroutine dump with a group open, the
// compare view and the share dialog. No violation of impact serious or critical may remain; the
// others are printed. Colour contrast is left to the themes' own check (issue 16.3).
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, repoRoot } from './support';

const sample = (f: string) => join(repoRoot, 'public/samples', f);

async function scan(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).disableRules(['color-contrast']).analyze();
  const line = (v: (typeof result.violations)[number]) =>
    `${screen}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join(', ')})`;
  const severe = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations.filter((x) => !severe.includes(x))) console.log(line(v));
  console.log(`${screen}: ${result.passes.length} rules passed, ${result.violations.length} violated (${severe.length} serious or critical)`);
  expect(severe.map(line), `serious or critical accessibility violations on ${screen}`).toEqual([]);
}

test('the first page', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Toy shop server: heap' })).toBeVisible();
  await scan(page, 'empty state');
});

test("a heap profile's flame graph, top table and call graph", async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [sample('toyserver.heap.pb.gz')]);
  await expect(page.getByTestId('flame-graph').locator('g.frame').first()).toBeVisible();
  await scan(page, 'heap flame graph');
  await page.getByRole('tab', { name: 'Top' }).click();
  await expect(page.locator('.top-rows .top-row').first()).toBeVisible();
  await scan(page, 'heap top table');
  await page.getByRole('tab', { name: 'Graph', exact: true }).click();
  await expect(page.locator('[data-testid=call-graph] g.graph-node').first()).toBeVisible();
  await scan(page, 'heap call graph');
});

test('a goroutine dump with a group open, and the share dialog', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [sample('apiserver-leaks.t1.goroutine.debug2.txt')]);
  const row = page.getByTestId('group-table').locator('tbody tr').first();
  await row.click();
  await expect(page.getByTestId('group-detail')).toBeVisible();
  await scan(page, 'goroutine groups with a detail open');
  const share = page.getByRole('button', { name: 'Share…' });
  await expect(share).toBeEnabled();
  await share.click();
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  await scan(page, 'share dialog');
});

test('the compare view', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [sample('apiserver-leaks.t1.heap.pb.gz'), sample('apiserver-leaks.t2.heap.pb.gz')]);
  await page.getByRole('button', { name: /Compare 2 profiles/ }).click();
  const compare = page.getByTestId('compare');
  await expect(page.getByTestId('diff-flame-graph').locator('g.frame').first()).toBeVisible();
  await scan(page, 'compare: differential flame graph');
  await compare.getByRole('tab', { name: /Top/ }).click();
  await expect(page.getByTestId('diff-table')).toBeVisible();
  await scan(page, 'compare: diff top table');
});
