// Archives: a dropped .zip and a .tar.gz open as the dumps they hold, one tab each with the
// archive's name as the group, folders kept in the names; what is no profile is listed as
// skipped. The archives are made here from committed samples; counts come from the raw text.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { createTar } from 'nanotar';
import { test, expect, repoRoot, dropFiles } from './support';

const samples = join(repoRoot, 'public/samples');
const out = join(repoRoot, 'test-results', 'archives-input');
const t1 = new Uint8Array(readFileSync(join(samples, 'apiserver-leaks.t1.goroutine.debug2.txt')));
const t2 = new Uint8Array(readFileSync(join(samples, 'apiserver-leaks.t2.goroutine.debug2.txt')));
const count = (b: Uint8Array) => new TextDecoder().decode(b).split('\n').filter((l) => /^goroutine \d+ \[.*\]:$/.test(l)).length;

function write(name: string, bytes: Uint8Array): string {
  mkdirSync(out, { recursive: true });
  const path = join(out, name);
  writeFileSync(path, bytes);
  return path;
}

async function readTwoTabs(page: import('@playwright/test').Page, archive: string, names: [string, string]) {
  const tabs = page.getByRole('navigation', { name: 'Open files' });
  const [a, b] = names.map((n) => tabs.getByRole('button', { name: `${archive} › ${n}`, exact: true }));
  await expect(a!).toBeVisible();
  await expect(b!).toBeVisible();
  await a!.click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${count(t1).toLocaleString('en-US')} goroutines`);
  await b!.click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${count(t2).toLocaleString('en-US')} goroutines`);
}

test('a dropped zip opens each dump it holds as its own tab, grouped under the zip; a note is skipped', async ({ page }) => {
  const zip = write('masters.zip', zipSync({ 'm1/goroutine.txt': t1, 'm2/goroutine.txt.gz': gzipSync(t2), 'notes.md': new TextEncoder().encode('# notes\n') }));
  await page.goto('./');
  await dropFiles(page, [zip]);
  await readTwoTabs(page, 'masters.zip', ['m1/goroutine.txt', 'm2/goroutine.txt.gz']);
  const notes = page.getByRole('list', { name: 'Archives' });
  await expect(notes).toContainText('masters.zip: 2 files opened');
  await expect(notes).toContainText('skipped notes.md: not a pprof profile or a Go goroutine dump');
});

test('a dropped tar.gz opens each dump it holds as its own tab', async ({ page }) => {
  const tgz = write('dumps.tar.gz', gzipSync(createTar([{ name: 'a/goroutine.txt', data: t1 }, { name: 'b/goroutine.txt', data: t2 }])));
  await page.goto('./');
  await dropFiles(page, [tgz]);
  await readTwoTabs(page, 'dumps.tar.gz', ['a/goroutine.txt', 'b/goroutine.txt']);
  await expect(page.getByRole('list', { name: 'Archives' })).toContainText('dumps.tar.gz: 2 files opened');
});

test('a picked folder opens every dump in it, each named by its path in the folder', async ({ page }) => {
  const root = join(out, 'bundle');
  mkdirSync(join(root, 'master-1'), { recursive: true });
  mkdirSync(join(root, 'master-2'), { recursive: true });
  writeFileSync(join(root, 'master-1', 'goroutine.txt'), t1);
  writeFileSync(join(root, 'master-2', 'goroutine.txt'), t2);
  await page.goto('./');
  await page.getByTestId('folder-input').first().setInputFiles(root);
  const tabs = page.getByRole('navigation', { name: 'Open files' });
  const first = tabs.getByRole('button', { name: 'bundle/master-1/goroutine.txt', exact: true });
  const second = tabs.getByRole('button', { name: 'bundle/master-2/goroutine.txt', exact: true });
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();
  await first.click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${count(t1).toLocaleString('en-US')} goroutines`);
  await second.click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${count(t2).toLocaleString('en-US')} goroutines`);
});
