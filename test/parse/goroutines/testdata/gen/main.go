// Writes the debug=1 text and the debug=0 protobuf of the same runtime/pprof profiles
// (goroutine with labels, threadcreate, heap, block, mutex), and a debug=2 goroutine dump, so
// the tests can check that parsing debug=1 yields the sample types and values of debug=0.
// Run by generate.sh, which keeps the debug=1 text and `go tool pprof -raw` of each debug=0.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"
)

var keep [][]byte

//go:noinline
func allocSmall(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, make([]byte, 48))
	}
}

//go:noinline
func allocLarge(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, make([]byte, 300<<10))
	}
}

//go:noinline
func allocTransient(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 3000)
		b[0] = 1
	}
}

//go:noinline
func blockOnChannel(ch chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	<-ch
}

//go:noinline
func contend(mu *sync.Mutex, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 2000; i++ {
		mu.Lock()
		time.Sleep(time.Microsecond)
		mu.Unlock()
	}
}

//go:noinline
func parked(ch chan int) { <-ch }

func write(dir, name string, debugLevel int, file string) {
	f, err := os.Create(filepath.Join(dir, file))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup(name).WriteTo(f, debugLevel); err != nil {
		panic(err)
	}
	f.Close()
}

func both(dir, name string) {
	write(dir, name, 1, name+".debug1.txt")
	write(dir, name, 0, name+".pb.gz")
}

func main() {
	dir := os.Args[1]
	runtime.MemProfileRate = 4096
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(2)

	// Heap: small kept objects, large kept objects, transient ones (alloc != inuse).
	allocSmall(20000)
	allocLarge(40)
	allocTransient(5000)
	runtime.GC()
	runtime.GC()
	debug.SetGCPercent(-1)

	// Block: goroutines waiting on a channel; mutex: goroutines contending for a lock.
	var wg sync.WaitGroup
	ch := make(chan int)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go blockOnChannel(ch, &wg)
	}
	time.Sleep(20 * time.Millisecond)
	close(ch)
	wg.Wait()
	var mu sync.Mutex
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go contend(&mu, &wg)
	}
	wg.Wait()
	// The mutex profile is scaled by the sampling fraction in force when it is written.
	runtime.SetBlockProfileRate(0)

	// Goroutines parked forever, some with labels that need quoting.
	forever := make(chan int)
	for i := 0; i < 3; i++ {
		go parked(forever)
	}
	labels := pprof.Labels("job", "import \"id\"=7", "note", "caf\u00e9\n\t\\", "empty", "")
	for i := 0; i < 5; i++ {
		go pprof.Do(context.Background(), labels, func(context.Context) { parked(forever) })
	}
	time.Sleep(20 * time.Millisecond)

	both(dir, "heap")
	both(dir, "block")
	both(dir, "mutex")
	both(dir, "threadcreate")
	both(dir, "goroutine")
	write(dir, "goroutine", 2, "goroutine.debug2.txt")
	fmt.Println("ok", runtime.Version())
}
