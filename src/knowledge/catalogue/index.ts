// The known-bug catalogue: every entry of the reference table, plus minor items with a clear
// signature. Ids are the reference's (the minor items' are ours, in the same style).

import type { KnownBug } from '../types';
import { aggregatorEntries } from './aggregator';
import { deleteCollectionLeak, timeoutLeak } from './apiserverRequests';
import { etcdClientLoggers, listHeap, otelMeterLeak, relistStorm } from './apiserverMemory';
import { handlerEntries } from './apiserverHandlers';
import { clientEntries } from './clientgo';
import { kubeletEntries } from './kubelet';
import { watchEntries } from './watch';

export const catalogue: KnownBug[] = [
  timeoutLeak,
  deleteCollectionLeak,
  listHeap,
  relistStorm,
  etcdClientLoggers,
  otelMeterLeak,
  ...watchEntries,
  ...handlerEntries,
  ...aggregatorEntries,
  ...clientEntries,
  ...kubeletEntries,
];
