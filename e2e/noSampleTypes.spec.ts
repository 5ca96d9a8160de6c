// A profile.proto with no sample types (2 bytes: a string table of "") has nothing any view could
// show: dropping it says so, naming the file, and no view crashes on the missing sample type.
import { writeFileSync } from 'node:fs';
import { test, expect, dropFiles } from './support';

test('a 2-byte profile with no sample types says so instead of opening broken views', async ({ page, guards }, info) => {
  const path = info.outputPath('no-sample-types.pb');
  writeFileSync(path, Uint8Array.from([0x32, 0x00]));
  await page.goto('./');
  await dropFiles(page, [path]);
  await expect(page.getByTestId('load-error')).toContainText('no-sample-types.pb: a pprof profile with no sample types: it holds no values to show');
  await expect(page.getByTestId('flame-graph')).toHaveCount(0);
  expect(guards.pageErrors).toEqual([]);
});
