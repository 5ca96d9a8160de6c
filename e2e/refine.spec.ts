// pprof's refinements as a person uses them: type -ignore in the refine bar of a real heap
// profile, read the top table's header (equal to `go tool pprof -top -ignore=runtime`, read from
// the committed oracle), see the refinement as a chip on every view and in the address, reload
// and keep it, remove the chip and read pprof's unrefined figures again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const file = join(repoRoot, 'public/samples/apiserver-leaks.t2.heap.pb.gz');
const oracleLine = (path: string) => {
  const text = readFileSync(join(repoRoot, path), 'utf8');
  return { showing: text.split('\n').find((l) => l.startsWith('Showing nodes accounting for '))!, text };
};

test('ignore=runtime on a heap profile: pprof\'s total, a removable chip, kept across a reload', async ({ page }) => {
  // `go tool pprof -top -ignore=runtime` (tools/samplegen/refine-oracles.sh). pprof dropped no
  // node at its default -nodefraction here, so the view (which shows every node) sums the same.
  const refined = oracleLine('test/oracle/refine/samples/apiserver-leaks.t2.heap.ignore-runtime.top');
  expect(refined.text).not.toContain('Dropped');
  // `go tool pprof -top -nodefraction=0 -sample_index=inuse_space` (oracles.sh).
  const plain = oracleLine('test/oracle/samples/apiserver-leaks.t2.heap.pb.gz.inuse_space.default.top');
  expect(refined.showing).not.toBe(plain.showing);

  await page.goto('./');
  await dropFiles(page, [file]);
  await page.getByRole('tab', { name: 'Top' }).click();
  const header = page.getByTestId('profile-header');
  await expect(header).toContainText(plain.showing);

  // A bad regular expression is a message naming the field, not applied.
  const ignore = page.getByLabel('Refine ignore');
  await ignore.fill('runtime(');
  await expect(page.getByTestId('refine-bar').getByRole('alert')).toContainText('ignore:');
  await expect(page.getByTestId('refine-bar').getByRole('button', { name: 'Apply' })).toBeDisabled();

  await ignore.fill('runtime');
  await ignore.press('Enter');
  await expect(header).toContainText(refined.showing);
  await expect(header).toContainText('Active filters:');
  await expect(header).toContainText('ignore=runtime');
  const chip = page.getByTestId('filter-chip').filter({ hasText: 'ignore=runtime' });
  await expect(chip).toHaveCount(1);
  await expect.poll(() => new URL(page.url()).searchParams.get('ignore')).toBe('runtime');
  // The address keeps the flame graph's root under "focus"; pprof's -focus would be "pfocus".
  expect(new URL(page.url()).searchParams.get('focus')).toBeNull();

  // The chip is on the flame graph too, and the flame graph's total is the refined one.
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  await expect(page.getByTestId('filter-chip').filter({ hasText: 'ignore=runtime' })).toHaveCount(1);

  // A reload brings the file back (kept in the browser for this tab) with the refinement.
  await page.reload();
  await page.getByRole('tab', { name: 'Top' }).click();
  await expect(page.getByTestId('profile-header')).toContainText(refined.showing);
  await expect(page.getByLabel('Refine ignore')).toHaveValue('runtime');

  // Removing the chip gives pprof's unrefined figures back, and the address forgets it.
  await page.getByRole('button', { name: 'Remove ignore=runtime' }).click();
  await expect(page.getByTestId('profile-header')).toContainText(plain.showing);
  await expect(page.getByTestId('profile-header')).not.toContainText('Active filters:');
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.get('ignore')).toBeNull();
  await expect(page.getByLabel('Refine ignore')).toHaveValue('');
});

/** Goroutines of a debug=2 dump read with plain string handling, independent of the app's parser. */
function readDump(path: string): Array<{ state: string; minutes: number; funcs: string[] }> {
  return readFileSync(path, 'utf8')
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[/.test(l[0]!))
    .map((l) => {
      const parts = /^goroutine \d+ \[(.*)\]:$/.exec(l[0]!)![1]!.split(', ');
      const minutes = parts.find((p) => p.endsWith(' minutes'));
      const funcs: string[] = [];
      for (let i = 1; i + 1 < l.length && !l[i]!.startsWith('created by '); i += 2) funcs.push(l[i]!.replace(/\([^()]*\)$/, ''));
      return { state: parts[0]!, minutes: minutes ? Number.parseInt(minutes, 10) : 0, funcs };
    });
}

test('the goroutine filters show as chips on every view, each removable', async ({ page }) => {
  const dump = join(repoRoot, 'public/samples/apiserver-leaks.t2.goroutine.debug2.txt');
  const raw = readDump(dump);
  const all = raw.length.toLocaleString('en-US');
  const count = (f: (g: (typeof raw)[number]) => boolean) => raw.filter(f).length.toLocaleString('en-US');
  await page.goto('./');
  await dropFiles(page, [dump]);
  const summary = page.getByTestId('goroutine-summary');
  await summary.locator('[data-state="chan send"]').click();
  await page.getByLabel('Minimum wait (minutes)').fill('5');
  await page.getByLabel('Frame filter').fill('DeleteCollection');
  const chips = page.getByTestId('filter-chip');
  await expect(chips).toHaveText(['state=chan send×', 'wait≥5 min×', 'frame=DeleteCollection×']);
  await expect(summary).toContainText(`${count((g) => g.state === 'chan send' && g.minutes >= 5 && g.funcs.some((f) => /DeleteCollection/.test(f)))} of ${all} goroutines`);

  // The same chips on the flame graph and the top table.
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  await expect(chips).toHaveCount(3);
  await page.getByRole('tab', { name: 'Top' }).click();
  await expect(chips).toHaveCount(3);
  await page.getByRole('tab', { name: 'Goroutines' }).click();

  await page.getByRole('button', { name: 'Remove frame=DeleteCollection' }).click();
  await expect(summary).toContainText(`${count((g) => g.state === 'chan send' && g.minutes >= 5)} of ${all} goroutines`);
  await expect(page.getByLabel('Frame filter')).toHaveValue('');
  await page.getByRole('button', { name: 'Remove wait≥5 min' }).click();
  await expect(summary).toContainText(`${count((g) => g.state === 'chan send')} of ${all} goroutines`);
  await page.getByRole('button', { name: 'Remove state=chan send' }).click();
  await expect(summary).toContainText(`${all} goroutines`);
  await expect(summary).not.toContainText(' of ');
  await expect(chips).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBeNull();
});
