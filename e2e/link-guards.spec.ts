// What a person sees when what they type or what a link brings is over a limit or meant for
// another file: a note past 4,000 characters is counted, never cut, and cannot be pinned until it
// fits; a view in the address made for one file asks before it is applied to another.
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
