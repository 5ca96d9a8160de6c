// The known-bug catalogue: every entry of the reference table, plus minor items with a clear
// signature. Ids are the reference's.

import type { KnownBug } from '../types';
import { deleteCollectionLeak, timeoutLeak } from './apiserverRequests';
import { listHeap } from './apiserverMemory';

export const catalogue: KnownBug[] = [timeoutLeak, deleteCollectionLeak, listHeap];
