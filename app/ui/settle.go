package ui

import (
	"runtime/debug"
	"sync/atomic"
)

// settling counts what a load of the queue still runs behind the list
// (the search index prepared, the ⛔ flags): when the last of them ends,
// the memory the launch used only on its way — every group of summaries
// opened, the index's and the flags' stored forms decoded — is handed back
// to the system at once. Go returns freed heap to the system only slowly,
// so the desk otherwise stayed at twice what it holds (at 100,000 cases
// 570–680 MB resident for some 230 MB live; docs/PERFORMANCE.md).
type settling struct {
	left atomic.Int32
	// done is closed once the memory is handed back (the launch probe
	// waits for it).
	done chan struct{}
}

func newSettling(n int32) *settling {
	s := &settling{done: make(chan struct{})}
	s.left.Store(n)
	return s
}

// end marks one load behind the list ended; off the UI goroutine, as the
// collection it starts takes a tenth of a second at 100,000 cases.
func (s *settling) end() {
	if s.left.Add(-1) != 0 {
		return
	}
	go func() {
		debug.FreeOSMemory()
		close(s.done)
	}()
}
