// The handler chain of kube-apiserver around each request: authentication, admission webhooks,
// audit, flow control, error handling, request decoding and response compression.

import { mutexWaitStates } from '../names';
import type { KnownBug } from '../types';
import { oneOf, restRequest } from './frames';
import { kk } from './refs';

export const admissionNoContext: KnownBug = {
  id: 'KAS-ADMISSION-NOCTX',
  title: 'Webhook calls go on after their request timed out',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [
        {
          regex:
            '^k8s\\.io/apiserver/pkg/admission/plugin/webhook/(?:mutating\\.\\([^)]*\\)\\.callAttrMutatingHook|validating\\.\\([^)]*\\)\\.(?:Dispatch|Validate)\\.func[0-9.]+)$|^k8s\\.io/apiserver/plugin/pkg/(?:authenticator/token/webhook\\.\\(\\*WebhookTokenAuthenticator\\)\\.AuthenticateToken|authorizer/webhook\\.\\(\\*WebhookAuthorizer\\)\\.Authorize)$',
        },
        restRequest,
      ],
      states: [],
      thresholds: { minGoroutines: 1000 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.16.999']],
    fixed: ['1.17.0'],
    affectedText: '1.15 and earlier for admission webhooks, 1.16 and earlier for authentication and authorization webhooks',
    fixedText: '1.16.0 (admission webhooks, #81602), 1.17.0 (authentication and authorization webhooks)',
  },
  references: kk(78783, 81602, 83064),
  explanation:
    'The timeout filter answers 504 when a request runs too long, but the goroutine doing the work keeps running. Webhook calls made without the request context therefore went on after the client had its timeout: mutating webhooks one after another, each up to its own timeout. Under load with slow webhooks these orphaned calls pile up beyond what the in-flight limits allow, and each holds its request and a connection.',
  remedy:
    'Upgrade to 1.16 (admission) or 1.17 (authentication and authorization webhooks). Until then, set short webhook timeoutSeconds, fix or remove slow webhooks, and narrow their rules so fewer requests call them.',
  thresholdsNote:
    'In-flight webhook calls are bounded by the in-flight request limits (200 mutating requests by default), times the validating webhooks each request calls in parallel. Flagged when 1,000 or more goroutines are inside a webhook call at once, beyond what those limits explain.',
  confidence: 'inferred',
  // Orphaned calls keep requests, connections and webhook load alive well past the 504s.
  severity: 'high',
};

export const tokenCacheLiveLock: KnownBug = {
  id: 'KAS-TOKENCACHE',
  title: 'Token cache live-lock: the same token looked up by every request',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [
        oneOf('k8s.io/apiserver/pkg/authentication/token/cache.(*cachedTokenAuthenticator).AuthenticateToken'),
        // The lookup itself, inside the cache's own call (from 1.18 it runs in a shared goroutine instead).
        { regex: '^(?!k8s\\.io/apiserver/pkg/authentication/token/cache\\.).+\\.AuthenticateToken$' },
      ],
      states: [],
      thresholds: { minGoroutines: 100 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.17.999']],
    fixed: ['1.18.0'],
    affectedText: '1.17 and earlier',
    fixedText: '1.18.0 (#85242 shares concurrent lookups of one token)',
  },
  references: kk(83259, 85242),
  explanation:
    'The token cache released its lock while it looked a token up, so N requests arriving with the same uncached token made N lookups (an etcd read, a TokenReview webhook call) at once. The lookups are rate-limited, so they queue, the requests time out, and their goroutines keep waiting because of how timeouts are handled. A dump shows many goroutines inside the cached token authenticator, each in its own lookup.',
  remedy:
    'Upgrade to 1.18 or later. Until then, reduce the number of distinct tokens (one service-account token per client rather than many), raise the token cache TTL, and make the token webhook fast.',
  thresholdsNote:
    'A cached token is answered without a lookup and an uncached one takes milliseconds, so only a few lookups run at once. Flagged when 100 or more goroutines are each doing their own lookup inside the token cache.',
  confidence: 'inferred',
  // Most requests with that token time out: authentication stops working for those clients.
  severity: 'high',
};

export const auditWebhookBatches: KnownBug = {
  id: 'KAS-AUDIT-WEBHOOK',
  title: 'Audit webhook batches pile up in unbounded goroutines',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [{ prefix: 'k8s.io/apiserver/plugin/pkg/audit/buffered.(*bufferedBackend).processEvents.func' }],
      states: [],
      thresholds: { minGoroutines: 100 },
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'all versions (still in master)',
    fixedText: 'not fixed; tune the --audit-webhook-batch-* flags',
  },
  references: kk(85489, 88042, 60500, 61118),
  explanation:
    'The buffered audit backend sends each batch of events to the webhook from a new goroutine, and nothing limits how many run at once. When the audit webhook slows down, batches start faster than they finish, so goroutines and the events they hold accumulate. The dump shows many goroutines in bufferedBackend.processEvents closures waiting on the webhook.',
  remedy:
    'Make the audit webhook keep up (scale it, put it close to the apiserver), lower what is audited in the policy, and tune --audit-webhook-batch-max-size, --audit-webhook-batch-throttle-qps and -burst so batches are fewer and larger; blocking mode trades this for request latency.',
  thresholdsNote:
    'Batches start at most at the throttle rate (10 per second by default), so a webhook answering within a second keeps about 10 of these goroutines alive. Flagged at 100 or more, which means the webhook takes 10 seconds or more per batch.',
  confidence: 'verified',
  // Requests go on; the cost is memory and goroutines, each holding one batch (400 events by default).
  severity: 'medium',
};

export const http2ResetConvoy: KnownBug = {
  id: 'KAS-H2-RESET',
  title: 'HTTP/2 rapid reset: HandleError lock convoy',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-site',
      sites: [oneOf('k8s.io/apimachinery/pkg/util/runtime.(*rudimentaryErrorBackoff).OnError', 'k8s.io/apimachinery/pkg/util/runtime.(*rudimentaryErrorBackoff).onError')],
      states: mutexWaitStates,
      thresholds: { minGoroutinesWaiting: 200, minWaitMinutes: 0, minGoroutinesWithoutWait: 200 },
    },
  ],
  versions: {
    affected: [
      ['1.0.0', '1.25.14'],
      ['1.26.0', '1.26.9'],
      ['1.27.0', '1.27.6'],
      ['1.28.0', '1.28.2'],
    ],
    fixed: ['1.25.15', '1.26.10', '1.27.7', '1.28.3', '1.29.0'],
    affectedText: '1.25.14 and earlier, 1.26.0-1.26.9, 1.27.0-1.27.6, 1.28.0-1.28.2',
    fixedText: '1.25.15, 1.26.10, 1.27.7, 1.28.3, 1.29.0 (the backports gate the HTTP/2 mitigation behind UnauthenticatedHTTP2DOSMitigation, off by default; on in 1.29)',
  },
  references: kk(121120, 121196, 121199, 121200, 121201),
  explanation:
    'Every error reported through HandleError passes a small rate limiter that slept a millisecond while holding its mutex. A flood of errors, such as the stream resets of an HTTP/2 rapid-reset attack, therefore queues every reporting goroutine behind that one lock. The dump shows hundreds or thousands of goroutines waiting on the mutex in rudimentaryErrorBackoff.OnError.',
  remedy:
    'Upgrade to a fixed patch release and, before 1.29, enable the UnauthenticatedHTTP2DOSMitigation feature gate; block the offending clients at the load balancer meanwhile.',
  thresholdsNote:
    'The limiter lets about 1,000 errors a second through, and a burst of errors queues a few goroutines for milliseconds. Flagged when 200 or more goroutines wait on its mutex at once, whatever their wait time.',
  confidence: 'verified',
  // A denial of service: every goroutine that reports an error stalls behind the lock.
  severity: 'critical',
};

export const apfSlowReaders: KnownBug = {
  id: 'KAS-APF-SLOWREAD',
  title: 'Slow readers of large LISTs hold flow-control seats',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [
        { regex: '^k8s\\.io/apiserver/pkg/util/flowcontrol\\.\\(\\*configController\\)\\.Handle$|^k8s\\.io/apiserver/pkg/server/filters\\.(?:WithPriorityAndFairness\\.func|\\(\\*priorityAndFairnessHandler\\)\\.Handle)' },
        { prefix: 'k8s.io/apiserver/pkg/endpoints/handlers.ListResource' },
        oneOf('golang.org/x/net/http2.(*serverConn).writeDataFromHandler', 'net/http.(*http2serverConn).writeDataFromHandler'),
      ],
      states: ['select'],
      thresholds: { minGoroutines: 10, minWaitMinutes: 1, minGoroutinesWithoutWait: 100 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.27.999']],
    fixed: ['1.28.0'],
    affectedText: '1.27 and earlier (with API Priority and Fairness)',
    fixedText: '1.28.0 (dynamic maximum seats)',
  },
  references: kk(115409, 118601),
  explanation:
    'API Priority and Fairness gives a LIST its seats until the handler returns, and the handler returns only after the whole response is written. A client that reads a large response slowly over HTTP/2 keeps the handler blocked on flow control, and the seats with it, so other requests of that priority level queue or are rejected. The dump shows LIST handlers inside flow control, blocked writing HTTP/2 data.',
  remedy:
    'Upgrade to 1.28 or later. Find the slow clients (large LISTs from far away or overloaded clients), make them paginate, and give them a priority level of their own so they cannot starve others.',
  thresholdsNote:
    'A writer blocked on HTTP/2 flow control wakes each time the client reads, so a client that reads at all keeps its wait under a minute. Flagged when at least 10 LIST handlers holding seats have written nothing for a minute or more (debug=2), or 100 are blocked there in a format without wait times; 100 or more blocked there in a debug=2 dump with fewer than 10 stalled a minute is an early finding (a second dump tells slow readers from stalled ones).',
  confidence: 'inferred',
  // Starves one priority level; others keep working.
  severity: 'medium',
};

export const gzipResponses: KnownBug = {
  id: 'KAS-GZIP',
  title: 'Gzip of large responses dominates CPU or allocations',
  profiles: ['cpu', 'heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['cpu', 'heap', 'allocs'],
      sampleTypes: ['cpu', 'alloc_space'],
      under: [
        {
          regex:
            '^k8s\\.io/apiserver/pkg/endpoints/handlers/responsewriters\\.\\(\\*deferredResponseWriter\\)\\.(?:Write|Close)$|^k8s\\.io/apiserver/pkg/server/filters\\.\\(\\*compressionResponseWriter\\)\\.Write$',
        },
      ],
      all: [{ pattern: { prefix: 'compress/flate.' }, minCumShare: 0.25, label: 'gzip compression of responses (compress/flate)' }],
    },
  ],
  versions: {
    affected: [['1.16.0', '999.999.999']],
    fixed: [],
    affectedText: '1.16 and later (response compression on by default)',
    fixedText: 'partly mitigated: 1.16.0 compresses only large responses (#77449), 1.33.0 (#130281)',
  },
  references: kk(77449, 80919, 111507, 130281),
  explanation:
    'From 1.16 the apiserver gzips responses for clients that accept it. For large LISTs the compression costs far more CPU than encoding, and each compressor allocates large buffers. Profiles show compress/flate under the response writer holding a large part of the CPU or of the allocated bytes.',
  remedy:
    'For clients inside the cluster network, disable compression on the client (DisableCompression in client-go); make large lists paginate or use the watch cache; as a last resort turn the APIResponseCompression feature gate off.',
  thresholdsNote:
    'Some compression work is expected on any apiserver serving remote clients. Flagged when compress/flate under the response writer takes 25% or more of the CPU samples, or of the bytes allocated in a heap profile.',
  confidence: 'inferred',
  severity: 'medium',
};

export const yamlBomb: KnownBug = {
  id: 'KAS-YAML-BOMB',
  title: 'YAML alias expansion in request bodies (CVE-2019-11253, CVE-2019-11254)',
  profiles: ['cpu', 'heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['cpu', 'heap', 'allocs'],
      sampleTypes: ['cpu', 'inuse_space'],
      under: [{ prefix: 'k8s.io/apiserver/pkg/endpoints/handlers.' }],
      all: [
        {
          pattern: { regex: '^(?:gopkg\\.in/yaml\\.v[23]|go\\.yaml\\.in/yaml/v[23]|sigs\\.k8s\\.io/yaml|github\\.com/ghodss/yaml)[./]' },
          minCumShare: 0.3,
          label: 'YAML decoding of request bodies',
        },
      ],
    },
  ],
  versions: {
    affected: [
      ['1.0.0', '1.15.9'],
      ['1.16.0', '1.16.7'],
      ['1.17.0', '1.17.2'],
    ],
    fixed: ['1.15.10', '1.16.8', '1.17.3'],
    affectedText: 'CVE-2019-11253: 1.13.11, 1.14.7, 1.15.4, 1.16.1 and earlier; CVE-2019-11254: 1.15.9, 1.16.7, 1.17.2 and earlier',
    fixedText: 'CVE-2019-11253: 1.13.12, 1.14.8, 1.15.5, 1.16.2, 1.17.0; CVE-2019-11254: 1.15.10, 1.16.8, 1.17.3',
  },
  references: kk(83253, 83261, 83433, 83434, 83435, 83436, 89535, 87467, 87637, 87638, 87639, 87640),
  explanation:
    'A small YAML document with nested aliases expands to an enormous structure when decoded, and the apiserver decoded YAML request bodies before any size check on the result. One such request from any client allowed to send a body can take all the CPU and memory of the apiserver. The profiles show YAML decoding under the request handlers dominating CPU or the in-use heap.',
  remedy:
    'Upgrade to 1.15.10, 1.16.8, 1.17.3 or later (both CVEs). Until then, restrict who can send write requests, and find the client in the audit log.',
  thresholdsNote:
    'Request bodies normally arrive as JSON or protobuf, and even YAML bodies decode in microseconds. Flagged when YAML decoding under the request handlers holds 30% or more of the CPU samples or of the in-use heap.',
  confidence: 'inferred',
  // A single request can take the apiserver down.
  severity: 'critical',
};

export const objectCountTrackerLeak: KnownBug = {
  id: 'KAS-STORAGE-COUNT-TRACKER',
  title: 'A pruning goroutine per server config, never stopped (StorageObjectCountTracker)',
  profiles: ['goroutine'],
  signatures: [
    {
      kind: 'goroutine-stack',
      frames: [{ prefix: 'k8s.io/apiserver/pkg/util/flowcontrol/request.NewStorageObjectCountTracker.func' }],
      states: [],
      thresholds: { minGoroutines: 10 },
    },
  ],
  versions: {
    affected: [['1.0.0', '1.24.999']],
    fixed: ['1.25.0'],
    affectedText: 'releases before 1.25.0 that have the object count tracker',
    fixedText: '1.25.0 (#110062)',
  },
  references: kk(110062),
  explanation:
    'Building a generic apiserver configuration created the flow-control object count tracker and started its hourly pruning goroutine at once, whether or not a server was ever run from that configuration. Programs that build configurations repeatedly (aggregated servers, test harnesses, operators embedding an apiserver) leak one goroutine each time. The dump shows them in the tracker\'s pruning closure.',
  remedy: 'Upgrade to 1.25 or later (or rebuild with k8s.io/apiserver 0.25+); build server configurations once per process.',
  thresholdsNote:
    'A process builds one or a few server configurations, so a few of these goroutines are normal. Flagged at 10 or more.',
  confidence: 'inferred',
  // A slow leak of idle goroutines; harmless unless configurations are built in a loop.
  severity: 'low',
};

export const handlerEntries: KnownBug[] = [
  admissionNoContext,
  tokenCacheLiveLock,
  auditWebhookBatches,
  http2ResetConvoy,
  apfSlowReaders,
  gzipResponses,
  yamlBomb,
  objectCountTrackerLeak,
];
