// Command leaky-apiserver is a miniature kube-apiserver that reproduces two goroutine leaks of
// real kube-apiserver versions under steady load, and writes goroutine dumps and heap profiles
// at chosen moments, for stackscope's samples:
//
//   - KAS-TIMEOUT-LEAK: cluster-wide lists slower than the request timeout leave one
//     k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1 goroutine each,
//     blocked for ever in [chan send].
//   - KAS-DELCOL: namespace deletions that hit etcd leader elections leave one
//     k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1 goroutine
//     each, blocked in [chan send] and pinning the listed objects.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"k8s.io/apiserver/pkg/registry/generic/registry"
)

func main() {
	var (
		outDir    = flag.String("out", ".", "directory for the samples")
		prefix    = flag.String("prefix", "apiserver-leaks", "sample file name prefix")
		group     = flag.String("group", "apiserver-leaks", "index.json group")
		snapshots = flag.String("snapshots", "4m,8m", "comma-separated times since start to snapshot at; the program exits after the last")
		gcEvery   = flag.Duration("gc-every", 30*time.Second, "force a GC this often, so that wait minutes appear in debug=2 headers")
		seed      = flag.Int64("seed", 1, "random seed")
		indexOut  = flag.String("index", "", "write this run's index.json entries to this file")
		// The flags below vary the load for test/fixtures/series (several processes and replicas);
		// their defaults are the load of the public samples.
		slowListEvery = flag.Duration("slow-list-every", 350*time.Millisecond, "interval of cluster-wide lists (0: none, no timeout leaks)")
		leaderChanges = flag.Bool("leader-changes", true, "fail deletes during etcd leader elections (false: no DeleteCollection leaks)")
		labels        = flag.Bool("labels", false, "set pprof labels verb, resource and scope on every request")
	)
	flag.Parse()
	at, err := parseDurations(*snapshots)
	if err != nil {
		log.Fatal(err)
	}
	rand.Seed(*seed)

	etcd := newFakeEtcd()
	etcd.leaderChangeFirst, etcd.leaderChangeEvery, etcd.leaderChangeLength = 20*time.Second, 30*time.Second, 5*time.Second
	if !*leaderChanges {
		etcd.leaderChangeLength = 0
	}
	// Cluster-wide lists take 0.6-2.2 s against a 1 s timeout: about 3 in 4 time out.
	etcd.clusterListLatency = func() time.Duration {
		return 600*time.Millisecond + time.Duration(rand.Int63n(int64(1600*time.Millisecond)))
	}

	g := newGate()
	stores := make(map[string]*registry.Store)
	for _, resource := range namespaceResources {
		stores[resource] = &registry.Store{Resource: resource, Storage: etcd, DeleteCollectionWorkers: 2}
	}
	api := &apiServer{stores: stores, gate: g}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	handler := api.handler(time.Second)
	if *labels {
		handler = withProfilerLabels(handler)
	}
	server := &http.Server{Handler: handler}
	go func() { log.Fatal(server.Serve(listener)) }()

	c := &counters{}
	base := "http://" + listener.Addr().String()
	nc := &namespaceController{
		cl: newClient(base, c), etcd: etcd, gate: g, queue: make(chan string, 64),
		minItems: 60, maxItems: 140, backoffBase: 50 * time.Millisecond, backoffMax: 800 * time.Millisecond,
		idle: time.Second,
	}
	rng := rand.New(rand.NewSource(*seed))
	const namespaceWorkers = 6
	for i := 0; i < namespaceWorkers+4; i++ {
		nc.createNamespace(rng)
	}
	for i := 0; i < namespaceWorkers; i++ {
		go nc.worker(*seed + int64(i) + 1)
	}
	recentNamespace := func() string {
		return fmt.Sprintf("ci-%05d", nc.next.Load()-rand.Int63n(8))
	}
	for i := 0; i < 4; i++ {
		go lister(newClient(base, c), g, recentNamespace, 40*time.Millisecond)
	}
	if *slowListEvery > 0 {
		go slowLister(newClient(base, c), g, *slowListEvery)
	}

	var entries []indexEntry
	start := time.Now()
	gcTick := time.NewTicker(*gcEvery)
	for i, d := range at {
		timer := time.NewTimer(time.Until(start.Add(d)))
	wait:
		for {
			select {
			case <-gcTick.C:
				runtime.GC()
			case <-timer.C:
				break wait
			}
		}
		name := *prefix
		if len(at) > 1 {
			name = fmt.Sprintf("%s.t%d", *prefix, i+1)
		}
		g.Pause()
		shot, err := takeSnapshot(*outDir, name, *group, d)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("%s at %v: requests=%d timeouts=%d deleteCalls=%d deleteFailures=%d namespacesDeleted=%d; %s",
			name, d, c.requests.Load(), c.timeouts.Load(), c.deleteCalls.Load(), c.deleteFailures.Load(), c.namespacesDeleted.Load(), shot.summary)
		entries = append(entries, shot.entries...)
		g.Resume()
	}
	if *indexOut != "" {
		raw, err := json.MarshalIndent(entries, "", "  ")
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*indexOut, append(raw, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func parseDurations(list string) ([]time.Duration, error) {
	var out []time.Duration
	for _, s := range strings.Split(list, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("-snapshots: %w", err)
		}
		if len(out) > 0 && d <= out[len(out)-1] {
			return nil, fmt.Errorf("-snapshots: %v is not after %v", d, out[len(out)-1])
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		fmt.Fprintln(os.Stderr, "-snapshots: empty")
		os.Exit(2)
	}
	return out, nil
}
