// Keyboard only (issue 16.2): a person who never touches the mouse opens a sample from the first
// page, searches with `/`, clears with Esc, walks the top table and opens a row with Enter, walks
// the flame graph's frames with the arrows (SVG and canvas) and zooms with Enter, opens a
// goroutine group from the group table, moves through the call graph, and reads the `?` list.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support';

/** Presses Tab until `target` has the focus (as a person tabs through the page), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const focused = (page: Page) => page.locator(':focus');

/** Opens a sample from the empty state with Tab and Enter. */
async function openSampleByKeyboard(page: Page, title: string): Promise<void> {
  await page.goto('./');
  await tabTo(page, page.getByRole('button', { name: title, exact: true }));
  await page.keyboard.press('Enter');
}

/** The frame the flame graph announces as focused (its first line is the frame's name). */
const announced = (page: Page) => page.getByTestId('flame-focus-name');

test('heap profile by keyboard: / searches, Esc clears, flame frames by arrows, Enter zooms, Esc resets, top rows by arrows and Enter', async ({ page }) => {
  await openSampleByKeyboard(page, 'Toy shop server: heap');
  const graph = page.getByTestId('flame-graph');
  await expect(graph.locator('g.frame').first()).toBeVisible();
  await expect(graph).toHaveAttribute('data-renderer', 'svg');

  // `/` focuses the search; typing searches; Esc clears it.
  await page.locator('body').press('/');
  const search = page.getByLabel('Search frames');
  await expect(search).toBeFocused();
  await page.keyboard.type('json');
  await expect(page.getByTestId('flame-details')).toContainText(/Matched \d+ functions?:/);
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(page.getByTestId('flame-details')).toContainText('frames drawn');

  // The chart is one tab stop: its root is announced, ↑ (flame: root at the bottom) goes to the
  // widest child, → to its right neighbour, ↓ back to the caller.
  await tabTo(page, graph);
  await expect(announced(page)).toContainText(/^root\./);
  const widestAtDepth1 = await page.evaluate(() => {
    const frames = [...document.querySelectorAll('[data-testid=flame-graph] g.frame')] as Array<Element & { __data__: { depth: number; x0: number; x1: number; data: { name: string } } }>;
    const row = frames.map((f) => f.__data__).filter((d) => d.depth === 1);
    row.sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0));
    return row[0]!.data.name;
  });
  await page.keyboard.press('ArrowUp');
  await expect(announced(page)).toContainText(`${widestAtDepth1}.`);
  await expect(graph.locator('g.frame.keyboard-focus')).toHaveAttribute('name', widestAtDepth1);
  await expect(announced(page)).toContainText(/cum [\d.]+[kMG]?B \([\d.]+% of total/);
  // The focused frame's tooltip shows its numbers too.
  await expect(page.getByRole('tooltip')).toContainText(widestAtDepth1);
  await page.keyboard.press('ArrowDown');
  await expect(announced(page)).toContainText(/^root\./);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const deeper = (await announced(page).textContent())!.split('. ')[0]!;
  expect(deeper).not.toBe(widestAtDepth1);
  // Enter zooms to the focused frame: the reset button wakes up and the frame spans the width.
  await page.keyboard.press('Enter');
  const reset = page.getByRole('button', { name: 'Reset zoom' });
  await expect(reset).toBeEnabled();
  await expect(graph).toBeFocused();
  await expect(graph.locator('g.frame.keyboard-focus')).toHaveAttribute('name', deeper);
  // Esc resets the zoom.
  await page.keyboard.press('Escape');
  await expect(reset).toBeDisabled();

  // The top table by Tab: one row is a tab stop, ↓ End Home move, Enter opens the row's flame graph.
  await tabTo(page, page.getByRole('tab', { name: 'Top' }));
  await page.keyboard.press('Enter');
  const firstRow = page.locator('.top-rows .top-row[data-roving="0"]');
  await tabTo(page, firstRow);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(focused(page)).toHaveAttribute('data-roving', '2');
  await page.keyboard.press('End');
  const rowCount = Number((await page.getByTestId('top-count').textContent())!.split(' ')[0]!.replace(/,/g, ''));
  expect(rowCount).toBeGreaterThan(30);
  // The last row is rendered (the table is virtualized) and focused.
  await expect(focused(page)).toHaveAttribute('data-roving', String(rowCount - 1));
  await page.keyboard.press('Home');
  await expect(focused(page)).toHaveAttribute('data-roving', '0');
  await page.keyboard.press('ArrowDown');
  const name = (await focused(page).locator('[role=cell].name').textContent())!.replace(/ \((partial-)?inline\)$/, '');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('flame-focus')).toContainText(name);

  // `/` in the top table focuses its row filter; Esc clears it.
  await tabTo(page, page.getByRole('tab', { name: 'Top' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('/');
  await expect(page.getByLabel('Filter rows')).toBeFocused();
  await page.keyboard.type('json');
  await expect(page.getByTestId('top-table')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('top-count')).not.toContainText(`${rowCount.toLocaleString('en-US')} of`);
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Filter rows')).toHaveValue('');
});

test('canvas flame graph (725 boxes): arrows move an outlined frame, Enter zooms, Esc resets', async ({ page }) => {
  await openSampleByKeyboard(page, 'Toy shop server: CPU');
  const graph = page.getByTestId('flame-graph');
  await expect(graph).toHaveAttribute('data-renderer', 'canvas');
  const canvas = page.getByTestId('flame-canvas');
  await expect(canvas).toHaveAttribute('data-paints', /\d+/);
  await tabTo(page, graph);
  await expect(announced(page)).toContainText(/^root\./);
  // The root is box 0, outlined on the canvas.
  await expect(canvas).toHaveAttribute('data-focus-box', '0');
  await page.keyboard.press('ArrowUp');
  await expect(canvas).not.toHaveAttribute('data-focus-box', '0');
  await expect(canvas).not.toHaveAttribute('data-focus-box', '-1');
  const first = (await announced(page).textContent())!.split('. ')[0]!;
  expect(first).not.toBe('root');
  await page.keyboard.press('ArrowRight');
  await expect(announced(page)).not.toContainText(`${first}.`);
  await page.keyboard.press('ArrowLeft');
  await expect(announced(page)).toContainText(`${first}.`);
  await page.keyboard.press('Enter');
  const reset = page.getByRole('button', { name: 'Reset zoom' });
  await expect(reset).toBeEnabled();
  // The zoomed frame keeps the focus in the new view.
  await expect(announced(page)).toContainText(`${first}.`);
  await expect(canvas).not.toHaveAttribute('data-focus-box', '-1');
  await page.keyboard.press('Escape');
  await expect(reset).toBeDisabled();
  // Leaving the chart removes the outline.
  await page.keyboard.press('Shift+Tab');
  await expect(canvas).toHaveAttribute('data-focus-box', '-1');
});

test('goroutine dump by keyboard: a group opens with Enter from the group table, Esc closes it, / focuses the frame filter', async ({ page }) => {
  await openSampleByKeyboard(page, 'Leaky kube-apiserver, after 4m0s of load: goroutine dump (debug=2)');
  const table = page.getByTestId('group-table');
  const first = table.locator('tbody tr[data-roving="0"]');
  await tabTo(page, first);
  await page.keyboard.press('ArrowDown');
  const row = table.locator('tbody tr[data-roving="1"]');
  await expect(row).toBeFocused();
  // The site is the cell's first word (finding badges and the pin button follow it).
  const site = (await row.locator('td.site .mono').first().textContent())!.trim().split(/\s+/)[0]!;
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('group-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(site);
  await expect(row).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await page.keyboard.press('/');
  await expect(page.getByLabel('Frame filter')).toBeFocused();
});

test('call graph by keyboard: one tab stop, arrows move between nodes, Enter opens the flame graph of the node', async ({ page }) => {
  await openSampleByKeyboard(page, 'Toy shop server: heap');
  await tabTo(page, page.getByRole('tab', { name: 'Graph', exact: true }));
  await page.keyboard.press('Enter');
  const nodes = page.locator('[data-testid=call-graph] g.graph-node');
  await expect(nodes.first()).toBeVisible();
  // One node is in the tab order.
  await expect(page.locator('[data-testid=call-graph] g.graph-node > rect[tabindex="0"]')).toHaveCount(1);
  await tabTo(page, page.locator('[data-testid=call-graph] g.graph-node > rect[tabindex="0"]'));
  const nodeOf = (l: Locator) => l.evaluate((el) => el.parentElement!.getAttribute('data-node'));
  const start = await nodeOf(focused(page));
  await page.keyboard.press('ArrowRight');
  const next = await nodeOf(focused(page));
  expect(next).not.toBe(start);
  expect(await nodeOf(page.locator('[data-testid=call-graph] g.graph-node > rect[tabindex="0"]'))).toBe(next);
  await page.keyboard.press('ArrowLeft');
  expect(await nodeOf(focused(page))).toBe(start);
  await page.keyboard.press('ArrowRight');
  // The node reads out the lines its box shows; Enter focuses the flame graph on its function.
  await expect(focused(page)).toHaveAttribute('aria-label', /\S/);
  const name = (await focused(page).getAttribute('data-function'))!;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('flame-focus')).toContainText(name);
});

test('? lists the shortcuts in a dialog; Esc closes it and the focus returns', async ({ page }) => {
  await openSampleByKeyboard(page, 'Toy shop server: heap');
  await expect(page.getByTestId('flame-graph').locator('g.frame').first()).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Icicle' }));
  const before = await focused(page).textContent();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /^\/ Focus the current view's search/ })).toBeVisible();
  await expect(dialog).toContainText('in a flame graph (root at the bottom) ↑ is a callee and ↓ the caller');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  // Keys typed while it is open are not shortcuts of the page behind it.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search frames')).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(focused(page)).toHaveText(before!);
  // `?` typed into a search box is a character, not a shortcut.
  await page.keyboard.press('/');
  await page.keyboard.type('a?');
  await expect(page.getByLabel('Search frames')).toHaveValue('a?');
  await expect(dialog).toBeHidden();
});
