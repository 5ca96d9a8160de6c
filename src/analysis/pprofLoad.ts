// Moved to model/pprofLoad.ts. Kept only for worker/entry.ts, which still imports it from here;
// delete this file when the worker calls parse/load.ts's loadProfile.
export { asPprofLoads } from '../model/pprofLoad';
