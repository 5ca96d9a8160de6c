// Shared end-to-end helpers: a page that fails on any request leaving its origin and on page
// errors, and a way to drop real files the way a person does (a drop event carrying Files).

import { test as base, expect, type JSHandle, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedCandidates = [process.env.STACKSCOPE_SHARED, resolve(repoRoot, '..', 'shared')].filter(Boolean) as string[];
export const sharedDir = sharedCandidates.find((p) => existsSync(join(p, 'fixtures'))) ?? null;
export const sharedSkipReason = `shared fixtures not found (looked in ${sharedCandidates.join(', ')})`;

export interface PageGuards {
  offOrigin: string[];
  pageErrors: string[];
  consoleErrors: string[];
  dialogs: string[];
}

export const test = base.extend<{ guards: PageGuards }>({
  guards: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const guards: PageGuards = { offOrigin: [], pageErrors: [], consoleErrors: [], dialogs: [] };
    // Any Content-Security-Policy violation is a failure: collect them in the page.
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    // Nothing from a profile or a link may open a dialog (alert, confirm, prompt).
    page.on('dialog', (d) => {
      guards.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) guards.offOrigin.push(url);
    });
    page.on('pageerror', (e) => guards.pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') guards.consoleErrors.push(m.text());
    });
    await use(guards);
    expect(guards.offOrigin, 'requests that left the page origin').toEqual([]);
    expect(guards.pageErrors, 'uncaught page errors').toEqual([]);
    expect(guards.dialogs, 'dialogs opened by page content').toEqual([]);
    const csp = page.isClosed() ? [] : await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => []);
    expect(csp, 'Content-Security-Policy violations').toEqual([]);
  },
});

export { expect };

/** Drops files onto the page as a drag-and-drop from the desktop would (with their mtime, if given). */
export async function dropFiles(page: Page, paths: Array<string | { path: string; lastModified: number }>): Promise<void> {
  await dropDataTransfer(page, await filesInPage(page, paths));
}

/**
 * The files as a DataTransfer inside the page. Building it decodes the bytes on the page's main
 * thread (a 60-70 ms task for a 1 MB file): tests that measure the page's own tasks build it first.
 */
export async function filesInPage(page: Page, paths: Array<string | { path: string; lastModified: number }>): Promise<JSHandle<DataTransfer>> {
  const files = paths.map((p) => {
    const path = typeof p === 'string' ? p : p.path;
    return { name: basename(path), b64: readFileSync(path).toString('base64'), lastModified: typeof p === 'string' ? undefined : p.lastModified };
  });
  return page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, f.lastModified !== undefined ? { lastModified: f.lastModified } : {}));
    }
    return dt;
  }, files);
}

/** Drops a DataTransfer made by filesInPage the way a person drops files: dragenter, dragover, drop. */
export async function dropDataTransfer(page: Page, dataTransfer: JSHandle<DataTransfer>): Promise<void> {
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

export function fixture(...parts: string[]): string {
  if (!sharedDir) throw new Error(sharedSkipReason);
  return join(sharedDir, 'fixtures', ...parts);
}

export interface OracleRow {
  flat: string;
  flatPct: string;
  sumPct: string;
  cum: string;
  cumPct: string;
  name: string;
}

/** Reads a `go tool pprof -top` output: header lines and rows. */
export function readOracle(path: string): { header: string[]; rows: OracleRow[] } {
  const lines = readFileSync(path, 'utf8').split('\n');
  const titles = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(l));
  const rows = lines
    .slice(titles + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+) {2}(.*)$/.exec(l)!;
      return { flat: m[1]!, flatPct: m[2]!, sumPct: m[3]!, cum: m[4]!, cumPct: m[5]!, name: m[6]! };
    });
  return { header: lines.slice(0, titles), rows };
}
