// Command legacy writes the legacy text and binary profiles pprof reads, for stackscope's
// parser tests: runtime/pprof's debug=1 texts of a real workload (heap with its
// "# runtime.MemStats" block, block and mutex with the rates set, threadcreate), and
// hand-crafted inputs in the formats other runtimes write, following the parsers of
// github.com/google/pprof/profile/legacy_profile.go (Go 1.19 vendors it):
// "--- contentionz" (contention with cycles/sec and sampling period), "--- threadz",
// "heapz" (heap_v2 with a mapping section), and a legacy binary CPU profile
// (64-bit little-endian words: header 0,3,0,period,0; samples count,n,pcs...; trailer
// 0,1,0; then /proc/self/maps lines).
//
//	legacy -out DIR
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var sink [][]byte

//go:noinline
func allocSmall(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, make([]byte, 512))
	}
}

//go:noinline
func allocLarge(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, make([]byte, 64<<10))
	}
}

//go:noinline
func churn(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 4096)
		b[0] = byte(i)
	}
}

//go:noinline
func waitOnChannel(ch chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	<-ch
}

//go:noinline
func contendMutex(mu *sync.Mutex, wg *sync.WaitGroup, rounds int) {
	defer wg.Done()
	for i := 0; i < rounds; i++ {
		mu.Lock()
		time.Sleep(200 * time.Microsecond)
		mu.Unlock()
	}
}

//go:noinline
func spawnThreads(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			time.Sleep(20 * time.Millisecond)
		}()
	}
	wg.Wait()
}

func write(dir, name string, body []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
		log.Fatal(err)
	}
}

func profileText(name string) []byte {
	var buf bytes.Buffer
	if err := pprof.Lookup(name).WriteTo(&buf, 1); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func main() {
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	runtime.MemProfileRate = 4096
	runtime.SetBlockProfileRate(10000) // one sample per 10 µs blocked, on average
	runtime.SetMutexProfileFraction(5)

	allocSmall(2000)
	allocLarge(40)
	churn(5000)

	var wg sync.WaitGroup
	ch := make(chan int)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go waitOnChannel(ch, &wg)
	}
	time.Sleep(30 * time.Millisecond)
	close(ch)
	wg.Wait()

	var mu sync.Mutex
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go contendMutex(&mu, &wg, 50)
	}
	wg.Wait()
	spawnThreads(6)
	runtime.GC()

	write(*out, "go.heap.debug1.txt", profileText("heap"))
	write(*out, "go.block.debug1.txt", profileText("block"))
	write(*out, "go.mutex.debug1.txt", profileText("mutex"))
	write(*out, "go.threadcreate.debug1.txt", profileText("threadcreate"))
	write(*out, "contentionz.txt", []byte(contentionz))
	write(*out, "threadz.txt", []byte(threadz))
	write(*out, "heapz.txt", []byte(heapz))
	write(*out, "cpu.legacy.prof", legacyCPU())
	write(*out, "java.heapz.txt", []byte(javaHeapz))
	write(*out, "java.contentionz.txt", []byte(javaContentionz))
	write(*out, "java.cpu.prof", javaCPU())
}

// Java texts ("--- heapz 1 ---", "--- contentionz 1 ---") end with a table naming each address.
const javaLocations = `0x0000000a	java.util.HashMap.resize (HashMap.java:704)
0x0000000b	java.util.HashMap.putVal (HashMap.java:663)
0x0000000c	com.example.Cache.put (Cache.java:42)
0x0000000d	com.example.Server.handle (Server.java:120)
0x0000000e	java.lang.Thread.run (Thread.java:829)
0x0000000f	com.example.Pool.take (Pool.java:77)
`

// javaHeapz: "size count @ addrs" per line, sampled at 512 KiB (pprof scales by it).
const javaHeapz = `--- heapz 1 ---
format = java
resolution = bytes
4194304 8 @ 0x0000000a 0x0000000b 0x0000000c 0x0000000d 0x0000000e
1048576 1024 @ 0x0000000c 0x0000000d 0x0000000e
65536 2 @ 0x0000000f 0x0000000d 0x0000000e
` + javaLocations

// javaContentionz: "delay contentions @ addrs", times the sampling period.
const javaContentionz = `--- contentionz 1 ---
format = java
resolution = microseconds
sampling period = 10
ms since reset = 30000
125000 40 @ 0x0000000f 0x0000000d 0x0000000e
3000 6 @ 0x0000000c 0x0000000d 0x0000000e
` + javaLocations

// javaCPU: the binary CPU header with 1 (Java) as its third word, then the location table.
func javaCPU() []byte {
	var buf bytes.Buffer
	w := func(v uint64) { _ = binary.Write(&buf, binary.LittleEndian, v) }
	for _, v := range []uint64{0, 3, 1, 10000, 0} {
		w(v)
	}
	for _, s := range [][]uint64{{300, 3, 0xa, 0xb, 0xc}, {120, 2, 0xf, 0xd}, {15, 1, 0xe}} {
		for _, v := range s {
			w(v)
		}
	}
	for _, v := range []uint64{0, 1, 0} {
		w(v)
	}
	buf.WriteString(javaLocations)
	return buf.Bytes()
}

// Addresses below fall in the mapping of /usr/local/bin/server: 0x400000-0x800000.
const maps = `00400000-00800000 r-xp 00000000 08:01 1234 /usr/local/bin/server
7f0000000000-7f0000100000 r-xp 00000000 08:01 5678 /lib/x86_64-linux-gnu/libc.so.6
`

// contentionz: what C++ servers write at /contentionz (cycles/second, sampling period).
const contentionz = `--- contentionz ---
cycles/second = 2000000000
sampling period = 100
ms since reset = 60000
discarded samples = 0
2000000 4 @ 0x401000 0x402000 0x403000
1000000 2 @ 0x401000 0x402100
500000 1 @ 0x404000 0x402000 0x403000
3000000 10 @ 0x7f0000001000 0x405000
--- Memory map: ---
` + maps

// threadz: per-thread stacks, as "--- threadz N ---" dumps print them.
const threadz = `--- threadz 3 ---

--- Thread 7f00001 (name: main/1) stack: ---
  PC: 0x401000 0x402000 0x403000
--- Thread 7f00002 (name: worker/2) stack: ---
  PC: 0x401000 0x402000 0x403000
--- Thread 7f00003 (name: worker/3) stack: ---
  PC: 0x404000 0x405000
--- Memory map: ---
` + maps

// heapz: a heap_v2 text with sampling rate 524288 and a mapping section.
const heapz = `heap profile:    6:  3145728 [    40:  5242880] @ heap_v2/524288
     2:  2097152 [    10:  3145728] @ 0x401000 0x402000 0x403000
     3:    786432 [    20:  1572864] @ 0x404000 0x402000 0x403000
     1:   262144 [    10:   524288] @ 0x7f0000001000 0x405000

MAPPED_LIBRARIES:
` + maps

func legacyCPU() []byte {
	var buf bytes.Buffer
	w := func(v uint64) { _ = binary.Write(&buf, binary.LittleEndian, v) }
	// header: 0, 3 (header words), 0 (version), sampling period in µs, 0 (padding)
	for _, v := range []uint64{0, 3, 0, 10000, 0} {
		w(v)
	}
	samples := []struct {
		count uint64
		pcs   []uint64
	}{
		{120, []uint64{0x401010, 0x402010, 0x403010}},
		{45, []uint64{0x404010, 0x402010, 0x403010}},
		{30, []uint64{0x401010, 0x402110}},
		{5, []uint64{0x7f0000001010, 0x405010}},
	}
	for _, s := range samples {
		w(s.count)
		w(uint64(len(s.pcs)))
		for _, pc := range s.pcs {
			w(pc)
		}
	}
	for _, v := range []uint64{0, 1, 0} { // trailer
		w(v)
	}
	buf.WriteString(maps)
	return buf.Bytes()
}

func init() { _ = fmt.Sprint }
