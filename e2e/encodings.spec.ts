// A dump saved by Windows PowerShell (`> dump.txt` writes UTF-16 LE with a byte-order mark), one
// with a UTF-8 byte-order mark and one with CR-only line ends: each opens as the dump it holds,
// with the count of goroutines this test takes from the clean text, and a note saying what was
// converted. A dump with a wait-minute count no number holds says so with the line.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const clean = readFileSync(join(repoRoot, 'public/samples', 'apiserver-leaks.t1.goroutine.debug2.txt'), 'utf8');
const headers = clean.split('\n').filter((l) => /^goroutine \d+ \[/.test(l));
const states = new Map<string, number>();
for (const h of headers) {
  const s = /^goroutine \d+ \[([^,\]]+)/.exec(h)![1]!;
  states.set(s, (states.get(s) ?? 0) + 1);
}

test('UTF-16, a UTF-8 byte-order mark and CR-only line ends open as the clean dump, and say so', async ({ page }, info) => {
  const dir = info.outputPath('dumps');
  mkdirSync(dir, { recursive: true });
  const files = [
    { name: 'powershell.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clean, 'utf16le')]), note: 'The file is UTF-16 LE with a byte-order mark: converted to UTF-8' },
    { name: 'bom.txt', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(clean)]), note: 'Removed the UTF-8 byte-order mark at the start' },
    { name: 'cr-only.txt', bytes: Buffer.from(clean.replace(/\n/g, '\r')), note: 'Line ends were CR only: read as LF' },
  ];
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  expect(headers.length).toBeGreaterThan(100);

  await page.goto('./');
  await dropFiles(page, files.map((f) => join(dir, f.name)));
  const tabs = page.getByRole('navigation', { name: 'Open files' });
  for (const f of files) {
    await tabs.getByRole('button', { name: f.name, exact: true }).click();
    const summary = page.getByTestId('goroutine-summary');
    await expect(summary).toContainText(`${headers.length.toLocaleString('en-US')} goroutines`);
    for (const [state, n] of states) await expect(summary.locator(`[data-state="${state}"]`)).toContainText(n.toLocaleString('en-US'));
    await expect(page.getByTestId('file-notes')).toContainText(f.note);
  }
});

test('a wait-minute count beyond any number is kept and named with its line', async ({ page }, info) => {
  const dir = info.outputPath('dumps');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'overflow.txt');
  writeFileSync(
    path,
    'goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1\n\ngoroutine 7 [chan send, 99999999999999999999 minutes]:\nmain.worker()\n\t/src/main.go:abc +0x1d\n',
  );
  await page.goto('./');
  await dropFiles(page, [path]);
  await expect(page.getByTestId('goroutine-summary')).toContainText('2 goroutines');
  const notes = page.getByTestId('file-notes');
  await expect(notes).toContainText('a wait of "99999999999999999999" minutes is beyond what the table holds: kept as 2,147,483,647 minutes or more (line 5)');
  await expect(notes).toContainText('the line number in "/src/main.go:abc" does not parse: the frame is kept with line 0 (unknown) (line 7)');
});
