// npm run test:e2e: find (or install) a Chromium, build the app, run Playwright against the
// built app served by `vite preview`. Prints what it uses, so a CI log says what was tested.
import { spawnSync } from 'node:child_process';
import { chromiumVersion, ensureChromium } from './find-chromium.mjs';

let chromium;
try {
  chromium = ensureChromium();
} catch (e) {
  console.error(`[e2e] ${e.message}`);
  process.exit(1);
}
console.log(`[e2e] Chromium: ${chromium.path} (${chromiumVersion(chromium.path)}, found via ${chromium.how})`);

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, STACKSCOPE_CHROMIUM: chromium.path },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npx', ['vite', 'build', '--logLevel', 'warn']);
// The single file (dist/stackscope.html) for e2e/single-file.spec.ts, as `npm run build` writes it.
run('npx', ['vite', 'build', '--mode', 'single', '--logLevel', 'warn']);
run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
