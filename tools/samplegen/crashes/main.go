// Command crashes dies in one of the ways Go programs die in production, with other goroutines
// parked at realistic places, so that stackscope's tests have real crash output to read:
//
//	crashes -mode repanic   a handler panics, a deferred recover logs and panics again: "[recovered]"
//	crashes -mode nilderef  a nil pointer dereference: "[signal SIGSEGV ...]" with addr and pc
//	crashes -mode mapwrite  two goroutines write one map: "fatal error: concurrent map writes"
//
// Run it with GOTRACEBACK=all through `go run`, which adds the "exit status 2" line.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"sync"
	"time"
)

type request struct {
	path  string
	cache *cache
}

type cache struct {
	entries map[string]int
}

func main() {
	mode := flag.String("mode", "repanic", "repanic, nilderef or mapwrite")
	flag.Parse()
	log.SetFlags(log.Ldate | log.Ltime | log.Lmicroseconds | log.LUTC)
	log.Printf("crashes: starting in mode %s", *mode)

	// Bystanders: a worker pool waiting for work and a ticker loop, as a server would have.
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go worker(jobs, &wg)
	}
	go tick(time.NewTicker(time.Hour))
	time.Sleep(50 * time.Millisecond)

	switch *mode {
	case "repanic":
		serve(&request{path: "/orders/42"})
	case "nilderef":
		serve(&request{path: "/reports/7"})
	case "mapwrite":
		c := &cache{entries: make(map[string]int)}
		done := make(chan struct{})
		for i := 0; i < 2; i++ {
			go fill(c, i, done)
		}
		<-done
	default:
		fmt.Fprintln(os.Stderr, "unknown -mode", *mode)
		os.Exit(2)
	}
}

func worker(jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		_ = j
	}
}

func tick(t *time.Ticker) {
	for range t.C {
	}
}

var errOrderMissing = errors.New("order 42 not found")

// serve recovers a handler's panic to log it, then panics again with more context, as many
// HTTP middlewares do: the runtime prints the first panic marked [recovered].
func serve(r *request) {
	defer func() {
		if v := recover(); v != nil {
			log.Printf("handler for %s panicked: %v", r.path, v)
			panic(fmt.Sprintf("serve %s: %v", r.path, v))
		}
	}()
	handle(r)
}

func handle(r *request) {
	if r.path == "/reports/7" {
		// r.cache is nil: a nil pointer dereference, reported as SIGSEGV.
		r.cache.entries["x"]++
		return
	}
	panic(errOrderMissing)
}

func fill(c *cache, id int, done chan<- struct{}) {
	for i := 0; ; i++ {
		c.entries[fmt.Sprintf("k%d-%d", id, i%1000)] = i
	}
}
