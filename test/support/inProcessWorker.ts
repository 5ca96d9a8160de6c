// A worker for Node tests: the real dispatch (worker/dispatch.ts) behind the client's port,
// with messages structured-cloned both ways as postMessage would, and a log of the calls made.

import type { WorkerPort } from '../../src/worker/client';
import { setWorkerFactory } from '../../src/worker/client';
import { WorkerHost } from '../../src/worker/dispatch';
import type { Request, Response } from '../../src/worker/protocol';

/** Every call any in-process worker received, in order. */
export const callLog: Array<Request['call']> = [];

export function inProcessPort(): WorkerPort {
  const host = new WorkerHost();
  let closed = false;
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(msg: Request) {
      const req = structuredClone(msg);
      callLog.push(req.call);
      setTimeout(() => {
        void host.dispatch(req, (r: Response) => {
          const reply = structuredClone(r);
          setTimeout(() => {
            if (!closed) port.onmessage?.({ data: reply });
          }, 0);
        });
      }, 0);
    },
    terminate() {
      closed = true;
    },
  };
  return port;
}

/** Makes every ProfileWorker of the state layer run in-process. */
export function useInProcessWorkers(): void {
  setWorkerFactory(inProcessPort);
}
