// The stackscope command: the parse and analysis core of the app, printing text for terminals.
// runCli takes its output streams as arguments so tests call it directly; main.ts binds them.

import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { memberSkipReason, sniffArchive, unpackArchive, type ArchiveMember } from '../parse/archive';
import { describeProblem, ParseError } from '../model/errors';
import { loadProfile, profileForViews, type LoadedProfile } from '../parse/load';
import { formatBytes } from '../parse/inflate';
import { mergeProfiles } from '../analysis/diffMerge';
import { cliParallel } from './parallelParse';
import { readBytes } from './readBytes';
import { InputError, maxInputBytes, readInput, STDIN_NAME } from './readInput';
import { escapeJsonText, escapeTerminal } from '../lib/terminalText';
import { DataError, parseArgs, UsageError, type ParsedArgs } from './args';
import { runTop, topUsage } from './commands/top';
import { dotUsage, runDot } from './commands/dot';
import { goroutinesUsage, runGoroutines } from './commands/goroutines';
import { findingsUsage, runFindings } from './commands/findings';
import { growthUsage, runGrowth, type GrowthFile } from './commands/growth';
import { granularities } from '../analysis/nodes';
import { peekUsage, runPeek, runTraces, tracesUsage } from './commands/peek';

const usage = `usage:
  ${topUsage}
  ${dotUsage}
  ${goroutinesUsage}
  ${findingsUsage}
  ${growthUsage}
  ${peekUsage}
  ${tracesUsage}
  stackscope help | --help | -h
  stackscope --version

Files may be gzipped or not; the format is read from the content. goroutines, top and findings
also take a .zip, .tar, .tar.gz or a folder: one result per profile in it (with --json,
{"files": [{"name": ..., ...the result}], "skipped": [{"name", "reason"}]}). top with several
FILEs merges them as \`go tool pprof -top FILE FILE...\` does (replicas as one profile).`;

const helpWords = new Set(['help', '--help', '-help', '-h', '--h']);

// The package's version, written into the bundle by vite.cli.config.ts; run from source, none.
declare const __STACKSCOPE_VERSION__: string | undefined;
const cliVersion = typeof __STACKSCOPE_VERSION__ === 'string' ? __STACKSCOPE_VERSION__ : '(development build, run from source)';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** What `-` reads; process.stdin when not given. */
  stdin?: Readable;
}

/**
 * The commands' output as a terminal may show it: control and bidi characters escaped
 * (lib/terminalText.ts) in text, in Graphviz labels (dot) and, as JSON's own escapes, in JSON.
 */
function safeIO(io: CliIO, args: ParsedArgs | null): CliIO {
  const json = args?.flags.get('json') === 'true';
  const out = json ? escapeJsonText : args?.command === 'dot' ? (s: string) => escapeTerminal(s, '\\\\') : (s: string) => escapeTerminal(s);
  return {
    stdout: (s) => io.stdout(out(s)),
    stderr: (s) => io.stderr(escapeTerminal(s)),
    ...(io.stdin ? { stdin: io.stdin } : {}),
  };
}

export async function runCli(argv: string[], rawIO: CliIO): Promise<number> {
  // Alone only: `findings --version=1.18.4` is the kube-apiserver version.
  if (argv.length === 1 && ['--version', '-version', 'version', '-v'].includes(argv[0]!)) {
    rawIO.stdout(`stackscope ${cliVersion}\n`);
    return 0;
  }
  let args;
  try {
    args = parseArgs(argv, new Set(['json', 'help', 'h', 'normalize', ...granularities]));
  } catch (e) {
    safeIO(rawIO, null).stderr(`stackscope: ${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  const io = safeIO(rawIO, args);
  let cap;
  try {
    cap = maxInputBytes();
  } catch (e) {
    io.stderr(`stackscope: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.positional.filter((p) => p === STDIN_NAME).length > 1) {
    io.stderr('stackscope: standard input (-) can be read only once\n');
    return 2;
  }
  // Asked for: usage on stdout, exit 0. No command at all is a usage error: stderr, exit 2.
  if (helpWords.has(args.command) || args.flags.has('help') || args.flags.has('h')) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (args.command === '') {
    io.stderr(`${usage}\n`);
    return 2;
  }
  if (args.command === 'growth') return runGrowthCommand(args, io, cap);
  if (args.command === 'top' && args.positional.length > 1) return runMergedTop(args, io, cap);
  const wanted = args.command === 'peek' ? 2 : 1;
  if (args.positional.length !== wanted) {
    io.stderr(`stackscope: ${args.command} needs ${wanted === 2 ? 'a REGEX and a FILE' : 'exactly one FILE'}\n${usage}\n`);
    return 2;
  }
  const file = args.positional[wanted - 1]!;
  let bytes: Uint8Array;
  try {
    if (manyCommands.has(args.command) && file !== STDIN_NAME && isFolder(file)) return runMany(args, file, folderMembers(file, cap), io, cap);
    bytes = await readInput(file, cap, io.stdin);
  } catch (e) {
    io.stderr(`stackscope: ${e instanceof InputError ? e.message : `${file}: ${(e as Error).message}`}\n`);
    return 1;
  }
  const archive = manyCommands.has(args.command) ? sniffArchive(bytes) : null;
  if (archive) {
    try {
      return await runMany(args, file, await unpackArchive(bytes, archive), io, cap);
    } catch (e) {
      if (e instanceof ParseError) {
        io.stderr(`stackscope: ${describeProblem(file, e.toProblem())}\n`);
        return 1;
      }
      throw e;
    }
  }
  return runOne(args, file, bytes, io, cap);
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // readInput says why it cannot be read
  }
}

/** The commands that take an archive or a folder and print one result per member. */
const manyCommands = new Set(['goroutines', 'top', 'findings']);

/** Every file under a folder, sorted by path, with the same sniffing as an archive's members. */
function folderMembers(root: string, cap: number): { members: ArchiveMember[]; skipped: Array<{ name: string; reason: string }> } {
  const members: ArchiveMember[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      const name = relative(root, path);
      if (entry.isDirectory()) walk(path);
      else if (!entry.isFile()) skipped.push({ name, reason: 'not a regular file' });
      else if (statSync(path).size > cap) skipped.push({ name, reason: `over the ${formatBytes(cap)} cap on input` });
      else {
        const bytes = readBytes(path);
        const reason = sniffArchive(bytes) ? 'an archive inside the folder (give it to stackscope on its own)' : memberSkipReason(bytes);
        if (reason) skipped.push({ name, reason });
        else members.push({ name, bytes });
      }
    }
  };
  walk(root);
  return { members, skipped };
}

/**
 * One result per member. Text: each under a "==> NAME <==" line; skipped members and members
 * that fail are named on stderr (the exit code is the worst a member gave). --json: {"files": [...], "skipped": [...]}.
 */
async function runMany(
  args: ParsedArgs,
  source: string,
  unpacked: { members: ArchiveMember[]; skipped: Array<{ name: string; reason: string }> },
  io: CliIO,
  cap: number,
): Promise<number> {
  const json = args.flags.get('json') === 'true';
  if (json && args.command === 'top') {
    io.stderr('stackscope: top has no --json\n');
    return 2;
  }
  let status = 0;
  const files: unknown[] = [];
  const failed: Array<{ name: string; error: string }> = [];
  for (const m of unpacked.members) {
    const name = `${source}/${m.name}`;
    let out = '';
    let err = '';
    const code = await runOne(args, name, m.bytes, { stdout: (s) => (out += s), stderr: (s) => (err += s) }, cap);
    if (code !== 0) {
      // The exit code is the worst one a member gave (2: usage, e.g. a heap profile for goroutines).
      status = Math.max(status, code);
      failed.push({ name: m.name, error: err.trim().replace(/^stackscope: /, '') });
      if (!json) io.stderr(err);
      continue;
    }
    if (json) files.push({ name: m.name, ...(JSON.parse(out) as object) });
    else io.stdout(`==> ${m.name} <==\n${out}\n`);
  }
  if (json) {
    io.stdout(`${JSON.stringify({ files, skipped: unpacked.skipped, ...(failed.length > 0 ? { failed } : {}) }, null, 2)}\n`);
  } else {
    for (const s of unpacked.skipped) io.stderr(`stackscope: ${source}/${s.name}: skipped: ${s.reason}\n`);
    if (unpacked.members.length === 0) {
      io.stderr(`stackscope: ${source}: holds no profile or goroutine dump\n`);
      status = Math.max(status, 1);
    }
  }
  if (json && unpacked.members.length === 0) status = Math.max(status, 1);
  return status;
}

/** One file's bytes through one command. */
async function runOne(args: ParsedArgs, file: string, bytes: Uint8Array, io: CliIO, cap: number, given?: LoadedProfile): Promise<number> {
  try {
    const loaded = given ?? (await loadProfile(bytes, { maxInflatedBytes: cap, parallel: cliParallel((m) => io.stderr(`stackscope: ${file}: ${m}\n`)) }));
    switch (args.command) {
      case 'top':
        io.stdout(await runTop(args, loaded));
        return 0;
      case 'dot':
        io.stdout(await runDot(args, loaded));
        return 0;
      case 'goroutines':
        io.stdout(runGoroutines(args, loaded.loaded));
        return 0;
      case 'findings':
        io.stdout(runFindings(args, loaded));
        return 0;
      case 'peek':
        io.stdout(runPeek(args, args.positional[0]!, loaded));
        return 0;
      case 'traces':
        io.stdout(runTraces(args, loaded));
        return 0;
      default:
        io.stderr(`stackscope: unknown command "${args.command}"\n${usage}\n`);
        return 2;
    }
  } catch (e) {
    // Every error names the file it is about.
    if (e instanceof UsageError) {
      io.stderr(`stackscope: ${e.aboutFile ? `${file}: ` : ''}${e.message}\n`);
      return 2;
    }
    if (e instanceof DataError) {
      io.stderr(`stackscope: ${e.namesFiles ? '' : `${file}: `}${e.message}\n`);
      return 1;
    }
    if (e instanceof ParseError) {
      io.stderr(`stackscope: ${describeProblem(file, e.toProblem())}\n`);
      return 1;
    }
    io.stderr(`stackscope: ${file}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

/** `top FILE FILE...`: the files merged as `go tool pprof -top FILE FILE...` merges them. */
async function runMergedTop(args: ParsedArgs, io: CliIO, cap: number): Promise<number> {
  const files: Array<{ name: string; loaded: LoadedProfile }> = [];
  for (const file of args.positional) {
    const bytes = await readOrSay(file, io, cap);
    if (!bytes) return 1;
    try {
      files.push({ name: file, loaded: await loadProfile(bytes, { maxInflatedBytes: cap }) });
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      io.stderr(`stackscope: ${describeProblem(file, e.toProblem())}\n`);
      return 1;
    }
  }
  let merged: LoadedProfile;
  try {
    // Merged as decoded, then pprof's load rules on the merge, as pprof does.
    const first = files[0]!.loaded;
    const loaded = { ...first.loaded, profile: mergeProfiles(files.map((f) => f.loaded.loaded.profile)), goroutines: null };
    merged = { gzipped: first.gzipped, inflated: first.inflated, loaded, profile: profileForViews(loaded) };
  } catch (e) {
    io.stderr(`stackscope: ${args.positional.join(' ')}: ${(e as Error).message}\n`);
    return 1;
  }
  return runOne(args, args.positional.join(' '), new Uint8Array(0), io, cap, merged);
}

/** Reads a file for a command, or says why not; null after an error was printed. */
async function readOrSay(file: string, io: CliIO, cap: number): Promise<Uint8Array | null> {
  try {
    return await readInput(file, cap, io.stdin);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`stackscope: ${e.message}\n`);
    return null;
  }
}

async function runGrowthCommand(args: ParsedArgs, io: CliIO, cap: number): Promise<number> {
  if (args.positional.length < 2) {
    io.stderr(`stackscope: growth needs two or more FILEs\n${usage}\n`);
    return 2;
  }
  const files: GrowthFile[] = [];
  for (const file of args.positional) {
    const bytes = await readOrSay(file, io, cap);
    if (!bytes) return 1;
    try {
      const loaded = await loadProfile(bytes, { maxInflatedBytes: cap, parallel: cliParallel((m) => io.stderr(`stackscope: ${file}: ${m}\n`)) });
      files.push({ name: file, loaded, mtime: file === STDIN_NAME ? null : statSync(file).mtimeMs });
    } catch (e) {
      if (e instanceof ParseError) {
        io.stderr(`stackscope: ${describeProblem(file, e.toProblem())}\n`);
        return 1;
      }
      throw e;
    }
  }
  try {
    io.stdout(runGrowth(args, files));
    return 0;
  } catch (e) {
    if (e instanceof DataError) {
      io.stderr(`stackscope: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
