// Command-line flags in pprof's spelling: --flag=value, -flag=value or "--flag value".

export interface ParsedArgs {
  command: string;
  flags: Map<string, string>;
  positional: string[];
}

/**
 * The command line is wrong: exit status 2. `aboutFile`: the file does not fit the command
 * (the message is then printed after the file's name).
 */
export class UsageError extends Error {
  constructor(message: string, readonly aboutFile = false) {
    super(message);
  }
}

/**
 * A file cannot be read or used as asked (a base profile, an incompatible pair): exit status 1,
 * as pprof. The message is printed after the file's name unless it `namesFiles` itself.
 */
export class DataError extends Error {
  constructor(message: string, readonly namesFiles = false) {
    super(message);
  }
}

export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const [command = '', ...rest] = argv;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    const m = /^--?([a-zA-Z_][\w-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    const name = m[1]!.replace(/-/g, '_');
    if (m[2] !== undefined) flags.set(name, m[2]);
    else if (booleanFlags.has(name)) flags.set(name, 'true');
    else if (i + 1 < rest.length) flags.set(name, rest[++i]!);
    else throw new UsageError(`flag --${name} needs a value`);
  }
  return { command, flags, positional };
}

export function takeNumber(flags: Map<string, string>, name: string, fallback: number): number {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name}=${v} is not a number`);
  return n;
}
