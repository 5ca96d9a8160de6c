// What a person sees when what they type or what a link brings is over a limit or meant for
// another file: a note past 4,000 characters is counted, never cut, and cannot be pinned until it
// fits; a view in the address made for one file asks before it is applied to another.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const sample = (f: string) => join(repoRoot, 'public/samples', f);
const t2 = sample('apiserver-leaks.t2.goroutine.debug2.txt');

test('a note over the limit shows its count and disables Pin instead of being cut', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [t2]);
  const pinButton = page.getByTestId('group-table').locator('tbody tr').first().getByTestId('pin');
  await expect(pinButton).toBeEnabled();
  await pinButton.click();
  const editor = page.getByTestId('pin-editor');
  await expect(editor).toBeVisible();
  const note = editor.getByLabel('Note');
  const counter = editor.getByTestId('pin-note-counter');
  const pin = editor.getByRole('button', { name: 'Pin', exact: true });
  await expect(counter).toHaveText('0 / 4,000');
  // A 100 KB paste stays whole in the box, counted.
  await note.fill('x'.repeat(100 * 1024));
  await expect(note).toHaveValue('x'.repeat(100 * 1024));
  await expect(counter).toHaveText('102,400 / 4,000 (98,400 too many)');
  await expect(pin).toBeDisabled();
  // Twelve over: still refused.
  await note.fill('y'.repeat(4012));
  await expect(counter).toHaveText('4,012 / 4,000 (12 too many)');
  await expect(pin).toBeDisabled();
  // Exactly at the limit: pinned, and the whole note is kept.
  await note.fill('z'.repeat(4000));
  await expect(counter).toHaveText('4,000 / 4,000');
  await expect(pin).toBeEnabled();
  await pin.click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('pinned-finding')).toHaveCount(1);
  await expect(page.getByTestId('pinned-finding').getByTestId('pin-note')).toHaveText('z'.repeat(4000));
});

/** How many goroutines of a debug=2 dump have a frame whose function matches `re` (plain string handling, not the app's parser). */
function countMatching(path: string, re: RegExp): { n: number; total: number } {
  const blocks = readFileSync(path, 'utf8')
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[/.test(l[0]!));
  let n = 0;
  for (const l of blocks) {
    const funcs: string[] = [];
    for (let i = 1; i + 1 < l.length && !l[i]!.startsWith('created by '); i += 2) funcs.push(l[i]!.replace(/\([^()]*\)$/, ''));
    if (funcs.some((f) => re.test(f))) n++;
  }
  return { n, total: blocks.length };
}

test('an address view with a pathological frame filter asks before it is applied to a dropped file; Ignore gives the plain view', async ({ page }) => {
  const { total } = countMatching(t2, /x/);
  // (.|.)*Z: catastrophic for a backtracking engine; ( : not a regular expression at all.
  await page.goto(`./?tab=top&frame=${encodeURIComponent('(.|.)*Z')}&rows=${encodeURIComponent('(.|.)*Z')}&ignore=${encodeURIComponent('(')}`);
  await dropFiles(page, [t2]);
  const question = page.getByTestId('linked-view-question');
  await expect(question).toContainText('Apply the linked view (frame filter "(.|.)*Z", top-table filter "(.|.)*Z", the top table tab) to this file?');
  await expect(question).toContainText('The address does not say which file it was made for.');
  await expect(question.getByTestId('linked-view-problems')).toHaveText('the pprof -ignore "(" was left out: error parsing regexp: missing closing ): `(`');
  // The page answers while it asks: the file shows its plain view, every goroutine counted.
  expect(await page.evaluate(() => document.title.length >= 0)).toBe(true);
  await expect(page.getByTestId('goroutine-summary')).toHaveText(new RegExp(`^${total.toLocaleString('en-US')} goroutines`));
  await question.getByRole('button', { name: 'Ignore' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Goroutines' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('goroutine-summary')).toHaveText(new RegExp(`^${total.toLocaleString('en-US')} goroutines`));
  await expect(page.getByTestId('filter-chips')).toHaveCount(0);
  // The address now shows the plain view: no filter left in it to be applied again.
  await expect.poll(() => new URL(page.url()).searchParams.get('frame')).toBeNull();
  expect(new URL(page.url()).searchParams.get('rows')).toBeNull();
});

test('Apply puts the linked view on the file: the filtered count, marked while it is computed', async ({ page }) => {
  const { n, total } = countMatching(t2, /DeleteCollection/);
  expect(n).toBeGreaterThan(0);
  await page.goto(`./?frame=${encodeURIComponent('(.|.)*DeleteCollection')}`);
  await dropFiles(page, [t2]);
  const question = page.getByTestId('linked-view-question');
  await expect(question).toContainText('Apply the linked view (frame filter "(.|.)*DeleteCollection") to this file?');
  await question.getByRole('button', { name: 'Apply' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} goroutines`);
  await expect(page.getByTestId('linked-view-applying')).toHaveCount(0);
  await expect(page.locator('.file-view')).toHaveAttribute('aria-busy', 'false');
});
