// In Chromium: from choosing a file to its first view painted, as a person sees it: the flame
// graph for a profile, the wait histogram for a goroutine dump (.txt).
// Serves the built app (npm run build first; bench/run.ts does) with vite preview, picks the
// file through the page's own file input, and times from the input's change event to the
// animation frame after the first flame-graph box exists. Best of 3, one JSON line per file.
//
//   npx tsx bench/cases/browser.ts FILE [FILE...]

import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { launchChromium, servePreview } from '../lib/preview';

const files = process.argv.slice(2);
const port = Number(process.env.STACKSCOPE_BENCH_PORT ?? 4399);

const stop = await servePreview(port);
const browser = await launchChromium();
try {
  for (const file of files) {
    let bestMs = Infinity;
    const dump = file.endsWith('.txt');
    // The flame graph is SVG boxes for small views, a painted canvas for large ones.
    const selector = dump ? '[data-testid=wait-histogram] rect.bar-segment' : '[data-testid=flame-graph] g.frame, [data-testid=flame-canvas][data-paints]';
    for (let run = 0; run < 3; run++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.evaluate((selector) => {
        const w = window as unknown as { benchStart: number; benchPainted: Promise<number> };
        w.benchPainted = new Promise((resolve) => {
          document.addEventListener('change', () => (w.benchStart = performance.now()), { capture: true, once: true });
          const obs = new MutationObserver(() => {
            if (document.querySelector(selector)) {
              obs.disconnect();
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - w.benchStart)));
            }
          });
          obs.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-paints'] });
        });
      }, selector);
      await page.getByTestId('file-input').setInputFiles(file);
      const ms = await page.evaluate(() => (window as unknown as { benchPainted: Promise<number> }).benchPainted);
      bestMs = Math.min(bestMs, ms);
      await page.close();
    }
    console.log(
      JSON.stringify({
        case: basename(file),
        phase: `chromium: drop to ${dump ? 'histogram' : 'flame graph'} painted`,
        ms: Math.round(bestMs),
        bytes: statSync(file).size,
      }),
    );
  }
} finally {
  await browser.close();
  stop();
}
