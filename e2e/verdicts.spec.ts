// Known-bug verdicts do not depend on the format pulled: the debug=2 dump of a leak's first
// minute (leak-a.t1: 228 timeoutHandler goroutines in chan send, none waiting a minute) shows the
// findings marked early with what would confirm them; the debug=1 of the same moment shows the
// same findings, saying that its format carries no wait times.
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const series = (f: string) => join(repoRoot, 'test/fixtures/series', f);
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';

test('a dump from the leak\'s first minute: early findings, then the same from its debug=1', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [series('leak-a.t1.goroutine.debug2.txt.gz')]);
  const findings = page.getByTestId('finding');
  await expect(findings).toHaveCount(2);
  const timeout = page.locator('[data-finding="KAS-TIMEOUT-LEAK"]');
  const delcol = page.locator('[data-finding="KAS-DELCOL"]');
  await expect(timeout.getByTestId('finding-evidence')).toHaveText(`228 goroutines in chan send at ${timeoutSite}, waiting 0-0 minutes (66.1% of all goroutines).`);
  await expect(timeout.getByTestId('finding-stage')).toHaveText('early');
  await expect(timeout.getByTestId('finding-stage-text')).toHaveText(
    "Early: 228 goroutines in chan send are already at the count that marks the leak, but none has waited a minute or more yet (20 needed; the longest wait is under a minute). To confirm: take a second dump in a few minutes: a leak's goroutines stay and their waits grow.",
  );
  await expect(delcol.getByTestId('finding-evidence')).toContainText('53 goroutines in chan send at k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1');
  await expect(delcol.getByTestId('finding-stage')).toHaveText('early');
  await expect(delcol.getByTestId('finding-stage-text')).toContainText("take a second dump in a few minutes: a leak's goroutines stay and their waits grow");
  await timeout.getByRole('button', { name: 'Why, and what to do' }).click();
  await expect(timeout.locator('.finding-more')).toContainText('228 goroutines at this site in chan send (threshold 100, the count that decides where waits are unknown); 0 of them have waited a minute or more (threshold 20), so the finding is early.');
  await page.screenshot({ path: test.info().outputPath('verdicts-early.png'), fullPage: true });

  // The debug=1 of the same moment, dropped beside it.
  await dropFiles(page, [series('leak-a.t1.goroutine.debug1.txt')]);
  await expect(page.getByRole('button', { name: 'leak-a.t1.goroutine.debug1.txt', exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(findings).toHaveCount(2);
  await expect(timeout.getByTestId('finding-evidence')).toHaveText(`228 goroutines at ${timeoutSite} (66.1% of all goroutines).`);
  await expect(delcol.getByTestId('finding-evidence')).toContainText('53 goroutines at k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1');
  await expect(timeout.getByTestId('finding-stage')).toHaveText('age unknown');
  await expect(timeout.getByTestId('finding-stage-text')).toContainText('Age unknown: this format carries no wait times');
  await timeout.getByRole('button', { name: 'Why, and what to do' }).click();
  await expect(timeout.locator('.finding-more')).toContainText('228 goroutines at this site in chan send (threshold 100); this format carries no wait times, so the match rests on the count alone.');
  await expect(timeout.locator('.finding-more')).toContainText('debug=1 prints no states and hides the runtime frames that name the wait');
  await page.screenshot({ path: test.info().outputPath('verdicts-debug1.png'), fullPage: true });
});

test('a healthy replica of the same binary shows no finding in any format', async ({ page }) => {
  for (const f of ['healthy-c.goroutine.debug2.txt.gz', 'healthy-c.goroutine.debug1.txt', 'healthy-c.goroutine.pb.gz']) {
    await page.goto('./');
    await dropFiles(page, [series(f)]);
    await expect(page.getByTestId('no-findings')).toContainText('No known kube-apiserver or client-go bug matches');
    await expect(page.getByTestId('finding')).toHaveCount(0);
  }
});
