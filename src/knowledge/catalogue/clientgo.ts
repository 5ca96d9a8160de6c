// client-go and apimachinery: the libraries every controller (and the apiserver itself, for its
// loopback informers) builds on. These show in any Go component's profiles, not only the apiserver's.

import type { KnownBug } from '../types';
import { oneOf } from './frames';
import { kk } from './refs';

export const streamWatcherReceive: KnownBug = {
  id: 'AM-STREAMWATCHER',
  title: 'StreamWatcher.receive blocks for ever after Stop',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-site',
      sites: [oneOf('k8s.io/apimachinery/pkg/watch.(*StreamWatcher).receive')],
      states: ['chan send'],
      thresholds: { minGoroutinesWaiting: 10, minWaitMinutes: 5, minGoroutinesWithoutWait: 100 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.20.999']],
    fixed: ['1.21.0'],
    affectedText: '1.20.x and earlier',
    fixedText: '1.21.0 (no backports)',
  },
  references: kk(98653),
  explanation:
    'A StreamWatcher decodes a watch response in its receive goroutine and hands each event to the consumer over a channel. If Stop raced with an event being delivered, the consumer was gone but receive still tried to send, and with nothing else to wake it stayed blocked for ever, holding the connection. Clients that restart watches often (informers on flaky connections) leak one goroutine each time.',
  remedy: 'Rebuild the affected component with client-go / apimachinery 1.21 or later (upgrade the cluster for kube components); restart it to release the goroutines.',
  thresholdsNote:
    'A consumer normally takes each event at once, so receive waits in chan send only briefly. Flagged when at least 10 receive goroutines have been blocked on their send for 5 minutes or more (debug=2), or 100 sit there in a format without states.',
  confidence: 'verified',
  severity: 'medium',
};

export const waitPollerLeak: KnownBug = {
  id: 'AM-WAIT-POLLER',
  title: 'Poller goroutine and ticker outlive WaitFor / PollUntil',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-site',
      sites: [{ prefix: 'k8s.io/apimachinery/pkg/util/wait.poller.func' }],
      states: ['select'],
      thresholds: { minGoroutinesWaiting: 100, minWaitMinutes: 0, minGoroutinesWithoutWait: 100 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.14.999']],
    fixed: ['1.15.0'],
    affectedText: '1.13 and earlier (#70277), 1.14 for the remaining path (#71326)',
    fixedText: '1.14.0 (#70277), 1.15.0 (#71326)',
  },
  references: kk(70277, 71326),
  explanation:
    'wait.Poll and its relatives run a ticker in a helper goroutine that signals the polling loop. When the poll finished (condition met, error or timeout) the helper was not told to stop, so it and its ticker lived on, waking at every interval. Code that polls often leaks one such goroutine per call, and the CPU spent on their ticks grows with them.',
  remedy: 'Rebuild with apimachinery 1.15 or later (upgrade the cluster for kube components); restart the component to stop the leaked pollers.',
  thresholdsNote:
    'A process runs a poller only for each poll in progress, usually a handful. They wake at every tick, so their waits stay short and say nothing; flagged on the count alone, at 100 or more poller goroutines.',
  confidence: 'verified',
  severity: 'medium',
};

export const eventRecorderPileUp: KnownBug = {
  id: 'CG-EVENTS',
  title: 'Event recording goroutines pile up behind a blocked broadcaster',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [{ prefix: 'k8s.io/client-go/tools/record.(*recorder).generateEvent.func' }],
      states: [],
      thresholds: { minGoroutines: 100 },
    },
    {
      kind: 'goroutine-stack',
      frames: [{ prefix: 'k8s.io/client-go/tools/events.(*eventBroadcasterImpl).recordToSink.func' }],
      states: [],
      thresholds: { minGoroutines: 100 },
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'tools/record: 1.20 and earlier; tools/events (events.k8s.io/v1): all releases so far',
    fixedText: 'tools/record: 1.21.0; tools/events: fixed upstream but not yet in a release',
  },
  references: kk(95664, 140448, 137398),
  explanation:
    'Up to 1.20 the core event recorder started a goroutine for every event just to hand it to the broadcaster, which blocks once its queue is full; the events.k8s.io recorder still starts one per event to write it to the API with retries. When the apiserver is slow or rejects events, these goroutines accumulate faster than they finish. The dump shows hundreds or thousands of them in generateEvent or recordToSink closures.',
  remedy:
    'Upgrade client-go (1.21+ drops events instead of blocking in tools/record); reduce the event rate of the component; make sure the apiserver accepts the events (quota, admission, rate limits).',
  thresholdsNote:
    'Handing over or writing one event takes milliseconds, so a few such goroutines exist at a time. Flagged when 100 or more goroutines are in one of the two recorders\' closures.',
  confidence: 'verified',
  severity: 'medium',
};

export const workqueueRetention: KnownBug = {
  id: 'CG-WORKQUEUE',
  title: 'Workqueue memory: delaying-queue timers and a queue array that never shrinks',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      all: [
        {
          pattern: { regex: '^k8s\\.io/client-go/util/workqueue\\.\\(\\*delayingType(?:\\[[^\\]]*\\])?\\)\\.waitingLoop$' },
          minCumShare: 0.05,
          label: 'timers of the delaying queue (waitingLoop)',
        },
      ],
    },
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      all: [
        {
          pattern: { regex: '^k8s\\.io/client-go/util/workqueue\\.\\(\\*Type(?:d\\[[^\\]]*\\])?\\)\\.Add$' },
          minCumShare: 0.05,
          label: 'queue backing array grown by Add and kept by Get',
        },
      ],
    },
  ],
  versions: {
    affected: [
      ['1.0.0', '1.21.8'],
      ['1.22.0', '1.22.5'],
    ],
    fixed: ['1.21.9', '1.22.6', '1.23.0'],
    affectedText: 'timer leak: 1.16 and earlier; array retention: 1.21.8, 1.22.5 and earlier',
    fixedText: 'timer leak: 1.17.0; array retention: 1.21.9, 1.22.6, 1.23.0',
  },
  references: kk(83945, 104991, 105031, 106582, 106583),
  explanation:
    'Up to 1.16 the delaying queue created a new timer on every pass of its loop, and each stayed in memory until it fired, up to the longest delay. Until 1.22.6 the queue took items off the front by reslicing, so the backing array, and every item it ever held, stayed reachable while the queue kept growing at the back. Either way, memory allocated by the workqueue grows with traffic rather than with the queue length.',
  remedy: 'Rebuild the controller with client-go 1.21.9, 1.22.6, 1.23.0 or later; restart it to release the memory.',
  thresholdsNote:
    'A workqueue holds keys, tiny next to the informer caches of the same controller. Flagged when the delaying queue loop or the queue\'s Add holds 5% or more of the in-use heap.',
  confidence: 'verified',
  severity: 'medium',
};

export const reflectorMetricsLeak: KnownBug = {
  id: 'CG-REFLECTOR-METRICS',
  title: 'Reflector metrics created per reflector and never unregistered',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      under: [oneOf('k8s.io/client-go/tools/cache.NewNamedReflector')],
      all: [
        {
          pattern: { regex: '^(?:github\\.com/prometheus/client_golang/prometheus|k8s\\.io/component-base/metrics)[./]' },
          minCumShare: 0.05,
          label: 'Prometheus metrics made for each reflector (NewNamedReflector)',
        },
      ],
    },
  ],
  versions: {
    affected: [
      ['1.8.0', '1.8.2'],
      ['1.12.0', '1.12.6'],
      ['1.13.0', '1.13.4'],
    ],
    fixed: ['1.8.3', '1.12.7', '1.13.5', '1.14.0'],
    affectedText: '1.8.0-1.8.2, 1.12.0-1.12.6, 1.13.0-1.13.4',
    fixedText: '1.8.3, 1.12.7, 1.13.5, 1.14.0',
  },
  references: kk(53485, 73587, 74636, 74673),
  explanation:
    'In these releases every reflector registered its own set of Prometheus metrics, summaries included, under a name made unique per reflector, and nothing unregistered them. Components that create reflectors repeatedly (informers started per namespace or per request) grow the metrics registry without bound. The heap shows Prometheus allocations under NewNamedReflector.',
  remedy: 'Upgrade to 1.8.3, 1.12.7, 1.13.5, 1.14.0 or later, or rebuild the controller with a fixed client-go; restart to release the memory.',
  thresholdsNote:
    'A process with a fixed set of informers has a fixed set of reflector metrics, a few kilobytes each. Flagged when Prometheus allocations under NewNamedReflector hold 5% or more of the in-use heap.',
  confidence: 'inferred',
  severity: 'medium',
};

export const listenerBacklog: KnownBug = {
  id: 'CG-LISTENER-BACKLOG',
  title: 'Informer notifications pile up behind a slow event handler',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      under: [oneOf('k8s.io/client-go/tools/cache.(*processorListener).pop')],
      all: [
        {
          pattern: { regex: '^k8s\\.io/(?:utils|client-go/util)/buffer\\.\\(\\*(?:Typed)?RingGrowing(?:\\[[^\\]]*\\])?\\)\\.' },
          minCumShare: 0.05,
          label: 'pending notifications buffered for a listener (RingGrowing)',
        },
      ],
      // The initial buffers of a few dozen listeners alone can reach 5% of a tiny heap.
      minTotal: 64 * 1024 * 1024,
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'all versions (by design)',
    fixedText: 'not fixed',
  },
  references: kk(121474, 137314, 129160),
  explanation:
    'A shared informer delivers every change to each registered handler through a buffer that grows without limit, so that a slow handler never blocks the others. If a handler falls behind, its buffer keeps every pending notification, and the objects they point to, until the process runs out of memory. The heap shows the growing ring buffer under processorListener.pop.',
  remedy:
    'Make the slow event handler fast (handlers should only enqueue keys and return), or split heavy work out to workers; watch fewer objects with that informer (label or field selectors).',
  thresholdsNote:
    'Each listener starts with a buffer of 1,024 entries (16 KiB) and a healthy handler keeps it near empty. Flagged when listener buffers hold 5% or more of an in-use heap of 64 MiB or more.',
  confidence: 'verified',
  // Ends in an out-of-memory kill of the component once a handler falls behind.
  severity: 'high',
};

export const http2DeadConnection: KnownBug = {
  id: 'CG-H2-DEADCONN',
  title: 'Requests parked on a dead HTTP/2 connection for about 15 minutes',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [
        {
          regex: '^golang\\.org/x/net/http2\\.\\(\\*ClientConn\\)\\.(?:RoundTrip|roundTrip)$|^net/http\\.\\(\\*http2ClientConn\\)\\.(?:RoundTrip|roundTrip)$',
        },
      ],
      states: ['select'],
      // No count without wait times: requests in RoundTrip are ordinary traffic.
      thresholds: { minGoroutines: 10, minWaitMinutes: 5 },
    },
  ],
  versions: {
    affected: [
      ['1.0.0', '1.18.17'],
      ['1.19.0', '1.19.4'],
    ],
    fixed: ['1.18.18', '1.19.5', '1.20.0'],
    affectedText: '1.18.17, 1.19.4 and earlier',
    fixedText: '1.18.18, 1.19.5, 1.20.0 (HTTP/2 health checks in client-go)',
  },
  references: kk(87615, 92164, 95981, 121793),
  explanation:
    'client-go multiplexes requests over one HTTP/2 connection per server. When that connection silently died (a load balancer or NAT dropped it), nothing noticed until the kernel gave up on it, about 15 minutes later, and every request sent meanwhile waited for a response that could not come. The dump shows requests waiting for response headers in the HTTP/2 client for minutes.',
  remedy:
    'Upgrade client-go (1.18.18, 1.19.5, 1.20.0 or later send HTTP/2 pings and drop dead connections); meanwhile lower tcp_retries2 on the host or restart the component.',
  thresholdsNote:
    'A request waits in RoundTrip only until response headers arrive, which an apiserver sends at once even for watches. Flagged when 10 or more requests have waited there 5 minutes or more; a dump without wait times cannot tell this from normal traffic: it is not matched, and the findings say that format cannot decide.',
  confidence: 'inferred',
  // A weak signal: other slow servers look the same, so it informs rather than alarms.
  severity: 'medium',
};

export const clientEntries: KnownBug[] = [
  streamWatcherReceive,
  waitPollerLeak,
  eventRecorderPileUp,
  workqueueRetention,
  reflectorMetricsLeak,
  listenerBacklog,
  http2DeadConnection,
];
