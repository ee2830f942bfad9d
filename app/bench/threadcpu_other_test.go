//go:build !linux

package bench

import "time"

// threadCPU is not told here: the benchmarks report wall time alone.
func threadCPU() (time.Duration, bool) { return 0, false }
