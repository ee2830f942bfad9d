package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app/crafted"
)

// writeHostileFolder lays out every crafted file beside good orders, as an
// import folder from a hacked mailbox might hold them. It returns the
// folder and the names of the good orders.
func writeHostileFolder(t *testing.T, garbage int) (string, map[string]bool) {
	t.Helper()
	samples, _ := writeSamples(t, 3)
	dir := t.TempDir()
	good := map[string]bool{}
	entries, _ := os.ReadDir(samples)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pdf") {
			b, _ := os.ReadFile(filepath.Join(samples, e.Name()))
			os.WriteFile(filepath.Join(dir, e.Name()), b, 0o600)
			good[e.Name()] = true
		}
	}
	files := crafted.Parser()
	for name, data := range crafted.Renderer(garbage) {
		files[name] = data
	}
	files["encrypted"] = crafted.Encrypted()
	files["50,000 pages of text"] = crafted.LongText(50000)
	for name, data := range files {
		os.WriteFile(filepath.Join(dir, "crafted "+name+".pdf"), data, 0o600)
	}
	if runtime.GOOS != "windows" {
		syscall.Mkfifo(filepath.Join(dir, "x.pdf"), 0o600)
		os.Symlink("/etc/passwd", filepath.Join(dir, "order.pdf"))
		os.Mkdir(filepath.Join(dir, "folder.pdf"), 0o700)
		// A name that would forge a line of the report.
		os.WriteFile(filepath.Join(dir, "evil\nother.pdf: new case 0000.pdf"), crafted.Parser()["truncated"], 0o600)
	}
	return dir, good
}

// TestCLI_HostileFolderImport imports a folder holding every crafted file
// at once: each bad file is reported (refused, or stored with a warning
// that says what was not read), every good one stored, no worker is left
// behind, and the app's own peak memory stays in the low hundreds of MB
// (measured with /usr/bin/time where it is installed; docs/security.md).
func TestCLI_HostileFolderImport(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and links are made with Unix calls")
	}
	garbage := 32 << 20
	if s := os.Getenv("WARRANTDESK_HOSTILE_GARBAGE_MB"); s != "" {
		n, _ := strconv.Atoi(s)
		garbage = n << 20
	}
	dir, good := writeHostileFolder(t, garbage)
	data := t.TempDir()
	cmd := exec.Command(binary(t), "import", "--json", dir)
	cmd.Env = append(os.Environ(), "WARRANTDESK_DATA="+data, "LANG=en_US.UTF-8", "WARRANTDESK_PASSPHRASE="+e2ePassphrase)
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peak := watchPeak(cmd.Process.Pid)
	// Each file's time: from the start to its line, as files finish.
	var progress []string
	errDone := make(chan string)
	go func() {
		var rest strings.Builder
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "[") {
				progress = append(progress, fmt.Sprintf("%6.1f s  %s", time.Since(start).Seconds(), line))
			}
			rest.WriteString(line + "\n")
		}
		errDone <- rest.String()
	}()
	var outcomes []struct {
		File, Status, Error string
		CaseID              string `json:"case_id"`
	}
	dec := json.NewDecoder(stdout)
	for {
		var o struct {
			File, Status, Error string
			CaseID              string `json:"case_id"`
		}
		if dec.Decode(&o) != nil {
			break
		}
		outcomes = append(outcomes, o)
	}
	errText := <-errDone
	waitErr := cmd.Wait()
	elapsed := time.Since(start)
	if strings.Contains(errText, "panic:") || strings.Contains(errText, "goroutine ") {
		t.Fatalf("a Go panic:\n%s", errText)
	}
	if ee, ok := waitErr.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit %v, want 1 (some input failed)", waitErr)
	}
	for _, p := range progress {
		t.Log(p)
	}
	// No worker left: nothing runs from the binary once it has exited.
	time.Sleep(100 * time.Millisecond)
	if left := running(binary(t)); len(left) > 0 {
		t.Errorf("workers left running: %v", left)
	}
	stored := map[string]string{}
	for _, o := range outcomes {
		name := filepath.Base(o.File)
		switch {
		case good[name] && o.Status != "created":
			t.Errorf("good order %s: %s %s", name, o.Status, o.Error)
		case o.Status == "created":
			stored[name] = o.CaseID
		case o.Error == "":
			t.Errorf("%s: %s without a reason", name, o.Status)
		}
	}
	for name := range good {
		if stored[name] == "" {
			t.Errorf("good order %s not stored", name)
		}
	}
	// A crafted file that was stored says in its warnings what went wrong.
	for name, id := range stored {
		if good[name] {
			continue
		}
		show := run(t, data, "show", "--json", id)
		var c struct{ Warnings []string }
		json.Unmarshal([]byte(show.stdout), &c)
		if len(c.Warnings) == 0 {
			t.Errorf("%s stored without a warning", name)
		}
		t.Logf("stored %s: %s", name, strings.Join(c.Warnings, " | "))
	}
	if strings.Contains(errText, "\nother.pdf: new case") {
		t.Error("a file name forged a line of the report")
	}
	t.Logf("%d outcomes in %s", len(outcomes), elapsed.Round(time.Second))
	appPeak := <-peak
	workerPeak := int64(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		workerPeak = int64(ru.Maxrss) >> 10 // the app or its largest worker
	}
	t.Logf("peak RSS: the app %d MB; the largest process, app or worker, %d MB", appPeak>>20, workerPeak)
	// The app holds at most InFlight (256 MB) of file bytes; the parsing
	// and rendering happen in workers.
	if appPeak>>20 > 450 {
		t.Errorf("the app itself peaked at %d MB", appPeak>>20)
	}
}

// watchPeak follows a process's own peak resident memory (VmHWM, which
// counts neither its children nor what they use) until it exits, and sends
// the last value seen.
func watchPeak(pid int) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		path := fmt.Sprintf("/proc/%d/status", pid)
		for {
			b, err := os.ReadFile(path)
			if err != nil || strings.Contains(string(b), "State:\tZ") {
				out <- peak
				return
			}
			for _, line := range strings.Split(string(b), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
					if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil && kb<<10 > peak {
						peak = kb << 10
					}
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return out
}

// running lists the processes whose executable is exe.
func running(exe string) []string {
	var out []string
	links, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, l := range links {
		if target, err := os.Readlink(l); err == nil && target == exe {
			pid := filepath.Base(filepath.Dir(l))
			if state, err := os.ReadFile(filepath.Join(filepath.Dir(l), "stat")); err == nil && !strings.Contains(string(state), ") Z") {
				out = append(out, pid)
			}
		}
	}
	sort.Strings(out)
	return out
}
