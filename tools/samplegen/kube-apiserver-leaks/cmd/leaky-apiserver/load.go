package main

import (
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"sync/atomic"
	"time"
)

// resources every fake namespace holds, in deletion order.
var namespaceResources = []string{"configmaps", "secrets", "pods"}

// counters of what the load did, printed at each snapshot.
type counters struct {
	requests, timeouts, deleteCalls, deleteFailures, namespacesDeleted atomic.Int64
}

// client talks to the server over loopback with keep-alive connections that never expire, so
// that connections do not come and go between the dumps of one snapshot.
type client struct {
	base string
	http *http.Client
	c    *counters
}

func newClient(base string, c *counters) *client {
	transport := &http.Transport{MaxIdleConnsPerHost: 256, DisableCompression: true}
	return &client{base: base, http: &http.Client{Transport: transport}, c: c}
}

// do sends one request and returns the status code.
func (cl *client) do(method, path string) (int, error) {
	req, err := http.NewRequest(method, cl.base+path, nil)
	if err != nil {
		return 0, err
	}
	resp, err := cl.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	cl.c.requests.Add(1)
	if resp.StatusCode == http.StatusGatewayTimeout {
		cl.c.timeouts.Add(1)
	}
	return resp.StatusCode, nil
}

// namespaceController deletes namespaces the way kube-controller-manager's namespace deleter
// does: delete every resource collection, and on an error retry the namespace with
// exponential backoff. Deleted namespaces are replaced by new ones (CI churn).
type namespaceController struct {
	cl          *client
	etcd        *fakeEtcd
	gate        *gate
	queue       chan string
	minItems    int
	maxItems    int
	backoffBase time.Duration
	backoffMax  time.Duration
	idle        time.Duration
	next        atomic.Int64
}

func (nc *namespaceController) createNamespace(rng *rand.Rand) {
	name := fmt.Sprintf("ci-%05d", nc.next.Add(1))
	nc.etcd.createNamespace(rng, name, namespaceResources, nc.minItems, nc.maxItems)
	nc.queue <- name
}

func (nc *namespaceController) worker(seed int64) {
	nc.gate.Join()
	rng := rand.New(rand.NewSource(seed))
	for {
		nc.gate.Checkpoint()
		namespace := <-nc.queue
		nc.deleteWithBackoff(namespace)
		time.Sleep(nc.idle/2 + time.Duration(rng.Int63n(int64(nc.idle))))
		nc.createNamespace(rng)
	}
}

func (nc *namespaceController) deleteWithBackoff(namespace string) {
	backoff := nc.backoffBase
	for {
		if err := nc.deleteAllContent(namespace); err == nil {
			nc.cl.c.namespacesDeleted.Add(1)
			return
		}
		time.Sleep(backoff)
		if backoff *= 2; backoff > nc.backoffMax {
			backoff = nc.backoffMax
		}
		nc.gate.Checkpoint()
	}
}

func (nc *namespaceController) deleteAllContent(namespace string) error {
	nc.gate.Begin()
	defer nc.gate.End()
	for _, resource := range namespaceResources {
		nc.cl.c.deleteCalls.Add(1)
		code, err := nc.cl.do(http.MethodDelete, "/api/v1/namespaces/"+namespace+"/"+resource)
		if err == nil && code != http.StatusOK {
			err = fmt.Errorf("DELETE %s/%s: HTTP %d", namespace, resource, code)
		}
		if err != nil {
			nc.cl.c.deleteFailures.Add(1)
			return err
		}
	}
	return nil
}

// lister reads one namespace's configmaps at a steady pace: healthy, fast requests.
func lister(cl *client, g *gate, namespaces func() string, pause time.Duration) {
	g.Join()
	for {
		g.Checkpoint()
		g.Begin()
		_, _ = cl.do(http.MethodGet, "/api/v1/namespaces/"+namespaces()+"/configmaps")
		g.End()
		time.Sleep(pause)
	}
}

// slowLister issues a cluster-wide pod list every interval, each in its own goroutine as
// independent clients would; the lists are slow, and those slower than the request timeout
// leak a timeoutHandler goroutine each.
func slowLister(cl *client, g *gate, interval time.Duration) {
	g.Join()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		g.Checkpoint()
		<-tick.C
		g.Begin()
		go func() {
			defer g.End()
			_, _ = cl.do(http.MethodGet, "/api/v1/pods")
		}()
	}
}
