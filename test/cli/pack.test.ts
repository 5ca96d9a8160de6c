// The command installs like any npm tool: `npm pack`, then `npm install -g` of the tarball in an
// empty prefix, offline (the bundle needs no package at run time), gives a working `stackscope`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures';

const built = existsSync(join(repoRoot, 'dist-cli', 'stackscope.js'));
if (!built) console.log('[pack] skipped: dist-cli is not built (npm ci builds it through "prepare")');

describe.skipIf(!built)('npm pack, then npm install -g of the tarball', () => {
  it('gives stackscope on the PATH: --version, --help and a real top', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackscope-pack-'));
    // --ignore-scripts: the bundle is built already, and rebuilding it here would race other tests using it.
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const prefix = join(dir, 'global');
    const install = spawnSync('npm', ['install', '-g', '--offline', '--ignore-scripts', '--prefix', prefix, join(dir, tarball)], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'stackscope');
    const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(run('--version').stdout).toMatch(/^stackscope \d+\.\d+\.\d+\n$/);
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage:');
    const top = run('top', join(repoRoot, 'public', 'samples', 'toyserver.heap.pb.gz'));
    expect(top.status, top.stderr).toBe(0);
    expect(top.stdout).toMatch(/^File: toyserver\nType: inuse_space\n/);
    // Nothing but the command: no package of the web app came with it.
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['stackscope']);
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'stackscope', 'node_modules'))).toBe(false);
  }, 120_000);
});
