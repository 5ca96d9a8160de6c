// The watch path of kube-apiserver: the watch cache (cacher), its per-watch goroutines, the
// bookmark buckets, the etcd watch feeding it, and the encoding of events for clients.

import { mutexWaitStates, waitGroupStates } from '../names';
import type { KnownBug } from '../types';
import { cacheWatcherLoop, inCacher, oneOf, watchServer } from './frames';
import { kk } from './refs';

export const watchNotStopped: KnownBug = {
  id: 'KAS-WATCH-NOT-STOPPED',
  title: 'Watch handler returns without stopping its cache watcher',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-imbalance',
      frames: [cacheWatcherLoop],
      partner: [watchServer],
      thresholds: { minExcess: 200, minRatio: 1.5 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.17.11']],
    fixed: ['1.17.12', '1.18.0'],
    affectedText:
      '1.17.11 and earlier: the encoding-error exit up to 1.14.8, 1.15.5, 1.16.2 (fixed by #84693), the early exit before serving up to 1.17.11 (fixed by #85410)',
    fixedText: '1.17.12, 1.18.0 for both exits; 1.14.9, 1.15.6, 1.16.3 and 1.17.0 fix only the encoding-error exit',
  },
  references: kk(84693, 84960, 84961, 84962, 85410, 94351, 84001),
  explanation:
    'Every watch served from the watch cache runs two goroutines: the HTTP handler that writes events to the client and a cacheWatcher goroutine that feeds it. When the handler returned early (an encoding error, or an error before it began serving) without calling Stop, the cacheWatcher stayed registered, kept buffering events and never exited. A goroutine dump then holds more cacheWatcher goroutines than watch handlers, and the gap grows with every such watch.',
  remedy:
    'Upgrade to 1.17.12 or 1.18.0 or later. Until then, find the clients whose watches fail (encoding errors in the apiserver log, watches that end at once) and restart the apiserver to drop the orphaned watchers.',
  thresholdsNote:
    'A healthy apiserver has one cacheWatcher goroutine per watch handler; only watches ending at the moment of the dump make the counts differ, by a handful. Flagged when cacheWatcher goroutines outnumber watch handlers by 200 or more and by a factor of 1.5 or more.',
  confidence: 'inferred',
  // Each orphan keeps a buffer of events and a goroutine until restart; growth is slow but steady.
  severity: 'high',
};

export const cacheWatcherSend2016: KnownBug = {
  id: 'KAS-CW-SEND-2016',
  title: 'cacheWatcher blocked sending after its watch handler timed out',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-site',
      sites: [inCacher('(*cacheWatcher).sendWatchCacheEvent')],
      states: ['chan send'],
      thresholds: { minGoroutinesWaiting: 10, minWaitMinutes: 15, minGoroutinesWithoutWait: 500 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.5.1']],
    fixed: ['1.5.2', '1.6.0'],
    affectedText: '1.4 and earlier, and early 1.5 (1.5.0-1.5.1)',
    fixedText: '1.5.2 (cherry-pick #39241), 1.6.0',
  },
  references: kk(38670, 38669, 39078, 39241),
  explanation:
    'The cacheWatcher goroutine hands each event to the watch handler over a channel. When the handler timed out while that channel was full, it stopped reading but the cacheWatcher went on trying to send, with nothing to wake it, so it stayed blocked on the send for ever. Dumps show these goroutines in chan send at sendWatchCacheEvent, one more after every such timeout.',
  remedy: 'Upgrade to 1.5.2 or later (1.6.0 on the next line); the fix lets the send give up when the watcher is stopped. Restart the apiserver to release the stuck goroutines.',
  thresholdsNote:
    'A cacheWatcher sends only as fast as its client reads, so a slow client can hold it for a moment; newer versions wait in select, not in chan send. Flagged when at least 10 goroutines have been blocked in chan send at sendWatchCacheEvent for 15 minutes or more (debug=2), or 500 sit there in a format without states.',
  confidence: 'probable',
  severity: 'high',
};

export const initialEventsStuck: KnownBug = {
  id: 'KAS-INITIAL-EVENTS',
  title: 'Initial-events send blocked on a client that stopped reading, pinning the snapshot',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [inCacher('(*cacheWatcher).sendWatchCacheEvent'), inCacher('(*cacheWatcher).processInterval')],
      // Past the initial events, processInterval calls process: those are ordinary watches.
      without: [inCacher('(*cacheWatcher).process')],
      states: ['select', 'chan send'],
      thresholds: { minGoroutines: 3, minWaitMinutes: 15, minGoroutinesWithoutWait: 50 },
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'current releases (reported on 1.34.1); the signature needs processInterval, which exists from 1.26',
    fixedText: 'not fixed',
  },
  references: kk(131721, 141899, 137631),
  explanation:
    'A watch with sendInitialEvents=true (WatchList) or resourceVersion=0 first receives a snapshot of every matching object, pushed by processInterval with no timeout of its own. If the client stops reading, the push blocks until the request deadline, often 30 minutes or more, and keeps the whole snapshot alive meanwhile. The dump shows goroutines in processInterval, blocked in sendWatchCacheEvent, that never got to the steady-state loop.',
  remedy:
    'Find and fix the clients that open such watches and stop reading (streaming lists from many pods at once are a known trigger); a shorter --min-request-timeout bounds how long each one pins memory. Restart the apiserver if memory is at risk.',
  thresholdsNote:
    'Healthy initial-events sends wake on every event the client takes, so their wait stays under a minute however large the snapshot. Flagged when at least 3 goroutines still sending initial events have not moved for 15 minutes or more (debug=2), or 50 are in that phase in a format without wait times.',
  confidence: 'verified',
  // Each stuck watch pins a full copy of the listed objects.
  severity: 'high',
};

/** Leaked cacheWatchers held by the bookmark buckets: the shape both bookmark bugs share. */
const bookmarkBucketsHeap: KnownBug['signatures'][number] = {
  kind: 'profile-functions',
  profiles: ['heap', 'allocs'],
  sampleTypes: ['inuse_space'],
  all: [
    { pattern: inCacher('newCacheWatcher'), minCumShare: 0.3, label: 'cache watchers kept in memory (newCacheWatcher)' },
    { pattern: { regex: '^k8s\\.io/apiserver/pkg/storage/cacher\\.\\(\\*watcherBookmarkTimeBuckets\\)\\.addWatcher' }, minCumShare: 0.0005, label: 'bookmark time buckets (addWatcher)' },
  ],
};

const bookmarkThresholds =
  'Cache watchers are normal: each live watch has one, and their buffers take a few percent of the heap even with tens of thousands of watches. Flagged when memory allocated by newCacheWatcher holds 30% or more of the in-use heap while the bookmark buckets (addWatcher) hold memory too (0.05% or more), which only happens when watches use bookmarks.';

export const bookmark115: KnownBug = {
  id: 'KAS-BOOKMARK-1.15',
  title: 'Bookmark buckets never popped: stopped watchers are kept (1.15)',
  profiles: ['heap', 'allocs'],
  signatures: [bookmarkBucketsHeap],
  versions: {
    affected: [['1.15.0', '1.15.999']],
    fixed: ['1.16.0'],
    affectedText: '1.15.x with the WatchBookmark feature gate on',
    fixedText: '1.16.0',
  },
  references: kk(80690, 80692),
  explanation:
    'With watch bookmarks enabled, the cacher files each watcher in a time bucket to send it a bookmark later. In 1.15 the buckets were not emptied as intended, so every watcher ever filed stayed referenced with its buffers after its watch ended. The heap fills with memory allocated by newCacheWatcher while the bookmark buckets keep growing.',
  remedy: 'Upgrade to 1.16.0 or later; on 1.15, turn the WatchBookmark feature gate off and restart the apiserver.',
  thresholdsNote: bookmarkThresholds,
  confidence: 'verified',
  severity: 'high',
};

export const bookmarkTimeJump: KnownBug = {
  id: 'KAS-BOOKMARK-TIMEJUMP',
  title: 'A wall-clock jump leaks cache watchers in the bookmark buckets',
  profiles: ['heap', 'allocs'],
  signatures: [bookmarkBucketsHeap],
  versions: {
    affected: [
      ['1.15.0', '1.17.14'],
      ['1.18.0', '1.18.12'],
      ['1.19.0', '1.19.4'],
    ],
    fixed: ['1.17.15', '1.18.13', '1.19.5', '1.20.0'],
    affectedText: '1.15.0-1.17.14, 1.18.0-1.18.12, 1.19.0-1.19.4',
    fixedText: '1.17.15, 1.18.13, 1.19.5, 1.20.0',
  },
  references: kk(96259, 96266, 96602),
  explanation:
    'The bookmark buckets were keyed by wall-clock seconds. After the clock jumped forward and back, the first bucket the cacher would pop lay in the future, so every watcher filed from then on waited there, referenced with its buffers, until real time caught up. Memory allocated by newCacheWatcher then grows with every new watch while the number of live watches stays flat.',
  remedy:
    'Upgrade to a fixed release (1.17.15, 1.18.13, 1.19.5, 1.20.0 or later). Keep the control-plane clocks stepped by NTP slewing rather than jumps, and restart the apiserver to drop the held watchers.',
  thresholdsNote: bookmarkThresholds,
  confidence: 'verified',
  severity: 'high',
};

export const etcd2WatchLeak: KnownBug = {
  id: 'KAS-ETCD2-WATCH',
  title: 'etcd2 watch from resourceVersion 0 leaks goroutines and memory',
  profiles: ['goroutine', 'heap', 'allocs'],
  signatures: [
    {
      kind: 'goroutine-site',
      sites: [oneOf('k8s.io/kubernetes/pkg/storage/etcd.convertRecursiveResponse', 'k8s.io/apiserver/pkg/storage/etcd.convertRecursiveResponse')],
      states: ['chan send'],
      thresholds: { minGoroutinesWaiting: 20, minWaitMinutes: 1, minGoroutinesWithoutWait: 100 },
    },
    {
      kind: 'goroutine-site',
      sites: [oneOf('k8s.io/kubernetes/pkg/storage/etcd.(*etcdWatcher).Stop', 'k8s.io/apiserver/pkg/storage/etcd.(*etcdWatcher).Stop')],
      states: [...new Set([...mutexWaitStates, ...waitGroupStates])],
      thresholds: { minGoroutinesWaiting: 20, minWaitMinutes: 1, minGoroutinesWithoutWait: 100 },
    },
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      all: [
        {
          pattern: oneOf('k8s.io/kubernetes/pkg/storage/etcd.convertRecursiveResponse', 'k8s.io/apiserver/pkg/storage/etcd.convertRecursiveResponse'),
          minCumShare: 0.2,
          label: 'etcd2 responses copied for a watch from resourceVersion 0 (convertRecursiveResponse)',
        },
      ],
    },
  ],
  versions: {
    affected: [['1.10.0', '1.12.999']],
    fixed: ['1.13.0'],
    affectedText: '1.10-1.12 with the etcd2 storage backend',
    fixedText: '1.13.0 (the etcd2 backend was removed)',
  },
  references: kk(70207, 65732),
  explanation:
    'A watch from resourceVersion 0 on the etcd2 backend first reads the whole collection and feeds it to the watcher one object at a time (convertRecursiveResponse). When the watcher stopped before taking everything, that feeding goroutine stayed blocked on its send, holding the full response, and Stop waited for it for ever. A client that re-watches events from resourceVersion 0 leaks one such pair each time until the apiserver runs out of memory.',
  remedy:
    'Move to the etcd3 backend (etcd2 support ended in 1.13). Until then, stop the client that watches from resourceVersion 0 (a monitoring agent watching events, in the reported case) and restart the apiserver.',
  thresholdsNote:
    'Feeding the initial state is quick while the watcher reads, and Stop returns at once. Flagged when at least 20 goroutines have been stuck in either place for a minute or more (debug=2), 100 sit there in a format without wait times, or memory copied by convertRecursiveResponse holds 20% or more of the in-use heap.',
  confidence: 'verified',
  // Reported growing until OOM, one apiserver after another.
  severity: 'critical',
};

export const watchEncodeCpu: KnownBug = {
  id: 'KAS-WATCH-ENCODE-CPU',
  title: 'Watch events re-encoded per watcher; JSON compaction burns CPU',
  profiles: ['cpu'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['cpu'],
      sampleTypes: ['cpu', 'samples'],
      under: [watchServer],
      all: [{ pattern: { regex: '^encoding/json\\.(?:compact|appendCompact)$' }, minCumShare: 0.1, label: 'JSON compaction in watch handlers (encoding/json.compact)' }],
    },
  ],
  versions: {
    affected: [['1.0.0', '1.28.999']],
    fixed: ['1.29.0'],
    affectedText: '1.16 and earlier encode every event once per watcher; up to 1.28 the JSON watch envelope compacts every embedded object again',
    fixedText: '1.17.0 encodes each event once (#81914); 1.29.0 stops the envelope re-compaction (#120300)',
  },
  references: kk(81914, 84043, 110146, 113326, 120300),
  explanation:
    'Each watch handler serializes the events it sends. Up to 1.16 every watcher encoded every event itself, and until 1.29 the JSON watch envelope made encoding/json compact the already-encoded object once more for each watcher. With many JSON watchers (custom resources have no protobuf) the CPU goes to encoding/json.compact under the watch handlers.',
  remedy:
    'Upgrade to 1.29 or later. Until then, reduce the number of JSON watchers of the same resources (shared informers, fewer controllers watching everything) and prefer protobuf for built-in types.',
  thresholdsNote:
    'Encoding events is ordinary watch work; compaction alone should be a small part of it. Flagged when encoding/json.compact under the watch handlers takes 10% or more of the CPU samples.',
  confidence: 'inferred',
  severity: 'medium',
};

export const crdConversionWatch: KnownBug = {
  id: 'KAS-CRD-CONV-WATCH',
  title: 'Watch cache decodes serially through a conversion webhook',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [
        oneOf('k8s.io/apiserver/pkg/storage/etcd3.(*watchChan).processEvent', 'k8s.io/kubernetes/pkg/storage/etcd3.(*watchChan).processEvent'),
        oneOf('k8s.io/apiextensions-apiserver/pkg/apiserver/conversion.(*webhookConverter).Convert'),
      ],
      states: [],
      thresholds: { minGoroutines: 2 },
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'all versions',
    fixedText: 'not fixed by default; the ConcurrentWatchObjectDecode feature gate (beta, off by default) from 1.31 decodes in parallel',
  },
  references: kk(126329, 139679),
  explanation:
    'The etcd watch behind each watch cache decodes events one at a time in a single goroutine. For a custom resource whose stored version differs from the one served, every event goes through the conversion webhook in that goroutine, so one slow webhook call holds up every event of the resource. The watch cache then lags, watchers see stale data or are closed, and the dump catches processEvent goroutines waiting on the webhook.',
  remedy:
    'Make the conversion webhook fast and close to the apiserver, or store the custom resources in the version clients use so no conversion is needed; from 1.31 the ConcurrentWatchObjectDecode feature gate parallelises the decoding.',
  thresholdsNote:
    'A fast webhook answers in milliseconds, so a dump rarely catches a watch decoding inside it, and one caught there may be chance. Flagged when two or more watch caches are inside a conversion webhook call at the same instant.',
  confidence: 'verified',
  severity: 'medium',
};

export const watchEntries: KnownBug[] = [
  watchNotStopped,
  cacheWatcherSend2016,
  initialEventsStuck,
  bookmark115,
  bookmarkTimeJump,
  etcd2WatchLeak,
  watchEncodeCpu,
  crdConversionWatch,
];
