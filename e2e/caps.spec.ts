// Caps on what a file controls (issue 15.3): a profile with a 1 MB function name and 10,000
// labels on a sample loads; the top table shows the name cut with its marker, and the notes say
// what was cut and what was left out. With STACKSCOPE_MEASURE_CAPS=1, the hostile cap cases are
// loaded one by one and the page's longest main-thread tasks while loading each are reported
// (figures, not assertions: a busy 2-core machine can stretch any task).
import { writeFileSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, dropDataTransfer, filesInPage } from './support';
import { encodeProfile, type GenFunction, type GenSample } from './profilegen';

// Playwright's trace recorder snapshots the DOM in the page at every action: off, so the
// measured tasks are the page's own.
test.use({ trace: 'off' });

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

// ---- measurement: the longest main-thread tasks while each hostile case loads ---------------

const measure = process.env.STACKSCOPE_MEASURE_CAPS === '1';

/** The inflated profile with `extra` (more Profile fields) appended, gzipped again. */
function withFields(profile: Buffer, extra: Uint8Array): Buffer {
  return gzipSync(Buffer.concat([gunzipSync(profile), extra]));
}

/** Each case, with a text its notes must show (null: the file needs no cap). */
function cases(): Array<{ name: string; note: string | null; bytes: () => Buffer }> {
  const small: GenFunction[] = [{ name: 'main.main', file: '/src/main.go' }, { name: 'main.work', file: '/src/work.go' }];
  const smallSamples: GenSample[] = [{ stack: [1, 0], value: 3 }];
  const dump = (middle: string) => Buffer.from(`goroutine 1 [running]:\n${middle}`);
  return [
    // For scale: the same machine's long tasks for an ordinary small profile.
    { name: 'baseline: a small ordinary profile', note: null, bytes: () => encodeProfile(small, smallSamples) },
    {
      name: '100,000 profile comments',
      note: '99,800 of 100,000 comments left out',
      bytes: () => {
        const w = protobuf.Writer.create();
        for (let i = 0; i < 100_000; i++) w.uint32(13 << 3).int64(1);
        return withFields(encodeProfile(small, smallSamples), w.finish());
      },
    },
    { name: '50 MB function name in a dump', note: 'a name or string of 52,428,805 bytes is kept as its first 4,096 bytes', bytes: () => dump(`main.${'a'.repeat(50 << 20)}(0x1)\n\t/src/main.go:10 +0x1\n`) },
    { name: '50 MB function name in a profile', note: '1 string longer than 4,096 bytes kept as its first 4,096 bytes', bytes: () => encodeProfile([small[0]!, { name: `main.${'a'.repeat(50 << 20)}`, file: '/src/a.go' }], smallSamples) },
    {
      name: '10 MB lines in a dump (5 of them)',
      note: '5 lines longer than 64 KiB',
      bytes: () =>
        dump(`main.main()\n\t/src/main.go:10 +0x1\n\n${Array.from({ length: 5 }, (_, i) => `${String(i).repeat(10 << 20)}\ngoroutine ${i + 2} [select]:\nmain.f()\n\t/src/f.go:1 +0x1\n\n`).join('')}`),
    },
    { name: '100,000 labels on a sample', note: 'the first 1,000 of each are kept (the first such sample, with 100,000 labels', bytes: () => encodeProfile(small, [{ stack: [1, 0], value: 3, labels: manyLabels(100_000) }]) },
    {
      name: '20,000 distinct 4 KiB function names',
      note: null,
      bytes: () => {
        const fns: GenFunction[] = [small[0]!];
        const samples: GenSample[] = [];
        for (let i = 0; i < 20_000; i++) {
          fns.push({ name: `main.F${String(i).padStart(6, '0')}${'n'.repeat(4096 - 12)}`, file: '/src/f.go' });
          samples.push({ stack: [i + 1, 0], value: 1 + (i % 7) });
        }
        return encodeProfile(fns, samples);
      },
    },
  ];
}

async function longTasksWhileLoading(page: Page, path: string): Promise<number[]> {
  await page.goto('./');
  await page.locator('body').waitFor();
  const files = await filesInPage(page, [path]);
  await page.waitForTimeout(300);
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  await dropDataTransfer(page, files);
  // Waited for with a plain querySelector: Playwright's locator polling runs on the main thread too.
  await page.waitForFunction(() => document.querySelector('[data-testid=profile-header]') !== null, undefined, {
    polling: 100,
    timeout: 120_000,
  });
  await page.waitForTimeout(500);
  return page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
}

test.describe('hostile cap cases: longest main-thread task while loading', () => {
  test.skip(!measure, 'set STACKSCOPE_MEASURE_CAPS=1 to measure (each case writes tens of MB)');
  for (const c of cases()) {
    test(c.name, async ({ page }, info) => {
      test.setTimeout(300_000);
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: false });
      });
      const path = info.outputPath('case.bin');
      writeFileSync(path, c.bytes());
      const tasks = await longTasksWhileLoading(page, path);
      const figure = `${c.name}: long tasks ${JSON.stringify(tasks.map(Math.round))} ms (longest ${Math.round(Math.max(0, ...tasks))} ms)`;
      info.annotations.push({ type: 'long tasks', description: figure });
      console.log(`[measure] ${figure}`);
      await expect(page.getByTestId('profile-header')).toBeVisible();
      if (c.note !== null) await expect(page.getByTestId('file-notes')).toContainText(c.note);
    });
  }
});
