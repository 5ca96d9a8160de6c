// A helper thread of parallelParse.ts: parses the one part of a goroutine dump it is sent and
// sends back its tables (transferred).

import { parentPort } from 'node:worker_threads';
import { ParseError } from '../model/errors';
import { dumpPartBuffers } from '../parse/goroutines/parallel';
import { parseDebug2Part } from '../parse/goroutines/debug2';
import type { PartMessage, PartReply } from './parallelParse';

const port = parentPort;
if (!port) throw new Error('parseWorker runs as a worker thread');
port.once('message', (msg: PartMessage) => {
  let reply: PartReply;
  try {
    const part = parseDebug2Part(msg.bytes, msg.last, msg.wholeLength, msg.caps);
    port.postMessage({ part } satisfies PartReply, dumpPartBuffers(part));
    return;
  } catch (e) {
    reply =
      e instanceof ParseError
        ? { error: e.message, kind: e.kind, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.offset !== undefined ? { offset: e.offset } : {}) }
        : { error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
