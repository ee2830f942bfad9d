package pdftext

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// TestIsolated_NoWorkerOutlivesTheApp kills an app mid-read of a PDF whose
// cross-reference loops forever, and finds no worker left two seconds
// later.
func TestIsolated_NoWorkerOutlivesTheApp(t *testing.T) {
	parent := exec.Command(os.Args[0], "-test.run=^$")
	parent.Env = append(os.Environ(), "PDFTEXT_TEST_ROLE=reading parent")
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	var worker int
	for deadline := time.Now().Add(10 * time.Second); worker == 0; {
		if time.Now().After(deadline) {
			parent.Process.Kill()
			t.Fatal("the app started no worker")
		}
		time.Sleep(50 * time.Millisecond)
		if kids := children(parent.Process.Pid); len(kids) > 0 {
			worker = kids[0]
		}
	}
	time.Sleep(500 * time.Millisecond) // the worker is spinning on the loop
	if !sandbox.Alive(worker) {
		t.Fatal("the worker ended on its own before the app was killed")
	}
	parent.Process.Signal(syscall.SIGKILL)
	parent.Wait()
	for deadline := time.Now().Add(2 * time.Second); sandbox.Alive(worker); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			syscall.Kill(worker, syscall.SIGKILL)
			t.Fatalf("worker %d still running 2 s after the app died", worker)
		}
	}
}

// children lists the processes whose parent is pid.
func children(pid int) []int {
	var out []int
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(s[i+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			if n, err := strconv.Atoi(filepath.Base(filepath.Dir(f))); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}
