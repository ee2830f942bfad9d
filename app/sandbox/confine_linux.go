package sandbox

import (
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// limitAddressSpace caps this process's virtual memory at what it has
// mapped now plus budget bytes, so an allocation bomb (a predictor with
// 10^11 columns, an xref claiming 3·10^9 entries) fails fast instead of
// swapping the laptop to a halt. The runtime's own reservations are
// counted in, which is why the cap is relative.
func limitAddressSpace(budget int64) {
	var base int64
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 {
			if pages, err := strconv.ParseInt(f[0], 10, 64); err == nil {
				base = pages * int64(os.Getpagesize())
			}
		}
	}
	limit := uint64(base + budget)
	_ = unix.Setrlimit(unix.RLIMIT_AS, &unix.Rlimit{Cur: limit, Max: limit})
}
