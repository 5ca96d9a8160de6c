// Cases for the watch path entries (src/knowledge/catalogue/watch.ts).
import { background, debug1, debug2, heapProfile, cpuProfile, healthySamples, parked, vendored, type Goroutines, type Sample } from './build';
import type { SignatureCase } from './cases';
import { restCall } from './stacks';

const MB = 1024 * 1024;
const S = 1_000_000_000;

const cacher = 'k8s.io/apiserver/pkg/storage/cacher';
const watchServer = 'k8s.io/apiserver/pkg/endpoints/handlers.(*WatchServer).ServeHTTP';

function watchers(n: number, loop: string[] = [`${cacher}.(*cacheWatcher).process`], pkg = cacher): Goroutines {
  return { n, state: 'select', minutes: (i) => i % 30, stack: [...parked.select, ...loop], createdBy: `${pkg}.(*Cacher).Watch` };
}

function handlers(n: number, serve = watchServer): Goroutines {
  return {
    n,
    state: 'select',
    minutes: (i) => i % 30,
    stack: [...parked.select, serve, 'k8s.io/apiserver/pkg/endpoints/handlers.serveWatch', 'k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1', 'net/http.HandlerFunc.ServeHTTP'],
    createdBy: 'golang.org/x/net/http2.(*serverConn).processHeaders',
  };
}

const notStopped: SignatureCase = {
  id: 'KAS-WATCH-NOT-STOPPED',
  signature: 0,
  positive: { dump: debug2([watchers(600), handlers(300), ...background(150)]) },
  expect: { goroutines: 300 },
  negatives: [
    ['one watcher per handler', { dump: debug2([watchers(600), handlers(600), ...background(150)]) }],
    ['an excess under 200', { dump: debug2([watchers(450), handlers(300), ...background(150)]) }],
    ['a large excess under 1.5 times the handlers', { dump: debug2([watchers(1400), handlers(1000)]) }],
  ],
  variants: [
    ['with the vendored prefix (1.17)', { dump: debug2([watchers(600), handlers(300), ...background(150)], { vendor: true }) }, { goroutines: 300 }],
    [
      'in 1.27+ (processInterval calling process, HandleHTTP)',
      { dump: debug2([watchers(600, [`${cacher}.(*cacheWatcher).process`, `${cacher}.(*cacheWatcher).processInterval`]), handlers(300, 'k8s.io/apiserver/pkg/endpoints/handlers.(*WatchServer).HandleHTTP')]) },
      { goroutines: 300 },
    ],
    ['in 1.12 (package storage, before cacher)', { dump: debug2([watchers(600, ['k8s.io/apiserver/pkg/storage.(*cacheWatcher).process'], 'k8s.io/apiserver/pkg/storage'), handlers(300)]) }, { goroutines: 300 }],
    ['in a debug=1 dump', { dump: debug1([watchers(600), handlers(300), ...background(150)]) }, { goroutines: 300 }],
  ],
};

function send2016(n: number, state: string, minutes: (i: number) => number, pkg = 'k8s.io/kubernetes/pkg/storage'): Goroutines {
  return {
    n,
    state,
    minutes,
    stack: [...(state === 'chan send' ? parked.chanSend : parked.select), `${pkg}.(*cacheWatcher).sendWatchCacheEvent`, `${pkg}.(*cacheWatcher).process`],
    createdBy: `${pkg}.newCacheWatcher`,
  };
}

const cwSend2016: SignatureCase = {
  id: 'KAS-CW-SEND-2016',
  signature: 0,
  positive: { dump: debug2([send2016(40, 'chan send', (i) => 15 + i * 7), ...background(150)]) },
  expect: { goroutines: 40 },
  negatives: [
    ['only 9 blocked 15 minutes or more', { dump: debug2([send2016(40, 'chan send', (i) => (i < 9 ? 20 : 3)), ...background(150)]) }],
    ['slow clients: blocked under 15 minutes', { dump: debug2([send2016(40, 'chan send', (i) => i % 15)]) }],
    ['newer versions wait in select', { dump: debug2([send2016(40, 'select', () => 30, cacher)]) }],
    ['499 in a dump without states', { dump: debug1([send2016(499, 'chan send', () => 0)]) }],
  ],
  variants: [
    ['in the k8s.io/apiserver cacher package', { dump: debug2([send2016(40, 'chan send', () => 60, cacher)]) }, { goroutines: 40 }],
    ['with the vendored prefix (1.6-1.12 package)', { dump: debug2([send2016(40, 'chan send', () => 60, 'k8s.io/apiserver/pkg/storage')], { vendor: true }) }, { goroutines: 40 }],
    ['500 in a debug=1 dump', { dump: debug1([send2016(500, 'chan send', () => 0), ...background(150)]) }, { goroutines: 500 }],
  ],
};

function initialEvents(n: number, minutes: (i: number) => number, pastInitial = false): Goroutines {
  const tail = pastInitial ? [`${cacher}.(*cacheWatcher).process`, `${cacher}.(*cacheWatcher).processInterval`] : [`${cacher}.(*cacheWatcher).processInterval`];
  return { n, state: 'select', minutes, stack: [...parked.select, `${cacher}.(*cacheWatcher).sendWatchCacheEvent`, ...tail], createdBy: `${cacher}.(*Cacher).Watch` };
}

const stuckInitial = [initialEvents(5, (i) => 15 + i * 40), initialEvents(4, () => 0), initialEvents(200, (i) => i % 90, true), ...background(150)];

const initialEventsCase: SignatureCase = {
  id: 'KAS-INITIAL-EVENTS',
  signature: 0,
  positive: { dump: debug2(stuckInitial) },
  expect: { goroutines: 9 },
  negatives: [
    ['only 2 stuck 15 minutes or more', { dump: debug2([initialEvents(2, () => 45), initialEvents(7, () => 3), ...background(150)]) }],
    ['stuck under 15 minutes', { dump: debug2([initialEvents(9, (i) => i % 15)]) }],
    ['past the initial events (ordinary watches, blocked for an hour)', { dump: debug2([initialEvents(50, () => 60, true)]) }],
  ],
  variants: [
    ['with the vendored prefix', { dump: debug2(stuckInitial, { vendor: true }) }, { goroutines: 9 }],
    ['50 in a debug=1 dump', { dump: debug1([initialEvents(50, () => 0), ...background(150)]) }, { goroutines: 50 }],
  ],
};

function bookmarkHeap(watchersMB: number, bucketsMB: number, opts: { name?: (f: string) => string; bucketFn?: string } = {}): Sample[] {
  const name = opts.name ?? ((f: string) => f);
  const samples: Sample[] = [
    { stack: ['runtime.mallocgc', 'runtime.makechan', `${cacher}.newCacheWatcher`, `${cacher}.(*Cacher).Watch`, 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).Watch'].map(name), value: watchersMB * MB },
  ];
  if (bucketsMB > 0) {
    samples.push({
      stack: ['runtime.mallocgc', 'runtime.growslice', `${cacher}.(*watcherBookmarkTimeBuckets).${opts.bucketFn ?? 'addWatcher'}`, `${cacher}.(*Cacher).dispatchEvents`].map(name),
      value: bucketsMB * MB,
    });
  }
  return [...samples, ...healthySamples((1000 - watchersMB - bucketsMB) * MB)];
}

function bookmarkCase(id: string): SignatureCase {
  return {
    id,
    signature: 0,
    positive: { profile: heapProfile(bookmarkHeap(400, 2)) },
    expect: { shares: [0.4, 0.002] },
    negatives: [
      ['cache watchers at 25% of the heap', { profile: heapProfile(bookmarkHeap(250, 2)) }],
      ['cache watchers without bookmark buckets (only one of the two functions)', { profile: heapProfile(bookmarkHeap(400, 0)) }],
    ],
    variants: [
      ['with the vendored prefix', { profile: heapProfile(bookmarkHeap(400, 2, { name: vendored })) }, { shares: [0.4, 0.002] }],
      ['as addWatcherThreadUnsafe (1.20+)', { profile: heapProfile(bookmarkHeap(400, 2, { bucketFn: 'addWatcherThreadUnsafe' })) }, { shares: [0.4, 0.002] }],
      ['in an allocs profile', { profile: heapProfile(bookmarkHeap(400, 2), { allocs: true }) }, { shares: [0.4, 0.002] }],
    ],
  };
}

const etcd2 = 'k8s.io/apiserver/pkg/storage/etcd';

function convertRecursive(n: number, minutes: (i: number) => number, state = 'chan send'): Goroutines {
  return {
    n,
    state,
    minutes,
    stack: [...parked.chanSend, `${etcd2}.convertRecursiveResponse`, `${etcd2}.convertRecursiveResponse`, `${etcd2}.etcdGetInitialWatchState`, `${etcd2}.(*etcdWatcher).etcdWatch`],
    createdBy: `${etcd2}.(*etcdHelper).WatchList`,
  };
}

function watcherStop(n: number, state: string, minutes: (i: number) => number): Goroutines {
  const runtime = state === 'sync.Mutex.Lock' ? parked.mutex : parked.waitGroup;
  return { n, state, minutes, stack: [...runtime, `${etcd2}.(*etcdWatcher).Stop`, watchServer, 'k8s.io/apiserver/pkg/endpoints/handlers.serveWatch', 'k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1'] };
}

function etcd2Heap(copiedMB: number, name: (f: string) => string = (f) => f): Sample[] {
  return [
    { stack: ['runtime.mallocgc', 'runtime.newobject', `${etcd2}.convertRecursiveResponse`, `${etcd2}.convertRecursiveResponse`, `${etcd2}.etcdGetInitialWatchState`].map(name), value: copiedMB * MB },
    ...healthySamples((1000 - copiedMB) * MB),
  ];
}

const etcd2Cases: SignatureCase[] = [
  {
    id: 'KAS-ETCD2-WATCH',
    signature: 0,
    positive: { dump: debug2([convertRecursive(30, (i) => 1 + i * 9), ...background(150)]) },
    expect: { goroutines: 30 },
    negatives: [
      ['only 19 blocked a minute or more', { dump: debug2([convertRecursive(30, (i) => (i < 19 ? 5 : 0)), ...background(150)]) }],
      ['feeding a watcher that reads (under a minute)', { dump: debug2([convertRecursive(30, () => 0)]) }],
    ],
    variants: [
      ['with the vendored prefix (1.10)', { dump: debug2([convertRecursive(30, () => 200)], { vendor: true }) }, { goroutines: 30 }],
      ['100 in a debug=1 dump', { dump: debug1([convertRecursive(100, () => 0)], { vendor: true }) }, { goroutines: 100 }],
    ],
  },
  {
    id: 'KAS-ETCD2-WATCH',
    signature: 1,
    positive: { dump: debug2([watcherStop(25, 'semacquire', (i) => 3 + i), ...background(150)], { vendor: true }) },
    expect: { goroutines: 25 },
    negatives: [
      ['Stop waiting under a minute', { dump: debug2([watcherStop(25, 'semacquire', () => 0)]) }],
      ['only 19 waiting a minute or more', { dump: debug2([watcherStop(19, 'semacquire', () => 10), watcherStop(6, 'semacquire', () => 0)]) }],
    ],
    variants: [
      ['with the newer Go name sync.WaitGroup.Wait', { dump: debug2([watcherStop(25, 'sync.WaitGroup.Wait', () => 30)]) }, { goroutines: 25 }],
      ['waiting on its mutex (sync.Mutex.Lock)', { dump: debug2([watcherStop(25, 'sync.Mutex.Lock', () => 30)]) }, { goroutines: 25 }],
    ],
  },
  {
    id: 'KAS-ETCD2-WATCH',
    signature: 2,
    positive: { profile: heapProfile(etcd2Heap(300)) },
    expect: { shares: [0.3] },
    negatives: [['copied responses at 15% of the heap', { profile: heapProfile(etcd2Heap(150)) }]],
    variants: [['with the vendored prefix', { profile: heapProfile(etcd2Heap(300, vendored)) }, { shares: [0.3] }]],
  },
];

function watchCpu(compactS: number, opts: { under?: string; compact?: string } = {}): Sample[] {
  const serve = opts.under ?? watchServer;
  return [
    {
      stack: [opts.compact ?? 'encoding/json.compact', 'encoding/json.(*encodeState).marshal', 'encoding/json.Marshal', 'k8s.io/apimachinery/pkg/runtime/serializer/json.(*Serializer).Encode', serve, 'net/http.HandlerFunc.ServeHTTP'],
      value: compactS * S,
    },
    { stack: ['k8s.io/api/core/v1.(*Pod).MarshalToSizedBuffer', 'k8s.io/apimachinery/pkg/runtime/serializer/protobuf.(*Serializer).Encode', watchServer], value: 20 * S },
    ...healthySamples((80 - compactS) * S),
  ];
}

const watchEncode: SignatureCase = {
  id: 'KAS-WATCH-ENCODE-CPU',
  signature: 0,
  positive: { profile: cpuProfile(watchCpu(15)) },
  expect: { shares: [0.15] },
  negatives: [
    ['compaction at 8% of the CPU', { profile: cpuProfile(watchCpu(8)) }],
    ['compaction outside the watch handlers (only one of the two functions)', { profile: cpuProfile(watchCpu(30, { under: 'main.(*api).serve' })) }],
  ],
  variants: [
    ['under HandleHTTP with appendCompact (1.27+, Go 1.21+)', { profile: cpuProfile(watchCpu(15, { under: 'k8s.io/apiserver/pkg/endpoints/handlers.(*WatchServer).HandleHTTP', compact: 'encoding/json.appendCompact' })) }, { shares: [0.15] }],
  ],
};

function conversion(n: number, state = 'select', from = 'k8s.io/apiserver/pkg/storage/etcd3.(*watchChan).processEvent'): Goroutines {
  return {
    n,
    state,
    stack: [
      ...parked.select,
      ...restCall,
      'k8s.io/apiextensions-apiserver/pkg/apiserver/conversion.(*webhookConverter).Convert',
      'k8s.io/apiextensions-apiserver/pkg/apiserver/conversion.(*crConverter).Convert',
      'k8s.io/apiserver/pkg/storage/etcd3.(*watchChan).transform',
      from,
    ],
    createdBy: 'k8s.io/apiserver/pkg/storage/etcd3.(*watchChan).run',
  };
}

const idleWatchChans: Goroutines = {
  n: 40,
  state: 'select',
  minutes: (i) => i % 20,
  stack: [...parked.select, 'k8s.io/apiserver/pkg/storage/etcd3.(*watchChan).processEvent'],
  createdBy: 'k8s.io/apiserver/pkg/storage/etcd3.(*watchChan).run',
};

const crdConversion: SignatureCase = {
  id: 'KAS-CRD-CONV-WATCH',
  signature: 0,
  positive: { dump: debug2([conversion(3), idleWatchChans, ...background(150)]) },
  expect: { goroutines: 3 },
  negatives: [
    ['one watch cache caught converting', { dump: debug2([conversion(1), idleWatchChans, ...background(150)]) }],
    ['conversion for LISTs, not for the watch', { dump: debug2([conversion(10, 'select', 'k8s.io/apiserver/pkg/storage/etcd3.(*store).GetList'), idleWatchChans]) }],
  ],
  variants: [['with the vendored prefix', { dump: debug2([conversion(3), idleWatchChans], { vendor: true }) }, { goroutines: 3 }]],
};

export const watchCases: SignatureCase[] = [
  notStopped,
  cwSend2016,
  initialEventsCase,
  bookmarkCase('KAS-BOOKMARK-1.15'),
  bookmarkCase('KAS-BOOKMARK-TIMEJUMP'),
  ...etcd2Cases,
  watchEncode,
  crdConversion,
];

