#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build:cli`, which `npm install` runs via "prepare").
//
// Start-up: the bundle is one CommonJS file compiled here with V8's code cache (what Node 22's
// module.enableCompileCache does; Node 20 has only vm.Script's cachedData): the first run
// stores the compiled code of every function it ran, later runs skip parsing and compiling
// them. The cache lives in the user's temp folder, one file per bundle and Node version;
// STACKSCOPE_COMPILE_CACHE=off runs without it, =DIR puts it in DIR.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist-cli/stackscope.cjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('stackscope: the CLI is not built yet; run `npm run build:cli` in the stackscope folder\n');
  process.exit(1);
}

const source = readFileSync(bundle, 'utf8');
const setting = process.env.STACKSCOPE_COMPILE_CACHE ?? '';
let cacheFile = null;
if (setting !== 'off') {
  const st = statSync(bundle);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = setting !== '' ? setting : join(tmpdir(), `stackscope-compile-cache-${uid}`);
  const key = `${process.version}-${process.arch}-${st.size}-${Math.floor(st.mtimeMs)}`;
  cacheFile = join(dir, `stackscope-${key}.v8cache`);
}
let cached;
if (cacheFile) {
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
}

const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new vm.Script(wrapped, { filename: bundle, cachedData: cached });
if (cacheFile && (cached === undefined || script.cachedDataRejected)) {
  // Stored at exit, so that the functions this run compiled are in it.
  process.once('exit', () => {
    try {
      const data = script.createCachedData();
      mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, cacheFile);
    } catch {
      // A cache that cannot be written costs start-up time only.
    }
  });
}
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
