// Preset deflate dictionaries for links: text that findings of a Go server, and of
// kube-apiserver in particular, share with each other. Deflate starts with an empty window, so
// a short link pays full price for its first "k8s.io/apiserver/pkg/" or "net/http.(*conn)";
// with these strings already in the window they cost a back-reference. Measured on the
// examples of test/share/realistic.ts: 4,063 -> 3,574 characters (goroutine dump), 3,589 ->
// 3,219 (heap profile) for the v2 form; for the v3 form (named keys), adding a skeleton of a
// v3 document to the v2 dictionary took them from 4,075 to 3,646 and from 3,615 to 3,266.
//
// FROZEN: zlib names the dictionary of each stream by its Adler-32 (in the header), and the
// inflater picks it by that checksum (dictionaryFor): every link ever made needs exactly its
// dictionary's bytes to open. test/share/dictionary.test.ts pins each one. A better dictionary
// is a new entry here, with every old one kept; links made with it do not open in older pages
// (they say the link needs a dictionary they lack).
// Deflate finds the closest copy, so the most common strings come last (shorter distances).

/** The dictionary of links made by schema v1 and v2 (Adler-32 24299e21). */
const parts: readonly string[] = [
  // Known-bug references and the matcher's wording.
  'https://github.com/kubernetes/enhancements/issues/',
  ' have waited ',
  ' minutes or more (threshold ',
  ' goroutines at this site in ',
  ' of all goroutines).',
  ' is affected (fixed in ',
  'unknown version',
  'https://github.com/kubernetes/kubernetes/issues/',
  'kubernetes#',
  // Libraries kube-apiserver runs on.
  'sigs.k8s.io/apiserver-network-proxy/konnectivity-client/pkg/client.',
  'go.opentelemetry.io/otel/',
  'github.com/prometheus/client_golang/prometheus.',
  'gopkg.in/yaml.v2.',
  'sigs.k8s.io/structured-merge-diff/v4/',
  'k8s.io/kube-openapi/pkg/',
  'k8s.io/kube-aggregator/pkg/',
  'k8s.io/apiextensions-apiserver/pkg/',
  'k8s.io/utils/buffer.(*RingGrowing).',
  'go.etcd.io/etcd/api/v3/mvccpb.(*KeyValue).Unmarshal',
  'go.etcd.io/etcd/client/v3.',
  'google.golang.org/grpc/internal/transport.',
  'google.golang.org/grpc.',
  'golang.org/x/net/http2.(*serverConn).',
  'golang.org/x/net/http2.(*ClientConn).',
  'golang.org/x/net/http2.',
  'k8s.io/client-go/tools/cache.(*processorListener).',
  'k8s.io/client-go/tools/cache.(*Reflector).',
  'k8s.io/client-go/util/workqueue.',
  'k8s.io/client-go/tools/record.',
  'k8s.io/client-go/rest.(*Request).',
  'k8s.io/client-go/',
  'k8s.io/apimachinery/pkg/util/wait.',
  'k8s.io/apimachinery/pkg/util/runtime.',
  'k8s.io/apimachinery/pkg/watch.(*StreamWatcher).receive',
  'k8s.io/apimachinery/pkg/runtime/serializer/',
  'k8s.io/apimachinery/pkg/',
  'k8s.io/api/core/v1.',
  'k8s.io/apiserver/pkg/admission/plugin/webhook/',
  'k8s.io/apiserver/pkg/authentication/token/cache.',
  'k8s.io/apiserver/pkg/util/flowcontrol.',
  'k8s.io/apiserver/pkg/storage/etcd3.(*watchChan).',
  'k8s.io/apiserver/pkg/storage/etcd3.(*store).',
  'k8s.io/apiserver/pkg/storage/cacher.(*Cacher).',
  'k8s.io/apiserver/pkg/storage/cacher.(*cacheWatcher).',
  'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.',
  'k8s.io/apiserver/pkg/endpoints/handlers.(*WatchServer).ServeHTTP',
  'k8s.io/apiserver/pkg/endpoints/handlers.',
  'k8s.io/apiserver/pkg/endpoints/filters.',
  'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).',
  'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1',
  'k8s.io/apiserver/pkg/server/filters.',
  'k8s.io/apiserver/pkg/server/httplog.',
  'k8s.io/apiserver/pkg/',
  'k8s.io/kubernetes/vendor/',
  'k8s.io/kubernetes/staging/src/',
  '/go/src/k8s.io/kubernetes/',
  '/workspace/src/k8s.io/kubernetes/',
  // The Go standard library in server stacks.
  'compress/flate.(*compressor).',
  'compress/gzip.(*Writer).Write',
  'crypto/tls.(*Conn).readRecordOrCCS',
  'crypto/tls.(*Conn).Read',
  'crypto/tls.(*Conn).Write',
  'encoding/json.(*decodeState).',
  'encoding/json.Unmarshal',
  'encoding/json.Marshal',
  'encoding/json.',
  'reflect.Value.',
  'reflect.',
  'bytes.(*Buffer).grow',
  'bytes.growSlice',
  'bytes.makeSlice',
  'io.ReadAll',
  'io.Copy',
  'io.ReadFull',
  'bufio.(*Reader).fill',
  'bufio.(*Reader).Read',
  'bufio.(*Writer).Flush',
  'context.(*cancelCtx).',
  'time.Sleep',
  'net.(*conn).Read',
  'net.(*conn).Write',
  'net.(*netFD).Read',
  'net.(*netFD).Write',
  'net/http.(*http2serverConn).serve',
  'net/http.(*persistConn).readLoop',
  'net/http.(*persistConn).writeLoop',
  'net/http.(*persistConn).Read',
  'net/http.(*Transport).RoundTrip',
  'net/http.(*Server).Serve',
  'net/http.(*connReader).backgroundRead',
  'net/http.(*connReader).Read',
  'net/http.(*conn).readRequest',
  'net/http.(*conn).serve',
  'net/http.serverHandler.ServeHTTP',
  'net/http.HandlerFunc.ServeHTTP',
  'net/http.(*ServeMux).ServeHTTP',
  'sync.(*WaitGroup).Wait',
  'sync.(*Mutex).Lock',
  'sync.(*RWMutex).RLock',
  'sync.(*Cond).Wait',
  'sync.runtime_SemacquireMutex',
  'sync.runtime_Semacquire',
  'sync.runtime_notifyListWait',
  'internal/poll.(*FD).Accept',
  'internal/poll.(*FD).Read',
  'internal/poll.(*FD).Write',
  'internal/poll.(*pollDesc).waitRead',
  'internal/poll.(*pollDesc).wait',
  'internal/poll.runtime_pollWait',
  'runtime.netpollblock',
  'runtime.mallocgc',
  'runtime.makeslice',
  'runtime.newobject',
  'runtime.growslice',
  'runtime.mapassign_faststr',
  'runtime.semacquire1',
  'runtime.notetsleepg',
  'runtime.gcBgMarkWorker',
  'runtime.bgsweep',
  'runtime.bgscavenge',
  'runtime.forcegchelper',
  'runtime.runfinq',
  'runtime.goexit',
  'runtime.chanrecv1',
  'runtime.chanrecv2',
  'runtime.chanrecv',
  'runtime.chansend1',
  'runtime.chansend',
  'runtime.selectgo',
  'runtime.goparkunlock',
  'runtime.gopark',
  '/usr/local/go/src/net/http/server.go',
  '/usr/local/go/src/net/http/transport.go',
  '/usr/local/go/src/runtime/proc.go',
  '/usr/local/go/src/runtime/chan.go',
  '/usr/local/go/src/runtime/select.go',
  '/usr/local/go/src/runtime/netpoll.go',
  '/usr/local/go/src/runtime/sema.go',
  '/usr/local/go/src/internal/poll/fd_poll_runtime.go',
  '/usr/local/go/src/internal/poll/fd_unix.go',
  '/usr/local/go/src/',
  '/usr/lib/go/src/',
  '/src/runtime/',
  '.go',
  // The payload's own vocabulary: formats, sample types, units, states, wait buckets.
  'pprof profile',
  'goroutine dump (debug=1)',
  'goroutine dump (debug=2)',
  'goroutine dump (crash)',
  '.pb.gz',
  'heap',
  'allocs',
  'profile',
  'contentions',
  'delay',
  'nanoseconds',
  'samples',
  'cpu',
  'alloc_objects',
  'alloc_space',
  'inuse_objects',
  'inuse_space',
  'bytes',
  'count',
  'goroutine',
  'sync.Mutex.Lock',
  'sync.WaitGroup.Wait',
  'sync.RWMutex.RLock',
  'sync.Cond.Wait',
  'semacquire',
  'sleep',
  'syscall',
  'runnable',
  'running',
  'IO wait',
  'select (no cases)',
  'select',
  'chan receive (nil chan)',
  'chan receive',
  'chan send (nil chan)',
  'chan send',
  'critical',
  'medium',
  'low',
  'high',
  'why',
  '","<1","1-4","5-14","15-59","60-239","240+"',
  ' minutes',
  ' goroutines',
  '.ServeHTTP',
  '.func1',
  '{"v":2,"s":["',
];

/**
 * Added for schema v3: a v3 document with every finding kind and every field at its emptiest,
 * keys in their order, so the first of each key sequence costs a back-reference too.
 */
const v3Skeleton: readonly string[] = [
  '{"v":3,"profile":{"name":"","size":0,"format":"","sampleTypes":[{"type":"","unit":""}],"time":"","sha256":""},',
  '"view":{"tab":"flame","sampleType":"","granularity":"functions","filter":{"states":[""],"minWait":0,"frame":""},"focus":"","zoomPath":[""],"group":{"state":"","site":""},"search":"","topFilter":""},',
  '"findings":[{"kind":"frame","id":"","title":"","note":"","createdAt":"","func":"","path":[""],"values":{"sampleType":"","unit":"","flat":0,"cum":0,"total":0,"flatText":"","cumText":"","totalText":"","flatPct":"","cumPct":""}},',
  '{"kind":"top-row","id":"","title":"","note":"","createdAt":"","name":"","func":"","granularity":"functions","values":{"sampleType":"","unit":"","flat":0,"cum":0,"total":0,"flatText":"","cumText":"","totalText":"","flatPct":"","cumPct":""}},',
  '{"kind":"group","id":"","title":"","note":"","createdAt":"","group":{"state":"","site":"","siteFile":"","siteLine":0,"count":0,"wait":{"min":0,"median":0,"max":0},"histogram":[0]},"total":0,"bucketLabels":[""]},',
  '{"kind":"bucket","id":"","title":"","note":"","createdAt":"","group":{"state":"","site":""},"count":0,"wait":null,"frames":[{"func":"","file":"","line":0}],"depth":0,"labels":[{"key":"","value":""}]},',
  '{"kind":"known-bug","id":"","title":"","note":"","createdAt":"","bug":{"id":"","title":"","status":"affected","severity":"","summary":"","evidence":[{"label":"","value":""}],"refs":[{"label":"","url":""}]}}],',
  '"snapshot":{"top":{"sampleType":"","unit":"","granularity":"functions","total":0,"totalText":"","rows":[{"name":"","flat":0,"cum":0,"flatText":"","cumText":"","flatPct":"","cumPct":""}],"rowCount":0},',
  '"goroutines":{"total":0,"bucketLabels":[""],"groups":[{"state":"","site":"","siteFile":"","siteLine":0,"count":0,"wait":{"min":0,"median":0,"max":0},"histogram":[0]}],"groupCount":0},',
  '"knownBugs":[{"id":"","title":"","status":"affected","severity":"","summary":"","evidence":[{"label":"","value":""}],"refs":[{"label":"","url":""}]}]}}',
];

const utf8 = new TextEncoder();

/** Links made by schema v1 and v2 name this one. */
export const LINK_DICTIONARY_V2: Uint8Array = utf8.encode(parts.join(''));

/** The dictionary new links are deflated with (schema v3 on; Adler-32 in the test). */
export const LINK_DICTIONARY: Uint8Array = utf8.encode(parts.join('') + v3Skeleton.join(''));

/** zlib's Adler-32, as its header names a preset dictionary. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const byChecksum = new Map([LINK_DICTIONARY_V2, LINK_DICTIONARY].map((d) => [adler32(d), d] as const));

/** The dictionary a stream names by its Adler-32, or undefined when this page has none such. */
export function dictionaryFor(checksum: number): Uint8Array | undefined {
  return byChecksum.get(checksum >>> 0);
}
