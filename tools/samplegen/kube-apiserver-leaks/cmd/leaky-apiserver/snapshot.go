package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
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

type snapshot struct {
	entries []indexEntry
	summary string
}

// takeSnapshot writes the goroutine profile at debug=0, 1 and 2 and the heap profile. The
// caller has paused the load; the dumps then describe the same goroutines.
func takeSnapshot(outDir, name, group string, elapsed time.Duration) (*snapshot, error) {
	// Let goroutines that just finished their work reach their final blocking point.
	time.Sleep(300 * time.Millisecond)
	// A GC stamps the wait start of newly blocked goroutines (the minutes in debug=2 headers)
	// and makes the heap profile current, as /debug/pprof/heap?gc=1 does.
	runtime.GC()
	time.Sleep(100 * time.Millisecond)

	captured := time.Now().UTC().Format(time.RFC3339)
	var debug2 bytes.Buffer
	files := []struct {
		suffix  string
		profile string
		debug   int
		copy    *bytes.Buffer
	}{
		{".goroutine.pb.gz", "goroutine", 0, nil},
		{".goroutine.debug1.txt", "goroutine", 1, nil},
		{".goroutine.debug2.txt", "goroutine", 2, &debug2},
		{".heap.pb.gz", "heap", 0, nil},
	}
	for _, f := range files {
		var buf bytes.Buffer
		if err := pprof.Lookup(f.profile).WriteTo(&buf, f.debug); err != nil {
			return nil, err
		}
		if f.copy != nil {
			f.copy.Write(buf.Bytes())
		}
		if err := os.WriteFile(filepath.Join(outDir, name+f.suffix), buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
	}

	timeouts := countLeaked(debug2.Bytes(), "filters.(*timeoutHandler).ServeHTTP.func1.1(")
	distributors := countLeaked(debug2.Bytes(), "registry.(*Store).DeleteCollection.func1(")
	vendored := ""
	if bytes.Contains(debug2.Bytes(), []byte("k8s.io/kubernetes/vendor/k8s.io/apiserver/")) {
		vendored = " (package paths under k8s.io/kubernetes/vendor/, as in a GOPATH-era build)"
	}
	at := fmt.Sprintf("after %s of load", elapsed.Round(time.Second))
	leaks := fmt.Sprintf("%d timeoutHandler goroutines and %d DeleteCollection distributors stuck in chan send", timeouts.count, distributors.count)
	title := "Leaky kube-apiserver" + map[bool]string{true: " (vendored build)", false: ""}[vendored != ""] + ", " + at
	slug := strings.ReplaceAll(name, ".", "-")
	s := &snapshot{
		summary: fmt.Sprintf("timeoutHandler leaked %s; DeleteCollection leaked %s", timeouts, distributors),
		entries: []indexEntry{
			{slug + "-goroutine-debug2", name + ".goroutine.debug2.txt", title + ": goroutine dump (debug=2)",
				"Full goroutine dump " + at + vendored + ": " + leaks + ", with wait minutes.", "goroutine", "debug2", &captured, group},
			{slug + "-goroutine-debug1", name + ".goroutine.debug1.txt", title + ": goroutine profile (debug=1)",
				"The same moment as counted stacks (debug=1): " + leaks + ".", "goroutine", "debug1", &captured, group},
			{slug + "-goroutine", name + ".goroutine.pb.gz", title + ": goroutine profile (pprof)",
				"The same moment as a pprof goroutine profile (debug=0): " + leaks + ".", "goroutine", "pprof", &captured, group},
			{slug + "-heap", name + ".heap.pb.gz", title + ": heap profile",
				"Heap " + at + ": objects listed by DeleteCollection stay in use, pinned by the stuck distributor goroutines.", "heap", "pprof", &captured, group},
		},
	}
	return s, nil
}

type leakCount struct {
	count, withoutMinutes, minMinutes, maxMinutes int
}

func (l leakCount) String() string {
	if l.count == l.withoutMinutes {
		return fmt.Sprintf("%d goroutines, none with wait minutes", l.count)
	}
	return fmt.Sprintf("%d goroutines, %d without wait minutes, waits %d-%d minutes", l.count, l.withoutMinutes, l.minMinutes, l.maxMinutes)
}

var minutesRE = regexp.MustCompile(`, (\d+) minutes[,\]]`)

// countLeaked counts the goroutines of a debug=2 dump whose stack contains frame.
func countLeaked(dump []byte, frame string) leakCount {
	var l leakCount
	for _, g := range bytes.Split(dump, []byte("\n\ngoroutine ")) {
		if !bytes.Contains(g, []byte(frame)) {
			continue
		}
		l.count++
		header := g[:bytes.IndexByte(g, '\n')]
		m := minutesRE.FindSubmatch(header)
		if m == nil {
			l.withoutMinutes++
			continue
		}
		minutes, _ := strconv.Atoi(string(m[1]))
		if l.count-l.withoutMinutes == 1 || minutes < l.minMinutes {
			l.minMinutes = minutes
		}
		if minutes > l.maxMinutes {
			l.maxMinutes = minutes
		}
	}
	return l
}
