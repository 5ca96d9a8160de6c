// Package filters reproduces the request-timeout filter of kube-apiserver 1.11-1.16 with its
// goroutine leak (KAS-TIMEOUT-LEAK, k/k#68001, fixed by k/k#83333). Written for stackscope's
// sample generator from the published facts, not copied from Kubernetes.
package filters

import (
	"net/http"
	"sync"
	"time"
)

// WithTimeoutForNonLongRunningRequests gives every request that isLongRunning rejects a deadline
// of timeout; requests still running at the deadline get 504 Gateway Timeout.
func WithTimeoutForNonLongRunningRequests(handler http.Handler, isLongRunning func(*http.Request) bool, timeout time.Duration) http.Handler {
	deadline := func(req *http.Request) (<-chan time.Time, func(), string) {
		if isLongRunning(req) {
			return nil, nil, ""
		}
		postTimeout := func() {}
		return time.After(timeout), postTimeout, "request did not complete within " + timeout.String()
	}
	return &timeoutHandler{handler: handler, timeout: deadline}
}

type timeoutHandler struct {
	handler http.Handler
	// timeout returns the channel that fires at the deadline (nil: no deadline), a hook run
	// after a timeout, and the message sent to the client.
	timeout func(*http.Request) (<-chan time.Time, func(), string)
}

// ServeHTTP runs the inner handler in its own goroutine and answers 504 if it is not done in
// time. The bug: errCh is unbuffered and nobody receives from it once ServeHTTP has returned on
// the timeout branch, so the inner goroutine's deferred send blocks forever, one goroutine per
// timed-out request.
func (t *timeoutHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	after, postTimeoutFn, msg := t.timeout(r)
	if after == nil {
		t.handler.ServeHTTP(w, r)
		return
	}

	errCh := make(chan interface{})
	tw := newTimeoutWriter(w)
	go func() {
		defer func() {
			errCh <- recover()
		}()
		t.handler.ServeHTTP(tw, r)
	}()
	select {
	case err := <-errCh:
		if err != nil {
			panic(err)
		}
		return
	case <-after:
		postTimeoutFn()
		tw.timeout(msg)
	}
}

// timeoutWriter forwards writes until the deadline, then swallows them: the real writer must not
// be touched after ServeHTTP returns.
type timeoutWriter struct {
	w http.ResponseWriter

	mu          sync.Mutex
	timedOut    bool
	wroteHeader bool
}

func newTimeoutWriter(w http.ResponseWriter) *timeoutWriter {
	return &timeoutWriter{w: w}
}

func (tw *timeoutWriter) Header() http.Header { return tw.w.Header() }

func (tw *timeoutWriter) Write(p []byte) (int, error) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.timedOut {
		return 0, http.ErrHandlerTimeout
	}
	tw.wroteHeader = true
	return tw.w.Write(p)
}

func (tw *timeoutWriter) WriteHeader(code int) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.timedOut || tw.wroteHeader {
		return
	}
	tw.wroteHeader = true
	tw.w.WriteHeader(code)
}

func (tw *timeoutWriter) timeout(msg string) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	tw.timedOut = true
	if tw.wroteHeader {
		// Too late for a status: the client sees a short body.
		return
	}
	tw.w.Header().Set("Content-Type", "application/json")
	tw.w.WriteHeader(http.StatusGatewayTimeout)
	_, _ = tw.w.Write([]byte(`{"kind":"Status","status":"Failure","message":"` + msg + `","reason":"Timeout","code":504}` + "\n"))
}
