//go:build unix

package bench

import (
	"os"
	"syscall"
	"time"
)

// usage is the CPU time and peak memory of a finished child and the
// children it waited for.
func usage(ps *os.ProcessState) (cpu time.Duration, maxRSSMB float64) {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		// Linux counts ru_maxrss in KiB.
		return ps.UserTime() + ps.SystemTime(), float64(ru.Maxrss) / 1024
	}
	return ps.UserTime() + ps.SystemTime(), 0
}

// ProcessCPU is the CPU time this process has used so far, user and
// system, every thread.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
