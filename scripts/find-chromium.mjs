// Finds a Chromium for the end-to-end tests: $STACKSCOPE_CHROMIUM or $CHROMIUM_PATH, then
// Debian's /usr/bin/chromium, then Playwright's own download. When none is there and we run as
// root on Debian, installs Debian's package; otherwise stops with a message that says what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function playwrightChromium() {
  try {
    const p = require('playwright-core').chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export function findChromium() {
  for (const env of ['STACKSCOPE_CHROMIUM', 'CHROMIUM_PATH']) {
    const p = process.env[env];
    if (p) {
      if (existsSync(p)) return { path: p, how: `$${env}` };
      throw new Error(`$${env} is set to ${p}, which does not exist`);
    }
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return { path: p, how: p };
  const own = playwrightChromium();
  if (own) return { path: own, how: "Playwright's Chromium" };
  return null;
}

function isDebian() {
  try {
    return /debian|ubuntu/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && isDebian()) {
    console.log('[e2e] no Chromium found; installing Debian\'s chromium package (apt-get install -y chromium)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (update.status === 0 && install.status === 0) {
      const again = findChromium();
      if (again) return again;
    }
    throw new Error('installing Debian\'s chromium failed; install it by hand (apt-get install -y chromium) or set STACKSCOPE_CHROMIUM');
  }
  throw new Error(
    'no Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: sudo apt-get install -y chromium; ' +
      'elsewhere: npx playwright install chromium) or set STACKSCOPE_CHROMIUM=/path/to/chromium',
  );
}

export function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown version';
  }
}
