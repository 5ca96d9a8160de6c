// The CLI reads regular files or standard input (`-`) under the inflated-size cap; a device or an
// endless stream stops at the cap with a message naming it; text output never carries raw
// control or bidi characters; every error names the file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { repoRoot } from '../support/fixtures';

async function run(argv: string[], stdin?: Readable) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...(stdin ? { stdin } : {}) });
  return { code, stdout, stderr };
}

const sample = (f: string) => join(repoRoot, 'public', 'samples', f);
const oracle = (f: string) => readFileSync(join(repoRoot, 'test', 'oracle', 'samples', f), 'utf8');
const bin = join(repoRoot, 'bin', 'stackscope.js');
const built = existsSync(join(repoRoot, 'dist-cli', 'stackscope.js'));
const skipNote = built ? '' : ' (skipped: run npm run build:cli first)';
const tmp = () => mkdtempSync(join(tmpdir(), 'stackscope-input-'));

/** A stream that never ends: 64 KiB chunks for as long as it is read. */
function endless(): Readable & { produced: number } {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const s = new Readable({
    read() {
      s.produced += chunk.length;
      this.push(chunk);
    },
  }) as Readable & { produced: number };
  s.produced = 0;
  return s;
}

describe('stackscope input', () => {
  process.env.TZ = 'UTC';
  afterEach(() => {
    delete process.env.STACKSCOPE_MAX_INFLATED_BYTES;
  });

  it('reads standard input for -', async () => {
    const r = await run(['top', '-nodefraction=0', '-'], Readable.from([readFileSync(sample('toyserver.heap.pb.gz'))]));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(oracle('toyserver.heap.pb.gz.inuse_space.default.top'));
  });

  it('stops an endless stream at the cap, naming standard input', async () => {
    process.env.STACKSCOPE_MAX_INFLATED_BYTES = String(1 << 20);
    const stream = endless();
    const r = await run(['goroutines', '-'], stream);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('stackscope: standard input: stopped reading at the 1 MiB cap on input (larger than that, or a device or stream that does not end)\n');
    // Read in chunks and stopped: a few chunks past the cap at most, never unbounded.
    expect(stream.produced).toBeLessThan(4 << 20);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses a regular file over the cap before reading it, naming it', async () => {
    process.env.STACKSCOPE_MAX_INFLATED_BYTES = '1000';
    const r = await run(['top', sample('toyserver.heap.pb.gz')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^stackscope: .*toyserver\.heap\.pb\.gz: is \d+(\.\d)? KiB, over the 1000 bytes cap on input\n$/);
  });

  it('applies the same cap to what a gzipped input inflates to', async () => {
    // 19 KiB gzipped, 38 KiB inflated: read whole, refused as it inflates.
    process.env.STACKSCOPE_MAX_INFLATED_BYTES = String(32 * 1024);
    const file = sample('toyserver.allocs.pb.gz');
    const r = await run(['top', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`stackscope: ${file}: `);
    expect(r.stderr).toContain('32 KiB cap');
  });

  it('reads standard input once only', async () => {
    const r = await run(['top', '-', '-'], Readable.from([]));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('stackscope: standard input (-) can be read only once\n');
  });

  it('names the file of a 2-byte profile with no sample types, for every command', async () => {
    const file = join(tmp(), 'two-bytes.pb');
    writeFileSync(file, Uint8Array.from([0x32, 0x00]));
    for (const command of ['top', 'traces', 'dot', 'goroutines', 'findings']) {
      const r = await run([command, file]);
      expect(r.code, command).toBe(1);
      expect(r.stderr, command).toBe(`stackscope: ${file}: a pprof profile with no sample types: it holds no values to show (byte offset 0)\n`);
    }
  });

  it('names the file when a command does not fit it', async () => {
    const file = sample('toyserver.heap.pb.gz');
    const r = await run(['goroutines', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`stackscope: ${file}: this is a pprof profile, not a goroutine dump or goroutine profile\n`);
  });

  it('prints control and bidi characters from names escaped in every text output, and as JSON escapes in JSON', async () => {
    const file = join(tmp(), 'evil.txt');
    const evil = 'main.evil\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x9b\u202e';
    writeFileSync(file, `goroutine 1 [chan receive, 3 minutes]:\n${evil}(0x1)\n\t/src/main.go:5 +0x25\ncreated by main.main\n\t/src/main.go:9 +0x3f\n\n`);
    const shown = 'main.evil\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x9b\\u202e';
    // eslint-disable-next-line no-control-regex -- what must never reach a terminal
    const raw = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
    for (const argv of [['top'], ['traces'], ['goroutines'], ['findings'], ['peek', 'evil']]) {
      const r = await run([...argv, file]);
      expect(r.code, argv[0]).toBe(0);
      expect(r.stdout, argv[0]).not.toMatch(raw);
      if (argv[0] !== 'findings') expect(r.stdout, argv[0]).toContain(shown);
    }
    // Graphviz text: the backslash doubled inside labels, so the drawn label reads \x1b.
    const dot = await run(['dot', file]);
    expect(dot.stdout).not.toMatch(raw);
    expect(dot.stdout).toContain(`label="main\\nevil\\\\x1b[2J`);
    const json = await run(['goroutines', '--json', file]);
    expect(json.stdout).not.toMatch(raw);
    expect((JSON.parse(json.stdout) as { groups: Array<{ site: string }> }).groups[0]!.site).toBe(evil);
    // A file name is escaped too.
    const named = await run(['top', join(tmp(), 'no\x1b]0;such\x07file')]);
    expect(named.stderr).toMatch(/no\\x1b\]0;such\\x07file: no such file\n$/);
  });

  it.skipIf(!built)(`the bundled command reads - from a pipe${skipNote}`, () => {
    const r = spawnSync(process.execPath, [bin, 'top', '-nodefraction=0', '-'], {
      input: readFileSync(sample('toyserver.heap.pb.gz')),
      env: { ...process.env, TZ: 'UTC' },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(oracle('toyserver.heap.pb.gz.inuse_space.default.top'));
  });

  it.skipIf(!built || !existsSync('/dev/zero'))(`the bundled command stops /dev/zero at the cap${skipNote}`, () => {
    const r = spawnSync(process.execPath, [bin, 'top', '/dev/zero'], {
      env: { ...process.env, STACKSCOPE_MAX_INFLATED_BYTES: String(4 << 20) },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('stackscope: /dev/zero: stopped reading at the 4 MiB cap on input (larger than that, or a device or stream that does not end)\n');
  });

  it.skipIf(!built)(`the bundled command stops an endless pipe at the cap${skipNote}`, () => {
    // `yes` never ends; the shell pipes it into standard input.
    const r = spawnSync('sh', ['-c', `yes | "${process.execPath}" "${bin}" goroutines -`], {
      env: { ...process.env, STACKSCOPE_MAX_INFLATED_BYTES: String(4 << 20) },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('stackscope: standard input: stopped reading at the 4 MiB cap on input (larger than that, or a device or stream that does not end)\n');
  });
});
