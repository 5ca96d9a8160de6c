// Cases for the request-path leaks and heap entries (apiserverRequests.ts, apiserverMemory.ts).
import { background, cpuProfile, debug1, debug2, healthySamples, heapProfile, parked, vendored, type Goroutines, type Sample } from './build';
import type { SignatureCase } from './cases';
import { timeoutHandler } from './stacks';

const MB = 1024 * 1024;
const S = 1_000_000_000;

function timedOut(n: number, minutes: (i: number) => number, opts: { site?: string[]; creator?: string } = {}): Goroutines {
  return {
    n,
    state: 'chan send',
    minutes,
    stack: [...parked.chanSend, ...(opts.site ?? [`${timeoutHandler}.func1.1`, `${timeoutHandler}.func1`])],
    createdBy: opts.creator ?? timeoutHandler,
  };
}

const timeoutLeak: SignatureCase = {
  id: 'KAS-TIMEOUT-LEAK',
  signature: 0,
  positive: { dump: debug2([timedOut(45, (i) => 1 + i * 3), ...background(150)]) },
  expect: { goroutines: 45 },
  negatives: [
    ['only 19 blocked a minute or more', { dump: debug2([timedOut(19, () => 30), timedOut(26, () => 0), ...background(150)]) }],
    ['requests finishing (under a minute)', { dump: debug2([timedOut(45, () => 0)]) }],
    ['the same send in a goroutine the timeout filter did not start', { dump: debug2([timedOut(45, () => 30, { creator: 'main.(*server).handle' })]) }],
  ],
  variants: [
    ['with the vendored prefix', { dump: debug2([timedOut(45, () => 30)], { vendor: true }) }, { goroutines: 45 }],
    ['with the send inlined into ServeHTTP.func1', { dump: debug2([timedOut(45, () => 30, { site: [`${timeoutHandler}.func1`] })]) }, { goroutines: 45 }],
    ['with the closures renumbered (func2.1)', { dump: debug2([timedOut(45, () => 30, { site: [`${timeoutHandler}.func2.1`, `${timeoutHandler}.func2`] })]) }, { goroutines: 45 }],
    ['100 in a debug=1 dump', { dump: debug1([timedOut(100, () => 0)]) }, { goroutines: 100 }],
  ],
};

const store = 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store)';

function distributors(n: number, minutes: (i: number) => number, closure = 'func1'): Goroutines {
  return { n, state: 'chan send', minutes, stack: [...parked.chanSend, `${store}.DeleteCollection.${closure}`], createdBy: `${store}.DeleteCollection` };
}

function deleteCollectionHeap(heldMB: number): Sample[] {
  return [
    {
      stack: ['runtime.mallocgc', 'k8s.io/api/core/v1.(*ConfigMap).Unmarshal', 'k8s.io/apiserver/pkg/storage/etcd3.(*store).GetToList', `${store}.ListPredicate`, `${store}.List`, `${store}.DeleteCollection`],
      value: heldMB * MB,
    },
    ...healthySamples((1000 - heldMB) * MB),
  ];
}

const deleteCollection: SignatureCase[] = [
  {
    id: 'KAS-DELCOL',
    signature: 0,
    positive: { dump: debug2([distributors(12, (i) => 261 + i * 14), ...background(150)]) },
    expect: { goroutines: 12 },
    negatives: [
      ['a few large deletions in progress (under a minute)', { dump: debug2([distributors(12, () => 0)]) }],
      ['only 9 blocked a minute or more', { dump: debug2([distributors(9, () => 300), ...background(150)]) }],
    ],
    variants: [
      ['with the vendored prefix (1.18)', { dump: debug2([distributors(12, () => 300)], { vendor: true }) }, { goroutines: 12 }],
      ['with another closure number', { dump: debug2([distributors(12, () => 300, 'func2')]) }, { goroutines: 12 }],
      ['50 in a debug=1 dump', { dump: debug1([distributors(50, () => 0)]) }, { goroutines: 50 }],
    ],
  },
  {
    id: 'KAS-DELCOL',
    signature: 1,
    positive: { profile: heapProfile(deleteCollectionHeap(600)) },
    expect: { shares: [0.6] },
    negatives: [['DeleteCollection holding 20% of the heap', { profile: heapProfile(deleteCollectionHeap(200)) }]],
    variants: [['with the vendored prefix', { profile: heapProfile(deleteCollectionHeap(600).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.6] }]],
  },
];

function bigList(buffersMB: number, objectsMB: number, opts: { grow?: string; type?: string } = {}): Sample[] {
  const list = ['k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1'];
  return [
    {
      stack: ['runtime.mallocgc', 'runtime.makeslice', opts.grow ?? 'bytes.makeSlice', 'bytes.(*Buffer).grow', 'bytes.(*Buffer).Write', 'k8s.io/apimachinery/pkg/runtime/serializer/protobuf.(*Serializer).doEncode', ...list],
      value: buffersMB * MB,
    },
    { stack: ['runtime.mallocgc', `k8s.io/api/core/v1.(*${opts.type ?? 'ConfigMap'}).Unmarshal`, 'k8s.io/apiserver/pkg/storage/etcd3.(*store).GetList', ...list], value: objectsMB * MB },
    ...healthySamples((1000 - buffersMB - objectsMB) * MB),
  ];
}

const listHeap: SignatureCase = {
  id: 'KAS-LIST-HEAP',
  signature: 0,
  positive: { profile: heapProfile(bigList(790, 95)) },
  expect: { shares: [0.79, 0.095] },
  negatives: [
    ['response buffers at 25%', { profile: heapProfile(bigList(250, 95)) }],
    ['response buffers without decoded objects (only one of the two functions)', { profile: heapProfile(bigList(790, 0)) }],
  ],
  variants: [
    ['with bytes.growSlice (newer Go) and vendored', { profile: heapProfile(bigList(790, 95, { grow: 'bytes.growSlice' }).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.79, 0.095] }],
    ['in an allocs profile, with another listed type', { profile: heapProfile(bigList(790, 95, { type: 'Secret' }), { allocs: true }) }, { shares: [0.79, 0.095] }],
  ],
};

const etcd3 = 'k8s.io/apiserver/pkg/storage/etcd3.(*store)';

function relist(responses: { recv: number; kv: number }, decoded: number, total: number, opts: { list?: string; recvUnder?: string[]; kv?: string; name?: (f: string) => string } = {}): Sample[] {
  const name = opts.name ?? ((f: string) => f);
  const listing = [opts.list ?? `${etcd3}.GetList`, 'k8s.io/apiserver/pkg/storage/cacher.(*Cacher).GetList', 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).List'];
  const get = ['go.etcd.io/etcd/client/v3.(*retryKVClient).Range', 'go.etcd.io/etcd/client/v3.(*kv).Do', 'go.etcd.io/etcd/client/v3.(*kv).Get'];
  const samples: Sample[] = [
    {
      stack: ['runtime.mallocgc', 'runtime.makeslice', 'google.golang.org/grpc.(*parser).recvMsg', 'google.golang.org/grpc.recvAndDecompress', 'google.golang.org/grpc.recv', ...(opts.recvUnder ?? [...get, ...listing])],
      value: responses.recv,
    },
    { stack: ['runtime.mallocgc', 'runtime.makeslice', opts.kv ?? 'go.etcd.io/etcd/api/v3/mvccpb.(*KeyValue).Unmarshal', 'go.etcd.io/etcd/api/v3/etcdserverpb.(*RangeResponse).Unmarshal', ...get, ...listing], value: responses.kv },
    { stack: ['runtime.mallocgc', 'k8s.io/api/core/v1.(*Pod).Unmarshal', 'k8s.io/apiserver/pkg/storage/etcd3.decode', ...listing], value: decoded },
    ...healthySamples(total - responses.recv - responses.kv - decoded),
  ];
  return samples.map((s) => ({ ...s, stack: s.stack.map(name) }));
}

const relistStorm: SignatureCase = {
  id: 'KAS-RELIST-STORM',
  signature: 0,
  positive: { profile: heapProfile(relist({ recv: 200 * MB, kv: 100 * MB }, 150 * MB, 1000 * MB)) },
  expect: { shares: [0.45, 0.3] },
  negatives: [
    ['lists from etcd at 20%', { profile: heapProfile(relist({ recv: 60 * MB, kv: 40 * MB }, 100 * MB, 1000 * MB)) }],
    ['lists from etcd without their etcd responses at 10%', { profile: heapProfile(relist({ recv: 30 * MB, kv: 20 * MB }, 400 * MB, 1000 * MB)) }],
    [
      'etcd responses received for watches, not lists (only one of the two functions)',
      { profile: heapProfile(relist({ recv: 300 * MB, kv: 0 }, 350 * MB, 1000 * MB, { recvUnder: ['go.etcd.io/etcd/client/v3.(*watchGrpcStream).run'] })) },
    ],
  ],
  variants: [
    ['in a CPU profile', { profile: cpuProfile(relist({ recv: 20 * S, kv: 15 * S }, 20 * S, 100 * S)) }, { shares: [0.55, 0.35] }],
    [
      'in 1.18: List, etcd 3.4 packages, vendored',
      { profile: heapProfile(relist({ recv: 200 * MB, kv: 100 * MB }, 150 * MB, 1000 * MB, { list: `${etcd3}.List`, kv: 'go.etcd.io/etcd/mvcc/mvccpb.(*KeyValue).Unmarshal', name: vendored })) },
      { shares: [0.45, 0.3] },
    ],
  ],
};

const factory = 'k8s.io/apiserver/pkg/storage/storagebackend/factory';

function loggers(zapMB: number, under = [`${factory}.newETCD3Client`, `${factory}.newETCD3Storage`, `${factory}.Create`]): Sample[] {
  return [
    {
      stack: [
        'runtime.mallocgc',
        'runtime.makeslice',
        'go.uber.org/zap/zapcore.newCounters',
        'go.uber.org/zap/zapcore.NewSamplerWithOptions',
        'go.uber.org/zap.Config.Build',
        'go.etcd.io/etcd/client/pkg/v3/logutil.CreateDefaultZapLogger',
        'go.etcd.io/etcd/client/v3.newClient',
        'go.etcd.io/etcd/client/v3.New',
        ...under,
      ],
      value: zapMB * MB,
    },
    ...healthySamples((1000 - zapMB) * MB),
  ];
}

const etcdLogger: SignatureCase = {
  id: 'KAS-ETCD-LOGGER',
  signature: 0,
  positive: { profile: heapProfile(loggers(200)) },
  expect: { shares: [0.2] },
  negatives: [
    ['loggers at 5% of the heap', { profile: heapProfile(loggers(50)) }],
    ['zap allocations of the apiserver\'s own logging (only one of the two functions)', { profile: heapProfile(loggers(200, ['k8s.io/component-base/logs/json.NewJSONLogger'])) }],
  ],
  variants: [['with the vendored prefix', { profile: heapProfile(loggers(200).map((s) => ({ ...s, stack: s.stack.map(vendored) }))) }, { shares: [0.2] }]],
};

function instruments(heldMB: number, creator = 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp.(*Transport).createMeasures'): Sample[] {
  const above = [creator, 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp.NewTransport', 'k8s.io/component-base/tracing.WrapperFor.func1', 'k8s.io/client-go/transport.HTTPWrappersForConfig'];
  return [
    { stack: ['runtime.mallocgc', 'runtime.newobject', 'go.opentelemetry.io/otel/internal/global.(*meter).Int64Counter', ...above], value: (heldMB * 3) / 5 * MB },
    { stack: ['runtime.mallocgc', 'runtime.newobject', 'go.opentelemetry.io/otel/internal/global.(*meter).Float64Histogram', ...above], value: (heldMB * 2) / 5 * MB },
    ...healthySamples((1000 - heldMB) * MB),
  ];
}

const otelMeter: SignatureCase = {
  id: 'KAS-OTEL-METER',
  signature: 0,
  positive: { profile: heapProfile(instruments(100)) },
  expect: { shares: [0.1] },
  negatives: [
    ['instruments at 3% of the heap', { profile: heapProfile(instruments(30)) }],
    ['instruments the process creates once, outside otelhttp (only one of the two functions)', { profile: heapProfile(instruments(100, 'main.initMetrics')) }],
  ],
  variants: [['in an allocs profile', { profile: heapProfile(instruments(100), { allocs: true }) }, { shares: [0.1] }]],
};

export const memoryCases: SignatureCase[] = [timeoutLeak, ...deleteCollection, listHeap, relistStorm, etcdLogger, otelMeter];
