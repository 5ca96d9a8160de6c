// Command bigvalues writes a mutex-like pprof profile whose sample values and sums pass 2^53
// (long-running block and mutex profiles reach such nanosecond sums), hand-encoded in
// profile.proto's wire format with the standard library only. Usage: go run . OUT.pb.gz
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"os"
)

type msg struct{ bytes.Buffer }

func (m *msg) tag(field, wire int) { m.uvarint(uint64(field<<3 | wire)) }
func (m *msg) uvarint(v uint64) {
	var b [binary.MaxVarintLen64]byte
	m.Write(b[:binary.PutUvarint(b[:], v)])
}
func (m *msg) int(field int, v int64) { m.tag(field, 0); m.uvarint(uint64(v)) }
func (m *msg) bytes(field int, b []byte) {
	m.tag(field, 2)
	m.uvarint(uint64(len(b)))
	m.Write(b)
}
func (m *msg) sub(field int, s *msg) { m.bytes(field, s.Bytes()) }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bigvalues OUT.pb.gz")
		os.Exit(2)
	}
	strs := []string{""}
	str := func(s string) int64 {
		for i, x := range strs {
			if x == s {
				return int64(i)
			}
		}
		strs = append(strs, s)
		return int64(len(strs) - 1)
	}
	var p msg
	valueType := func(field int, typ, unit string) {
		var vt msg
		vt.int(1, str(typ))
		vt.int(2, str(unit))
		p.sub(field, &vt)
	}
	valueType(1, "contentions", "count")
	valueType(1, "delay", "nanoseconds")

	funcs := []string{"main.main", "sync.(*Mutex).Lock", "main.lockA", "main.lockB", "main.lockC", "main.worker"}
	// One sample per stack (leaf first, function ids from 1), with its two values.
	const p53 = int64(1) << 53
	samples := []struct {
		stack []uint64
		count int64
		delay int64
	}{
		// Each value below 2^53 but the sum past it: a double's running sum rounds.
		{[]uint64{2, 3, 6, 1}, p53/2 + 1, p53/2 + 3},
		{[]uint64{2, 3, 6, 1}, p53/2 + 5, p53/2 + 7},
		{[]uint64{2, 4, 6, 1}, p53 - 1, p53 - 1},
		// Values past 2^53, which a double cannot hold exactly.
		{[]uint64{2, 5, 1}, p53 + 1, 3*p53 + 5},
		{[]uint64{2, 5, 6, 1}, p53 + 3, 1<<62 + 7},
		{[]uint64{4, 1}, 1, 999},
	}
	// Then a thousand small ones: a double's running sum past 2^53 drops each +1 (it rounds back
	// to even), pprof's int64 sum counts them all.
	for i := 0; i < 1000; i++ {
		samples = append(samples, struct {
			stack []uint64
			count int64
			delay int64
		}{[]uint64{4, 1}, 1, 1})
	}
	for _, s := range samples {
		var sm msg
		for _, id := range s.stack {
			sm.int(1, int64(id))
		}
		sm.int(2, s.count)
		sm.int(2, s.delay)
		p.sub(2, &sm)
	}
	for i := range funcs {
		var loc msg
		loc.int(1, int64(i+1))
		loc.int(3, int64(0x1000+16*i))
		var line msg
		line.int(1, int64(i+1))
		line.int(2, int64(10+i))
		loc.sub(4, &line)
		p.sub(4, &loc)
	}
	for i, name := range funcs {
		var fn msg
		fn.int(1, int64(i+1))
		fn.int(2, str(name))
		fn.int(3, str(name))
		fn.int(4, str("/src/main.go"))
		p.sub(5, &fn)
	}
	periodType := str("contentions")
	periodUnit := str("count")
	for _, s := range strs {
		p.bytes(6, []byte(s))
	}
	var pt msg
	pt.int(1, periodType)
	pt.int(2, periodUnit)
	p.sub(11, &pt)
	p.int(12, 1)

	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(p.Bytes())
	zw.Close()
	if err := os.WriteFile(os.Args[1], out.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
