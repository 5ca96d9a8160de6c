// What kube-apiserver does for other servers: the aggregator's availability probes and OpenAPI
// merging, the egress tunnel to nodes (konnectivity), and the proxy for exec/attach/port-forward.

import { waitGroupStates } from '../names';
import type { KnownBug } from '../types';
import { oneOf } from './frames';
import { kk } from './refs';

export const availabilityProbeLeak: KnownBug = {
  id: 'KAG-AVAIL-ERRCH',
  title: 'Aggregator availability probe leaks a goroutine on every timeout',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-site',
      // sync.func1 up to about 1.13; sync.func1.1 once the probe ran five attempts in parallel.
      sites: [{ prefix: 'k8s.io/kube-aggregator/pkg/controllers/status.(*AvailableConditionController).sync.func' }],
      states: ['chan send'],
      createdBy: [{ prefix: 'k8s.io/kube-aggregator/pkg/controllers/status.(*AvailableConditionController).sync' }],
      thresholds: { minGoroutinesWaiting: 10, minWaitMinutes: 1, minGoroutinesWithoutWait: 50 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.18.999']],
    fixed: ['1.19.0'],
    affectedText: '1.18.x and earlier',
    fixedText: '1.19.0 (no backports)',
  },
  references: kk(91160),
  explanation:
    'To check an aggregated API server, the availability controller calls its discovery endpoint from a goroutine that reports back on an unbuffered channel, and stops waiting after 6 seconds. When the call takes longer, nobody receives the result and the probing goroutine blocks on its send for ever. With an aggregated server that is slow or unreachable (metrics-server is the usual one), a few more goroutines leak every probe cycle.',
  remedy:
    'Upgrade to 1.19 or later. Until then, fix or remove the unavailable APIService (kubectl get apiservices shows which one is not Available) and restart the apiserver to release the goroutines.',
  thresholdsNote:
    'A probe goroutine waits at most the client timeout (5 seconds) before it reports. Flagged when at least 10 of them have been blocked on their report for a minute or more (debug=2), or 50 sit there in a format without wait times.',
  confidence: 'verified',
  // A few goroutines per probe cycle: a slow leak, but one that never stops.
  severity: 'medium',
};

export const openAPICrdChurn: KnownBug = {
  id: 'KAS-OPENAPI-CRD',
  title: 'OpenAPI spec rebuilt eagerly on every CRD change',
  profiles: ['cpu', 'heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['cpu', 'heap', 'allocs'],
      sampleTypes: ['cpu', 'alloc_space'],
      all: [
        {
          pattern: oneOf(
            'k8s.io/kube-openapi/pkg/handler.(*OpenAPIService).UpdateSpec',
            'k8s.io/kube-aggregator/pkg/controllers/openapi/aggregator.(*specAggregator).updateOpenAPISpec',
            'k8s.io/apiextensions-apiserver/pkg/controller/openapi.(*Controller).updateSpecLocked',
          ),
          minCumShare: 0.2,
          label: 'OpenAPI spec merged and serialized (UpdateSpec, updateOpenAPISpec, updateSpecLocked)',
        },
      ],
    },
  ],
  versions: {
    affected: [
      ['1.0.0', '1.20.12'],
      ['1.21.0', '1.21.6'],
      ['1.22.0', '1.22.3'],
    ],
    fixed: ['1.20.13', '1.21.7', '1.22.4', '1.23.0'],
    affectedText: '1.20.12, 1.21.6, 1.22.3 and earlier',
    fixedText: '1.20.13, 1.21.7, 1.22.4, 1.23.0; the OpenAPI v2 spec is built lazily from 1.28.0',
  },
  references: kk(101755, 105932, 106181, 106250, 106255, 106257, 118212, 118136),
  explanation:
    'Every change to any CustomResourceDefinition made the apiserver merge all OpenAPI specs again and serialize the result at once, in JSON and protobuf. With hundreds of CRDs, each merge is large, and tools that update CRDs often (operators reapplying them) keep it running. CPU and allocations go to UpdateSpec and the merge functions above it.',
  remedy:
    'Upgrade to a fixed patch release (1.28 or later builds the spec lazily). Until then, stop controllers from rewriting unchanged CRDs, and lower the number of CRD versions and CRDs.',
  thresholdsNote:
    'One rebuild after a CRD change is expected. Flagged when the OpenAPI rebuild functions take 20% or more of the CPU samples, or of the bytes allocated in a heap profile, which means rebuilds run most of the time.',
  confidence: 'verified',
  severity: 'medium',
};

export const konnectivityLeak: KnownBug = {
  id: 'KAS-KONNECTIVITY',
  title: 'Egress tunnels (konnectivity client) leak goroutines',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [{ prefix: 'sigs.k8s.io/apiserver-network-proxy/konnectivity-client/' }],
      states: [],
      thresholds: { minGoroutines: 1000 },
    },
  ],
  versions: {
    affected: [
      ['1.0.0', '1.21.10'],
      ['1.22.0', '1.22.7'],
      ['1.23.0', '1.23.4'],
    ],
    fixed: ['1.21.11', '1.22.8', '1.23.5', '1.24.0'],
    affectedText: 'releases with konnectivity-client older than v0.0.30: 1.21.10, 1.22.7, 1.23.4 and earlier',
    fixedText: '1.21.11, 1.22.8, 1.23.5, 1.24.0 (konnectivity-client v0.0.30); a further dial leak fixed in 1.26.0 (#113486)',
  },
  references: kk(108339, 108437, 113486),
  explanation:
    'With the egress selector in gRPC mode, every connection from the apiserver to a node, webhook or aggregated server goes through its own tunnel to the konnectivity server. Before konnectivity-client v0.0.30, tunnels whose dial failed or whose request had ended were not closed, and while the proxy server was down the client kept trying to connect without end. Their goroutines accumulate and survive restarts of the proxy server, but not of the apiserver.',
  remedy:
    'Upgrade to 1.21.11, 1.22.8, 1.23.5, 1.24.0 or later (1.26 for the remaining dial leak). Keep the konnectivity server healthy, and restart the apiserver to release the leaked tunnels.',
  thresholdsNote:
    'Each open tunnel (a log stream, an exec session, a pooled connection to a webhook) has one serving goroutine, so a few hundred are plausible in a large cluster. Flagged when 1,000 or more goroutines run konnectivity-client code.',
  confidence: 'inferred',
  // Grows without bound while the proxy server is unavailable, and only a restart recovers.
  severity: 'high',
};

export const upgradeAwareProxy: KnownBug = {
  id: 'AM-UPGRADEAWARE',
  title: 'exec/attach/port-forward proxy waits for both directions to close',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-site',
      sites: [oneOf('k8s.io/apimachinery/pkg/util/proxy.(*UpgradeAwareHandler).tryUpgrade')],
      states: waitGroupStates,
      thresholds: { minGoroutinesWaiting: 50, minWaitMinutes: 60, minGoroutinesWithoutWait: 200 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.11.3']],
    fixed: ['1.11.4', '1.12.0'],
    affectedText: '1.11.3 and earlier',
    fixedText: '1.11.4, 1.12.0',
  },
  references: kk(57992, 67288),
  explanation:
    'For exec, attach and port-forward the apiserver copies bytes both ways between the client and the kubelet, and waited for both copies to finish. When one side closed but the other never did, the session stayed open for ever: two copy goroutines in IO wait and the handler in a WaitGroup wait. Each abandoned session keeps its connections and goroutines until the apiserver restarts.',
  remedy: 'Upgrade to 1.11.4 or 1.12.0 or later. Until then, restart the apiserver to drop stuck sessions, and prefer clients that close both directions.',
  thresholdsNote:
    'Interactive sessions and port-forwards can legitimately last hours, but a cluster has few of them. Flagged when 50 or more proxy sessions have waited an hour or more (debug=2), or 200 are open in a format without wait times.',
  confidence: 'verified',
  severity: 'medium',
};

export const aggregatorEntries: KnownBug[] = [availabilityProbeLeak, openAPICrdChurn, konnectivityLeak, upgradeAwareProxy];
