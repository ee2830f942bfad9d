package main

import (
	"context"
	"encoding/json"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/warrantdesk/warrantdesk/app/bench"
	"github.com/warrantdesk/warrantdesk/app/cli"
	"github.com/warrantdesk/warrantdesk/app/ui"
)

// benchProbe is what `warrantdesk bench` starts: `bench-probe launch`, the
// desk opened on the data folder as Main opens it, headless, telling one
// JSON line (bench.ProbeResult) once its queue is usable; `bench-probe run
// COMMAND…`, a command timed by a helper that has loaded nothing
// (bench.ServeRun).
func benchProbe(args []string) int {
	out := json.NewEncoder(os.Stdout)
	fail := func(err error) int {
		out.Encode(bench.ProbeResult{Error: err.Error()})
		return 1
	}
	if len(args) > 1 && args[0] == "run" {
		return bench.ServeRun(args[1:], os.Stdout, os.Stderr)
	}
	if len(args) != 1 || args[0] != "launch" {
		return fail(os.ErrInvalid)
	}
	dir, err := cli.DataDir("", os.Getenv, runtime.GOOS)
	if err != nil {
		return fail(err)
	}
	m := &Main{DataDir: dir}
	defer m.Close()
	if err := m.Open(true); err != nil {
		return fail(err)
	}
	// The store is sealed: the desk opens once the reviewer's passphrase
	// unlocks it (Argon2id, the same at any size), timed apart.
	start := time.Now()
	if err := m.service.Unlock(context.Background(), os.Getenv("WARRANTDESK_PASSPHRASE")); err != nil {
		return fail(err)
	}
	unlock := time.Since(start)
	cpu := bench.ProcessCPU()
	// WARRANTDESK_PROBE_CPUPROFILE names a file for a CPU profile of the
	// desk's own part, from the unlocked store to the usable queue.
	stopProfile := startProfile(os.Getenv("WARRANTDESK_PROBE_CPUPROFILE"))
	// Two lines: one as the queue is usable (the bench times the launch
	// by its arrival), one once the index and flags are loaded too.
	_, err = ui.ProbeLaunch(m.service, func(p ui.LaunchProbe) {
		readyCPU := bench.ProcessCPU() - cpu
		stopProfile()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		out.Encode(bench.ProbeResult{Cases: p.Cases, ReadyMS: float64(p.Ready.Microseconds()) / 1000, UnlockMS: float64(unlock.Microseconds()) / 1000,
			ReadyCPUMS: float64(readyCPU.Microseconds()) / 1000,
			RSSMB:      bench.RSSMB(), PeakMB: bench.PeakRSSMB(), HeapMB: float64(ms.HeapInuse) / (1 << 20), AnonMB: bench.RSSAnonMB(), FileMB: bench.RSSFileMB()})
	}, func(p ui.LaunchProbe) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		out.Encode(bench.ProbeResult{Cases: p.Cases, SettledMS: float64(p.Settled.Microseconds()) / 1000, SettledRSSMB: bench.RSSMB(),
			SettledHeapMB: float64(ms.HeapInuse) / (1 << 20), SettledAnonMB: bench.RSSAnonMB(), SettledFileMB: bench.RSSFileMB()})
	})
	if err != nil {
		return fail(err)
	}
	return 0
}

// startProfile starts a CPU profile into the file named ("": none) and
// returns what stops it.
func startProfile(name string) func() {
	if name == "" {
		return func() {}
	}
	f, err := os.Create(name)
	if err != nil {
		return func() {}
	}
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
