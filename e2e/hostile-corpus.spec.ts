// Every case of the hostile corpus (tools/hostile/corpus.ts) a person could open, opened the way a
// person does: follow the link (the address), then pick the files with "Open files…". Each ends
// with no dialog, no page error, no Content-Security-Policy violation (the guards in support.ts,
// and CSP messages on the console here), in a view, or in an error that names the file (an
// archive with nothing to open: its note; a link alone: its report, or its own error). The
// page's main-thread long tasks are recorded per case (PerformanceObserver 'longtask') and
// attached to the report as an annotation, never asserted: timing belongs to the benchmark
// (bench/cases/hostile.ts).
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { hostileCases } from '../tools/hostile/corpus';
import { test, expect } from './support';

const cases = hostileCases().filter((c) => c.browser);

/** Records long tasks from the start of the page, in the page. */
async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: Array<{ start: number; ms: number }> };
    w.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no longtask support: nothing is recorded, and the annotation says so
    }
  });
}

/** The page's long tasks after `since` (page time, ms), after two frames have painted. */
async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(async (since) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const w = window as unknown as { __longTasks: Array<{ start: number; ms: number }> };
    return w.__longTasks.filter((t) => t.start >= since).map((t) => Math.round(t.ms));
  }, since);
}

/** Waits for the case's ending; returns which it was. */
async function ending(page: Page, fileNames: string[]): Promise<'result' | 'error' | 'report' | 'link-error'> {
  if (fileNames.length === 0) {
    const report = page.getByTestId('report');
    const linkError = page.getByTestId('link-error');
    await expect(report.or(linkError).first()).toBeVisible();
    if (await linkError.isVisible()) {
      // One sentence about the link, naming no raw byte of it.
      await expect(linkError).toContainText(/link/i);
      return 'link-error';
    }
    return 'report';
  }
  const error = page.getByTestId('load-error');
  const view = page.locator('.file-view');
  // An archive with nothing to open says so in the list of archives: "NAME: 0 files opened",
  // each skipped member with its reason.
  const emptyArchive = page.getByRole('list', { name: 'Archives' }).filter({ hasText: / 0 files opened/ });
  await expect(error.or(view).or(emptyArchive).first()).toBeVisible({ timeout: 90_000 });
  for (const shown of [error, emptyArchive]) {
    if (!(await shown.isVisible())) continue;
    const text = (await shown.textContent()) ?? '';
    expect(fileNames.some((n) => text.includes(n)), `the error names the file: ${text.slice(0, 300)}`).toBe(true);
    return 'error';
  }
  await expect(view).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 90_000 });
  return 'result';
}

for (const c of cases) {
  test(`hostile corpus: ${c.name}`, async ({ page, guards }, info) => {
    test.setTimeout(180_000);
    info.annotations.push({ type: 'case', description: c.what });
    const cspConsole: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspConsole.push(m.text());
    });
    await observeLongTasks(page);
    const files = c.files();
    const paths = files.map((f) => {
      const path = info.outputPath(f.name);
      writeFileSync(path, f.bytes);
      return path;
    });
    await page.goto(`./${c.browser!.address}`);
    const since = await page.evaluate(() => performance.now());
    if (paths.length) await page.getByTestId('file-input').setInputFiles(paths);
    const ended = await ending(
      page,
      files.map((f) => f.name),
    );
    if (c.linkEnding) expect(ended).toBe(c.linkEnding);
    else if (c.ending !== 'either') expect(ended, c.what).toBe(c.ending);
    const tasks = await longTasksSince(page, since);
    info.annotations.push({
      type: 'main-thread long tasks (ms)',
      description: tasks.length ? `longest ${Math.max(...tasks)}; all: ${tasks.join(', ')}` : 'none over 50 ms',
    });
    expect(cspConsole, 'CSP messages on the console').toEqual([]);
    expect(guards.dialogs).toEqual([]);
  });
}
