// Leaks on the request path of kube-apiserver: the timeout filter and DeleteCollection.

import { kk } from './refs';
import type { KnownBug } from '../types';

export const timeoutLeak: KnownBug = {
  id: 'KAS-TIMEOUT-LEAK',
  title: 'Timed-out requests leave their handler goroutine blocked forever',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-site',
      // ServeHTTP.func1.1 is the deferred recover closure that sends the result; on some
      // versions the send is inlined into ServeHTTP.func1 itself.
      sites: [{ prefix: 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func' }],
      states: ['chan send'],
      createdBy: [{ exact: 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP' }],
      thresholds: { minGoroutinesWaiting: 20, minWaitMinutes: 1, minGoroutinesWithoutWait: 100 },
    },
  ],
  versions: {
    affected: [
      ['1.9.11', '1.9.11'],
      ['1.10.8', '1.10.13'],
      ['1.11.4', '1.11.999'],
      ['1.12.0', '1.13.999'],
      ['1.14.0', '1.14.7'],
      ['1.15.0', '1.15.4'],
      ['1.16.0', '1.16.1'],
    ],
    fixed: ['1.14.8', '1.15.5', '1.16.2', '1.17.0'],
    affectedText: '1.9.11, 1.10.8-1.10.13, 1.11.4 and later 1.11, all 1.12 and 1.13, 1.14.0-1.14.7, 1.15.0-1.15.4, 1.16.0-1.16.1',
    fixedText: '1.14.8, 1.15.5, 1.16.2, 1.17.0',
  },
  references: kk(68001, 83333, 83371, 81900, 75853),
  explanation:
    'The timeout filter runs each request in a goroutine that reports back over an unbuffered channel. When the request times out, ServeHTTP returns and nobody reads that channel any more, so the goroutine blocks on its final send for ever, keeping the request and its objects alive. Every timed-out request (HTTP 504) leaves one behind; clusters have reached 45,000 of them.',
  remedy:
    'Upgrade to a fixed release (the fix drains the channel from a deferred goroutine). Until then, remove what makes requests time out: slow etcd, slow admission webhooks, clients that read slowly; and restart the apiserver before memory runs out.',
  thresholdsNote:
    'A healthy request goroutine waits here only for a moment: requests end within --request-timeout (60 s by default). Flagged when at least 20 goroutines have waited a minute or more at this site in chan send (debug=2), or at least 100 sit there in a format without wait times (debug=1, debug=0).',
  confidence: 'verified',
  severity: 'critical',
};

export const deleteCollectionLeak: KnownBug = {
  id: 'KAS-DELCOL',
  title: 'DeleteCollection distributor stuck after its workers give up',
  profiles: ['goroutine', 'heap'],
  signatures: [
    {
      kind: 'goroutine-site',
      sites: [{ prefix: 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func' }],
      states: ['chan send'],
      createdBy: [{ exact: 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection' }],
      thresholds: { minGoroutinesWaiting: 10, minWaitMinutes: 1, minGoroutinesWithoutWait: 50 },
    },
    {
      kind: 'profile-functions',
      profiles: ['heap'],
      sampleTypes: ['inuse_space'],
      all: [
        {
          pattern: { exact: 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection' },
          minCumShare: 0.25,
          label: 'memory held under (*Store).DeleteCollection',
        },
      ],
    },
  ],
  versions: {
    affected: [['1.0.0', '1.22.999']],
    fixed: ['1.23.0'],
    affectedText: '1.22 and earlier',
    fixedText: '1.23.0 (no backports)',
  },
  references: kk(105606, 90743, 117971, 105872),
  explanation:
    'DeleteCollection lists the objects, then one goroutine hands their indexes to a pool of workers over a channel. When every worker returns on its first error (etcd timeouts, a leader change), nobody takes from the channel and the distributor blocks on its send for ever, keeping the whole listed collection reachable. Each failed call, retried with backoff by the namespace controller, leaves one more.',
  remedy:
    'Upgrade to 1.23.0 or later (workers now signal their exit). Until then, find and fix what makes deletes fail (etcd health, leader changes), and restart the apiserver to release the pinned memory.',
  thresholdsNote:
    'A distributor legitimately waits while a large deletion runs, and a cluster runs only a handful of deletions at once; ten distributors each blocked for over a minute are not a slow deletion. Flagged when at least 10 distributors have waited a minute or more (debug=2), at least 50 sit there in a format without wait times, or when objects listed by DeleteCollection hold a quarter or more of the in-use heap.',
  confidence: 'verified',
  severity: 'critical',
};
