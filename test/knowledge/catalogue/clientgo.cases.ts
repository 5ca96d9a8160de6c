// Cases for the client-go / apimachinery entries (clientgo.ts) and the kubelet's (kubelet.ts).
import { background, debug1, debug2, healthySamples, heapProfile, parked, vendored, type Goroutines, type Sample } from './build';
import type { SignatureCase } from './cases';
import { restCall } from './stacks';

const MB = 1024 * 1024;

function receivers(n: number, state: string, minutes: (i: number) => number): Goroutines {
  return {
    n,
    state,
    minutes,
    stack: [...(state === 'chan send' ? parked.chanSend : parked.select), 'k8s.io/apimachinery/pkg/watch.(*StreamWatcher).receive'],
    createdBy: 'k8s.io/apimachinery/pkg/watch.NewStreamWatcher',
  };
}

const streamWatcher: SignatureCase = {
  id: 'AM-STREAMWATCHER',
  signature: 0,
  positive: { dump: debug2([receivers(20, 'chan send', (i) => 5 + i * 11), ...background(150)]) },
  expect: { goroutines: 20 },
  negatives: [
    ['blocked under 5 minutes', { dump: debug2([receivers(20, 'chan send', (i) => i % 5)]) }],
    ['only 9 blocked 5 minutes or more', { dump: debug2([receivers(9, 'chan send', () => 50), receivers(11, 'chan send', () => 0), ...background(150)]) }],
    ['1.21+ waits in select and returns on Stop', { dump: debug2([receivers(20, 'select', () => 60)]) }],
  ],
  variants: [
    ['with the vendored prefix', { dump: debug2([receivers(20, 'chan send', () => 60)], { vendor: true }) }, { goroutines: 20 }],
    ['100 in a debug=1 dump', { dump: debug1([receivers(100, 'chan send', () => 0)]) }, { goroutines: 100 }],
  ],
};

function pollers(n: number, closure = 'func1.1'): Goroutines {
  return {
    n,
    state: 'select',
    minutes: () => 0,
    stack: [...parked.select, `k8s.io/apimachinery/pkg/util/wait.poller.${closure}`],
    createdBy: `k8s.io/apimachinery/pkg/util/wait.poller.${closure.split('.')[0]}`,
  };
}

const waitPoller: SignatureCase = {
  id: 'AM-WAIT-POLLER',
  signature: 0,
  positive: { dump: debug2([pollers(150), ...background(150)]) },
  expect: { goroutines: 150 },
  negatives: [['99 polls in progress', { dump: debug2([pollers(99), ...background(150)]) }]],
  variants: [
    ['with the vendored prefix and another closure number', { dump: debug2([pollers(150, 'func2.1')], { vendor: true }) }, { goroutines: 150 }],
    ['in a debug=1 dump', { dump: debug1([pollers(100)]) }, { goroutines: 100 }],
  ],
};

function recorders(n: number, closure = 'func1'): Goroutines {
  return {
    n,
    state: 'chan send',
    minutes: (i) => i % 10,
    stack: [...parked.chanSend, 'k8s.io/apimachinery/pkg/watch.(*Broadcaster).Action', `k8s.io/client-go/tools/record.(*recorder).generateEvent.${closure}`],
    createdBy: 'k8s.io/client-go/tools/record.(*recorder).generateEvent',
  };
}

function sinks(n: number, closure = 'func1'): Goroutines {
  return {
    n,
    state: 'select',
    stack: [
      ...parked.select,
      ...restCall,
      'k8s.io/client-go/kubernetes/typed/events/v1.(*events).Create',
      'k8s.io/client-go/tools/events.(*EventSinkImpl).Create',
      'k8s.io/client-go/tools/events.recordEvent',
      'k8s.io/client-go/tools/events.(*eventBroadcasterImpl).attemptRecording',
      `k8s.io/client-go/tools/events.(*eventBroadcasterImpl).recordToSink.${closure}`,
    ],
    createdBy: 'k8s.io/client-go/tools/events.(*eventBroadcasterImpl).recordToSink',
  };
}

const events: SignatureCase[] = [
  {
    id: 'CG-EVENTS',
    signature: 0,
    positive: { dump: debug2([recorders(300), ...background(150)]) },
    expect: { goroutines: 300 },
    negatives: [['99 events being handed over', { dump: debug2([recorders(99), ...background(150)]) }]],
    variants: [['with the vendored prefix and another closure number', { dump: debug2([recorders(300, 'func2')], { vendor: true }) }, { goroutines: 300 }]],
  },
  {
    id: 'CG-EVENTS',
    signature: 1,
    positive: { dump: debug2([sinks(200), ...background(150)]) },
    expect: { goroutines: 200 },
    negatives: [['99 events being written', { dump: debug2([sinks(99), ...background(150)]) }]],
    variants: [
      ['with the vendored prefix', { dump: debug2([sinks(200)], { vendor: true }) }, { goroutines: 200 }],
      ['with another closure number, in a debug=1 dump', { dump: debug1([sinks(200, 'func2')]) }, { goroutines: 200 }],
    ],
  },
];

const workqueue = 'k8s.io/client-go/util/workqueue';

function timers(heldMB: number): Sample[] {
  return [
    {
      stack: ['runtime.mallocgc', 'runtime.newobject', 'time.NewTimer', 'time.After', 'k8s.io/apimachinery/pkg/util/clock.RealClock.After', `${workqueue}.(*delayingType).waitingLoop`],
      value: heldMB * MB,
    },
    ...healthySamples((1000 - heldMB) * MB),
  ];
}

function queueArray(heldMB: number, add = `${workqueue}.(*Type).Add`): Sample[] {
  return [
    { stack: ['runtime.mallocgc', 'runtime.growslice', add, 'main.(*controller).enqueue', 'k8s.io/client-go/tools/cache.ResourceEventHandlerFuncs.OnUpdate'], value: heldMB * MB },
    ...healthySamples((1000 - heldMB) * MB),
  ];
}

const workqueueCases: SignatureCase[] = [
  {
    id: 'CG-WORKQUEUE',
    signature: 0,
    positive: { profile: heapProfile(timers(80)) },
    expect: { shares: [0.08] },
    negatives: [['timers at 4% of the heap', { profile: heapProfile(timers(40)) }]],
    variants: [['with the vendored prefix', { profile: heapProfile(timers(80).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.08] }]],
  },
  {
    id: 'CG-WORKQUEUE',
    signature: 1,
    positive: { profile: heapProfile(queueArray(100)) },
    expect: { shares: [0.1] },
    negatives: [['the queue array at 3% of the heap', { profile: heapProfile(queueArray(30)) }]],
    variants: [['as the generic Typed queue (1.31+)', { profile: heapProfile(queueArray(100, `${workqueue}.(*Typed[...]).Add`)) }, { shares: [0.1] }]],
  },
];

function reflectorMetrics(heldMB: number, under = ['k8s.io/client-go/tools/cache.NewNamedReflector', 'k8s.io/client-go/tools/cache.NewReflector', 'k8s.io/client-go/tools/cache.New']): Sample[] {
  return [
    {
      stack: [
        'runtime.mallocgc',
        'runtime.makeslice',
        'github.com/prometheus/client_golang/prometheus.newSummary',
        'github.com/prometheus/client_golang/prometheus.NewSummary',
        'k8s.io/kubernetes/pkg/util/reflector/prometheus.prometheusMetricsProvider.NewListDurationMetric',
        'k8s.io/client-go/tools/cache.newReflectorMetrics',
        ...under,
      ],
      value: heldMB * MB,
    },
    ...healthySamples((1000 - heldMB) * MB),
  ];
}

const reflector: SignatureCase = {
  id: 'CG-REFLECTOR-METRICS',
  signature: 0,
  positive: { profile: heapProfile(reflectorMetrics(120)) },
  expect: { shares: [0.12] },
  negatives: [
    ['reflector metrics at 4% of the heap', { profile: heapProfile(reflectorMetrics(40)) }],
    ['Prometheus metrics registered elsewhere (only one of the two functions)', { profile: heapProfile(reflectorMetrics(120, ['main.registerMetrics'])) }],
  ],
  variants: [['with the vendored prefix (1.12)', { profile: heapProfile(reflectorMetrics(120).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.12] }]],
};

function ringBuffers(heldMB: number, totalMB: number, opts: { write?: string; under?: string } = {}): Sample[] {
  return [
    {
      stack: ['runtime.mallocgc', 'runtime.makeslice', opts.write ?? 'k8s.io/utils/buffer.(*RingGrowing).WriteOne', opts.under ?? 'k8s.io/client-go/tools/cache.(*processorListener).pop', 'k8s.io/apimachinery/pkg/util/wait.(*Group).Start.func1'],
      value: heldMB * MB,
    },
    ...healthySamples((totalMB - heldMB) * MB),
  ];
}

const listener: SignatureCase = {
  id: 'CG-LISTENER-BACKLOG',
  signature: 0,
  positive: { profile: heapProfile(ringBuffers(200, 1000)) },
  expect: { shares: [0.2] },
  negatives: [
    ['listener buffers at 3% of the heap', { profile: heapProfile(ringBuffers(30, 1000)) }],
    ['a 10 MiB heap, however large the buffers\' share', { profile: heapProfile(ringBuffers(2, 10)) }],
    ['a ring buffer used elsewhere (only one of the two functions)', { profile: heapProfile(ringBuffers(200, 1000, { under: 'main.(*queue).push' })) }],
  ],
  variants: [
    ['as the generic TypedRingGrowing', { profile: heapProfile(ringBuffers(200, 1000, { write: 'k8s.io/utils/buffer.(*TypedRingGrowing[...]).WriteOne' })) }, { shares: [0.2] }],
    ['in client-go\'s older util/buffer, vendored', { profile: heapProfile(ringBuffers(200, 1000, { write: 'k8s.io/client-go/util/buffer.(*RingGrowing).WriteOne' }).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.2] }],
  ],
};

function parkedRequests(n: number, minutes: (i: number) => number, roundTrip = 'golang.org/x/net/http2.(*ClientConn).RoundTrip'): Goroutines {
  return {
    n,
    state: 'select',
    minutes,
    stack: [
      ...parked.select,
      roundTrip,
      'golang.org/x/net/http2.(*Transport).RoundTripOpt',
      'golang.org/x/net/http2.(*Transport).RoundTrip',
      'net/http.(*Transport).roundTrip',
      'net/http.(*Transport).RoundTrip',
      'net/http.send',
      'net/http.(*Client).do',
      'net/http.(*Client).Do',
      'k8s.io/client-go/rest.(*Request).request',
      'k8s.io/client-go/rest.(*Request).Do',
      'main.(*controller).sync',
    ],
  };
}

const deadConnection = [parkedRequests(15, (i) => 5 + (i % 10)), parkedRequests(100, () => 0), ...background(150)];

const h2DeadConn: SignatureCase = {
  id: 'CG-H2-DEADCONN',
  signature: 0,
  positive: { dump: debug2(deadConnection) },
  expect: { goroutines: 115 },
  negatives: [
    ['only 9 parked 5 minutes or more', { dump: debug2([parkedRequests(9, () => 14), parkedRequests(100, () => 0)]) }],
    ['slow responses, under 5 minutes', { dump: debug2([parkedRequests(50, (i) => i % 5)]) }],
    ['a debug=1 dump cannot tell parked from in-flight', { dump: debug1(deadConnection) }],
  ],
  variants: [
    ['with the vendored prefix', { dump: debug2(deadConnection, { vendor: true }) }, { goroutines: 115 }],
    ['through the HTTP/2 client bundled in net/http', { dump: debug2([parkedRequests(15, () => 15, 'net/http.(*http2ClientConn).roundTrip')]) }, { goroutines: 15 }],
  ],
};

function inotify(heldMB: number): Sample[] {
  return [
    {
      stack: ['runtime.mallocgc', 'runtime.mapassign_faststr', 'k8s.io/utils/inotify.(*Watcher).AddWatch', 'github.com/google/cadvisor/container/common.(*InotifyWatcher).AddWatch', 'github.com/google/cadvisor/container/raw.(*rawContainerWatcher).watchDirectory'],
      value: heldMB * MB,
    },
    ...healthySamples((1000 - heldMB) * MB),
  ];
}

const inotifyCase: SignatureCase = {
  id: 'KUBELET-INOTIFY',
  signature: 0,
  positive: { profile: heapProfile(inotify(80)) },
  expect: { shares: [0.08] },
  negatives: [['inotify bookkeeping at 2% of the heap', { profile: heapProfile(inotify(20)) }]],
  variants: [['with the vendored prefix', { profile: heapProfile(inotify(80).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.08] }]],
};

export const clientCases: SignatureCase[] = [streamWatcher, waitPoller, ...events, ...workqueueCases, reflector, listener, h2DeadConn, inotifyCase];
