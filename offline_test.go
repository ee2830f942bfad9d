package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOffline_NothingReachesTheNetwork runs an import with OCR, a memo
// export and the desk (under Xvfb) inside a network namespace with no
// interface but a down loopback (unshare -n), and, where strace is
// installed, records every connect(2) of the program and its workers:
// none may go anywhere but a local socket (the X server's). Skipped where
// namespaces are not permitted.
func TestOffline_NothingReachesTheNetwork(t *testing.T) {
	unshare := []string{"unshare", "-n"}
	if exec.Command("unshare", "-n", "true").Run() != nil {
		unshare = []string{"unshare", "-rn"}
		if exec.Command("unshare", "-rn", "true").Run() != nil {
			t.Skip("network namespaces are not permitted here")
		}
	}
	exe := binary(t)
	data, orders, out := t.TempDir(), t.TempDir(), t.TempDir()
	os.Chmod(data, 0o700)
	if r := run(t, data, "samples", "--out", orders, "--n", "1", "--scanned"); r.code != 0 {
		t.Fatalf("samples: %s", r.stderr)
	}
	_, haveStrace := exec.LookPath("strace")
	traces := t.TempDir()
	wrap := func(name string, args ...string) []string {
		cmd := append([]string{}, unshare...)
		if haveStrace == nil {
			cmd = append(cmd, "strace", "-f", "-qq", "-e", "trace=connect", "-o", filepath.Join(traces, name))
		}
		return append(cmd, args...)
	}
	env := append(os.Environ(), "WARRANTDESK_DATA="+data, "WARRANTDESK_PASSPHRASE="+e2ePassphrase, "LANG=en_US.UTF-8")
	steps := [][]string{wrap("import", exe, "import", "--json", orders)}
	if _, err := exec.LookPath("Xvfb"); err == nil {
		// The desk opens on the locked store's lock screen and runs until
		// timeout ends it.
		script := `Xvfb :87 -nolisten tcp >/dev/null 2>&1 & x=$!; sleep 1; DISPLAY=:87 timeout 6 "$@"; kill $x; true`
		steps = append(steps, wrap("desk", "sh", "-c", script, "sh", exe))
	}
	for _, s := range steps {
		cmd := exec.Command(s[0], s[1:]...)
		cmd.Env = env
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", s, err, b)
		}
	}
	r := run(t, data, "list", "--json")
	ids := regexp.MustCompile(`"id": "([0-9a-f]{32})"`).FindAllStringSubmatch(r.stdout, -1)
	if len(ids) != 1 {
		t.Fatalf("offline import stored %d cases:\n%s", len(ids), r.stdout)
	}
	run(t, data, "decide", ids[0][1], "--decision", "reject")
	m := wrap("memo", exe, "memo", ids[0][1], "--out", filepath.Join(out, "memo.pdf"))
	memo := exec.Command(m[0], m[1:]...)
	memo.Env = env
	if b, err := memo.CombinedOutput(); err != nil {
		t.Fatalf("memo offline: %v %s", err, b)
	}
	if haveStrace != nil {
		t.Log("strace is not installed: ran offline, connect(2) not traced")
		return
	}
	files, _ := filepath.Glob(filepath.Join(traces, "*"))
	connects := 0
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.Contains(line, "connect(") {
				continue
			}
			connects++
			if !strings.Contains(line, "AF_UNIX") && !strings.Contains(line, "AF_LOCAL") {
				t.Errorf("%s: a connect to something other than a local socket: %s", filepath.Base(f), line)
			}
		}
	}
	t.Logf("offline: %d connect(2) calls traced, all to local sockets", connects)
}
