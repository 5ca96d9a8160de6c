// Findings, permalinks and the postmortem report, end to end: pin a goroutine group, a top-table
// row and a known bug; copy the link; open it in a fresh browser (no storage) and read the same
// findings and numbers; print the report; drop the file and land at the shared view. Hostile
// notes and links stay text or a clear error; pins survive a reload; damaged storage is reset
// with a message; charts export as SVG and PNG, the report as Markdown.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from '@playwright/test';
import { encodePermalink } from '../src/share/codec';
import { sealEnvelope } from '../src/share/envelope';
import { SCHEMA_VERSION, type SharePayload } from '../src/share/schema';
import { pdfText } from './pdfText';
import { test, expect, dropFiles, repoRoot } from './support';

const sample = (f: string) => join(repoRoot, 'public/samples', f);
const t2 = sample('apiserver-leaks.t2.goroutine.debug2.txt');
const heap = sample('apiserver-leaks.t2.heap.pb.gz');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';
const timeoutFunc = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1';
const n = (x: number) => x.toLocaleString('en-US');

/** The dump read with plain string handling: state, wait minutes and top frame per goroutine. */
function readDump(path: string): Array<{ state: string; minutes: number; top: string; funcs: string[] }> {
  return readFileSync(path, 'utf8')
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[/.test(l[0]!))
    .map((l) => {
      const status = /^goroutine \d+ \[(.*)\]:$/.exec(l[0]!)![1]!.split(', ');
      const minutes = status.find((p) => p.endsWith(' minutes'));
      const funcs: string[] = [];
      for (let i = 1; i + 1 < l.length && !l[i]!.startsWith('created by '); i += 2) funcs.push(l[i]!.replace(/\([^()]*\)$/, ''));
      return { state: status[0]!, minutes: minutes ? Number.parseInt(minutes, 10) : 0, top: funcs[0] ?? '', funcs };
    });
}

// The t2 dump's longest wait is 8 minutes: one bucket per minute (analysis/waitBuckets.ts).
const bucketOf = (m: number) => (m === 0 ? '<1 min' : `${m} min`);

/** The same guards as support.ts's fixture, for pages of contexts a test makes itself. */
async function guardedPage(browser: Browser, origin: string): Promise<{ ctx: BrowserContext; page: Page; check: () => Promise<void> }> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('dialog', (d) => {
    problems.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) problems.push(`off-origin request ${url}`);
  });
  page.on('pageerror', (e) => problems.push(`page error ${e.message}`));
  const check = async () => {
    const csp = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect([...problems, ...csp.map((c) => `CSP ${c}`)]).toEqual([]);
    await ctx.close();
  };
  return { ctx, page, check };
}

async function pin(page: Page, button: ReturnType<Page['getByTestId']>, title: string | null, note: string): Promise<void> {
  await expect(button).toBeEnabled();
  await button.click();
  const editor = page.getByTestId('pin-editor');
  await expect(editor).toBeVisible();
  if (title !== null) await editor.getByLabel('Title').fill(title);
  await editor.getByLabel('Note').fill(note);
  await editor.getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(editor).toHaveCount(0);
}

async function copyLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('copy-link').click();
  await expect(dialog.getByRole('status')).toHaveText('Link copied.');
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  return link;
}

async function saved(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const d = await download;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path!) };
}

const collapse = (s: string) => s.replace(/\s+/g, '');

test('pinned findings travel by link: same findings and numbers without the file, the shared view with it', async ({ page, context, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const raw = readDump(t2);
  const timeoutGroup = raw.filter((g) => g.state === 'chan send' && g.top === timeoutSite);
  const throughTimeout = raw.filter((g) => g.funcs.includes(timeoutFunc)).length;

  await page.goto('./');
  await dropFiles(page, [t2]);
  const rows = page.getByTestId('group-table').locator('tbody tr');
  await expect(rows.first()).toContainText(timeoutSite);

  // 1. The largest goroutine group.
  await pin(page, rows.first().getByTestId('pin'), 'Leaked timeout-handler goroutines', 'NOTE-GROUP-7f3a: each timed-out request leaves one goroutine blocked.\nSecond line.');
  // 2. A known bug.
  await pin(page, page.locator('[data-finding="KAS-TIMEOUT-LEAK"]').getByTestId('pin'), null, 'NOTE-BUG-91c2: upgrade to 1.15.5 or later.');
  // 3. A top-table row, read as the table prints it.
  await page.getByRole('tab', { name: 'Top' }).click();
  await page.getByLabel('Filter rows').fill(`^${timeoutFunc.replace(/[.*()]/g, '\\$&')}$`);
  const row = page.locator('.top-rows .top-row').first();
  await expect(row.locator('.name')).toContainText(timeoutFunc);
  await expect(page.getByTestId('top-count')).toHaveText(/^1 of /);
  const cells = (await row.locator('[role=cell]').allTextContents()).slice(0, 5);
  expect(cells[3]).toBe(String(throughTimeout)); // cum: goroutines whose stack passes through it
  await pin(page, row.getByTestId('pin'), 'Timeout handler, cumulative', 'NOTE-ROW-5d0e');

  const pinned = page.getByTestId('pinned-finding');
  await expect(pinned).toHaveCount(3);
  await expect(pinned.nth(0)).toContainText(`${n(timeoutGroup.length)} goroutines (${((timeoutGroup.length / raw.length) * 100).toFixed(1)}% of ${n(raw.length)}) in chan send at ${timeoutSite}`);

  // Reorder: the row moves up above the known bug, then back down.
  await pinned.nth(2).getByRole('button', { name: 'Move up' }).click();
  await expect(pinned.nth(1)).toHaveAttribute('data-kind', 'top-row');
  await pinned.nth(1).getByRole('button', { name: 'Move down' }).click();
  await expect(pinned.nth(2)).toHaveAttribute('data-kind', 'top-row');
  // Edit the bug's title.
  await pinned.nth(1).getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('pin-editor').getByLabel('Title').fill('Known bug: KAS-TIMEOUT-LEAK');
  await page.getByTestId('pin-editor').getByRole('button', { name: 'Save' }).click();
  await expect(pinned.nth(1)).toContainText('Known bug: KAS-TIMEOUT-LEAK');

  // The view to share: goroutines in chan send, the timeout group open.
  await page.getByRole('tab', { name: 'Goroutines' }).click();
  await page.getByTestId('goroutine-summary').locator('[data-state="chan send"]').click();
  await expect(page.getByTestId('goroutine-summary')).toContainText(`of ${n(raw.length)} goroutines`);
  await rows.first().click();
  await expect(page.getByTestId('group-detail')).toContainText(timeoutSite);

  const link = await copyLink(page);
  const dialog = page.getByTestId('share-dialog');
  expect(new URL(link).origin).toBe(origin);
  expect(new URL(link).hash).toMatch(/^#s1\.[A-Za-z0-9_-]+$/);
  const size = Number((await dialog.getByTestId('share-size').locator('strong').textContent())!.replace(/\D/g, ''));
  expect(size).toBe(link.length);
  expect(size).toBeLessThan(4096);
  await expect(dialog.getByTestId('share-warning')).toHaveCount(0);
  // The preview lists exactly what goes: the notes among it, the SHA-256 of the file.
  await expect(dialog.getByTestId('share-preview')).toContainText('"NOTE-GROUP-7f3a: each timed-out request leaves one goroutine blocked.\\nSecond line."');
  await expect(dialog.getByTestId('share-preview')).toContainText(sha256(t2));
  await page.screenshot({ path: test.info().outputPath('share-dialog.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A fresh browser: no storage, no file. The report shows the findings with their numbers.
  const fresh = await guardedPage(browser, origin);
  const reader = fresh.page;
  await reader.goto(link);
  const report = reader.getByTestId('report');
  await expect(reader.getByTestId('link-banner')).toContainText('apiserver-leaks.t2.goroutine.debug2.txt');
  const found = report.getByTestId('report-finding');
  await expect(found).toHaveCount(3);
  await expect(found.nth(0).locator('h2')).toHaveText('1. Leaked timeout-handler goroutines');
  await expect(found.nth(0).getByTestId('report-note')).toHaveText('NOTE-GROUP-7f3a: each timed-out request leaves one goroutine blocked.\nSecond line.');
  await expect(found.nth(0)).toContainText(`${n(timeoutGroup.length)} goroutines (${((timeoutGroup.length / raw.length) * 100).toFixed(1)}% of ${n(raw.length)}) in chan send at ${timeoutSite}`);
  const perBucket = new Map<string, number>();
  for (const g of timeoutGroup) perBucket.set(bucketOf(g.minutes), (perBucket.get(bucketOf(g.minutes)) ?? 0) + 1);
  for (const b of ['<1 min', ...Array.from({ length: 8 }, (_, i) => `${i + 1} min`)]) {
    await expect(found.nth(0).locator(`svg g[data-bucket="${b}"]`)).toHaveAttribute('data-count', String(perBucket.get(b) ?? 0));
  }
  await expect(found.nth(1).locator('h2')).toHaveText('2. Known bug: KAS-TIMEOUT-LEAK');
  await expect(found.nth(1)).toContainText(`${n(timeoutGroup.length)} goroutines in chan send at ${timeoutSite}`);
  for (const a of await found.nth(1).locator('a').all()) {
    expect(await a.getAttribute('href')).toMatch(/^https:\/\/github\.com\//);
    await expect(a).toHaveAttribute('target', '_blank');
    await expect(a).toHaveAttribute('rel', 'noopener noreferrer');
  }
  await expect(found.nth(2).locator('h2')).toHaveText('3. Timeout handler, cumulative');
  const figures = found.nth(2).getByTestId('report-figures');
  await expect(figures.locator('tbody tr').nth(0)).toHaveText(['flat', cells[0]!, cells[1]!].join(''));
  await expect(figures.locator('tbody tr').nth(1)).toHaveText(['cum', cells[3]!, cells[4]!].join(''));
  // The snapshot is of the view as shared: the groups and top rows of goroutines in chan send.
  const chanSend = raw.filter((g) => g.state === 'chan send').length;
  const snapshot = report.getByTestId('report-snapshot');
  await expect(snapshot).toContainText(`goroutine groups (${n(chanSend)} goroutines)`);
  await expect(snapshot.locator('table').nth(1).locator('tbody tr').first()).toContainText(
    [n(timeoutGroup.length), `${((timeoutGroup.length / chanSend) * 100).toFixed(1)}%`, 'chan send', timeoutSite].join(''),
  );
  await reader.screenshot({ path: test.info().outputPath('link-report.png'), fullPage: true });

  // Printing gives the findings' text (and no toolbar).
  const text = collapse(pdfText(await reader.pdf({ format: 'A4' })));
  for (const s of ['NOTE-GROUP-7f3a', 'NOTE-BUG-91c2', 'NOTE-ROW-5d0e', 'Leakedtimeout-handlergoroutines', `${n(timeoutGroup.length)}goroutines`]) expect(text).toContain(s);
  expect(text).not.toContain('DownloadMarkdown');

  // Dropping the file opens it at the shared view, with the link's findings pinned.
  await dropFiles(reader, [t2]);
  await expect(reader.getByTestId('link-notice')).toContainText('Opened at the view of the shared link; its 3 findings added to the pinned findings.');
  await expect(reader.getByRole('tab', { name: 'Goroutines' })).toHaveAttribute('aria-selected', 'true');
  await expect(reader.getByTestId('goroutine-summary').locator('[data-state="chan send"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(reader.getByTestId('group-detail')).toContainText(`${n(timeoutGroup.length)} goroutines in chan send at ${timeoutSite}`);
  await expect(reader.getByTestId('pinned-finding')).toHaveCount(3);
  await expect(reader.getByTestId('pinned-finding').nth(0)).toContainText('Leaked timeout-handler goroutines');
  await fresh.check();
});

test('a frame and a row of a heap profile: zoom travels, charts export as SVG and PNG, the report as Markdown', async ({ page, context, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.goto('./');
  await dropFiles(page, [heap]);
  const frames = page.getByTestId('flame-graph').locator('g.frame');
  await expect(frames.first()).toBeVisible();
  // Shift-click pins a frame without zooming.
  const json = page.getByTestId('flame-graph').locator('g.frame[name="encoding/json.(*decodeState).literalStore"]').first();
  await json.click({ modifiers: ['Shift'] });
  await page.getByTestId('pin-editor').getByLabel('Note').fill('NOTE-FRAME-shift');
  await page.getByTestId('pin-editor').getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  // A click zooms; the toolbar pins the zoomed frame.
  // reflect.makemap holds 8% of the heap: narrow before the zoom, full width after.
  const zoomTo = 'reflect.makemap';
  const zoomed = page.getByTestId('flame-graph').locator(`g.frame[name="${zoomTo}"]`).first();
  expect(await zoomed.locator('rect').evaluate((r) => r.getBoundingClientRect().width / (r as SVGRectElement).ownerSVGElement!.getBoundingClientRect().width)).toBeLessThan(0.2);
  await zoomed.click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
  await pin(page, page.getByRole('button', { name: 'Pin the zoomed frame' }), null, 'NOTE-FRAME-zoomed');
  const pinned = page.getByTestId('pinned-finding');
  await expect(pinned).toHaveCount(2);
  await expect(pinned.nth(0).locator('.pin-title')).toHaveText('encoding/json.(*decodeState).literalStore');
  await expect(pinned.nth(1).locator('.pin-title')).toHaveText(zoomTo);
  const zoomedFigures = (await pinned.nth(1).getByTestId('pin-figures').textContent())!;
  expect(zoomedFigures).toMatch(/^flat \S+ \(\S+%\), cum \S+ \(\S+%\) of \S+ inuse_space$/);

  // The flame graph as SVG (labels as text, styles inline) and PNG.
  const svg = await saved(Promise.all([page.waitForEvent('download'), page.locator('.flame-panel').getByRole('button', { name: 'SVG' }).click()]).then(([d]) => d));
  expect(svg.name).toBe('apiserver-leaks.t2.heap-flame.svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).not.toContain('foreignObject');
  expect(svgText).toContain('>reflect.makemap</text>');
  const png = await saved(Promise.all([page.waitForEvent('download'), page.locator('.flame-panel').getByRole('button', { name: 'PNG' }).click()]).then(([d]) => d));
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.bytes.readUInt32BE(16)).toBe(2 * Number(/<svg [^>]*width="(\d+)"/.exec(svgText)![1]));

  // The report of the live file, and its Markdown.
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report-finding')).toHaveCount(2);
  await expect(page.getByTestId('report-finding').nth(1).locator('svg.path-excerpt rect.pinned')).toHaveCount(1);
  const md = await saved(Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]).then(([d]) => d));
  const markdown = md.bytes.toString('utf8');
  expect(markdown).toContain('# Findings: apiserver-leaks.t2.heap.pb.gz\n');
  expect(markdown).toContain('> NOTE-FRAME-zoomed\n');
  const [, flatText, flatPct] = /^flat (\S+) \((\S+)\)/.exec(zoomedFigures)!;
  expect(markdown).toContain(`| flat | ${flatText} | ${flatPct} |`);
  await page.getByRole('button', { name: 'Copy Markdown' }).click();
  await expect(page.getByTestId('report').getByRole('status')).toHaveText('Markdown copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
  await page.getByRole('button', { name: 'Close report' }).click();

  const link = await copyLink(page);
  const fresh = await guardedPage(browser, origin);
  await fresh.page.goto(link);
  const found = fresh.page.getByTestId('report-finding');
  await expect(found).toHaveCount(2);
  await expect(found.nth(1).getByTestId('report-figures').locator('tbody tr').nth(0)).toHaveText(`flat${flatText}${flatPct}`);
  await dropFiles(fresh.page, [heap]);
  await expect(fresh.page.getByTestId('link-notice')).toContainText('Opened at the view of the shared link');
  // The zoom came back: the zoomed frame is drawn full width under its faded ancestors.
  await expect(fresh.page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
  await expect(fresh.page.getByRole('button', { name: 'Pin the zoomed frame' })).toBeVisible();
  const share = () =>
    fresh.page
      .getByTestId('flame-graph')
      .locator(`g.frame[name="${zoomTo}"] > rect`)
      .first()
      .evaluate((r) => r.getBoundingClientRect().width / (r as SVGRectElement).ownerSVGElement!.getBoundingClientRect().width);
  await expect.poll(share).toBeGreaterThan(0.9);
  await fresh.page.screenshot({ path: test.info().outputPath('heap-link-dropped.png'), fullPage: true });
  await fresh.check();
});

test('notes with HTML and script stay text in the panel, the link and the report', async ({ page, context, browser, baseURL, guards }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const title = '"><svg onload=alert(1)><b>bold</b>';
  const note = '<img src=x onerror=alert(2)>\n<script>alert(3)</script>\njavascript:alert(4) [click](javascript:alert(5))';
  await page.goto('./');
  await dropFiles(page, [t2]);
  await pin(page, page.getByTestId('group-table').locator('tbody tr').first().getByTestId('pin'), title, note);
  const pinnedItem = page.getByTestId('pinned-finding').first();
  await expect(pinnedItem.locator('.pin-title')).toHaveText(title);
  await expect(pinnedItem.getByTestId('pin-note')).toHaveText(note);
  const link = await copyLink(page);
  const fresh = await guardedPage(browser, origin);
  await fresh.page.goto(link);
  const finding = fresh.page.getByTestId('report-finding').first();
  await expect(finding.locator('h2')).toHaveText(`1. ${title}`);
  await expect(finding.getByTestId('report-note')).toHaveText(note);
  await fresh.page.waitForTimeout(300);
  expect(await fresh.page.locator('img, script:not([src]), iframe, b').count()).toBe(0);
  expect(await fresh.page.locator('a[href^="javascript:"]').count()).toBe(0);
  await fresh.check();
  expect(await page.locator('img[src=x], script:not([src]), b').count()).toBe(0);
  expect(guards.dialogs).toEqual([]);
});

const hostileBase: SharePayload = {
  v: SCHEMA_VERSION,
  profile: { name: 'x.txt', size: 1, format: 'goroutine dump (debug=2)', sampleTypes: [{ type: 'goroutine', unit: 'count' }], time: null, sha256: '0'.repeat(64) },
  view: { tab: 'goroutines', sampleType: 'goroutine', granularity: 'functions', filter: { states: [], minWait: 0, frame: '' }, focus: null, zoomPath: [], group: null, search: '', topFilter: '' },
  findings: [],
  snapshot: null,
};

test('hostile links: damaged, oversized, unknown versions and script-laden payloads give an error or inert text', async ({ page, guards }) => {
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const scripted: SharePayload = {
    ...hostileBase,
    profile: { ...hostileBase.profile, name: `${evil}.txt` },
    findings: [
      {
        kind: 'known-bug',
        id: 'evil0001',
        title: evil,
        note: evil,
        createdAt: '2026-11-23T02:01:00.000Z',
        bug: { id: 'KAS-X', title: evil, status: 'affected', severity: 'high', summary: evil, evidence: [{ label: evil, value: evil }], refs: [{ label: evil, url: 'https://example.com/"><script>alert(3)</script>' }] },
      },
    ],
  };
  const cases: Array<[string, RegExp]> = [
    [`#s1.${'A'.repeat(40)}`, /cut or damaged/],
    ['#s1.', /cut or damaged|carries no findings/],
    [`#s1.${'A'.repeat(70_000)}`, /too long/],
    ['#s9.AAAA', /newer stackscope \(link format s9\)/],
    [`#${sealEnvelope({ ...hostileBase, v: 7 })}`, /newer stackscope \(schema v7\)/],
    // A v1 (plain JSON) link whose reference is a javascript: URL: refused, named.
    [`#${sealEnvelope({ ...hostileBase, v: 1, findings: [{ ...scripted.findings[0], bug: { ...(scripted.findings[0] as { bug: object }).bug, refs: [{ label: 'x', url: 'javascript:alert(1)' }] } }] })}`, /refs\[0\]\.url: expected an http\(s\) URL/],
  ];
  for (const [hash, message] of cases) {
    await page.goto(`./${hash}`);
    await expect(page.getByTestId('link-error')).toContainText(message);
    await expect(page.getByTestId('report')).toHaveCount(0);
  }
  // A well-formed link full of markup: every string shows as text; the one link is inert.
  await page.goto(`./#${encodePermalink(scripted)}`);
  const finding = page.getByTestId('report-finding');
  await expect(finding).toHaveCount(1);
  await expect(finding.locator('h2')).toHaveText(`1. ${evil}`);
  await expect(finding.getByTestId('report-note')).toHaveText(evil);
  await expect(page.getByTestId('report').locator('h1')).toHaveText(`Findings: ${evil}.txt`);
  const a = finding.locator('a');
  await expect(a).toHaveText(evil);
  await expect(a).toHaveAttribute('href', 'https://example.com/"><script>alert(3)</script>');
  await expect(a).toHaveAttribute('rel', 'noopener noreferrer');
  await page.waitForTimeout(300);
  expect(await page.locator('img, script:not([src])').count()).toBe(0);
  expect(guards.dialogs).toEqual([]);
});

test('pins survive a reload; damaged saved findings are reset with a message; the histogram exports with its legend', async ({ page }) => {
  const key = `stackscope.findings.${sha256(t2)}`;
  await page.goto('./');
  await dropFiles(page, [t2]);
  // The wait histogram exports with its legend (drawn in HTML on the page).
  const histogram = await saved(Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG' }).click()]).then(([d]) => d));
  expect(histogram.name).toBe('apiserver-leaks.t2.goroutine.debug2-wait-histogram.svg');
  const svgText = histogram.bytes.toString('utf8');
  expect(svgText).toContain(`>${timeoutSite}  ${n(readDump(t2).filter((g) => g.top === timeoutSite).length)}</text>`);
  expect(svgText).toContain('>&lt;1 min</text>');
  expect(svgText).toContain('>waiting for</text>');
  await pin(page, page.getByTestId('group-table').locator('tbody tr').nth(1).getByTestId('pin'), 'Stuck DeleteCollection distributors', 'kept across reloads');
  await page.getByTestId('group-table').locator('tbody tr').first().click();
  await pin(page, page.getByTestId('group-detail').locator('.stack-toolbar').getByTestId('pin'), null, 'a stack');
  await expect(page.getByTestId('pinned-finding')).toHaveCount(2);
  await expect(page.getByTestId('pinned-finding').nth(1)).toHaveAttribute('data-kind', 'bucket');
  expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key))!)).toMatchObject({ v: SCHEMA_VERSION, findings: [{ kind: 'group' }, { kind: 'bucket' }] });

  // A reload brings the dump back (kept in the browser for this tab) with its pins.
  await page.reload();
  const pinned = page.getByTestId('pinned-finding');
  await expect(pinned).toHaveCount(2);
  await expect(pinned.nth(0)).toContainText('Stuck DeleteCollection distributors');
  await expect(pinned.nth(0).getByTestId('pin-note')).toHaveText('kept across reloads');
  // Show: the bucket finding opens its group and stack again.
  await pinned.nth(1).getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('group-detail')).toContainText(timeoutSite);
  // Delete one; a reload agrees.
  await pinned.nth(1).getByRole('button', { name: 'Delete' }).click();
  await expect(pinned).toHaveCount(1);

  await page.evaluate((k) => localStorage.setItem(k, '{"v":2,"findings":[{"kind":"grop"}]}'), key);
  await page.reload();
  await expect(page.getByTestId('pins-notice')).toContainText('the saved findings for this file could not be read (findings[0].kind: unknown kind "grop"');
  await expect(page.getByTestId('pins-notice')).toContainText('they were reset');
  await expect(pinned).toHaveCount(0);
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
  await page.getByTestId('pins-notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('pins-notice')).toHaveCount(0);
});

test('a link opened on another file warns, asks before applying its view, and still opens the file', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.goto('./');
  await dropFiles(page, [t2]);
  await pin(page, page.getByTestId('group-table').locator('tbody tr').first().getByTestId('pin'), null, 'from t2');
  const link = await copyLink(page);
  await page.goto(link);
  await expect(page.getByTestId('report-finding')).toHaveCount(1);
  const t1 = sample('apiserver-leaks.t1.goroutine.debug2.txt');
  await dropFiles(page, [t1]);
  await expect(page.getByTestId('link-notice')).toContainText('This is not the file the link was made from');
  await expect(page.getByTestId('link-notice')).toContainText(sha256(t1).slice(0, 12));
  await expect(page.getByTestId('linked-view-question')).toContainText('Apply the linked view (sample type "goroutine", the goroutines tab) to this file? The link was made from another file.');
  await page.getByTestId('linked-view-question').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('linked-view-question')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Goroutines' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('group-table')).toBeVisible();
  // The link's findings stay with their own file.
  await expect(page.getByTestId('pinned-finding')).toHaveCount(0);
});

/** Notes as written in a postmortem: about 200 characters each, all different. */
const postmortemNote = (i: number) =>
  `Finding ${i}: blocked since the etcd latency spike at 01:40 UTC; count tracks the 504 rate. Check again after the control-plane upgrade and compare with the dump of ${i + 1} hours later.`;

/** Text that deflate cannot shrink much (hex of a fixed pseudo-random sequence). */
function incompressible(chars: number, seed: number): string {
  let x = seed >>> 0 || 1;
  let s = '';
  while (s.length < chars) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += (x >>> 0).toString(16).padStart(8, '0');
  }
  return s.slice(0, chars);
}

test('ten findings make a link under 4 KB; past 8 KB the dialog warns and drops snapshot parts', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [t2]);
  const rows = page.getByTestId('group-table').locator('tbody tr');
  await expect(rows.nth(5)).toBeVisible();
  let i = 0;
  for (let r = 0; r < 6; r++) await pin(page, rows.nth(r).getByTestId('pin'), null, postmortemNote(i++));
  for (const bug of ['KAS-TIMEOUT-LEAK', 'KAS-DELCOL']) await pin(page, page.locator(`[data-finding="${bug}"]`).getByTestId('pin'), null, postmortemNote(i++));
  await page.getByRole('tab', { name: 'Top' }).click();
  for (let r = 0; r < 2; r++) await pin(page, page.locator('.top-rows .top-row').nth(r).getByTestId('pin'), null, postmortemNote(i++));
  await expect(page.getByTestId('pinned-finding')).toHaveCount(10);

  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByTestId('share-dialog');
  const length = async () => Number((await dialog.getByTestId('share-size').locator('strong').textContent())!.replace(/\D/g, ''));
  const ten = await length();
  console.log(`[share] 10 findings with ~200-character notes and the snapshot: link of ${ten} characters`);
  expect(ten).toBe((await dialog.getByTestId('share-link').inputValue()).length);
  expect(ten).toBeLessThan(4096);
  await expect(dialog.getByTestId('share-warning')).toHaveCount(0);
  // Redaction shows in the preview: no file path is left, base names stay.
  await expect(dialog.getByTestId('share-preview')).toContainText('/timeout.go"');
  await dialog.getByLabel('file paths (keep base names)').check();
  await expect(dialog.getByTestId('share-preview')).not.toContainText('/timeout.go"');
  await expect(dialog.getByTestId('share-preview')).toContainText('"timeout.go"');
  expect(await length()).toBeLessThan(ten);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Three long, incompressible notes push the link past 8 KB; the snapshot gives way first.
  const pinned = page.getByTestId('pinned-finding');
  for (const k of [0, 1, 2]) {
    await pinned.nth(k).getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('pin-editor').getByLabel('Note').fill(incompressible(2700, k + 1));
    await page.getByTestId('pin-editor').getByRole('button', { name: 'Save' }).click();
  }
  await page.getByRole('button', { name: 'Share…' }).click();
  const long = await length();
  expect(long).toBeGreaterThan(8192);
  await expect(dialog.getByTestId('share-warning')).toContainText('chat tools and some mail readers cut links this long');
  await dialog.getByRole('button', { name: 'Drop the snapshot’s less important parts' }).click();
  const short = await length();
  console.log(`[share] with three 2,700-character notes: ${long} characters; shortened: ${short}`);
  expect(short).toBeLessThan(long);
  expect(short).toBeLessThanOrEqual(8192);
  await expect(dialog.getByTestId('share-warning')).toHaveCount(0);
  // Snapshot parts went (and say which); every finding stays.
  await expect(dialog.getByTestId('share-dropped')).toContainText(/^Left out: the (last \d+ rows? of the top table|\d+ smallest goroutine groups?|snapshot)/);
  await expect(dialog.getByTestId('share-preview')).toContainText('Finding 10:');
  expect(short).toBe((await dialog.getByTestId('share-link').inputValue()).length);
});

test('a link pasted into the address bar of an open page applies to the open file, or waits for its own', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.goto('./');
  await dropFiles(page, [t2]);
  await pin(page, page.getByTestId('group-table').locator('tbody tr').first().getByTestId('pin'), 'pasted', 'pasted link');
  await page.getByTestId('group-table').locator('tbody tr').nth(1).click();
  const link = await copyLink(page);
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Top' }).click();
  await page.evaluate((hash) => (window.location.hash = hash), new URL(link).hash);
  await expect(page.getByTestId('link-notice')).toContainText('Opened at the view of the shared link');
  await expect(page.getByRole('tab', { name: 'Goroutines' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('group-detail')).toContainText('DeleteCollection');
  await page.getByTestId('link-notice').getByRole('button', { name: 'Dismiss' }).click();
  expect(new URL(page.url()).hash).toBe('');

  // A link for another file waits for it; its findings can be read meanwhile.
  const other = encodePermalink({ ...hostileBase, profile: { ...hostileBase.profile, name: 'other.txt' }, findings: [] });
  await page.evaluate((hash) => (window.location.hash = hash), `#${other}`);
  await expect(page.getByTestId('link-pending')).toContainText('A findings link for other.txt is open');
  await page.getByTestId('link-pending').getByRole('button', { name: 'Read its findings' }).click();
  await expect(page.getByTestId('report').locator('h1')).toHaveText('Findings: other.txt');
  await page.getByRole('button', { name: 'Back to the files' }).click();
  await expect(page.getByTestId('group-table')).toBeVisible();
  // A damaged one says so above the file.
  await page.evaluate(() => (window.location.hash = '#s1.AAAAAAAAAAAAAAAA'));
  await expect(page.getByTestId('link-error')).toContainText('cut or damaged');
  await expect(page.getByTestId('group-table')).toBeVisible();
});
