// Known bugs, end to end: the leak reproductions are recognised with the right ids and the
// counts of the raw text; the version decides what each finding says; references open safely;
// the healthy samples show no finding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const sample = (f: string) => join(repoRoot, 'public/samples', f);

function rawCount(file: string, site: string): number {
  return readFileSync(sample(file), 'utf8')
    .split('\n\n')
    .filter((b) => /^goroutine \d+ \[chan send/.test(b.trim()) && b.trim().split('\n')[1]!.startsWith(`${site}(`)).length;
}

/** Wait minutes (0 without) of the chan-send goroutines at a site, from the raw text. */
function rawWaits(file: string, site: string): number[] {
  return readFileSync(sample(file), 'utf8')
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[chan send/.test(l[0]!) && l[1]!.startsWith(`${site}(`))
    .map((l) => Number(/, (\d+) minutes/.exec(l[0]!)?.[1] ?? 0));
}

const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const delcolSite = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1';

test('the leak dump is recognised: ids, counts, badges, version statuses, references', async ({ page }) => {
  const file = 'apiserver-leaks.t2.goroutine.debug2.txt';
  await page.goto('./');
  await dropFiles(page, [sample(file)]);
  const findings = page.getByTestId('finding');
  await expect(findings).toHaveCount(2);
  const timeout = page.locator('[data-finding="KAS-TIMEOUT-LEAK"]');
  const delcol = page.locator('[data-finding="KAS-DELCOL"]');
  await expect(timeout.getByTestId('finding-evidence')).toContainText(`${rawCount(file, timeoutSite).toLocaleString('en-US')} goroutines in chan send at ${timeoutSite}`);
  await expect(delcol.getByTestId('finding-evidence')).toContainText(`${rawCount(file, delcolSite).toLocaleString('en-US')} goroutines in chan send at ${delcolSite}`);
  await expect(timeout.getByTestId('finding-status')).toHaveText('version unknown');
  // The pace one dump tells: goroutines per full minute of the window, over its oldest minute + 1.
  const waits = rawWaits(file, timeoutSite);
  const top = Math.max(...waits);
  const perMinute = Math.round(waits.filter((m) => m < top).length / top);
  await expect(timeout.getByTestId('finding-block-rate')).toHaveText(`From this dump alone: blocked ~${perMinute} per minute over the last ${top + 1} minutes (steady).`);

  // Badges where the evidence is: the group rows and the histogram legend.
  const rows = page.getByTestId('group-table').locator('tbody tr');
  await expect(rows.nth(0).getByTestId('finding-badge')).toHaveText('KAS-TIMEOUT-LEAK');
  await expect(rows.nth(1).getByTestId('finding-badge')).toHaveText('KAS-DELCOL');
  await expect(page.getByTestId('wait-histogram').getByTestId('finding-badge')).toHaveCount(2);

  // The version turns into affected / fixed, and goes into the URL.
  await page.getByLabel('kube-apiserver version').fill('v1.18.4-eks-1a2b3c');
  await expect(timeout.getByTestId('finding-status')).toHaveText('fixed in this version');
  await expect(delcol.getByTestId('finding-status')).toHaveText('affected');
  await expect.poll(() => new URL(page.url()).searchParams.get('version')).toBe('v1.18.4-eks-1a2b3c');

  // References open in a new tab without handing over the page.
  await timeout.getByRole('button', { name: 'Why, and what to do' }).click();
  const links = timeout.locator('.refs a');
  await expect(links.first()).toHaveAttribute('href', 'https://github.com/kubernetes/kubernetes/issues/68001');
  for (const a of await links.all()) {
    await expect(a).toHaveAttribute('target', '_blank');
    await expect(a).toHaveAttribute('rel', 'noopener noreferrer');
  }
  await page.screenshot({ path: test.info().outputPath('findings.png'), fullPage: true });
});

test('?version= in the address applies to the file opened from it', async ({ page }) => {
  await page.goto('./?sample=apiserver-leaks-t1-goroutine-debug2&version=1.12.4');
  await expect(page.locator('[data-finding="KAS-TIMEOUT-LEAK"]').getByTestId('finding-status')).toHaveText('affected');
  await expect(page.getByLabel('kube-apiserver version')).toHaveValue('1.12.4');
});

test('the leak heap shows DeleteCollection memory, badged in the top table', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [sample('apiserver-leaks.t2.heap.pb.gz')]);
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(page.locator('[data-finding="KAS-DELCOL"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Top' }).click();
  await page.getByLabel('Filter rows').fill('DeleteCollection$');
  await expect(page.locator('.top-rows .top-row').first().getByTestId('finding-badge')).toHaveText('KAS-DELCOL');
});

test('the healthy samples show no finding', async ({ page }) => {
  for (const f of ['toyserver.goroutine.debug2.txt', 'toyserver.heap.pb.gz', 'toyserver.cpu.pb.gz']) {
    await page.goto('./');
    await dropFiles(page, [sample(f)]);
    await expect(page.getByTestId('no-findings')).toContainText('No known kube-apiserver or client-go bug matches');
    await expect(page.getByTestId('finding')).toHaveCount(0);
  }
});
