package work

import "context"

// Pool runs jobs on a fixed set of goroutines, bounding how much CPU requests can take.
type Pool struct {
	jobs chan func()
}

// NewPool starts workers goroutines.
func NewPool(workers int) *Pool {
	p := &Pool{jobs: make(chan func())}
	for i := 0; i < workers; i++ {
		go p.worker()
	}
	return p
}

func (p *Pool) worker() {
	for job := range p.jobs {
		job()
	}
}

// Do runs job on a worker and waits for it, or gives up when ctx ends first.
func (p *Pool) Do(ctx context.Context, job func()) error {
	done := make(chan struct{})
	select {
	case p.jobs <- func() { job(); close(done) }:
	case <-ctx.Done():
		return ctx.Err()
	}
	<-done
	return nil
}
