// Known-bug verdicts do not depend on the format pulled: the debug=2 dump of a leak's first
// minute (leak-a.t1: 228 timeoutHandler goroutines in chan send, none waiting a minute) shows the
// findings marked early with what would confirm them; the debug=1 of the same moment shows the
// same findings, saying that its format carries no wait times.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { background, debug1, debug2, parked } from '../test/knowledge/catalogue/build';
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

test('a bug only a wait time tells: debug=1 says it cannot decide, debug=2 decides', async ({ page }) => {
  // 40 client requests waiting for response headers over HTTP/2, 12 of them for 6 minutes.
  const requests = {
    n: 40,
    state: 'select',
    minutes: (i: number) => (i < 12 ? 6 : 0),
    stack: [...parked.select, 'golang.org/x/net/http2.(*ClientConn).RoundTrip', 'k8s.io/client-go/rest.(*Request).request'],
  };
  const d1 = test.info().outputPath('h2.goroutine.debug1.txt');
  const d2 = test.info().outputPath('h2.goroutine.debug2.txt');
  writeFileSync(d1, debug1([...background(60), requests], { hideRuntime: true }));
  writeFileSync(d2, debug2([...background(60), requests]));
  await page.goto('./');
  await dropFiles(page, [d1]);
  await expect(page.getByTestId('no-findings')).toContainText('No known kube-apiserver or client-go bug matches');
  await expect(page.getByTestId('undecided')).toHaveText(
    'CG-H2-DEADCONN Requests parked on a dead HTTP/2 connection for about 15 minutes: not decidable from this format. 40 goroutines in select with golang.org/x/net/http2.(*ClientConn).RoundTrip in their stacks. They are this bug only if 10 or more have waited 5 minutes or more, and this format carries no wait times: a debug=2 dump would tell.',
  );
  await page.goto('./');
  await dropFiles(page, [d2]);
  await expect(page.locator('[data-finding="CG-H2-DEADCONN"]').getByTestId('finding-evidence')).toContainText('40 goroutines with golang.org/x/net/http2.(*ClientConn).RoundTrip in their stacks, waiting 0-6 minutes');
  await expect(page.getByTestId('undecided')).toHaveCount(0);
});
