// A parse helper (a Web Worker started by partPool.ts): parses each part of a goroutine dump it
// is sent and sends back the part's tables, transferred.

import { ParseError } from '../model/errors';
import { parseDebug2Part } from '../parse/goroutines/debug2';
import { dumpPartBuffers } from '../parse/goroutines/parallel';
import type { PartRequest, PartResponse } from './partPool';

const scope = self as unknown as {
  postMessage(msg: PartResponse, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<PartRequest>) => void) | null;
};

scope.onmessage = (ev: MessageEvent<PartRequest>) => {
  const { id, bytes, last, wholeLength, caps } = ev.data;
  let reply: PartResponse;
  try {
    const part = parseDebug2Part(bytes, last, wholeLength, caps);
    scope.postMessage({ id, part }, dumpPartBuffers(part));
    return;
  } catch (e) {
    reply =
      e instanceof ParseError
        ? { id, error: e.message, kind: e.kind, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.offset !== undefined ? { offset: e.offset } : {}) }
        : { id, error: e instanceof Error ? e.message : String(e) };
  }
  scope.postMessage(reply);
};
