// Cases for the aggregator, egress and proxy entries (src/knowledge/catalogue/aggregator.ts).
import { background, cpuProfile, debug1, debug2, healthySamples, heapProfile, parked, vendored, type Goroutines, type Sample } from './build';
import type { SignatureCase } from './cases';

const MB = 1024 * 1024;
const S = 1_000_000_000;

const status = 'k8s.io/kube-aggregator/pkg/controllers/status.(*AvailableConditionController)';

function probes(n: number, minutes: (i: number) => number, opts: { site?: string; creator?: string; state?: string } = {}): Goroutines {
  const state = opts.state ?? 'chan send';
  return {
    n,
    state,
    minutes,
    stack: [...(state === 'chan send' ? parked.chanSend : parked.select), opts.site ?? `${status}.sync.func1.1`],
    createdBy: opts.creator ?? `${status}.sync.func1`,
  };
}

const availability: SignatureCase = {
  id: 'KAG-AVAIL-ERRCH',
  signature: 0,
  positive: { dump: debug2([probes(30, (i) => 1 + i), ...background(150)]) },
  expect: { goroutines: 30 },
  negatives: [
    ['only 9 blocked a minute or more', { dump: debug2([probes(9, () => 4), probes(21, () => 0), ...background(150)]) }],
    ['probes reporting within the timeout (under a minute)', { dump: debug2([probes(30, () => 0)]) }],
    ['the probe loop waiting for results (select)', { dump: debug2([probes(30, () => 10, { state: 'select', site: `${status}.sync.func1`, creator: `${status}.sync` })]) }],
  ],
  variants: [
    ['as sync.func1 created by sync (up to 1.13), vendored', { dump: debug2([probes(30, () => 90, { site: `${status}.sync.func1`, creator: `${status}.sync` })], { vendor: true }) }, { goroutines: 30 }],
    ['with the closures renumbered (sync.func2.1)', { dump: debug2([probes(30, () => 90, { site: `${status}.sync.func2.1`, creator: `${status}.sync.func2` })]) }, { goroutines: 30 }],
    ['50 in a debug=1 dump', { dump: debug1([probes(50, () => 0)]) }, { goroutines: 50 }],
  ],
};

function openAPISamples(rebuild: number, total: number): Sample[] {
  return [
    {
      stack: [
        'encoding/json.(*encodeState).marshal',
        'encoding/json.Marshal',
        'k8s.io/kube-openapi/pkg/handler.(*OpenAPIService).UpdateSpec',
        'k8s.io/apiextensions-apiserver/pkg/controller/openapi.(*Controller).updateSpecLocked',
        'k8s.io/apiextensions-apiserver/pkg/controller/openapi.(*Controller).sync',
      ],
      value: (rebuild * 3) / 4,
    },
    {
      stack: ['k8s.io/kube-openapi/pkg/builder.MergeSpecs', 'k8s.io/apiextensions-apiserver/pkg/controller/openapi.(*Controller).updateSpecLocked', 'k8s.io/apiextensions-apiserver/pkg/controller/openapi.(*Controller).sync'],
      value: rebuild / 4,
    },
    ...healthySamples(total - rebuild),
  ];
}

const openAPI: SignatureCase = {
  id: 'KAS-OPENAPI-CRD',
  signature: 0,
  positive: { profile: cpuProfile(openAPISamples(40 * S, 100 * S)) },
  expect: { shares: [0.4] },
  negatives: [['rebuilds at 15% of the CPU', { profile: cpuProfile(openAPISamples(15 * S, 100 * S)) }]],
  variants: [
    ['in the allocated bytes of a heap profile', { profile: heapProfile(openAPISamples(400 * MB, 1000 * MB)) }, { shares: [0.4] }],
    [
      'in the aggregator, vendored',
      {
        profile: cpuProfile([
          { stack: ['k8s.io/kube-openapi/pkg/handler.(*OpenAPIService).UpdateSpec', 'k8s.io/kube-aggregator/pkg/controllers/openapi/aggregator.(*specAggregator).updateOpenAPISpec'].map(vendored), value: 25 * S },
          ...healthySamples(75 * S),
        ]),
      },
      { shares: [0.25] },
    ],
  ],
};

function tunnels(n: number): Goroutines {
  return {
    n,
    state: 'select',
    minutes: (i) => i % 240,
    stack: [
      ...parked.select,
      'google.golang.org/grpc/internal/transport.(*recvBufferReader).read',
      'google.golang.org/grpc/internal/transport.(*Stream).Read',
      'google.golang.org/grpc.(*parser).recvMsg',
      'google.golang.org/grpc.(*clientStream).RecvMsg',
      'sigs.k8s.io/apiserver-network-proxy/konnectivity-client/proto/client.(*proxyServiceProxyClient).Recv',
      'sigs.k8s.io/apiserver-network-proxy/konnectivity-client/pkg/client.(*grpcTunnel).serve',
    ],
    createdBy: 'sigs.k8s.io/apiserver-network-proxy/konnectivity-client/pkg/client.CreateSingleUseGrpcTunnel',
  };
}

const konnectivity: SignatureCase = {
  id: 'KAS-KONNECTIVITY',
  signature: 0,
  positive: { dump: debug2([tunnels(1200), ...background(150)]) },
  expect: { goroutines: 1200 },
  negatives: [['999 open tunnels', { dump: debug2([tunnels(999), ...background(150)]) }]],
  variants: [
    ['with the vendored prefix', { dump: debug2([tunnels(1200)], { vendor: true }) }, { goroutines: 1200 }],
    ['in a debug=1 dump', { dump: debug1([tunnels(1000)]) }, { goroutines: 1000 }],
  ],
};

function sessions(n: number, state: string, minutes: (i: number) => number): Goroutines[] {
  const proxy = 'k8s.io/apimachinery/pkg/util/proxy.(*UpgradeAwareHandler)';
  return [
    {
      n,
      state,
      minutes,
      stack: [...(state === 'select' ? parked.select : parked.waitGroup), `${proxy}.tryUpgrade`, `${proxy}.ServeHTTP`, 'k8s.io/apiserver/pkg/registry/generic/rest.(*UpgradeAwareHandler).ServeHTTP'],
    },
    { n: 2 * n, state: 'IO wait', minutes, stack: [...parked.ioRead, 'io.copyBuffer', 'io.Copy', `${proxy}.tryUpgrade.func1`], createdBy: `${proxy}.tryUpgrade` },
  ];
}

const upgradeAware: SignatureCase = {
  id: 'AM-UPGRADEAWARE',
  signature: 0,
  positive: { dump: debug2([...sessions(60, 'semacquire', (i) => 60 + i * 5), ...background(150)], { vendor: true }) },
  expect: { goroutines: 60 },
  negatives: [
    ['interactive sessions under an hour', { dump: debug2([...sessions(60, 'semacquire', (i) => i % 60)], { vendor: true }) }],
    ['only 49 sessions over an hour', { dump: debug2([...sessions(49, 'semacquire', () => 120), ...sessions(11, 'semacquire', () => 10)]) }],
    ['the fixed handler waits in select', { dump: debug2([...sessions(60, 'select', () => 300)]) }],
  ],
  variants: [
    ['with the newer Go name sync.WaitGroup.Wait', { dump: debug2([...sessions(60, 'sync.WaitGroup.Wait', () => 500)]) }, { goroutines: 60 }],
    ['200 in a debug=1 dump', { dump: debug1([...sessions(200, 'semacquire', () => 0)]) }, { goroutines: 200 }],
  ],
};

export const aggregatorCases: SignatureCase[] = [availability, openAPI, konnectivity, upgradeAware];
