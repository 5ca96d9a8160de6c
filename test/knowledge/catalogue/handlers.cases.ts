// Cases for the handler-chain entries (src/knowledge/catalogue/apiserverHandlers.ts).
import { background, cpuProfile, debug1, debug2, healthySamples, heapProfile, parked, vendored, type Goroutines, type Sample } from './build';
import type { SignatureCase } from './cases';
import { handlerChain, restCall, timeoutHandler } from './stacks';

const MB = 1024 * 1024;
const S = 1_000_000_000;

const webhook = 'k8s.io/apiserver/pkg/admission/plugin/webhook';

function mutatingCalls(n: number): Goroutines {
  return {
    n,
    state: 'select',
    stack: [
      ...parked.select,
      ...restCall,
      `${webhook}/mutating.(*mutatingDispatcher).callAttrMutatingHook`,
      `${webhook}/mutating.(*mutatingDispatcher).Dispatch`,
      `${webhook}/generic.(*Webhook).Dispatch`,
      'k8s.io/apiserver/pkg/admission.chainAdmissionHandler.Admit',
      'k8s.io/apiserver/pkg/endpoints/handlers.createHandler.func1',
      ...handlerChain,
    ],
    createdBy: timeoutHandler,
  };
}

function validatingCalls(n: number): Goroutines {
  return {
    n,
    state: 'select',
    stack: [...parked.select, ...restCall, `${webhook}/validating.(*validatingDispatcher).callHook`, `${webhook}/validating.(*validatingDispatcher).Dispatch.func1`],
    createdBy: `${webhook}/validating.(*validatingDispatcher).Dispatch`,
  };
}

const ownRequests: Goroutines = { n: 1100, state: 'select', stack: [...parked.select, ...restCall, 'main.(*controller).sync', 'main.(*controller).worker'] };

const tokenWebhookCalls: Goroutines = {
  n: 1000,
  state: 'select',
  stack: [
    ...parked.select,
    ...restCall,
    'k8s.io/client-go/kubernetes/typed/authentication/v1beta1.(*tokenReviews).Create',
    'k8s.io/apiserver/plugin/pkg/authenticator/token/webhook.(*WebhookTokenAuthenticator).AuthenticateToken.func1',
    'k8s.io/apimachinery/pkg/util/wait.ExponentialBackoff',
    'k8s.io/apiserver/plugin/pkg/authenticator/token/webhook.(*WebhookTokenAuthenticator).AuthenticateToken',
    'k8s.io/apiserver/pkg/authentication/token/cache.(*cachedTokenAuthenticator).AuthenticateToken',
  ],
};

const admission: SignatureCase = {
  id: 'KAS-ADMISSION-NOCTX',
  signature: 0,
  positive: { dump: debug2([mutatingCalls(700), validatingCalls(400), ...background(150)]) },
  expect: { goroutines: 1100 },
  negatives: [
    ['900 webhook calls, within what the in-flight limits explain', { dump: debug2([mutatingCalls(500), validatingCalls(400), ...background(150)]) }],
    ['REST calls that are not webhook calls', { dump: debug2([ownRequests]) }],
  ],
  variants: [
    ['with the vendored prefix (1.13)', { dump: debug2([mutatingCalls(700), validatingCalls(400)], { vendor: true }) }, { goroutines: 1100 }],
    ['authentication webhook calls (1.16)', { dump: debug2([tokenWebhookCalls]) }, { goroutines: 1000 }],
    ['in a debug=1 dump', { dump: debug1([mutatingCalls(700), validatingCalls(400)]) }, { goroutines: 1100 }],
  ],
};

const cached = 'k8s.io/apiserver/pkg/authentication/token/cache.(*cachedTokenAuthenticator)';
const requestAuth = ['k8s.io/apiserver/pkg/authentication/request/bearertoken.(*Authenticator).AuthenticateRequest', 'k8s.io/apiserver/pkg/endpoints/filters.WithAuthentication.func1'];

function ownLookups(n: number): Goroutines {
  return {
    n,
    state: 'select',
    stack: [
      ...parked.select,
      ...restCall,
      'k8s.io/client-go/kubernetes/typed/core/v1.(*secrets).Get',
      'k8s.io/kubernetes/pkg/serviceaccount.(*legacyValidator).Validate',
      'k8s.io/kubernetes/pkg/serviceaccount.(*jwtTokenAuthenticator).AuthenticateToken',
      'k8s.io/apiserver/pkg/authentication/token/union.(*unionAuthTokenHandler).AuthenticateToken',
      `${cached}.AuthenticateToken`,
      ...requestAuth,
    ],
  };
}

/** 1.18+: requests wait for one shared lookup, which runs in its own goroutine. */
const sharedLookup: Goroutines[] = [
  { n: 300, state: 'select', stack: [...parked.select, `${cached}.doAuthenticateToken`, `${cached}.AuthenticateToken`, ...requestAuth] },
  {
    n: 1,
    state: 'select',
    stack: [
      ...parked.select,
      ...restCall,
      'k8s.io/kubernetes/pkg/serviceaccount.(*jwtTokenAuthenticator).AuthenticateToken',
      'k8s.io/apiserver/pkg/authentication/token/union.(*unionAuthTokenHandler).AuthenticateToken',
      `${cached}.doAuthenticateToken.func1`,
      'golang.org/x/sync/singleflight.(*Group).doCall',
    ],
    createdBy: 'golang.org/x/sync/singleflight.(*Group).DoChan',
  },
];

const tokenCache: SignatureCase = {
  id: 'KAS-TOKENCACHE',
  signature: 0,
  positive: { dump: debug2([ownLookups(150), ...background(150)]) },
  expect: { goroutines: 150 },
  negatives: [
    ['99 lookups at once', { dump: debug2([ownLookups(99), ...background(150)]) }],
    ['1.18+: requests waiting on one shared lookup', { dump: debug2([...sharedLookup, ...background(150)]) }],
  ],
  variants: [
    ['with the vendored prefix', { dump: debug2([ownLookups(150)], { vendor: true }) }, { goroutines: 150 }],
    ['lookups through the token webhook', { dump: debug2([{ ...tokenWebhookCalls, n: 120 }]) }, { goroutines: 120 }],
  ],
};

function auditBatches(n: number, closure = 'func1'): Goroutines {
  return {
    n,
    state: 'select',
    stack: [
      ...parked.select,
      ...restCall,
      'k8s.io/apiserver/pkg/util/webhook.(*GenericWebhook).WithExponentialBackoff.func1',
      'k8s.io/apiserver/pkg/util/webhook.WithExponentialBackoff',
      'k8s.io/apiserver/plugin/pkg/audit/webhook.(*backend).processEvents',
      'k8s.io/apiserver/plugin/pkg/audit/webhook.(*backend).ProcessEvents',
      `k8s.io/apiserver/plugin/pkg/audit/buffered.(*bufferedBackend).processEvents.${closure}`,
    ],
    createdBy: 'k8s.io/apiserver/plugin/pkg/audit/buffered.(*bufferedBackend).processEvents',
  };
}

const audit: SignatureCase = {
  id: 'KAS-AUDIT-WEBHOOK',
  signature: 0,
  positive: { dump: debug2([auditBatches(150), ...background(150)]) },
  expect: { goroutines: 150 },
  negatives: [['99 batches in flight', { dump: debug2([auditBatches(99), ...background(150)]) }]],
  variants: [
    ['with the vendored prefix and another closure number', { dump: debug2([auditBatches(150, 'func2')], { vendor: true }) }, { goroutines: 150 }],
    ['in a debug=1 dump', { dump: debug1([auditBatches(150)]) }, { goroutines: 150 }],
  ],
};

function errorConvoy(n: number, state: string, fn = 'OnError'): Goroutines {
  const runtime = state === 'sleep' ? parked.sleep : parked.mutex;
  return {
    n,
    state,
    stack: [
      ...runtime,
      `k8s.io/apimachinery/pkg/util/runtime.(*rudimentaryErrorBackoff).${fn}`,
      'k8s.io/apimachinery/pkg/util/runtime.HandleError',
      'golang.org/x/net/http2.(*serverConn).resetStream',
      'golang.org/x/net/http2.(*serverConn).serve',
    ],
  };
}

const h2Reset: SignatureCase = {
  id: 'KAS-H2-RESET',
  signature: 0,
  positive: { dump: debug2([errorConvoy(500, 'sync.Mutex.Lock'), errorConvoy(1, 'sleep'), ...background(150)]) },
  expect: { goroutines: 500 },
  negatives: [
    ['150 waiting on the mutex', { dump: debug2([errorConvoy(150, 'sync.Mutex.Lock'), ...background(150)]) }],
    ['after the fix: callers sleep without the lock', { dump: debug2([errorConvoy(500, 'sleep')]) }],
  ],
  variants: [
    ['on Go before 1.20 (semacquire), vendored', { dump: debug2([errorConvoy(500, 'semacquire')], { vendor: true }) }, { goroutines: 500 }],
    ['with the unexported onError', { dump: debug2([errorConvoy(300, 'sync.Mutex.Lock', 'onError')]) }, { goroutines: 300 }],
    ['200 in a debug=1 dump', { dump: debug1([errorConvoy(200, 'sync.Mutex.Lock')]) }, { goroutines: 200 }],
  ],
};

function listWriters(n: number, minutes: (i: number) => number, opts: { handler?: string; flowControl?: string[]; write?: string } = {}): Goroutines {
  return {
    n,
    state: 'select',
    minutes,
    stack: [
      ...parked.select,
      opts.write ?? 'golang.org/x/net/http2.(*serverConn).writeDataFromHandler',
      'golang.org/x/net/http2.(*responseWriterState).writeChunk',
      'golang.org/x/net/http2.chunkWriter.Write',
      'bufio.(*Writer).Write',
      'golang.org/x/net/http2.(*responseWriter).Write',
      'k8s.io/apiserver/pkg/server/filters.(*baseTimeoutWriter).Write',
      'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.(*deferredResponseWriter).Write',
      'k8s.io/apimachinery/pkg/runtime/serializer/protobuf.(*Serializer).doEncode',
      'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.SerializeObject',
      'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.WriteObjectNegotiated',
      'k8s.io/apiserver/pkg/endpoints/handlers.transformResponseObject',
      opts.handler ?? 'k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1',
      ...(opts.flowControl ?? [
        'k8s.io/apiserver/pkg/util/flowcontrol.(*configController).Handle.func2',
        'k8s.io/apiserver/pkg/util/flowcontrol.(*configController).Handle',
        'k8s.io/apiserver/pkg/server/filters.(*priorityAndFairnessHandler).Handle',
      ]),
      ...handlerChain,
    ],
    createdBy: timeoutHandler,
  };
}

const slowReaders = [listWriters(12, (i) => 2 + i), listWriters(20, () => 0), ...background(150)];

const apfSlowRead: SignatureCase = {
  id: 'KAS-APF-SLOWREAD',
  signature: 0,
  positive: { dump: debug2(slowReaders) },
  expect: { goroutines: 32 },
  negatives: [
    ['only 9 stalled a minute or more', { dump: debug2([listWriters(9, () => 5), listWriters(20, () => 0)]) }],
    ['clients that read: 99 writers, each woken under a minute ago (below the count that decides without waits; 100 would be an early finding)', { dump: debug2([listWriters(99, () => 0)]) }],
    ['stalled GETs, not LISTs', { dump: debug2([listWriters(30, () => 5, { handler: 'k8s.io/apiserver/pkg/endpoints/handlers.GetResource.func1' })]) }],
    ['stalled LISTs without flow control (max-inflight filter)', { dump: debug2([listWriters(30, () => 5, { flowControl: ['k8s.io/apiserver/pkg/server/filters.WithMaxInFlightLimit.func1'] })]) }],
  ],
  variants: [
    ['with the vendored prefix and the older filter closure', { dump: debug2([listWriters(12, () => 3, { flowControl: ['k8s.io/apiserver/pkg/server/filters.WithPriorityAndFairness.func2'] })], { vendor: true }) }, { goroutines: 12 }],
    ['through the HTTP/2 server bundled in net/http', { dump: debug2([listWriters(12, () => 3, { write: 'net/http.(*http2serverConn).writeDataFromHandler' })]) }, { goroutines: 12 }],
    ['100 in a debug=1 dump', { dump: debug1([listWriters(100, () => 0)]) }, { goroutines: 100 }],
  ],
};

function gzipCpu(flateS: number, writer = 'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.(*deferredResponseWriter).Write'): Sample[] {
  return [
    {
      stack: [
        'compress/flate.(*compressor).deflate',
        'compress/flate.(*compressor).write',
        'compress/flate.(*Writer).Write',
        'compress/gzip.(*Writer).Write',
        writer,
        'k8s.io/apimachinery/pkg/runtime/serializer/protobuf.(*Serializer).doEncode',
        'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.SerializeObject',
        'k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1',
      ],
      value: flateS * S,
    },
    ...healthySamples((100 - flateS) * S),
  ];
}

function gzipHeap(flateMB: number): Sample[] {
  return [
    {
      stack: ['runtime.mallocgc', 'runtime.makeslice', 'compress/flate.(*compressor).init', 'compress/flate.NewWriter', 'compress/gzip.(*Writer).Write', 'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.(*deferredResponseWriter).Write'],
      value: flateMB * MB,
    },
    ...healthySamples((1000 - flateMB) * MB),
  ];
}

const gzip: SignatureCase = {
  id: 'KAS-GZIP',
  signature: 0,
  positive: { profile: cpuProfile(gzipCpu(35)) },
  expect: { shares: [0.35] },
  negatives: [
    ['compression at 15% of the CPU', { profile: cpuProfile(gzipCpu(15)) }],
    ['compression outside the response writer (only one of the two functions)', { profile: cpuProfile(gzipCpu(35, 'main.(*reports).write')) }],
  ],
  variants: [
    ['in the allocated bytes of an allocs profile', { profile: heapProfile(gzipHeap(300), { allocs: true }) }, { shares: [0.3] }],
    ['under the compression filter (before 1.16) and vendored', { profile: cpuProfile(gzipCpu(35, 'k8s.io/apiserver/pkg/server/filters.(*compressionResponseWriter).Write').map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.35] }],
  ],
};

function yamlSamples(yaml: number, total: number, opts: { under?: string; lib?: string } = {}): Sample[] {
  const lib = opts.lib ?? 'gopkg.in/yaml.v2';
  return [
    {
      stack: [
        `${lib}.(*decoder).unmarshal`,
        `${lib}.(*decoder).alias`,
        `${lib}.(*decoder).unmarshal`,
        `${lib}.unmarshal`,
        `${lib}.Unmarshal`,
        'sigs.k8s.io/yaml.yamlToJSON',
        'sigs.k8s.io/yaml.YAMLToJSON',
        'k8s.io/apimachinery/pkg/runtime/serializer/json.(*Serializer).Decode',
        opts.under ?? 'k8s.io/apiserver/pkg/endpoints/handlers.createHandler.func1',
      ],
      value: yaml,
    },
    ...healthySamples(total - yaml),
  ];
}

const yamlBomb: SignatureCase = {
  id: 'KAS-YAML-BOMB',
  signature: 0,
  positive: { profile: cpuProfile(yamlSamples(60 * S, 100 * S)) },
  expect: { shares: [0.6] },
  negatives: [
    ['YAML at 20% of the CPU', { profile: cpuProfile(yamlSamples(20 * S, 100 * S)) }],
    ['YAML decoding outside request handling (only one of the two functions)', { profile: cpuProfile(yamlSamples(60 * S, 100 * S, { under: 'main.loadConfig' })) }],
  ],
  variants: [
    ['in the in-use heap', { profile: heapProfile(yamlSamples(700 * MB, 1000 * MB)) }, { shares: [0.7] }],
    ['vendored, with sigs.k8s.io/yaml\'s own copy of yaml.v2', { profile: cpuProfile(yamlSamples(60 * S, 100 * S, { lib: 'sigs.k8s.io/yaml/goyaml.v2' }).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.6] }],
  ],
};

function trackers(n: number, closure = 'func1'): Goroutines {
  return {
    n,
    state: 'select',
    minutes: () => 59,
    stack: [
      ...parked.select,
      'k8s.io/apimachinery/pkg/util/wait.WaitForWithContext',
      'k8s.io/apimachinery/pkg/util/wait.poll',
      'k8s.io/apimachinery/pkg/util/wait.PollUntil',
      `k8s.io/apiserver/pkg/util/flowcontrol/request.NewStorageObjectCountTracker.${closure}`,
    ],
    createdBy: 'k8s.io/apiserver/pkg/util/flowcontrol/request.NewStorageObjectCountTracker',
  };
}

const countTracker: SignatureCase = {
  id: 'KAS-STORAGE-COUNT-TRACKER',
  signature: 0,
  positive: { dump: debug2([trackers(12), ...background(150)]) },
  expect: { goroutines: 12 },
  negatives: [['the few of a normal process', { dump: debug2([trackers(3), ...background(150)]) }]],
  variants: [['with the vendored prefix and another closure number', { dump: debug2([trackers(12, 'func2')], { vendor: true }) }, { goroutines: 12 }]],
};

export const handlerCases: SignatureCase[] = [admission, tokenCache, audit, h2Reset, apfSlowRead, gzip, yamlBomb, countTracker];
