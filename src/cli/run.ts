// The stackscope command: the parse and analysis core of the app, printing text for terminals.
// runCli takes its output streams as arguments so tests call it directly; main.ts binds them.

import { readFileSync, statSync } from 'node:fs';
import { describeProblem, ParseError } from '../model/errors';
import { loadProfile } from '../parse/load';
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

Files may be gzipped or not; the format is read from the content.`;

const helpWords = new Set(['help', '--help', '-help', '-h', '--h']);

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, new Set(['json', 'help', 'h', 'normalize', ...granularities]));
  } catch (e) {
    io.stderr(`stackscope: ${(e as Error).message}\n${usage}\n`);
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
  if (args.command === 'growth') return runGrowthCommand(args, io);
  const wanted = args.command === 'peek' ? 2 : 1;
  if (args.positional.length !== wanted) {
    io.stderr(`stackscope: ${args.command} needs ${wanted === 2 ? 'a REGEX and a FILE' : 'exactly one FILE'}\n${usage}\n`);
    return 2;
  }
  const file = args.positional[wanted - 1]!;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    io.stderr(`stackscope: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return 1;
  }
  try {
    const loaded = await loadProfile(bytes);
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
    if (e instanceof UsageError) {
      io.stderr(`stackscope: ${e.message}\n`);
      return 2;
    }
    if (e instanceof DataError) {
      io.stderr(`stackscope: ${e.message}\n`);
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

/** Reads a file for a command, or says why not; null after an error was printed. */
function readInput(file: string, io: CliIO): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    io.stderr(`stackscope: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return null;
  }
}

async function runGrowthCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.positional.length < 2) {
    io.stderr(`stackscope: growth needs two or more FILEs\n${usage}\n`);
    return 2;
  }
  const files: GrowthFile[] = [];
  for (const file of args.positional) {
    const bytes = readInput(file, io);
    if (!bytes) return 1;
    try {
      files.push({ name: file, loaded: await loadProfile(bytes), mtime: statSync(file).mtimeMs });
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
