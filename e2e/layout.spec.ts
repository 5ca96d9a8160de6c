// Layout (issue 16, points 1 and 10): what a person sees on the first screen of a laptop, a
// projector and a large monitor. Each of the four main views starts within the first viewport,
// the flame graph shows its root in both orientations, the view toolbar stays in sight while the
// page scrolls, and the goroutine table and group detail never overflow a cell nor break a word
// (a line may end only after `/`, `.`, `(` or at a space), on screen from 1280 to 2560 px and
// printed at A4 width. Checked by element positions, not pixels; screenshots are attached to the
// report. The colour scheme is a parameter of the matrix: light and dark (app/theme.css), each
// checked to be in force by the page's data-theme.
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, dropFiles, repoRoot } from './support';

const schemes = ['light', 'dark'] as const;
const viewports = [
  { width: 1280, height: 720 },
  { width: 1400, height: 900 },
  { width: 1920, height: 1080 },
];
const heap = join(repoRoot, 'public/samples/apiserver-leaks.t2.heap.pb.gz');
const dump = join(repoRoot, 'public/samples/apiserver-leaks.t2.goroutine.debug2.txt');

/** The four main views: the file a person opens, the tab they pick, and the element that is the view. */
const views = [
  { name: 'flame graph', file: heap, tab: 'Flame graph', main: 'flame-graph' },
  { name: 'goroutines', file: dump, tab: 'Goroutines', main: 'wait-histogram' },
  { name: 'graph', file: heap, tab: 'Graph', main: 'call-graph' },
  { name: 'top table', file: heap, tab: 'Top', main: 'top-table' },
] as const;

/** Rows of the main view that must be on the first screen, at least (its top plus this much). */
const FIRST_SCREEN_PX = 120;

async function open(page: Page, file: string, tab: string): Promise<void> {
  await page.goto('./');
  await dropFiles(page, [file]);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/** The page's box of an element, in viewport coordinates. */
async function box(page: Page, testId: string): Promise<{ top: number; bottom: number; left: number; right: number }> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
}

/** The flame graph's root frame (depth 0) and the visible part of the chart's scroller. */
async function rootBox(page: Page): Promise<{ root: { top: number; bottom: number }; scroller: { top: number; bottom: number } }> {
  return page.getByTestId('flame-graph').evaluate((host) => {
    const frames = [...host.querySelectorAll('g.frame')] as Array<Element & { __data__: { depth: number } }>;
    const root = frames.find((f) => f.__data__.depth === 0)!.getBoundingClientRect();
    const s = host.querySelector('[data-testid=flame-scroll]')!.getBoundingClientRect();
    return { root: { top: root.top, bottom: root.bottom }, scroller: { top: s.top, bottom: s.bottom } };
  });
}

for (const colorScheme of schemes) {
  for (const viewport of viewports) {
    const size = `${viewport.width}x${viewport.height}`;
    for (const view of views) {
      test(`${view.name} at ${size} (${colorScheme}): starts on the first screen, toolbar stays in sight`, async ({ page }, testInfo) => {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize(viewport);
        await open(page, view.file, view.tab);
        await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
        await expect(page.getByTestId(view.main)).toBeVisible();
        if (view.main === 'flame-graph') await expect(page.locator('[data-testid=flame-graph] g.frame').first()).toBeVisible();
        // Empty cards take one line: the pinned findings card is a single row.
        const pinned = await box(page, 'pinned-findings');
        expect(pinned.bottom - pinned.top, 'height of the empty pinned-findings card').toBeLessThan(40);

        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        const toolbarTop = (await box(page, 'view-toolbar')).top;
        const main = await box(page, view.main);
        expect(main.top, `top of the ${view.name} within the first ${viewport.height} px`).toBeLessThanOrEqual(viewport.height - FIRST_SCREEN_PX);
        await attachScreenshot(page, testInfo, `${view.name} ${size} ${colorScheme}`);

        if (view.main === 'flame-graph') {
          // Flame orientation: the root is at the bottom of the chart, and on the first screen.
          await expect.poll(async () => (await rootBox(page)).root.bottom).toBeLessThanOrEqual(viewport.height);
          let { root, scroller } = await rootBox(page);
          expect(root.top).toBeGreaterThanOrEqual(scroller.top);
          expect(root.bottom).toBeLessThanOrEqual(scroller.bottom + 1);
          // The chart fits the window: it scrolls inside itself, not the page.
          expect(scroller.bottom).toBeLessThanOrEqual(viewport.height);
          await page.getByRole('button', { name: 'Icicle', exact: true }).click();
          await expect(page.getByRole('button', { name: 'Icicle', exact: true })).toHaveAttribute('aria-pressed', 'true');
          await expect.poll(async () => (await rootBox(page)).root.top).toBeLessThan((await rootBox(page)).scroller.top + 20);
          ({ root, scroller } = await rootBox(page));
          expect(root.top).toBeGreaterThanOrEqual(scroller.top - 1);
          expect(root.bottom).toBeLessThanOrEqual(viewport.height);
          await attachScreenshot(page, testInfo, `${view.name} icicle ${size} ${colorScheme}`);
        }

        // The view toolbar stays in sight under the top bar while the page scrolls (when it does).
        const scrollable = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
        if (scrollable) {
          await page.mouse.move(viewport.width / 2, viewport.height - 20);
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
          const topbar = await page.locator('header.topbar').evaluate((el) => el.getBoundingClientRect().bottom);
          const scrolled = await page.evaluate(() => window.scrollY);
          // It moves up with the page until it meets the top bar, then stays there.
          const toolbar = await box(page, 'view-toolbar');
          expect(toolbar.top, 'view toolbar where the scroll leaves it, never under the top bar').toBeCloseTo(Math.max(topbar, toolbarTop - scrolled), 0);
          await expect(page.getByRole('tab', { name: view.tab, exact: true })).toBeInViewport();
          await attachScreenshot(page, testInfo, `${view.name} ${size} ${colorScheme} scrolled`);
        }
      });
    }
  }
}

/**
 * Every cell of the group table and every block of the group detail: what overflows its box
 * (scrollWidth > clientWidth), and every line break that falls inside a word (a line may end
 * only after `/`, `.`, `(`, at a space, or where one block ends and another starts). Line boxes
 * are measured per character with Range.getClientRects.
 */
function textProblems(page: Page): Promise<{ cells: number; lines: number; overflow: string[]; midWord: string[] }> {
  return page.evaluate(() => {
    const cells = [
      ...document.querySelectorAll('[data-testid=group-table] th, [data-testid=group-table] td'),
      ...document.querySelectorAll('[data-testid=group-detail], [data-testid=group-detail] :is(h3, p, li, div, dd, dt, button)'),
    ] as HTMLElement[];
    const overflow: string[] = [];
    const midWord: string[] = [];
    let lines = 0;
    // The box a text flows in: its nearest element that is not plain inline (a block, an inline
    // block such as a badge or a button); a line may break between two such boxes.
    const boxOf = (n: Node): Element => {
      let e = n.parentElement!;
      while (getComputedStyle(e).display === 'inline') e = e.parentElement!;
      return e;
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 90)}"`;
    for (const cell of cells) {
      if (cell.offsetParent === null) continue;
      if (cell.scrollWidth > cell.clientWidth) overflow.push(`${describe(cell)}: scrollWidth ${cell.scrollWidth} > clientWidth ${cell.clientWidth}`);
    }
    // Line breaks, cell by cell (the table's cells and the detail pane as a whole).
    const roots = [...document.querySelectorAll('[data-testid=group-table] td, [data-testid=group-detail]')];
    const range = document.createRange();
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let prev: { ch: string; top: number; bottom: number; box: Element } | null = null;
      let line = '';
      // A space at the end of a line hangs with no width: it still separates the words.
      let space = false;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.nodeValue ?? '';
        const box = boxOf(n);
        for (let i = 0; i < text.length; i++) {
          const ch = text[i]!;
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const rects = range.getClientRects();
          if (rects.length === 0 || rects[0]!.width === 0) {
            if (/\s/.test(ch)) space = true;
            continue;
          }
          const r = rects[0]!;
          if (prev && r.top >= prev.bottom - 1) {
            lines++;
            const ok = space || prev.box !== box || /[/.(\s]/.test(prev.ch) || /\s/.test(ch);
            if (!ok) midWord.push(`${describe(root)}: a line ends "…${line.slice(-30)}" and the next starts "${text.slice(i, i + 20)}…"`);
            line = '';
          }
          line += ch;
          space = /\s/.test(ch);
          prev = { ch, top: r.top, bottom: r.bottom, box };
        }
      }
    }
    return { cells: cells.length, lines, overflow, midWord };
  });
}

async function openGroup(page: Page): Promise<void> {
  await page.goto('./');
  await dropFiles(page, [dump]);
  const row = page.getByTestId('group-table').locator('tbody tr', { hasText: 'timeoutHandler' }).first();
  await row.click();
  await expect(page.getByTestId('group-detail')).toBeVisible();
  await expect(page.getByTestId('stack-frames')).toContainText('ServeHTTP');
}

for (const colorScheme of schemes) {
  for (const width of [1280, 1400, 1920, 2560]) {
    test(`group table and detail at ${width} px (${colorScheme}): no overflow, no word broken`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 1000 });
      await openGroup(page);
      const p = await textProblems(page);
      expect(p.cells).toBeGreaterThan(50);
      expect(p.overflow, 'cells whose text overflows them').toEqual([]);
      expect(p.midWord, 'line breaks inside a word').toEqual([]);
      await page.getByTestId('group-detail').scrollIntoViewIfNeeded();
      await attachScreenshot(page, testInfo, `group detail ${width} ${colorScheme}`);
    });
  }

  test(`group table and detail printed at A4 width (${colorScheme}): no overflow, no word broken`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    // A4 is 210 mm wide; less the 14 mm margins of @page, 182 mm = 688 CSS px at 96 px per inch.
    await page.setViewportSize({ width: 688, height: 1000 });
    await openGroup(page);
    await page.emulateMedia({ media: 'print', colorScheme });
    // Printed, the detail follows the table at the full width of the page.
    const table = await box(page, 'group-table');
    const detail = await box(page, 'group-detail');
    expect(detail.top).toBeGreaterThanOrEqual(table.bottom - 1);
    expect(detail.right - detail.left).toBeGreaterThan(600);
    const p = await textProblems(page);
    expect(p.cells).toBeGreaterThan(50);
    expect(p.lines, 'names wrap onto more lines at this width').toBeGreaterThan(10);
    expect(p.overflow, 'cells whose text overflows them').toEqual([]);
    expect(p.midWord, 'line breaks inside a word').toEqual([]);
    await attachScreenshot(page, testInfo, `group table printed A4 ${colorScheme}`);
    await testInfo.attach(`group table printed A4 ${colorScheme} (pdf)`, { body: await page.pdf({ format: 'A4', margin: { top: '14mm', bottom: '14mm', left: '14mm', right: '14mm' } }), contentType: 'application/pdf' });
  });
}
