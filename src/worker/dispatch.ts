// One dispatch for every call of protocol.ts's table: the handler of each call, which buffers
// its reply transfers, and errors as Problems. A WorkerHost is one worker's state (the file it
// holds, or the comparison); entry.ts wires it to postMessage, tests call it in-process.

import { ParseError, type Problem } from '../model/errors';
import { clipText } from '../lib/clip';
import { sha256Hex } from '../lib/hash';
import type { CallName, CallReply, CallRequest, FileIdentity, Request, Response } from './protocol';
import type { CompareSession } from './compareSession';
import { loadComparison, loadFile, unpackSource, type Progress } from './load';
import type { FileCall, Session } from './session';
import { topBuffers } from './transfer';

type Handler<K extends CallName> = (req: CallRequest<K>, progress: Progress) => CallReply<K> | Promise<CallReply<K>>;

/** Buffers of a reply that move to the page without a copy. */
const transfers: { [K in CallName]?: (reply: CallReply<K>) => Transferable[] } = {
  top: topBuffers,
  topOrder: (o) => [o.rows.buffer, o.runningFlat.buffer] as ArrayBuffer[],
  unpack: (r) => r.members.map((m) => m.bytes),
};

export function toProblem(e: unknown): Problem {
  // A message may quote the file (a line, a name): the page shows at most MAX_SHOWN_CHARS of it.
  if (e instanceof ParseError) {
    const p = e.toProblem();
    return { ...p, message: clipText(p.message) };
  }
  if (e instanceof RangeError) return { kind: 'limit', message: clipText(`out of memory or too deep: ${e.message}`) };
  return { kind: 'malformed', message: clipText(e instanceof Error ? e.message : String(e)) };
}

export class WorkerHost {
  private session: Session | null = null;
  private compare: CompareSession | null = null;
  /**
   * The loaded file's content hash. crypto.subtle.digest runs on the calling thread (about
   * 1 GB/s in Chromium), so it is computed when the page asks, after its first views.
   */
  private identity: Promise<FileIdentity> | null = null;
  private identitySource: { bytes: Uint8Array; time: string | null } | null = null;

  private need(): Session {
    if (!this.session) throw new Error('no file is loaded in this worker');
    return this.session;
  }

  private needCompare(): CompareSession {
    if (!this.compare) throw new Error('no comparison is loaded in this worker');
    return this.compare;
  }

  private fileIdentity(): Promise<FileIdentity> {
    if (!this.identity) {
      const source = this.identitySource;
      if (!source) throw new Error('no file is loaded in this worker');
      this.identitySource = null; // the raw bytes are freed once hashed
      this.identity = sha256Hex(source.bytes).then((sha256) => ({ sha256, time: source.time }));
    }
    return this.identity;
  }

  /** Calls about the loaded file go to its session's method of the same name. */
  private file<K extends FileCall>(name: K): Handler<K> {
    return (req) => (this.need()[name] as (r: CallRequest<K>) => CallReply<K>)(req);
  }

  readonly handlers: { [K in CallName]: Handler<K> } = {
    load: async (req, progress) => {
      const file = await loadFile(req, progress);
      this.session = file.session;
      this.identity = null;
      this.identitySource = file.raw;
      return { summary: file.summary, flame: file.flame };
    },
    unpack: (req, progress) => unpackSource(req.source, progress),
    top: this.file('top'),
    graph: this.file('graph'),
    flame: this.file('flame'),
    search: this.file('search'),
    goroutines: this.file('goroutines'),
    stack: this.file('stack'),
    knownBugs: this.file('knownBugs'),
    resolveAnchor: this.file('resolveAnchor'),
    sandwich: this.file('sandwich'),
    topOrder: this.file('topOrder'),
    identity: () => this.fileIdentity(),
    compareLoad: async (req, progress) => {
      const { compare, info } = await loadComparison(req.sources, progress);
      this.compare = compare;
      return info;
    },
    diffTop: (req) => this.needCompare().diffTop(req),
    diffFlame: (req) => this.needCompare().diffFlame(req),
    growth: (req) => this.needCompare().growth(req),
  };

  /** Runs one request and posts its progress, then its reply or its error. */
  async dispatch(msg: Request, post: (msg: Response, transfer?: Transferable[]) => void): Promise<void> {
    const progress: Progress = (phase, done, total) => post({ type: 'progress', id: msg.id, phase, done, total });
    try {
      const handler = this.handlers[msg.call] as Handler<CallName> | undefined;
      if (!handler) throw new Error(`unknown call ${String(msg.call)}`);
      const reply = await handler(msg.req, progress);
      const transfer = (transfers[msg.call] as ((r: unknown) => Transferable[]) | undefined)?.(reply) ?? [];
      post({ type: 'reply', id: msg.id, reply }, transfer);
    } catch (e) {
      post({ type: 'error', id: msg.id, problem: toProblem(e) });
    }
  }
}
