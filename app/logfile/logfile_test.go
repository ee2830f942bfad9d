package logfile

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestLog_PrivateFileMadeOnFirstRecordAndRotated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	l := Open(dir)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the folder exists before anything was logged: %v", err)
	}
	l.Info("start", "command", "list")
	if runtime.GOOS != "windows" {
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("folder %v, %v", st.Mode(), err)
		}
		if st, err := os.Stat(l.Path()); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("file %v, %v", st.Mode(), err)
		}
	}
	// Past 1 MB the log starts a new file and keeps three old ones.
	big := strings.Repeat("x", 64<<10)
	for i := 0; i < 80; i++ {
		l.Info("filler", "n", i, "pad", big)
	}
	l.Close()
	// Old files are removed in the background after each rotation.
	var entries []os.DirEntry
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		if entries, _ = os.ReadDir(dir); len(entries) <= 1+maxBackups {
			break
		}
	}
	if len(entries) < 2 || len(entries) > 1+maxBackups {
		t.Errorf("%d files after 5 MB of records", len(entries))
	}
	for _, e := range entries {
		if st, _ := os.Stat(filepath.Join(dir, e.Name())); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v", e.Name(), st.Mode())
		}
	}
}
