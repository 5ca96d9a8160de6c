// Function patterns that several entries share, written as the names appear in profiles (after
// the vendor prefix is stripped). Where a function moved between packages or was renamed, every
// name it had is listed, oldest first.

import type { FunctionPattern } from '../types';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exactly one of these names. */
export function oneOf(...names: string[]): FunctionPattern {
  return { regex: `^(?:${names.map(escape).join('|')})$` };
}

/** The cacher package: k8s.io/kubernetes/pkg/storage (<= 1.5), k8s.io/apiserver/pkg/storage (1.6-1.12), .../storage/cacher (1.13+). */
export function inCacher(member: string): FunctionPattern {
  return oneOf(`k8s.io/kubernetes/pkg/storage.${member}`, `k8s.io/apiserver/pkg/storage.${member}`, `k8s.io/apiserver/pkg/storage/cacher.${member}`);
}

/** The goroutine that feeds one watch from the watch cache (processInterval from 1.26 calls process). */
export const cacheWatcherLoop: FunctionPattern = {
  regex: '^k8s\\.io/(?:kubernetes/pkg/storage|apiserver/pkg/storage(?:/cacher)?)\\.\\(\\*cacheWatcher\\)\\.(?:process|processInterval)$',
};

/** The HTTP handler of one watch: ServeHTTP up to about 1.27, then HandleHTTP / HandleWS. */
export const watchServer: FunctionPattern = {
  regex: '^k8s\\.io/(?:apiserver/pkg/endpoints/handlers|kubernetes/pkg/apiserver)\\.\\(\\*WatchServer\\)\\.(?:ServeHTTP|HandleHTTP|HandleWS)$',
};

/** The etcd3 store's list: List / GetToList up to 1.26, GetList from 1.27. */
export const etcd3List: FunctionPattern = {
  regex: '^k8s\\.io/(?:apiserver|kubernetes)/pkg/storage/etcd3\\.\\(\\*store\\)\\.(?:List|GetToList|GetList)$',
};

/** A request made with client-go's REST client. */
export const restRequest: FunctionPattern = { regex: '^k8s\\.io/client-go/rest\\.\\(\\*Request\\)\\.(?:Do|DoRaw|Stream|request)$' };
