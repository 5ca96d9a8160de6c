// The built app served by `vite preview` for the browser benchmarks, and Debian's (or Playwright's)
// Chromium launched as the e2e tests launch it.

import { spawn } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error plain ESM helper shared with the e2e runner
import { ensureChromium } from '../../scripts/find-chromium.mjs';

/** Serves the built app on `port` and resolves once it answers; returns what stops it. */
export async function servePreview(port: number): Promise<() => void> {
  // Its own process group, so that stopping it stops vite too (npx runs it as a child).
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const kill = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok) return kill;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  kill();
  throw new Error(`vite preview did not start on port ${port}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: (ensureChromium() as { path: string }).path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}
