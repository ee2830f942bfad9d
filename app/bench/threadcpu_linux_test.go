package bench

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// threadCPU is the time the calling thread (locked to its goroutine by
// the caller) has run on a CPU, as the scheduler counts it to the
// nanosecond: a keystroke's own cost, apart from the time a busy machine
// keeps it waiting.
func threadCPU() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/thread-self/schedstat")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	ns, err := strconv.ParseInt(f[0], 10, 64)
	return time.Duration(ns), err == nil
}
