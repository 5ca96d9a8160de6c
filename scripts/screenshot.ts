// Takes the README's screenshot from the built app: npx tsx scripts/screenshot.ts [SAMPLE] [OUT]
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
// @ts-expect-error plain ESM helper shared with the e2e runner
import { ensureChromium } from './find-chromium.mjs';

const [sample = 'toyserver-heap', out = 'docs/screenshot.png', tab = ''] = process.argv.slice(2);
const port = 4397;
const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: (ensureChromium() as { path: string }).path, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`http://127.0.0.1:${port}/?sample=${sample}`);
  await page.getByTestId('profile-header').waitFor();
  if (tab) await page.getByRole('tab', { name: tab }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: out });
  await browser.close();
} finally {
  server.kill();
}
