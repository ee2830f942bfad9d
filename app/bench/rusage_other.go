//go:build !unix

package bench

import (
	"os"
	"time"
)

// usage is the CPU time of a finished child; its peak memory is not told
// here.
func usage(ps *os.ProcessState) (cpu time.Duration, maxRSSMB float64) {
	return ps.UserTime() + ps.SystemTime(), 0
}

// ProcessCPU is this process's CPU time so far; not told here.
func ProcessCPU() time.Duration { return 0 }
