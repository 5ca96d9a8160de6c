// The worker's message loop: thin on purpose. Every call goes through WorkerHost.dispatch
// (dispatch.ts); loading is load.ts, the file's views session.ts.

import type { Request, Response } from './protocol';
import { WorkerHost } from './dispatch';

const scope = self as unknown as {
  postMessage(msg: Response, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<Request>) => void) | null;
};

const host = new WorkerHost();

scope.onmessage = (ev: MessageEvent<Request>) => {
  void host.dispatch(ev.data, (msg, transfer = []) => scope.postMessage(msg, transfer));
};
