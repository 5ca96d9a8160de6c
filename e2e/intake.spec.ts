// Ways in: the file picker (several files), paste, the bundled samples and ?sample=, progress
// with a working cancel. (The main thread's long tasks while loading: main-thread.spec.ts.)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateHeapProfile } from '../bench/gen/heap-profile';
import { test, expect, repoRoot } from './support';

const samples = join(repoRoot, 'public/samples');

function bigProfile(): string {
  const path = join(repoRoot, 'bench/out/heap-120k.pb.gz');
  if (!existsSync(path)) {
    mkdirSync(join(repoRoot, 'bench/out'), { recursive: true });
    writeFileSync(path, generateHeapProfile({ stacks: 120_000, minDepth: 10, maxDepth: 60, seed: 1 }));
  }
  return path;
}

test('the picker opens several files, one entry each, switchable', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles([join(samples, 'toyserver.heap.pb.gz'), join(samples, 'toyserver.cpu.pb.gz')]);
  const tabs = page.getByRole('navigation', { name: 'Open files' });
  await expect(tabs.getByRole('button', { name: 'toyserver.heap.pb.gz', exact: true })).toBeVisible();
  await expect(tabs.getByRole('button', { name: 'toyserver.cpu.pb.gz', exact: true })).toBeVisible();
  await expect(page.getByTestId('profile-header')).toContainText('Type: cpu');
  await tabs.getByRole('button', { name: 'toyserver.heap.pb.gz', exact: true }).click();
  await expect(page.getByTestId('profile-header')).toContainText('Type: inuse_space');
  await tabs.getByRole('button', { name: 'Close toyserver.heap.pb.gz' }).click();
  await expect(page.getByTestId('profile-header')).toContainText('Type: cpu');
});

test('pasted goroutine text opens like a file', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Paste text…' }).first().click();
  const dump = [
    'goroutine 1 [running]:',
    'main.main()',
    '\t/src/main.go:10 +0x1d',
    '',
    'goroutine 7 [chan receive, 3 minutes]:',
    'main.worker(0xc000010000)',
    '\t/src/main.go:20 +0x2e',
    'created by main.main',
    '\t/src/main.go:9 +0x3f',
    '',
  ].join('\n');
  await page.getByLabel('Dump text').fill(dump);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Open files' })).toContainText('pasted text');
  await expect(page.getByTestId('profile-header')).toContainText('Type: goroutine');
  await expect(page.getByTestId('profile-header')).toContainText('Showing nodes accounting for 2, 100% of 2 total');
});

test('the empty page lists the samples and ?sample= opens one', async ({ page }) => {
  await page.goto('./');
  const list = page.getByRole('list', { name: 'Samples' });
  const index = JSON.parse((await import('node:fs')).readFileSync(join(samples, 'index.json'), 'utf8')) as Array<{ name: string; title: string; file: string }>;
  for (const s of index) await expect(list).toContainText(s.title);
  await list.getByRole('button', { name: index[0]!.title }).click();
  await expect(page.getByRole('navigation', { name: 'Open files' })).toContainText(index[0]!.file);

  await page.goto('./?sample=toyserver-cpu');
  await expect(page.getByTestId('profile-header')).toContainText('Type: cpu');
});

test('a large profile shows its progress and the load can be cancelled', async ({ page }) => {
  // Completion, not speed: on a loaded 2-core machine the 8.7 MB profile takes many times its usual 10 s.
  test.setTimeout(420_000);
  const path = bigProfile();
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  const progress = page.getByTestId('load-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Reading|Inflating|Decoding|Analysing/);
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('navigation', { name: 'Open files' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Drop a Go profile/ })).toBeVisible();
  // The app is still usable: the same file loads to the end.
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('profile-header')).toContainText('Type: inuse_space', { timeout: 300_000 });
});
