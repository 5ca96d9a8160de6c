// Heap signatures of kube-apiserver: what fills the memory.

import { kep, kk } from './refs';
import type { KnownBug } from '../types';
import { etcd3List, oneOf } from './frames';

export const listHeap: KnownBug = {
  id: 'KAS-LIST-HEAP',
  title: 'A huge unpaginated LIST dominates the heap',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space', 'alloc_space'],
      all: [
        { pattern: { regex: '^bytes\\.(makeSlice|growSlice)$' }, minCumShare: 0.3, label: 'response buffers (bytes.makeSlice / growSlice)' },
        {
          pattern: { regex: '^k8s\\.io/api/[^.]+(\\.[^.]+)*\\.\\(\\*[A-Za-z0-9]+\\)\\.Unmarshal$|^k8s\\.io/apimachinery/pkg/apis/meta/v1/unstructured\\.' },
          minCumShare: 0.05,
          label: 'decoded API objects (k8s.io/api ... Unmarshal)',
        },
      ],
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'all versions',
    fixedText: 'not fixed; mitigations in 1.27-1.35 (WatchList, streaming list encoding)',
  },
  references: [...kk(97142, 114276, 98423, 129334, 129407), kep(3157, 'KEP-3157 WatchList'), kep(5116, 'KEP-5116 streaming encoding')],
  explanation:
    'A client lists a large collection without pagination (for example 170,000 ConfigMaps in one namespace), so the apiserver reads everything from etcd, decodes every object and builds the whole response in memory at once. The heap fills with response buffers (bytes.makeSlice) and decoded objects (Unmarshal of the listed type), and several such lists at once can exhaust the node.',
  remedy:
    'Find the client and make it paginate (limit/continue) or list with resourceVersion=0 so the watch cache serves it; delete runaway objects (with etcdctl if the apiserver cannot serve); on 1.27+ use WatchList and the streaming list encoders.',
  thresholdsNote:
    'Buffers are normal in any server; decoded API objects are normal in an apiserver. Flagged only when response buffers hold at least 30% of the sampled memory and decoded API objects at least 5% at the same time.',
  confidence: 'verified',
  severity: 'high',
};

export const relistStorm: KnownBug = {
  id: 'KAS-RELIST-STORM',
  title: 'Relist storm: expired watches send every client back to etcd',
  profiles: ['heap', 'allocs', 'cpu'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs', 'cpu'],
      sampleTypes: ['cpu', 'inuse_space'],
      under: [etcd3List],
      all: [
        { pattern: etcd3List, minCumShare: 0.3, label: 'LISTs read from etcd (etcd3 store List / GetList)' },
        {
          pattern: { regex: 'mvccpb\\.\\(\\*KeyValue\\)\\.Unmarshal$|^google\\.golang\\.org/grpc\\.(?:\\(\\*parser\\)\\.recvMsg|recvAndDecompress)$' },
          minCumShare: 0.1,
          label: 'etcd responses received for them (grpc recvMsg, mvccpb KeyValue.Unmarshal)',
        },
      ],
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'all versions',
    fixedText: 'not fixed; mitigated by watch bookmarks (beta 1.16, GA 1.17), consistent lists from the watch cache (beta 1.31, GA 1.34) and WatchList',
  },
  references: kk(83520, 74074, 98423, 139618),
  explanation:
    'When a watch expires with "too old resource version", the client relists; since 1.17 that relist asks for a consistent read, which the apiserver serves from etcd rather than from its cache. If many clients expire at once (an apiserver restart, a slow watch cache, compaction), every one of them lists from etcd together. Memory and CPU then go to etcd range responses being received and decoded under the etcd3 store\'s list.',
  remedy:
    'Enable watch bookmarks in clients (client-go does by default from 1.17), upgrade to releases that serve consistent lists from the watch cache (1.31 beta, 1.34 GA), and spread out client restarts; raise the watch cache size for the busy resources.',
  thresholdsNote:
    'Every apiserver lists from etcd now and then (paginated lists, cache misses). Flagged when lists from etcd hold 30% or more of the CPU samples or of the in-use heap, with the etcd responses they receive holding 10% or more under them.',
  confidence: 'inferred',
  severity: 'high',
};

export const etcdClientLoggers: KnownBug = {
  id: 'KAS-ETCD-LOGGER',
  title: 'One zap logger per etcd client (one client per CRD) holds memory',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      under: [oneOf('k8s.io/apiserver/pkg/storage/storagebackend/factory.newETCD3Client')],
      all: [
        {
          pattern: { regex: '^go\\.uber\\.org/zap[./]|^go\\.etcd\\.io/etcd/client/pkg/v3/logutil\\.' },
          minCumShare: 0.1,
          label: 'zap loggers built for each etcd client (newETCD3Client)',
        },
      ],
    },
  ],
  versions: {
    affected: [
      ['1.0.0', '1.22.12'],
      ['1.23.0', '1.23.9'],
      ['1.24.0', '1.24.3'],
    ],
    fixed: ['1.22.13', '1.23.10', '1.24.4', '1.25.0'],
    affectedText: '1.22.12, 1.23.9, 1.24.3 and earlier',
    fixedText: '1.22.13, 1.23.10, 1.24.4, 1.25.0',
  },
  references: kk(111476, 111477),
  explanation:
    'The apiserver creates an etcd client for each resource storage, including every custom resource version, and the etcd client built its own default zap logger each time. Each logger keeps sizeable buffers, so clusters with many CRDs spent about a fifth of the apiserver memory on loggers. The heap shows zap allocations under newETCD3Client.',
  remedy: 'Upgrade to 1.22.13, 1.23.10, 1.24.4, 1.25.0 or later, where the clients share one logger. Until then, fewer CRDs and CRD versions mean fewer clients.',
  thresholdsNote:
    'A handful of etcd clients with their loggers is negligible. Flagged when zap allocations under newETCD3Client hold 10% or more of the in-use heap.',
  confidence: 'inferred',
  severity: 'medium',
};

export const otelMeterLeak: KnownBug = {
  id: 'KAS-OTEL-METER',
  title: 'OpenTelemetry global meter keeps every instrument ever created',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      under: [oneOf('go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp.(*Transport).createMeasures')],
      all: [
        {
          pattern: { regex: '^go\\.opentelemetry\\.io/otel/internal/global\\.\\(\\*meter\\)\\.(?:Int64|Float64)' },
          minCumShare: 0.05,
          label: 'instruments held by the global delegating meter (otelhttp createMeasures)',
        },
      ],
    },
  ],
  versions: {
    affected: [
      ['1.29.0', '1.29.9'],
      ['1.30.0', '1.30.5'],
      ['1.31.0', '1.31.1'],
    ],
    fixed: ['1.29.10', '1.30.6', '1.31.2', '1.32.0'],
    affectedText: '1.29.0-1.29.9, 1.30.0-1.30.5, 1.31.0-1.31.1',
    fixedText: '1.29.10, 1.30.6, 1.31.2, 1.32.0',
  },
  references: kk(126918, 126957, 126983, 126984, 129220),
  explanation:
    'Each HTTP transport wrapped by otelhttp creates its metric instruments when it is built. With no meter provider configured, those instruments go to the global delegating meter, which keeps every one of them in case a provider is set later. Code that builds transports repeatedly therefore grows the heap without bound under otelhttp createMeasures.',
  remedy: 'Upgrade to 1.29.10, 1.30.6, 1.31.2, 1.32.0 or later. Restart the apiserver to release the memory.',
  thresholdsNote:
    'A process builds a few transports and their instruments take kilobytes. Flagged when instruments created by otelhttp createMeasures in the global meter hold 5% or more of the in-use heap.',
  confidence: 'verified',
  // Unbounded: memory grows with every transport built, until restart.
  severity: 'high',
};
