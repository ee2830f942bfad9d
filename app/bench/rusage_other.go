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
