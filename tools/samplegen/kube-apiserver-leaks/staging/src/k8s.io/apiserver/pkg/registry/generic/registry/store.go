// Package registry reproduces the generic REST store's DeleteCollection of kube-apiserver
// <= 1.22 with its goroutine leak (KAS-DELCOL, fixed by k/k#105606). Written for stackscope's
// sample generator from the published facts, not copied from Kubernetes.
package registry

import (
	"context"
	"fmt"
	"sync"
)

// Object is one stored item, decoded.
type Object struct {
	Kind            string `json:"kind"`
	Name            string `json:"name"`
	Namespace       string `json:"namespace"`
	UID             string `json:"uid"`
	ResourceVersion string `json:"resourceVersion"`
	// DeletionTimestamp is set once a graceful deletion has started.
	DeletionTimestamp string            `json:"deletionTimestamp,omitempty"`
	Labels            map[string]string `json:"labels,omitempty"`
	Annotations       map[string]string `json:"annotations,omitempty"`
	Data              map[string]string `json:"data,omitempty"`
}

// List is a decoded collection.
type List struct {
	ResourceVersion string
	Items           []*Object
}

// Storage is the slice of the storage interface the store needs (etcd in kube-apiserver).
type Storage interface {
	// GetToList decodes every object under key into list.
	GetToList(ctx context.Context, key string, list *List) error
	// Delete removes the object stored at key.
	Delete(ctx context.Context, key string) error
}

// Store serves one resource (e.g. configmaps) from Storage.
type Store struct {
	Resource string
	Storage  Storage
	// DeleteCollectionWorkers is how many deletes run in parallel (--delete-collection-workers).
	DeleteCollectionWorkers int
}

func (e *Store) collectionKey(namespace string) string {
	return "/registry/" + e.Resource + "/" + namespace + "/"
}

func (e *Store) itemKey(obj *Object) string {
	return e.collectionKey(obj.Namespace) + obj.Name
}

// List returns every object of the resource in namespace.
func (e *Store) List(ctx context.Context, namespace string) (*List, error) {
	list := &List{}
	if err := e.Storage.GetToList(ctx, e.collectionKey(namespace), list); err != nil {
		return nil, err
	}
	return list, nil
}

// DeleteCollection lists the namespace's objects and deletes them with a pool of workers fed by
// a distributor goroutine. The bug: each worker returns on its first error, and when all of
// them have returned nobody drains toProcess, so the distributor blocks forever on its send and
// keeps the whole listed collection reachable, one goroutine per failed call.
func (e *Store) DeleteCollection(ctx context.Context, namespace string) (*List, error) {
	listObj, err := e.List(ctx, namespace)
	if err != nil {
		return nil, err
	}
	items := listObj.Items
	if len(items) == 0 {
		return listObj, nil
	}

	workersNumber := e.DeleteCollectionWorkers
	if workersNumber > len(items) {
		workersNumber = len(items)
	}
	if workersNumber < 1 {
		workersNumber = 1
	}
	var wg sync.WaitGroup
	toProcess := make(chan int, 2*workersNumber)
	errs := make(chan error, workersNumber+1)

	// The distributor reads each item while it hands out indexes, so while it is blocked it
	// keeps the whole listed collection reachable.
	go func() {
		for i, item := range items {
			if item.DeletionTimestamp != "" {
				continue // already terminating: its own graceful deletion will finish it
			}
			toProcess <- i
		}
		close(toProcess)
	}()

	wg.Add(workersNumber)
	for w := 0; w < workersNumber; w++ {
		go func() {
			defer wg.Done()
			for index := range toProcess {
				if err := e.Storage.Delete(ctx, e.itemKey(items[index])); err != nil {
					errs <- fmt.Errorf("deleting %s %s/%s: %w", e.Resource, namespace, items[index].Name, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errs:
		return nil, err
	default:
		return listObj, nil
	}
}
