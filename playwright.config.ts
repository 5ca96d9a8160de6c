import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with scripts/e2e.mjs
import { findChromium } from './scripts/find-chromium.mjs';

// scripts/e2e.mjs finds (or installs) the browser and passes it on; a direct `npx playwright
// test` looks for one the same way.
const chromium = process.env.STACKSCOPE_CHROMIUM || (findChromium() as { path: string } | null)?.path;

const port = Number(process.env.STACKSCOPE_E2E_PORT ?? 4391);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Waits, not speed limits: a busy 2-core machine runs the same steps several times slower.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: chromium || undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
