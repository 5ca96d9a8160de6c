// Prints runtime/pprof's scaleHeapSample (copied from Go 1.19 protomem.go) over a sweep of
// counts, sizes and rates, computed with this machine's math.Exp, for the debug=1 heap test.
package main

import (
	"fmt"
	"math"
)

func scaleHeapSample(count, size, rate int64) (int64, int64) {
	if count == 0 || size == 0 {
		return 0, 0
	}
	if rate <= 1 {
		return count, size
	}
	avgSize := float64(size) / float64(count)
	scale := 1 / (1 - math.Exp(-avgSize/float64(rate)))
	return int64(float64(count) * scale), int64(float64(size) * scale)
}

func main() {
	for count := int64(1); count < 3000; count += 37 {
		for size := count; size < count*70000; size = size*3 + 17 {
			for _, rate := range []int64{1, 4096, 524288} {
				c, s := scaleHeapSample(count, size, rate)
				fmt.Printf("%d %d %d %d %d\n", count, size, rate, c, s)
			}
		}
	}
}
