// Command toyserver runs a small shop API under load from its own clients over loopback and
// writes healthy profiles of itself for stackscope's samples: CPU, heap, allocs, block, mutex,
// and the goroutine profile at debug=0, 1 and 2 of one moment.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"toyserver/internal/api"
	"toyserver/internal/catalog"
	"toyserver/internal/loadgen"
	"toyserver/internal/work"
)

// indexEntry is one row of public/samples/index.json.
type indexEntry struct {
	Name        string  `json:"name"`
	File        string  `json:"file"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Kind        string  `json:"kind"`
	Format      string  `json:"format"`
	CapturedAt  *string `json:"capturedAt"`
	Group       string  `json:"group"`
}

const products = 5000

func main() {
	var (
		outDir   = flag.String("out", ".", "directory for the samples")
		indexOut = flag.String("index", "", "write the index.json entries to this file")
		warmup   = flag.Duration("warmup", 3*time.Second, "load before the CPU profile starts")
		cpuFor   = flag.Duration("cpu", 10*time.Second, "length of the CPU profile")
	)
	flag.Parse()
	// Sample an allocation every 32 KiB on average instead of 512 KiB: the toy heap is small,
	// and a finer rate gives its heap profile the detail a big server's has.
	runtime.MemProfileRate = 32 << 10
	// Record blocking events of 20 us and more (shorter ones proportionally) and 1 in 10
	// mutex contention events.
	runtime.SetBlockProfileRate(20000)
	runtime.SetMutexProfileFraction(10)

	server := api.NewServer(catalog.Generate(products, 1), catalog.NewPageCache(8<<20), work.NewPool(runtime.NumCPU()), 20000, 5000)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(http.Serve(listener, server.Handler())) }()

	load := loadgen.New("http://"+listener.Addr().String(), products)
	for i := 0; i < 8; i++ {
		go load.Shopper(int64(i+1), 2*time.Millisecond)
	}
	for i := 0; i < 4; i++ {
		go load.Watcher()
	}

	time.Sleep(*warmup)
	cpuStart := time.Now().UTC().Format(time.RFC3339)
	var cpu bytes.Buffer
	if err := pprof.StartCPUProfile(&cpu); err != nil {
		log.Fatal(err)
	}
	time.Sleep(*cpuFor)
	pprof.StopCPUProfile()
	write(*outDir, "toyserver.cpu.pb.gz", cpu.Bytes())

	load.Gate.Pause()
	// Let goroutines that just finished a request park, stamp wait times, make the heap
	// profile current (as /debug/pprof/heap?gc=1 does), and let finalizers run.
	time.Sleep(300 * time.Millisecond)
	runtime.GC()
	time.Sleep(100 * time.Millisecond)
	captured := time.Now().UTC().Format(time.RFC3339)
	profiles := []struct {
		file, profile string
		debug         int
	}{
		{"toyserver.goroutine.pb.gz", "goroutine", 0},
		{"toyserver.goroutine.debug1.txt", "goroutine", 1},
		{"toyserver.goroutine.debug2.txt", "goroutine", 2},
		{"toyserver.heap.pb.gz", "heap", 0},
		{"toyserver.allocs.pb.gz", "allocs", 0},
		{"toyserver.block.pb.gz", "block", 0},
		{"toyserver.mutex.pb.gz", "mutex", 0},
	}
	var goroutines int
	for _, p := range profiles {
		var buf bytes.Buffer
		if err := pprof.Lookup(p.profile).WriteTo(&buf, p.debug); err != nil {
			log.Fatal(err)
		}
		if p.debug == 1 {
			if _, err := fmt.Sscanf(buf.String(), "goroutine profile: total %d", &goroutines); err != nil {
				log.Fatal(err)
			}
		}
		write(*outDir, p.file, buf.Bytes())
	}
	hits, misses, cached := server.Pages.Stats()
	log.Printf("toyserver: requests=%d errors=%d goroutines=%d page cache hits=%d misses=%d bytes=%d",
		load.Stats.Requests.Load(), load.Stats.Errors.Load(), goroutines, hits, misses, cached)

	if *indexOut != "" {
		at := &captured
		g := fmt.Sprintf("%d goroutines", goroutines)
		entries := []indexEntry{
			{"toyserver-heap", "toyserver.heap.pb.gz", "Toy shop server: heap",
				"Healthy heap of a small Go HTTP server: catalog, order log and page cache in use.", "heap", "pprof", at, "toyserver"},
			{"toyserver-allocs", "toyserver.allocs.pb.gz", "Toy shop server: allocations",
				"Everything allocated since start: JSON encoding and decoding, search results, report buffers.", "allocs", "pprof", at, "toyserver"},
			{"toyserver-cpu", "toyserver.cpu.pb.gz", "Toy shop server: CPU",
				fmt.Sprintf("CPU profile of %s of load: SHA-256 order confirmations, search sorting, JSON and report compression.", *cpuFor), "cpu", "pprof", &cpuStart, "toyserver"},
			{"toyserver-goroutine", "toyserver.goroutine.pb.gz", "Toy shop server: goroutines (pprof)",
				"Healthy goroutine profile (debug=0), " + g + ": idle connections, long-poll watchers, pool workers, no leaks.", "goroutine", "pprof", at, "toyserver"},
			{"toyserver-goroutine-debug1", "toyserver.goroutine.debug1.txt", "Toy shop server: goroutines (debug=1)",
				"The same moment as counted stacks (debug=1), " + g + ".", "goroutine", "debug1", at, "toyserver"},
			{"toyserver-goroutine-debug2", "toyserver.goroutine.debug2.txt", "Toy shop server: goroutine dump (debug=2)",
				"The same moment as a full goroutine dump (debug=2), " + g + ", no leaks.", "goroutine", "debug2", at, "toyserver"},
			{"toyserver-block", "toyserver.block.pb.gz", "Toy shop server: blocking",
				"Where goroutines waited on channels, locks and selects (block profile).", "block", "pprof", at, "toyserver"},
			{"toyserver-mutex", "toyserver.mutex.pb.gz", "Toy shop server: mutex contention",
				"Where lock holders made others wait: catalog and page-cache locks (mutex profile).", "mutex", "pprof", at, "toyserver"},
		}
		raw, err := json.MarshalIndent(entries, "", "  ")
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*indexOut, append(raw, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func write(dir, name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}
