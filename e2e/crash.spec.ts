// Crash and panic dumps lead with what crashed: drop a real Go crash output (go run, Go 1.19,
// GOTRACEBACK=all) and read the panic first, its [recovered] chain, the signal, how the process
// ended, and the goroutine that panicked, shown first and highlighted, one click from its stack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const fixture = (f: string) => join(repoRoot, 'test/fixtures/series', f);

/** 1-based numbers of the lines of a file that match re, read with plain string handling. */
function linesMatching(path: string, re: RegExp): number[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((l, i) => (re.test(l) ? [i + 1] : []));
}

test('a re-panic: the panic chain first, exit status, and goroutine 1 marked and opened', async ({ page }) => {
  const path = fixture('crash-repanic.txt');
  const [first, second] = linesMatching(path, /^\t?panic: /);
  const [exit] = linesMatching(path, /^exit status 2$/);
  await page.goto('./');
  await dropFiles(page, [path]);

  const crash = page.getByRole('region', { name: 'What crashed' });
  await expect(crash).toBeVisible();
  // The banner is the first thing of the goroutine view, before the filters and the histogram.
  const panel = page.getByRole('region', { name: 'Goroutines' });
  await expect(panel.locator('> *').first()).toHaveAttribute('aria-label', 'What crashed');

  const chain = crash.getByRole('list', { name: 'Panic chain, oldest first' }).getByRole('listitem');
  await expect(chain).toHaveCount(2);
  await expect(chain.nth(0)).toContainText('panic: order 42 not found');
  await expect(chain.nth(0)).toContainText('recovered');
  await expect(chain.nth(0)).toContainText(`line ${first}`);
  await expect(chain.nth(1)).toContainText('panic: serve /orders/42: order 42 not found');
  await expect(chain.nth(1)).not.toContainText('recovered');
  await expect(chain.nth(1)).toContainText(`line ${second}`);
  await expect(crash.getByTestId('crash-exit')).toHaveText(`exit status 2 line ${exit}`);

  const who = crash.getByTestId('crash-goroutine');
  await expect(who).toContainText('panicked here');
  await expect(who).toContainText('goroutine 1');
  await expect(who).toContainText('[running] at main.serve.func1');

  // The group table leads with that goroutine's group, highlighted and marked.
  const firstRow = page.getByTestId('group-table').locator('tbody tr').first();
  await expect(firstRow).toHaveClass(/crashed/);
  await expect(firstRow).toContainText('panicked here');
  await expect(firstRow).toContainText('main.serve.func1');
  await expect(firstRow).toContainText('running');

  // One click opens its stack, innermost first, as the runtime printed it.
  await who.getByRole('button', { name: 'Open its stack' }).click();
  const frames = page.getByTestId('stack-frames').locator('li');
  await expect(frames.first()).toContainText('main.serve.func1');
  await expect(frames.nth(1)).toContainText('panic');
  await expect(page.getByTestId('group-detail')).toContainText('goroutine 1');

  // The program's two log lines are named as such; no crash line is "skipped" or "not understood".
  const notes = page.getByTestId('file-notes');
  await expect(notes).toHaveText('2 log lines outside any goroutine (lines 1, 2).');
  await expect(page.getByText(/skipped|not understood/)).toHaveCount(0);
});

test('a nil dereference: the signal and its address under the recovered chain', async ({ page }) => {
  const path = fixture('crash-nilderef.txt');
  const [signalLine] = linesMatching(path, /^\[signal /);
  await page.goto('./');
  await dropFiles(page, [path]);

  const crash = page.getByRole('region', { name: 'What crashed' });
  const chain = crash.getByRole('list', { name: 'Panic chain, oldest first' }).getByRole('listitem');
  await expect(chain.nth(0)).toContainText('panic: runtime error: invalid memory address or nil pointer dereference');
  await expect(chain.nth(0)).toContainText('recovered');
  await expect(chain.nth(1)).toContainText('panic: serve /reports/7: runtime error: invalid memory address or nil pointer dereference');
  await expect(crash.getByTestId('crash-signal')).toHaveText(
    `SIGSEGV: segmentation violation at address 0x0, code 0x1, pc 0x498e75 line ${signalLine}`,
  );
  await expect(crash.getByTestId('crash-exit')).toContainText('exit status 2');
  await expect(crash.getByTestId('crash-goroutine')).toContainText('goroutine 1');
  await expect(page.getByTestId('group-table').locator('tbody tr').first()).toContainText('panicked here');
  await expect(page.getByText(/skipped|not understood/)).toHaveCount(0);
});

test('a fatal error: the message first and the goroutine that threw, not "panicked"', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('crash-mapwrite.txt')]);
  const crash = page.getByRole('region', { name: 'What crashed' });
  await expect(crash.getByRole('heading')).toHaveText('Fatal error');
  await expect(crash).toContainText('fatal error: concurrent map writes');
  const who = crash.getByTestId('crash-goroutine');
  await expect(who).toContainText('fatal error here');
  await expect(who).toContainText('goroutine 17');
  await expect(who).toContainText('[running] at main.fill');
  await expect(page.getByTestId('group-table').locator('tbody tr').first()).toContainText('main.fill');
  await expect(page.getByTestId('file-notes')).toHaveText('1 log line outside any goroutine (line 1).');
});
