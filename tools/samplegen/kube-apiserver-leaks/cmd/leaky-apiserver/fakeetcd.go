package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"time"

	"k8s.io/apiserver/pkg/registry/generic/registry"
)

var errLeaderChanged = errors.New("etcdserver: leader changed")

// fakeEtcd keeps JSON-encoded objects in memory, grouped by collection key
// ("/registry/<resource>/<namespace>/"). Cluster-wide lists are slow (as under etcd latency),
// and deletes fail during periodic leader elections.
type fakeEtcd struct {
	start time.Time
	// leaderChanges: deletes fail from leaderChangeFirst on, for leaderChangeLength every
	// leaderChangeEvery.
	leaderChangeFirst, leaderChangeEvery, leaderChangeLength time.Duration
	// clusterListLatency draws the latency of a cluster-wide list.
	clusterListLatency func() time.Duration

	mu          sync.RWMutex
	collections map[string]map[string][]byte
	revision    int64
}

func newFakeEtcd() *fakeEtcd {
	return &fakeEtcd{
		start:       time.Now(),
		collections: make(map[string]map[string][]byte),
	}
}

func (s *fakeEtcd) electing(now time.Time) bool {
	since := now.Sub(s.start) - s.leaderChangeFirst
	return s.leaderChangeLength > 0 && since >= 0 && since%s.leaderChangeEvery < s.leaderChangeLength
}

// GetToList decodes every object under key. A key ending in "//" lists a resource across all
// namespaces.
func (s *fakeEtcd) GetToList(ctx context.Context, key string, list *registry.List) error {
	clusterWide := strings.HasSuffix(key, "//")
	resourcePrefix := strings.TrimSuffix(key, "/")
	if clusterWide {
		time.Sleep(s.clusterListLatency())
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var collections []string
	if clusterWide {
		for k := range s.collections {
			if strings.HasPrefix(k, resourcePrefix) {
				collections = append(collections, k)
			}
		}
		sort.Strings(collections)
	} else {
		collections = []string{key}
	}
	for _, c := range collections {
		names := make([]string, 0, len(s.collections[c]))
		for name := range s.collections[c] {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			obj := &registry.Object{}
			if err := json.Unmarshal(s.collections[c][name], obj); err != nil {
				return fmt.Errorf("decoding %s%s: %w", c, name, err)
			}
			list.Items = append(list.Items, obj)
		}
	}
	list.ResourceVersion = fmt.Sprint(s.revision)
	return nil
}

func (s *fakeEtcd) Delete(ctx context.Context, key string) error {
	if s.electing(time.Now()) {
		return errLeaderChanged
	}
	i := strings.LastIndexByte(key, '/')
	collection, name := key[:i+1], key[i+1:]
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.collections[collection], name)
	if len(s.collections[collection]) == 0 {
		// Go maps do not shrink: drop emptied collections, or the fake would leak memory of
		// its own into the heap profiles.
		delete(s.collections, collection)
	}
	s.revision++
	return nil
}

// createNamespace stores between min and max objects of each resource in namespace.
func (s *fakeEtcd) createNamespace(rng *rand.Rand, namespace string, resources []string, min, max int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, resource := range resources {
		key := "/registry/" + resource + "/" + namespace + "/"
		objects := make(map[string][]byte)
		n := min + rng.Intn(max-min+1)
		for i := 0; i < n; i++ {
			s.revision++
			obj := fakeObject(rng, resource, namespace, i, s.revision)
			raw, err := json.Marshal(obj)
			if err != nil {
				panic(err)
			}
			objects[obj.Name] = raw
		}
		s.collections[key] = objects
	}
}

func fakeObject(rng *rand.Rand, resource, namespace string, i int, revision int64) *registry.Object {
	kind := map[string]string{"configmaps": "ConfigMap", "secrets": "Secret", "pods": "Pod"}[resource]
	obj := &registry.Object{
		Kind:            kind,
		Name:            fmt.Sprintf("%s-%s-%d", strings.ToLower(kind), namespace, i),
		Namespace:       namespace,
		UID:             fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", rng.Uint32(), rng.Intn(1<<16), rng.Intn(1<<16), rng.Intn(1<<16), rng.Int63n(1<<48)),
		ResourceVersion: fmt.Sprint(revision),
		Labels:          map[string]string{"app": "ci-job", "run": namespace, "index": fmt.Sprint(i)},
		Annotations:     map[string]string{"ci.example/owner": "pipeline-" + fmt.Sprint(rng.Intn(40))},
		Data:            map[string]string{},
	}
	for k := 0; k < 1+rng.Intn(4); k++ {
		obj.Data[fmt.Sprintf("key-%d", k)] = randomText(rng, 64+rng.Intn(448))
	}
	return obj
}

func randomText(rng *rand.Rand, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.Intn(len(alphabet))]
	}
	return string(b)
}
