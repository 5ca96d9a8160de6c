// Parse-only time of gostackparse (github.com/DataDog/gostackparse) on one file, for the
// benchmark's peer figure: reads the file, then times gostackparse.Parse alone and prints
// {"ms": ..., "goroutines": ...}. Built by bench/cases/cli.ts only when gostackparse's source
// is on this machine (there is no module proxy here).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/DataDog/gostackparse"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start := time.Now()
	goroutines, errs := gostackparse.Parse(bytes.NewReader(data))
	ms := float64(time.Since(start).Microseconds()) / 1000
	out, _ := json.Marshal(map[string]any{"ms": ms, "goroutines": len(goroutines), "errors": len(errs)})
	fmt.Println(string(out))
}
