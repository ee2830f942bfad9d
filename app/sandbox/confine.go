package sandbox

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// Exit codes a confined worker ends with on its own.
const (
	ExitDeadline = 124 // its own deadline passed
	ExitOrphaned = 125 // its parent is gone
)

// workerStack caps a worker's goroutine stack, so a PDF whose objects
// contain themselves fails in a fraction of a second instead of after
// growing a gigabyte of stack.
const workerStack = 64 << 20

// watchEvery is how often a worker checks that its parent is alive.
const watchEvery = 250 * time.Millisecond

var (
	confineOnce sync.Once
	started     time.Time
	deadlineNs  atomic.Int64
)

// Confine is called by a worker before it reads anything untrusted. It caps
// the goroutine stack and the heap (the runtime's soft limit and, on
// Linux, the address space: what is mapped now plus memory bytes), and
// starts a watchdog that ends the process when deadline (counted from
// this call; 0 for none) has passed or when its parent has died — on
// systems with no parent-death signal that is what keeps an orphan from
// spinning on a looping file forever. Only the first call sets limits.
func Confine(memory int64, deadline time.Duration) {
	confineOnce.Do(func() {
		debug.SetMaxStack(workerStack)
		if memory > 0 {
			debug.SetMemoryLimit(memory)
			limitAddressSpace(memory)
		}
		started = time.Now()
		deadlineNs.Store(int64(deadline))
		parent := os.Getppid()
		go func() {
			for range time.Tick(watchEvery) {
				if d := time.Duration(deadlineNs.Load()); d > 0 && time.Since(started) > d {
					fmt.Fprintf(os.Stderr, "worker: own deadline of %s passed\n", d)
					os.Exit(ExitDeadline)
				}
				if orphaned(parent) {
					os.Exit(ExitOrphaned)
				}
			}
		}()
	})
}

// SetDeadline moves a confined worker's own deadline (counted from
// Confine), when it learns how much work it has: a long file earns more
// time.
func SetDeadline(d time.Duration) { deadlineNs.Store(int64(d)) }
