// The single-file build, dist/stackscope.html (written by `npm run build`), as it is used where
// the incident is: opened from disk (file://) on a laptop with no network, and served as one
// file from a static host under a deep path. In both, a person drops a heap profile and a
// goroutine dump, reads the top table and the goroutine groups, opens the call graph and follows
// a share link made in that page; and the page asks for nothing but itself: every request is
// recorded, and none but the page's own address (and its blob: workers) is allowed, nor any
// Content-Security-Policy violation or page error.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { generateGoroutineDump } from '../bench/gen/goroutine-dump';
import { test, expect, dropFiles, readOracle, repoRoot } from './support';

const single = join(repoRoot, 'dist/stackscope.html');
const sample = (f: string) => join(repoRoot, 'public/samples', f);
const heap = sample('toyserver.heap.pb.gz');
const heapTop = readOracle(join(repoRoot, 'test/oracle/samples/toyserver.heap.pb.gz.inuse_space.top'));
const heapDot = readFileSync(join(repoRoot, 'test/oracle/dot/samples/toyserver.heap.pb.gz.dot'), 'utf8');
const dump = sample('apiserver-leaks.t2.goroutine.debug2.txt');

/** pprof's label of the call graph's first node (N1), line by line. */
const firstNodeLabel = /^N1 \[label="([^"]*)"/m.exec(heapDot)![1]!.split('\\n');

/** The dump read with plain string handling: goroutines, and the two largest (state, top frame) groups. */
function readDump(path: string): { total: number; largest: Array<{ state: string; site: string; n: number }> } {
  const groups = new Map<string, number>();
  let total = 0;
  for (const block of readFileSync(path, 'utf8').split('\n\n')) {
    const l = block.trim().split('\n');
    const head = /^goroutine \d+ \[([^,\]]*)[^\]]*\]:$/.exec(l[0]!);
    if (!head) continue;
    total++;
    const key = `${head[1]!}|${(l[1] ?? '').replace(/\([^()]*\)$/, '')}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const largest = [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([k, n]) => ({ state: k.split('|')[0]!, site: k.split('|')[1]!, n }));
  return { total, largest };
}

const n = (x: number) => x.toLocaleString('en-US');

interface Guarded {
  ctx: BrowserContext;
  page: Page;
  /** Every request the page made, in order. */
  requests: string[];
  check: () => Promise<void>;
}

/**
 * A fresh context whose page may ask for `allowed(url)` addresses only (blob: and data: are the
 * page's own inlined workers and images), with no page error, no dialog and no
 * Content-Security-Policy violation, in the page or reported on its console by a worker.
 */
async function guardedPage(browser: Browser, allowed: (url: string) => boolean): Promise<Guarded> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
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
    requests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!allowed(url)) problems.push(`request ${url}`);
  });
  page.on('pageerror', (e) => problems.push(`page error ${e.message}`));
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  const check = async () => {
    const csp = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect([...problems, ...csp.map((c) => `CSP ${c}`)]).toEqual([]);
    await ctx.close();
  };
  return { ctx, page, requests, check };
}

/** What a person does with the page at `url`: two files, the top table, the groups, the graph, a share link. */
async function useThePage(browser: Browser, url: string, pageAddress: string): Promise<void> {
  const only = (u: string) => u.split('#')[0]!.split('?')[0] === pageAddress;
  const { page, requests, check } = await guardedPage(browser, only);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The policy is the served page's, with the inlined script allowed by its hash.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval';/);
  expect(csp).toContain("worker-src 'self' blob:;");
  expect(csp).toContain("connect-src 'self';");

  // A heap profile: the top table's first row is pprof's.
  await dropFiles(page, [heap]);
  await expect(page.getByTestId('profile-header')).toBeVisible();
  await page.getByRole('tab', { name: 'Top' }).click();
  const o = heapTop.rows[0]!;
  await expect(page.locator('.top-rows .top-row').first().locator('[role=cell]:not(.row-actions)')).toHaveText([o.flat, o.flatPct.trim(), o.sumPct.trim(), o.cum, o.cumPct.trim(), o.name]);

  // Its call graph, laid out by Graphviz (WebAssembly in the inlined worker): pprof's first box.
  await page.getByRole('tab', { name: 'Graph', exact: true }).click();
  const graph = page.getByTestId('call-graph');
  await expect(graph.locator('[data-node="1"]')).toBeVisible();
  expect(await graph.locator('[data-node="1"] tspan').allTextContents()).toEqual(firstNodeLabel);

  // A goroutine dump: the total and the two largest groups, as the raw text has them.
  const raw = readDump(dump);
  await dropFiles(page, [dump]);
  await expect(page.getByTestId('goroutine-summary')).toContainText(`${n(raw.total)} goroutines`);
  const rows = page.getByTestId('group-table').locator('tbody tr');
  for (const [i, g] of raw.largest.entries()) {
    await expect(rows.nth(i).locator('td').nth(0)).toHaveText(n(g.n));
    await expect(rows.nth(i).locator('td').nth(2)).toHaveText(g.state);
    await expect(rows.nth(i).locator('td.site')).toContainText(g.site);
  }
  await page.screenshot({ path: test.info().outputPath(`groups-${new URL(url).protocol.replace(':', '')}.png`), fullPage: true });

  // A share link made here points at this very page, and opens its report in a fresh browser.
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(link.startsWith(`${pageAddress}#`), `${link.slice(0, 120)}… starts with ${pageAddress}#`).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Nothing but the page itself was asked for (the workers are blob: URLs made in the page).
  expect(requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([pageAddress]);
  await check();

  const reader = await guardedPage(browser, only);
  await reader.page.goto(link);
  await expect(reader.page.getByTestId('link-banner')).toContainText('apiserver-leaks.t2.goroutine.debug2.txt');
  await expect(reader.page.getByTestId('report-snapshot')).toContainText(`goroutine groups (${n(raw.total)} goroutines)`);
  await reader.page.screenshot({ path: test.info().outputPath(`report-${new URL(url).protocol.replace(':', '')}.png`), fullPage: true });
  await reader.check();
}

test.beforeAll(() => {
  if (!existsSync(single)) throw new Error(`${single} is missing: run \`npm run build\` first (it writes the single file)`);
});

test('stackscope.html opened from disk: drop, top table, groups, graph, a share link; nothing fetched', async ({ browser }) => {
  const address = pathToFileURL(single).href;
  await useThePage(browser, address, address);

  // The samples: listed from the page's own index, with why they cannot be opened from here.
  const { page, check } = await guardedPage(browser, (u) => u === address);
  await page.goto(address);
  await expect(page.getByTestId('samples-not-bundled')).toContainText('The samples are not bundled in this single-file page');
  await expect(page.getByTestId('samples-not-bundled')).toContainText('drop a profile or goroutine dump');
  const index = JSON.parse(readFileSync(sample('index.json'), 'utf8')) as Array<{ title: string; file: string }>;
  const listed = page.getByRole('list', { name: 'Samples' }).locator('li');
  await expect(listed).toHaveCount(index.length);
  await expect(listed.first()).toContainText(`${index[0]!.title} samples/${index[0]!.file}`);
  await check();
});

test('stackscope.html served alone under a deep path works the same; beside its samples/ folder it opens them', async ({ browser }) => {
  // A static host that has this one file at /a/b/c/stackscope.html and the samples beside it.
  const page = readFileSync(single);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const m = /^\/a\/b\/c\/samples\/([\w.-]+)$/.exec(path);
    if (path === '/a/b/c/stackscope.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (m && existsSync(sample(m[1]!))) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(sample(m[1]!)));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/a/b/c/stackscope.html`;
    await useThePage(browser, address, address);

    // Served next to samples/, the list opens them: the heap sample, its top row as pprof's.
    const samplesDir = address.replace(/stackscope\.html$/, 'samples/');
    const { page: p, check } = await guardedPage(browser, (u) => u === address || u.startsWith(samplesDir));
    await p.goto(address);
    await expect(p.getByTestId('samples-not-bundled')).toHaveCount(0);
    await p.getByRole('button', { name: 'Toy shop server: heap' }).click();
    await p.getByRole('tab', { name: 'Top' }).click();
    await expect(p.locator('.top-rows .top-row').first().locator('[role=cell]:not(.row-actions)').last()).toHaveText(heapTop.rows[0]!.name);
    await check();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('stackscope.html from disk parses a large dump in parts, its helper workers inlined too', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'stackscope-e2e-single-'));
  try {
    // Over the 8 MiB from which the file's worker hands parts to helpers (parse/goroutines/parallel.ts).
    const path = join(dir, 'big.goroutine.debug2.txt');
    writeFileSync(path, generateGoroutineDump({ goroutines: 8_000, sites: 20, minDepth: 10, maxDepth: 60, seed: 7 }));
    const text = readFileSync(path, 'utf8');
    expect(text.length).toBeGreaterThan(8 << 20);
    const states = new Map<string, number>();
    let total = 0;
    for (const m of text.matchAll(/^goroutine \d+ \[([^\],]*)[^\]]*\]:$/gm)) {
      total++;
      states.set(m[1]!, (states.get(m[1]!) ?? 0) + 1);
    }

    const address = pathToFileURL(single).href;
    const { page, check } = await guardedPage(browser, (u) => u === address);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    // The workers are blob: URLs here; each says its name (the helpers are stackscope-parse-part-N).
    const names: Array<Promise<string>> = [];
    page.on('worker', (w) => names.push(w.evaluate(() => (self as unknown as { name: string }).name).catch(() => '(ended)')));
    await page.goto(address);
    await dropFiles(page, [path]);
    const summary = page.getByTestId('goroutine-summary');
    await expect(summary).toContainText(`${n(total)} goroutines`);
    for (const [state, count] of states) {
      await expect(summary.locator(`[data-state="${state}"]`)).toContainText(n(count));
    }
    if (cores > 1) await expect.poll(async () => (await Promise.all(names)).filter((x) => x.startsWith('stackscope-parse-part-')).length).toBeGreaterThanOrEqual(1);
    // A helper that failed would leave the parse to one worker (same numbers) and say so.
    expect(warnings.filter((w) => /helper/.test(w))).toEqual([]);
    console.log(`[single-file] ${cores} cores; workers: ${(await Promise.all(names)).join(', ')}`);
    await check();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
