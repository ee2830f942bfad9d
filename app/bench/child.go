package bench

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"time"
)

// A child's peak memory as the OS reports it (ru_maxrss) counts the pages
// of the process that started it, up to the exec: the bench itself, which
// holds a whole store's cases while it times search. So the commands whose
// memory is reported are started by a small helper process of their own —
// `warrantdesk bench-probe run COMMAND…`, served by ServeRun — that has
// loaded nothing.

// runReport is what ServeRun prints.
type runReport struct {
	WallMS float64 `json:"wall_ms"`
	CPUMS  float64 `json:"cpu_ms"`
	RSSMB  float64 `json:"rss_mb"`
	Error  string  `json:"error,omitempty"`
}

// ServeRun runs this binary with args (its output discarded, its stderr
// passed on), waits, and prints one JSON line: its wall and CPU time and
// peak memory. It returns the exit code for the helper.
func ServeRun(args []string, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	cmd := exec.Command(exe, args...)
	cmd.Stderr = stderr
	start := time.Now()
	err = cmd.Run()
	r := runReport{WallMS: ms(time.Since(start))}
	if cmd.ProcessState != nil {
		cpu, rss := usage(cmd.ProcessState)
		r.CPUMS, r.RSSMB = ms(cpu), rss
	}
	if err != nil {
		r.Error = err.Error()
	}
	json.NewEncoder(stdout).Encode(r)
	if err != nil {
		return 1
	}
	return 0
}

// PeakRSSMB is this process's peak resident memory, in MB (Linux; 0
// elsewhere): counted from its own exec, unlike what its parent is told.
func PeakRSSMB() float64 { return statusMB("VmHWM:") }

// RSSAnonMB is the part of this process's resident memory in anonymous
// pages — the Go heap, stacks, the runtime's own — in MB (Linux; 0
// elsewhere).
func RSSAnonMB() float64 { return statusMB("RssAnon:") }

// RSSFileMB is the part in pages of mapped files: the binary's code and
// the pages of the store's memory-mapped database it touched and still
// maps.
func RSSFileMB() float64 { return statusMB("RssFile:") }
