// Errors that cross from the worker to the page as plain data. `unrecognized` means "not this
// format, try another" (sniffing moves on); `malformed` means "this format, but broken";
// `limit` means a safety cap was hit; `cancelled` means the user stopped the load.

export type ProblemKind = 'unrecognized' | 'malformed' | 'limit' | 'cancelled';

export interface Problem {
  kind: ProblemKind;
  message: string;
  /** Byte offset where the problem was found: into the gzip bytes for inflate errors, else into the inflated input. */
  offset?: number;
  /** 1-based line number, for text formats. */
  line?: number;
}

export class ParseError extends Error implements Problem {
  readonly kind: ProblemKind;
  readonly offset?: number;
  readonly line?: number;

  constructor(kind: ProblemKind, message: string, where: { offset?: number; line?: number } = {}) {
    super(message);
    this.name = 'ParseError';
    this.kind = kind;
    if (where.offset !== undefined) this.offset = where.offset;
    if (where.line !== undefined) this.line = where.line;
  }

  toProblem(): Problem {
    const p: Problem = { kind: this.kind, message: this.message };
    if (this.offset !== undefined) p.offset = this.offset;
    if (this.line !== undefined) p.line = this.line;
    return p;
  }
}

/** One sentence naming the file, what is wrong and where. */
export function describeProblem(fileName: string, p: Problem): string {
  const where =
    p.line !== undefined ? ` (line ${p.line})` : p.offset !== undefined ? ` (byte offset ${p.offset})` : '';
  return `${fileName}: ${p.message}${where}`;
}
