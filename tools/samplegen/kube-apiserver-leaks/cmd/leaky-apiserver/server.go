package main

import (
	"context"
	"encoding/json"
	"net/http"
	"runtime/pprof"
	"strings"
	"time"

	"k8s.io/apiserver/pkg/registry/generic/registry"
	"k8s.io/apiserver/pkg/server/filters"
)

// apiServer routes /api/v1/namespaces/<ns>/<resource> (GET lists, DELETE deletes the
// collection) and /api/v1/<resource> (cluster-wide list) to the registry stores.
type apiServer struct {
	stores map[string]*registry.Store
	gate   *gate
}

func (a *apiServer) handler(requestTimeout time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/", a.serveResource)
	neverLongRunning := func(*http.Request) bool { return false }
	return filters.WithTimeoutForNonLongRunningRequests(mux, neverLongRunning, requestTimeout)
}

func (a *apiServer) serveResource(w http.ResponseWriter, r *http.Request) {
	// Counted so that a snapshot waits for handlers still running after their request timed out.
	a.gate.Begin()
	defer a.gate.End()

	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/")
	var namespace, resource string
	switch {
	case len(parts) == 3 && parts[0] == "namespaces":
		namespace, resource = parts[1], parts[2]
	case len(parts) == 1:
		resource = parts[0]
	default:
		writeStatus(w, http.StatusNotFound, "no such path")
		return
	}
	store, ok := a.stores[resource]
	if !ok {
		writeStatus(w, http.StatusNotFound, "no such resource "+resource)
		return
	}
	switch {
	case r.Method == http.MethodGet:
		list, err := store.List(r.Context(), namespace)
		if err != nil {
			writeStatus(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeList(w, list)
	case r.Method == http.MethodDelete && namespace != "":
		list, err := store.DeleteCollection(r.Context(), namespace)
		if err != nil {
			writeStatus(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeList(w, list)
	default:
		writeStatus(w, http.StatusMethodNotAllowed, r.Method+" not allowed")
	}
}

func writeList(w http.ResponseWriter, list *registry.List) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(struct {
		Kind     string             `json:"kind"`
		Metadata map[string]string  `json:"metadata"`
		Items    []*registry.Object `json:"items"`
	}{"List", map[string]string{"resourceVersion": list.ResourceVersion}, list.Items})
}

func writeStatus(w http.ResponseWriter, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]interface{}{"kind": "Status", "code": code, "message": message})
}

// withProfilerLabels runs each request under pprof labels, outside the timeout filter so that
// the goroutine the filter starts (and any it leaks) carries them too; goroutine profiles at
// debug=0 and debug=1 then show which requests the goroutines belong to.
func withProfilerLabels(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/")
		scope, resource := "cluster", parts[len(parts)-1]
		if len(parts) == 3 {
			scope = "namespace"
		}
		verb := map[string]string{http.MethodGet: "LIST", http.MethodDelete: "DELETECOLLECTION"}[r.Method]
		pprof.Do(r.Context(), pprof.Labels("verb", verb, "resource", resource, "scope", scope), func(ctx context.Context) {
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	})
}
