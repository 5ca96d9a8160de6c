// History and reload as a person uses them mid-incident: every view is a Back step (tab, zoom,
// another file, a selected goroutine group), Back at the first view stays in the app, typing
// makes one step, and a reload brings back the same files and view from the browser's own
// storage. Expected counts come from the raw dump text, read here with plain string handling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, repoRoot } from './support';

const series = (f: string) => join(repoRoot, 'test/fixtures/series', f);
const heap = series('leak-a.t2.heap.pb.gz');
const dump = series('leak-a.t2.goroutine.debug2.txt.gz');
const heapName = 'leak-a.t2.heap.pb.gz';
const dumpName = 'leak-a.t2.goroutine.debug2.txt.gz';
// A frame of the heap profile's flame graph (78.74% cum in `go tool pprof -top -cum`).
const zoomFrame = 'encoding/json.Unmarshal';

/** Goroutines of the dump: count, and the largest (state, top function) group. */
function readDump(): { total: number; largest: { state: string; top: string; count: number } } {
  const blocks = gunzipSync(readFileSync(dump))
    .toString('utf8')
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[/.test(l[0]!));
  const groups = new Map<string, number>();
  for (const l of blocks) {
    const state = /^goroutine \d+ \[([^,\]]*)/.exec(l[0]!)![1]!;
    const top = l[1]!.replace(/\([^()]*\)$/, '');
    groups.set(`${state}|${top}`, (groups.get(`${state}|${top}`) ?? 0) + 1);
  }
  const [key, count] = [...groups.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const [state, top] = key.split('|') as [string, string];
  return { total: blocks.length, largest: { state, top, count } };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const historyLength = (page: Page) => page.evaluate(() => history.length);

/** What the page shows: the active file, the selected view tab, whether the flame graph is zoomed, the open group. */
async function expectView(page: Page, want: { file: string; tab: string; zoomed?: boolean; group?: string | null }) {
  await expect(page.locator('.file-tab-name[aria-current="true"]')).toHaveText(want.file);
  await expect(page.getByRole('tab', { selected: true })).toHaveText(want.tab);
  if (want.zoomed !== undefined) {
    const reset = page.getByRole('button', { name: 'Reset zoom' });
    if (want.zoomed) await expect(reset).toBeEnabled();
    else await expect(reset).toBeDisabled();
  }
  if (want.group === null) await expect(page.getByTestId('group-detail')).toHaveCount(0);
  else if (want.group !== undefined) await expect(page.getByTestId('group-detail')).toContainText(want.group);
}

test('Back and Forward step through views, and a reload brings back the files and the view', async ({ page }) => {
  const raw = readDump();
  const groupText = `${fmt(raw.largest.count)} goroutines in ${raw.largest.state}`;
  await page.goto('./');
  const start = await historyLength(page);

  // A: the heap profile opens on its flame graph: one entry.
  await dropFiles(page, [heap]);
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: false });
  await expect.poll(() => historyLength(page)).toBe(start + 1);
  // B: Top.
  await page.getByRole('tab', { name: 'Top' }).click();
  await expectView(page, { file: heapName, tab: 'Top' });
  await expect.poll(() => historyLength(page)).toBe(start + 2);
  // C: back on the flame graph.
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: false });
  await expect.poll(() => historyLength(page)).toBe(start + 3);
  // D: zoomed into a frame.
  await page.getByTestId('flame-graph').locator(`g.frame[name="${zoomFrame}"]`).first().click();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: true });
  await expect.poll(() => historyLength(page)).toBe(start + 4);
  // E: another file, the dump, opens on its goroutines.
  await dropFiles(page, [dump]);
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: null });
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(raw.total)} goroutines`);
  await expect.poll(() => historyLength(page)).toBe(start + 5);
  // F: its largest group, selected.
  const rows = page.getByTestId('group-table').locator('tbody tr');
  await expect(rows.first().locator('td.site')).toContainText(raw.largest.top);
  await rows.first().click();
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: groupText });
  await expect.poll(() => historyLength(page)).toBe(start + 6);

  // Back, one view at a time.
  await page.goBack();
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: null });
  await page.goBack();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: true });
  await page.goBack();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: false });
  await page.goBack();
  await expectView(page, { file: heapName, tab: 'Top' });
  await page.goBack();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: false });
  // Back at the first view stays in the app, with both files open and the same view.
  await page.goBack();
  await expect.poll(() => page.evaluate(() => (history.state as { guard?: boolean } | null)?.guard ?? false)).toBe(false);
  await expect(page.locator('.file-tab-name')).toHaveText([heapName, dumpName]);
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: false });
  expect(await historyLength(page)).toBe(start + 6);

  // Forward, one view at a time.
  await page.goForward();
  await expectView(page, { file: heapName, tab: 'Top' });
  await page.goForward();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: false });
  await page.goForward();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: true });
  await page.goForward();
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: null });
  await page.goForward();
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: groupText });
  await page.screenshot({ path: test.info().outputPath('before-reload.png'), fullPage: true });

  // A reload: the same files in the same order, the dump active with its group open, the same counts.
  await page.reload();
  await expect(page.locator('.file-tab-name')).toHaveText([heapName, dumpName]);
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: groupText });
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(raw.total)} goroutines`);
  await expect(page.getByTestId('kept-notes')).toContainText('Reopened 2 files');
  await page.screenshot({ path: test.info().outputPath('after-reload.png'), fullPage: true });
  // The trail survived the reload: Back is the dump without its group, then the zoomed heap.
  await page.goBack();
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: null });
  await page.goBack();
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: true });
  await page.goForward();
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: null });

  // Closing a file's tab: a reload does not bring it back.
  await page.getByRole('button', { name: `Close ${heapName}` }).click();
  await expect(page.locator('.file-tab-name')).toHaveText([dumpName]);
  await expect(page.getByTestId('forget-files')).toHaveText('Forget files (1)');
  await page.reload();
  await expect(page.locator('.file-tab-name')).toHaveText([dumpName]);
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(raw.total)} goroutines`);
  // Every earlier entry showed the closed file: Back passes over them and stays in the app on the dump.
  await page.goBack();
  await expect.poll(() => page.evaluate(() => (history.state as { guard?: boolean } | null)?.guard ?? false)).toBe(false);
  await expect(page.locator('.file-tab-name')).toHaveText([dumpName]);
  await expectView(page, { file: dumpName, tab: 'Goroutines', group: null });
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${fmt(raw.total)} goroutines`);

  // Forget files: said on the page, and a reload shows the empty page.
  await page.getByTestId('forget-files').click();
  await expect(page.getByTestId('kept-notes')).toContainText('Forgot 1 kept file');
  await expect(page.getByTestId('forget-files')).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Drop a Go profile or goroutine dump anywhere on this page' })).toBeVisible();
  await expect(page.locator('.file-tab-name')).toHaveCount(0);
});

test('typing a filter is one Back step, not one per key', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await page.getByRole('tab', { name: 'Top' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('top');
  const before = await historyLength(page);
  await page.getByLabel('Filter rows').pressSequentially('json', { delay: 80 });
  await expect.poll(() => new URL(page.url()).searchParams.get('rows')).toBe('json');
  expect(await historyLength(page)).toBe(before + 1);
  await page.goBack();
  await expect(page.getByLabel('Filter rows')).toHaveValue('');
  await expectView(page, { file: heapName, tab: 'Top' });
});

test('a new visit in the same tab starts empty; without IndexedDB the page says a reload will not restore', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [heap]);
  await expect(page.getByTestId('forget-files')).toHaveText('Forget files (1)');
  // Typing the address again is a new visit, not a reload.
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a Go profile or goroutine dump anywhere on this page' })).toBeVisible();

  await page.addInitScript(() => {
    Object.defineProperty(IDBFactory.prototype, 'open', {
      value: () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    });
  });
  await page.goto('./');
  await dropFiles(page, [heap]);
  await expectView(page, { file: heapName, tab: 'Flame graph', zoomed: false });
  await expect(page.getByTestId('kept-notes')).toContainText(
    'Open files will not come back after a reload: the browser did not let this page keep them (The user denied permission to access the database).',
  );
  await expect(page.getByTestId('forget-files')).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Drop a Go profile or goroutine dump anywhere on this page' })).toBeVisible();
});
