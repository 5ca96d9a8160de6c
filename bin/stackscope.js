#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build:cli`, which `npm install` runs via "prepare").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/stackscope.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('stackscope: the CLI is not built yet; run `npm run build:cli` in the stackscope folder\n');
  process.exit(1);
}
await import(bundle);
