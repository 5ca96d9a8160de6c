// In Chromium, as a person uses it: loading a file (every bundled sample and the big generated
// inputs) and then the flame graph's interactions (click-zoom, reset, search, hover, flame/icicle)
// on the big inputs. For each action: the time from the input event (its event.timeStamp; for a
// search, the last keystroke) to the first frame painted after the page's last DOM change (a
// requestAnimationFrame, then a message posted from it, which runs after that frame's paint;
// also to the frame after the first change, the first answer a person sees: a search's
// recolouring comes before the worker's matched total), and the longest main-thread task (PerformanceObserver 'longtask', 50 ms and over) from the
// input to the settled view. The page counts as settled when its DOM has not changed for
// QUIET_MS. One JSON line per file and action: ms is the p50, the note has p95 and the longest
// task over all runs of the action.
//
//   npx tsx bench/cases/flame-interactions.ts [--runs=N] [--load-only] [--interact=FILE,...] FILE...
//
// Files named by --interact (default: every file whose name has no "samples/" in its path) get
// the interactions; every file gets the load measurement. Needs the built app (npm run build).
// Port: $STACKSCOPE_BENCH_PORT, else 4399.

import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, servePreview } from '../lib/preview';

const QUIET_MS = 1000;
const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 7);
const loadOnly = args.includes('--load-only');
const interactArg = args.find((a) => a.startsWith('--interact='))?.slice(11);
const files = args.filter((a) => !a.startsWith('--'));
const interactWith = new Set(interactArg !== undefined ? interactArg.split(',').filter(Boolean) : files.filter((f) => !f.includes('samples/')));
const port = Number(process.env.STACKSCOPE_BENCH_PORT ?? 4399);

/** Installed in the page before it loads: long tasks, the last DOM change and the frame painted after it. */
function instrument(): void {
  const w = window as unknown as BenchWindow;
  const b: BenchState = { long: [], lastChange: 0, lastPaint: 0, firstChange: -1, firstPaint: -1, t0: -1, mode: 'off' };
  w.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.long.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const channel = new MessageChannel();
  let pending = false;
  channel.port1.onmessage = () => {
    pending = false;
    b.lastPaint = performance.now();
    if (b.firstChange >= 0 && b.firstPaint < 0) b.firstPaint = b.lastPaint;
  };
  const changed = () => {
    b.lastChange = performance.now();
    if (b.t0 >= 0 && b.firstChange < 0) b.firstChange = b.lastChange;
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => channel.port2.postMessage(0));
  };
  const start = () => new MutationObserver(changed).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
  // The input that starts an action: the first such event after arming, or for typing the last.
  const onInput = (e: Event) => {
    if (b.mode === 'first') {
      b.t0 = e.timeStamp;
      b.mode = 'off';
    } else if (b.mode === 'last' && e.type === 'keydown') {
      b.t0 = e.timeStamp;
      b.firstChange = -1;
      b.firstPaint = -1;
    }
  };
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'change']) window.addEventListener(type, onInput, { capture: true });
}

interface BenchState {
  long: Array<[number, number]>;
  lastChange: number;
  lastPaint: number;
  /** The first DOM change after the input, and the frame painted after it. */
  firstChange: number;
  firstPaint: number;
  t0: number;
  mode: 'off' | 'first' | 'last';
}
interface BenchWindow {
  __bench: BenchState;
}

interface Measured {
  /** Input to the frame painted after the last change (the settled view). */
  ms: number;
  /** Input to the frame painted after the first change (the first answer a person sees). */
  first: number;
  longest: number;
}

async function arm(page: Page, mode: 'first' | 'last'): Promise<void> {
  await page.evaluate((mode) => {
    const b = (window as unknown as BenchWindow).__bench;
    b.t0 = -1;
    b.firstChange = -1;
    b.firstPaint = -1;
    b.mode = mode;
  }, mode);
}

/** Waits in the page until the DOM has been quiet for QUIET_MS after the input, then reads the figures. */
async function settle(page: Page): Promise<Measured> {
  return page.evaluate(
    (quiet) =>
      new Promise<Measured>((resolve, reject) => {
        const b = (window as unknown as BenchWindow).__bench;
        const began = performance.now();
        const check = () => {
          const now = performance.now();
          if (b.t0 >= 0 && b.lastChange > b.t0 && now - b.lastChange >= quiet && b.lastPaint >= b.lastChange) {
            let longest = 0;
            for (const [start, d] of b.long) if (start + d >= b.t0) longest = Math.max(longest, d);
            resolve({ ms: b.lastPaint - b.t0, first: (b.firstPaint >= 0 ? b.firstPaint : b.lastPaint) - b.t0, longest });
          } else if (now - began > 60_000) reject(new Error(`no settled view 60 s after the input (input seen: ${b.t0 >= 0})`));
          else setTimeout(check, 50);
        };
        setTimeout(check, 50);
      }),
    QUIET_MS,
  );
}

/**
 * Scrolls a frame into view and returns the centre of it to click or hover: frames by depth from
 * the root, then left to right, the nth-ish one at least minWidth wide. On the SVG graph from its
 * g.frame boxes; on the canvas by probing rows with (untrusted, unmeasured) mousemoves and reading
 * the hover outline, as the boxes are not in the DOM.
 */
async function pickFrame(page: Page, nth: number, minWidth: number): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ nth, minWidth }) => {
      const host = document.querySelector<HTMLElement>('[data-testid=flame-graph]');
      if (!host) return null;
      const hostWidth = host.getBoundingClientRect().width;
      let boxes: Array<{ left: number; top: number; width: number; height: number; depth: number }> = [];
      if (host.dataset.renderer === 'canvas') {
        const canvas = host.querySelector('canvas')!;
        // The canvas is a window onto the chart (flameCanvas.ts): positions are the chart's, its parent's.
        const chart = canvas.parentElement!;
        const outline = host.querySelector<HTMLElement>('.flame-hover')!;
        const seen = new Set<string>();
        for (let depth = 1; depth <= 14; depth++) {
          const r = chart.getBoundingClientRect();
          const y = r.bottom - depth * 18 - 9;
          for (let x = r.left + 1; x < r.right; x += 15) {
            canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
            if (outline.style.display === 'none') continue;
            const key = `${outline.style.left},${outline.style.top}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const left = r.left + parseFloat(outline.style.left);
            boxes.push({ left, top: y - 9 - r.top, width: parseFloat(outline.style.width), height: 18, depth });
          }
        }
        canvas.dispatchEvent(new MouseEvent('mouseleave'));
        boxes = boxes.filter((b) => b.width >= minWidth && b.width < 0.9 * hostWidth);
        boxes.sort((a, b) => (a.depth !== b.depth ? a.depth - b.depth : a.left - b.left));
        const pick = boxes[Math.min(boxes.length - 1, 2 + nth * 3)];
        if (!pick) return null;
        const r = chart.getBoundingClientRect();
        window.scrollBy(0, r.top + pick.top - window.innerHeight / 2);
        const after = chart.getBoundingClientRect();
        return { x: pick.left + Math.min(pick.width / 2, 40), y: after.top + pick.top + 9 };
      }
      const frames = [...host.querySelectorAll<SVGGElement>('g.frame:not(.fade)')]
        .map((g) => ({ g, r: g.getBoundingClientRect() }))
        .filter(({ r }) => r.width >= minWidth && r.width < 0.9 * hostWidth);
      // Deterministic: by depth from the root, then left to right.
      frames.sort((a, b) => (a.r.top !== b.r.top ? b.r.top - a.r.top : a.r.left - b.r.left));
      const pick = frames[Math.min(frames.length - 1, 2 + nth * 3)];
      if (!pick) return null;
      pick.g.scrollIntoView({ block: 'center' });
      const r = pick.g.getBoundingClientRect();
      return { x: r.left + Math.min(r.width / 2, 40), y: r.top + r.height / 2 };
    },
    { nth, minWidth },
  );
}

async function quiet(page: Page): Promise<void> {
  await page.evaluate(
    (q) =>
      new Promise<void>((resolve) => {
        const b = (window as unknown as BenchWindow).__bench;
        const check = () => (performance.now() - b.lastChange >= q ? resolve() : setTimeout(check, 50));
        check();
      }),
    QUIET_MS / 2,
  );
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(file: string, phase: string, list: Measured[]): void {
  const ms = list.map((m) => m.ms).sort((a, b) => a - b);
  const longest = Math.max(...list.map((m) => m.longest));
  const first = list.map((m) => m.first).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      case: basename(file),
      phase,
      ms: Math.round(pct(ms, 50)),
      p95: Math.round(pct(ms, 95)),
      longTaskMs: Math.round(longest),
      firstP50: Math.round(pct(first, 50)),
      firstP95: Math.round(pct(first, 95)),
      note: `p95 ${Math.round(pct(ms, 95))} ms; first frame p50/p95 ${Math.round(pct(first, 50))}/${Math.round(pct(first, 95))} ms; longest task ${longest > 0 ? `${Math.round(longest)} ms` : 'none over 50 ms'}; ${list.length} runs`,
    }),
  );
}

async function load(page: Page, file: string): Promise<Measured> {
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('[data-testid=file-input]').waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  await arm(page, 'first');
  await page.getByTestId('file-input').setInputFiles(file);
  return settle(page);
}

async function interactions(page: Page, file: string): Promise<void> {
  const dump = file.endsWith('.txt');
  if (dump) {
    await arm(page, 'first');
    await page.getByRole('tab', { name: 'Flame graph' }).click();
    report(file, 'flame: first draw (tab opened)', [await settle(page)]);
  }
  const zoom: Measured[] = [];
  const reset: Measured[] = [];
  const hover: Measured[] = [];
  const search: Measured[] = [];
  const clear: Measured[] = [];
  const icicle: Measured[] = [];
  const flame: Measured[] = [];
  const resetButton = page.getByRole('button', { name: 'Reset zoom' });
  const searchBox = page.getByLabel('Search frames');
  const icicleButton = page.getByRole('button', { name: 'Icicle', exact: true });
  const flameButton = page.getByRole('button', { name: 'Flame', exact: true });
  // Playwright's own in-page work (its selector engine's first use) before anything is measured.
  await resetButton.waitFor();
  await searchBox.waitFor();
  await icicleButton.waitFor();
  const terms = ['runtime', 'json', 'alloc', 'http', 'sync', 'reflect', 'bytes', 'io'];
  for (let i = 0; i < runs; i++) {
    const target = await pickFrame(page, i, 80);
    if (!target) throw new Error(`${basename(file)}: no frame wide enough to click`);
    await page.mouse.move(5, 5);
    await quiet(page);
    await arm(page, 'first');
    await page.mouse.move(target.x, target.y);
    hover.push(await settle(page));
    await arm(page, 'first');
    await page.mouse.down();
    await page.mouse.up();
    zoom.push(await settle(page));
    await page.mouse.move(5, 5);
    await quiet(page);
    await resetButton.scrollIntoViewIfNeeded();
    const box = (await resetButton.boundingBox())!;
    await arm(page, 'first');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    reset.push(await settle(page));

    await searchBox.scrollIntoViewIfNeeded();
    await searchBox.focus();
    await arm(page, 'last');
    await page.keyboard.type(terms[i % terms.length]!, { delay: 40 });
    search.push(await settle(page));
    await arm(page, 'last');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    clear.push(await settle(page));

    await arm(page, 'first');
    await icicleButton.click();
    icicle.push(await settle(page));
    await arm(page, 'first');
    await flameButton.click();
    flame.push(await settle(page));
  }
  report(file, 'flame: hover (tooltip)', hover);
  report(file, 'flame: click-zoom', zoom);
  report(file, 'flame: reset zoom', reset);
  report(file, 'flame: search (from last key)', search);
  report(file, 'flame: clear search', clear);
  report(file, 'flame: switch to icicle', icicle);
  report(file, 'flame: switch to flame', flame);
}

const stop = await servePreview(port);
const browser = await launchChromium();
try {
  for (const file of files) {
    const interact = !loadOnly && interactWith.has(file);
    const loads: Measured[] = [];
    const loadRuns = interact ? 1 : 3;
    for (let i = 0; i < loadRuns; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // tsx (esbuild, keepNames) wraps named functions in __name(); the page has none.
      await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      await page.addInitScript(instrument);
      loads.push(await load(page, file));
      if (interact && i === loadRuns - 1) await interactions(page, file);
      await page.close();
    }
    report(file, 'load: input to settled view', loads);
  }
} finally {
  await browser.close();
  stop();
}
