// Command mkindex concatenates the index.json entry arrays the sample programs wrote, in the
// order of its arguments, checks that names are unique and URL-safe, and prints index.json.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
)

var urlSafe = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

func main() {
	var all []json.RawMessage
	seen := map[string]bool{}
	for _, path := range os.Args[1:] {
		raw, err := os.ReadFile(path)
		if err != nil {
			fail(err)
		}
		var entries []json.RawMessage
		if err := json.Unmarshal(raw, &entries); err != nil {
			fail(fmt.Errorf("%s: %w", path, err))
		}
		for _, e := range entries {
			var fields struct{ Name string }
			if err := json.Unmarshal(e, &fields); err != nil {
				fail(fmt.Errorf("%s: %w", path, err))
			}
			name := fields.Name
			if !urlSafe.MatchString(name) || seen[name] {
				fail(fmt.Errorf("%s: name %q is not URL-safe or not unique", path, name))
			}
			seen[name] = true
			all = append(all, e)
		}
	}
	out, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		fail(err)
	}
	fmt.Printf("%s\n", out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mkindex:", err)
	os.Exit(1)
}
