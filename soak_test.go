package main

import (
	"bufio"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestSoak_KillTheImporter kills an import of a folder of generated orders
// with SIGKILL at random moments, again and again, reopening the store each
// time: no case whose import was reported is lost, none is half-written
// (verify passes: every case with its summary, pages and original, the
// audit trail whole), and no worker outlives its parent by more than two
// seconds. It runs under `make soak` (WARRANTDESK_SOAK=1; SOAK_FILES and
// SOAK_KILLS, 500 and 300 by default), not in `make test`: results are in
// docs/security.md.
func TestSoak_KillTheImporter(t *testing.T) {
	if os.Getenv("WARRANTDESK_SOAK") == "" {
		t.Skip("the kill soak runs under make soak")
	}
	files, kills := envInt("SOAK_FILES", 500), envInt("SOAK_KILLS", 300)
	data := t.TempDir()
	dir, _ := writeSamples(t, files)
	exe := binary(t)
	committed := map[string]bool{}
	var lost, halfWritten, orphans, completed int
	rng := rand.New(rand.NewPCG(14, uint64(time.Now().UnixNano())))
	start := time.Now()
	for k := 0; k < kills; k++ {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, exe, "import", "--json", "--no-ocr", dir)
		cmd.Env = append(os.Environ(), "WARRANTDESK_DATA="+data, "WARRANTDESK_PASSPHRASE="+e2ePassphrase)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				var o struct {
					CaseID string `json:"case_id"`
					Status string `json:"status"`
				}
				if json.Unmarshal(sc.Bytes(), &o) == nil && o.Status == "created" {
					committed[o.CaseID] = true
				}
			}
		}()
		exited := make(chan error, 1)
		go func() { <-done; exited <- cmd.Wait() }()
		select {
		case <-time.After(time.Duration(rng.IntN(2500)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
		case <-exited:
			completed++
		}
		cancel()
		orphans += len(workersLeft(exe, 2*time.Second))
		r := run(t, data, "verify", "--json")
		var rep app.Integrity
		json.Unmarshal([]byte(r.stdout), &rep)
		if r.code != 0 || !rep.OK() {
			halfWritten += len(rep.Damaged) + len(rep.Problems)
			t.Errorf("kill %d: verify: %d %s %s", k, r.code, r.stdout, r.stderr)
		}
		r = run(t, data, "list", "--json")
		var listed []struct {
			ID string `json:"id"`
		}
		json.Unmarshal([]byte(r.stdout), &listed)
		have := map[string]bool{}
		for _, c := range listed {
			have[c.ID] = true
		}
		for id := range committed {
			if !have[id] {
				lost++
				t.Errorf("kill %d: case %s was reported imported and is gone", k, id)
				delete(committed, id)
			}
		}
	}
	t.Logf("SOAK: %d kills (%d imports ran to the end first) of an import of %d files in %s: %d cases committed; lost %d, half-written %d, workers left %d",
		kills, completed, files, time.Since(start).Round(time.Second), len(committed), lost, halfWritten, orphans)
}

// workersLeft waits up to grace for the workers of exe whose parent died,
// and returns those still running.
func workersLeft(exe string, grace time.Duration) []string {
	deadline := time.Now().Add(grace)
	for {
		var left []string
		for _, pid := range running(exe) {
			cmd, _ := os.ReadFile(filepath.Join("/proc", pid, "cmdline"))
			if strings.Contains(string(cmd), "worker") {
				left = append(left, pid)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
