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
    "In a healthy apiserver ServeHTTP is waiting to receive the result, so this send completes at once: a dump catches at most a few goroutines mid-send, and none for a minute, since requests end within --request-timeout (60 s by default). Flagged when at least 20 goroutines have waited a minute or more at this site in chan send (debug=2), or when 100 or more are there at one instant in a format without wait times (debug=0, whose runtime frames show the chan send; debug=1, which hides them, so there the goroutines at this site in a wait it does not print count). 100 caught mid-send would be 100 requests finishing within the same microseconds. A debug=2 dump with 100 or more in chan send here but fewer than 20 waiting a minute is an early finding: the leak's first minute.",
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
    'A distributor exists only while its DeleteCollection call runs, one per call, and hands indexes to workers that take them as fast as etcd deletes; a cluster runs a handful of such calls at once (the namespace controller one per namespace being deleted), so a few distributors in chan send are normal and ten each blocked for over a minute are not a slow deletion. Flagged when at least 10 distributors have waited a minute or more (debug=2), when 50 or more are in chan send there in a format without wait times (debug=0 reads the state from the runtime frames; debug=1 hides them and counts the goroutines there in a wait it does not print), or when objects listed by DeleteCollection hold a quarter or more of the in-use heap. A debug=2 dump with 50 or more in chan send but fewer than 10 waiting a minute is an early finding.',
  confidence: 'verified',
  severity: 'critical',
};
