package loadgen

import "sync"

// Gate freezes the load so that a snapshot sees a still picture: the goroutine dumps written
// one after the other (debug=0, 1, 2) must describe the same goroutines in the same states.
// Looping goroutines Join once and call Checkpoint at the top of every iteration; one-off work
// (a request, a handler) is bracketed by Begin/End. Pause returns when every member is parked
// and nothing is in flight.
type Gate struct {
	mu       sync.Mutex
	changed  *sync.Cond
	paused   bool
	resume   chan struct{}
	members  int
	parked   int
	inflight int
}

func NewGate() *Gate {
	g := &Gate{}
	g.changed = sync.NewCond(&g.mu)
	return g
}

func (g *Gate) Join() {
	g.mu.Lock()
	g.members++
	g.mu.Unlock()
}

// Checkpoint blocks while the gate is paused.
func (g *Gate) Checkpoint() {
	g.mu.Lock()
	if !g.paused {
		g.mu.Unlock()
		return
	}
	g.parked++
	resume := g.resume
	g.changed.Broadcast()
	g.mu.Unlock()
	<-resume
}

func (g *Gate) Begin() {
	g.mu.Lock()
	g.inflight++
	g.mu.Unlock()
}

func (g *Gate) End() {
	g.mu.Lock()
	g.inflight--
	g.changed.Broadcast()
	g.mu.Unlock()
}

func (g *Gate) Pause() {
	g.mu.Lock()
	g.paused = true
	g.resume = make(chan struct{})
	for g.parked < g.members || g.inflight > 0 {
		g.changed.Wait()
	}
	g.mu.Unlock()
}

func (g *Gate) Resume() {
	g.mu.Lock()
	g.paused = false
	g.parked = 0
	close(g.resume)
	g.mu.Unlock()
}
