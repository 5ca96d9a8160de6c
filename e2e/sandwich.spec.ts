// The sandwich of a function: opened from a top-table row and from a flame frame, it lists the
// function's callers and callees with the numbers `go tool pprof -peek` prints for it (read here
// from the oracle pprof wrote, test/oracle/peek), draws the callers above and the callees below,
// and lives in the address so a reload opens it again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect, dropFiles, repoRoot } from './support';

const heap = join(repoRoot, 'public/samples/apiserver-leaks.t1.heap.pb.gz');
const separator = '----------------------------------------------------------+-------------';

interface PeekBlock {
  flat: string;
  cum: string;
  callers: string[][];
  callees: string[][];
}

/** pprof's -peek entry of one function, from the oracle's text: [value, calls%, name] per edge. */
function peekOf(oracle: string, fn: string): PeekBlock {
  const text = readFileSync(join(repoRoot, 'test/oracle/peek', oracle), 'utf8');
  for (const block of text.split(`${separator}\n`)) {
    const lines = block.replace(/\n$/, '').split('\n');
    const at = lines.findIndex((l) => l.endsWith(`                | ${fn}`));
    if (at < 0) continue;
    const edge = (l: string) => {
      const m = /^\s+(\S+)\s+(\S+%) \| {3}(.*)$/.exec(l)!;
      return [m[1]!, m[2]!.trim(), m[3]!];
    };
    const f = lines[at]!.trim().split(/\s+/);
    return { flat: f[0]!, cum: f[3]!, callers: lines.slice(0, at).map(edge), callees: lines.slice(at + 1).map(edge) };
  }
  throw new Error(`${fn} not in ${oracle}`);
}

async function tableRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
  );
}

test('sandwich from a top row of a real heap profile: callers and callees with pprof -peek numbers', async ({ page }) => {
  const fn = 'encoding/json.structEncoder.encode';
  const want = peekOf('apiserver-leaks.t1.heap.pb.gz.all.peek', fn);
  expect(want.callers.length + want.callees.length).toBeGreaterThan(2);

  await page.goto('./');
  await dropFiles(page, [heap]);
  await page.getByRole('tab', { name: 'Top' }).click();
  await page.getByLabel('Filter rows').fill('structEncoder');
  const row = page.locator('.top-rows .top-row', { hasText: fn }).first();
  await row.hover();
  await row.getByRole('button', { name: `Callers and callees of ${fn}` }).click();

  const sandwich = page.getByTestId('sandwich');
  await expect(sandwich).toBeVisible();
  await expect(page.getByTestId('sandwich-chip')).toContainText(`Sandwich: ${fn}`);
  await expect(page.getByTestId('sandwich-function')).toContainText(`${fn}: flat ${want.flat === '0' ? '0' : want.flat}`);
  await expect(page.getByTestId('sandwich-function')).toContainText(`cum ${want.cum}`);
  expect(await tableRows(page.getByTestId('sandwich-callers'))).toEqual(want.callers);
  expect(await tableRows(page.getByTestId('sandwich-callees'))).toEqual(want.callees);

  // The two flames: the function at the root of each, its callers and callees drawn as frames.
  const callerFrames = page.getByTestId('sandwich-caller-flame').locator('g.frame');
  const calleeFrames = page.getByTestId('sandwich-callee-flame').locator('g.frame');
  await expect(callerFrames.first()).toBeAttached();
  const names = async (frames: Locator) => frames.evaluateAll((gs) => gs.map((g) => (g.querySelector('title')?.textContent || g.textContent || '').trim()));
  const callerNames = (await names(callerFrames)).join('\n');
  const calleeNames = (await names(calleeFrames)).join('\n');
  expect(callerNames.split('\n')[0]).toBe(fn);
  expect(calleeNames.split('\n')[0]).toBe(fn);
  for (const [, , name] of want.callees) expect(calleeNames).toContain(name.replace(/ \(inline\)$/, ''));
  // It is recursive (reflectValue -> ptrEncoder -> structEncoder again): the panel says so, and a
  // caller met only inside the recursion is drawn in the callees flame.
  await expect(page.getByTestId('sandwich-recursive')).toContainText(`${fn} calls itself in some stacks`);
  for (const [, , name] of want.callers) expect(`${callerNames}\n${calleeNames}`).toContain(name.replace(/ \(inline\)$/, ''));

  // In the address: a reload opens the same sandwich.
  await expect(page).toHaveURL(/sandwich=/);
  expect(new URL(page.url()).searchParams.get('sandwich')).toBe(fn);

  // The chip closes it; the flame graph is back.
  await page.getByRole('button', { name: 'Close sandwich' }).click();
  await expect(sandwich).toHaveCount(0);
  await expect(page.getByTestId('flame-graph')).toBeVisible();
  // The address is written once the view settles (debounced): poll for it.
  await expect.poll(() => new URL(page.url()).searchParams.get('sandwich')).toBeNull();
});

test('sandwich from a flame frame: right-click a frame', async ({ page }) => {
  const fn = 'net/http.(*ServeMux).ServeHTTP';
  const want = peekOf('apiserver-leaks.t1.heap.pb.gz.handler.peek', fn);
  await page.goto('./');
  await dropFiles(page, [heap]);
  const frame = page.getByTestId('flame-graph').locator('g.frame', { hasText: fn }).first();
  await frame.hover();
  await expect(page.getByRole('tooltip')).toContainText('right-click: its callers and callees (sandwich)');
  await frame.click({ button: 'right' });
  await expect(page.getByTestId('sandwich-chip')).toContainText(`Sandwich: ${fn}`);
  expect(await tableRows(page.getByTestId('sandwich-callers'))).toEqual(want.callers);
  expect(await tableRows(page.getByTestId('sandwich-callees'))).toEqual(want.callees);
  // Not recursive: the callers flame's first level is exactly the callers table.
  await expect(page.getByTestId('sandwich-recursive')).toHaveCount(0);
  const firstLevel = await page
    .getByTestId('sandwich-caller-flame')
    .locator('g.frame')
    .evaluateAll((gs) => gs.map((g) => (g.querySelector('title')?.textContent || g.textContent || '').trim()));
  expect(firstLevel).toContain(want.callers[0]![2]);
});

test('an address with sandwich=NAME opens that sandwich when the file is dropped', async ({ page }) => {
  const fn = 'net/http.HandlerFunc.ServeHTTP';
  const want = peekOf('apiserver-leaks.t1.heap.pb.gz.handler.peek', fn);
  await page.goto(`./?sandwich=${encodeURIComponent(fn)}`);
  await dropFiles(page, [heap]);
  await expect(page.getByTestId('linked-view-question')).toContainText(`Apply the linked view (callers and callees of "${fn}") to this file?`);
  await page.getByTestId('linked-view-question').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('sandwich-chip')).toContainText(`Sandwich: ${fn}`);
  expect(await tableRows(page.getByTestId('sandwich-callers'))).toEqual(want.callers);
  expect(await tableRows(page.getByTestId('sandwich-callees'))).toEqual(want.callees);
});
