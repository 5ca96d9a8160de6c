// Caps on what a file controls (issue 15.3): a profile with a 1 MB function name and 10,000
// labels on a sample loads; the top table shows the name cut with its marker, and the notes say
// what was cut and what was left out. The main-thread tasks while hostile cases load are the
// benchmark's to report (bench/cases/hostile.ts), not a test's.
import { writeFileSync } from 'node:fs';
import { test, expect, dropFiles } from './support';
import { encodeProfile } from './profilegen';

const manyLabels = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));

test('a 1 MB function name shows cut with its marker in the top table, and the notes say what the caps left out', async ({ page }, info) => {
  const huge = `main.Huge${'x'.repeat(1_000_000)}`;
  const path = info.outputPath('caps.pb.gz');
  writeFileSync(
    path,
    encodeProfile(
      [{ name: 'main.main', file: '/src/main.go' }, { name: huge, file: '/src/huge.go' }],
      [
        { stack: [1, 0], value: 30, labels: manyLabels(10_000) },
        { stack: [0], value: 10 },
      ],
    ),
  );
  await page.goto('./');
  await dropFiles(page, [path]);
  const notes = page.getByTestId('file-notes');
  await expect(notes).toContainText('1 string longer than 4,096 bytes kept as its first 4,096 bytes, marked "…[N more bytes cut]" (the first, of 1,000,009 bytes, at byte');
  await expect(notes).toContainText('1 sample with more than 1,000 labels: the first 1,000 of each are kept (the first such sample, with 10,000 labels, at byte');
  await page.getByRole('tab', { name: 'Top' }).click();
  const cut = `${huge.slice(0, 4096)}…[${(huge.length - 4096).toLocaleString('en-US')} more bytes cut]`;
  const row = page.getByTestId('top-table').getByRole('row').filter({ hasText: 'main.Hugexxx' });
  await expect(row).toHaveCount(1);
  const name = await row.textContent();
  expect(name).toContain(cut);
  expect(name!.length).toBeLessThan(cut.length + 200);
  // Within the page's width: the cut name does not stretch the table.
  const box = await page.getByTestId('top-table').boundingBox();
  expect(box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
});
